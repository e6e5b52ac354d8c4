#pragma once

#include <QLoggingCategory>

namespace Lectern {

/** The slides module's logging category ("lectern.slides"). */
Q_DECLARE_LOGGING_CATEGORY(lcSlides)

} // namespace Lectern
