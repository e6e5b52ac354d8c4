#pragma once

#include <QString>
#include <QWidget>

#include <optional>

class QPainter;

namespace Lectern {

class LiveQuestions;

/**
 * The projector's pinned question: while a question of the session is pinned, its text in large type (with the
 * asker's name when they gave one) on a dark band over the lower part of the slide, so that the room reads what
 * the speaker answers while the slide stays in view. Hidden when nothing is pinned. Pulls from LiveQuestions when
 * it signals. The text is drawn as plain text, wrapped at words (or anywhere inside a word too long for a line)
 * and made smaller until it fits.
 */
class PinnedQuestionCard : public QWidget
{
    Q_OBJECT

public:
    /** questions must outlive this. */
    explicit PinnedQuestionCard(LiveQuestions &questions, QWidget *parent = nullptr);

    /** Pulls the pinned question now, and shows or hides the card to match. */
    void refresh();

    std::optional<qint64> questionId() const { return m_id; }
    /** The pinned question's text as drawn (empty when none is pinned). */
    QString text() const { return m_text; }
    /** The asker's name as given (empty when anonymous or none is pinned). */
    QString displayName() const { return m_name; }
    /** The caption drawn above the text: who asks. */
    QString caption() const;
    /** Where the band is drawn in the card at its current size. */
    QRectF bandRect() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Layout
    {
        QRectF band;
        QRectF captionRect;
        QRectF textRect;
        QFont captionFont;
        QFont textFont;
    };
    Layout layOut() const;

    LiveQuestions &m_questions;
    std::optional<qint64> m_id;
    QString m_text;
    QString m_name;
};

} // namespace Lectern
