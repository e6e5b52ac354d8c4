#pragma once

#include "model/event.h"
#include "model/session.h"
#include "result.h"

#include <QCoreApplication>
#include <QString>

namespace Lectern {

/**
 * The built-in demo: a "Robust Python evening" deck drawn by our own code with QPdfWriter from the
 * content in resources/demo/demo-deck.json, with a pdfpc sidecar holding its notes and timing.
 * Needs a QGuiApplication (fonts).
 */
class DemoDeck
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::DemoDeck)

public:
    /** Writes `robust-python-evening.pdf` and its `.pdfpc` into directory; returns the deck's path. */
    static Result<QString> write(const QString &directory);
    /**
     * The demo event (resources/demo/demo.lectern.json): one session with the meetup's polls, its deck at
     * deckPath (as written by write()), 15 + 5 minutes.
     */
    static Result<Event> event(const QString &deckPath);
    /** The demo event's session: title, speaker, deck path, 15 + 5 minutes, polls. */
    static Session session(const QString &deckPath);
};

} // namespace Lectern
