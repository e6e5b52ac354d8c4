#pragma once

#include <QHostAddress>

#include <optional>

namespace Lectern {

/** Where the audience server listens: chosen on the command line (--listen) or on the console. */
struct ListenAddress
{
    QHostAddress address = QHostAddress(QHostAddress::AnyIPv4);
    /** Given explicitly (--listen): a taken port is an error. Unset: the room's port, 8080, or the next free. */
    std::optional<quint16> port;

    friend bool operator==(const ListenAddress &, const ListenAddress &) = default;
};

} // namespace Lectern
