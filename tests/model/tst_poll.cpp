#include "model/event.h"
#include "model/poll.h"

#include <QTest>

using namespace Lectern;
using namespace Qt::StringLiterals;

namespace {

Poll choicePoll()
{
    Poll poll;
    poll.id = u"uses-uv"_s;
    poll.question = u"Do you use uv?"_s;
    poll.kind = Poll::Kind::SingleChoice;
    poll.options = {{u"yes"_s, u"Yes"_s}, {u"no"_s, u"No"_s}, {u"what"_s, u"What is uv?"_s}};
    return poll;
}

QList<PollOption> numberedOptions(int count)
{
    QList<PollOption> options;
    for (int i = 1; i <= count; ++i)
        options.append({u"o%1"_s.arg(i), u"Option %1"_s.arg(i)});
    return options;
}

} // namespace

class TestPoll : public QObject
{
    Q_OBJECT

private slots:
    void wellFormedPollsOfEveryKindAreValid_data()
    {
        QTest::addColumn<Poll>("poll");
        QTest::newRow("single choice") << choicePoll();
        Poll multiple = choicePoll();
        multiple.kind = Poll::Kind::MultipleChoice;
        multiple.maxChoices = 2;
        QTest::newRow("multiple choice with a max") << multiple;
        multiple.maxChoices = 0;
        QTest::newRow("multiple choice without a max") << multiple;
        Poll rating = choicePoll();
        rating.kind = Poll::Kind::Rating;
        rating.options.clear();
        rating.ratingLowLabel = u"held together by hope"_s;
        rating.ratingHighLabel = u"typed, tested, pinned"_s;
        QTest::newRow("rating") << rating;
        Poll words = rating;
        words.kind = Poll::Kind::WordCloud;
        QTest::newRow("word cloud") << words;
        Poll open = rating;
        open.kind = Poll::Kind::OpenText;
        QTest::newRow("open text") << open;
        Poll longest = choicePoll();
        longest.question = QString(Poll::kMaxQuestionLength, u'q');
        longest.options = numberedOptions(Poll::kMaxOptions);
        longest.options[0].label = QString(Poll::kMaxOptionLength, u'o');
        QTest::newRow("texts and options at their limits") << longest;
    }

    void wellFormedPollsOfEveryKindAreValid()
    {
        QFETCH(Poll, poll);
        const Result<> valid = poll.validate();
        QVERIFY2(valid, qPrintable(valid ? QString() : valid.error()));
    }

    void brokenRulesAreNamedWithTheirField_data()
    {
        QTest::addColumn<Poll>("poll");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("messagePart");

        Poll poll = choicePoll();
        poll.id.clear();
        QTest::newRow("missing id") << poll << u"id"_s << u"uses-uv"_s;
        poll.id = u"uses uv"_s;
        QTest::newRow("id with a space") << poll << u"id"_s << u"letters, digits"_s;
        poll = choicePoll();
        poll.question = u"   "_s;
        QTest::newRow("blank question") << poll << u"question"_s << u"no question"_s;
        poll.question = QString(Poll::kMaxQuestionLength + 1, u'q');
        QTest::newRow("question too long") << poll << u"question"_s << u"301 characters"_s;
        poll = choicePoll();
        poll.options.resize(1);
        QTest::newRow("single choice with one option")
            << poll << QString() << u"a single-choice poll needs at least two options"_s;
        poll.kind = Poll::Kind::MultipleChoice;
        QTest::newRow("multiple choice with one option")
            << poll << QString() << u"a multiple-choice poll needs at least two options"_s;
        poll = choicePoll();
        poll.options = numberedOptions(Poll::kMaxOptions + 1);
        QTest::newRow("thirteen options") << poll << u"options"_s << u"at most 12 options"_s;
        poll = choicePoll();
        poll.options[1].label = QString(Poll::kMaxOptionLength + 1, u'o');
        QTest::newRow("option too long") << poll << u"options[1]"_s << u"101 characters"_s;
        poll = choicePoll();
        poll.options[2].label = u" "_s;
        QTest::newRow("empty option") << poll << u"options[2]"_s << u"no text"_s;
        poll = choicePoll();
        poll.options[2].id = u"yes"_s;
        QTest::newRow("duplicate option id") << poll << u"options[2]"_s << u"\"yes\""_s;
        poll = choicePoll();
        poll.options[2].label = u"Yes"_s;
        QTest::newRow("duplicate option text") << poll << u"options[2]"_s << u"already says"_s;
        poll = choicePoll();
        poll.kind = Poll::Kind::MultipleChoice;
        poll.maxChoices = 4;
        QTest::newRow("max choices above the options") << poll << u"maxChoices"_s << u"(3)"_s;
        poll = choicePoll();
        poll.kind = Poll::Kind::Rating;
        QTest::newRow("rating with options") << poll << u"options"_s << u"a rating poll takes no options"_s;
        poll.options.clear();
        poll.ratingHighLabel = QString(Poll::kMaxRatingLabelLength + 1, u'h');
        QTest::newRow("rating label too long") << poll << u"ratingLabels.high"_s << u"101 characters"_s;
        poll = choicePoll();
        poll.kind = Poll::Kind::WordCloud;
        QTest::newRow("word cloud with options") << poll << u"options"_s << u"takes no options"_s;
    }

