// Endpoint without the kernel: parse/print tables, error messages, port handling, sockaddr
// shapes, classification. Round trips through real sockets are in test_endpoint_sockets.cpp.
#include "core/net/endpoint.h"

#include <QByteArray>
#include <QTest>
#include <cstddef>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

using socklab::AddressKind;
using socklab::Endpoint;

Q_DECLARE_METATYPE(socklab::AddressKind)

namespace {

constexpr std::size_t kSunOff = offsetof(sockaddr_un, sun_path);

} // namespace

class TestEndpoint : public QObject {
    Q_OBJECT

private slots:
    void parseRoundTrip_data();
    void parseRoundTrip();
    void parseErrors_data();
    void parseErrors();
    void ports_data();
    void ports();
    void splitHostPort();
    void unixLengths();
    void fromSockaddrShapes();
    void classify_data();
    void classify();
};

void TestEndpoint::parseRoundTrip_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("text");
    QTest::addColumn<AddressKind>("kind");
    QTest::addColumn<int>("port");

    const QString loIndex = QString::number(if_nametoindex("lo"));
    QTest::newRow("v4") << "127.0.0.1:80" << 0 << "127.0.0.1:80" << AddressKind::Inet4 << 80;
    QTest::newRow("v4 any port 0") << "0.0.0.0:0" << 0 << "0.0.0.0:0" << AddressKind::Inet4 << 0;
    QTest::newRow("v4 max") << "255.255.255.255:65535" << AF_INET << "255.255.255.255:65535"
                            << AddressKind::Inet4 << 65535;
    QTest::newRow("v4 no port") << "10.1.2.3" << 0 << "10.1.2.3:0" << AddressKind::Inet4 << 0;
    QTest::newRow("v6") << "[::1]:80" << 0 << "[::1]:80" << AddressKind::Inet6 << 80;
    QTest::newRow("v6 family") << "[::]:0" << AF_INET6 << "[::]:0" << AddressKind::Inet6 << 0;
    QTest::newRow("v6 bare") << "::1" << 0 << "[::1]:0" << AddressKind::Inet6 << 0;
    QTest::newRow("v6 normalized")
        << "[2001:DB8:0:0::1]:443" << 0 << "[2001:db8::1]:443" << AddressKind::Inet6 << 443;
    QTest::newRow("v6 scope name")
        << "[fe80::1%lo]:80" << 0 << "[fe80::1%lo]:80" << AddressKind::Inet6 << 80;
    QTest::newRow("v6 scope number") << "[fe80::1%" + loIndex + "]:80" << AF_INET6
                                     << "[fe80::1%lo]:80" << AddressKind::Inet6 << 80;
    QTest::newRow("v6 unknown scope number")
        << "[fe80::1%4000000000]:7" << 0 << "[fe80::1%4000000000]:7" << AddressKind::Inet6 << 7;
    QTest::newRow("v4 mapped") << "[::ffff:1.2.3.4]:80" << AF_INET6 << "[::ffff:1.2.3.4]:80"
                               << AddressKind::Inet6 << 80;
    QTest::newRow("path") << "/tmp/x.sock" << 0 << "/tmp/x.sock" << AddressKind::UnixPath << 0;
    QTest::newRow("relative dot") << "./x.sock" << 0 << "./x.sock" << AddressKind::UnixPath << 0;
    QTest::newRow("relative unix family")
        << "x.sock" << AF_UNIX << "x.sock" << AddressKind::UnixPath << 0;
    QTest::newRow("path with colon unix family")
        << "127.0.0.1:80" << AF_UNIX << "127.0.0.1:80" << AddressKind::UnixPath << 0;
    QTest::newRow("abstract") << "@name" << 0 << "@name" << AddressKind::UnixAbstract << 0;
    QTest::newRow("abstract unix family")
        << "@a b" << AF_UNIX << "@a b" << AddressKind::UnixAbstract << 0;
    QTest::newRow("path max") << "/" + QString(106, QLatin1Char('p')) << AF_UNIX
                              << "/" + QString(106, QLatin1Char('p')) << AddressKind::UnixPath << 0;
}

void TestEndpoint::parseRoundTrip() {
    QFETCH(QString, input);
    QFETCH(int, family);
    QFETCH(QString, text);
    QFETCH(AddressKind, kind);
    QFETCH(int, port);

    auto e = Endpoint::parse(input.toStdString(), family);
    QVERIFY2(e.has_value(), e ? "" : e.error().message().c_str());
    QCOMPARE(e->kind(), kind);
    QCOMPARE(QString::fromStdString(e->toString()), text);
    QCOMPARE(int(e->port()), port);
    // The formatted text parses back to the same address.
    auto again = Endpoint::parse(e->toString(), e->family() == AF_UNIX ? AF_UNIX : 0);
    QVERIFY2(again.has_value(), again ? "" : again.error().message().c_str());
    QVERIFY(*again == *e);
    QCOMPARE(again->size(), e->size());
}

