#include "model/poll.h"
#include "model/question.h"

#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

class TestQuestion : public QObject
{
    Q_OBJECT

private slots:
    void questionTextIsNormalised_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("kept");
        QTest::newRow("plain") << u"Why uv?"_s << u"Why uv?"_s;
        QTest::newRow("trimmed") << u"  \t Why uv?\u3000 "_s << u"Why uv?"_s;
        QTest::newRow("NFC composes") << u"Cafe\u0301?"_s << u"Caf\u00e9?"_s;
        // Found by fuzzing: NFC takes time with the square of a run of combining marks (one 4 KiB message kept the
        // event loop busy for tens of milliseconds); runs are cut to Unicode's stream-safe 30.
        QTest::newRow("combining marks beyond 30 in a row cut")
            << QString(u"a"_s + QString(40, QChar(0x0316))) << QString(u"a"_s + QString(30, QChar(0x0316)));
        QTest::newRow("combining marks counted as decomposed")
            << QString(40, QChar(0x0F73)) << QString(QString(15, QChar(0x0F71)) + QString(15, QChar(0x0F72)));
        QTest::newRow("RTL override removed") << u"abc\u202Edef\u202C"_s << u"abcdef"_s;
        QTest::newRow("bidi embeddings removed") << u"\u202Aa\u202Bb\u202Dc"_s << u"abc"_s;
        QTest::newRow("bidi isolates removed") << u"\u2066x\u2067y\u2068z\u2069"_s << u"xyz"_s;
        QTest::newRow("bidi marks removed") << u"a\u200Eb\u200Fc\u061Cd"_s << u"abcd"_s;
        QTest::newRow("zero-width space and BOM removed") << u"sp\u200Bam\uFEFF"_s << u"spam"_s;
        QTest::newRow("control characters removed") << u"a\u0000b\u0007c\u001Bd\u007Fe\u0090"_s << u"abcde"_s;
        QTest::newRow("line breaks become spaces")
            << u"first line\nsecond\r\nthird\u2028fourth"_s << u"first line second  third fourth"_s;
        QTest::newRow("removal lets an accent compose") << u"e\u200B\u0301"_s << u"\u00e9"_s;
        QTest::newRow("lone surrogate removed") << QString(u"a"_s + QChar(0xD800) + u"b"_s) << u"ab"_s;
        QTest::newRow("emoji kept") << u"\U0001F44D \U0001F469\u200D\U0001F4BB \U0001F1EF\U0001F1F5 \u2764\uFE0F"_s
                                    << u"\U0001F44D \U0001F469\u200D\U0001F4BB \U0001F1EF\U0001F1F5 \u2764\uFE0F"_s;
        const QString england = u"\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"_s;
        QTest::newRow("subdivision flag kept") << england << england;
        QTest::newRow("tags hiding text removed") << u"ok\U000E0068\U000E0069"_s << u"ok"_s;
        QTest::newRow("Japanese kept") << u"型ヒントは必要ですか？"_s << u"型ヒントは必要ですか？"_s;
        QTest::newRow("markup kept as text") << u"<script>alert(1)</script>"_s << u"<script>alert(1)</script>"_s;
        QTest::newRow("300 characters") << u"q"_s.repeated(Question::kMaxTextLength)
                                        << u"q"_s.repeated(Question::kMaxTextLength);
        QTest::newRow("300 emoji (600 UTF-16 units)")
            << u"\U0001F600"_s.repeated(Question::kMaxTextLength) << u"\U0001F600"_s.repeated(Question::kMaxTextLength);
        QTest::newRow("300 after NFC") << u"e\u0301"_s.repeated(Question::kMaxTextLength)
                                       << u"\u00e9"_s.repeated(Question::kMaxTextLength);
        QTest::newRow("300 after removing overrides")
            << QString(u"\u202E"_s + u"q"_s.repeated(Question::kMaxTextLength) + u"\u202C"_s)
            << u"q"_s.repeated(Question::kMaxTextLength);
    }

    void questionTextIsNormalised()
    {
        QFETCH(QString, typed);
        QFETCH(QString, kept);
        const Result<QString> normalised = normalizeQuestionText(typed);
        QVERIFY2(normalised, qPrintable(normalised ? QString() : normalised.error()));
        QCOMPARE(*normalised, kept);
    }

    void emptyOrLongQuestionsAreRefusedInWords_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QString() << u"Type your question"_s;
        QTest::newRow("spaces") << u" \t\n\u3000"_s << u"Type your question"_s;
        QTest::newRow("only overrides and controls") << u"\u202E\u2066\u0000\u200B"_s << u"Type your question"_s;
        QTest::newRow("301 characters") << u"q"_s.repeated(Question::kMaxTextLength + 1) << u"(this is 301)"_s;
        QTest::newRow("301 emoji") << u"\U0001F600"_s.repeated(Question::kMaxTextLength + 1) << u"(this is 301)"_s;
        QTest::newRow("10 kB") << u"x"_s.repeated(10 * 1024) << u"300 characters or fewer"_s;
    }

    void emptyOrLongQuestionsAreRefusedInWords()
    {
        QFETCH(QString, typed);
        QFETCH(QString, messagePart);
        const Result<QString> normalised = normalizeQuestionText(typed);
        QVERIFY(!normalised);
        QVERIFY2(normalised.error().contains(messagePart), qPrintable(normalised.error()));
    }

    void displayNameIsNormalisedAndMayBeEmpty_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("kept");
        QTest::newRow("anonymous") << QString() << QString();
        QTest::newRow("only spaces is anonymous") << u"  \u202E "_s << QString();
        QTest::newRow("trimmed and cleaned") << u" Ada\u202E Love\u0000lace "_s << u"Ada Lovelace"_s;
        QTest::newRow("NFC") << u"Zoe\u0308"_s << u"Zo\u00eb"_s;
        QTest::newRow("Japanese") << u"山田"_s << u"山田"_s;
        QTest::newRow("40 characters") << u"n"_s.repeated(Question::kMaxDisplayNameLength)
                                       << u"n"_s.repeated(Question::kMaxDisplayNameLength);
    }

    void displayNameIsNormalisedAndMayBeEmpty()
    {
        QFETCH(QString, typed);
        QFETCH(QString, kept);
        const Result<QString> normalised = normalizeDisplayName(typed);
        QVERIFY2(normalised, qPrintable(normalised ? QString() : normalised.error()));
        QCOMPARE(*normalised, kept);
    }

    void longDisplayNameIsRefusedInWords()
    {
        const Result<QString> normalised = normalizeDisplayName(u"n"_s.repeated(Question::kMaxDisplayNameLength + 1));
        QVERIFY(!normalised);
        QVERIFY2(normalised.error().contains(u"40 characters or fewer (this is 41)"_s), qPrintable(normalised.error()));
    }

    void stateNamesRoundTrip_data()
    {
        QTest::addColumn<Question::State>("state");
        QTest::addColumn<QString>("name");
        QTest::newRow("waiting") << Question::State::Waiting << u"waiting"_s;
        QTest::newRow("shown") << Question::State::Shown << u"shown"_s;
        QTest::newRow("pinned") << Question::State::Pinned << u"pinned"_s;
        QTest::newRow("answered") << Question::State::Answered << u"answered"_s;
        QTest::newRow("hidden") << Question::State::Hidden << u"hidden"_s;
        QTest::newRow("merged") << Question::State::Merged << u"merged"_s;
        QTest::newRow("withdrawn") << Question::State::Withdrawn << u"withdrawn"_s;
        QTest::newRow("unanswered") << Question::State::Unanswered << u"unanswered"_s;
    }

    void stateNamesRoundTrip()
    {
        QFETCH(Question::State, state);
        QFETCH(QString, name);
        QCOMPARE(questionStateName(state), name);
        QCOMPARE(questionStateFromName(name), std::optional<Question::State>(state));
    }

    void unknownStateNameIsNothing()
    {
        QVERIFY(!questionStateFromName(u"Shown"));
        QVERIFY(!questionStateFromName(u""));
        QVERIFY(!questionStateFromName(u"deleted"));
    }
};

QTEST_GUILESS_MAIN(TestQuestion)

#include "tst_question.moc"
