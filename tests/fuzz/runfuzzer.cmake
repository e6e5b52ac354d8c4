# Runs one libFuzzer target for a bounded time: the ctest entries fuzz_<name> (tests/fuzz/CMakeLists.txt).
#   cmake -DFUZZER=… -DWORK=… -DSEEDS=… [-DREGRESSIONS=…] [-DDICTIONARY=…] -DSECONDS=… -DMAX_LEN=…
#         -P runfuzzer.cmake
# New inputs go to WORK/corpus (kept from run to run), inputs that break the target to WORK/artifacts; the seeds and
# the regressions are only read. Fails when the fuzzer does (a crash, a sanitizer report, a broken rule, a timeout,
# running out of memory), naming the input it saved.
foreach(required FUZZER WORK SEEDS SECONDS MAX_LEN)
    if(NOT DEFINED ${required} OR "${${required}}" STREQUAL "")
        message(FATAL_ERROR "runfuzzer.cmake: -D${required}=… is missing")
    endif()
endforeach()

file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/artifacts)
set(inputs ${WORK}/corpus ${SEEDS})
if(REGRESSIONS)
    list(APPEND inputs ${REGRESSIONS})
endif()
set(options
    -max_total_time=${SECONDS}
    -max_len=${MAX_LEN}
    # Each input must be done within this (a sanitizer build on a loaded machine is slow, but not that slow).
    -timeout=20
    -rss_limit_mb=2048
    -malloc_limit_mb=1024
    -artifact_prefix=${WORK}/artifacts/
    -print_final_stats=1
)
if(DICTIONARY)
    list(APPEND options -dict=${DICTIONARY})
endif()

execute_process(COMMAND ${FUZZER} ${options} ${inputs} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    file(GLOB saved ${WORK}/artifacts/*)
    message(FATAL_ERROR "${FUZZER} failed (${result}). What broke it is saved in ${WORK}/artifacts: ${saved}. "
                        "Reproduce with: ${FUZZER} <file>; keep the input in tests/fuzz/regressions/ once fixed.")
endif()
