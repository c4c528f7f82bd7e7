#include "core/net/resolver.h"

#include <QRegularExpression>
#include <QTest>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

using socklab::AddressKind;
using socklab::Endpoint;

class TestResolver : public QObject {
    Q_OBJECT

private slots:
    void portlessSocketsGetPortZero() {
        const socklab::SocketSpec icmp{AF_INET, SOCK_DGRAM, IPPROTO_ICMP};
        const socklab::SocketSpec raw6{AF_INET6, SOCK_RAW, IPPROTO_ICMPV6};
        const socklab::SocketSpec udp{AF_INET, SOCK_DGRAM, IPPROTO_UDP};
        const socklab::SocketSpec unixDgram{AF_UNIX, SOCK_DGRAM, 0};
        QCOMPARE(socklab::withPortForPortless("127.0.0.1", icmp), std::string("127.0.0.1:0"));
        QCOMPARE(socklab::withPortForPortless("127.0.0.1:0", icmp), std::string("127.0.0.1:0"));
        QCOMPARE(socklab::withPortForPortless("localhost", icmp), std::string("localhost:0"));
        QCOMPARE(socklab::withPortForPortless("::1", raw6), std::string("[::1]:0"));
        QCOMPARE(socklab::withPortForPortless("[::1]", raw6), std::string("[::1]:0"));
        QCOMPARE(socklab::withPortForPortless("[::1]:0", raw6), std::string("[::1]:0"));
        QCOMPARE(socklab::withPortForPortless("", icmp), std::string());
        // Ported sockets keep what was typed, so a missing port is still reported.
        QCOMPARE(socklab::withPortForPortless("127.0.0.1", udp), std::string("127.0.0.1"));
        QCOMPARE(socklab::withPortForPortless("/tmp/x", unixDgram), std::string("/tmp/x"));
        QVERIFY(socklab::parseForFamily(socklab::withPortForPortless("127.0.0.1", icmp), AF_INET));
        QVERIFY(!socklab::parseForFamily(socklab::withPortForPortless("127.0.0.1", udp), AF_INET));
    }

    void localhostIsLoopback();
    void localhostPerFamily();
    void numericNeedsNoDns_data();
    void numericNeedsNoDns();
    void numericResolvesWithoutResolver();
    void passiveWildcard();
    void unixPassesThrough();
    void invalidNameFails();
    void badPort();
    void parseForFamily_data();
    void parseForFamily();
    void eaiNames();
};

void TestResolver::localhostIsLoopback() {
    auto r = socklab::resolveBlocking("localhost:80", 0, SOCK_STREAM, false);
    QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
    QVERIFY(!r->empty());
    for (const Endpoint& e : *r) {
        QVERIFY2(e.isLoopback(), e.toString().c_str());
        QCOMPARE(e.port(), std::uint16_t(80));
        QVERIFY(e.kind() == AddressKind::Inet4 || e.kind() == AddressKind::Inet6);
    }
    // One entry per address even without a socket type (getaddrinfo lists one per type).
    auto any = socklab::resolveBlocking("localhost:80", 0, 0, false);
    QVERIFY(any.has_value());
    QCOMPARE(any->size(), r->size());
}

void TestResolver::localhostPerFamily() {
    auto v4 = socklab::resolveBlocking("localhost:7", AF_INET, SOCK_DGRAM, false);
    QVERIFY2(v4.has_value(), v4 ? "" : v4.error().message().c_str());
    QVERIFY(!v4->empty());
    for (const Endpoint& e : *v4) {
        QCOMPARE(e.kind(), AddressKind::Inet4);
        QVERIFY(e.isLoopback());
    }
}

