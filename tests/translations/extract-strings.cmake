# Runs lupdate over the current sources into a copy of translations/lectern_ja.ts, so tst_translations sees
# every string the code marks for translation now, not only those the committed catalog already has.
# Called by ctest (fixture "translation_strings") with -D LUPDATE, PROJECT_IN, PROJECT_JSON, SOURCE_TS, CHECK_TS.
execute_process(COMMAND ${CMAKE_COMMAND} -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${PROJECT_JSON}
                        -P ${GENERATOR_SCRIPT}
                RESULT_VARIABLE generated)
if(NOT generated EQUAL 0)
    message(FATAL_ERROR "could not describe the lupdate project (${generated})")
endif()
configure_file(${SOURCE_TS} ${CHECK_TS} COPYONLY)
execute_process(COMMAND ${LUPDATE} -project ${PROJECT_JSON} -no-obsolete -locations none -ts ${CHECK_TS}
                RESULT_VARIABLE updated)
if(NOT updated EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${updated})")
endif()
