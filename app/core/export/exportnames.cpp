#include "export/exportnames.h"

using namespace Qt::StringLiterals;

namespace Lectern::ExportNames {

QString pollKind(Poll::Kind kind)
{
    switch (kind) {
    case Poll::Kind::SingleChoice:
        return u"single"_s;
    case Poll::Kind::MultipleChoice:
        return u"multiple"_s;
    case Poll::Kind::Rating:
        return u"rating"_s;
    case Poll::Kind::WordCloud:
        return u"wordcloud"_s;
    case Poll::Kind::OpenText:
        return u"open"_s;
    }
    Q_UNREACHABLE();
}

QString pollState(PollState state)
{
    switch (state) {
    case PollState::Draft:
        return u"draft"_s;
    case PollState::Open:
        return u"open"_s;
    case PollState::Closed:
        return u"closed"_s;
    }
    Q_UNREACHABLE();
}

QString utcTime(const std::optional<QDateTime> &time)
{
    if (!time || !time->isValid())
        return QString();
    return time->toUTC().toString(Qt::ISODate); // whole seconds: Qt::ISODate leaves the milliseconds out
}

} // namespace Lectern::ExportNames
