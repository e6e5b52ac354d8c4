// Load generator for Lectern's audience server: N phones over WebSockets on loopback, each from a source
// address in 127.0.0.2-254, so the server's per-address limits work as in a room. It starts lectern-benchserver
// itself (a separate process, 127.0.0.1 only), drives it, and prints the figures. Not a test: no pass/fail.
//
//   node loadgen.mjs --server BUILD/tests/benchmarks/load/lectern-benchserver --db DIR/bench.sqlite \
//        --clients 1000 --phase rate1000:1000:30 --phase max:max:30 [--server-arg=--device-rate=12]
//   node loadgen.mjs ... --clients 1000 --phase kill:3000:20 --kill-after 8 --record DIR/votes.jsonl
//
// What it measures (README, "Audience server load"):
// - connect: from the first join to all N phones welcomed (HTTP join, WebSocket, hello, welcome), and the
//   same per phone; at most --connect-concurrency phones connecting at once.
// - accepted votes/s: acks (votes committed) received during a phase, per second of the phase.
// - send → ack: from sending a vote to its ack (the vote is committed).
// - vote → presenter model updated: measured inside the server (benchserver.cpp), reported here.
// - vote → every phone has the new totals: before the phases every phone votes once, so the poll's voter
//   count stays put while phones change their answers. Every --probe-ms a probe, a phone that has not voted,
//   connects and votes: that raises the voter count to exactly a known number. A phone has totals that include
//   the probe once a results message with at least that many voters reaches it. Per probe, the time from
//   sending its vote until the last of the N phones has such a message is one sample ("every phone");
//   each phone's own time is a sample too ("per phone"). Not all within --probe-timeout-ms: counted apart.
// - server RSS and peak RSS (VmHWM, reset at each phase's start), server and generator CPU.
// Phases: LABEL:RATE:SECONDS. RATE votes per second in total, round-robin over the phones, each vote a different
// answer from the phone's last; `max`: as fast as the server acknowledges, with at most --window votes
// unacknowledged, each phone no faster than --max-client-rate (below the server's per-device limit, as a phone
// obeying it would).
// Kill test (--kill-after S): the server is killed (SIGKILL) S seconds into the first phase, every vote sent and
// its outcome go to --record, the server is started again on the same database, and `lectern-benchserver
// --verify` counts acknowledged votes missing from it.
//
// Questions (--questions Q): the server serves the session's Q&A too (lectern-benchserver --questions), and the
// phases send upvotes instead of votes:
//
//   node loadgen.mjs --server ... --db DIR/q.sqlite --clients 2000 --questions 200 --phase 500/s:500:10 \
//        --phase max:max:10 [--question-chars 120] [--probe-questions 4] [--ask-rate 50] [--loop-lag-ms 5]
//
// - asking: the first Q welcomed phones ask one question each (from their own source addresses while Q ≤ 253, so
//   neither the per-device nor the per-address question limit is reached), --ask-rate a second; text of
//   --question-chars characters on average (half to one and a half of it), a quarter of them with a name. Then it
//   waits until every phone has had a questionUpdates naming the last question.
// - upvotes: each a different (phone, question) pair: phone i upvotes the questions in the order asked from
//   question i + 1 on, one after the other, never one twice and never its own; the upvotes of a phase go round-robin
//   over the phones as votes do, so they spread evenly over the questions (every broadcast then holds as many
//   changed questions as it can: the largest questionUpdates). RATE and `max` as for votes; an optional fourth
//   field LABEL:RATE:SECONDS:COUNT ends the phase after COUNT upvotes.
// - send → `upvoted`: from sending an upvote to its acknowledgement (committed).
// - upvote → console model: measured inside the server from AudienceServer::upvoteReceived to the
//   LiveQuestions::questionsChanged naming the question; and to queue() pulled as the console's question panel
//   pulls it (at once, or at the end of 100 ms when it pulled in the last 100 ms).
// - upvote → every phone: the last --probe-questions questions asked get no ordinary upvotes; every --probe-ms a
//   phone that has not upvoted one of them does (one probe at a time, acknowledged before the next), raising its
//   count to exactly a known number. A phone has the upvote once a questionUpdates shows that question with at least
//   that many votes; the samples are as for votes ("every phone", "per phone"). Probe upvotes count in the phase.
// - questionUpdates per phone per second, their mean and largest size, the bytes a second sent to all phones,
//   and (with --loop-lag-ms N) how late a timer every N ms fired in the server: its longest busy stretches.
// - at the end: upvotes acknowledged against the sum of votes in the server's LiveQuestions.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values: args } = parseArgs({
    options: {
        server: { type: 'string' },
        db: { type: 'string' },
        'server-arg': { type: 'string', multiple: true, default: [] },
        clients: { type: 'string', default: '100' },
        phase: { type: 'string', multiple: true, default: [] },
        'connect-concurrency': { type: 'string', default: '100' },
        'probe-ms': { type: 'string', default: '250' },
        'probe-timeout-ms': { type: 'string', default: '5000' },
        window: { type: 'string', default: '2000' },
        'max-client-rate': { type: 'string' },
        'max-in-flight-per-phone': { type: 'string', default: '8' },
        'kill-after': { type: 'string' },
        questions: { type: 'string' },
        'question-chars': { type: 'string', default: '120' },
        'probe-questions': { type: 'string', default: '4' },
        'ask-rate': { type: 'string', default: '50' },
        'loop-lag-ms': { type: 'string', default: '0' },
        record: { type: 'string' },
        timeout: { type: 'string', default: '300' },
        help: { type: 'boolean', default: false },
    },
});

if (args.help || !args.server || !args.db || args.phase.length === 0) {
    console.error('usage: node loadgen.mjs --server PATH --db PATH --clients N --phase LABEL:RATE|max:SECONDS... ' +
        '[--server-arg=--device-rate=12] [--kill-after S --record FILE] [--questions Q] (see the top of loadgen.mjs)');
    process.exit(2);
}