void TestResolver::numericNeedsNoDns_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("family");
    QTest::addColumn<bool>("needs");

    QTest::newRow("v4") << "127.0.0.1:80" << 0 << false;
    QTest::newRow("v4 bare") << "192.0.2.7" << AF_INET << false;
    QTest::newRow("v6") << "[::1]:80" << 0 << false;
    QTest::newRow("v6 bare") << "fe80::1" << AF_INET6 << false;
    QTest::newRow("v6 scope") << "[fe80::1%lo]:80" << 0 << false;
    QTest::newRow("path") << "/tmp/s" << 0 << false;
    QTest::newRow("abstract") << "@s" << 0 << false;
    QTest::newRow("unix family") << "localhost" << AF_UNIX << false;
    QTest::newRow("empty") << "" << 0 << false;
    QTest::newRow("localhost") << "localhost:80" << 0 << true;
    QTest::newRow("invalid") << "nosuch.invalid" << AF_INET << true;
    QTest::newRow("bad v4 is a name") << "1.2.3.999:1" << 0 << true;
}

void TestResolver::numericNeedsNoDns() {
    QFETCH(QString, text);
    QFETCH(int, family);
    QFETCH(bool, needs);
    QCOMPARE(socklab::needsResolution(text.toStdString(), family), needs);
}

void TestResolver::numericResolvesWithoutResolver() {
    // A documentation address resolves to itself.
    auto r = socklab::resolveBlocking("192.0.2.7:9", 0, SOCK_STREAM, false);
    QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
    QCOMPARE(r->size(), std::size_t(1));
    QCOMPARE(r->front().toString(), std::string("192.0.2.7:9"));

    r = socklab::resolveBlocking("[fe80::1%lo]:80", AF_INET6, SOCK_DGRAM, false);
    QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
    QCOMPARE(r->size(), std::size_t(1));
    QCOMPARE(r->front().toString(), std::string("[fe80::1%lo]:80"));

    // The family mismatch is reported by the parser (getaddrinfo would say EAI_ADDRFAMILY or
    // EAI_NONAME): proof that numeric input is not handed to the resolver.
    r = socklab::resolveBlocking("192.0.2.7:9", AF_INET6, SOCK_STREAM, false);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().op, std::string("parse address"));
    QVERIFY(r.error().message().find("::ffff:192.0.2.7") != std::string::npos);
}

void TestResolver::passiveWildcard() {
    auto r = socklab::resolveBlocking(":8080", AF_INET, SOCK_STREAM, true);
    QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
    QCOMPARE(r->size(), std::size_t(1));
    QCOMPARE(r->front().toString(), std::string("0.0.0.0:8080"));

    r = socklab::resolveBlocking(":0", AF_INET6, SOCK_DGRAM, true);
    QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
    QCOMPARE(r->front().toString(), std::string("[::]:0"));
}

void TestResolver::unixPassesThrough() {
    auto r = socklab::resolveBlocking("@abc", 0, SOCK_STREAM, false);
    QVERIFY(r.has_value());
    QCOMPARE(r->size(), std::size_t(1));
    QCOMPARE(r->front().kind(), AddressKind::UnixAbstract);

    r = socklab::resolveBlocking("rel.sock", AF_UNIX, SOCK_DGRAM, true);
    QVERIFY(r.has_value());
    QCOMPARE(r->front().kind(), AddressKind::UnixPath);
    QCOMPARE(r->front().toString(), std::string("rel.sock"));
}

void TestResolver::invalidNameFails() {
    // RFC 6761: .invalid never resolves. Without network the stub resolver may answer
    // EAI_AGAIN instead of EAI_NONAME; either way the EAI name and gai_strerror text appear.
    auto r = socklab::resolveBlocking("nosuch.invalid:80", 0, SOCK_STREAM, false);
    QVERIFY(!r.has_value());
    const socklab::Error& e = r.error();
    QCOMPARE(e.op, std::string("resolve"));
    QCOMPARE(e.object, std::string("nosuch.invalid:80"));
    const QString msg = QString::fromStdString(e.message());
    QVERIFY2(
        QRegularExpression(QStringLiteral(R"(^resolve nosuch\.invalid:80: .+ \(EAI_[A-Z]+\)$)"))
            .match(msg)
            .hasMatch(),
        qPrintable(msg));
    if (msg.contains(QLatin1String("EAI_NONAME"))) {
        QCOMPARE(msg, QString("resolve nosuch.invalid:80: %1 (EAI_NONAME)")
                          .arg(QString::fromUtf8(gai_strerror(EAI_NONAME))));
    }
}

