#include "core/codegen/socket_code.h"

#include "core/codec/copy_format.h"
#include "core/net/endpoint.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"

#include <charconv>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace socklab {

namespace {

enum class AddrStyle { Inet4, Inet6, Unix, None };

// GCC 12 has no std::format: a minimal "{}" / "{N}" substitution ("{{" and "}}" escape braces).
std::string fmt(std::string_view pattern, std::initializer_list<std::string> args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        const std::size_t close = pattern.find('}', i);
        if (close == std::string_view::npos) {
            out += pattern.substr(i); // an unclosed '{' is text
            break;
        }
        std::size_t index = next++;
        if (close > i + 1) {
            const std::string_view digits = pattern.substr(i + 1, close - i - 1);
            const auto [end, ec] =
                std::from_chars(digits.data(), digits.data() + digits.size(), index);
            if (ec != std::errc{} || end != digits.data() + digits.size()) {
                out += pattern.substr(i, close - i + 1); // not a placeholder: keep it as text
                i = close;
                continue;
            }
        }
        if (index < args.size()) {
            out += *(args.begin() + index);
        }
        i = close;
    }
    return out;
}

std::string str(std::string s) {
    return s;
}
[[maybe_unused]] std::string str(const char* s) {
    return s;
}
template <class T> std::string str(T v) {
    return std::to_string(v);
}

template <class... A> std::string format(std::string_view pattern, const A&... args) {
    return fmt(pattern, {str(args)...});
}

std::string familyName(int family) {
    const CatalogEntry* e = findFamily(family);
    return e ? std::string(e->name) : std::to_string(family);
}

std::string typeName(int type) {
    const CatalogEntry* e = findType(type);
    return e ? std::string(e->name) : std::to_string(type);
}

// Protocol 0 has no symbol; both languages take the number.
std::string protocolName(int protocol) {
    const CatalogEntry* e = findProtocol(protocol);
    if (protocol == 0 || !e || !e->name.starts_with("IPPROTO_")) {
        return std::to_string(protocol);
    }
    return std::string(e->name);
}

AddrStyle styleFor(int family) {
    const std::string name = familyName(family);
    if (name == "AF_INET") {
        return AddrStyle::Inet4;
    }
    if (name == "AF_INET6") {
        return AddrStyle::Inet6;
    }
    if (name == "AF_UNIX") {
        return AddrStyle::Unix;
    }
    return AddrStyle::None;
}

struct Addr {
    std::string host; // path for Unix; "\0name"-style abstract handled by `abstract`
    std::string port = "0";
    bool abstract = false;
};

std::optional<Addr> splitAddress(const std::string& text, AddrStyle style) {
    if (text.empty()) {
        return std::nullopt;
    }
    Addr a;
    if (style == AddrStyle::Unix) {
        a.abstract = text.starts_with('@');
        a.host = a.abstract ? text.substr(1) : text;
        return a;
    }
    auto hp = splitHostPort(text);
    if (!hp) {
        a.host = text;
        return a;
    }
    a.host = hp->host;
    if (!hp->port.empty()) {
        a.port = hp->port;
    }
    return a;
}