const clientCount = Number(args.clients);
const phases = args.phase.map((text) => {
    const [label, rate, seconds, count] = text.split(':');
    const phase = {
        label,
        rate: rate === 'max' ? 'max' : Number(rate),
        seconds: Number(seconds),
        count: count === undefined ? Infinity : Number(count),
    };
    if (!label || !(phase.rate === 'max' || phase.rate > 0) || !(phase.seconds > 0 && phase.seconds <= 120) ||
        !(phase.count > 0))
        throw new Error(`bad --phase ${text}: LABEL:RATE|max:SECONDS[:COUNT] (seconds ≤ 120)`);
    return phase;
});
const killAfter = args['kill-after'] !== undefined ? Number(args['kill-after']) : undefined;
if (killAfter !== undefined && !args.record)
    throw new Error('--kill-after needs --record FILE');
const probeMs = Number(args['probe-ms']);
const probeTimeoutMs = Number(args['probe-timeout-ms']);
const maxInFlightPerPhone = Number(args['max-in-flight-per-phone']);
const hardTimeoutMs = Number(args.timeout) * 1000;
const questionCount = args.questions !== undefined ? Number(args.questions) : 0;
const probeQuestionCount = Number(args['probe-questions']);
const questionChars = Number(args['question-chars']);
if (args.questions !== undefined) {
    if (!(questionCount > probeQuestionCount && probeQuestionCount >= 1))
        throw new Error('--questions must be more than --probe-questions (at least 1)');
    if (!(questionChars >= 10 && questionChars <= 200))
        throw new Error('--question-chars: 10 to 200 (the longest question is 1.5 times it, at most 300)');
    if (killAfter !== undefined)
        throw new Error('--kill-after measures votes: not with --questions');
}
const serverArgs = [...args['server-arg']];
if (questionCount > 0)
    serverArgs.push('--questions');
if (Number(args['loop-lag-ms']) > 0)
    serverArgs.push(`--loop-lag-ms=${Number(args['loop-lag-ms'])}`);

// Everything stops by itself: whatever happens, the server and this process end after --timeout.
let server;
setTimeout(() => {
    console.error(`loadgen: --timeout ${args.timeout} s reached; stopping`);
    server?.kill('SIGKILL');
    process.exit(3);
}, hardTimeoutMs);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

function percentile(samples, fraction) {
    if (samples.length === 0)
        return NaN;
    const sorted = Float64Array.from(samples).sort();
    const index = Math.max(0, Math.ceil(fraction * sorted.length) - 1);
    return sorted[Math.min(index, sorted.length - 1)];
}

const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const sourceAddress = (index) => `127.0.0.${2 + (index % 253)}`;

// Every phone gets the same bytes of a broadcast: they are parsed once (a few recent messages are kept) and the
// parsed message is shared, read-only, so that 2,000 phones do not cost the generator 2,000 parses of each.
const recentMessages = [];
function parseMessage(data) {
    if (data.length < 256)
        return JSON.parse(data);
    for (const recent of recentMessages) {
        if (recent.data.length === data.length && recent.data.equals(data))
            return recent.message;
    }
    const message = JSON.parse(data);
    recentMessages.unshift({ data, message });
    if (recentMessages.length > 4)
        recentMessages.pop();
    return message;
}

const questionWords = ('how does the server keep up when every phone in the room upvotes at once and what happens ' +
    'to the questions nobody answers before the next talk starts').split(' ');
/** Question i's text: questionChars on average, from half to one and a half of it, never over 300. */
function questionText(index) {
    const length = Math.min(300, Math.round(questionChars * (0.5 + ((index * 37) % 101) / 100)));
    let text = `Q${index + 1}:`;
    for (let word = index; text.length < length; ++word)
        text += ` ${questionWords[(word * 7) % questionWords.length]}`;
    return `${text.slice(0, length - 1).trimEnd()}?`;
}

/** lectern-benchserver as a child process: its ready line, then control lines on stdin and JSON lines back. */
class BenchServer {
    constructor(path, db, extraArgs, port) {
        this.child = spawn(path, ['--db', db, '--port', String(port ?? 0), ...extraArgs], {
            stdio: ['pipe', 'pipe', 'inherit'],
        });
        this.waiting = [];
        this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
        this.child.stdin.on('error', () => {}); // writing to a killed server: its exit is reported instead
        this.hasExited = false;
        this.exited.then(() => {
            this.hasExited = true;
            for (const waiter of this.waiting.splice(0))
                waiter.reject(new Error('lectern-benchserver exited'));
        });
        this.ready = new Promise((resolve, reject) => this.waiting.push({ type: 'ready', resolve, reject }));
        readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
            let message;
            try {
                message = JSON.parse(line);
            } catch {
                console.error(`benchserver: ${line}`);
                return;
            }
            const index = this.waiting.findIndex((waiter) => waiter.type === message.type);
            if (index >= 0)
                this.waiting.splice(index, 1)[0].resolve(message);
        });
    }

    /** Sends a control line and resolves with the JSON line of type `answer`. */
    command(line, answer) {
        if (this.hasExited)
            return Promise.reject(new Error('lectern-benchserver exited'));
        const reply = new Promise((resolve, reject) => {
            this.waiting.push({ type: answer, resolve, reject });
            setTimeout(() => reject(new Error(`no answer to ${line} within 20 s`)), 20000);
        });
        this.child.stdin.write(`${line}\n`);
        return reply;
    }

    kill(signal) {
        this.child.kill(signal);
    }
}

function join(port, room, address, device) {
    return new Promise((resolve, reject) => {
        const body = JSON.stringify(device ? { room, device } : { room });
        const request = http.request(
            {
                host: '127.0.0.1',
                port,
                localAddress: address,
                method: 'POST',
                path: '/api/v1/join',
                agent: false,
                timeout: 15000,
                headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
            },
            (response) => {
                let text = '';
                response.setEncoding('utf8');
                response.on('data', (chunk) => (text += chunk));
                response.on('end', () => {
                    if (response.statusCode === 200)
                        resolve(JSON.parse(text).device);
                    else
                        reject(Object.assign(new Error(`join: HTTP ${response.statusCode} ${text}`), {
                            status: response.statusCode,
                            retryAfter: Number(response.headers['retry-after'] ?? 1),
                        }));
                });
            });
        request.on('timeout', () => request.destroy(new Error('join: timed out')));
        request.on('error', reject);
        request.end(body);
    });
}

