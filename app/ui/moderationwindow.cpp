#include "moderationwindow.h"
#include "plaintext.h"

#include "event/audienceroom.h"
#include "server/audienceserver.h"

#include <QLabel>
#include <QLoggingCategory>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Lectern {

namespace {

/** The moderator page: it stays on the audience server (its origin) and opens no other windows. */
class ModeratorPage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;

    void setOrigin(const QUrl &url)
    {
        m_origin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    }

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType, bool isMainFrame) override
    {
        if (!isMainFrame)
            return false;
        const bool sameOrigin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment) == m_origin;
        if (!sameOrigin)
            qCInfo(lcUi) << "the moderator page may not leave the audience server; refused" << url.host();
        return sameOrigin;
    }

    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message, int line,
                                  const QString &) override
    {
        if (level == ErrorMessageLevel)
            qCWarning(lcUi) << "moderator page, line" << line << ":" << message;
        else
            qCDebug(lcUi) << "moderator page, line" << line << ":" << message;
    }

private:
    QUrl m_origin;
};

bool listensOnEveryAddress(const QHostAddress &address)
{
    return address.isNull() || address == QHostAddress(QHostAddress::Any) ||
           address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6);
}

} // namespace

ModerationWindow::ModerationWindow(AudienceServer &server, const AudienceRoom &room, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_server(server)
    , m_room(room)
{
    setObjectName(u"moderationWindow"_s);
    setWindowTitle(tr("Lectern — Moderation"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    m_messagePage = new QWidget(m_stack);
    auto *messageLayout = new QVBoxLayout(m_messagePage);
    messageLayout->setContentsMargins(40, 40, 40, 40);
    messageLayout->addStretch(1);
    m_message = plainLabel(u"moderationMessage"_s, m_messagePage);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    messageLayout->addWidget(m_message);
    m_startButton = new QPushButton(tr("Start the audience server"), m_messagePage);
    m_startButton->setObjectName(u"moderationStartButton"_s);
    connect(m_startButton, &QPushButton::clicked, this, &ModerationWindow::startServerRequested);
    messageLayout->addWidget(m_startButton, 0, Qt::AlignHCenter);
    messageLayout->addStretch(1);
    m_stack->addWidget(m_messagePage);

    m_view = new QWebEngineView(m_stack);
    m_view->setObjectName(u"moderationView"_s);
    m_view->setPage(new ModeratorPage(m_view));
    connect(m_view, &QWebEngineView::loadFinished, this, [this](bool ok) {
        if (!ok)
            qCWarning(lcUi) << "the moderator page did not load";
        Q_EMIT pageLoaded(ok);
    });
    m_stack->addWidget(m_view);

    connect(&m_server, &AudienceServer::listeningChanged, this, &ModerationWindow::refresh);
    resize(1100, 800);
    refresh();
}

ModerationWindow::~ModerationWindow() = default;

QUrl ModerationWindow::moderatorUrl(const AudienceServer &server, const QHostAddress &address)
{
    return QUrl(server.moderatorUrl(address));
}

QHostAddress ModerationWindow::localAddress(const AudienceServer &server)
{
    const QHostAddress listening = server.listenAddress();
    if (listening == QHostAddress(QHostAddress::AnyIPv6))
        return QHostAddress(QHostAddress::LocalHostIPv6);
    if (listensOnEveryAddress(listening))
        return QHostAddress(QHostAddress::LocalHost);
    return listening;
}

void ModerationWindow::refresh()
{
    if (!m_server.isListening()) {
        m_url.clear();
        m_view->stop();
        m_message->setText(m_startError.isEmpty()
                               ? tr("The moderator page comes from the audience server, which is off.")
                               : tr("The audience server did not start: %1").arg(m_startError));
        m_stack->setCurrentWidget(m_messagePage);
        return;
    }
    m_startError.clear();
    const QUrl url = moderatorUrl(m_server, localAddress(m_server));
    m_stack->setCurrentWidget(m_view);
    if (url == m_url)
        return;
    m_url = url;
    static_cast<ModeratorPage *>(m_view->page())->setOrigin(url);
    m_view->setUrl(url);
}

void ModerationWindow::showStartError(const QString &message)
{
    m_startError = message;
    refresh();
}

QString ModerationWindow::messageText() const
{
    return m_stack->currentWidget() == m_messagePage ? m_message->text() : QString();
}

} // namespace Lectern
