#pragma once

#include <QByteArray>

#include <utility>

namespace Lectern {

/** Line and column (both 1-based) of a byte offset in a text, so a message can point at the spot in an editor. */
inline std::pair<int, int> lineAndColumn(const QByteArray &text, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, text.size());
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

} // namespace Lectern