async function joinWithRetry(port, room, address, device) {
    for (let attempt = 1; ; ++attempt) {
        try {
            return await join(port, room, address, device);
        } catch (error) {
            if (attempt >= 5 || error.status !== 429)
                throw error;
            await sleep(1000 * Math.min(error.retryAfter || 1, 5));
        }
    }
}

/** The state shared by every phone: the poll, the phase's counters, the probes. */
const shared = {
    pollId: undefined,
    options: [],
    phase: undefined,
    probes: [],
    record: Boolean(args.record),
    // Questions: the questions ordinary upvotes go to, the ones only probes upvote, the probes not yet done.
    regularQuestions: [],
    probeQuestions: new Set(),
    activeProbes: [],
    questionAuthors: new Map(),
    upvotesAcked: 0,
};

function newPhaseCounters(label) {
    return {
        label,
        sent: 0,
        acked: 0,
        ackedInWindow: 0,
        refused: new Map(),
        ackMs: [],
        resultsMessages: 0,
        questionUpdates: 0,
        questionUpdateBytes: 0,
        questionUpdateMaxBytes: 0,
        yoursMessages: 0,
        skippedBusy: 0,
        start: now(),
        end: Infinity,
    };
}

/** One phone: a device token, a WebSocket from its own source address, its votes in flight. */
class Phone {
    constructor(index, role) {
        this.index = index;
        this.role = role; // 'phone' or 'probe'
        this.address = sourceAddress(index);
        this.device = undefined;
        this.ws = undefined;
        this.welcomed = false;
        this.open = false;
        this.nextId = 1;
        this.inFlight = new Map();
        this.answer = -1;
        this.voted = false;
        this.voters = -1;
        this.probeCursor = 0;
        this.lastSendAt = -Infinity;
        this.sentLog = [];
        this.onAck = undefined;
        this.yourAnswer = undefined;
        this.upvotes = 0;
        this.probeUpvoted = new Set();
        this.probeVotes = new Map();
        this.lastQuestionId = 0;
    }

    /** Opens the WebSocket and says hello; resolves at welcome. */
    connect(port, room) {
        return new Promise((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
                localAddress: this.address,
                perMessageDeflate: false,
                handshakeTimeout: 15000,
            });
            this.ws = ws;
            const timer = setTimeout(() => {
                reject(new Error('no welcome within 15 s'));
                ws.terminate();
            }, 15000);
            ws.on('open', () => {
                this.open = true;
                this.send({ type: 'hello', protocol: 1, room, device: this.device });
            });
            ws.on('message', (data) => {
                const message = parseMessage(data);
                if (message.type === 'welcome') {
                    this.welcomed = true;
                    clearTimeout(timer);
                    resolve();
                }
                this.receive(message, data.length);
            });
            ws.on('error', (error) => {
                clearTimeout(timer);
                reject(error);
            });
            ws.on('close', () => {
                clearTimeout(timer);
                this.open = false;
                this.welcomed = false;
                reject(new Error('closed before welcome'));
            });
        });
    }

    send(message) {
        this.lastSendAt = now();
        this.ws.send(JSON.stringify(message));
    }

    /** What a phase sends: an upvote with --questions, else a vote. */
    act() {
        return questionCount > 0 ? this.upvote() : this.vote();
    }

    /** Whether act() has something left to send (a phone upvotes each question at most once). */
    canAct() {
        return questionCount === 0 || this.upvotes < shared.regularQuestions.length - 1;
    }

    /** Sends a request with a new id; onDone(accepted, message) runs at its acknowledgement or error. */
    request(message, entry) {
        const id = this.nextId++;
        entry.sentAt = now();
        this.inFlight.set(id, entry);
        this.send({ ...message, id });
        return id;
    }

    /** Upvotes the next question this phone has not upvoted (see the top); false when it cannot send now. */
    upvote() {
        const questions = shared.regularQuestions;
        if (!this.welcomed || !this.canAct())
            return false;
        // From the question after the one this phone asked (when the first phones all asked): each once, its own never.
        let question = questions[(this.index + 1 + this.upvotes++) % questions.length];
        if (shared.questionAuthors.get(question) === this) {
            if (!this.canAct())
                return false;
            question = questions[(this.index + 1 + this.upvotes++) % questions.length];
        }
        this.request({ type: 'upvote', question, on: true }, { kind: 'upvote' });
        if (shared.phase)
            ++shared.phase.sent;
        return true;
    }

    /** Upvotes a probe question (see QuestionProber). */
    probeUpvote(question, onDone) {
        this.probeUpvoted.add(question);
        this.request({ type: 'upvote', question, on: true }, { kind: 'upvote', onDone });
        if (shared.phase)
            ++shared.phase.sent;
    }

    /** Sends a vote for a different answer than the last; returns false when the phone cannot send now. */
    vote() {
        if (!this.welcomed || shared.options.length < 2)
            return false;
        this.answer = this.answer < 0 ? this.index % shared.options.length : (this.answer + 1) % shared.options.length;
        const id = this.nextId++;
        const answer = [shared.options[this.answer]];
        const entry = { sentAt: now(), answer, log: undefined };
        if (shared.record) {
            entry.log = { answer, sentAt: Date.now(), status: 'pending' };
            this.sentLog.push(entry.log);
        }
        this.inFlight.set(id, entry);
        this.send({ type: 'vote', id, poll: shared.pollId, answer });
        if (shared.phase)
            ++shared.phase.sent;
        return true;
    }

    receive(message, bytes) {
        switch (message.type) {
        case 'poll':
            if (message.poll && !shared.pollId) {
                shared.pollId = message.poll.id;
                shared.options = message.poll.options.map((option) => option.id);
            }
            if (message.poll)
                this.yourAnswer = message.poll.yourAnswer;
            break;
        case 'results':
            this.results(message);
            break;
        case 'questionUpdates':
            this.questionUpdates(message, bytes);
            break;
        case 'yours':
            if (shared.phase)
                ++shared.phase.yoursMessages;
            break;
        case 'ack':
        case 'asked':
        case 'upvoted':
        case 'error': {
            if (message.id === undefined) {
                if (message.type === 'error')
                    console.error(`loadgen: phone ${this.index}: ${message.code}: ${message.message}`);
                break;
            }
            const entry = this.inFlight.get(message.id);
            if (!entry)
                break;
            this.inFlight.delete(message.id);
            const accepted = message.type !== 'error';
            if (entry.kind === 'upvote' && accepted)
                ++shared.upvotesAcked;
            if (entry.kind === 'ask') {
                entry.onDone?.(accepted, message);
                break;
            }
            if (entry.log)
                entry.log.status = accepted ? 'acked' : 'refused';
            const phase = shared.phase;
            if (phase) {
                if (accepted) {
                    ++phase.acked;
                    phase.ackMs.push(now() - entry.sentAt);
                    if (now() <= phase.end)
                        ++phase.ackedInWindow;
                } else {
                    phase.refused.set(message.code, (phase.refused.get(message.code) ?? 0) + 1);
                }
            }
            if (accepted && entry.kind === undefined)
                this.voted = true;
            entry.onDone?.(accepted, message);
            this.onAck?.(accepted, message);
            break;
        }
        default:
            break;
        }
    }

    /** A broadcast of changed questions: counted, and checked against the probes this phone has yet to see. */
    questionUpdates(message, bytes) {
        const phase = shared.phase;
        if (phase) {
            ++phase.questionUpdates;
            phase.questionUpdateBytes += bytes;
            phase.questionUpdateMaxBytes = Math.max(phase.questionUpdateMaxBytes, bytes);
        }
        const summary = questionUpdatesSummary(message);
        this.lastQuestionId = Math.max(this.lastQuestionId, summary.lastId);
        if (summary.probeVotes.size === 0)
            return;
        for (const [question, votes] of summary.probeVotes)
            this.probeVotes.set(question, Math.max(this.probeVotes.get(question) ?? 0, votes));
        const at = now();
        for (const probe of shared.activeProbes) {
            if (probe.discarded || !probe.phones.has(this) ||
                (this.probeVotes.get(probe.question) ?? 0) < probe.threshold)
                continue;
            const waited = at - probe.sentAt;
            probe.perPhoneMs.push(waited);
            probe.phones.delete(this);
            if (probe.phones.size === 0)
                probe.everyPhoneMs = waited;
        }
    }

    results(message) {
        if (shared.phase)
            ++shared.phase.resultsMessages;
        if (message.poll !== shared.pollId)
            return;
        this.voters = Math.max(this.voters, message.voters);
        if (this.role !== 'phone')
            return;
        const at = now();
        const probes = shared.probes;
        while (this.probeCursor < probes.length && probes[this.probeCursor].threshold <= this.voters) {
            const probe = probes[this.probeCursor++];
            if (probe.discarded || probe.phones === undefined || !probe.phones.has(this))
                continue;
            const waited = at - probe.sentAt;
            probe.perPhoneMs.push(waited);
            probe.phones.delete(this);
            if (probe.phones.size === 0)
                probe.everyPhoneMs = waited;
        }
    }
}

