#include "helpoverlay.h"

#include "keymap.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Lectern {

HelpOverlay::HelpOverlay(const KeyMap &keys, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"helpOverlay"_s);
    setAccessibleName(tr("Keys"));
    setAccessibleDescription(tr("Esc closes this help"));
    setFocusPolicy(Qt::NoFocus);

    m_panel = new QFrame(this);
    auto *panel = m_panel;
    panel->setObjectName(u"overlayPanel"_s);
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(32, 24, 32, 24);
    panelLayout->setSpacing(16);

    auto *title = new QLabel(tr("Keys"), panel);
    title->setObjectName(u"overlayTitle"_s);
    panelLayout->addWidget(title);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(32);
    grid->setVerticalSpacing(6);
    int row = 0;
    for (const KeyBinding &binding : keys.bindings()) {
        auto *keyLabel = new QLabel(keyText(binding.keys), panel);
        keyLabel->setObjectName(u"helpKeys"_s);
        keyLabel->setTextFormat(Qt::PlainText);
        auto *description = new QLabel(binding.description, panel);
        description->setObjectName(u"helpDescription"_s);
        description->setTextFormat(Qt::PlainText);
        // A screen reader gets each row as one sentence: the keys, then what they do.
        keyLabel->setAccessibleName(tr("%1: %2").arg(keyLabel->text(), binding.description));
        grid->addWidget(keyLabel, row, 0, Qt::AlignRight | Qt::AlignTop);
        grid->addWidget(description, row, 1, Qt::AlignLeft | Qt::AlignTop);
        ++row;
    }
    grid->setColumnStretch(1, 1);
    panelLayout->addLayout(grid);

    auto *hint = new QLabel(tr("Esc closes this help"), panel);
    hint->setObjectName(u"overlayHint"_s);
    panelLayout->addWidget(hint, 0, Qt::AlignRight);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch();
    outer->addWidget(panel, 0, Qt::AlignHCenter);
    outer->addStretch();
}

QString HelpOverlay::keyText(const QList<QKeySequence> &keys)
{
    QStringList texts;
    for (const QKeySequence &key : keys) {
        const QString text = key.toString(QKeySequence::NativeText);
        if (!texts.contains(text))
            texts.append(text);
    }
    return texts.join(u",  "_s);
}

void HelpOverlay::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // On a narrow console the panel is never wider than the console (the font scales down with it).
    m_panel->setMaximumWidth(width() * 19 / 20);
}

void HelpOverlay::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0, 0, 0, 200));
}

void HelpOverlay::mousePressEvent(QMouseEvent *event)
{
    // A click outside the panel closes the help, as a click on a dimmed backdrop does elsewhere.
    event->accept();
    Q_EMIT closeRequested();
}

} // namespace Lectern