std::string quoteText(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

struct OptionCode {
    std::string level;
    std::string name;
};

OptionCode optionCode(OptionId id, AddrStyle style) {
    const bool v6 = style == AddrStyle::Inet6;
    const std::string ipLevel = v6 ? "IPPROTO_IPV6" : "IPPROTO_IP";
    switch (id) {
    case OptionId::ReuseAddr:
        return {"SOL_SOCKET", "SO_REUSEADDR"};
    case OptionId::ReusePort:
        return {"SOL_SOCKET", "SO_REUSEPORT"};
    case OptionId::Broadcast:
        return {"SOL_SOCKET", "SO_BROADCAST"};
    case OptionId::KeepAlive:
        return {"SOL_SOCKET", "SO_KEEPALIVE"};
    case OptionId::RcvBuf:
        return {"SOL_SOCKET", "SO_RCVBUF"};
    case OptionId::SndBuf:
        return {"SOL_SOCKET", "SO_SNDBUF"};
    case OptionId::Linger:
        return {"SOL_SOCKET", "SO_LINGER"};
    case OptionId::OobInline:
        return {"SOL_SOCKET", "SO_OOBINLINE"};
    case OptionId::TcpNoDelay:
        return {"IPPROTO_TCP", "TCP_NODELAY"};
    case OptionId::TcpSynCount:
        return {"IPPROTO_TCP", "TCP_SYNCNT"};
    case OptionId::TcpUserTimeout:
        return {"IPPROTO_TCP", "TCP_USER_TIMEOUT"};
    case OptionId::TcpKeepIdle:
        return {"IPPROTO_TCP", "TCP_KEEPIDLE"};
    case OptionId::TcpKeepIntvl:
        return {"IPPROTO_TCP", "TCP_KEEPINTVL"};
    case OptionId::TcpKeepCnt:
        return {"IPPROTO_TCP", "TCP_KEEPCNT"};
    case OptionId::IpTtl:
        return {ipLevel, v6 ? "IPV6_UNICAST_HOPS" : "IP_TTL"};
    case OptionId::V6Only:
        return {"IPPROTO_IPV6", "IPV6_V6ONLY"};
    case OptionId::MulticastTtl:
        return {ipLevel, v6 ? "IPV6_MULTICAST_HOPS" : "IP_MULTICAST_TTL"};
    case OptionId::MulticastLoop:
        return {ipLevel, v6 ? "IPV6_MULTICAST_LOOP" : "IP_MULTICAST_LOOP"};
    case OptionId::MulticastIf:
        return {ipLevel, v6 ? "IPV6_MULTICAST_IF" : "IP_MULTICAST_IF"};
    }
    return {"SOL_SOCKET", "?"};
}

bool isStream(const OpenSession& s) {
    return isStreamType(s.spec.type);
}
bool isSeqpacket(const OpenSession& s) {
    return typeName(s.spec.type) == "SOCK_SEQPACKET";
}
// Roles whose socket carries a connection of its own after connect()/accept().
bool connectionOriented(const OpenSession& s) {
    return isStream(s) || isSeqpacket(s);
}

// ---------------------------------------------------------------- Python

std::string pyAddress(const Addr& a, AddrStyle style) {
    if (style == AddrStyle::Unix) {
        // Python spells an abstract name with a leading NUL byte.
        return a.abstract ? "\"\\0" + quoteText(a.host).substr(1) : quoteText(a.host);
    }
    const std::string port = a.port.empty() ? "0" : a.port;
    if (style == AddrStyle::Inet6) {
        return format("({}, {}, 0, 0)", quoteText(a.host), port);
    }
    return format("({}, {})", quoteText(a.host), port);
}

std::string pyOption(const OptionSetting& o, AddrStyle style) {
    const OptionCode c = optionCode(o.id, style);
    if (o.id == OptionId::Linger) {
        const int on = o.value >= 0 ? 1 : 0;
        const int secs = o.value >= 0 ? o.value : 0;
        return format("s.setsockopt(socket.{}, socket.{}, struct.pack(\"ii\", {}, {}))\n", c.level,
                      c.name, on, secs);
    }
    if (o.id == OptionId::MulticastIf && style == AddrStyle::Inet4) {
        // struct ip_mreqn: a bare int would be read as an in_addr, not an interface index.
        return format("s.setsockopt(socket.{}, socket.{}, struct.pack(\"=4s4si\", bytes(4), "
                      "bytes(4), {}))\n",
                      c.level, c.name, o.value);
    }
    return format("s.setsockopt(socket.{}, socket.{}, {})\n", c.level, c.name, o.value);
}

// A plain relay: what SockLab's relay does without capture, impairment or holding. One
// upstream connection per client (stream, one thread per direction, FIN mirrored) or one
// upstream socket per client address (datagram, like a NAT mapping).
std::string pythonRelay(const OpenSession& s, AddrStyle style, const std::optional<Addr>& local,
                        const std::optional<Addr>& remote) {
    const std::string socketCall = format(
        "socket.socket(socket.{}, socket.{}, {})", familyName(s.spec.family), typeName(s.spec.type),
        s.spec.protocol == 0 ? "0" : "socket." + protocolName(s.spec.protocol));
    const std::string listenAt = local ? pyAddress(*local, style) : "None  # listen address";
    const std::string upstream = remote ? pyAddress(*remote, style) : "None  # upstream address";
    bool needStruct = false;
    for (const auto& o : s.options) {
        needStruct = needStruct || o.id == OptionId::Linger ||
                     (o.id == OptionId::MulticastIf && style == AddrStyle::Inet4);
    }
    const bool stream = connectionOriented(s);
    std::string out = format("# {}: relay, listen and forward every client to an upstream\n"
                             "# Without capture, impairment or holding (socklab-cli relay has "
                             "them).\n",
                             describe(s.spec));
    out += needStruct ? "import socket\nimport struct\n" : "import socket\n";
    out += stream ? "import threading\n\n" : "import selectors\n\n";
    out += format("LISTEN = {}\nUPSTREAM = {}\n", listenAt, upstream);
    if (stream) {
        out += "\n\ndef pipe(src, dst):\n"
               "    while True:\n"
               "        data = src.recv(65536)\n"
               "        if not data:\n"
               "            break\n"
               "        dst.sendall(data)\n"
               "    try:\n"
               "        dst.shutdown(socket.SHUT_WR)  # the half-close goes on\n"
               "    except OSError:\n"
               "        pass\n\n\n";
    } else {
        out += "\n";
    }
    out += format("s = {}\n", socketCall);
    for (const auto& o : s.options) {
        out += pyOption(o, style);
    }
    out += "s.bind(LISTEN)\n";
    if (stream) {
        out += format("s.listen({})\n", s.backlog);
        out += "while True:\n"
               "    client, addr = s.accept()\n";
        out += format("    upstream = {}\n", socketCall);
        out += "    upstream.connect(UPSTREAM)\n"
               "    threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()\n"
               "    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()\n";
        return out;
    }
    out += "mappings = {}  # client address -> its own upstream socket\n"
           "sel = selectors.DefaultSelector()\n"
           "sel.register(s, selectors.EVENT_READ, None)\n"
           "while True:\n"
           "    for key, _ in sel.select():\n"
           "        if key.data is None:  # from a client\n"
           "            data, client = s.recvfrom(65536)\n"
           "            up = mappings.get(client)\n"
           "            if up is None:\n";
    out += format("                up = {}\n", socketCall);
    if (style == AddrStyle::Unix) {
        out += "                up.bind(\"\")  # autobind: the server needs an address to answer\n";
    }
    out += "                up.connect(UPSTREAM)\n"
           "                mappings[client] = up\n"
           "                sel.register(up, selectors.EVENT_READ, client)\n"
           "            up.send(data)\n"
           "        else:  # from the server, back to its client\n"
           "            s.sendto(key.fileobj.recv(65536), key.data)\n";
    return out;
}

} // namespace

