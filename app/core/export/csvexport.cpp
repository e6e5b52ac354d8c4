#include "export/csvexport.h"
#include "export/exportnames.h"
#include "export/exportselection.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

enum Column {
    Record,
    SessionNumber,
    SessionTitle,
    PollId,
    PollQuestion,
    PollKind,
    PollStateColumn,
    OptionId,
    OptionLabel,
    Count,
    Voters,
    QuestionId,
    QuestionText,
    Asker,
    Votes,
    QuestionState,
    AskedAt,
    PinnedAt,
    AnsweredAt,
    MergedInto,
    ColumnCount
};

class Table
{
public:
    using Row = std::array<QString, ColumnCount>;

    void append(const Row &row)
    {
        QStringList cells;
        cells.reserve(ColumnCount);
        for (const QString &value : row)
            cells.append(CsvExport::cell(value));
        m_text += cells.join(u',') + u"\r\n"_s;
    }
    void appendHeader(const QStringList &names) { m_text += names.join(u',') + u"\r\n"_s; }
    QByteArray bytes() const { return m_text.toUtf8(); }

private:
    // The byte order mark makes spreadsheet programs read the file as UTF-8 (Japanese text included).
    QString m_text = QString(QChar(0xfeff));
};

Table::Row sessionRow(const QString &record, int sessionIndex, const Session &session)
{
    Table::Row row;
    row[Record] = record;
    row[SessionNumber] = QString::number(sessionIndex + 1);
    row[SessionTitle] = session.title;
    return row;
}

void appendPoll(Table &table, int sessionIndex, const Session &session, const PollOutcome &outcome)
{
    const Poll &poll = outcome.poll;
    Table::Row row = sessionRow(u"poll"_s, sessionIndex, session);
    row[PollId] = poll.id;
    row[PollQuestion] = poll.question;
    row[PollKind] = ExportNames::pollKind(poll.kind);
    row[PollStateColumn] = ExportNames::pollState(outcome.results.state);
    row[Voters] = QString::number(outcome.results.voterCount);
    if (outcome.results.counts.isEmpty()) {
        table.append(row); // a word cloud or open text without answers still has its row
        return;
    }
    for (const AnswerCount &count : outcome.results.counts) {
        if (poll.isChoice()) {
            row[OptionId] = count.answer;
            const auto option = std::find_if(poll.options.cbegin(), poll.options.cend(),
                                             [&](const PollOption &candidate) { return candidate.id == count.answer; });
            row[OptionLabel] = option != poll.options.cend() ? option->label : QString();
        } else if (poll.kind == Poll::Kind::Rating) {
            row[OptionId] = count.answer;
            row[OptionLabel] = count.answer;
        } else {
            row[OptionLabel] = count.answer;
        }
        row[Count] = QString::number(count.count);
        table.append(row);
    }
}

void appendQuestion(Table &table, int sessionIndex, const Session &session, const QuestionRecord &record)
{
    const Question &question = record.question;
    Table::Row row = sessionRow(u"question"_s, sessionIndex, session);
    row[QuestionId] = QString::number(question.id);
    row[QuestionText] = question.text;
    row[Asker] = question.displayName;
    row[Votes] = QString::number(record.votes);
    row[QuestionState] = questionStateName(question.state);
    row[AskedAt] = ExportNames::utcTime(question.createdAt);
    row[PinnedAt] = ExportNames::utcTime(question.pinnedAt);
    row[AnsweredAt] = ExportNames::utcTime(question.answeredAt);
    row[MergedInto] = question.mergedInto ? QString::number(*question.mergedInto) : QString();
    table.append(row);
}

} // namespace

QStringList CsvExport::columns()
{
    return {u"record"_s,         u"session"_s,     u"session_title"_s, u"poll_id"_s,      u"poll_question"_s,
            u"poll_kind"_s,      u"poll_state"_s,  u"option_id"_s,     u"option_label"_s, u"count"_s,
            u"voters"_s,         u"question_id"_s, u"question_text"_s, u"asker"_s,        u"votes"_s,
            u"question_state"_s, u"asked_at"_s,    u"pinned_at"_s,     u"answered_at"_s,  u"merged_into"_s};
}

QString CsvExport::cell(const QString &text)
{
    QString value = text;
    // A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), =cmd|…): the
    // apostrophe makes it text. Question texts and answers come from anyone in the room.
    static const QString formulaStarts = u"=+-@\t\r"_s;
    if (!value.isEmpty() && formulaStarts.contains(value.front()))
        value.prepend(u'\'');
    const bool needsQuotes =
        value.contains(u',') || value.contains(u'"') || value.contains(u'\n') || value.contains(u'\r');
    if (!needsQuotes)
        return value;
    value.replace(u'"', u"\"\""_s);
    return u'"' + value + u'"';
}

QByteArray CsvExport::render(const EventRecord &record, const ExportOptions &options)
{
    Table table;
    table.appendHeader(columns());
    for (const int sessionIndex : exportedSessions(record, options)) {
        const SessionOutcome &outcome = record.sessions.at(sessionIndex);
        for (const PollOutcome &poll : outcome.polls)
            appendPoll(table, sessionIndex, outcome.session, poll);
        for (const QuestionRecord &question : outcome.questions)
            appendQuestion(table, sessionIndex, outcome.session, question);
    }
    return table.bytes();
}

} // namespace Lectern
