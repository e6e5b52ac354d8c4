#include "joincard.h"

#include "server/audienceserver.h"
#include "server/qrcode.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

// Black on white: the QR code needs a light background, and the type is as legible as it gets.
const QColor kBackground(0xff, 0xff, 0xff);
const QColor kText(0x00, 0x00, 0x00);
const QColor kSecondaryText(0x33, 0x36, 0x3b);

QFont fontOfSize(QFont font, qreal pixels, bool bold = false)
{
    font.setPixelSize(std::max(1, qRound(pixels)));
    font.setBold(bold);
    return font;
}

/** The largest font, from start down to smallest, in which text fits width on one line. */
QFont fittingFont(const QFont &base, const QString &text, qreal width, qreal start, qreal smallest, bool bold,
                  qreal letterSpacingPercent = 100)
{
    qreal size = start;
    QFont font;
    do {
        font = fontOfSize(base, size, bold);
        font.setLetterSpacing(QFont::PercentageSpacing, letterSpacingPercent);
        size *= 0.94;
    } while (size > smallest && QFontMetricsF(font).horizontalAdvance(text) > width);
    return font;
}

} // namespace

JoinCard::JoinCard(AudienceServer *server, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
{
    setObjectName(u"joinCard"_s);
    setAccessibleName(tr("Join card"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::NoFocus);
    hide();
    if (m_server)
        connect(m_server, &AudienceServer::listeningChanged, this, &JoinCard::refresh);
    refresh();
}

void JoinCard::setJoinAddress(const QHostAddress &address)
{
    m_address = address;
    refresh();
}

void JoinCard::refresh()
{
    m_url.clear();
    m_roomCode.clear();
    m_message.clear();
    m_qr = QImage();
    if (!m_server) {
        m_message = tr("Phones cannot join: Lectern was started without the audience server.");
    } else if (!m_server->isListening()) {
        m_message = tr("Phones cannot join yet: the audience server is off. Turn on “Let phones join” on the "
                       "console.");
    } else if (m_address.isNull()) {
        m_message = tr("No network: phones cannot join. Connect this laptop to the venue Wi-Fi or start its own "
                       "hotspot.");
    } else {
        m_url = m_server->joinUrl(m_address);
        // The URL ends in the room code: http://ADDRESS:PORT/j/CODE.
        m_roomCode = QUrl(m_url).path().section(u'/', -1);
        const Result<QrCode> code = QrCode::encode(m_url);
        if (code)
            m_qr = code->toImage(1);
        else
            m_message = tr("The QR code cannot be made: %1").arg(code.error());
    }
    // The card is drawn: a screen reader gets its words here.
    setAccessibleDescription(m_url.isEmpty()
                                 ? m_message
                                 : tr("Join the poll: scan the code, or open %1; room code %2").arg(m_url, m_roomCode));
    update();
}

void JoinCard::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), kBackground);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // The QR code's modules stay hard-edged squares, as scanners like them.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const qreal w = width();
    const qreal h = height();
    const qreal margin = h * 0.06;

    if (m_url.isEmpty()) {
        const QRectF area = QRectF(rect()).adjusted(margin * 2, margin, -margin * 2, -margin);
        const QFont heading = fontOfSize(font(), h * 0.06, true);
        const QFont body = fontOfSize(font(), h * 0.045);
        const QString title = tr("Join on your phone");
        const qreal headingHeight = QFontMetricsF(heading).height() * 1.5;
        const QRectF bodyBounds =
            QFontMetricsF(body).boundingRect(QRectF(0, 0, area.width(), area.height()), Qt::TextWordWrap, m_message);
        const qreal top = area.top() + (area.height() - headingHeight - bodyBounds.height()) / 2;
        painter.setPen(kText);
        painter.setFont(heading);
        painter.drawText(QRectF(area.left(), top, area.width(), headingHeight), Qt::AlignHCenter | Qt::AlignTop, title);
        painter.setFont(body);
        painter.setPen(kSecondaryText);
        painter.drawText(QRectF(area.left(), top + headingHeight, area.width(), bodyBounds.height()),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_message);
        return;
    }

    const bool sideBySide = w >= h * 1.2;
    // About 60% of the height on a wide screen; a whole number of pixels per module.
    const qreal wantedSide = sideBySide ? std::min(h * 0.62, w * 0.45) : std::min(w * 0.7, h * 0.45);
    QRectF qrRect;
    if (!m_qr.isNull()) {
        const int modules = m_qr.width();
        const int scale = std::max(1, int(wantedSide / modules));
        const qreal side = qreal(scale * modules);
        qrRect =
            sideBySide ? QRectF(margin * 1.5, (h - side) / 2, side, side) : QRectF((w - side) / 2, margin, side, side);
        painter.drawImage(qrRect, m_qr);
    }

    const QRectF textArea =
        sideBySide ? QRectF(qrRect.right() + margin * 1.5, margin, w - qrRect.right() - margin * 3, h - 2 * margin)
                   : QRectF(margin, qrRect.bottom() + margin * 0.5, w - 2 * margin, h - qrRect.bottom() - margin * 1.5);
    const Qt::Alignment align = sideBySide ? Qt::AlignLeft : Qt::AlignHCenter;
    struct Line
    {
        QString text;
        QFont font;
        QColor colour;
        qreal spaceAfter;
    };
    // The text column at a scale of its sizes; on a tall narrow window it is made smaller until it fits.
    const auto layOut = [&](qreal scale) {
        const qreal u = h * scale;
        return QList<Line>{
            {tr("Join the poll"), fittingFont(font(), tr("Join the poll"), textArea.width(), u * 0.065, 10, true),
             kText, u * 0.04},
            {tr("Scan the code, or open:"),
             fittingFont(font(), tr("Scan the code, or open:"), textArea.width(), u * 0.036, 10, false), kSecondaryText,
             u * 0.01},
            // The URL is what people type: as large as fits, and smaller rather than cut off.
            {m_url, fittingFont(font(), m_url, textArea.width(), u * 0.08, 10, true), kText, u * 0.06},
            {tr("Room code"), fontOfSize(font(), u * 0.036), kSecondaryText, u * 0.005},
            {m_roomCode, fittingFont(font(), m_roomCode, textArea.width(), u * 0.1, 10, true, 112), kText, 0},
        };
    };
    const auto heightOf = [](const QList<Line> &lines) {
        qreal total = 0;
        for (const Line &line : lines)
            total += QFontMetricsF(line.font).height() + line.spaceAfter;
        return total;
    };
    qreal scale = 1;
    QList<Line> lines = layOut(scale);
    qreal total = heightOf(lines);
    while (total > textArea.height() && scale > 0.3) {
        scale *= 0.9;
        lines = layOut(scale);
        total = heightOf(lines);
    }
    qreal top = textArea.top() + std::max<qreal>(0, (textArea.height() - total) / 2);
    for (const Line &line : lines) {
        const qreal lineHeight = QFontMetricsF(line.font).height();
        painter.setFont(line.font);
        painter.setPen(line.colour);
        painter.drawText(QRectF(textArea.left(), top, textArea.width(), lineHeight), align | Qt::AlignVCenter,
                         line.text);
        top += lineHeight + line.spaceAfter;
    }
}

} // namespace Lectern