void TestEndpoint::parseErrors_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("message");

    const QString longPath = "/" + QString(129, QLatin1Char('a'));
    QTest::newRow("port range") << "127.0.0.1:70000" << 0
                                << R"(parse address "127.0.0.1:70000": )"
                                   "port 70000 out of range 0-65535";
    QTest::newRow("port nan") << "127.0.0.1:abc" << 0
                              << R"(parse address "127.0.0.1:abc": port 'abc' is not a number)";
    QTest::newRow("port negative")
        << "[::1]:-1" << 0 << R"(parse address "[::1]:-1": port '-1' is not a number)";
    QTest::newRow("port huge") << "1.2.3.4:99999999999999999999999" << 0
                               << R"(parse address "1.2.3.4:99999999999999999999999": )"
                                  "port 99999999999999999999999 out of range 0-65535";
    QTest::newRow("missing port") << "1.2.3.4:" << 0
                                  << R"(parse address "1.2.3.4:": missing port after ':')";
    QTest::newRow("missing host") << ":80" << 0
                                  << R"(parse address ":80": missing host before ':')";
    QTest::newRow("no bracket") << "[::1:80" << 0
                                << R"(parse address "[::1:80": missing ']' after IPv6 address)";
    QTest::newRow("after bracket")
        << "[::1]80" << 0 << R"(parse address "[::1]80": expected ':port' after ']', found '80')";
    QTest::newRow("v4 in brackets")
        << "[1.2.3.4]:80" << 0
        << R"(parse address "[1.2.3.4]:80": brackets are only for IPv6 addresses)";
    QTest::newRow("v4 for v6 family")
        << "1.2.3.4:80" << AF_INET6
        << R"(parse address "1.2.3.4:80": IPv4 address 1.2.3.4 for an IPv6 socket: )"
           "write ::ffff:1.2.3.4 or switch the family to IPv4";
    QTest::newRow("v6 for v4 family")
        << "[::1]:80" << AF_INET
        << R"(parse address "[::1]:80": IPv6 address ::1 for an IPv4 socket: )"
           "switch the family to IPv6";
    QTest::newRow("host name") << "example.com:80" << 0
                               << R"(parse address "example.com:80": 'example.com' is not a )"
                                  "numeric IP address (host names need resolving)";
    QTest::newRow("bad v4") << "1.2.3.256:1" << AF_INET
                            << R"(parse address "1.2.3.256:1": '1.2.3.256' is not a numeric )"
                               "IP address (host names need resolving)";
    QTest::newRow("unknown scope")
        << "[fe80::1%nosuch0]:80" << 0
        << R"(parse address "[fe80::1%nosuch0]:80": unknown interface 'nosuch0' in scope)";
    QTest::newRow("empty scope") << "[fe80::1%]:80" << 0
                                 << R"(parse address "[fe80::1%]:80": empty scope after '%')";
    QTest::newRow("scope on v4")
        << "1.2.3.4%lo:80" << 0
        << R"(parse address "1.2.3.4%lo:80": a scope ('%') applies only to IPv6 addresses)";
    QTest::newRow("empty") << "" << 0 << R"(parse address "": address is empty)";
    QTest::newRow("unix on inet") << "/tmp/x" << AF_INET
                                  << R"(parse address "/tmp/x": a Unix address needs the AF_UNIX )"
                                     "family";
    QTest::newRow("long path") << longPath << 0
                               << QString(R"(parse address "%1": Unix path is 130 bytes, )"
                                          "the limit is 107")
                                      .arg(longPath);
    QTest::newRow("long abstract")
        << "@" + QString(120, QLatin1Char('n')) << AF_UNIX
        << QString(R"(parse address "@%1": abstract name is 120 bytes, the limit is 107)")
               .arg(QString(120, QLatin1Char('n')));
    QTest::newRow("path 108") << "/" + QString(107, QLatin1Char('p')) << AF_UNIX
                              << QString(R"(parse address "/%1": Unix path is 108 bytes, )"
                                         "the limit is 107")
                                     .arg(QString(107, QLatin1Char('p')));
    QTest::newRow("packet family")
        << "eth0" << 17 << R"(parse address "eth0": family 17 has no text address form)";
}

void TestEndpoint::parseErrors() {
    QFETCH(QString, input);
    QFETCH(int, family);
    QFETCH(QString, message);

    auto e = Endpoint::parse(input.toStdString(), family);
    QVERIFY2(!e.has_value(), e ? e->toString().c_str() : "");
    QCOMPARE(QString::fromStdString(e.error().message()), message);
    QCOMPARE(QString::fromStdString(e.error().op), QStringLiteral("parse address"));
    QVERIFY(!e.error().code);
}

