#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

namespace Lectern {

/** A LAN address the laptop can be reached at, with the interface it belongs to. */
struct LanAddress
{
    QHostAddress address;
    QString interfaceName;  ///< "wlan0", "enp3s0"…
    QString interfaceLabel; ///< the interface's human-readable name where the system has one

    friend bool operator==(const LanAddress &, const LanAddress &) = default;
};

/**
 * The IPv4 addresses phones on the same network can reach: of interfaces that are up and running, not
 * loopback, not link-local (169.254/16). Private ranges (10/8, 172.16/12, 192.168/16) come first, then the
 * rest, each group in the system's interface order.
 */
QList<LanAddress> lanAddresses();

/** The order lanAddresses() uses, for a given list of candidates (tests). */
QList<LanAddress> sortedLanAddresses(QList<LanAddress> candidates);

} // namespace Lectern
