#include "server/serverlimits.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

Result<> readCount(const QSettings &settings, const QString &key, int minimum, int &value)
{
    const QString fullKey = u"audience/"_s + key;
    if (!settings.contains(fullKey))
        return {};
    const QString text = settings.value(fullKey).toString().trimmed();
    bool ok = false;
    const int read = text.toInt(&ok);
    if (!ok || read < minimum)
        return fail(QCoreApplication::translate("Lectern::ServerLimits",
                                                "Setting %1 = \"%2\": give a whole number of at least %3.")
                        .arg(fullKey, text)
                        .arg(minimum));
    value = read;
    return {};
}

Result<> readRate(const QSettings &settings, const QString &key, RateLimit &value)
{
    const QString fullKey = u"audience/"_s + key;
    if (!settings.contains(fullKey))
        return {};
    const QString text = settings.value(fullKey).toString().trimmed();
    const QStringList parts = text.split(u'/');
    bool burstOk = false;
    bool rateOk = false;
    const double burst = parts.size() == 2 ? parts.at(0).trimmed().toDouble(&burstOk) : 0;
    const double perSecond = parts.size() == 2 ? parts.at(1).trimmed().toDouble(&rateOk) : 0;
    if (!burstOk || !rateOk || burst < 1 || perSecond <= 0 || burst > 1e6 || perSecond > 1e6)
        return fail(QCoreApplication::translate("Lectern::ServerLimits",
                                                "Setting %1 = \"%2\": give BURST/PER_SECOND, for example \"20/1\" "
                                                "(a burst of at least 1, a positive rate).")
                        .arg(fullKey, text));
    value = RateLimit{burst, perSecond};
    return {};
}

} // namespace

Result<ServerLimits> ServerLimits::fromSettings(const QSettings &settings)
{
    ServerLimits limits;
    for (const Result<> &read : {
             readCount(settings, u"maxConnections"_s, 1, limits.maxConnections),
             readCount(settings, u"maxConnectionsPerAddress"_s, 1, limits.maxConnectionsPerAddress),
             readRate(settings, u"joinsPerAddress"_s, limits.joinsPerAddress),
             readRate(settings, u"requestsPerAddress"_s, limits.requestsPerAddress),
             readRate(settings, u"messagesPerAddress"_s, limits.messagesPerAddress),
             readRate(settings, u"messagesPerDevice"_s, limits.messagesPerDevice),
             readRate(settings, u"questionsPerDevice"_s, limits.questionsPerDevice),
             readRate(settings, u"questionsPerAddress"_s, limits.questionsPerAddress),
         }) {
        if (!read)
            return fail(read.error());
    }
    return limits;
}

} // namespace Lectern
