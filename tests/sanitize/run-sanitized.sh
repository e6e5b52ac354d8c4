#!/usr/bin/env bash
# The sanitizer run: lectern_core and the tests of its modules (no widgets, WebEngine or browser) built with clang
# under AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer included), with the libFuzzer targets of
# tests/fuzz, then their ctest. Any sanitizer report fails the run, as does any failing test; the end of the output
# says which test and which report.
# Usage: tests/sanitize/run-sanitized.sh SOURCE_DIR BUILD_DIR
#   LECTERN_SANITIZE_BUILD_TYPE   CMake build type of the sanitizer build (default Debug: the fastest overall)
#   LECTERN_SANITIZE_TESTS        a ctest -R pattern to run only some tests (default: all)
#   LECTERN_SANITIZE_CTEST_JOBS   tests run at once (default 2)
# ccache is used when installed, shared with other builds of the same tree (CCACHE_BASEDIR).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
    exit 2
fi
source_dir=$(realpath "$1")
build_dir=$(realpath -m "$2")
suppressions="$source_dir/tests/sanitize/lsan.supp"

for tool in clang++ cmake ninja ctest; do
    if ! command -v "$tool" >/dev/null; then
        echo "sanitizers: $tool is missing (Debian: apt-get install clang llvm cmake ninja-build)" >&2
        exit 1
    fi
done
# Stacks name functions and lines only with a symbolizer: Debian's llvm package has llvm-symbolizer.
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
if [ -z "$symbolizer" ]; then
    echo "sanitizers: llvm-symbolizer is missing (Debian: apt-get install llvm); reports will show addresses only" >&2
fi

mkdir -p "$build_dir"
configure_log="$build_dir/sanitize-configure.log"
build_log="$build_dir/sanitize-build.log"
export CCACHE_BASEDIR="$source_dir"
jobs=$(nproc)
started=$(date +%s)

echo "sanitizers: configuring $build_dir (clang, ${LECTERN_SANITIZE_BUILD_TYPE:-Debug}, address,undefined)"
cmake -S "$source_dir" -B "$build_dir" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE="${LECTERN_SANITIZE_BUILD_TYPE:-Debug}" \
    -DLECTERN_CORE_ONLY=ON \
    -DLECTERN_SANITIZE=address,undefined \
    -DLECTERN_FUZZ=ON >"$configure_log" 2>&1 || {
    cat "$configure_log" >&2
    echo "sanitizers: FAILED to configure the sanitizer build" >&2
    exit 1
}

echo "sanitizers: building with $jobs jobs"
if ! cmake --build "$build_dir" -j "$jobs" >"$build_log" 2>&1; then
    grep -E -B2 -A20 'error:|FAILED:' "$build_log" | head -n 200 >&2 || tail -n 100 "$build_log" >&2
    echo "sanitizers: FAILED to build the sanitizer build (whole log: $build_log)" >&2
    exit 1
fi
# Warnings fail the run as they fail the normal build's review: clang sees things gcc does not.
if grep -q 'warning:' "$build_log"; then
    grep -E -A6 'warning:' "$build_log" | head -n 100 >&2
    echo "sanitizers: FAILED: the sanitizer build has compiler warnings (whole log: $build_log)" >&2
    exit 1
fi
# A run that reports nothing proves something only if the code was instrumented: lectern_core must call into both
# runtimes (a flag lost on the way would otherwise pass every test in silence).
core_library="$build_dir/app/core/liblectern_core.a"
core_symbols=$(nm "$core_library" 2>/dev/null || true)
for hook in __asan_report_ __ubsan_handle_; do
    if ! grep -q "$hook" <<<"$core_symbols"; then
        echo "sanitizers: FAILED: $core_library has no $hook calls: the sanitizers are not on" >&2
        exit 1
    fi
done
built=$(date +%s)
echo "sanitizers: built in $((built - started)) s"

# halt_on_error with -fno-sanitize-recover=all: the first report ends the process with a failure.
# detect_stack_use_after_return: also catches a pointer to a local used after its function returned.
# quarantine_size_mb: freed memory is held back (not reused) so that a use after free shows; at the default 256 MB
# the held-back memory counts in the resident size, and the tests that bound it (a 64 MiB deck streamed in 64 KiB
# blocks must not grow the server by 16 MiB: tst_agendaserver) measure ASan instead of Lectern. 16 MB still catches
# every use of memory freed less than 16 MB of frees before.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:\
check_initialization_order=1:strict_init_order=1:quarantine_size_mb=16:print_summary=1\
${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:print_summary=1\
${symbolizer:+:external_symbolizer_path=$symbolizer}"
export LSAN_OPTIONS="suppressions=$suppressions:print_suppressions=0"

ctest_args=(--test-dir "$build_dir" --output-on-failure -j "${LECTERN_SANITIZE_CTEST_JOBS:-2}")
if [ -n "${LECTERN_SANITIZE_TESTS:-}" ]; then
    ctest_args+=(-R "$LECTERN_SANITIZE_TESTS")
fi
status=0
ctest "${ctest_args[@]}" || status=$?
finished=$(date +%s)

# ctest keeps every test's whole output in LastTest.log, also of the tests that passed: a report from a child
# process whose exit status nobody checked is still found there.
log="$build_dir/Testing/Temporary/LastTest.log"
reports=$(awk '
    /^[0-9]+\/[0-9]+ Test: / { test = $3; frame[test] = ""; next }
    /ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Sanitizer has encountered a fatal error|runtime error:|SUMMARY: [A-Za-z]*Sanitizer/ {
        if (test != "") { line[test] = line[test] "    " $0 "\n"; found[test] = 1 }
        next
    }
    # The first frame in our own code (app/, not the tests) says where to look.
    /^ +#[0-9]+ / && /\/app\// && found[test] && frame[test] == "" {
        frame[test] = $0
    }
    END {
        for (t in found) {
            printf "  %s\n%s", t, line[t]
            if (frame[t] != "") printf "    first frame in Lectern code:%s\n", frame[t]
        }
    }' "$log" 2>/dev/null || true)

echo "sanitizers: tests ran in $((finished - built)) s; $((finished - started)) s in all"
if [ -n "$reports" ]; then
    echo "sanitizers: FAILED: sanitizer reports in these tests:"
    echo "$reports"
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "sanitizers: FAILED: tests failed under the sanitizers without a sanitizer report (see their output above):"
    sed 's/^[0-9]*:/  /' "$build_dir/Testing/Temporary/LastTestsFailed.log" 2>/dev/null || true
    exit 1
fi
echo "sanitizers: passed, no sanitizer report"
