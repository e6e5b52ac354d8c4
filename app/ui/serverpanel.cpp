#include "serverpanel.h"
#include "plaintext.h"

#include "moderationwindow.h"
#include "server/qrcode.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

bool isSpecific(const QHostAddress &address)
{
    return !address.isNull() && address != QHostAddress(QHostAddress::Any) &&
           address != QHostAddress(QHostAddress::AnyIPv4) && address != QHostAddress(QHostAddress::AnyIPv6);
}

constexpr int kQrPixels = 150;

/** The QR code of text at about pixels wide (whole pixels per module), and at one pixel per module. */
std::optional<std::pair<QPixmap, QImage>> qrCodeOf(const QString &text)
{
    const Result<QrCode> code = QrCode::encode(text);
    if (!code)
        return std::nullopt;
    QImage modules = code->toImage(1);
    const int scale = std::max(1, kQrPixels / std::max(1, modules.width()));
    return std::make_pair(QPixmap::fromImage(code->toImage(scale)), std::move(modules));
}

} // namespace

ServerPanel::ServerPanel(AudienceServer &server, const AudienceRoom *room, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_room(room)
    , m_addressSource(&lanAddresses)
{
    setObjectName(u"serverPanel"_s);
    setAccessibleName(tr("Phones"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"serverScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    content->setObjectName(u"serverContent"_s);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(8);

    auto *top = new QHBoxLayout;
    m_switch = new QCheckBox(tr("Let phones join"), content);
    m_switch->setObjectName(u"serverSwitch"_s);
    m_switch->setFocusPolicy(Qt::NoFocus);
    m_switch->setToolTip(tr("Starts or stops the audience server on this laptop"));
    connect(m_switch, &QCheckBox::clicked, this, &ServerPanel::setServing);
    top->addWidget(m_switch);
    top->addStretch(1);
    layout->addLayout(top);
    m_state = plainLabel(u"serverState"_s, content);
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    m_network = plainLabel(u"serverNetwork"_s, content);
    m_network->setWordWrap(true);
    m_network->hide();
    layout->addWidget(m_network);

    m_addressList = new QComboBox(content);
    m_addressList->setObjectName(u"serverAddresses"_s);
    m_addressList->setFocusPolicy(Qt::NoFocus);
    // A long interface name must not widen the console past its edge.
    m_addressList->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_addressList->setMinimumContentsLength(12);
    m_addressList->setToolTip(tr("The network phones join through: the one the room's phones are on"));
    m_addressList->setAccessibleName(tr("Network for phones"));
    m_addressList->hide();
    connect(m_addressList, &QComboBox::activated, this, [this](int index) {
        setJoinAddress(QHostAddress(m_addressList->itemData(index).toString()));
        refresh();
    });
    layout->addWidget(m_addressList);

    m_url = plainLabel(u"serverUrl"_s, content);
    m_url->setWordWrap(true);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_url->setFocusPolicy(Qt::NoFocus);
    // A URL has no spaces to wrap at; let it be cut rather than widen the console.
    m_url->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_url);

    auto *middle = new QHBoxLayout;
    middle->setSpacing(12);
    m_qrLabel = new QLabel(content);
    m_qrLabel->setObjectName(u"serverQr"_s);
    m_qrLabel->setAccessibleName(tr("QR code of the join link"));
    m_qrLabel->setFixedSize(kQrPixels, kQrPixels);
    m_qrLabel->setAlignment(Qt::AlignCenter);
    m_qrLabel->hide();
    middle->addWidget(m_qrLabel, 0, Qt::AlignTop);
    m_phones = plainLabel(u"serverPhones"_s, content);
    m_phones->setWordWrap(true);
    middle->addWidget(m_phones, 1, Qt::AlignTop);
    layout->addLayout(middle);

    m_help = plainLabel(u"serverHelp"_s, content);
    m_help->setWordWrap(true);
    layout->addWidget(m_help);
    if (m_room) {
        layout->addSpacing(6);
        layout->addWidget(buildModeratorSection(content));
    }
    layout->addStretch(1);

    connect(&m_server, &AudienceServer::listeningChanged, this, [this](bool listening) {
        if (listening)
            m_startError.clear();
        refreshAddresses();
        refresh();
    });
    // Also a start not asked for here (lectern --listen at launch): the panel says why phones cannot join.
    connect(&m_server, &AudienceServer::startFailed, this, [this](const QString &message) {
        m_startError = message;
        refreshAddresses();
        refresh();
    });
    // A room joining at once changes the count thousands of times: only the count's label follows it.
    connect(&m_server, &AudienceServer::phoneCountChanged, this, &ServerPanel::refreshPhoneCount);
    m_addressTimer.setInterval(kAddressRefreshInterval);
    connect(&m_addressTimer, &QTimer::timeout, this, &ServerPanel::refreshAddresses);
    m_addressTimer.start();
    refreshAddresses();
    refresh();
}

void ServerPanel::setListenAddress(const ListenAddress &listen)
{
    m_listen = listen;
    refreshAddresses();
    refresh();
}

void ServerPanel::setAddressSource(AddressSource source)
{
    m_addressSource = std::move(source);
    refreshAddresses();
    refresh();
}

Result<> ServerPanel::setServing(bool serving)
{
    Result<> result;
    if (serving && !m_server.isListening()) {
        result = m_server.start(m_listen);
        m_startError = result ? QString() : result.error();
    } else if (!serving && m_server.isListening()) {
        m_startError.clear();
        m_server.stop();
    }
    refreshAddresses();
    refresh();
    return result;
}

void ServerPanel::refreshAddresses()
{
    // A server bound to one address is reached there only; else phones use one of the LAN addresses.
    QList<LanAddress> addresses;
    const QHostAddress bound = m_server.isListening() ? m_server.listenAddress() : m_listen.address;
    if (isSpecific(bound))
        addresses.append({bound, QString(), QString()});
    else if (m_addressSource)
        addresses = m_addressSource();
    if (addresses == m_addresses && m_addressList->count() == addresses.size())
        return;
    m_addresses = addresses;

    const QHostAddress chosen = m_joinAddress;
    m_addressList->clear();
    for (const LanAddress &address : std::as_const(m_addresses)) {
        const QString where = address.interfaceLabel.isEmpty() ? address.interfaceName : address.interfaceLabel;
        m_addressList->addItem(where.isEmpty() ? address.address.toString()
                                               : tr("%1 (%2)").arg(address.address.toString(), where),
                               address.address.toString());
    }
    const auto kept = std::find_if(m_addresses.cbegin(), m_addresses.cend(),
                                   [&](const LanAddress &address) { return address.address == chosen; });
    const QHostAddress next = kept != m_addresses.cend() ? chosen
                              : m_addresses.isEmpty()    ? QHostAddress()
                                                         : m_addresses.constFirst().address;
    m_addressList->setCurrentIndex(m_addressList->findData(next.toString()));
    m_addressList->setVisible(m_addresses.size() > 1);
    setJoinAddress(next);
    refresh();
}

void ServerPanel::setJoinAddress(const QHostAddress &address)
{
    if (address == m_joinAddress)
        return;
    m_joinAddress = address;
    Q_EMIT joinAddressChanged(address);
}

QString ServerPanel::joinUrl() const
{
    if (!m_server.isListening() || m_joinAddress.isNull())
        return {};
    return m_server.joinUrl(m_joinAddress);
}

void ServerPanel::refreshPhoneCount()
{
    const bool listening = m_server.isListening();
    m_phones->setText(listening ? tr("Phones connected: %1").arg(m_server.phoneCount()) : QString());
    m_phones->setVisible(listening);
}

void ServerPanel::refresh()
{
    const bool listening = m_server.isListening();
    m_switch->setChecked(listening);
    QString state;
    if (listening)
        state = tr("Listening on port %1").arg(m_server.port());
    else if (!m_startError.isEmpty())
        state = tr("Failed: %1").arg(m_startError);
    else
        state = tr("Stopped: phones cannot join");
    m_state->setText(state);
    const QString stateName = listening ? u"listening"_s : m_startError.isEmpty() ? u"stopped"_s : u"failed"_s;
    if (m_state->property("serverState").toString() != stateName) {
        m_state->setProperty("serverState", stateName);
        m_state->style()->unpolish(m_state);
        m_state->style()->polish(m_state);
    }

    const bool noNetwork = m_addresses.isEmpty();
    m_network->setText(noNetwork ? tr("No network: phones cannot join. Connect this laptop to the venue Wi-Fi or "
                                      "start its own hotspot; the slides keep working.")
                                 : QString());
    m_network->setVisible(noNetwork);

    const QString url = joinUrl();
    m_url->setText(url.isEmpty() ? QString() : tr("Join at %1").arg(url));
    m_qrLabel->setAccessibleDescription(url);
    m_url->setVisible(!url.isEmpty());
    m_qr = QImage();
    if (!url.isEmpty()) {
        if (auto code = qrCodeOf(url)) {
            m_qrLabel->setPixmap(code->first);
            m_qr = std::move(code->second);
        }
    }
    m_qrLabel->setVisible(!m_qr.isNull());
    refreshModeratorLink();

    refreshPhoneCount();

    // Before it listens, the port it will most likely take: the one asked for, else the default.
    const quint16 port = listening                              ? m_server.port()
                         : m_listen.port && *m_listen.port != 0 ? *m_listen.port
                                                                : AudienceServer::kDefaultPort;
    m_help->setText(tr("Phones can't connect?\n"
                       "• Phones must be on the same network as this laptop.\n"
                       "• Venue Wi-Fi often keeps devices from reaching each other (client isolation). Fix: start "
                       "this laptop's own hotspot and have the room join it.\n"
                       "• A firewall on this laptop may block port %1. Fix: allow incoming TCP connections on port "
                       "%1.")
                        .arg(port) +
                    u'\n' +
                    tr("• Phones that reach this laptop through a router (NAT) all come from one address, and at "
                       "most %1 connections may. Fix: put this laptop on the phones' Wi-Fi, or raise "
                       "maxConnectionsPerAddress in the [audience] settings.")
                        .arg(m_server.limits().maxConnectionsPerAddress));
}

QFrame *ServerPanel::buildModeratorSection(QWidget *parent)
{
    m_moderatorSection = new QFrame(parent);
    m_moderatorSection->setObjectName(u"moderatorSection"_s);
    m_moderatorSection->setAccessibleName(tr("Moderator link"));
    auto *layout = new QVBoxLayout(m_moderatorSection);
    layout->setContentsMargins(10, 8, 10, 10);
    layout->setSpacing(6);

    layout->addWidget(plainLabel(u"moderatorCaption"_s, m_moderatorSection, tr("Moderator link")));
    // The buttons get a line of their own: beside the caption they would widen a narrow console (200 % scale) and
    // be cut off at its edge.
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    m_moderatorReveal = new QPushButton(m_moderatorSection);
    m_moderatorReveal->setObjectName(u"moderatorReveal"_s);
    m_moderatorReveal->setFocusPolicy(Qt::NoFocus);
    connect(m_moderatorReveal, &QPushButton::clicked, this, [this] { setModeratorLinkShown(!m_moderatorShown); });
    buttons->addWidget(m_moderatorReveal, 1);
    auto *open = new QPushButton(tr("Moderate here…"), m_moderatorSection);
    open->setObjectName(u"moderatorOpen"_s);
    open->setFocusPolicy(Qt::NoFocus);
    open->setToolTip(tr("Open the moderator page in a window of this app (%1)")
                         .arg(QKeySequence(Qt::CTRL | Qt::Key_M).toString(QKeySequence::NativeText)));
    connect(open, &QPushButton::clicked, this, &ServerPanel::moderationRequested);
    buttons->addWidget(open, 1);
    layout->addLayout(buttons);

    m_moderatorNote = plainLabel(u"moderatorNote"_s, m_moderatorSection,
                                 tr("Whoever has this link can moderate the questions: approve, hide, pin, merge and "
                                    "block. Give it only to the organizer. The projector never shows it."));
    m_moderatorNote->setWordWrap(true);
    layout->addWidget(m_moderatorNote);

    m_moderatorUrl = plainLabel(u"moderatorUrl"_s, m_moderatorSection);
    m_moderatorUrl->setWordWrap(true);
    m_moderatorUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_moderatorUrl->setFocusPolicy(Qt::NoFocus);
    m_moderatorUrl->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_moderatorUrl);
    m_moderatorQrLabel = new QLabel(m_moderatorSection);
    m_moderatorQrLabel->setObjectName(u"moderatorQr"_s);
    m_moderatorQrLabel->setAccessibleName(tr("QR code of the moderator link"));
    m_moderatorQrLabel->setFixedSize(kQrPixels, kQrPixels);
    m_moderatorQrLabel->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_moderatorQrLabel, 0, Qt::AlignLeft);
    return m_moderatorSection;
}

