#pragma once

#include "server/audienceserver.h"
#include "server/lanaddresses.h"

#include <QHostAddress>
#include <QImage>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <functional>

class QCheckBox;
class QComboBox;
class QFrame;
class QLabel;
class QPushButton;

namespace Lectern {

class AudienceRoom;

/**
 * The console's audience-server panel: the "Let phones join" switch (start failures, such as a taken port, in
 * words), the server state, the join URL for the chosen LAN address (a list when the laptop has several; a
 * clear message when it has none), the number of connected phones, a small QR code, and what to do when
 * phones cannot connect. Pulls from the AudienceServer when it signals; re-reads the LAN addresses every few
 * seconds, as Wi-Fi comes and goes.
 *
 * With the room, a "Moderator link" section holds the moderator page's URL for the chosen address and its QR code
 * (for the organizer's tablet), hidden until asked for: whoever has the link can moderate, and a console mirrored
 * to the projector must not show it to the room.
 */
class ServerPanel : public QWidget
{
    Q_OBJECT

public:
    /** Lists the laptop's LAN addresses (lanAddresses() by default). */
    using AddressSource = std::function<QList<LanAddress>()>;
    static constexpr std::chrono::seconds kAddressRefreshInterval{5};

    /** server (and room, which may be null: no moderator link) must outlive this. */
    explicit ServerPanel(AudienceServer &server, const AudienceRoom *room = nullptr, QWidget *parent = nullptr);

    /** Where the switch starts the server (--listen); the default listens on every IPv4 interface. */
    void setListenAddress(const ListenAddress &listen);
    /** Replaces lanAddresses(), for tests. */
    void setAddressSource(AddressSource source);

    /** Starts or stops the server, as the switch does; a failure is shown in the panel and returned. */
    Result<> setServing(bool serving);
    /** Reads the LAN addresses again and keeps the chosen one when it is still there. */
    void refreshAddresses();

    /** The address phones are told to use; null when there is none. */
    QHostAddress joinAddress() const { return m_joinAddress; }
    /** The join URL shown; empty when the server is stopped or there is no address. */
    QString joinUrl() const;
    QString stateText() const;
    QString phonesText() const;
    QString networkText() const;
    QString helpText() const;
    /** The small QR code shown, at one pixel per module; null when none. */
    QImage qrImage() const { return m_qr; }

    /** Shows or hides the moderator link and its QR code (hidden at first). */
    void setModeratorLinkShown(bool shown);
    bool isModeratorLinkShown() const { return m_moderatorShown; }
    /** The moderator page's URL for the join address; empty without a room, a server or an address. */
    QString moderatorUrl() const;
    /** The moderator URL as shown; empty while hidden. */
    QString shownModeratorUrl() const;
    /** The moderator link's QR code shown, at one pixel per module; null while hidden or without a link. */
    QImage moderatorQrImage() const { return m_moderatorQr; }
    QString moderatorNoteText() const;

    QCheckBox *servingSwitch() const { return m_switch; }
    QComboBox *addressList() const { return m_addressList; }

Q_SIGNALS:
    /** Another address was chosen (or the only one went away: then it is null). */
    void joinAddressChanged(const QHostAddress &address);
    /** "Moderate here…" was clicked: open the moderation window. */
    void moderationRequested();

private:
    void refresh();
    void refreshPhoneCount();
    void setJoinAddress(const QHostAddress &address);
    QFrame *buildModeratorSection(QWidget *parent);
    void refreshModeratorLink();

    AudienceServer &m_server;
    const AudienceRoom *m_room = nullptr;
    ListenAddress m_listen;
    AddressSource m_addressSource;
    QList<LanAddress> m_addresses;
    QHostAddress m_joinAddress;
    QString m_startError;
    QImage m_qr;
    QTimer m_addressTimer;

    QCheckBox *m_switch = nullptr;
    QLabel *m_state = nullptr;
    QComboBox *m_addressList = nullptr;
    QLabel *m_network = nullptr;
    QLabel *m_url = nullptr;
    QLabel *m_qrLabel = nullptr;
    QLabel *m_phones = nullptr;
    QLabel *m_help = nullptr;

    bool m_moderatorShown = false;
    QImage m_moderatorQr;
    QFrame *m_moderatorSection = nullptr;
    QPushButton *m_moderatorReveal = nullptr;
    QLabel *m_moderatorUrl = nullptr;
    QLabel *m_moderatorQrLabel = nullptr;
    QLabel *m_moderatorNote = nullptr;
};

} // namespace Lectern