std::string pythonCode(const CodeRequest& request) {
    const OpenSession& s = request.session;
    const AddrStyle style = styleFor(s.spec.family);
    const auto local = splitAddress(s.local, style);
    const auto remote = splitAddress(s.remote, style);
    const auto dest = splitAddress(request.destination, style);
    if (s.role == Role::Relay) {
        return pythonRelay(s, style, local, remote);
    }
    if (s.role == Role::Wire) {
        return "# The lab wire is SockLab's own forwarding loop between two network namespaces\n"
               "# (see docs/lab.md); it has no short socket-module equivalent.\n";
    }
    bool needStruct = false;
    for (const auto& o : s.options) {
        needStruct = needStruct || o.id == OptionId::Linger ||
                     (o.id == OptionId::MulticastIf && style == AddrStyle::Inet4);
    }

    std::string out = needStruct ? "import socket\nimport struct\n\n" : "import socket\n\n";
    out += format("# {}\n", describe(s.spec));
    out += format("s = socket.socket(socket.{}, socket.{}, {})\n", familyName(s.spec.family),
                  typeName(s.spec.type),
                  s.spec.protocol == 0 ? "0" : "socket." + protocolName(s.spec.protocol));
    for (const auto& o : s.options) {
        out += pyOption(o, style);
    }
    if (local) {
        out += format("s.bind({})\n", pyAddress(*local, style));
    }
    const std::string payload = formatPythonBytes(request.payload);
    std::string peer = "s";
    switch (s.role) {
    case Role::Listen:
        out += format("s.listen({})\n", s.backlog);
        out += "conn, addr = s.accept()\nprint(\"accepted\", addr)\n";
        peer = "conn";
        break;
    case Role::Connect:
        if (remote) {
            out += format("s.connect({})\n", pyAddress(*remote, style));
        }
        break;
    case Role::Bind:
    case Role::Relay: // handled above
    case Role::Wire:
        break;
    }
    const bool connected = s.role == Role::Listen || (s.role == Role::Connect && remote);
    if (!request.payload.empty()) {
        if (connected && connectionOriented(s)) {
            out += format("{}.sendall({})\n", peer, payload);
        } else if (connected) {
            out += format("{}.send({})\n", peer, payload);
        } else if (dest) {
            out += format("s.sendto({}, {})\n", payload, pyAddress(*dest, style));
        }
    }
    if (connected) {
        out += format("print({}.recv(65536))\n", peer);
    } else {
        out += "data, sender = s.recvfrom(65536)\nprint(sender, data)\n";
    }
    if (peer != "s") {
        out += peer + ".close()\n";
    }
    out += "s.close()\n";
    return out;
}

