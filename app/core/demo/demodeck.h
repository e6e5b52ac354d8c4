#pragma once

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
    /** The demo's session: title, speaker, deck path (as written by write()), 15 + 5 minutes. */
    static Session session(const QString &deckPath);
};

} // namespace Lectern
