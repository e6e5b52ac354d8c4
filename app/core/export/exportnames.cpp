#include "export/exportnames.h"
#include "model/eventfile.h"

using namespace Qt::StringLiterals;

namespace Lectern::ExportNames {

QString pollKind(Poll::Kind kind)
{
    return EventFile::kindName(kind);
}

QString pollState(PollState state)
{
    return pollStateName(state);
}

QString utcTime(const std::optional<QDateTime> &time)
{
    if (!time || !time->isValid())
        return QString();
    return time->toUTC().toString(Qt::ISODate); // whole seconds: Qt::ISODate leaves the milliseconds out
}

} // namespace Lectern::ExportNames
