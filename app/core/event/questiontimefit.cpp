#include "event/questiontimefit.h"

#include <algorithm>

using namespace std::chrono;

namespace Lectern {

milliseconds meanAnswerTime(const QList<QuestionRecord> &questions)
{
    qint64 total = 0;
    qint64 count = 0;
    for (const QuestionRecord &record : questions) {
        const Question &question = record.question;
        if (question.state != Question::State::Answered || !question.pinnedAt || !question.answeredAt)
            continue;
        const qint64 taken = question.pinnedAt->msecsTo(*question.answeredAt);
        if (taken < 0)
            continue;
        total += taken;
        ++count;
    }
    return count == 0 ? QuestionTimeFit::kDefaultTimePerQuestion : milliseconds(total / count);
}

QuestionTimeFit fitQuestions(int waiting, milliseconds perQuestion, milliseconds timeLeft, bool forecast)
{
    QuestionTimeFit fit;
    fit.waiting = std::max(waiting, 0);
    fit.perQuestion = perQuestion;
    fit.timeLeft = std::max(timeLeft, 0ms);
    fit.forecast = forecast;
    // Questions answered in no time at all (marked answered as soon as pinned) must not divide by zero.
    const qint64 fitInTime = fit.timeLeft.count() / std::max(perQuestion, 1ms).count();
    fit.fitting = int(std::min<qint64>(fit.waiting, fitInTime));
    return fit;
}

QuestionTimeFit fitQuestions(const QList<QuestionRecord> &questions, const SessionClock &clock)
{
    const int waiting = int(std::count_if(questions.cbegin(), questions.cend(), [](const QuestionRecord &record) {
        return record.question.state == Question::State::Shown;
    }));
    milliseconds timeLeft{0};
    bool forecast = false;
    switch (clock.phase()) {
    case SessionClock::Phase::BeforeStart:
    case SessionClock::Phase::Talk:
        forecast = true;
        timeLeft = clock.qaTime();
        break;
    case SessionClock::Phase::QA:
        timeLeft = clock.remainingInPhase();
        break;
    case SessionClock::Phase::Overtime:
        break;
    }
    return fitQuestions(waiting, meanAnswerTime(questions), timeLeft, forecast);
}

} // namespace Lectern