void TestEndpoint::ports_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("value"); // -1: error expected
    QTest::addColumn<QString>("detail");

    QTest::newRow("zero") << "0" << 0 << "";
    QTest::newRow("max") << "65535" << 65535 << "";
    QTest::newRow("leading zeros") << "00080" << 80 << "";
    QTest::newRow("over") << "65536" << -1 << "port 65536 out of range 0-65535";
    QTest::newRow("70000") << "70000" << -1 << "port 70000 out of range 0-65535";
    QTest::newRow("abc") << "abc" << -1 << "port 'abc' is not a number";
    QTest::newRow("plus") << "+80" << -1 << "port '+80' is not a number";
    QTest::newRow("space") << " 80" << -1 << "port ' 80' is not a number";
    QTest::newRow("empty") << "" << -1 << "port is empty";
}

void TestEndpoint::ports() {
    QFETCH(QString, input);
    QFETCH(int, value);
    QFETCH(QString, detail);

    auto p = socklab::parsePort(input.toStdString());
    if (value < 0) {
        QVERIFY(!p.has_value());
        QCOMPARE(QString::fromStdString(p.error().detail), detail);
        QCOMPARE(QString::fromStdString(p.error().message()),
                 QString(R"(parse port "%1": %2)").arg(input, detail));
    } else {
        QVERIFY2(p.has_value(), p ? "" : p.error().message().c_str());
        QCOMPARE(int(*p), value);
    }
}

void TestEndpoint::splitHostPort() {
    auto hp = socklab::splitHostPort("[fe80::1%eth0]:80");
    QVERIFY(hp.has_value());
    QCOMPARE(hp->host, std::string("fe80::1%eth0"));
    QCOMPARE(hp->port, std::string("80"));

    hp = socklab::splitHostPort("example.com:443");
    QVERIFY(hp.has_value());
    QCOMPARE(hp->host, std::string("example.com"));
    QCOMPARE(hp->port, std::string("443"));

    hp = socklab::splitHostPort("fe80::1");
    QVERIFY(hp.has_value());
    QCOMPARE(hp->host, std::string("fe80::1"));
    QVERIFY(hp->port.empty());

    hp = socklab::splitHostPort("host");
    QVERIFY(hp.has_value());
    QCOMPARE(hp->host, std::string("host"));
    QVERIFY(hp->port.empty());

    hp = socklab::splitHostPort(":8080");
    QVERIFY(hp.has_value());
    QVERIFY(hp->host.empty());
    QCOMPARE(hp->port, std::string("8080"));

    QVERIFY(!socklab::splitHostPort("[::1").has_value());
}

void TestEndpoint::unixLengths() {
    auto abs = Endpoint::unixAbstract("name");
    QVERIFY(abs.has_value());
    // The kernel takes the abstract name's length from socklen: no trailing NUL counted.
    QCOMPARE(abs->size(), kSunOff + 1 + 4);
    const auto* un = reinterpret_cast<const sockaddr_un*>(abs->data());
    QCOMPARE(int(un->sun_family), AF_UNIX);
    QCOMPARE(un->sun_path[0], '\0');
    QCOMPARE(std::memcmp(un->sun_path + 1, "name", 4), 0);
    QCOMPARE(abs->family(), AF_UNIX);
    QCOMPARE(abs->port(), std::uint16_t(0));

    auto path = Endpoint::unixPath("/tmp/s");
    QVERIFY(path.has_value());
    QCOMPARE(path->size(), kSunOff + 6 + 1);
    un = reinterpret_cast<const sockaddr_un*>(path->data());
    QCOMPARE(QByteArray(un->sun_path), QByteArray("/tmp/s"));

    auto longest = Endpoint::unixPath(std::string(107, 'x'));
    QVERIFY(longest.has_value());
    QCOMPARE(longest->size(), sizeof(sockaddr_un));
    QVERIFY(!Endpoint::unixPath(std::string(108, 'x')).has_value());
    QVERIFY(Endpoint::unixAbstract(std::string(107, 'x')).has_value());
    QVERIFY(!Endpoint::unixAbstract(std::string(108, 'x')).has_value());
    QVERIFY(!Endpoint::unixPath("").has_value());
    QVERIFY(!Endpoint::unixPath(std::string_view("a\0b", 3)).has_value());

    // setPort is a no-op off IP.
    path->setPort(80);
    QCOMPARE(path->port(), std::uint16_t(0));
}

