#pragma once

#include "model/poll.h"
#include "result.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Lectern {

/**
 * The console's "New poll" dialog: the question, the kind, the options (one a line), the most choices, the
 * rating's end labels and when phones see the results. Create checks the poll's rules and hands it to the
 * create function (LivePolls::createPoll); a problem keeps the dialog open and says what to fix.
 */
class PollEditor : public QDialog
{
    Q_OBJECT

public:
    /** Adds the poll (which has no id yet) to the session; returns its id, or why it cannot. */
    using CreatePoll = std::function<Result<QString>(const Poll &poll)>;

    explicit PollEditor(CreatePoll create, QWidget *parent = nullptr);

    /** The poll the fields describe now, without an id; options get the ids "option-1", "option-2"… */
    Poll poll() const;
    /** The id of the poll created, once the dialog was accepted. */
    QString createdPollId() const { return m_createdPollId; }
    /** The problem shown, empty when none. */
    QString errorText() const;

    QLineEdit *questionEdit() const { return m_question; }
    QComboBox *kindBox() const { return m_kind; }
    QPlainTextEdit *optionsEdit() const { return m_options; }
    QSpinBox *maxChoicesBox() const { return m_maxChoices; }
    QLineEdit *lowLabelEdit() const { return m_lowLabel; }
    QLineEdit *highLabelEdit() const { return m_highLabel; }
    QComboBox *visibilityBox() const { return m_visibility; }

    /** Creates the poll; closes the dialog when that worked, else shows why. */
    void accept() override;

private:
    void updateFields();
    static QString fieldName(const QString &field);

    CreatePoll m_create;
    QString m_createdPollId;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_question = nullptr;
    QComboBox *m_kind = nullptr;
    QPlainTextEdit *m_options = nullptr;
    QSpinBox *m_maxChoices = nullptr;
    QLineEdit *m_lowLabel = nullptr;
    QLineEdit *m_highLabel = nullptr;
    QComboBox *m_visibility = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace Lectern