/** What the phones need of a questionUpdates, worked out once per message (messages are shared, see parseMessage). */
function questionUpdatesSummary(message) {
    if (message.summary?.probeQuestions !== shared.probeQuestions) {
        const probeVotes = new Map();
        let lastId = 0;
        for (const question of message.questions ?? []) {
            lastId = Math.max(lastId, question.id);
            if (shared.probeQuestions.has(question.id))
                probeVotes.set(question.id, question.votes ?? 0);
        }
        message.summary = { probeQuestions: shared.probeQuestions, lastId, probeVotes };
    }
    return message.summary;
}

async function connectAll(phones, port, room, concurrency) {
    const perPhoneMs = [];
    const failures = new Map();
    let next = 0;
    const start = now();
    async function worker() {
        while (next < phones.length) {
            const phone = phones[next++];
            const began = now();
            try {
                phone.device = await joinWithRetry(port, room, phone.address);
                await phone.connect(port, room);
                perPhoneMs.push(now() - began);
            } catch (error) {
                const reason = String(error.message).slice(0, 60);
                failures.set(reason, (failures.get(reason) ?? 0) + 1);
            }
        }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, phones.length) }, worker));
    return { seconds: (now() - start) / 1000, perPhoneMs, failures };
}

/** Every phone votes once (so that the voter count then only moves with probes); refused votes are retried. */
async function firstVotes(phones) {
    const pending = new Set(phones.filter((phone) => phone.welcomed));
    for (let round = 0; round < 4 && pending.size > 0; ++round) {
        if (round > 0)
            await sleep(1500);
        const waiting = [];
        let sent = 0;
        for (const phone of pending) {
            waiting.push(new Promise((resolve) => {
                phone.onAck = (accepted) => {
                    phone.onAck = undefined;
                    if (accepted)
                        pending.delete(phone);
                    resolve();
                };
            }));
            phone.vote();
            // 1,000 a second, as a room answering at once.
            if (++sent % 50 === 0)
                await sleep(50);
        }
        await Promise.race([Promise.all(waiting), sleep(10000)]);
    }
    for (const phone of phones)
        phone.onAck = undefined;
    const voted = phones.filter((phone) => phone.voted);
    // Wait for results showing every first vote on every phone that voted.
    const deadline = now() + 5000;
    while (now() < deadline && voted.some((phone) => phone.open && phone.voters < voted.length))
        await sleep(50);
    return voted;
}

/** The probes: spare devices that vote once each, one at a time, raising the voter count by exactly one. */
class Prober {
    constructor(probePhones, port, room, baseVoters) {
        this.spare = probePhones;
        this.port = port;
        this.room = room;
        this.voters = baseVoters;
        this.busy = false;
        this.ready = undefined;
        this.prepare();
    }

    prepare() {
        const phone = this.spare.shift();
        this.ready = phone ? phone.connect(this.port, this.room).then(() => phone, () => undefined) : undefined;
    }

