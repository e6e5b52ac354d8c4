# The Debian package (CPack DEB) and what makes two builds of one commit byte-identical. Included from the top-level
# CMakeLists.txt before add_subdirectory(app), so that its compile options reach every target.
#
#   cmake --build build && cpack --config build/CPackConfig.cmake -B build/package   → lectern_<version>_amd64.deb
#
# tests/packaging builds, installs and lints the package (tst_debpackage) and builds it a second time in a twin build
# directory, comparing the bytes (tst_reproduciblebuild).

include_guard(GLOBAL)

# The desktop, AppStream and icon name of the application (reverse DNS); the desktop file, the metainfo and the icon
# are installed under it.
set(LECTERN_APP_ID "io.github.lectern.Lectern")
set(LECTERN_MAINTAINER "Lectern maintainers <maintainers@users.noreply.r-seed-f035596d.example>")

# --- Reproducible builds ---------------------------------------------------------------------------------------------

# SOURCE_DATE_EPOCH (reproducible-builds.org): the one time stamp that goes into the outputs. From the environment when
# set, else the date of the last commit, else (a source tree without git) the date of this file.
if(DEFINED ENV{SOURCE_DATE_EPOCH} AND "$ENV{SOURCE_DATE_EPOCH}" MATCHES "^[0-9]+$")
    set(LECTERN_SOURCE_DATE_EPOCH "$ENV{SOURCE_DATE_EPOCH}")
else()
    find_package(Git QUIET)
    if(GIT_FOUND)
        # safe.directory: a clone owned by another user than the one building (CI as root) is still read.
        execute_process(
            COMMAND "${GIT_EXECUTABLE}" -c "safe.directory=${PROJECT_SOURCE_DIR}" log -1 --format=%ct
            WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
            OUTPUT_VARIABLE LECTERN_SOURCE_DATE_EPOCH
            OUTPUT_STRIP_TRAILING_WHITESPACE
            ERROR_QUIET
            RESULT_VARIABLE git_result)
    endif()
    if(NOT GIT_FOUND OR NOT git_result EQUAL 0 OR NOT LECTERN_SOURCE_DATE_EPOCH MATCHES "^[0-9]+$")
        file(TIMESTAMP "${CMAKE_CURRENT_LIST_FILE}" LECTERN_SOURCE_DATE_EPOCH "%s" UTC)
    endif()
endif()
message(STATUS "SOURCE_DATE_EPOCH for the build and the package: ${LECTERN_SOURCE_DATE_EPOCH}")

# The date of that time stamp (string(TIMESTAMP) reads SOURCE_DATE_EPOCH from the environment).
set(saved_source_date_epoch "$ENV{SOURCE_DATE_EPOCH}")
set(ENV{SOURCE_DATE_EPOCH} "${LECTERN_SOURCE_DATE_EPOCH}")
string(TIMESTAMP LECTERN_SOURCE_DATE "%Y-%m-%d" UTC)
set(ENV{SOURCE_DATE_EPOCH} "${saved_source_date_epoch}")

# No build paths in the outputs (__FILE__, debug information, and through it the build ID of the stripped binary). A
# file is named the same whether the compiler sees it by its absolute path or, through ccache's base_dir, by a path
# relative to the build directory: app/ui/x.cpp, app/ui/lectern_ui_autogen/… and the directory ".". GCC tries the last
# map first: the build directory's before the sources' (it may lie inside them).
file(RELATIVE_PATH sources_from_build "${PROJECT_BINARY_DIR}" "${PROJECT_SOURCE_DIR}")
string(REGEX REPLACE "/$" "" sources_from_build "${sources_from_build}")
add_compile_options("-ffile-prefix-map=${PROJECT_SOURCE_DIR}=." "-ffile-prefix-map=${PROJECT_SOURCE_DIR}/=")
if(sources_from_build) # not in an in-source build, where "/" would map every path
    add_compile_options("-ffile-prefix-map=${sources_from_build}/=")
endif()
add_compile_options("-ffile-prefix-map=${PROJECT_BINARY_DIR}=." "-ffile-prefix-map=${PROJECT_BINARY_DIR}/=")

# rcc stores each resource file's modification time (the .qm files are made during the build): it takes
# SOURCE_DATE_EPOCH from its environment instead. The custom commands (rcc, lrelease, moc) run with it.
get_property(custom_launcher GLOBAL PROPERTY RULE_LAUNCH_CUSTOM)
if(NOT custom_launcher)
    set_property(GLOBAL PROPERTY RULE_LAUNCH_CUSTOM
        "\"${CMAKE_COMMAND}\" -E env SOURCE_DATE_EPOCH=${LECTERN_SOURCE_DATE_EPOCH}")
endif()

