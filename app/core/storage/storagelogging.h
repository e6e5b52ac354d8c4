#pragma once

#include <QLoggingCategory>

namespace Lectern {

/** The storage module's logging category ("lectern.storage"). */
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace Lectern