    /** Sends the next probe's vote unless one is still going; `phones` are the phones that must see it. */
    async fire(phones) {
        if (this.busy || !this.ready)
            return;
        this.busy = true;
        const phone = await this.ready;
        if (!phone || !phone.welcomed) {
            this.busy = false;
            this.prepare();
            return;
        }
        const probe = {
            threshold: this.voters + 1,
            sentAt: now(),
            phones: new Set(phones.filter((candidate) => candidate.open)),
            perPhoneMs: [],
            everyPhoneMs: undefined,
            discarded: false,
            phase: shared.phase,
        };
        shared.probes.push(probe);
        phone.onAck = (accepted) => {
            phone.onAck = undefined;
            if (accepted)
                ++this.voters;
            else
                probe.discarded = true;
            phone.ws.close();
            this.busy = false;
            this.prepare();
        };
        probe.sentAt = now();
        phone.vote();
    }
}

/**
 * The first count welcomed phones ask a question each, --ask-rate a second; resolves with the questions' ids in
 * the order asked once every phone has had a questionUpdates naming the last of them (or after 10 s).
 */
async function askQuestions(phones, count) {
    const askers = phones.filter((phone) => phone.welcomed).slice(0, count);
    const askRate = Number(args['ask-rate']);
    const start = now();
    const ackMs = [];
    const refused = new Map();
    const asked = [];
    const answers = [];
    for (const [index, phone] of askers.entries()) {
        answers.push(new Promise((resolve) => {
            const entry = {
                kind: 'ask',
                onDone: (accepted, message) => {
                    if (accepted) {
                        ackMs.push(now() - entry.sentAt);
                        asked.push({ index, id: message.question.id, state: message.question.state, phone });
                    } else {
                        refused.set(message.code, (refused.get(message.code) ?? 0) + 1);
                    }
                    resolve();
                },
            };
            const name = index % 4 === 0 ? `Phone ${phone.index + 1}` : undefined;
            phone.request({ type: 'ask', text: questionText(index), ...(name ? { name } : {}) }, entry);
        }));
        const due = start + ((index + 1) * 1000) / askRate;
        if (due > now())
            await sleep(due - now());
    }
    await Promise.race([Promise.all(answers), sleep(15000)]);
    const askedSeconds = (now() - start) / 1000;
    asked.sort((a, b) => a.index - b.index);
    const ids = asked.map((question) => question.id);
    for (const question of asked)
        shared.questionAuthors.set(question.id, question.phone);
    const lastId = Math.max(0, ...ids);
    const deadline = now() + 10000;
    while (now() < deadline && phones.some((phone) => phone.open && phone.lastQuestionId < lastId))
        await sleep(20);
    const knowing = phones.filter((phone) => phone.open && phone.lastQuestionId >= lastId).length;
    const addresses = new Set(askers.map((phone) => phone.address)).size;
    const states = [...new Set(asked.map((question) => question.state))].join(', ');
    const refusals = [...refused].map(([code, n]) => `${code} ${n}`).join(', ') || '0';
    console.log(`questions: ${ids.length}/${askers.length} asked (${states}) by ${askers.length} phones from ` +
        `${addresses} addresses in ${fmt(askedSeconds, 2)} s (send → asked p50 ${fmt(percentile(ackMs, 0.5))} ms, ` +
        `p99 ${fmt(percentile(ackMs, 0.99))} ms; refused: ${refusals}); ${knowing} phones have all of them ` +
        `${fmt((now() - start) / 1000, 2)} s after the first ask`);
    return ids;
}

/**
 * The probes for questions: every --probe-ms, one phone that has not upvoted the next probe question does, raising
 * its count by exactly one (only probes upvote these questions); the next probe waits for this one's answer.
 */
class QuestionProber {
    constructor(questions) {
        this.questions = questions;
        this.votes = new Map(questions.map((question) => [question, 0]));
        this.next = 0;
        this.cursor = 0;
        this.busy = false;
    }

    fire(phones) {
        const at = now();
        shared.activeProbes = shared.activeProbes.filter((probe) =>
            !probe.discarded && probe.phones.size > 0 && at - probe.sentAt < probeTimeoutMs);
        if (this.busy)
            return;
        const question = this.questions[this.next];
        let phone;
        for (let tried = 0; tried < phones.length && !phone; ++tried) {
            const candidate = phones[this.cursor];
            this.cursor = (this.cursor + 1) % phones.length;
            if (candidate.welcomed && !candidate.probeUpvoted.has(question) &&
                shared.questionAuthors.get(question) !== candidate)
                phone = candidate;
        }
        if (!phone)
            return;
        this.next = (this.next + 1) % this.questions.length;
        this.busy = true;
        const probe = {
            question,
            threshold: this.votes.get(question) + 1,
            sentAt: at,
            phones: new Set(phones.filter((candidate) => candidate.open)),
            perPhoneMs: [],
            everyPhoneMs: undefined,
            discarded: false,
            phase: shared.phase,
        };
        shared.probes.push(probe);
        shared.activeProbes.push(probe);
        phone.probeUpvote(question, (accepted, message) => {
            if (accepted && message.on)
                this.votes.set(question, probe.threshold);
            else
                probe.discarded = true;
            this.busy = false;
        });
    }
}

/** Busy and total CPU time of the whole machine (all cores), from /proc/stat, in clock ticks. */
function machineCpuTicks() {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return { busy: total - idle, total };
}

function processCpuSeconds() {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
}