// ---------------------------------------------------------------- C

namespace {

std::string cAddress(const Addr& a, AddrStyle style, const std::string& var) {
    switch (style) {
    case AddrStyle::Inet4:
        return format("    struct sockaddr_in {0} = {{0}};\n"
                      "    {0}.sin_family = AF_INET;\n"
                      "    {0}.sin_port = htons({1});\n"
                      "    inet_pton(AF_INET, {2}, &{0}.sin_addr);\n",
                      var, a.port, quoteText(a.host));
    case AddrStyle::Inet6:
        return format("    struct sockaddr_in6 {0} = {{0}};\n"
                      "    {0}.sin6_family = AF_INET6;\n"
                      "    {0}.sin6_port = htons({1});\n"
                      "    inet_pton(AF_INET6, {2}, &{0}.sin6_addr);\n",
                      var, a.port, quoteText(a.host));
    case AddrStyle::Unix:
        if (a.abstract) {
            return format("    struct sockaddr_un {0} = {{0}};\n"
                          "    {0}.sun_family = AF_UNIX;\n"
                          "    /* abstract name: leading NUL byte, not a file */\n"
                          "    memcpy({0}.sun_path + 1, {1}, {2});\n"
                          "    socklen_t {0}_len = offsetof(struct sockaddr_un, sun_path) "
                          "+ 1 + {2};\n",
                          var, quoteText(a.host), a.host.size());
        }
        return format("    struct sockaddr_un {0} = {{0}};\n"
                      "    {0}.sun_family = AF_UNIX;\n"
                      "    strncpy({0}.sun_path, {1}, sizeof {0}.sun_path - 1);\n",
                      var, quoteText(a.host));
    case AddrStyle::None:
        break;
    }
    return format("    /* address {} for this family is not generated */\n", a.host);
}

std::string cAddrLen(const Addr& a, AddrStyle style, const std::string& var) {
    if (style == AddrStyle::Unix && a.abstract) {
        return var + "_len";
    }
    return "sizeof " + var;
}

std::string check(const std::string& call, const std::string& what) {
    return format("    if ({} < 0) {{\n        perror(\"{}\");\n        return 1;\n    }}\n", call,
                  what);
}

std::string cOption(const OptionSetting& o, AddrStyle style, int index) {
    const OptionCode c = optionCode(o.id, style);
    const std::string var = format("opt{}", index);
    std::string decl;
    if (o.id == OptionId::Linger) {
        decl = format("    struct linger {} = {{{}, {}}};\n", var, o.value >= 0 ? 1 : 0,
                      o.value >= 0 ? o.value : 0);
    } else if (o.id == OptionId::MulticastIf && style == AddrStyle::Inet4) {
        // IPv4 takes an interface index only inside struct ip_mreqn; a bare int would be read
        // as an in_addr (IPv6 takes the plain index).
        decl = format("    struct ip_mreqn {} = {{0}};\n    {}.imr_ifindex = {};\n", var, var,
                      o.value);
    } else {
        // Linux also accepts an int for the IPv4 multicast TTL and loop options.
        decl = format("    int {} = {};\n", var, o.value);
    }
    return decl + check(format("setsockopt(fd, {}, {}, &{}, sizeof {})", c.level, c.name, var, var),
                        "setsockopt " + c.name);
}

} // namespace

