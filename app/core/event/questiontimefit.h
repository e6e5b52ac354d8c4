#pragma once

#include "storage/questionstore.h"
#include "timer/sessionclock.h"

#include <QList>

#include <chrono>

namespace Lectern {

/**
 * How many of the waiting questions fit in the Q&A time left: "about 3 of 7 fit in 4:30". Waiting means shown,
 * and not pinned, answered or hidden (Question::State::Shown). During the talk (or before the session starts) it
 * is a forecast for the coming Q&A: the whole Q&A time; in overtime nothing fits.
 */
struct QuestionTimeFit
{
    static constexpr std::chrono::milliseconds kDefaultTimePerQuestion{90'000};

    int waiting = 0;
    /** How many of the waiting questions, from the top of the queue, fit: min(waiting, timeLeft / perQuestion). */
    int fitting = 0;
    /** The mean of (answered − pinned) over the session's answered questions; kDefaultTimePerQuestion without one. */
    std::chrono::milliseconds perQuestion = kDefaultTimePerQuestion;
    /** The Q&A time left on the session timer (the whole Q&A time when forecast); never negative. */
    std::chrono::milliseconds timeLeft{0};
    /** True before the Q&A phase: the figures are for the Q&A to come. */
    bool forecast = false;

    friend bool operator==(const QuestionTimeFit &, const QuestionTimeFit &) = default;
};

/**
 * The mean answering time of the answered questions among questions: answeredAt − pinnedAt of those in state
 * Answered with both times (and answeredAt not before pinnedAt); kDefaultTimePerQuestion when there is none.
 */
std::chrono::milliseconds meanAnswerTime(const QList<QuestionRecord> &questions);

/** The time fit of a session's questions (every state; only Shown ones wait) against what its clock has left. */
QuestionTimeFit fitQuestions(const QList<QuestionRecord> &questions, const SessionClock &clock);

/** The time fit for waiting questions that take perQuestion each in timeLeft. */
QuestionTimeFit fitQuestions(int waiting, std::chrono::milliseconds perQuestion, std::chrono::milliseconds timeLeft,
                             bool forecast);

} // namespace Lectern