async function runPhase(phase, phones, prober, killer) {
    const before = await server.command('reset', 'reset');
    const cpuBefore = processCpuSeconds();
    const machineBefore = machineCpuTicks();
    const counters = newPhaseCounters(phase.label);
    shared.phase = counters;
    const allSent = () => counters.sent >= phase.count;
    const durationMs = phase.seconds * 1000;
    counters.end = counters.start + durationMs;
    const live = () => phones.filter((phone) => phone.open);
    let cursor = 0;
    const maxClientRate = Number(args['max-client-rate'] ?? shared.maxClientRate);
    const minGapMs = 1000 / maxClientRate;
    const window = Number(args.window);
    let inFlight = 0;

    const nextPhone = (eligible) => {
        for (let tried = 0; tried < phones.length; ++tried) {
            const phone = phones[cursor];
            cursor = (cursor + 1) % phones.length;
            if (phone.welcomed && eligible(phone))
                return phone;
        }
        return undefined;
    };

    const tick = () => {
        const at = now();
        if (phase.rate === 'max') {
            inFlight = 0;
            for (const phone of phones)
                inFlight += phone.inFlight.size;
            while (inFlight < window && !allSent()) {
                const phone = nextPhone((candidate) => at - candidate.lastSendAt >= minGapMs &&
                    candidate.inFlight.size < 2 && candidate.canAct());
                if (!phone)
                    break;
                phone.act();
                ++inFlight;
            }
            return;
        }
        const due = Math.min(phase.count,
            Math.floor((phase.rate * (Math.min(at, counters.end) - counters.start)) / 1000));
        while (counters.sent + counters.skippedBusy < due) {
            const phone = nextPhone((candidate) => candidate.inFlight.size < maxInFlightPerPhone && candidate.canAct());
            if (!phone) {
                // Every phone has its fill of votes in flight (or none is connected: the server is gone).
                if (!phones.some((candidate) => candidate.welcomed))
                    break;
                ++counters.skippedBusy;
                continue;
            }
            phone.act();
        }
    };
    const ticker = setInterval(tick, 2);
    const probeTicker = prober ? setInterval(() => prober.fire(phones), probeMs) : undefined;
    if (killer !== undefined)
        setTimeout(() => killer().then((stats) => (counters.lastStats = stats)), killer.afterMs);

    const ended = new Promise((resolve) => {
        const check = setInterval(() => {
            if (now() >= counters.end || live().length === 0 ||
                (allSent() && !phones.some((phone) => phone.inFlight.size > 0))) {
                clearInterval(check);
                resolve();
            }
        }, 20);
    });
    await ended;
    clearInterval(ticker);
    if (probeTicker)
        clearInterval(probeTicker);
    counters.end = Math.min(counters.end, now());
    const seconds = (counters.end - counters.start) / 1000;

    // Let the votes in flight and the last probe land before reading the server's figures.
    const settle = now() + Math.max(3000, probeTimeoutMs);
    while (now() < settle && live().length > 0 &&
        (phones.some((phone) => phone.inFlight.size > 0) ||
            shared.probes.some((probe) => probe.phase === counters && !probe.discarded && probe.phones.size > 0 &&
                now() - probe.sentAt < probeTimeoutMs)))
        await sleep(20);
    const cpuAfter = processCpuSeconds();
    const machineAfter = machineCpuTicks();
    shared.phase = undefined;
    const countedSeconds = (now() - counters.start) / 1000;
    let stats;
    try {
        stats = await server.command('stats', 'stats');
    } catch {
        // Killed: the figures it gave just before.
        stats = counters.lastStats;
    }

    const probes = shared.probes.filter((probe) => probe.phase === counters && !probe.discarded);
    const everyPhone = probes.filter((probe) => probe.everyPhoneMs !== undefined).map((probe) => probe.everyPhoneMs);
    const perPhone = probes.flatMap((probe) => probe.perPhoneMs);
    return {
        label: phase.label,
        rate: phase.rate,
        seconds,
        sentPerSecond: counters.sent / seconds,
        acceptedPerSecond: counters.ackedInWindow / seconds,
        acked: counters.acked,
        refused: Object.fromEntries(counters.refused),
        unanswered: phones.reduce((sum, phone) => sum + phone.inFlight.size, 0),
        skippedBusy: counters.skippedBusy,
        ackP50: percentile(counters.ackMs, 0.5),
        ackP99: percentile(counters.ackMs, 0.99),
        probes: probes.length,
        probesIncomplete: probes.length - everyPhone.length,
        everyPhoneP50: percentile(everyPhone, 0.5),
        everyPhoneP99: percentile(everyPhone, 0.99),
        everyPhoneMax: percentile(everyPhone, 1),
        perPhoneP50: percentile(perPhone, 0.5),
        perPhoneP99: percentile(perPhone, 0.99),
        resultsPerSecond: counters.resultsMessages / seconds,
        questionUpdatesPerPhoneSecond: counters.questionUpdates / Math.max(1, live().length) / countedSeconds,
        questionUpdateMeanBytes: counters.questionUpdateBytes / counters.questionUpdates,
        questionUpdateMaxBytes: counters.questionUpdateMaxBytes,
        questionUpdateMiBPerSecond: counters.questionUpdateBytes / 1048576 / countedSeconds,
        yoursPerSecond: counters.yoursMessages / countedSeconds,
        server: stats,
        serverCpuPercent: stats ? (100 * (stats.cpuSeconds - before.cpuSeconds)) / ((now() - counters.start) / 1000) :
            NaN,
        generatorCpuPercent: (100 * (cpuAfter - cpuBefore)) / ((now() - counters.start) / 1000),
        // 100 % is one core busy, as for the two processes.
        machineCpuPercent: (100 * os.cpus().length * (machineAfter.busy - machineBefore.busy)) /
            (machineAfter.total - machineBefore.total),
        phonesOpen: live().length,
    };
}

function printPhases(results) {
    const header = ['phase', 'target/s', 'sent/s', 'accepted/s', 'refused', 'send→ack p50/p99 ms',
        'vote→model p50/p99/max ms', 'vote→every phone p50/p99/max ms (probes)', 'per phone p50/p99 ms',
        'results msg/s', 'server CPU %', 'loadgen CPU %', 'other CPU %', 'server RSS/peak MiB', 'phones'];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
    for (const r of results) {
        const refused = Object.entries(r.refused).map(([code, count]) => `${code} ${count}`).join(', ') || '0';
        const model = r.server?.modelMs ?? {};
        console.log(`| ${[
            r.label,
            r.rate,
            fmt(r.sentPerSecond, 0),
            fmt(r.acceptedPerSecond, 0),
            refused + (r.unanswered ? `, unanswered ${r.unanswered}` : '') +
                (r.skippedBusy ? `, not sent (phones busy) ${r.skippedBusy}` : ''),
            `${fmt(r.ackP50)} / ${fmt(r.ackP99)}`,
            `${fmt(model.p50)} / ${fmt(model.p99)} / ${fmt(model.max)}`,
            `${fmt(r.everyPhoneP50)} / ${fmt(r.everyPhoneP99)} / ${fmt(r.everyPhoneMax)} (${r.probes}` +
                (r.probesIncomplete ? `, ${r.probesIncomplete} not on every phone in ${probeTimeoutMs} ms)` : ')'),
            `${fmt(r.perPhoneP50)} / ${fmt(r.perPhoneP99)}`,
            fmt(r.resultsPerSecond, 0),
            fmt(r.serverCpuPercent, 0),
            fmt(r.generatorCpuPercent, 0),
            fmt(Math.max(0, r.machineCpuPercent - r.generatorCpuPercent - (r.serverCpuPercent || 0)), 0),
            `${fmt(r.server?.rssMiB)} / ${fmt(r.server?.hwmMiB)}`,
            `${r.phonesOpen}`,
        ].join(' | ')} |`);
    }
    printMachineNotes(results);
}

