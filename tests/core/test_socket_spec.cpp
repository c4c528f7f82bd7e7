// The socket catalog and probe(): every verdict is compared with a direct socket() call.
#include "core/base/error.h"
#include "core/net/socket_spec.h"

#include <QtTest/QtTest>
#include <cerrno>
#include <fstream>
#include <netinet/in.h>
#include <set>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace socklab;

namespace {

// The kernel's answer, obtained independently of the code under test.
int directSocketErrno(const SocketSpec& s) {
    const int fd = ::socket(s.family, s.type | SOCK_CLOEXEC, s.protocol);
    if (fd < 0) {
        return errno;
    }
    ::close(fd);
    return 0;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

class TestSocketSpec : public QObject {
    Q_OBJECT

private slots:
    void catalogEntriesAreComplete();
    void probeMatchesKernel_data();
    void probeMatchesKernel();
    void certainVerdicts();
    void lookupByCliWords_data();
    void lookupByCliWords();
    void lookupRejectsUnknown();
    void describeNamesAllThree();
    void explanationsAreSpecific();
    void permissionTextsNameTheCapability();
    void pingTextNamesRangeAndGid();
    void typeProperties();
};

void TestSocketSpec::catalogEntriesAreComplete() {
    QCOMPARE(families().size(), std::size_t(6));
    QCOMPARE(types().size(), std::size_t(6));
    QCOMPARE(protocols().size(), std::size_t(9));
    for (auto table : {families(), types(), protocols()}) {
        std::set<int> seen;
        for (const auto& e : table) {
            QVERIFY2(!e.name.empty() && !e.label.empty() && !e.explanation.empty(),
                     std::string(e.name).c_str());
            QVERIFY2(seen.insert(e.value).second, "duplicate value in catalog");
        }
    }
    QCOMPARE(protocolByName("mptcp")->value, 262);
}

void TestSocketSpec::probeMatchesKernel_data() {
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("protocol");
    for (const auto& f : families()) {
        for (const auto& t : types()) {
            for (const auto& p : protocols()) {
                QTest::addRow("%s/%s/%s", f.name.data(), t.name.data(), p.name.data())
                    << f.value << t.value << p.value;
            }
        }
    }
}

void TestSocketSpec::probeMatchesKernel() {
    QFETCH(int, family);
    QFETCH(int, type);
    QFETCH(int, protocol);
    const SocketSpec spec{family, type, protocol};
    const int kernelErr = directSocketErrno(spec);
    const ProbeVerdict v = probe(spec);
    QCOMPARE(v.ok, kernelErr == 0);
    QCOMPARE(v.err, kernelErr);
    QVERIFY(!v.summary.empty());
    QVERIFY2(!v.explanation.empty(), describe(spec).c_str());
    if (kernelErr != 0) {
        QCOMPARE(v.errnoName, errnoName(kernelErr));
        QCOMPARE(v.summary, errnoText(kernelErr));
        QVERIFY2(!v.remedy.empty(), describe(spec).c_str());
    } else {
        QCOMPARE(v.summary, std::string("Accepted by the kernel"));
        QVERIFY(v.errnoName.empty());
    }
    if (type == SOCK_PACKET) {
        QVERIFY2(contains(v.explanation, "obsolete") || contains(v.remedy, "AF_PACKET"),
                 v.explanation.c_str());
    }
}

void TestSocketSpec::certainVerdicts() {
    QVERIFY(probe({AF_INET, SOCK_STREAM, 0}).ok);
    const auto udpStream = probe({AF_INET, SOCK_STREAM, IPPROTO_UDP});
    QVERIFY(!udpStream.ok);
    QCOMPARE(udpStream.err, EPROTONOSUPPORT);
    QCOMPARE(udpStream.errnoName, std::string("EPROTONOSUPPORT"));
    QVERIFY(contains(udpStream.explanation, "IPPROTO_UDP"));
    QVERIFY(probe({AF_UNIX, SOCK_SEQPACKET, 0}).ok);
    const auto unspec = probe({AF_UNSPEC, SOCK_STREAM, 0});
    QCOMPARE(unspec.err, EAFNOSUPPORT);
    QVERIFY(contains(unspec.explanation, "AF_UNSPEC"));
    const auto rawZero = probe({AF_INET, SOCK_RAW, 0});
    QVERIFY(!rawZero.ok); // EPROTONOSUPPORT as root, EPERM without CAP_NET_RAW
    const auto unixUdp = probe({AF_UNIX, SOCK_STREAM, IPPROTO_UDP});
    QCOMPARE(unixUdp.err, EPROTONOSUPPORT);
    QVERIFY(contains(unixUdp.explanation, "AF_UNIX"));
}

void TestSocketSpec::lookupByCliWords_data() {
    QTest::addColumn<int>("kind"); // 0 family, 1 type, 2 protocol
    QTest::addColumn<QString>("word");
    QTest::addColumn<int>("expected");
    const std::pair<const char*, int> fams[] = {
        {"inet", AF_INET},     {"inet6", AF_INET6},    {"ipv4", AF_INET},     {"ipv6", AF_INET6},
        {"unix", AF_UNIX},     {"local", AF_UNIX},     {"packet", AF_PACKET}, {"tipc", AF_TIPC},
        {"unspec", AF_UNSPEC}, {"AF_INET6", AF_INET6}, {"af_unix", AF_UNIX},  {"IPv4", AF_INET},
        {"10", AF_INET6},      {" inet ", AF_INET},
    };
    for (const auto& [w, v] : fams) {
        QTest::addRow("family %s", w) << 0 << QString::fromLatin1(w) << v;
    }
    const std::pair<const char*, int> typs[] = {
        {"stream", SOCK_STREAM}, {"dgram", SOCK_DGRAM},         {"datagram", SOCK_DGRAM},
        {"raw", SOCK_RAW},       {"seqpacket", SOCK_SEQPACKET}, {"packet", SOCK_PACKET},
        {"rdm", SOCK_RDM},       {"SOCK_STREAM", SOCK_STREAM},  {"2", SOCK_DGRAM},
    };
    for (const auto& [w, v] : typs) {
        QTest::addRow("type %s", w) << 1 << QString::fromLatin1(w) << v;
    }
    const std::pair<const char*, int> protos[] = {
        {"tcp", IPPROTO_TCP},
        {"udp", IPPROTO_UDP},
        {"sctp", IPPROTO_SCTP},
        {"udplite", IPPROTO_UDPLITE},
        {"mptcp", 262},
        {"icmp", IPPROTO_ICMP},
        {"icmpv6", IPPROTO_ICMPV6},
        {"default", 0},
        {"0", 0},
        {"raw", IPPROTO_RAW},
        {"IPPROTO_TCP", IPPROTO_TCP},
        {"TCP", IPPROTO_TCP},
        {"17", IPPROTO_UDP},
    };
    for (const auto& [w, v] : protos) {
        QTest::addRow("protocol %s", w) << 2 << QString::fromLatin1(w) << v;
    }
}

void TestSocketSpec::lookupByCliWords() {
    QFETCH(int, kind);
    QFETCH(QString, word);
    QFETCH(int, expected);
    const std::string w = word.toStdString();
    const CatalogEntry* e = kind == 0   ? familyByName(w)
                            : kind == 1 ? typeByName(w)
                                        : protocolByName(w);
    QVERIFY2(e != nullptr, w.c_str());
    QCOMPARE(e->value, expected);
}

void TestSocketSpec::lookupRejectsUnknown() {
    QVERIFY(familyByName("") == nullptr);
    QVERIFY(familyByName("appletalk") == nullptr);
    QVERIFY(familyByName("999") == nullptr);
    QVERIFY(typeByName("tcp") == nullptr);
    QVERIFY(protocolByName("stream") == nullptr);
    QVERIFY(protocolByName("12abc") == nullptr);
    QVERIFY(findFamily(AF_INET) != nullptr);
    QVERIFY(findType(12345) == nullptr);
}

void TestSocketSpec::describeNamesAllThree() {
    QCOMPARE(describe({AF_INET, SOCK_STREAM, IPPROTO_TCP}),
             std::string("AF_INET, SOCK_STREAM, IPPROTO_TCP"));
    QCOMPARE(describe({AF_INET6, SOCK_DGRAM, 0}), std::string("AF_INET6, SOCK_DGRAM, 0 (default)"));
    QCOMPARE(describe({99, 77, 55}), std::string("family 99, type 77, protocol 55"));
}

void TestSocketSpec::explanationsAreSpecific() {
    // Same errno, different combinations: the texts must say different things.
    const auto a = explainOutcome({AF_INET, SOCK_STREAM, IPPROTO_UDP}, EPROTONOSUPPORT);
    const auto b = explainOutcome({AF_INET, SOCK_DGRAM, IPPROTO_TCP}, EPROTONOSUPPORT);
    const auto c = explainOutcome({AF_UNIX, SOCK_DGRAM, IPPROTO_TCP}, EPROTONOSUPPORT);
    QVERIFY(a.explanation != b.explanation && b.explanation != c.explanation);
    QVERIFY(contains(b.remedy, "SOCK_STREAM"));
    const auto seq = explainOutcome({AF_INET, SOCK_SEQPACKET, 0}, ESOCKTNOSUPPORT);
    QVERIFY(contains(seq.explanation, "SCTP"));
    const auto rdm = explainOutcome({AF_INET6, SOCK_RDM, 0}, ESOCKTNOSUPPORT);
    QVERIFY(contains(rdm.explanation, "TIPC"));
    const auto tipc = explainOutcome({AF_TIPC, SOCK_RDM, 0}, EAFNOSUPPORT);
    QVERIFY(contains(tipc.explanation, "module") && contains(tipc.remedy, "modprobe tipc"));
    const auto pkt6 = explainOutcome({AF_INET6, SOCK_PACKET, 0}, ESOCKTNOSUPPORT);
    QVERIFY(contains(pkt6.explanation, "obsolete") && contains(pkt6.remedy, "AF_PACKET"));
    const auto rawOk = explainOutcome({AF_INET, SOCK_RAW, IPPROTO_ICMP}, 0);
    QVERIFY(rawOk.ok && contains(rawOk.explanation, "ICMP"));
    const auto unixRaw = explainOutcome({AF_UNIX, SOCK_RAW, 0}, 0);
    QVERIFY(contains(unixRaw.explanation, "SOCK_DGRAM"));
    const auto etherType = explainOutcome({AF_PACKET, SOCK_RAW, IPPROTO_UDP}, 0);
    QVERIFY2(contains(etherType.explanation, "0x1100"), etherType.explanation.c_str());
    const auto inval = explainOutcome({AF_INET, 42, 0}, EINVAL);
    QCOMPARE(inval.errnoName, std::string("EINVAL"));
    QVERIFY(!inval.explanation.empty() && !inval.remedy.empty());
    const auto proto = explainOutcome({AF_INET, SOCK_STREAM, IPPROTO_UDP}, EPROTOTYPE);
    QVERIFY(contains(proto.explanation, "wrong kind"));
}

void TestSocketSpec::permissionTextsNameTheCapability() {
    for (const SocketSpec s :
         {SocketSpec{AF_INET, SOCK_RAW, IPPROTO_ICMP}, SocketSpec{AF_INET6, SOCK_RAW, IPPROTO_RAW},
          SocketSpec{AF_PACKET, SOCK_RAW, 0}}) {
        const auto v = explainOutcome(s, EPERM);
        QVERIFY2(contains(v.explanation, "CAP_NET_RAW"), v.explanation.c_str());
        QVERIFY2(contains(v.remedy, "root") || contains(v.remedy, "setcap"), v.remedy.c_str());
    }
    const auto old = explainOutcome({AF_INET, SOCK_PACKET, 0}, EPERM);
    QVERIFY(contains(old.explanation, "obsolete") && contains(old.remedy, "AF_PACKET"));
    // Without the privilege the real probe must say the same.
    const auto real = probe({AF_INET, SOCK_RAW, IPPROTO_ICMP});
    if (!real.ok) {
        QCOMPARE(real.err, EPERM);
        QVERIFY(contains(real.explanation, "CAP_NET_RAW"));
    }
}

void TestSocketSpec::pingTextNamesRangeAndGid() {
    std::ifstream in("/proc/sys/net/ipv4/ping_group_range");
    long long low = 0;
    long long high = 0;
    if (!(in >> low >> high)) {
        QSKIP("no /proc/sys/net/ipv4/ping_group_range on this kernel");
    }
    const std::string range = std::to_string(low) + " " + std::to_string(high);
    const std::string gid = "gid is " + std::to_string(getegid());
    const auto v = explainOutcome({AF_INET, SOCK_DGRAM, IPPROTO_ICMP}, EACCES);
    QVERIFY2(contains(v.explanation, "ping_group_range is " + range), v.explanation.c_str());
    QVERIFY2(contains(v.explanation, gid), v.explanation.c_str());
    QVERIFY(contains(v.remedy, "sysctl"));
    const auto real = probe({AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6});
    if (!real.ok && real.err == EACCES) {
        QVERIFY(contains(real.explanation, "ping_group_range is " + range));
    }
}

void TestSocketSpec::typeProperties() {
    QVERIFY(isStreamType(SOCK_STREAM));
    QVERIFY(!isStreamType(SOCK_SEQPACKET));
    QVERIFY(isDatagramType(SOCK_DGRAM) && isDatagramType(SOCK_RAW) && isDatagramType(SOCK_RDM));
    QVERIFY(!isDatagramType(SOCK_SEQPACKET));
    QVERIFY(isMessageType(SOCK_SEQPACKET) && !isMessageType(SOCK_STREAM));
}

QTEST_APPLESS_MAIN(TestSocketSpec)
#include "test_socket_spec.moc"
