#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Lectern {

/**
 * The built-in demo: the "Robust Python evening", a meetup of four talks, each with a deck drawn by our own code
 * with QPdfWriter (content in resources/demo/demo-decks.json) and a pdfpc sidecar holding its notes and timing,
 * and the event file that plans the evening (resources/demo/demo.lectern.json). Needs a QGuiApplication (fonts).
 */
class DemoDeck
{
    Q_DECLARE_TR_FUNCTIONS(Lectern::DemoDeck)

public:
    /**
     * Writes the four decks (`01-uv-and-nix.pdf` …, each with its `.pdfpc`) and the event file naming them by
     * relative paths, `robust-python-evening.lectern.json`, into directory, replacing earlier ones; returns the
     * event file's absolute path. The event file is written last, so that whoever finds it finds its decks.
     * With startsAt, the evening is planned for that day and time (down to five minutes) instead of its own date
     * and 19:00, so that a demo run now is on time (`lectern --demo`).
     */
    static Result<QString> write(const QString &directory, std::optional<QDateTime> startsAt = std::nullopt);
};

} // namespace Lectern