function printMachineNotes(results) {
    for (const r of results) {
        const other = r.machineCpuPercent - r.generatorCpuPercent - (r.serverCpuPercent || 0);
        if (other > 25)
            console.log(`note: during "${r.label}" other processes (and the kernel's loopback work) used ` +
                `${fmt(other, 0)} % of a core: the machine was not quiet, so these latencies are not the ` +
                `server's alone`);
    }
}

function printQuestionPhases(results) {
    const header = ['phase', 'target/s', 'sent/s', 'accepted/s', 'refused', 'send→upvoted p50/p99 ms',
        'upvote→model p50/p99/max ms', 'upvote→panel pulled p50/p99 ms (queue() pull p99)',
        'upvote→every phone p50/p99/max ms (probes)',
        'per phone p50/p99 ms', 'questionUpdates/s per phone', 'questionUpdates mean/max KiB', 'to phones MiB/s',
        'yours msg/s', 'server loop lag p99/max ms', 'server CPU %', 'loadgen CPU %', 'other CPU %',
        'server RSS/peak MiB', 'phones'];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
    for (const r of results) {
        const refused = Object.entries(r.refused).map(([code, count]) => `${code} ${count}`).join(', ') || '0';
        const model = r.server?.upvoteModelMs ?? {};
        const lag = r.server?.loopLagMs ?? {};
        console.log(`| ${[
            r.label,
            r.rate,
            fmt(r.sentPerSecond, 0),
            fmt(r.acceptedPerSecond, 0),
            refused + (r.unanswered ? `, unanswered ${r.unanswered}` : '') +
                (r.skippedBusy ? `, not sent (phones busy) ${r.skippedBusy}` : ''),
            `${fmt(r.ackP50)} / ${fmt(r.ackP99)}`,
            `${fmt(model.p50, 2)} / ${fmt(model.p99, 2)} / ${fmt(model.max, 2)}`,
            `${fmt(r.server?.upvotePulledMs?.p50)} / ${fmt(r.server?.upvotePulledMs?.p99)} ` +
                `(${fmt(r.server?.queuePullMs?.p99, 2)})`,
            `${fmt(r.everyPhoneP50)} / ${fmt(r.everyPhoneP99)} / ${fmt(r.everyPhoneMax)} (${r.probes}` +
                (r.probesIncomplete ? `, ${r.probesIncomplete} not on every phone in ${probeTimeoutMs} ms)` : ')'),
            `${fmt(r.perPhoneP50)} / ${fmt(r.perPhoneP99)}`,
            fmt(r.questionUpdatesPerPhoneSecond, 1),
            `${fmt(r.questionUpdateMeanBytes / 1024)} / ${fmt(r.questionUpdateMaxBytes / 1024)}`,
            fmt(r.questionUpdateMiBPerSecond, 0),
            fmt(r.yoursPerSecond, 0),
            `${fmt(lag.p99)} / ${fmt(lag.max)}`,
            fmt(r.serverCpuPercent, 0),
            fmt(r.generatorCpuPercent, 0),
            fmt(Math.max(0, r.machineCpuPercent - r.generatorCpuPercent - (r.serverCpuPercent || 0)), 0),
            `${fmt(r.server?.rssMiB)} / ${fmt(r.server?.hwmMiB)}`,
            `${r.phonesOpen}`,
        ].join(' | ')} |`);
    }
    printMachineNotes(results);
}

function describeLimits(limits) {
    const rate = (limit) => `${limit.burst} then ${limit.perSecond}/s`;
    return `messages per device ${rate(limits.messagesPerDevice)}, per address ${rate(limits.messagesPerAddress)}; ` +
        `joins per address ${rate(limits.joinsPerAddress)}; connections ≤ ${limits.maxConnections}, ` +
        `≤ ${limits.maxConnectionsPerAddress} per address` +
        (questionCount > 0 ? `; questions per device ${rate(limits.questionsPerDevice)}, per address ` +
            `${rate(limits.questionsPerAddress)}` : '');
}

function runToExit(command, commandArgs) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, output }));
    });
}

/** The questions scenario (--questions): ask, then the phases of upvotes with their probes. */
async function runQuestions(phones) {
    const ids = await askQuestions(phones, questionCount);
    if (ids.length <= probeQuestionCount + 1)
        throw new Error(`only ${ids.length} questions were asked: too few to upvote`);
    shared.regularQuestions = ids.slice(0, ids.length - probeQuestionCount);
    const probeQuestions = ids.slice(ids.length - probeQuestionCount);
    shared.probeQuestions = new Set(probeQuestions);
    const afterAsking = await server.command('stats', 'stats');
    console.log(`server after connecting and asking: RSS ${fmt(afterAsking.rssMiB)} MiB, peak ` +
        `${fmt(afterAsking.hwmMiB)} MiB, ${afterAsking.phones} phones, ${afterAsking.connections} connections, ` +
        `${afterAsking.questionCount} questions; upvotes go to ${shared.regularQuestions.length} of them, probes to ` +
        `${probeQuestions.length}`);

    const welcomed = phones.filter((phone) => phone.welcomed);
    const prober = new QuestionProber(probeQuestions);
    const results = [];
    for (const phase of phases)
        results.push(await runPhase(phase, welcomed, prober));
    printQuestionPhases(results);
    const final = await server.command('quit', 'final');
    await server.exited;
    console.log(`upvotes acknowledged (probes included): ${shared.upvotesAcked}; votes in the server's ` +
        `LiveQuestions: ${final.votesInModel}; upvotes received that never reached the model: ${final.upvotesWaiting}`);
    return 0;
}