std::string cCode(const CodeRequest& request) {
    const OpenSession& s = request.session;
    const AddrStyle style = styleFor(s.spec.family);
    const auto local = splitAddress(s.local, style);
    const auto remote = splitAddress(s.remote, style);
    const auto dest = splitAddress(request.destination, style);
    if (s.role == Role::Wire) {
        return "/* The lab wire is SockLab's own forwarding loop between two network namespaces\n"
               "   (see docs/lab.md); it has no short socket-API equivalent. */\n";
    }
    if (s.role == Role::Relay) {
        // Two sockets per client and a poll loop is no short example; say so instead of
        // printing a program that does something else.
        return "/* " + describe(s.spec) +
               ": relay.\n"
               " * A relay has no single-socket equivalent in C: it listens on " +
               (s.local.empty() ? std::string("its listen address") : s.local) +
               " and opens one upstream socket per client to " +
               (s.remote.empty() ? std::string("the upstream") : s.remote) +
               ".\n * See the Python version (a plain relay), or run:\n *   socklab-cli relay "
               "--listen " +
               (s.local.empty() ? std::string("ADDRESS") : s.local) + " --to " +
               (s.remote.empty() ? std::string("ADDRESS") : s.remote) +
               (connectionOriented(s) || style == AddrStyle::Unix ? "" : " --udp") + "\n */\n";
    }

    std::string out = "/* " + describe(s.spec) + " */\n";
    // Generated text, not an include of ours (the layering check reads only real #include lines).
    for (const char* header : {"arpa/inet.h", "netinet/in.h", "netinet/tcp.h", "stddef.h",
                               "stdio.h", "string.h", "sys/socket.h", "sys/un.h", "unistd.h"}) {
        out += std::string("#include <") + header + ">\n";
    }
    if (!request.payload.empty()) {
        out += "\nstatic const " + formatCArray(request.payload, {"msg", 12}) + "\n";
    }
    out += "\nint main(void)\n{\n";
    out += format("    int fd = socket({}, {}, {});\n", familyName(s.spec.family),
                  typeName(s.spec.type), protocolName(s.spec.protocol));
    out += check("fd", "socket");
    int index = 0;
    for (const auto& o : s.options) {
        out += cOption(o, style, index++);
    }
    if (local) {
        out += cAddress(*local, style, "local");
        out += check(
            format("bind(fd, (struct sockaddr *)&local, {})", cAddrLen(*local, style, "local")),
            "bind");
    }
    std::string peer = "fd";
    switch (s.role) {
    case Role::Listen:
        out += check(format("listen(fd, {})", s.backlog), "listen");
        out += "    int conn = accept(fd, NULL, NULL);\n";
        out += check("conn", "accept");
        peer = "conn";
        break;
    case Role::Connect:
        if (remote) {
            out += cAddress(*remote, style, "remote");
            out += check(format("connect(fd, (struct sockaddr *)&remote, {})",
                                cAddrLen(*remote, style, "remote")),
                         "connect");
        }
        break;
    case Role::Bind:
    case Role::Relay: // handled above
    case Role::Wire:
        break;
    }
    const bool connected = s.role == Role::Listen || (s.role == Role::Connect && remote);
    if (!request.payload.empty()) {
        if (connected) {
            out += check(format("send({}, msg, sizeof msg, 0)", peer), "send");
        } else if (dest) {
            out += cAddress(*dest, style, "dest");
            out += check(format("sendto(fd, msg, sizeof msg, 0, "
                                "(struct sockaddr *)&dest, {})",
                                cAddrLen(*dest, style, "dest")),
                         "sendto");
        }
    }
    out += "    char buf[65536];\n";
    out += format("    ssize_t n = recv({}, buf, sizeof buf, 0);\n", peer);
    out += "    if (n >= 0)\n        fwrite(buf, 1, (size_t)n, stdout);\n";
    if (peer != "fd") {
        out += "    close(conn);\n";
    }
    out += "    close(fd);\n    return 0;\n}\n";
    return out;
}

} // namespace socklab
