// lectern-benchdeck: writes the benchmark decks (and the demo event: its four decks and event file) for the benchmark and for people.
//   lectern-benchdeck text 100 text.pdf
//   lectern-benchdeck heavy 300 heavy.pdf
//   lectern-benchdeck demo DIRECTORY

#include "benchdecks.h"
#include "demo/demodeck.h"

#include <QGuiApplication>
#include <QStringList>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace Lectern;

namespace {

int usage(QTextStream &err)
{
    err << QCoreApplication::translate("Lectern::BenchDecks", "usage: lectern-benchdeck text|heavy PAGES OUT.pdf\n"
                                                              "       lectern-benchdeck demo DIRECTORY\n");
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    // A generator opens no window: it needs fonts, not a display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList arguments = app.arguments().mid(1);
    Result<QString> written;
    if (arguments.size() == 2 && arguments.at(0) == u"demo") {
        written = DemoDeck::write(arguments.at(1));
    } else if (arguments.size() == 3 && (arguments.at(0) == u"text" || arguments.at(0) == u"heavy")) {
        bool isNumber = false;
        const int pages = arguments.at(1).toInt(&isNumber);
        if (!isNumber || pages < 1)
            return usage(err);
        written = arguments.at(0) == u"text" ? BenchDecks::writeTextDeck(arguments.at(2), pages)
                                             : BenchDecks::writeHeavyDeck(arguments.at(2), pages);
    } else {
        return usage(err);
    }

    if (!written) {
        err << written.error() << '\n';
        return 1;
    }
    out << *written << '\n';
    return 0;
}
