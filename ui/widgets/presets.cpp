#include "ui/widgets/presets.h"

#include "core/net/socket_spec.h"
#include "ui/i18n/core_text.h"

#include <QObject>
#include <algorithm>
#include <array>
#include <cctype>

namespace socklab::ui {

namespace {

constexpr std::array kPresets = {Preset::TcpClient,  Preset::TcpServer,    Preset::UdpEndpoint,
                                 Preset::UnixStream, Preset::UnixDatagram, Preset::IcmpPing,
                                 Preset::Relay};

int valueOf(const CatalogEntry* e) {
    return e ? e->value : 0;
}

bool nameIs(const CatalogEntry* e, std::string_view name) {
    return e && e->name == name;
}

} // namespace

std::span<const Preset> allPresets() {
    return kPresets;
}

QString presetName(Preset preset) {
    switch (preset) {
    case Preset::TcpClient:
        return QObject::tr("TCP client");
    case Preset::TcpServer:
        return QObject::tr("TCP server");
    case Preset::UdpEndpoint:
        return QObject::tr("UDP endpoint");
    case Preset::UnixStream:
        return QObject::tr("Unix stream");
    case Preset::UnixDatagram:
        return QObject::tr("Unix datagram");
    case Preset::IcmpPing:
        return QObject::tr("ICMP ping");
    case Preset::Relay:
        return QObject::tr("Relay (TCP)");
    }
    return {};
}

int familyValue(std::string_view name) {
    return valueOf(familyByName(name));
}
int typeValue(std::string_view name) {
    return valueOf(typeByName(name));
}
int protocolValue(std::string_view name) {
    return valueOf(protocolByName(name));
}
bool isFamily(int value, std::string_view name) {
    return nameIs(findFamily(value), name);
}
bool isType(int value, std::string_view name) {
    return nameIs(findType(value), name);
}
bool isProtocol(int value, std::string_view name) {
    return nameIs(findProtocol(value), name);
}

bool isTcp(const SocketSpec& spec) {
    const bool inet = isFamily(spec.family, "AF_INET") || isFamily(spec.family, "AF_INET6");
    return inet && isType(spec.type, "SOCK_STREAM") &&
           (spec.protocol == 0 || isProtocol(spec.protocol, "IPPROTO_TCP"));
}

bool relayFits(const SocketSpec& spec) {
    return (isType(spec.type, "SOCK_STREAM") || isType(spec.type, "SOCK_DGRAM")) && !isIcmp(spec);
}

bool isIcmp(const SocketSpec& spec) {
    return isProtocol(spec.protocol, "IPPROTO_ICMP") || isProtocol(spec.protocol, "IPPROTO_ICMPV6");
}

OpenSession presetRequest(Preset preset) {
    OpenSession r;
    const int inet = familyValue("AF_INET");
    const int unixFamily = familyValue("AF_UNIX");
    const int stream = typeValue("SOCK_STREAM");
    const int dgram = typeValue("SOCK_DGRAM");
    switch (preset) {
    case Preset::TcpClient:
        r.spec = {inet, stream, protocolValue("IPPROTO_TCP")};
        r.role = Role::Connect; // remote empty: see defaultAddresses()
        break;
    case Preset::TcpServer:
        r.spec = {inet, stream, protocolValue("IPPROTO_TCP")};
        r.role = Role::Listen;
        r.local = "127.0.0.1:0";
        r.options = {OptionSetting{OptionId::ReuseAddr, 1}};
        break;
    case Preset::UdpEndpoint:
        r.spec = {inet, dgram, protocolValue("IPPROTO_UDP")};
        r.role = Role::Bind;
        r.local = "127.0.0.1:0";
        break;
    case Preset::UnixStream:
        r.spec = {unixFamily, stream, 0};
        r.role = Role::Listen;
        r.local = "@socklab-stream";
        break;
    case Preset::UnixDatagram:
        r.spec = {unixFamily, dgram, 0};
        r.role = Role::Bind;
        r.local = "@socklab-dgram";
        break;
    case Preset::IcmpPing:
        r.spec = {inet, dgram, protocolValue("IPPROTO_ICMP")};
        r.role = Role::Connect;
        r.remote = "127.0.0.1";
        break;
    case Preset::Relay:
        r.spec = {inet, stream, protocolValue("IPPROTO_TCP")};
        r.role = Role::Relay;
        r.local = "127.0.0.1:0"; // remote (the upstream) empty: the form says it is required
        r.options = {OptionSetting{OptionId::ReuseAddr, 1}};
        break;
    }
    return r;
}

Role defaultRole(const SocketSpec& spec, Role current) {
    if (isIcmp(spec) || isType(spec.type, "SOCK_RAW")) {
        return Role::Connect;
    }
    if (current == Role::Relay && relayFits(spec)) {
        return Role::Relay;
    }
    if (isType(spec.type, "SOCK_DGRAM")) {
        return Role::Bind;
    }
    return current == Role::Bind || current == Role::Relay ? Role::Connect : current;
}

AddressDefaults defaultAddresses(const SocketSpec& spec, Role role) {
    AddressDefaults d;
    if (isFamily(spec.family, "AF_UNIX")) {
        const CatalogEntry* type = findType(spec.type);
        std::string name = "@socklab-";
        name += type && type->name.starts_with("SOCK_") ? type->name.substr(5) : "socket";
        std::ranges::transform(name, name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (role == Role::Relay) {
            name += "-relay"; // beside a server of the same type, which it may forward to
        }
        (role == Role::Connect ? d.remote : d.local) = name;
        return d;
    }
    const bool v6 = isFamily(spec.family, "AF_INET6");
    const std::string loopback = v6 ? "::1" : "127.0.0.1";
    if (role == Role::Connect) {
        if (isIcmp(spec) || isType(spec.type, "SOCK_RAW")) {
            d.remote = loopback; // no ports: ping the loopback, which always answers
        }
        return d; // a client's server: nothing to guess; the field's placeholder explains
    }
    d.local = v6 ? "[::1]:0" : "127.0.0.1:0"; // port 0: the kernel picks a free port
    return d;
}

QString kindName(const SocketSpec& spec, Role role) {
    const bool stream = isType(spec.type, "SOCK_STREAM");
    const bool seq = isType(spec.type, "SOCK_SEQPACKET");
    QString base;
    if (isIcmp(spec)) {
        return QObject::tr("Ping");
    }
    if (isFamily(spec.family, "AF_UNIX")) {
        base = stream ? QObject::tr("Unix stream")
                      : (seq ? QObject::tr("Unix seqpacket") : QObject::tr("Unix datagram"));
    } else if (isTcp(spec)) {
        base = QObject::tr("TCP");
    } else if (isType(spec.type, "SOCK_DGRAM") &&
               (spec.protocol == 0 || isProtocol(spec.protocol, "IPPROTO_UDP"))) {
        base = QObject::tr("UDP");
    } else {
        const CatalogEntry* t = findType(spec.type);
        const CatalogEntry* p = findProtocol(spec.protocol);
        base = t ? coreText(t->label) : QStringLiteral("?");
        if (p && spec.protocol != 0) {
            base += QLatin1Char(' ') + coreText(p->label);
        }
    }
    switch (role) {
    case Role::Connect:
        return stream || seq ? QObject::tr("%1 client").arg(base) : base;
    case Role::Listen:
        return QObject::tr("%1 server").arg(base);
    case Role::Bind:
        return base;
    case Role::Relay:
        return QObject::tr("%1 relay").arg(base);
    case Role::Wire:
        return QObject::tr("Lab wire");
    }
    return base;
}

} // namespace socklab::ui
