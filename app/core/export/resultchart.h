#pragma once

#include "export/eventrecord.h"
#include "export/pdflayout.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QString>

class QPaintDevice;

namespace Lectern {

/**
 * A poll's results drawn for print, as rows the PDF report paginates and the handout's results page stacks:
 * horizontal bars with counts and percentages of the voters (choices; ratings 1 to 5 and their mean) or a ranked
 * list (word-cloud words, open-text answers). Answers hidden by a moderator are counted, never shown.
 */
class ResultChart
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::ResultChart)

public:
    static inline const QColor kText{0x1d, 0x1f, 0x23};
    static inline const QColor kSecondaryText{0x55, 0x5b, 0x66};
    static inline const QColor kBar{0x2f, 0x6d, 0xb5};
    static inline const QColor kTrack{0xe3, 0xe7, 0xee};

    struct Style
    {
        qreal fontSize = 10; ///< points
        qreal width = 400;   ///< points
        /** Ranked lists show at most this many answers, then how many more there are; negative: all. */
        int maxListEntries = -1;
    };

    /** The chart's rows, top to bottom, laid out for device. */
    static QList<PageBlock> rows(const PollOutcome &outcome, const Style &style, QPaintDevice *device);

    /** "12 voters · closed". */
    static QString summary(const PollOutcome &outcome);
    /** "7 (58%)": a count and its share of the voters. */
    static QString figures(int count, int voters);
};

} // namespace Lectern
