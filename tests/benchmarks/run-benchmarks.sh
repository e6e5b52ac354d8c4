#!/usr/bin/env bash
# Generates the benchmark decks and measures the presenter on them; prints the figures for README.
# Usage: tests/benchmarks/run-benchmarks.sh [BUILD_DIR]   (default: build). Takes a few minutes.
# Runs twice per deck: on the offscreen platform with two screens (a 1280x800 laptop at 2x and a
# 1920x1080 projector), and under Xvfb with one 2560x1080 screen (both windows side by side).
set -euo pipefail
build=$(realpath "${1:-build}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
QT_QPA_PLATFORM=offscreen "$build/tests/benchmarks/lectern-benchdeck" text 100 "$work/text-100.pdf" >/dev/null
QT_QPA_PLATFORM=offscreen "$build/tests/benchmarks/lectern-benchdeck" heavy 300 "$work/heavy-300.pdf" >/dev/null
cat > "$work/screens.json" <<'JSON'
{"screens":[{"name":"laptop","x":0,"y":0,"width":1280,"height":800,"logicalDpi":96,"dpr":2},
{"name":"projector","x":1280,"y":0,"width":1920,"height":1080,"logicalDpi":96,"dpr":1}]}
JSON

for deck in text-100 heavy-300; do
    echo "== $deck, offscreen, two screens"
    "$build/tests/benchmarks/lectern-bench" "$work/$deck.pdf" -platform "offscreen:configfile=$work/screens.json"
    echo "== $deck, Xvfb, one 2560x1080 screen"
    xvfb-run -a -s "-screen 0 2560x1080x24" "$build/tests/benchmarks/lectern-bench" "$work/$deck.pdf"
done
