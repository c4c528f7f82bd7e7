#include "core/workspace/workspace.h"

#include "core/base/translate.h"
#include "core/net/free_port.h"
#include "core/respond/message_fields.h"

#include <algorithm>

namespace socklab {

namespace {

template <class E> struct NameEntry {
    E value;
    std::string_view name;
};

constexpr NameEntry<Role> kRoles[] = {{Role::Connect, "connect"},
                                      {Role::Listen, "listen"},
                                      {Role::Bind, "bind"},
                                      {Role::Relay, "relay"}};
constexpr NameEntry<MessageMode> kModes[] = {
    {MessageMode::Text, "text"}, {MessageMode::Hex, "hex"}, {MessageMode::Escapes, "escapes"}};

template <class E, std::size_t N> std::string_view nameOf(const NameEntry<E> (&table)[N], E value) {
    for (const auto& e : table) {
        if (e.value == value) {
            return e.name;
        }
    }
    return "?";
}

template <class E, std::size_t N>
bool valueOf(const NameEntry<E> (&table)[N], std::string_view name, E& out) {
    for (const auto& e : table) {
        if (e.name == name) {
            out = e.value;
            return true;
        }
    }
    return false;
}

// Numbers come from the catalog: only core/net/socket_ops may include the socket headers.
SocketSpec inetSpec(std::string_view type, std::string_view protocol) {
    const CatalogEntry* f = familyByName("AF_INET");
    const CatalogEntry* t = typeByName(type);
    const CatalogEntry* p = protocolByName(protocol);
    return SocketSpec{f ? f->value : 0, t ? t->value : 0, p ? p->value : 0};
}

WorkspaceTab udpTab(std::string title, std::string local, std::string peer) {
    WorkspaceTab tab;
    tab.title = std::move(title);
    tab.spec = inetSpec("SOCK_DGRAM", "IPPROTO_UDP");
    tab.role = Role::Bind;
    tab.local = std::move(local);
    tab.destination = std::move(peer);
    tab.messages.push_back({"ping", MessageMode::Text, "ping", LineEnding::Lf});
    return tab;
}

} // namespace

bool operator==(const WorkspaceTab& a, const WorkspaceTab& b) {
    const auto sameOption = [](const OptionSetting& x, const OptionSetting& y) {
        return x.id == y.id && x.value == y.value;
    };
    return a.title == b.title && a.spec == b.spec && a.role == b.role && a.local == b.local &&
           a.remote == b.remote && a.unixMode == b.unixMode &&
           a.sendQueueBytes == b.sendQueueBytes &&
           std::ranges::equal(a.options, b.options, sameOption) && a.responders == b.responders &&
           a.messages == b.messages && a.destination == b.destination &&
           a.multicastGroups == b.multicastGroups && a.relay == b.relay &&
           a.encoding == b.encoding && a.sequences == b.sequences && a.liveSave == b.liveSave;
}

OpenSession tabOpenRequest(const WorkspaceTab& tab) {
    OpenSession request;
    request.spec = tab.spec;
    request.role = tab.role;
    request.local = tab.local;
    request.remote = tab.remote;
    request.options = tab.options;
    request.unixMode = tab.unixMode;
    request.sendQueueBytes = tab.sendQueueBytes;
    request.responders = tab.responders;
    request.multicastGroups = tab.multicastGroups;
    request.relay = tab.relay;
    return request;
}

void setTabOpenRequest(WorkspaceTab& tab, const OpenSession& request) {
    tab.spec = request.spec;
    tab.role = request.role;
    tab.local = request.local;
    tab.remote = request.remote;
    tab.options = request.options;
    tab.unixMode = request.unixMode;
    tab.sendQueueBytes = request.sendQueueBytes;
    tab.responders = request.responders;
    tab.multicastGroups = request.multicastGroups;
    tab.relay = request.relay;
}

Result<ByteVector> savedMessageBytes(const SavedMessage& message, TextEncoding encoding,
                                     const TemplateContext& context) {
    return renderMessage(message.mode, message.content, message.lineEnding, encoding,
                         message.fields, context);
}

std::string_view roleName(Role role) {
    return nameOf(kRoles, role);
}
std::string_view messageModeName(MessageMode mode) {
    return nameOf(kModes, mode);
}
bool roleFromName(std::string_view name, Role& out) {
    return valueOf(kRoles, name, out);
}
bool messageModeFromName(std::string_view name, MessageMode& out) {
    return valueOf(kModes, name, out);
}

Workspace demoWorkspace(const DemoPorts& ports) {
    const auto loopback = [](std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); };
    Workspace ws;
    // Titles are document data (saved as they are); marked SL_N so a front end can show these
    // default ones in the user's language.

    WorkspaceTab server;
    server.title = SL_N("socklab", "Echo server");
    server.spec = inetSpec("SOCK_STREAM", "IPPROTO_TCP");
    server.role = Role::Listen;
    server.local = loopback(ports.tcp);
    server.options.push_back({OptionId::ReuseAddr, 1});
    server.responders = ResponderConfig::echo();
    ws.tabs.push_back(std::move(server));

    WorkspaceTab client;
    client.title = SL_N("socklab", "TCP client");
    client.spec = inetSpec("SOCK_STREAM", "IPPROTO_TCP");
    client.role = Role::Connect;
    client.remote = loopback(ports.tcp);
    client.messages.push_back({"hello", MessageMode::Text, "hello", LineEnding::Lf});
    client.messages.push_back({"bytes", MessageMode::Hex, "de ad be ef", LineEnding::None});
    ws.tabs.push_back(std::move(client));

    ws.tabs.push_back(udpTab(SL_N("socklab", "UDP A"), loopback(ports.udpA), loopback(ports.udpB)));
    ws.tabs.push_back(udpTab(SL_N("socklab", "UDP B"), loopback(ports.udpB), loopback(ports.udpA)));
    ws.selectedTab = 1;
    return ws;
}

DemoPorts freeDemoPorts() {
    const DemoPorts defaults;
    DemoPorts ports;
    const SocketSpec tcp = inetSpec("SOCK_STREAM", "IPPROTO_TCP");
    const SocketSpec udp = inetSpec("SOCK_DGRAM", "IPPROTO_UDP");
    ports.tcp = freeLoopbackPort(tcp, defaults.tcp).value_or(defaults.tcp);
    ports.udpA = freeLoopbackPort(udp, defaults.udpA).value_or(defaults.udpA);
    // Probes close their socket, so the kernel could hand A's port out again for B.
    for (int attempt = 0; attempt < 8; ++attempt) {
        ports.udpB = freeLoopbackPort(udp, defaults.udpB).value_or(defaults.udpB);
        if (ports.udpB != ports.udpA) {
            break;
        }
    }
    return ports;
}

} // namespace socklab
