#!/usr/bin/env bash
# The audience server's load benchmark: prints the figures README's "Audience server load" section quotes. Not a
# test: it has no pass/fail, it measures. Builds nothing: build lectern-benchserver first
# (cmake --build BUILD_DIR --target lectern-benchserver). Installs the generator's npm dependency (ws) when missing.
#
#   tests/benchmarks/load/run-loadbench.sh [BUILD_DIR] [100|1000|2000|kill|questions|soak[:SECONDS[:PHONES]] ...]
#   (default: build, and every scenario but soak)
#
# Every scenario starts its own lectern-benchserver on a fresh database, on 127.0.0.1 only; the phones come from
# 127.0.0.2-254 (loopback). Each phase lasts at most 30 s, each generator run is cut off after 240 s (a soak: 3
# minutes after its length), and the server quits with its generator: everything stops by itself. About 4 minutes
# on 2 cores. The `max` phase sends as fast as acks come back with each phone at 90 % of the per-device limit (3.6
# votes/s): its ceiling is 3,600 votes/s at N = 1,000 and 7,200 at N = 2,000, so the 5,000 votes/s target is
# measured at N = 2,000.
#
# Server limits: ServerLimits' defaults (messages per device 20 then 4/s, per address 200 then 60/s, joins per
# address 20 then 1/s), with one exception: at N = 100 the latency phase sends 1,000 votes/s, 10 a second from
# each phone, so that run raises the per-device message rate to 12/s (burst 20). The per-address limit stays on
# at its default everywhere: with 2,000 phones on 253 addresses, 8 phones share an address, as behind a NAT.
#
# Questions (`questions`): N = 2,000 with the session's Q&A served (lectern-benchserver --questions); 200 phones
# from 200 different addresses ask one question each (so the question limits, per device 3 then 1 per 20 s and per
# address 30 then 1 per 2 s, stay at their defaults and are not reached), then 5,000 upvotes at 500/s (10 s), then
# upvotes as fast as they are acknowledged for 10 s (each phone at 90 % of the per-device message limit: 7,200/s
# at most), each upvote a different (phone, question) pair. It measures upvote → console model (inside the server),
# upvote → every phone (probe questions), send → `upvoted`, the questionUpdates' sizes and the server's event-loop
# lag (a timer every 5 ms). No limit is raised.
#
# Soak (`soak`, not in the default run: just over 10 minutes): N = 2,000 phones for 600 s (`soak:120:300`: 300
# phones for 120 s) with lectern-benchserver --questions: joining over the first minute (a fifth of a shorter
# soak), the poll open 40 s and closed 20 s (reset every third time), every phone voting at each opening and 5
# changes of answer a second, 30 questions a minute, 10 upvotes (or upvotes taken back) a second, the speaker's
# pin-next every 30 s, a ping per phone every 25 s, and 1 % of the phones a minute dropping off (half of them coming
# back with their token, half replaced by new phones). A row every 30 s: the server's RSS and heap, the phones,
# acknowledgements and their p50/p99, errors; then RSS first/last/max and its slope, p99 over time, the checks that
# nothing acknowledged was lost, and the errors (the exit status is 1 when there was one). See "Soak" in loadgen.mjs.
#
# The machine must be quiet: each phase prints how much CPU other processes took, and a note when it was more
# than a quarter of a core. The server runs Qt's poll()-based event dispatcher, as the app does; the environment
# reaches it, so `QT_NO_GLIB= run-loadbench.sh …` (set but empty) measures it with the GLib one instead.
set -euo pipefail
build=$(realpath "${1:-build}")
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(100 1000 2000 kill questions)

here=$(cd "$(dirname "$0")" && pwd)
server="$build/tests/benchmarks/load/lectern-benchserver"
if [ ! -x "$server" ]; then
    echo "no $server: cmake --build $build --target lectern-benchserver" >&2
    exit 2
fi
if [ ! -d "$here/node_modules/ws" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The server's figures are on stdout; its warnings stay on stderr, its progress messages are left out.
export QT_LOGGING_RULES="lectern.*.debug=false;lectern.*.info=false"
# 2,000 phones and their probes need as many sockets in the generator and in the server.
ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
echo "machine: $(nproc) cores, $cpu, $memory, $(. /etc/os-release; echo "$PRETTY_NAME"), open files $(ulimit -n)"

loadgen() {
    timeout -k 5 250 node "$here/loadgen.mjs" --server "$server" --timeout 240 "$@"
}

soak() {
    local seconds=$1 phones=$2
    echo "== soak: N = $phones for $seconds s: joining, votes, questions, upvotes, pin-next, drop-offs and returns"
    timeout -k 5 $((seconds + 200)) node "$here/loadgen.mjs" --server "$server" --timeout $((seconds + 180)) \
        --db "$work/soak.sqlite" --clients "$phones" --soak "$seconds" --loop-lag-ms 5 ||
        echo "(the soak had errors: see above)"
}

for scenario in "${scenarios[@]}"; do
    case "$scenario" in
    100)
        echo "== N = 100 (per-device limit raised to 12 messages/s for 1,000 votes/s from 100 phones)"
        loadgen --db "$work/n100.sqlite" --clients 100 --phase 1000/s:1000:30 \
            --server-arg=--device-rate=12
        ;;
    1000)
        echo "== N = 1,000"
        loadgen --db "$work/n1000.sqlite" --clients 1000 --phase 1000/s:1000:30 --phase max:max:30
        ;;
    2000)
        echo "== N = 2,000"
        loadgen --db "$work/n2000.sqlite" --clients 2000 --phase 1000/s:1000:30 --phase max:max:30
        ;;
    kill)
        echo "== kill -9 under load: N = 1,000 at 3,000 votes/s, the server killed 10 s in, restarted on its database"
        loadgen --db "$work/kill.sqlite" --clients 1000 --phase kill:3000:30 --kill-after 10 \
            --record "$work/kill-votes.jsonl" || echo "(acknowledged votes were lost: see above)"
        ;;
    questions)
        echo "== questions: N = 2,000, 200 questions from 200 phones, 5,000 upvotes at 500/s, 5,000 at 1,000/s, then max for 10 s"
        loadgen --db "$work/questions.sqlite" --clients 2000 --questions 200 --phase 500/s:500:10 \
            --phase 1000/s:1000:5 --phase max:max:10 --loop-lag-ms 5
        ;;
    soak | soak:*)
        IFS=: read -r _ seconds phones <<<"$scenario"
        soak "${seconds:-600}" "${phones:-2000}"
        ;;
    *)
        echo "unknown scenario $scenario (100, 1000, 2000, kill, questions, soak[:SECONDS[:PHONES]])" >&2
        exit 2
        ;;
    esac
done
