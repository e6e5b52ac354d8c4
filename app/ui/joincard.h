#pragma once

#include <QHostAddress>
#include <QImage>
#include <QPointer>
#include <QWidget>

namespace Lectern {

class AudienceServer;

/**
 * The projector's join card, over the slide while LiveEvent::isJoinCardShown(): the QR code of the join URL
 * (large, drawn without smoothing so that every module stays sharp), the URL in very large type and the room
 * code, black on white. When phones cannot join (no server, server stopped, no network address) it says so in
 * words instead. Pulls from the AudienceServer when it starts or stops listening.
 */
class JoinCard : public QWidget
{
    Q_OBJECT

public:
    /** server may be null (started without audience features); else it must outlive this. */
    explicit JoinCard(AudienceServer *server, QWidget *parent = nullptr);

    /** The laptop's address phones use (chosen on the console); a null address means there is none. */
    void setJoinAddress(const QHostAddress &address);
    QHostAddress joinAddress() const { return m_address; }

    /** Pulls the server's state now. */
    void refresh();

    /** The join URL shown; empty when phones cannot join. */
    QString url() const { return m_url; }
    QString roomCode() const { return m_roomCode; }
    /** The QR code of url() at one pixel per module (with its quiet zone); null when none is shown. */
    QImage qrImage() const { return m_qr; }
    /** Why phones cannot join, in words; empty when they can. */
    QString message() const { return m_message; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QPointer<AudienceServer> m_server;
    QHostAddress m_address;
    QString m_url;
    QString m_roomCode;
    QString m_message;
    QImage m_qr;
};

} // namespace Lectern
