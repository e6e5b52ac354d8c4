#pragma once

#include <QLoggingCategory>

namespace Lectern {

/** The export module's logging category ("lectern.export"). */
Q_DECLARE_LOGGING_CATEGORY(lcExport)

} // namespace Lectern
