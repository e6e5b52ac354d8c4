#include "gotooverlay.h"

#include "event/liveevent.h"

#include <QFrame>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

GoToOverlay::GoToOverlay(LiveEvent &event, QWidget *parent)
    : QWidget(parent)
    , m_event(event)
{
    setObjectName(u"goToOverlay"_s);
    setAccessibleName(tr("Go to slide"));
    setFocusPolicy(Qt::NoFocus);

    auto *panel = new QFrame(this);
    panel->setObjectName(u"overlayPanel"_s);
    panel->setMinimumWidth(420);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(12);

    m_title = new QLabel(panel);
    m_title->setObjectName(u"overlayTitle"_s);
    layout->addWidget(m_title);

    m_input = new QLineEdit(panel);
    m_input->setObjectName(u"goToInput"_s);
    m_input->setValidator(new QRegularExpressionValidator(QRegularExpression(u"\\d{0,6}"_s), m_input));
    m_input->setPlaceholderText(tr("Slide number"));
    m_input->installEventFilter(this);
    layout->addWidget(m_input);

    m_error = new QLabel(panel);
    m_error->setObjectName(u"goToError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *hint = new QLabel(tr("Enter goes there, Esc closes"), panel);
    hint->setObjectName(u"overlayHint"_s);
    layout->addWidget(hint);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch();
    outer->addWidget(panel, 0, Qt::AlignHCenter);
    outer->addStretch(2);
}

void GoToOverlay::reset()
{
    const int slideCount = m_event.hasDeck() ? m_event.deck()->slideCount() : 0;
    m_title->setText(tr("Go to slide (1–%1)").arg(slideCount));
    // The field has the focus while the overlay is open: it says what to type and what Enter does.
    m_input->setAccessibleName(m_title->text());
    m_input->setAccessibleDescription(tr("Type a slide number; Enter goes there, Esc closes"));
    m_input->clear();
    m_error->clear();
    m_error->hide();
    m_input->setFocus(Qt::OtherFocusReason);
}

QString GoToOverlay::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void GoToOverlay::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    m_input->selectAll();
}

void GoToOverlay::submit()
{
    bool isNumber = false;
    const int slideNumber = m_input->text().toInt(&isNumber);
    if (!isNumber) {
        showError(tr("Type a slide number, then Enter."));
        return;
    }
    const Result<> result = m_event.goToSlide(slideNumber);
    if (!result) {
        showError(result.error());
        return;
    }
    Q_EMIT closeRequested();
}

bool GoToOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            submit();
            return true;
        case Qt::Key_Escape:
            Q_EMIT closeRequested();
            return true;
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            // A line edit lets Tab move the focus on; out of the box, the next keys would move the slides.
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void GoToOverlay::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0, 0, 0, 160));
}

void GoToOverlay::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_input->setFocus(Qt::OtherFocusReason);
}

} // namespace Lectern