async function main() {
    server = new BenchServer(args.server, args.db, serverArgs);
    const ready = await server.ready;
    const { port, room } = ready;
    shared.maxClientRate = 0.9 * ready.limits.messagesPerDevice.perSecond;
    console.log(`clients: ${clientCount} from ${Math.min(clientCount, 253)} source addresses (127.0.0.2–254); ` +
        `server pid ${ready.pid} on 127.0.0.1:${port}; loadgen on node ${process.version}, ${os.cpus().length} cores`);
    console.log(`server limits: ${describeLimits(ready.limits)}`);

    const probeCount = killAfter === undefined && questionCount === 0 ?
        phases.reduce((sum, phase) => sum + Math.ceil((phase.seconds * 1000) / probeMs) + 2, 0) : 0;
    const phones = Array.from({ length: clientCount }, (_, index) => new Phone(index, 'phone'));
    const probePhones = Array.from({ length: probeCount }, (_, index) => new Phone(clientCount + index, 'probe'));

    const concurrency = Number(args['connect-concurrency']);
    const connected = await connectAll(phones, port, room, concurrency);
    const failures = [...connected.failures].map(([reason, count]) => `${count}× ${reason}`).join('; ');
    console.log(`connect: ${phones.filter((phone) => phone.welcomed).length}/${clientCount} phones welcomed in ` +
        `${fmt(connected.seconds, 2)} s, ${concurrency} at a time (join + WebSocket + hello → welcome per phone: ` +
        `p50 ${fmt(percentile(connected.perPhoneMs, 0.5))} ms, p99 ${fmt(percentile(connected.perPhoneMs, 0.99))} ms)` +
        (failures ? `; failed: ${failures}` : ''));
    for (const phone of probePhones)
        phone.device = await joinWithRetry(port, room, phone.address).catch(() => undefined);
    if (questionCount > 0)
        return runQuestions(phones);

    const voted = await firstVotes(phones);
    const baseVoters = voted.length;
    console.log(`first votes: ${baseVoters} phones voted; ` +
        `${voted.filter((phone) => phone.voters >= baseVoters).length} show ${baseVoters} voters`);
    const afterConnect = await server.command('stats', 'stats');
    console.log(`server after connecting and first votes: RSS ${fmt(afterConnect.rssMiB)} MiB, ` +
        `peak ${fmt(afterConnect.hwmMiB)} MiB, ${afterConnect.phones} phones, ${afterConnect.connections} connections`);

    const results = [];
    if (killAfter === undefined) {
        const prober = new Prober(probePhones.filter((phone) => phone.device), port, room, baseVoters);
        for (const phase of phases)
            results.push(await runPhase(phase, voted, prober));
        printPhases(results);
        await server.command('quit', 'final');
        await server.exited;
        return 0;
    }

    // Kill test.
    const killer = async () => {
        const stats = await server.command('stats', 'stats');
        console.log(`kill test: SIGKILL to the server ${killAfter} s into "${phases[0].label}"`);
        server.kill('SIGKILL');
        return stats;
    };
    killer.afterMs = killAfter * 1000;
    const phaseResult = await runPhase(phases[0], voted, undefined, killer);
    printPhases([phaseResult]);
    const exit = await server.exited;
    const lines = phones.filter((phone) => phone.device).map((phone) =>
        JSON.stringify({ device: phone.device, poll: shared.pollId, votes: phone.sentLog }));
    fs.writeFileSync(args.record, `${lines.join('\n')}\n`);
    const statuses = phones.flatMap((phone) => phone.sentLog.map((vote) => vote.status));
    const count = (status) => statuses.filter((value) => value === status).length;
    console.log(`server ended by ${exit.signal ?? exit.code}; votes sent ${statuses.length}: acknowledged ` +
        `${count('acked')}, refused ${count('refused')}, unanswered at the kill ${count('pending')} ` +
        `(record: ${args.record})`);

    server = new BenchServer(args.server, args.db, serverArgs, port);
    const restarted = await server.ready;
    console.log(`restart on the same database: room ${restarted.room === room ? 'unchanged' : 'CHANGED'}, ` +
        `listening on 127.0.0.1:${restarted.port}`);
    // A sample of phones comes back with its token: the room still knows it and its last acknowledged vote.
    const sample = phones.filter((phone) => phone.device).slice(0, 50);
    let sameToken = 0;
    let sameAnswer = 0;
    for (const phone of sample) {
        const token = await joinWithRetry(restarted.port, room, phone.address, phone.device).catch(() => undefined);
        if (token !== phone.device)
            continue;
        ++sameToken;
        const back = new Phone(phone.index, 'probe');
        back.device = token;
        if (!(await back.connect(restarted.port, room).then(() => true, () => false)))
            continue;
        await sleep(20);
        const lastAcked = phone.sentLog.findLastIndex((vote) => vote.status === 'acked');
        const candidates = lastAcked < 0 ? [] :
            phone.sentLog.slice(lastAcked).filter((vote) => vote.status !== 'refused').map((vote) => vote.answer[0]);
        if (lastAcked >= 0 && candidates.includes(back.yourAnswer?.[0]))
            ++sameAnswer;
        back.ws.close();
    }
    console.log(`after the restart: ${sameToken}/${sample.length} phones keep their token, ${sameAnswer} see their ` +
        `last acknowledged (or a later) answer as theirs`);
    await server.command('quit', 'final');
    await server.exited;

    const verified = await runToExit(args.server, ['--db', args.db, '--verify', args.record]);
    const report = JSON.parse(verified.output.trim().split('\n').pop());
    console.log(`acknowledged votes missing from the database after kill -9 and restart: ${report.missing} ` +
        `(devices checked ${report.devicesWithAcks} of ${report.devices}, acknowledged votes ${report.ackedVotes})`);
    return report.missing === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
    console.error(`loadgen: ${error.stack ?? error}`);
    server?.kill('SIGKILL');
    process.exit(2);
});