void ServerPanel::setModeratorLinkShown(bool shown)
{
    m_moderatorShown = shown;
    refreshModeratorLink();
}

QString ServerPanel::moderatorUrl() const
{
    if (!m_room || !m_server.isListening() || m_joinAddress.isNull())
        return {};
    return ModerationWindow::moderatorUrl(m_server, m_joinAddress).toString();
}

void ServerPanel::refreshModeratorLink()
{
    if (!m_moderatorSection)
        return;
    const QString url = moderatorUrl();
    m_moderatorReveal->setText(m_moderatorShown ? tr("Hide") : tr("Show link"));
    m_moderatorReveal->setAccessibleName(m_moderatorShown ? tr("Hide the moderator link")
                                                          : tr("Show the moderator link"));
    m_moderatorReveal->setToolTip(m_moderatorShown ? tr("Hide the moderator link and its QR code")
                                                   : tr("Show the moderator link and its QR code, for a tablet"));
    const bool show = m_moderatorShown && !url.isEmpty();
    m_moderatorQr = QImage();
    if (show) {
        if (auto code = qrCodeOf(url)) {
            m_moderatorQrLabel->setPixmap(code->first);
            m_moderatorQr = std::move(code->second);
        }
    } else {
        m_moderatorQrLabel->clear();
    }
    QString text;
    if (m_moderatorShown)
        text = url.isEmpty() ? tr("The link works once phones can join (the server is on).") : url;
    m_moderatorUrl->setText(text);
    m_moderatorUrl->setVisible(!text.isEmpty());
    m_moderatorQrLabel->setVisible(!m_moderatorQr.isNull());
}

QString ServerPanel::shownModeratorUrl() const
{
    if (!m_moderatorUrl || m_moderatorUrl->isHidden() || moderatorUrl().isEmpty())
        return {};
    return m_moderatorUrl->text();
}

QString ServerPanel::moderatorNoteText() const
{
    return m_moderatorNote ? m_moderatorNote->text() : QString();
}

QString ServerPanel::stateText() const
{
    return m_state->text();
}

QString ServerPanel::phonesText() const
{
    return m_phones->isHidden() ? QString() : m_phones->text();
}

QString ServerPanel::networkText() const
{
    return m_network->isHidden() ? QString() : m_network->text();
}

QString ServerPanel::helpText() const
{
    return m_help->text();
}

} // namespace Lectern
