#pragma once

#include <QString>

#include <tl/expected.hpp>

namespace Lectern {

/** The outcome of something that can fail: a value, or a message a person can read. */
template<class T = void>
using Result = tl::expected<T, QString>;

/** Shorthand for the failed side of a Result: `return fail(tr("…"));`. */
inline tl::unexpected<QString> fail(const QString &message)
{
    return tl::unexpected<QString>(message);
}

} // namespace Lectern
