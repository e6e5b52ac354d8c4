#pragma once

#include <QByteArray>

#include <utility>

namespace Lectern {

/**
 * Line and column (both 1-based) of a byte offset in a UTF-8 text, so a message can point at the spot in an
 * editor; the column counts characters, not bytes.
 */
inline std::pair<int, int> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, text.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((uchar(text.at(i)) & 0xC0) != 0x80) { // not a UTF-8 continuation byte
            ++column;
        }
    }
    return {line, column};
}

} // namespace Lectern
