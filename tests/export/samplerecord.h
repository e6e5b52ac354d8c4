#pragma once

// A small event record built by hand, for the export tests: two sessions, polls of every kind and state, and
// questions in several states, among them hostile text (quotes, commas, a line break, a spreadsheet formula,
// markup) and Japanese.

#include "export/eventrecord.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace LecternTest {

inline QDateTime at(int hour, int minute, int second = 0)
{
    return QDateTime(QDate(2026, 11, 26), QTime(hour, minute, second), Qt::UTC);
}

inline const QString kHostileQuestion = QStringLiteral("=cmd|' /C calc'!A0, \"quoted\"\n<script>alert(1)</script>");
inline const QString kJapaneseQuestion = QStringLiteral("型ヒントは実行時に使えますか？");

inline Lectern::PollOutcome pollOutcome(Lectern::Poll poll, Lectern::PollState state, int voters,
                                        QList<Lectern::AnswerCount> counts, std::optional<QDateTime> openedAt = {},
                                        std::optional<QDateTime> closedAt = {}, QStringList hidden = {})
{
    Lectern::PollResults results;
    results.pollId = poll.id;
    results.kind = poll.kind;
    results.state = state;
    results.voterCount = voters;
    results.counts = std::move(counts);
    results.hiddenAnswers = std::move(hidden);
    return {std::move(poll), std::move(results), openedAt, closedAt};
}

inline Lectern::QuestionRecord question(qint64 id, int sessionIndex, const QString &text, const QString &asker,
                                        int votes, Lectern::Question::State state, const QDateTime &askedAt)
{
    Lectern::QuestionRecord record;
    record.question.id = id;
    record.question.sessionIndex = sessionIndex;
    record.question.text = text;
    record.question.displayName = asker;
    record.question.state = state;
    record.question.createdAt = askedAt;
    record.votes = votes;
    return record;
}

