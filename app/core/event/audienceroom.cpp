#include "event/audienceroom.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

const QString kModeratorTokenKey = u"moderator_token"_s;
/** 128 bits in base64url without padding. */
constexpr qsizetype kModeratorTokenLength = 22;

bool isWellFormedModeratorToken(const QString &token)
{
    return token.size() == kModeratorTokenLength && std::all_of(token.cbegin(), token.cend(), [](QChar c) {
               return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' ||
                      c == u'_';
           });
}

/** The code as a person may have typed it: letters upper-cased, spaces and dashes dropped. */
QString normalizedRoomCode(const QString &code)
{
    QString normalized;
    normalized.reserve(code.size());
    for (const QChar c : code) {
        if (c.isSpace() || c == u'-')
            continue;
        normalized.append(c.toUpper());
    }
    return normalized;
}

bool isWellFormedRoomCode(const QString &code)
{
    return code.size() == AudienceRoom::kRoomCodeLength &&
           std::all_of(code.cbegin(), code.cend(), [](QChar c) { return AudienceRoom::kRoomCodeAlphabet.contains(c); });
}

} // namespace

AudienceRoom::AudienceRoom(Database &database, const Clock &clock)
    : m_deviceStore(database)
    , m_settings(database)
    , m_clock(clock)
{}

QString AudienceRoom::newRoomCode()
{
    QString code;
    code.reserve(kRoomCodeLength);
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < kRoomCodeLength; ++i)
        code.append(kRoomCodeAlphabet.at(random->bounded(int(kRoomCodeAlphabet.size()))));
    return code;
}

Result<> AudienceRoom::load()
{
    const Result<std::optional<QString>> stored = m_settings.roomCode();
    if (!stored)
        return fail(stored.error());
    QString code = normalizedRoomCode(stored->value_or(QString()));
    // A code that is missing (first start) or that no phone could type is replaced, and the new one kept.
    if (!isWellFormedRoomCode(code)) {
        code = newRoomCode();
        if (const Result<> saved = m_settings.setRoomCode(code); !saved)
            return fail(saved.error());
    }

    const Result<std::optional<QString>> storedToken = m_settings.value(kModeratorTokenKey);
    if (!storedToken)
        return fail(storedToken.error());
    QString moderatorToken = storedToken->value_or(QString());
    // Missing (first start) or damaged: a new secret, kept before anyone is shown it.
    if (!isWellFormedModeratorToken(moderatorToken)) {
        moderatorToken = DeviceStore::newToken();
        if (const Result<> saved = m_settings.setValue(kModeratorTokenKey, moderatorToken); !saved)
            return fail(saved.error());
    }

    const Result<std::optional<quint16>> port = m_settings.port();
    if (!port)
        return fail(port.error());
    const Result<QStringList> tokens = m_deviceStore.tokens();
    if (!tokens)
        return fail(tokens.error());

    m_roomCode = code;
    m_moderatorToken = moderatorToken;
    m_port = *port;
    m_devices = QSet<QString>(tokens->cbegin(), tokens->cend());
    return {};
}

bool AudienceRoom::acceptsRoomCode(const QString &code) const
{
    return !m_roomCode.isEmpty() && normalizedRoomCode(code) == m_roomCode;
}

bool AudienceRoom::acceptsModeratorToken(QStringView token) const
{
    if (m_moderatorToken.isEmpty() || token.size() != m_moderatorToken.size())
        return false;
    // Every character is compared whatever the earlier ones were: how long it takes tells nothing of the secret.
    char16_t difference = 0;
    for (qsizetype i = 0; i < token.size(); ++i)
        difference |= token.at(i).unicode() ^ m_moderatorToken.at(i).unicode();
    return difference == 0;
}

Result<> AudienceRoom::rememberPort(quint16 port)
{
    if (m_port == port)
        return {};
    if (const Result<> saved = m_settings.setPort(port); !saved)
        return fail(saved.error());
    m_port = port;
    return {};
}

Result<QString> AudienceRoom::admitDevice(const QString &token)
{
    Q_ASSERT_X(!m_roomCode.isEmpty(), "AudienceRoom::admitDevice", "load() the room first");
    if (!token.isEmpty() && m_devices.contains(token))
        return token;
    const Result<QString> created = m_deviceStore.createDevice(m_clock.now());
    if (!created)
        return fail(created.error());
    m_devices.insert(*created);
    return *created;
}

} // namespace Lectern
