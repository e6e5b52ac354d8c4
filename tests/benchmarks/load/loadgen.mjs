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
        record: { type: 'string' },
        timeout: { type: 'string', default: '300' },
        help: { type: 'boolean', default: false },
    },
});

if (args.help || !args.server || !args.db || args.phase.length === 0) {
    console.error('usage: node loadgen.mjs --server PATH --db PATH --clients N --phase LABEL:RATE|max:SECONDS... ' +
        '[--server-arg=--device-rate=12] [--kill-after S --record FILE] (see the top of loadgen.mjs)');
    process.exit(2);
}

const clientCount = Number(args.clients);
const phases = args.phase.map((text) => {
    const [label, rate, seconds] = text.split(':');
    const phase = { label, rate: rate === 'max' ? 'max' : Number(rate), seconds: Number(seconds) };
    if (!label || !(phase.rate === 'max' || phase.rate > 0) || !(phase.seconds > 0 && phase.seconds <= 120))
        throw new Error(`bad --phase ${text}: LABEL:RATE|max:SECONDS (seconds ≤ 120)`);
    return phase;
});
const killAfter = args['kill-after'] !== undefined ? Number(args['kill-after']) : undefined;
if (killAfter !== undefined && !args.record)
    throw new Error('--kill-after needs --record FILE');
const probeMs = Number(args['probe-ms']);
const probeTimeoutMs = Number(args['probe-timeout-ms']);
const maxInFlightPerPhone = Number(args['max-in-flight-per-phone']);
const hardTimeoutMs = Number(args.timeout) * 1000;

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
                const message = JSON.parse(data);
                if (message.type === 'welcome') {
                    this.welcomed = true;
                    clearTimeout(timer);
                    resolve();
                }
                this.receive(message);
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

    receive(message) {
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
        case 'ack':
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
            const accepted = message.type === 'ack';
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
            if (accepted)
                this.voted = true;
            this.onAck?.(accepted, message);
            break;
        }
        default:
            break;
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
            while (inFlight < window) {
                const phone = nextPhone((candidate) => at - candidate.lastSendAt >= minGapMs &&
                    candidate.inFlight.size < 2);
                if (!phone)
                    break;
                phone.vote();
                ++inFlight;
            }
            return;
        }
        const due = Math.floor((phase.rate * (Math.min(at, counters.end) - counters.start)) / 1000);
        while (counters.sent + counters.skippedBusy < due) {
            const phone = nextPhone((candidate) => candidate.inFlight.size < maxInFlightPerPhone);
            if (!phone) {
                // Every phone has its fill of votes in flight (or none is connected: the server is gone).
                if (!phones.some((candidate) => candidate.welcomed))
                    break;
                ++counters.skippedBusy;
                continue;
            }
            phone.vote();
        }
    };
    const ticker = setInterval(tick, 2);
    const probeTicker = prober ? setInterval(() => prober.fire(phones), probeMs) : undefined;
    if (killer !== undefined)
        setTimeout(() => killer().then((stats) => (counters.lastStats = stats)), killer.afterMs);

    const ended = new Promise((resolve) => {
        const check = setInterval(() => {
            if (now() >= counters.end || live().length === 0) {
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
    for (const r of results) {
        const other = r.machineCpuPercent - r.generatorCpuPercent - (r.serverCpuPercent || 0);
        if (other > 25)
            console.log(`note: during "${r.label}" other processes (and the kernel's loopback work) used ` +
                `${fmt(other, 0)} % of a core: the machine was not quiet, so these latencies are not the ` +
                `server's alone`);
    }
}

function describeLimits(limits) {
    const rate = (limit) => `${limit.burst} then ${limit.perSecond}/s`;
    return `messages per device ${rate(limits.messagesPerDevice)}, per address ${rate(limits.messagesPerAddress)}; ` +
        `joins per address ${rate(limits.joinsPerAddress)}; connections ≤ ${limits.maxConnections}, ` +
        `≤ ${limits.maxConnectionsPerAddress} per address`;
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

async function main() {
    server = new BenchServer(args.server, args.db, args['server-arg']);
    const ready = await server.ready;
    const { port, room } = ready;
    shared.maxClientRate = 0.9 * ready.limits.messagesPerDevice.perSecond;
    console.log(`clients: ${clientCount} from ${Math.min(clientCount, 253)} source addresses (127.0.0.2–254); ` +
        `server pid ${ready.pid} on 127.0.0.1:${port}; loadgen on node ${process.version}, ${os.cpus().length} cores`);
    console.log(`server limits: ${describeLimits(ready.limits)}`);

    const probeCount = killAfter === undefined ?
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

    server = new BenchServer(args.server, args.db, args['server-arg'], port);
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
