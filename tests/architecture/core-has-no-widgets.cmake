# Fails when a file of lectern_core includes a Qt Widgets header. The library does not link Qt6::Widgets,
# so a plain <QWidget> does not resolve; this also catches <QtWidgets/…> spellings, which would resolve
# through the Qt include root. Run by ctest with -D CORE_DIR=<app/core>.
file(GLOB_RECURSE core_files "${CORE_DIR}/*.h" "${CORE_DIR}/*.cpp")
set(widget_headers QtWidgets QWidget QApplication QMainWindow QDialog QMessageBox QLabel QPushButton
    QLineEdit QTextEdit QTextBrowser QLayout QBoxLayout QVBoxLayout QHBoxLayout QGridLayout QScrollArea
    QFileDialog QInputDialog QAction QMenu QMenuBar QToolButton QFrame QStyle)
list(JOIN widget_headers "|" alternatives)
set(offenders "")
foreach(file IN LISTS core_files)
    file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*<(${alternatives})[/>]")
    if(includes)
        list(APPEND offenders "${file}: ${includes}")
    endif()
endforeach()
if(offenders)
    list(JOIN offenders "\n" report)
    message(FATAL_ERROR "lectern_core must not use Qt Widgets:\n${report}")
endif()
list(LENGTH core_files count)
message(STATUS "lectern_core: ${count} files, no Qt Widgets include")