void TestResolver::badPort() {
    auto r = socklab::resolveBlocking("localhost:70000", 0, SOCK_STREAM, false);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().message(), std::string("resolve localhost:70000: port 70000 out of range "
                                              "0-65535"));
    r = socklab::resolveBlocking("localhost:http", 0, SOCK_STREAM, false);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().message(),
             std::string("resolve localhost:http: port 'http' is not a number"));
}

void TestResolver::parseForFamily_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("family");
    QTest::addColumn<QString>("result"); // toString() on success
    QTest::addColumn<QString>("error");  // message() on failure

    QTest::newRow("v4") << "127.0.0.1:80" << AF_INET << "127.0.0.1:80"
                        << "";
    QTest::newRow("v6") << "[::1]:0" << AF_INET6 << "[::1]:0"
                        << "";
    QTest::newRow("mapped") << "[::ffff:10.0.0.1]:5" << AF_INET6 << "[::ffff:10.0.0.1]:5"
                            << "";
    QTest::newRow("path") << "/run/x.sock" << AF_UNIX << "/run/x.sock"
                          << "";
    QTest::newRow("abstract") << "@x" << AF_UNIX << "@x"
                              << "";
    QTest::newRow("v4 on v6")
        << "10.0.0.1:80" << AF_INET6 << ""
        << R"(parse address "10.0.0.1:80": IPv4 address 10.0.0.1 for an IPv6 socket: )"
           "write ::ffff:10.0.0.1 or switch the family to IPv4";
    QTest::newRow("name") << "localhost:80" << AF_INET << ""
                          << R"(parse address "localhost:80": 'localhost' is not a numeric )"
                             "address: write a.b.c.d:port (host names are resolved when "
                             "connecting)";
    QTest::newRow("no port v4") << "127.0.0.1" << AF_INET << ""
                                << R"(parse address "127.0.0.1": missing port: write )"
                                   "a.b.c.d:port";
    QTest::newRow("no port v6") << "::1" << AF_INET6 << ""
                                << R"(parse address "::1": missing port: write [v6addr]:port)";
    QTest::newRow("bad port") << "127.0.0.1:99999" << AF_INET << ""
                              << R"(parse address "127.0.0.1:99999": port 99999 out of range )"
                                 "0-65535";
    QTest::newRow("empty unix") << "" << AF_UNIX << ""
                                << R"(parse address "": type a Unix path or @name for an )"
                                   "abstract address";
    QTest::newRow("empty v4") << "" << AF_INET << ""
                              << R"(parse address "": address is empty: write a.b.c.d:port)";
    QTest::newRow("path on inet") << "/tmp/x" << AF_INET << ""
                                  << R"(parse address "/tmp/x": a Unix address needs the )"
                                     "AF_UNIX family";
}

void TestResolver::parseForFamily() {
    QFETCH(QString, text);
    QFETCH(int, family);
    QFETCH(QString, result);
    QFETCH(QString, error);
    auto r = socklab::parseForFamily(text.toStdString(), family);
    if (error.isEmpty()) {
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(QString::fromStdString(r->toString()), result);
        QCOMPARE(r->family(), family);
    } else {
        QVERIFY2(!r.has_value(), r ? r->toString().c_str() : "");
        QCOMPARE(QString::fromStdString(r.error().message()), error);
    }
}

void TestResolver::eaiNames() {
    QCOMPARE(socklab::eaiName(EAI_NONAME), std::string("EAI_NONAME"));
    QCOMPARE(socklab::eaiName(EAI_AGAIN), std::string("EAI_AGAIN"));
    QCOMPARE(socklab::eaiName(EAI_SERVICE), std::string("EAI_SERVICE"));
    QCOMPARE(socklab::eaiName(12345), std::string("EAI_?12345"));
}

QTEST_APPLESS_MAIN(TestResolver)
#include "test_resolver.moc"