void TestEndpoint::fromSockaddrShapes() {
    QVERIFY(Endpoint::fromSockaddr(nullptr, 0).empty());
    QCOMPARE(Endpoint().family(), 0);
    QCOMPARE(Endpoint().toString(), std::string());

    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    // accept/recvfrom report an unbound Unix peer with only the family.
    auto unnamed = Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&un), sizeof(sa_family_t));
    QCOMPARE(unnamed.kind(), AddressKind::UnixUnnamed);
    QCOMPARE(unnamed.family(), AF_UNIX);
    QCOMPARE(unnamed.size(), sizeof(sa_family_t));
    QCOMPARE(unnamed.toString(), std::string("(unnamed)"));

    // Abstract names may contain NULs; socklen says where they end.
    std::memcpy(un.sun_path, "\0ab\0c", 5);
    auto abs = Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&un), kSunOff + 5);
    QCOMPARE(abs.kind(), AddressKind::UnixAbstract);
    QCOMPARE(abs.toString(), std::string("@ab\0c", 5));
    QCOMPARE(abs.size(), kSunOff + 5);

    // A path given without its NUL is normalized to the kernel's getsockname length.
    std::memset(un.sun_path, 'z', sizeof un.sun_path);
    std::memcpy(un.sun_path, "/a/b", 4);
    auto path = Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&un), kSunOff + 4);
    QCOMPARE(path.kind(), AddressKind::UnixPath);
    QCOMPARE(path.toString(), std::string("/a/b"));
    QCOMPARE(path.size(), kSunOff + 5);
    QVERIFY(path == *Endpoint::unixPath("/a/b"));

    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(5353);
    in.sin_addr.s_addr = htonl(0xE00000FB);
    auto mc = Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&in), sizeof in);
    QCOMPARE(mc.toString(), std::string("224.0.0.251:5353"));
    QVERIFY(mc.isMulticast());
    QVERIFY(!mc.isLoopback());
    mc.setPort(9);
    QCOMPARE(mc.toString(), std::string("224.0.0.251:9"));

    // A truncated IPv4 address is not misread.
    QCOMPARE(Endpoint::fromSockaddr(reinterpret_cast<sockaddr*>(&in), 8).kind(),
             AddressKind::Other);

    // setSize after the kernel fills data(), as recvfrom does.
    Endpoint filled;
    std::memcpy(filled.data(), &in, sizeof in);
    filled.setSize(sizeof in);
    QCOMPARE(filled.kind(), AddressKind::Inet4);
    QVERIFY(filled == mc || filled.port() == 5353);
    QCOMPARE(filled.toString(), std::string("224.0.0.251:5353"));

    QCOMPARE(Endpoint::loopback4(1).toString(), std::string("127.0.0.1:1"));
    QCOMPARE(Endpoint::loopback6(2).toString(), std::string("[::1]:2"));
    QCOMPARE(Endpoint::any4(3).toString(), std::string("0.0.0.0:3"));
    QCOMPARE(Endpoint::any6(4).toString(), std::string("[::]:4"));
    QCOMPARE(Endpoint::loopback6(2).host(), std::string("::1"));
    QVERIFY(!(Endpoint::loopback4(1) == Endpoint::loopback4(2)));
    QVERIFY(!(Endpoint::loopback4(1) == Endpoint::any4(1)));
}

void TestEndpoint::classify_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("loopback");
    QTest::addColumn<bool>("multicast");

    QTest::newRow("127.0.0.1") << "127.0.0.1:1" << true << false;
    QTest::newRow("127.255.1.2") << "127.255.1.2:1" << true << false;
    QTest::newRow("10.0.0.1") << "10.0.0.1:1" << false << false;
    QTest::newRow("128.0.0.1") << "128.0.0.1:1" << false << false;
    QTest::newRow("224.0.0.1") << "224.0.0.1:1" << false << true;
    QTest::newRow("239.255.255.250") << "239.255.255.250:1" << false << true;
    QTest::newRow("240.0.0.1") << "240.0.0.1:1" << false << false;
    QTest::newRow("::1") << "[::1]:1" << true << false;
    QTest::newRow("::") << "[::]:1" << false << false;
    QTest::newRow("::2") << "[::2]:1" << false << false;
    QTest::newRow("mapped loopback") << "[::ffff:127.0.0.1]:1" << true << false;
    QTest::newRow("mapped multicast") << "[::ffff:224.0.0.5]:1" << false << true;
    QTest::newRow("mapped unicast") << "[::ffff:10.0.0.1]:1" << false << false;
    QTest::newRow("ff02::1") << "[ff02::1]:1" << false << true;
    QTest::newRow("fe80::1") << "[fe80::1]:1" << false << false;
    QTest::newRow("path") << "/tmp/x" << false << false;
}

void TestEndpoint::classify() {
    QFETCH(QString, input);
    QFETCH(bool, loopback);
    QFETCH(bool, multicast);
    auto e = Endpoint::parse(input.toStdString());
    QVERIFY(e.has_value());
    QCOMPARE(e->isLoopback(), loopback);
    QCOMPARE(e->isMulticast(), multicast);
}

QTEST_APPLESS_MAIN(TestEndpoint)
#include "test_endpoint.moc"
