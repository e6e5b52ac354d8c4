#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

/** Checks that the Japanese catalog covers every string the code marks for translation, placeholders kept. */
class TestTranslations : public QObject
{
    Q_OBJECT

private:
    struct Message
    {
        QString context;
        QString source;
        QString translation;
        bool unfinished = false;
    };

    static QList<Message> readCatalog(const QString &path)
    {
        QList<Message> messages;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return messages;
        QXmlStreamReader xml(&file);
        QString context;
        Message current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"name"_s) {
                context = xml.readElementText();
            } else if (xml.name() == u"message"_s) {
                current = Message{context, {}, {}, false};
            } else if (xml.name() == u"source"_s) {
                current.source = xml.readElementText();
            } else if (xml.name() == u"translation"_s) {
                const QStringView type = xml.attributes().value(u"type"_s);
                current.unfinished = type == u"unfinished"_s;
                if (type == u"vanished"_s || type == u"obsolete"_s)
                    continue;
                // Plural messages hold their forms in <numerusform> children.
                current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                messages.append(current);
            }
        }
        return messages;
    }

    /** The %1, %L2 and %n of text, each once, sorted: a translation must keep every one of the source's. */
    static QStringList placeholders(const QString &text)
    {
        static const QRegularExpression placeholder(u"%L?(?:\\d+|n)"_s);
        QStringList found;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(text)) {
            if (!found.contains(match.captured()))
                found.append(match.captured());
        }
        found.sort();
        return found;
    }

private slots:
    void everyMessageHasAFinishedJapaneseTranslation()
    {
        const QList<Message> messages = readCatalog(QStringLiteral(LECTERN_TS_FILE));
        QVERIFY2(messages.size() >= 40,
                 "the catalog looks empty: run lupdate (cmake --build build --target update_translations)");
        QStringList missing;
        for (const Message &message : messages) {
            if (message.unfinished || message.translation.trimmed().isEmpty())
                missing.append(message.context + u": "_s + message.source);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"untranslated:\n"_s + missing.join(u'\n')));
    }

    void everyTranslationKeepsThePlaceholders()
    {
        const QList<Message> messages = readCatalog(QStringLiteral(LECTERN_TS_FILE));
        QVERIFY(!messages.isEmpty());
        QStringList broken;
        for (const Message &message : messages) {
            // Unfinished ones are the test above's; a plural's forms are read together.
            if (message.unfinished || message.translation.trimmed().isEmpty())
                continue;
            if (placeholders(message.source) != placeholders(message.translation))
                broken.append(message.context + u": "_s + message.source + u" → "_s + message.translation);
        }
        QVERIFY2(broken.isEmpty(), qPrintable(u"placeholders lost or added:\n"_s + broken.join(u'\n')));
    }

    void theCompiledCatalogTranslatesTheKeyHelp()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(LECTERN_QM_FILE)));
        const QString translated = translator.translate("Lectern::KeyMap", "Blank the projector (black)");
        QVERIFY(!translated.isEmpty());
        QVERIFY(translated != u"Blank the projector (black)"_s);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
