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
//
// Soak (--soak SECONDS): a room over a long while instead of phases (see "Soak" below for what it does and checks):
//
//   node loadgen.mjs --server ... --db DIR/soak.sqlite --clients 2000 --soak 600 [--loop-lag-ms 5]
//        [--soak-ramp-seconds 60] [--soak-poll 40:20:3] [--soak-votes 5] [--soak-upvotes 10] [--soak-asks 30]
//        [--soak-pin-seconds 30] [--soak-churn 1] [--soak-report-seconds 30] [--seed 1]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
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
        soak: { type: 'string' },
        'soak-ramp-seconds': { type: 'string' },
        'soak-report-seconds': { type: 'string', default: '30' },
        'soak-poll': { type: 'string', default: '40:20:3' },
        'soak-first-vote-seconds': { type: 'string', default: '10' },
        'soak-votes': { type: 'string', default: '5' },
        'soak-upvotes': { type: 'string', default: '10' },
        'soak-asks': { type: 'string', default: '30' },
        'soak-pin-seconds': { type: 'string', default: '30' },
        'soak-churn': { type: 'string', default: '1' },
        seed: { type: 'string', default: '1' },
        timeout: { type: 'string' },
        help: { type: 'boolean', default: false },
    },
});

const soakSeconds = args.soak !== undefined ? Number(args.soak) : undefined;
if (args.help || !args.server || !args.db || (args.phase.length === 0 && soakSeconds === undefined)) {
    console.error('usage: node loadgen.mjs --server PATH --db PATH --clients N --phase LABEL:RATE|max:SECONDS... ' +
        '[--server-arg=--device-rate=12] [--kill-after S --record FILE] [--questions Q] | --soak SECONDS ' +
        '(see the top of loadgen.mjs)');
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
// 300 s, or for a soak its length and 3 minutes for connecting, settling and checking.
const hardTimeoutMs = Number(args.timeout ?? (soakSeconds !== undefined ? Math.ceil(soakSeconds) + 180 : 300)) * 1000;
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
if (soakSeconds !== undefined) {
    if (!(soakSeconds >= 30) || args.phase.length > 0 || args.questions !== undefined || killAfter !== undefined)
        throw new Error('--soak SECONDS (at least 30) goes without --phase, --questions and --kill-after');
    // The speaker's commands need the Q&A; the server outlives the soak by its settling, never by much more.
    serverArgs.push('--questions', `--max-seconds=${Math.ceil(soakSeconds) + 120}`);
}
if (questionCount > 0)
    serverArgs.push('--questions');
if (Number(args['loop-lag-ms']) > 0)
    serverArgs.push(`--loop-lag-ms=${Number(args['loop-lag-ms'])}`);

// Everything stops by itself: whatever happens, the server and this process end after --timeout.
let server;
setTimeout(() => {
    console.error(`loadgen: --timeout ${hardTimeoutMs / 1000} s reached; stopping`);
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

// ---------------------------------------------------------------------------------------------------------------
// Soak (--soak SECONDS): a room over a long while, to see that the server's memory stays flat, its latency stays
// put and nothing goes wrong. lectern-benchserver serves the poll and the session's Q&A (--questions); this process
// plays --clients phones and the speaker, all of it at once, for SECONDS:
// - joining: the phones join over --soak-ramp-seconds (HTTP join, WebSocket, hello; 100 at a time at most; by
//   default 60 s, or a fifth of a soak shorter than 5 minutes);
// - the speaker (stdin commands to lectern-benchserver): the poll is open OPEN seconds, closed CLOSED seconds, and
//   every EVERY-th time it opens again it is reset first (its votes forgotten), --soak-poll OPEN:CLOSED:EVERY;
//   every --soak-pin-seconds the speaker's `n` (pin-next: the pinned question answered, the top one pinned);
// - voting: each time the poll opens, every phone votes within --soak-first-vote-seconds (as a room answering at
//   once); while it is open, --soak-votes a second change their answer; a phone has at most one vote unanswered;
// - asking: --soak-asks questions a minute, each from a phone that has not asked in the last minute, from an
//   address that has not asked in the last 3 s (the question limits are not reached);
// - upvoting: --soak-upvotes a second, each a phone upvoting a shown or pinned question, or taking back its upvote;
// - pings: every phone sends `ping` every 25 s, as the page does (and the server closes a phone idle for 90 s);
// - churn: --soak-churn % of the phones a minute drop off (half of them cut, half closed cleanly); half of those come
//   back 1 to 30 s later with the same token (WebSocket and hello, as the page reconnects), the others are gone and
//   as many new phones join 1 to 10 s later.
// Every --soak-report-seconds one row: the server's RSS (and its peak over the row, VmHWM, and the heap malloc holds
// for live data: RSS growing with the heap is data kept, without it memory the allocator kept), the database and
// its WAL's size, the phones welcomed, what was acknowledged and the send → acknowledgement times (p50/p99) of
// votes, upvotes and questions, ping → pong, the server's vote → model and event-loop lag (with --loop-lag-ms), the
// CPU of the server, of this process and of everything else on the machine, and the errors. At the end: RSS after
// the ramp first/last/max and its slope, p99 over time, what was checked, and the errors.
// Errors are anything unexpected: a refused request (but a vote refused because the poll closed while it was on
// its way, or an upvote refused because its question was answered meanwhile: counted apart as races), an error
// message, a connection the generator did not close, a join or a connection that failed, a request unanswered
// after 10 s, an acknowledgement that says other than what was sent, and anything lost: when a phone comes back,
// the server must still hold its last acknowledged vote (`poll.yourAnswer`), its upvotes (`questions.upvoted`) and
// its questions (`questions.yours`) (a request on its way when the phone dropped may or may not have been taken);
// at the end, the poll's voters, the upvotes in LiveQuestions and the number of questions must match what was
// acknowledged. The exit code is 0 only when there was no error.

const soakReportSeconds = Number(args['soak-report-seconds']);
// A minute, or a fifth of a shorter soak.
const soakRampSeconds = Number(args['soak-ramp-seconds'] ?? Math.min(60, (soakSeconds ?? 0) / 5));
const [soakOpenSeconds, soakClosedSeconds, soakResetEvery] = args['soak-poll'].split(':').map(Number);
const soakFirstVoteSeconds = Number(args['soak-first-vote-seconds']);
const soakVoteRate = Number(args['soak-votes']);
const soakUpvoteRate = Number(args['soak-upvotes']);
const soakAskRate = Number(args['soak-asks']) / 60;
const soakPinSeconds = Number(args['soak-pin-seconds']);
const soakChurnPerMinute = Number(args['soak-churn']) / 100;
const soakAnswerTimeoutMs = 10000;
const soakPingMs = 25000;

/** mulberry32: the soak's choices (who votes, what, who drops off) are the same from run to run for one --seed. */
function seededRandom(seed) {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let mixed = state;
        mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
        mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
        return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
    };
}

function newSoakInterval() {
    return {
        start: now(),
        votes: 0,
        voteAckMs: [],
        upvotes: 0,
        upvoteAckMs: [],
        asks: 0,
        askAckMs: [],
        pongMs: [],
        connectMs: [],
        drops: 0,
        returns: 0,
        newPhones: 0,
        races: 0,
        errors: 0,
        speaker: [],
        resultsMessages: 0,
        questionUpdates: 0,
    };
}

/** Everything the soak shares: the speaker's state, the questions as the phones see them, counters and errors. */
const soak = {
    random: seededRandom(Number(args.seed)),
    port: 0,
    room: '',
    active: false,
    // The poll as the speaker left it: votes are sent only while it is open. `epoch` counts resets (votes of an
    // earlier epoch are forgotten), `opening` every time it opened (each phone votes once per opening).
    pollOpen: true,
    epoch: 0,
    opening: 0,
    // When the speaker last sent a poll command, and when its answer came.
    pollChangedAt: -Infinity,
    pollSettledAt: -Infinity,
    commandGoing: false,
    // The session's questions as the phones were told (the first phone to hear of a change updates it): the state of
    // each, the ones that take upvotes (an array to pick from at random, and each one's place in it), and when each
    // stopped taking them.
    questionStates: new Map(),
    upvotable: [],
    upvotablePlace: new Map(),
    noLongerUpvotableAt: new Map(),
    phones: [],
    departed: [],
    toStart: [],
    connecting: 0,
    nextIndex: 0,
    askCount: 0,
    lastAskAtByAddress: new Map(),
    interval: newSoakInterval(),
    errorsTotal: 0,
    errorKinds: new Map(),
    errorsPrinted: 0,
    races: 0,
    resyncs: 0,
    checks: { votes: 0, questions: 0, skipped: 0 },
};

function soakError(kind, detail) {
    if (!soak.active)
        return;
    ++soak.errorsTotal;
    ++soak.interval.errors;
    soak.errorKinds.set(kind, (soak.errorKinds.get(kind) ?? 0) + 1);
    if (soak.errorsPrinted++ < 30)
        console.error(`soak error at ${fmt((now() - soak.start) / 1000)} s: ${kind}${detail ? `: ${detail}` : ''}`);
}

const questionStateRank = (state) => (state === 'shown' ? 0 : state === 'pinned' ? 1 : 2);

/** A question's state as a phone was told; the states the soak goes through only move on (shown, pinned, answered). */
function setQuestionState(id, state) {
    const known = soak.questionStates.get(id);
    if (known !== undefined && questionStateRank(state) <= questionStateRank(known))
        return;
    soak.questionStates.set(id, state);
    const upvotable = state === 'shown' || state === 'pinned';
    const place = soak.upvotablePlace.get(id);
    if (upvotable && place === undefined) {
        soak.upvotablePlace.set(id, soak.upvotable.length);
        soak.upvotable.push(id);
    } else if (!upvotable && place !== undefined) {
        const last = soak.upvotable.pop();
        if (last !== id) {
            soak.upvotable[place] = last;
            soak.upvotablePlace.set(last, place);
        }
        soak.upvotablePlace.delete(id);
        soak.noLongerUpvotableAt.set(id, now());
    }
}

const sameAnswer = (a, b) => Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
    a.every((part, index) => part === b[index]);

/** One phone of the soak: its device, its connection, what it sent and what the server acknowledged. */
class SoakPhone {
    constructor(index) {
        this.index = index;
        this.address = sourceAddress(index);
        this.device = undefined;
        this.ws = undefined;
        this.welcomed = false;
        // Set when the generator closes the connection: any other close is an error.
        this.leaving = false;
        this.connects = 0;
        this.connecting = false;
        this.helloAt = -Infinity;
        this.nextId = 1;
        this.inFlight = new Map();
        this.lastOption = -1;
        this.lastAcked = undefined; // {answer, epoch}
        this.votedOpening = -1;
        this.voteDueAt = Infinity;
        this.upvoted = new Set();
        this.asked = new Set();
        this.lastAskAt = -Infinity;
        // Requests on their way when the connection dropped: the server may or may not have taken them.
        this.unknown = { votes: [], upvotes: new Map(), asks: 0 };
        this.pingSentAt = undefined;
        this.nextPingAt = Infinity;
        this.checkOnPoll = false;
        this.checkOnQuestions = false;
        this.awaitingQuestions = false;
    }

    has(kind) {
        for (const entry of this.inFlight.values()) {
            if (entry.kind === kind)
                return true;
        }
        return false;
    }

    /** Opens the WebSocket and says hello; resolves at welcome. */
    connect() {
        return new Promise((resolve, reject) => {
            const began = now();
            const ws = new WebSocket(`ws://127.0.0.1:${soak.port}/ws`, {
                localAddress: this.address,
                perMessageDeflate: false,
                handshakeTimeout: 15000,
            });
            this.ws = ws;
            this.leaving = false;
            let settled = false;
            const settle = (error) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                if (error)
                    reject(error);
                else
                    resolve();
            };
            const timer = setTimeout(() => {
                settle(new Error('no welcome within 15 s'));
                this.leaving = true;
                ws.terminate();
            }, 15000);
            ws.on('open', () => {
                this.helloAt = now();
                this.send({ type: 'hello', protocol: 1, room: soak.room, device: this.device });
            });
            ws.on('message', (data) => {
                if (this.ws !== ws)
                    return;
                const message = parseMessage(data);
                if (message.type === 'welcome') {
                    ++this.connects;
                    this.welcomed = true;
                    this.checkOnPoll = this.connects > 1;
                    this.checkOnQuestions = this.connects > 1;
                    this.awaitingQuestions = true;
                    this.nextPingAt = now() + soak.random() * soakPingMs;
                    if (soak.pollOpen && this.votedOpening !== soak.opening)
                        this.voteDueAt = now() + soak.random() * soakFirstVoteSeconds * 1000;
                    soak.interval.connectMs.push(now() - began);
                    settle();
                }
                this.receive(message);
            });
            ws.on('error', (error) => settle(error));
            ws.on('close', (code, reason) => {
                if (this.ws !== ws)
                    return;
                const wasWelcomed = this.welcomed;
                this.welcomed = false;
                this.voteDueAt = Infinity;
                this.dropInFlight();
                settle(new Error(`closed before welcome (${code})`));
                if (wasWelcomed && !this.leaving && soak.active) {
                    soakError(`closed ${code}`, `phone ${this.index}: ${reason}`);
                    // As the page does: it comes back (after 1 s here, the page's first backoff).
                    setTimeout(() => reconnectSoakPhone(this), 1000);
                }
            });
        });
    }

    send(message) {
        this.ws.send(JSON.stringify(message));
    }

    request(message, entry) {
        const id = this.nextId++;
        entry.sentAt = now();
        this.inFlight.set(id, entry);
        this.send({ ...message, id });
    }

    vote(answer) {
        this.votedOpening = soak.opening;
        this.voteDueAt = Infinity;
        this.request({ type: 'vote', poll: shared.pollId, answer }, { kind: 'vote', answer, epoch: soak.epoch });
    }

    /** A vote for another option than this phone's last. */
    voteAgain() {
        this.lastOption = this.lastOption < 0 ? this.index % shared.options.length :
            (this.lastOption + 1 + Math.floor(soak.random() * (shared.options.length - 1))) % shared.options.length;
        this.vote([shared.options[this.lastOption]]);
    }

    dropInFlight() {
        for (const entry of this.inFlight.values()) {
            if (entry.kind === 'vote')
                this.unknown.votes.push({ answer: entry.answer, epoch: entry.epoch });
            else if (entry.kind === 'upvote')
                this.unknown.upvotes.set(entry.question, entry.on);
            else if (entry.kind === 'ask')
                ++this.unknown.asks;
        }
        this.inFlight.clear();
        this.pingSentAt = undefined;
    }

    receive(message) {
        switch (message.type) {
        case 'poll':
            if (message.poll && !shared.pollId) {
                shared.pollId = message.poll.id;
                shared.options = message.poll.options.map((option) => option.id);
            }
            if (this.checkOnPoll) {
                this.checkOnPoll = false;
                this.checkVoteKept(message.poll);
            }
            break;
        case 'results':
            ++soak.interval.resultsMessages;
            break;
        case 'questions':
            for (const question of message.questions ?? [])
                setQuestionState(question.id, question.state);
            if (!this.awaitingQuestions) {
                // Sent again unasked: the server skipped this phone for reading too slowly, then resent the state.
                ++soak.resyncs;
                break;
            }
            this.awaitingQuestions = false;
            if (this.checkOnQuestions) {
                this.checkOnQuestions = false;
                this.checkQuestionsKept(message);
            }
            break;
        case 'questionUpdates':
            ++soak.interval.questionUpdates;
            if (!message.soakSeen) {
                message.soakSeen = true;
                for (const question of message.questions ?? []) {
                    if (question.state !== undefined)
                        setQuestionState(question.id, question.state);
                }
            }
            break;
        case 'pong':
            if (this.pingSentAt !== undefined)
                soak.interval.pongMs.push(now() - this.pingSentAt);
            this.pingSentAt = undefined;
            break;
        case 'ack':
        case 'upvoted':
        case 'asked':
        case 'error':
            this.answered(message);
            break;
        default:
            break;
        }
    }

    answered(message) {
        if (message.id === undefined) {
            soakError(`error ${message.code}`, `phone ${this.index}: ${message.message}`);
            return;
        }
        const entry = this.inFlight.get(message.id);
        if (!entry) {
            soakError(`answer to no request (${message.type})`, `phone ${this.index}, id ${message.id}`);
            return;
        }
        this.inFlight.delete(message.id);
        const took = now() - entry.sentAt;
        if (message.type === 'error') {
            this.refused(entry, message);
            return;
        }
        const interval = soak.interval;
        switch (entry.kind) {
        case 'vote':
            if (message.type !== 'ack' || !sameAnswer(message.answer, entry.answer))
                soakError('vote acknowledged as another', `phone ${this.index}: sent ` +
                    `${JSON.stringify(entry.answer)}, ${message.type} ${JSON.stringify(message.answer)}`);
            ++interval.votes;
            interval.voteAckMs.push(took);
            if (entry.epoch === soak.epoch) {
                this.lastAcked = { answer: message.answer ?? entry.answer, epoch: entry.epoch };
                this.unknown.votes = [];
            }
            break;
        case 'upvote':
            if (message.type !== 'upvoted' || message.on !== entry.on)
                soakError('upvote acknowledged as another', `phone ${this.index}: sent on ${entry.on}, ` +
                    `${message.type} on ${message.on}`);
            ++interval.upvotes;
            interval.upvoteAckMs.push(took);
            if (message.on)
                this.upvoted.add(entry.question);
            else
                this.upvoted.delete(entry.question);
            break;
        case 'ask':
            if (message.type !== 'asked' || !(message.question?.id > 0))
                soakError('question acknowledged as another', `phone ${this.index}: ${message.type}`);
            else
                this.asked.add(message.question.id);
            ++interval.asks;
            interval.askAckMs.push(took);
            break;
        default:
            break;
        }
    }

    refused(entry, message) {
        const code = message.code;
        if (entry.kind === 'vote' && (code === 'poll-closed' || code === 'unknown-poll') &&
            entry.sentAt < soak.pollChangedAt) {
            // Sent before the speaker closed the poll, taken after: as in a room.
            ++soak.races;
            ++soak.interval.races;
            return;
        }
        if (entry.kind === 'upvote' && code === 'unknown-question') {
            // A race when the question was answered while the upvote was on its way: the broadcast saying so may come
            // after the refusal (broadcasts go out at most ten a second), so decide a second later.
            setTimeout(() => {
                const leftAt = soak.noLongerUpvotableAt.get(entry.question);
                if (leftAt !== undefined && leftAt >= entry.sentAt) {
                    ++soak.races;
                    ++soak.interval.races;
                } else {
                    soakError('refused upvote unknown-question', `phone ${this.index}, question ${entry.question}: ` +
                        `${message.message}`);
                }
            }, 1000);
            return;
        }
        soakError(`refused ${entry.kind} ${code}`, `phone ${this.index}: ${message.message}`);
    }

    /** Back after a drop: the server holds this phone's last acknowledged vote (or one on its way at the drop). */
    checkVoteKept(poll) {
        // A poll command while the hello was on its way: what the server answered may be from before or after it.
        if (!poll || soak.commandGoing || this.helloAt <= soak.pollSettledAt) {
            ++soak.checks.skipped;
            this.unknown.votes = [];
            return;
        }
        ++soak.checks.votes;
        const yours = poll.yourAnswer ?? null;
        const acked = this.lastAcked?.epoch === soak.epoch ? this.lastAcked.answer : undefined;
        const unknown = this.unknown.votes.filter((vote) => vote.epoch === soak.epoch).map((vote) => vote.answer);
        const kept = yours === null ? acked === undefined :
            [acked, ...unknown].some((answer) => sameAnswer(answer, yours));
        if (!kept)
            soakError('vote lost', `phone ${this.index}: the server has ${JSON.stringify(yours)}, last acknowledged ` +
                `${JSON.stringify(acked ?? null)}, on its way at the drop ${JSON.stringify(unknown)}`);
        if (yours !== null)
            this.lastAcked = { answer: yours, epoch: soak.epoch };
        this.unknown.votes = [];
        // The page sends its one unacknowledged vote again after reconnecting.
        const resend = unknown.at(-1);
        if (resend && soak.pollOpen && !sameAnswer(resend, yours))
            this.vote(resend);
    }

    /** Back after a drop: the server holds this phone's acknowledged upvotes and questions. */
    checkQuestionsKept(message) {
        ++soak.checks.questions;
        const upvoted = new Set(message.upvoted ?? []);
        const lost = [];
        for (const question of new Set([...upvoted, ...this.upvoted])) {
            const onServer = upvoted.has(question);
            const unknown = this.unknown.upvotes.get(question);
            if (onServer !== this.upvoted.has(question) && unknown !== onServer)
                lost.push(question);
        }
        if (lost.length > 0)
            soakError('upvote lost', `phone ${this.index}: questions ${lost.join(', ')} differ from what was ` +
                `acknowledged (server: ${[...upvoted].join(', ')})`);
        this.upvoted = upvoted;
        this.unknown.upvotes.clear();
        const yours = new Set((message.yours ?? []).map((question) => question.id));
        const missing = [...this.asked].filter((id) => !yours.has(id));
        if (missing.length > 0)
            soakError('question lost', `phone ${this.index}: questions ${missing.join(', ')} not among its own`);
        if (yours.size - (this.asked.size - missing.length) > this.unknown.asks)
            soakError('question not asked', `phone ${this.index}: ${yours.size} of its own, ${this.asked.size} asked`);
        this.asked = yours;
        this.unknown.asks = 0;
    }
}

/** Starts (or restarts) a phone at `at`: the queue stays in time order. */
function queueSoakStart(phone, at) {
    let place = soak.toStart.length;
    while (place > 0 && soak.toStart[place - 1].at > at)
        --place;
    soak.toStart.splice(place, 0, { phone, at });
}

async function startSoakPhone(phone) {
    if (phone.connecting)
        return;
    phone.connecting = true;
    ++soak.connecting;
    try {
        if (!phone.device)
            phone.device = await joinWithRetry(soak.port, soak.room, phone.address);
        await phone.connect();
    } catch (error) {
        if (soak.active) {
            soakError(phone.device ? 'connect failed' : 'join failed', `phone ${phone.index}: ${error.message}`);
            // As the page does: it tries again.
            queueSoakStart(phone, now() + 2000);
        }
    } finally {
        phone.connecting = false;
        --soak.connecting;
    }
}

function reconnectSoakPhone(phone) {
    if (soak.active && !phone.welcomed && soak.phones.includes(phone))
        queueSoakStart(phone, now());
}

/** A phone drops off: cut or closed; it comes back later, or is gone and a new phone joins instead. */
function dropSoakPhone(phone) {
    ++soak.interval.drops;
    phone.leaving = true;
    phone.welcomed = false;
    phone.voteDueAt = Infinity;
    if (soak.random() < 0.5)
        phone.ws.terminate();
    else
        phone.ws.close(1001, 'page closed');
    if (soak.random() < 0.5) {
        ++soak.interval.returns;
        queueSoakStart(phone, now() + 1000 + soak.random() * 29000);
        return;
    }
    soak.phones.splice(soak.phones.indexOf(phone), 1);
    soak.departed.push(phone);
    ++soak.interval.newPhones;
    const newcomer = new SoakPhone(soak.nextIndex++);
    soak.phones.push(newcomer);
    queueSoakStart(newcomer, now() + 1000 + soak.random() * 9000);
}

/** A phone picked at random among those that pass eligible (a few tries: none may). */
function randomSoakPhone(eligible) {
    for (let tried = 0; tried < 50; ++tried) {
        const phone = soak.phones[Math.floor(soak.random() * soak.phones.length)];
        if (phone.welcomed && eligible(phone))
            return phone;
    }
    return undefined;
}

/** The speaker's next step with the poll: close it, or open it again (reset first every --soak-poll EVERY-th). */
async function soakPollStep() {
    let command;
    if (soak.pollOpen) {
        soak.pollOpen = false;
        for (const phone of soak.phones)
            phone.voteDueAt = Infinity;
        command = 'poll close';
    } else {
        const reset = (soak.opening + 1) % soakResetEvery === 0;
        if (reset)
            ++soak.epoch;
        command = reset ? 'poll reset' : 'poll open';
    }
    soak.pollChangedAt = now();
    soak.interval.speaker.push(command.replace('poll ', ''));
    const answer = await soakCommand(command);
    soak.pollSettledAt = now();
    if (command === 'poll close')
        return;
    ++soak.opening;
    soak.pollOpen = true;
    const at = now();
    for (const phone of soak.phones) {
        if (phone.welcomed)
            phone.voteDueAt = at + soak.random() * soakFirstVoteSeconds * 1000;
    }
    if (answer.pollState !== 'open')
        soakError('poll not open', `after ${command}: ${answer.pollState}`);
}

async function soakCommand(command) {
    soak.commandGoing = true;
    try {
        const answer = await server.command(command, 'command');
        if (!answer.ok)
            soakError(`${command} failed`, answer.error);
        return answer;
    } catch (error) {
        soakError(`${command} failed`, error.message);
        return {};
    } finally {
        soak.commandGoing = false;
    }
}

/** What the phones do every 20 ms: start, vote, ask, upvote, ping, drop off; and requests left unanswered. */
function soakTick(last, at) {
    const elapsed = at - last;
    while (soak.toStart.length > 0 && soak.toStart[0].at <= at && soak.connecting < 100) {
        const { phone } = soak.toStart.shift();
        if (!phone.welcomed && !phone.connecting && soak.phones.includes(phone))
            startSoakPhone(phone);
    }
    const canVote = soak.pollOpen && shared.options.length > 1;
    for (const phone of soak.phones) {
        if (!phone.welcomed)
            continue;
        if (canVote && phone.voteDueAt <= at && !phone.has('vote'))
            phone.voteAgain();
        if (phone.nextPingAt <= at) {
            phone.nextPingAt = at + soakPingMs;
            if (phone.pingSentAt === undefined) {
                phone.pingSentAt = at;
                phone.send({ type: 'ping' });
            }
        }
        if (phone.pingSentAt !== undefined && at - phone.pingSentAt > soakAnswerTimeoutMs) {
            soakError('ping unanswered', `phone ${phone.index}: no pong in ${soakAnswerTimeoutMs / 1000} s`);
            phone.pingSentAt = undefined;
        }
        for (const [id, entry] of phone.inFlight) {
            if (at - entry.sentAt > soakAnswerTimeoutMs) {
                soakError(`${entry.kind} unanswered`,
                    `phone ${phone.index}: no answer in ${soakAnswerTimeoutMs / 1000} s`);
                phone.inFlight.delete(id);
            }
        }
    }
    const credit = soak.credit;
    if (canVote) {
        credit.votes += (soakVoteRate * elapsed) / 1000;
        for (; credit.votes >= 1; --credit.votes)
            randomSoakPhone((phone) => phone.votedOpening === soak.opening && !phone.has('vote'))?.voteAgain();
    }
    credit.upvotes += (soakUpvoteRate * elapsed) / 1000;
    for (; credit.upvotes >= 1 && soak.upvotable.length > 0; --credit.upvotes) {
        const phone = randomSoakPhone((candidate) => !candidate.has('upvote'));
        if (!phone)
            continue;
        const question = soak.upvotable[Math.floor(soak.random() * soak.upvotable.length)];
        const on = !phone.upvoted.has(question);
        phone.request({ type: 'upvote', question, on }, { kind: 'upvote', question, on });
    }
    credit.asks += (soakAskRate * elapsed) / 1000;
    for (; credit.asks >= 1; --credit.asks) {
        const phone = randomSoakPhone((candidate) => !candidate.has('ask') && at - candidate.lastAskAt > 60000 &&
            at - (soak.lastAskAtByAddress.get(candidate.address) ?? -Infinity) > 3000);
        if (!phone)
            continue;
        phone.lastAskAt = at;
        soak.lastAskAtByAddress.set(phone.address, at);
        const index = soak.askCount++;
        const name = index % 4 === 0 ? `Phone ${phone.index + 1}` : undefined;
        phone.request({ type: 'ask', text: questionText(index), ...(name ? { name } : {}) }, { kind: 'ask' });
    }
    credit.drops += (soakChurnPerMinute * soak.phones.length * elapsed) / 60000;
    for (; credit.drops >= 1; --credit.drops) {
        const phone = randomSoakPhone(() => true);
        if (phone)
            dropSoakPhone(phone);
    }
}

function soakReportHeader() {
    const header = ['t s', 'phones', 'server RSS / peak / heap MiB', 'database MiB', 'votes acked',
        'send→ack p50/p99 ms', 'upvotes acked', 'send→upvoted p50/p99 ms', 'questions asked', 'send→asked p99 ms',
        'ping→pong p99 ms', 'connect p99 ms', 'vote→model p99 ms', 'server loop lag p99/max ms', 'speaker', 'races',
        'dropped / back / new', 'errors (total)', 'server CPU %', 'loadgen CPU %', 'other CPU %',
        'loadgen loop delay p99 ms'];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
}

/** One row of the soak's figures: this interval's, and the server's (its samples restarted for the next row). */
async function soakReport(previous, loopDelay) {
    const interval = soak.interval;
    soak.interval = newSoakInterval();
    const stats = await server.command('stats', 'stats');
    await server.command('reset', 'reset');
    const cpu = processCpuSeconds();
    const machine = machineCpuTicks();
    const seconds = (now() - previous.at) / 1000;
    const serverCpu = (100 * (stats.cpuSeconds - previous.serverCpu)) / seconds;
    const loadgenCpu = (100 * (cpu - previous.cpu)) / seconds;
    const machineCpu = (100 * os.cpus().length * (machine.busy - previous.machine.busy)) /
        (machine.total - previous.machine.total);
    const row = {
        t: (now() - soak.start) / 1000,
        phones: soak.phones.filter((phone) => phone.welcomed).length,
        serverPhones: stats.phones,
        rssMiB: stats.rssMiB,
        hwmMiB: stats.hwmMiB,
        heapMiB: stats.heapMiB,
        databaseMiB: stats.databaseMiB,
        votes: interval.votes,
        voteP50: percentile(interval.voteAckMs, 0.5),
        voteP99: percentile(interval.voteAckMs, 0.99),
        upvotes: interval.upvotes,
        upvoteP50: percentile(interval.upvoteAckMs, 0.5),
        upvoteP99: percentile(interval.upvoteAckMs, 0.99),
        asks: interval.asks,
        askP99: percentile(interval.askAckMs, 0.99),
        pongP99: percentile(interval.pongMs, 0.99),
        connectP99: percentile(interval.connectMs, 0.99),
        modelP99: stats.modelMs?.p99,
        lagP99: stats.loopLagMs?.p99,
        lagMax: stats.loopLagMs?.max,
        speaker: interval.speaker.join(', '),
        races: interval.races,
        drops: interval.drops,
        returns: interval.returns,
        newPhones: interval.newPhones,
        errors: interval.errors,
        serverCpu,
        loadgenCpu,
        otherCpu: Math.max(0, machineCpu - serverCpu - loadgenCpu),
        loopDelayP99: loopDelay.percentile(99) / 1e6,
    };
    loopDelay.reset();
    console.log(`| ${[
        fmt(row.t, 0),
        `${row.phones} (server ${row.serverPhones})`,
        `${fmt(row.rssMiB)} / ${fmt(row.hwmMiB)} / ${fmt(row.heapMiB)}`,
        fmt(row.databaseMiB, 2),
        row.votes,
        `${fmt(row.voteP50)} / ${fmt(row.voteP99)}`,
        row.upvotes,
        `${fmt(row.upvoteP50)} / ${fmt(row.upvoteP99)}`,
        row.asks,
        fmt(row.askP99),
        fmt(row.pongP99),
        fmt(row.connectP99),
        fmt(row.modelP99),
        `${fmt(row.lagP99)} / ${fmt(row.lagMax)}`,
        row.speaker,
        row.races,
        `${row.drops} / ${row.returns} / ${row.newPhones}`,
        `${row.errors} (${soak.errorsTotal})`,
        fmt(row.serverCpu, 0),
        fmt(row.loadgenCpu, 0),
        fmt(row.otherCpu, 0),
        fmt(row.loopDelayP99),
    ].join(' | ')} |`);
    return { row, next: { at: now(), serverCpu: stats.cpuSeconds, cpu, machine } };
}

/** The least-squares slope of values over times, per minute. */
function slopePerMinute(times, values) {
    const n = times.length;
    if (n < 2)
        return NaN;
    const meanT = times.reduce((sum, t) => sum + t, 0) / n;
    const meanV = values.reduce((sum, v) => sum + v, 0) / n;
    let covariance = 0;
    let variance = 0;
    for (let i = 0; i < n; ++i) {
        covariance += (times[i] - meanT) * (values[i] - meanV);
        variance += (times[i] - meanT) ** 2;
    }
    return (60 * covariance) / variance;
}

async function runSoak() {
    server = new BenchServer(args.server, args.db, serverArgs);
    const ready = await server.ready;
    soak.port = ready.port;
    soak.room = ready.room;
    console.log(`soak: ${clientCount} phones for ${soakSeconds} s from ${Math.min(clientCount, 253)} source ` +
        `addresses (127.0.0.2–254); server pid ${ready.pid} on 127.0.0.1:${ready.port}; loadgen on node ` +
        `${process.version}, ${os.cpus().length} cores, --seed ${args.seed}`);
    console.log(`server limits: ${describeLimits(ready.limits)}`);
    console.log(`soak: joining over ${soakRampSeconds} s; poll open ${soakOpenSeconds} s, closed ` +
        `${soakClosedSeconds} s, of every ${soakResetEvery} times it opens again the last resets its votes first; ` +
        `every phone votes within ` +
        `${soakFirstVoteSeconds} s of an opening, then ${soakVoteRate} changes/s; ${soakUpvoteRate} upvotes/s; ` +
        `${args['soak-asks']} questions/min; pin-next every ${soakPinSeconds} s; ${args['soak-churn']} % of the ` +
        `phones drop off a minute; a ping per phone every ${soakPingMs / 1000} s`);

    soak.start = now();
    soak.nextIndex = clientCount;
    for (let index = 0; index < clientCount; ++index) {
        const phone = new SoakPhone(index);
        soak.phones.push(phone);
        soak.toStart.push({ phone, at: soak.start + (index * soakRampSeconds * 1000) / clientCount });
    }
    soak.credit = { votes: 0, upvotes: 0, asks: 0, drops: 0 };
    soak.active = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    await server.command('reset', 'reset');
    let previous = { at: now(), serverCpu: (await server.command('stats', 'stats')).cpuSeconds,
        cpu: processCpuSeconds(), machine: machineCpuTicks() };
    soakReportHeader();

    const end = soak.start + soakSeconds * 1000;
    let nextPollAt = soak.start + soakOpenSeconds * 1000;
    let nextPinAt = soak.start + soakPinSeconds * 1000;
    let nextReportAt = soak.start + soakReportSeconds * 1000;
    const rows = [];
    let reporting = false;
    let last = now();
    const ticker = setInterval(() => {
        const at = now();
        soakTick(last, at);
        last = at;
        if (!soak.commandGoing && at >= nextPollAt) {
            nextPollAt += (soak.pollOpen ? soakClosedSeconds : soakOpenSeconds) * 1000;
            soakPollStep();
        } else if (!soak.commandGoing && at >= nextPinAt) {
            nextPinAt += soakPinSeconds * 1000;
            if (soak.upvotable.length > 1) {
                soak.interval.speaker.push('n');
                soakCommand('pin-next');
            }
        }
        if (!reporting && at >= nextReportAt && at < end) {
            nextReportAt += soakReportSeconds * 1000;
            reporting = true;
            soakReport(previous, loopDelay).then(({ row, next }) => {
                rows.push(row);
                previous = next;
                reporting = false;
            }, (error) => {
                soakError('no figures from the server', error.message);
                reporting = false;
            });
        }
    }, 20);
    while (now() < end && !server.hasExited)
        await sleep(100);
    clearInterval(ticker);
    if (server.hasExited)
        soakError('server exited', 'before the end of the soak');

    // The requests on their way are answered (or not, within 10 s: errors), then the last row and the checks.
    const settleUntil = now() + soakAnswerTimeoutMs + 1000;
    while (now() < settleUntil && soak.phones.some((phone) => phone.inFlight.size > 0))
        await sleep(50);
    while (reporting)
        await sleep(50);
    soakTick(now(), now());
    await sleep(1500); // the refusals decided a second later
    const { row } = await soakReport(previous, loopDelay);
    rows.push(row);
    loopDelay.disable();
    const final = await server.command('stats', 'stats');

    const everyPhone = [...soak.phones, ...soak.departed];
    const sum = (values) => values.reduce((total, value) => total + value, 0);
    const voters = everyPhone.filter((phone) => phone.lastAcked?.epoch === soak.epoch).length;
    const unknownVoters = everyPhone.filter((phone) => phone.lastAcked?.epoch !== soak.epoch &&
        phone.unknown.votes.some((vote) => vote.epoch === soak.epoch)).length;
    const upvotes = sum(everyPhone.map((phone) => phone.upvoted.size));
    const unknownUpvotes = sum(everyPhone.map((phone) => phone.unknown.upvotes.size));
    const questions = sum(everyPhone.map((phone) => phone.asked.size));
    const unknownQuestions = sum(everyPhone.map((phone) => phone.unknown.asks));
    const within = (value, expected, unknown) => value >= expected - unknown && value <= expected + unknown;
    const checks = [
        ['poll voters', final.pollVoters, voters, unknownVoters, voters <= final.pollVoters &&
            final.pollVoters <= voters + unknownVoters],
        ['upvotes in the server\'s LiveQuestions', final.votesInModel, upvotes, unknownUpvotes,
            within(final.votesInModel, upvotes, unknownUpvotes)],
        ['questions', final.questionCount, questions, unknownQuestions,
            questions <= final.questionCount && final.questionCount <= questions + unknownQuestions],
    ];
    for (const [what, value, expected, unknown, ok] of checks) {
        if (!ok)
            soakError(`${what} differ`, `server ${value}, acknowledged ${expected} (${unknown} unknown at a drop)`);
    }
    soak.active = false;
    for (const phone of soak.phones)
        phone.leaving = true;
    await server.command('quit', 'final').catch(() => undefined);
    await server.exited;

    const list = (values, digits = 1) => values.map((value) => fmt(value, digits)).join(' ');
    console.log(`server RSS MiB every ${soakReportSeconds} s: ${list(rows.map((r) => r.rssMiB))}`);
    console.log(`server peak RSS MiB (VmHWM) per row: ${list(rows.map((r) => r.hwmMiB))}`);
    console.log(`server heap in use MiB (malloc): ${list(rows.map((r) => r.heapMiB))}`);
    console.log(`database and WAL MiB: ${list(rows.map((r) => r.databaseMiB), 2)}`);
    console.log(`vote send→ack p99 ms: ${list(rows.map((r) => r.voteP99))}`);
    console.log(`upvote send→upvoted p99 ms: ${list(rows.map((r) => r.upvoteP99))}`);
    console.log(`ping→pong p99 ms: ${list(rows.map((r) => r.pongP99))}`);
    const checked = checks.map(([what, value, expected, unknown]) =>
        `${what} ${value} (acknowledged ${expected}${unknown ? `, ${unknown} unknown at a drop` : ''})`);
    console.log(`nothing lost: ${checked.join('; ')}; ` +
        `phones back after a drop found their vote ${soak.checks.votes}× and their upvotes and questions ` +
        `${soak.checks.questions}× (${soak.checks.skipped} vote checks skipped: a poll command at the same time)`);
    console.log(`phones: ${soak.nextIndex} devices in all, ${soak.departed.length} gone for good; refusals that ` +
        `raced the speaker (a vote as the poll closed, an upvote as its question was answered; not errors): ` +
        `${soak.races}; states resent to phones that read too slowly: ${soak.resyncs}; server loop lag worst p99 ` +
        `${fmt(Math.max(...rows.map((r) => r.lagP99 ?? NaN)))} ms`);
    const errors = [...soak.errorKinds].map(([kind, count]) => `${count}× ${kind}`).join(', ');
    // After the ramp: the rows once every phone has joined (the first row after soakRampSeconds).
    const steady = rows.filter((r) => r.t >= soakRampSeconds + soakReportSeconds - 1);
    const rss = (steady.length > 0 ? steady : rows).map((r) => r.rssMiB);
    const heap = (steady.length > 0 ? steady : rows).map((r) => r.heapMiB);
    const times = (steady.length > 0 ? steady : rows).map((r) => r.t);
    const worst = (key) => fmt(Math.max(...rows.map((r) => r[key]).filter(Number.isFinite)));
    console.log(`soak result: server RSS after the ramp first/last/max ${fmt(rss[0])} / ${fmt(rss.at(-1))} / ` +
        `${fmt(Math.max(...rss))} MiB (slope ${fmt(slopePerMinute(times, rss), 2)} MiB/min, peak ` +
        `${fmt(Math.max(...rows.map((r) => r.hwmMiB)))} MiB; heap in use ${fmt(heap[0])} → ${fmt(heap.at(-1))} ` +
        `MiB, ${fmt(slopePerMinute(times, heap), 2)} MiB/min); vote send→ack p99 worst ${worst('voteP99')} ms, ` +
        `upvote send→upvoted p99 worst ${worst('upvoteP99')} ms, ping→pong p99 worst ${worst('pongP99')} ms; ` +
        `errors ${soak.errorsTotal}${errors ? ` (${errors})` : ''}`);
    printSoakMachineNotes(rows);
    return soak.errorsTotal === 0 ? 0 : 1;
}

function printSoakMachineNotes(rows) {
    const busy = rows.filter((r) => r.otherCpu > 25);
    if (busy.length > 0)
        console.log(`note: in ${busy.length} of ${rows.length} rows other processes (and the kernel's loopback work) ` +
            `used more than a quarter of a core (up to ${fmt(Math.max(...busy.map((r) => r.otherCpu)), 0)} %): the ` +
            `machine was not quiet, so these latencies are not the server's alone`);
}

async function main() {
    if (soakSeconds !== undefined)
        return runSoak();
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