    void brokenRulesAreNamedWithTheirField()
    {
        QFETCH(Poll, poll);
        QFETCH(QString, field);
        QFETCH(QString, messagePart);
        const std::optional<Poll::Problem> problem = poll.firstProblem();
        QVERIFY(problem);
        QCOMPARE(problem->field, field);
        QVERIFY2(problem->message.contains(messagePart), qPrintable(problem->message));
        QVERIFY(!poll.validate());
        QVERIFY2(poll.validate().error().startsWith(field), qPrintable(poll.validate().error()));
    }

    void choiceLimitFollowsTheKind()
    {
        Poll poll = choicePoll();
        QCOMPARE(poll.choiceLimit(), 1);
        poll.kind = Poll::Kind::MultipleChoice;
        QCOMPARE(poll.choiceLimit(), 3);
        poll.maxChoices = 2;
        QCOMPARE(poll.choiceLimit(), 2);
        poll.kind = Poll::Kind::WordCloud;
        QCOMPARE(poll.choiceLimit(), 0);
    }

    void charactersAreCountedAsCodePoints()
    {
        QCOMPARE(characterCount(u"abc"), 3);
        QCOMPARE(characterCount(u"日本語"), 3);
        QCOMPARE(characterCount(u"🐍🐍"), 2); // two surrogate pairs
    }

    void wordCloudAnswersAreNormalised_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("expected"); // empty: refused