# ccache: paths under the sources made relative, so that the twin build directory of tst_reproduciblebuild (at the
# same depth) compiles from the cache. The build directory's own CCACHE_BASEDIR, when set, is kept.
if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache" AND NOT DEFINED ENV{CCACHE_BASEDIR})
    set(CMAKE_CXX_COMPILER_LAUNCHER
        "${CMAKE_COMMAND}" -E env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" ${CMAKE_CXX_COMPILER_LAUNCHER})
endif()

# The installed binary: full RELRO (lintian: hardening-no-bindnow), and no RUNPATH (qt_standard_project_setup's
# $ORIGIN/../lib is for bundled libraries; Lectern's all come from the system). Deferred to the end of the top-level
# directory: app/ makes the target after this file is read.
function(lectern_set_up_installed_binary)
    target_link_options(lectern PRIVATE "LINKER:-z,relro,-z,now")
    set_target_properties(lectern PROPERTIES INSTALL_RPATH "")
endfunction()
cmake_language(DEFER CALL lectern_set_up_installed_binary)

# --- Files installed beside the binary -------------------------------------------------------------------------------

include(GNUInstallDirs)
find_program(GZIP_PROGRAM gzip REQUIRED)
set(packaging_dir "${PROJECT_SOURCE_DIR}/packaging")
set(packaging_build_dir "${PROJECT_BINARY_DIR}/packaging")

configure_file("${packaging_dir}/lectern.desktop.in" "${packaging_build_dir}/${LECTERN_APP_ID}.desktop" @ONLY)
configure_file("${packaging_dir}/lectern.metainfo.xml.in" "${packaging_build_dir}/${LECTERN_APP_ID}.metainfo.xml"
    @ONLY)
configure_file("${packaging_dir}/lectern-mime.xml.in" "${packaging_build_dir}/lectern.xml" @ONLY)
configure_file("${packaging_dir}/lectern.1.in" "${packaging_build_dir}/lectern.1" @ONLY)

# Man page and changelog gzipped without a name or time stamp (gzip -n), as Debian policy and reproducibility ask.
set(gzipped_files "")
foreach(input "${packaging_build_dir}/lectern.1" "${packaging_dir}/changelog")
    cmake_path(GET input FILENAME name)
    set(output "${packaging_build_dir}/gzipped/${name}.gz")
    add_custom_command(OUTPUT "${output}"
        COMMAND "${CMAKE_COMMAND}" -E copy "${input}" "${packaging_build_dir}/gzipped/${name}"
        COMMAND "${GZIP_PROGRAM}" -9 -n -f "${packaging_build_dir}/gzipped/${name}"
        DEPENDS "${input}"
        COMMENT "Compressing ${name}"
        VERBATIM)
    list(APPEND gzipped_files "${output}")
endforeach()
add_custom_target(lectern_package_files ALL DEPENDS ${gzipped_files})

install(FILES "${packaging_build_dir}/${LECTERN_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
install(FILES "${packaging_build_dir}/${LECTERN_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
install(FILES "${packaging_build_dir}/lectern.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages")
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/lectern.svg"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps" RENAME "${LECTERN_APP_ID}.svg")
install(FILES "${packaging_build_dir}/gzipped/lectern.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${packaging_dir}/copyright" "${packaging_build_dir}/gzipped/changelog.gz"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/lectern")

# --- The Debian package ----------------------------------------------------------------------------------------------

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "lectern")
set(CPACK_PACKAGE_VENDOR "Lectern maintainers")
set(CPACK_PACKAGE_CONTACT "${LECTERN_MAINTAINER}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES TRUE)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT") # lectern_<version>_<architecture>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LECTERN_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The synopsis is project(… DESCRIPTION); this is the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Lectern presents PDF talks with a presenter console (current and next slide,
notes, a session timer that knows the talk and Q&A times) and a projector
window. The audience answers live polls and asks questions from their phones
over the venue LAN, served by the laptop itself. An evening of several
sessions runs from one event file, survives a crash, and exports its results
as CSV, JSON, a PDF report or a handout.")
# The libraries come from dpkg-shlibdeps; the SQLite driver is a Qt plug-in, loaded at run time, that it cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
# Japanese needs a CJK font; Qt's own dialogs translated.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# CPack writes the package's time stamps from SOURCE_DATE_EPOCH in its environment (set here, at cpack time).
set(CPACK_PROJECT_CONFIG_FILE "${packaging_build_dir}/CPackProjectConfig.cmake")
file(CONFIGURE OUTPUT "${CPACK_PROJECT_CONFIG_FILE}" @ONLY CONTENT [[
if(NOT DEFINED ENV{SOURCE_DATE_EPOCH})
    set(ENV{SOURCE_DATE_EPOCH} "@LECTERN_SOURCE_DATE_EPOCH@")
endif()
]])
set(CPACK_THREADS 1) # one xz stream: the same bytes whatever the number of cores
include(CPack)