/** The record; deckPaths give the sessions' decks (the handout test passes real files). */
inline Lectern::EventRecord sampleRecord(const QString &firstDeck = QStringLiteral("/decks/uv-and-nix.pdf"),
                                         const QString &secondDeck = QString())
{
    using namespace Lectern;
    using namespace std::chrono_literals;

    EventRecord record;
    record.event.title = QStringLiteral("Robust Python evening");
    record.event.date = QDate(2026, 11, 26);
    record.event.startTime = QTime(19, 0);
    record.event.venue = QStringLiteral("Hackspace, room 2");
    record.behind = 5min + 20s;
    record.readAt = at(19, 40);

    // Session 1: a choice poll, a rating, a draft; questions answered, shown, merged, hidden.
    SessionOutcome first;
    first.session.title = QStringLiteral("Packaging, with \"uv\"");
    first.session.speaker = QStringLiteral("Lena Fischer");
    first.session.deckPath = firstDeck;
    first.session.timing.talkTime = 15min;
    first.session.timing.qaTime = 5min;
    first.session.materials = {{QStringLiteral("Slides"), QUrl(QStringLiteral("https://example.org/slides"))}};
    first.timing.sessionIndex = 0;
    first.timing.plannedStart = at(19, 0);
    first.timing.plannedEnd = at(19, 20);
    first.timing.actualStart = at(19, 2);
    first.timing.actualEnd = at(19, 23);

    Poll usesUv;
    usesUv.id = QStringLiteral("uses-uv");
    usesUv.question = QStringLiteral("Do you use uv?");
    usesUv.kind = Poll::Kind::SingleChoice;
    usesUv.options = {{QStringLiteral("yes"), QStringLiteral("Yes")},
                      {QStringLiteral("no"), QStringLiteral("No")},
                      {QStringLiteral("what-is-uv"), QStringLiteral("What is uv?")}};
    usesUv.slideLabel = QStringLiteral("2");
    first.polls.append(
        pollOutcome(usesUv, PollState::Closed, 10,
                    {{QStringLiteral("yes"), 6}, {QStringLiteral("no"), 3}, {QStringLiteral("what-is-uv"), 1}},
                    at(19, 5), at(19, 6, 30)));
    Poll useful;
    useful.id = QStringLiteral("useful");
    useful.question = QStringLiteral("How useful was this?");
    useful.kind = Poll::Kind::Rating;
    useful.ratingLowLabel = QStringLiteral("Not at all");
    useful.ratingHighLabel = QStringLiteral("Very");
    first.polls.append(pollOutcome(useful, PollState::Closed, 4,
                                   {{QStringLiteral("1"), 0},
                                    {QStringLiteral("2"), 1},
                                    {QStringLiteral("3"), 0},
                                    {QStringLiteral("4"), 2},
                                    {QStringLiteral("5"), 1}},
                                   at(19, 21), at(19, 22)));
    Poll unused;
    unused.id = QStringLiteral("unused");
    unused.question = QStringLiteral("Never asked?");
    unused.kind = Poll::Kind::SingleChoice;
    unused.options = {{QStringLiteral("a"), QStringLiteral("A")}, {QStringLiteral("b"), QStringLiteral("B")}};
    unused.slideLabel = QStringLiteral("1");
    first.polls.append(pollOutcome(unused, PollState::Draft, 0, {{QStringLiteral("a"), 0}, {QStringLiteral("b"), 0}}));

    first.questions.append(
        question(1, 0, kHostileQuestion, QStringLiteral("@mallory"), 5, Question::State::Shown, at(19, 10)));
    QuestionRecord japanese =
        question(2, 0, kJapaneseQuestion, QStringLiteral("太郎"), 7, Question::State::Answered, at(19, 11));
    japanese.question.pinnedAt = at(19, 16);
    japanese.question.answeredAt = at(19, 18);
    first.questions.append(japanese);
    QuestionRecord merged =
        question(3, 0, QStringLiteral("Is uv fast?"), QString(), 0, Question::State::Merged, at(19, 12));
    merged.question.mergedInto = 2;
    first.questions.append(merged);
    first.questions.append(question(4, 0, QStringLiteral("Buy cheap watches"), QStringLiteral("Troll"), 0,
                                    Question::State::Hidden, at(19, 13)));
    first.visits = {
        {0, 0, QStringLiteral("1"), at(19, 2), at(19, 3, 30)}, {0, 1, QStringLiteral("2"), at(19, 3, 30), at(19, 4)},
        {0, 2, QStringLiteral("2"), at(19, 4), at(19, 7)},     {0, 3, QStringLiteral("3"), at(19, 7), at(19, 7, 40)},
        {0, 1, QStringLiteral("2"), at(19, 7, 40), at(19, 8)},
    };

    // Session 2, on stage: a word cloud with a hidden answer, an empty draft word cloud, an open-text poll.
    SessionOutcome second;
    second.session.title = QStringLiteral("Typing in practice");
    second.session.speaker = QStringLiteral("Ben Okafor");
    second.session.deckPath = secondDeck;
    second.session.timing.talkTime = 7min + 30s;
    second.session.timing.qaTime = 0min;
    second.timing.sessionIndex = 1;
    second.timing.plannedStart = at(19, 20);
    second.timing.plannedEnd = at(19, 27, 30);
    second.timing.actualStart = at(19, 25);
    second.timing.onStage = true;

    Poll oneWord;
    oneWord.id = QStringLiteral("one-word");
    oneWord.question = QStringLiteral("Typing in one word?");
    oneWord.kind = Poll::Kind::WordCloud;
    oneWord.slideLabel = QStringLiteral("2");
    second.polls.append(pollOutcome(oneWord, PollState::Open, 5,
                                    {{QStringLiteral("mypy"), 3}, {QStringLiteral("-verbose"), 1}}, at(19, 30),
                                    std::nullopt, {QStringLiteral("=evil")}));
    Poll nextTopic;
    nextTopic.id = QStringLiteral("next-topic");
    nextTopic.question = QStringLiteral("Next topic?");
    nextTopic.kind = Poll::Kind::WordCloud;
    second.polls.append(pollOutcome(nextTopic, PollState::Draft, 0, {}));
    Poll feedback;
    feedback.id = QStringLiteral("live-1");
    feedback.question = QStringLiteral("+ Any feedback?");
    feedback.kind = Poll::Kind::OpenText;
    feedback.slideLabel = QStringLiteral("9");
    second.polls.append(pollOutcome(feedback, PollState::Closed, 1, {{QStringLiteral("More examples, please"), 1}},
                                    at(19, 32), at(19, 33)));
    second.questions.append(
        question(5, 1, QStringLiteral("What about pyright?"), QString(), 2, Question::State::Unanswered, at(19, 31)));
    second.visits = {{1, 0, QStringLiteral("1"), at(19, 25), std::nullopt}};

    record.sessions = {first, second};
    return record;
}

} // namespace LecternTest