        QTest::newRow("already normal") << u"flaky"_s << u"flaky"_s;
        QTest::newRow("upper case is folded") << u"FLAKY"_s << u"flaky"_s;
        QTest::newRow("German sharp s folds to ss") << u"Straße"_s << u"strasse"_s;
        QTest::newRow("outer spaces trimmed") << u"  slow  "_s << u"slow"_s;
        QTest::newRow("inner spaces collapsed") << u"too   slow"_s << u"too slow"_s;
        QTest::newRow("tabs and newlines collapse to one space") << u"too\t\nslow\r\n"_s << u"too slow"_s;
        QTest::newRow("full-width Latin becomes ASCII") << u"ＦＬＡＫＹ"_s << u"flaky"_s;
        QTest::newRow("half-width katakana becomes full-width") << u"ﾃｽﾄ"_s << u"テスト"_s;
        QTest::newRow("full-width Japanese stays") << u"遅い"_s << u"遅い"_s;
        QTest::newRow("ideographic space collapses") << u"テスト\u3000\u3000遅い"_s << u"テスト 遅い"_s;
        QTest::newRow("combining accent composes") << u"cafe\u0301"_s << u"café"_s;
        QTest::newRow("precomposed and combining count as one word") << u"CAFÉ"_s << u"café"_s;
        QTest::newRow("katakana with combining voiced mark composes") << u"テ\u3099スト"_s << u"デスト"_s;
        QTest::newRow("ligature is expanded") << u"\uFB01ne"_s << u"fine"_s;
        QTest::newRow("forty characters accepted") << QString(40, u'a') << QString(40, u'a');
        QTest::newRow("forty emoji accepted") << QString(u"🐍"_s).repeated(40) << QString(u"🐍"_s).repeated(40);
        QTest::newRow("empty refused") << QString() << QString();
        QTest::newRow("whitespace only refused") << u" \t\n\u3000"_s << QString();
        QTest::newRow("forty-one characters refused") << QString(41, u'a') << QString();
        QTest::newRow("long after trimming refused") << u"  "_s + QString(41, u'x') + u"  "_s << QString();
        QTest::newRow("control character refused") << u"bad\u0007bell"_s << QString();
        QTest::newRow("right-to-left override refused") << u"uv\u202Esi"_s << QString();
        QTest::newRow("zero-width space refused") << u"u\u200Bv"_s << QString();
        // Found by fuzzing.
        QTest::newRow("capital sharp s folds to ss") << u"GROẞ"_s << u"gross"_s;
        QTest::newRow("tag character refused") << u"uv\U000E0001"_s << QString();
        QTest::newRow("format character beyond U+FFFF refused") << u"a\U0001D173b"_s << QString();
        QTest::newRow("lone surrogate refused") << QString(u"uv"_s + QChar(0xD800)) << QString();
        QTest::newRow("run of combining marks cut to 30")
            << QString(u"a"_s + QString(40, QChar(0x0301))) << QString(u"\u00e1"_s + QString(29, QChar(0x0301)));
    }

    void wordCloudAnswersAreNormalised()
    {
        QFETCH(QString, answer);
        QFETCH(QString, expected);
        const Result<QString> normalised = normalizeWordCloudAnswer(answer);
        if (expected.isEmpty()) {
            QVERIFY2(!normalised, qPrintable(normalised.value_or(QString())));
            QVERIFY(!normalised.error().isEmpty());
        } else {
            QVERIFY2(normalised, qPrintable(normalised ? QString() : normalised.error()));
            QCOMPARE(*normalised, expected);
        }
    }

    void normalisingTwiceChangesNothing_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::newRow("full-width and half-width") << u" ＴＥＳＴ\u3000ｽｲｰﾄ "_s;
        QTest::newRow("capital sharp s") << u"ẞ"_s; // found by fuzzing: was counted as "ß", which counts as "ss"
    }

    void normalisingTwiceChangesNothing()
    {
        QFETCH(QString, answer);
        const QString once = normalizeWordCloudAnswer(answer).value();
        QCOMPARE(normalizeWordCloudAnswer(once).value(), once);
    }

    void longRunsOfCombiningMarksAreCut_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("kept");
        const QChar below(0x0316);
        QTest::newRow("30 kept") << QString(u"a"_s + QString(30, below)) << QString(u"a"_s + QString(30, below));
        QTest::newRow("31 cut to 30") << QString(u"a"_s + QString(31, below)) << QString(u"a"_s + QString(30, below));
        const QString twoRuns = u"a"_s + QString(20, below) + u"b"_s + QString(20, below);
        QTest::newRow("a starter starts a new run") << twoRuns << twoRuns;
        // U+0F73 decomposes to two combining marks.
        QTest::newRow("counted as decomposed") << QString(40, QChar(0x0F73)) << QString(15, QChar(0x0F73));
        const QString plain = u"型ヒント Café e\u0301 🏴\U000E0067\U000E0062\U000E007F"_s;
        QTest::newRow("ordinary text unchanged") << plain << plain;
    }

    void longRunsOfCombiningMarksAreCut()
    {
        QFETCH(QString, text);
        QFETCH(QString, kept);
        QCOMPARE(withBoundedCombiningRuns(text), kept);
    }

    void eventFindsPollsAcrossSessions()
    {
        Event event;
        event.sessions.resize(2);
        event.sessions[1].polls = {choicePoll()};
        const std::optional<PollLocation> found = event.findPoll(u"uses-uv"_s);
        QVERIFY(found);
        QCOMPARE(*found, (PollLocation{1, 0}));
        QCOMPARE(event.poll(*found).question, u"Do you use uv?"_s);
        QVERIFY(!event.findPoll(u"nix"_s));
    }
};

QTEST_GUILESS_MAIN(TestPoll)
#include "tst_poll.moc"
