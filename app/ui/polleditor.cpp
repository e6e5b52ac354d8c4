#include "polleditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

PollEditor::PollEditor(CreatePoll create, QWidget *parent)
    : QDialog(parent)
    , m_create(std::move(create))
{
    setObjectName(u"pollEditor"_s);
    setWindowTitle(tr("New poll"));
    setModal(true);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_question = new QLineEdit(this);
    m_question->setObjectName(u"pollQuestion"_s);
    m_question->setMaxLength(Poll::kMaxQuestionLength * 2); // the rule counts characters; the check says so
    m_question->setPlaceholderText(tr("Do you use uv?"));
    m_form->addRow(tr("&Question"), m_question);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"pollKind"_s);
    m_kind->addItem(tr("Single choice"), int(Poll::Kind::SingleChoice));
    m_kind->addItem(tr("Multiple choice"), int(Poll::Kind::MultipleChoice));
    m_kind->addItem(tr("Rating 1–5"), int(Poll::Kind::Rating));
    m_kind->addItem(tr("Word cloud"), int(Poll::Kind::WordCloud));
    m_kind->addItem(tr("Open text"), int(Poll::Kind::OpenText));
    m_form->addRow(tr("&Kind"), m_kind);

    m_options = new QPlainTextEdit(this);
    m_options->setObjectName(u"pollOptions"_s);
    m_options->setTabChangesFocus(true);
    m_options->setPlaceholderText(tr("Yes\nNo\nWhat is uv?"));
    m_options->setMinimumHeight(m_options->fontMetrics().lineSpacing() * 5);
    m_form->addRow(tr("&Options\n(one a line)"), m_options);

    m_maxChoices = new QSpinBox(this);
    m_maxChoices->setObjectName(u"pollMaxChoices"_s);
    m_maxChoices->setRange(0, Poll::kMaxOptions);
    m_maxChoices->setSpecialValueText(tr("No limit"));
    m_form->addRow(tr("&Most choices"), m_maxChoices);

    m_lowLabel = new QLineEdit(this);
    m_lowLabel->setObjectName(u"pollLowLabel"_s);
    m_lowLabel->setPlaceholderText(tr("not at all"));
    m_form->addRow(tr("Words under &1"), m_lowLabel);
    m_highLabel = new QLineEdit(this);
    m_highLabel->setObjectName(u"pollHighLabel"_s);
    m_highLabel->setPlaceholderText(tr("very much"));
    m_form->addRow(tr("Words under &5"), m_highLabel);

    m_visibility = new QComboBox(this);
    m_visibility->setObjectName(u"pollVisibility"_s);
    m_visibility->addItem(tr("After you reveal them"), int(Poll::ResultsVisibility::AfterReveal));
    m_visibility->addItem(tr("As soon as they have voted"), int(Poll::ResultsVisibility::AfterVoting));
    m_visibility->addItem(tr("Never"), int(Poll::ResultsVisibility::Never));
    m_form->addRow(tr("Phones see &results"), m_visibility);
    layout->addLayout(m_form);

    m_error = new QLabel(this);
    m_error->setObjectName(u"pollEditorError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"pollCreate"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &PollEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PollEditor::reject);
    layout->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &PollEditor::updateFields);
    updateFields();
    setMinimumWidth(520);
}

void PollEditor::updateFields()
{
    const auto kind = Poll::Kind(m_kind->currentData().toInt());
    const bool choice = kind == Poll::Kind::SingleChoice || kind == Poll::Kind::MultipleChoice;
    m_form->setRowVisible(m_options, choice);
    m_form->setRowVisible(m_maxChoices, kind == Poll::Kind::MultipleChoice);
    m_form->setRowVisible(m_lowLabel, kind == Poll::Kind::Rating);
    m_form->setRowVisible(m_highLabel, kind == Poll::Kind::Rating);
    adjustSize();
}

Poll PollEditor::poll() const
{
    Poll poll;
    poll.question = m_question->text().trimmed();
    poll.kind = Poll::Kind(m_kind->currentData().toInt());
    if (poll.isChoice()) {
        const QStringList lines = m_options->toPlainText().split(u'\n');
        for (const QString &line : lines) {
            const QString label = line.trimmed();
            if (!label.isEmpty())
                poll.options.append({u"option-%1"_s.arg(poll.options.size() + 1), label});
        }
    }
    if (poll.kind == Poll::Kind::MultipleChoice)
        poll.maxChoices = m_maxChoices->value();
    if (poll.kind == Poll::Kind::Rating) {
        poll.ratingLowLabel = m_lowLabel->text().trimmed();
        poll.ratingHighLabel = m_highLabel->text().trimmed();
    }
    poll.resultsVisibility = Poll::ResultsVisibility(m_visibility->currentData().toInt());
    return poll;
}

QString PollEditor::fieldName(const QString &field)
{
    static const QRegularExpression optionField(u"^options\\[(\\d+)\\]$"_s);
    if (const QRegularExpressionMatch match = optionField.match(field); match.hasMatch())
        return tr("Option %1").arg(match.captured(1).toInt() + 1);
    if (field == u"question")
        return tr("Question");
    if (field == u"options")
        return tr("Options");
    if (field == u"maxChoices")
        return tr("Most choices");
    if (field == u"ratingLabels.low")
        return tr("Words under 1");
    if (field == u"ratingLabels.high")
        return tr("Words under 5");
    return field;
}

QString PollEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PollEditor::accept()
{
    Poll candidate = poll();
    // The rules are checked here first so that the message names the dialog's own fields; the id is given
    // by createPoll, so a stand-in passes its check.
    Poll checked = candidate;
    checked.id = u"new"_s;
    if (const std::optional<Poll::Problem> problem = checked.firstProblem()) {
        QString message = problem->message;
        if (!message.isEmpty())
            message[0] = message.at(0).toUpper();
        m_error->setText(problem->field.isEmpty() ? message : tr("%1: %2").arg(fieldName(problem->field), message));
        m_error->show();
        return;
    }
    const Result<QString> created = m_create ? m_create(candidate)
                                             : Result<QString>(fail(tr("Polls cannot be "
                                                                       "created here.")));
    if (!created) {
        m_error->setText(created.error());
        m_error->show();
        return;
    }
    m_createdPollId = *created;
    m_error->hide();
    QDialog::accept();
}

} // namespace Lectern
