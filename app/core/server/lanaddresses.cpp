#include "server/lanaddresses.h"

#include <QNetworkInterface>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace Lectern {

namespace {

bool isPrivateIPv4(const QHostAddress &address)
{
    static const std::array<std::pair<QHostAddress, int>, 3> privateRanges = {
        QHostAddress::parseSubnet(u"10.0.0.0/8"_s),
        QHostAddress::parseSubnet(u"172.16.0.0/12"_s),
        QHostAddress::parseSubnet(u"192.168.0.0/16"_s),
    };
    return std::any_of(privateRanges.cbegin(), privateRanges.cend(),
                       [&](const std::pair<QHostAddress, int> &range) { return address.isInSubnet(range); });
}

} // namespace

QList<LanAddress> lanAddresses()
{
    QList<LanAddress> candidates;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &networkInterface : interfaces) {
        const QNetworkInterface::InterfaceFlags flags = networkInterface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning) ||
            flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        const QList<QNetworkAddressEntry> entries = networkInterface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            const QHostAddress address = entry.ip();
            // isLinkLocal() is 169.254/16 for IPv4: a self-assigned address that phones rarely share.
            if (address.protocol() != QAbstractSocket::IPv4Protocol || address.isLoopback() || address.isLinkLocal())
                continue;
            candidates.append({address, networkInterface.name(), networkInterface.humanReadableName()});
        }
    }
    return sortedLanAddresses(std::move(candidates));
}

QList<LanAddress> sortedLanAddresses(QList<LanAddress> candidates)
{
    std::stable_partition(candidates.begin(), candidates.end(),
                          [](const LanAddress &candidate) { return isPrivateIPv4(candidate.address); });
    return candidates;
}

} // namespace Lectern
