// Exporters: pcapng files are read back by tshark (an independent implementation), text
// exports are compared literally.
#include "core/capture/exporters.h"
#include "core/capture/record_text.h"
#include "core/support/bytes.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'123'456'789;

std::string patternText(std::size_t n, char seed) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        s[i] = static_cast<char>(seed + (i * 13 + i / 251) % 64);
    }
    return s;
}

std::string toHex(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out;
}

std::string readFile(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs tshark with args; returns stdout lines (empty lines dropped).
QStringList tshark(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral("tshark"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning("tshark %s failed: %s", qPrintable(args.join(' ')),
                 p.readAllStandardError().constData());
        return {QStringLiteral("<tshark failed>")};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
}

// `-z follow,tcp,raw,N`: lines of hex; the second node's lines are indented with a tab.
struct Follow {
    QString node0;
    QString node1;
    std::string fromNode0;
    std::string fromNode1;
};

Follow followTcp(const QString& file, int stream) {
    Follow f;
    const QStringList lines =
        tshark({"-r", file, "-q", "-z", QStringLiteral("follow,tcp,raw,%1").arg(stream)});
    QString hex0, hex1;
    bool body = false;
    for (const QString& line : lines) {
        if (line.startsWith("Node 0: ")) {
            f.node0 = line.mid(8).trimmed();
            body = true;
            continue;
        }
        if (line.startsWith("Node 1: ")) {
            f.node1 = line.mid(8).trimmed();
            continue;
        }
        if (!body || line.startsWith("=")) {
            continue;
        }
        (line.startsWith('\t') ? hex1 : hex0) += line.trimmed();
    }
    const QByteArray b0 = QByteArray::fromHex(hex0.toLatin1());
    const QByteArray b1 = QByteArray::fromHex(hex1.toLatin1());
    f.fromNode0.assign(b0.constData(), static_cast<std::size_t>(b0.size()));
    f.fromNode1.assign(b1.constData(), static_cast<std::size_t>(b1.size()));
    return f;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable("tshark").isEmpty()) {
            m_haveTshark = false;
        }
    }

    void pcapngTcpConversationReassembles() {
        if (!m_haveTshark) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TrafficStore store;
        const Endpoint server = Endpoint::loopback4(8080);
        const std::string request = "GET / HTTP/1.0\r\n\r\n";
        const std::string response = patternText(100000, 'A'); // > one synthesized segment
        const std::string tail = "bye";
        store.appendEvent(0, RecordKind::Connecting, "", 0, &server);
        store.appendEvent(0, RecordKind::Connected, "", 0, &server);
        store.appendData(0, Direction::Out, asBytes(request), nullptr, 0, 0, kT0);
        store.appendData(0, Direction::In, asBytes(response), nullptr, 0, 0, kT0 + 1000);
        store.appendData(0, Direction::Out, asBytes(tail), nullptr, 0, 0, kT0 + 2000);
        store.appendEvent(0, RecordKind::PeerClosed, "");
        store.appendEvent(0, RecordKind::Closed, "");

        const QString file = dir.filePath("tcp.pcapng");
        PcapngOptions opt;
        opt.local = Endpoint::loopback4(40000);
        const auto summary = exportPcapng(store, file.toStdString(), opt);
        QVERIFY2(summary, summary ? "" : summary.error().message().c_str());
        // SYN, SYN-ACK, ACK, request, 2 response segments, tail, FIN from peer, our FIN.
        QCOMPARE(summary->packets, 9u);
        QCOMPARE(summary->records, 7u);
        QCOMPARE(summary->skippedNoAddress, 0u);

        const QStringList rows =
            tshark({"-r", file, "-T", "fields", "-E", "separator=,", "-e", "ip.src", "-e",
                    "tcp.srcport", "-e", "ip.dst", "-e", "tcp.dstport", "-e", "tcp.len"});
        QCOMPARE(rows.size(), 9);
        QCOMPARE(rows[0], QStringLiteral("127.0.0.1,40000,127.0.0.1,8080,0")); // SYN
        QCOMPARE(rows[1], QStringLiteral("127.0.0.1,8080,127.0.0.1,40000,0"));
        QCOMPARE(rows[3], QStringLiteral("127.0.0.1,40000,127.0.0.1,8080,18"));
        QCOMPARE(rows[4], QStringLiteral("127.0.0.1,8080,127.0.0.1,40000,65000"));
        QCOMPARE(rows[5], QStringLiteral("127.0.0.1,8080,127.0.0.1,40000,35000"));
        const QStringList flags = tshark({"-r", file, "-T", "fields", "-e", "tcp.flags.str"});
        QVERIFY2(flags[0].contains("S") && !flags[0].contains("A"), qPrintable(flags[0]));
        QVERIFY2(flags[7].contains("F"), qPrintable(flags[7]));
        QVERIFY2(flags[8].contains("F"), qPrintable(flags[8]));
        // Our timestamps, to the nanosecond.
        const QStringList times =
            tshark({"-r", file, "-T", "fields", "-e", "frame.time_epoch", "-Y", "tcp.len > 0"});
        QCOMPARE(times.value(0), QStringLiteral("1700000000.123456789"));
        // Consistent sequence numbers: no lost/retransmitted/out-of-order complaints, and
        // checksums that validate.
        QCOMPARE(
            tshark({"-r", file, "-Y", "tcp.analysis.flags && !tcp.analysis.window_update"}).size(),
            0);
        QCOMPARE(
            tshark({"-r", file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                    "-Y", "tcp.checksum.status == 2 || ip.checksum.status == 2"})
                .size(),
            0);

        const Follow f = followTcp(file, 0);
        QCOMPARE(f.node0, QStringLiteral("127.0.0.1:40000"));
        QCOMPARE(f.node1, QStringLiteral("127.0.0.1:8080"));
        QCOMPARE(f.fromNode0, request + tail);
        QCOMPARE(f.fromNode1.size(), response.size());
        QVERIFY(f.fromNode1 == response);
    }

    void pcapngTcpAcceptedIpv6() {
        if (!m_haveTshark) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        TrafficStore store;
        const Endpoint client = Endpoint::loopback6(50123);
        const std::string hello = "hello over v6\n";
        store.appendEvent(0, RecordKind::Listening, "[::1]:9000");
        store.appendEvent(3, RecordKind::Accepted, "", 0, &client);
        store.appendData(3, Direction::In, asBytes(hello));
        store.appendData(3, Direction::Out, asBytes(hello)); // echo
        store.appendEvent(3, RecordKind::Reset, "", ECONNRESET, nullptr, RecordFlag::Remote);
        const QString file = dir.filePath("v6.pcapng");
        PcapngOptions opt;
        opt.local = Endpoint::loopback6(9000);
        const auto summary = exportPcapng(store, file.toStdString(), opt);
        QVERIFY2(summary, summary ? "" : summary.error().message().c_str());
        QCOMPARE(summary->packets, 6u); // handshake, 2 data, RST

        const QStringList rows =
            tshark({"-r", file, "-T", "fields", "-E", "separator=,", "-e", "ipv6.src", "-e",
                    "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.flags.reset"});
        QCOMPARE(rows.size(), 6);
        QCOMPARE(rows[0], QStringLiteral("::1,50123,9000,0")); // the peer opened
        QCOMPARE(rows[5], QStringLiteral("::1,50123,9000,1")); // and reset
        const Follow f = followTcp(file, 0);
        QCOMPARE(f.node0, QStringLiteral("[::1]:50123"));
        QCOMPARE(f.fromNode0, hello);
        QCOMPARE(f.fromNode1, hello);
    }

    void pcapngUdpDatagrams() {
        if (!m_haveTshark) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        TrafficStore store;
        const Endpoint a = Endpoint::loopback4(47001);
        const Endpoint b = Endpoint::loopback4(47002);
        const auto unixPeer = Endpoint::unixPath(dir.filePath("peer.sock").toStdString());
        QVERIFY(unixPeer);
        store.appendEvent(0, RecordKind::Bound, "127.0.0.1:47000");
        store.appendData(0, Direction::In, asBytes("one"), &a);
        store.appendData(0, Direction::Out, asBytes("two!"), &a);
        store.appendData(0, Direction::In, asBytes(""), &b); // empty datagram
        store.appendData(0, Direction::In, asBytes("unix"), &*unixPeer);
        store.appendData(0, Direction::Out, asBytes("three"), &b);
        const QString file = dir.filePath("udp.pcapng");
        PcapngOptions opt;
        opt.transport = PcapTransport::Udp;
        opt.local = Endpoint::loopback4(47000);
        const auto summary = exportPcapng(store, file.toStdString(), opt);
        QVERIFY2(summary, summary ? "" : summary.error().message().c_str());
        QCOMPARE(summary->packets, 4u);
        QCOMPARE(summary->skippedNoAddress, 1u);

        const QStringList rows =
            tshark({"-r", file, "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E",
                    "separator=,", "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.length",
                    "-e", "udp.payload", "-e", "udp.checksum.status"});
        const QStringList expected = {
            QStringLiteral("47001,47000,11,%1,1").arg(toHex("one").c_str()),
            QStringLiteral("47000,47001,12,%1,1").arg(toHex("two!").c_str()),
            QStringLiteral("47002,47000,8,,1"),
            QStringLiteral("47000,47002,13,%1,1").arg(toHex("three").c_str()),
        };
        QCOMPARE(rows, expected);
    }

    void pcapngEvictedBytesAreCountedNotInvented() {
        if (!m_haveTshark) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        TrafficStore::Config cfg;
        cfg.chunkBytes = 4096;
        cfg.memoryCapBytes = 8192;
        cfg.policy = OverflowPolicy::DropOldest;
        TrafficStore store(cfg);
        const Endpoint peer = Endpoint::loopback4(7);
        const std::string block = patternText(1000, 'a');
        store.appendEvent(0, RecordKind::Connected, "", 0, &peer);
        for (int i = 0; i < 40; ++i) {
            store.appendData(0, Direction::In, asBytes(block), &peer);
        }
        const QString file = dir.filePath("evicted.pcapng");
        const auto summary = exportPcapng(store, file.toStdString());
        QVERIFY(summary);
        std::uint64_t available = 0;
        for (const Record& r : store.records(1, 100)) {
            available += store.bytesAvailable(r) ? 1 : 0;
        }
        QVERIFY(summary->evictedRecords > 0);
        QCOMPARE(summary->evictedRecords + available, 40u);
        QCOMPARE(summary->packets, available + 3); // + handshake
        QCOMPARE(tshark({"-r", file}).size(), static_cast<qsizetype>(available + 3));
        QCOMPARE(tshark({"-r", file, "-Y", "tcp.analysis.lost_segment"}).size(), 1);
        // The gap stays in sequence space: the last segment ends 40000 bytes after the SYN.
        const QStringList next = tshark({"-r", file, "-T", "fields", "-e", "tcp.nxtseq"});
        QCOMPARE(next.last(), QStringLiteral("40001")); // the SYN takes relative seq 0
    }

    void exportErrorsNameOperationAndPath() {
        TrafficStore store;
        store.appendData(0, Direction::In, asBytes(patternText(300000, '0')));
        const auto full = exportPcapng(store, "/dev/full");
        QVERIFY(!full);
        QCOMPARE(full.error().message(),
                 std::string("export pcapng /dev/full: No space left on device (ENOSPC)"));
        const auto hex = exportHexdump(store, "/dev/full");
        QVERIFY(!hex);
        QCOMPARE(hex.error().sysErrno(), ENOSPC);
        QVERIFY(hex.error().message().starts_with("export hexdump /dev/full: "));
        const auto missing = exportTextLog(store, "/nonexistent-dir/x.log");
        QVERIFY(!missing);
        QCOMPARE(missing.error().message(),
                 std::string("export text log /nonexistent-dir/x.log: No such file or directory "
                             "(ENOENT)"));
    }

    void hexdumpAndTextLog() {
        QTemporaryDir dir;
        TrafficStore store;
        const Endpoint peer = Endpoint::loopback4(8080);
        store.appendEvent(0, RecordKind::Connected, "connected", 0, &peer);
        store.appendData(0, Direction::In, asBytes("Hello, World!\r\n\x01\xff tail"), &peer,
                         RecordFlag::Oob, 0, kT0);
        const QString hexFile = dir.filePath("dump.txt");
        const auto h = exportHexdump(store, hexFile.toStdString());
        QVERIFY(h);
        QCOMPARE(h->packets, 2u);
        const std::string dump = readFile(hexFile);
        const std::string expectedData =
            "#1 2023-11-14T22:13:20.123456789Z In conn 0 peer 127.0.0.1:8080 len 22 flags OOB\n"
            "00000000: 4865 6c6c 6f2c 2057 6f72 6c64 210d 0a01  Hello, World!...\n"
            "00000010: ff20 7461 696c                           . tail\n";
        QVERIFY2(dump.ends_with(expectedData), dump.c_str());
        QVERIFY2(dump.starts_with("#0 "), dump.c_str());
        QVERIFY2(dump.find(" connected conn 0 peer 127.0.0.1:8080 \"connected\"\n") !=
                     std::string::npos,
                 dump.c_str());

        const QString logFile = dir.filePath("log.txt");
        TextExportOptions opt;
        opt.maxBytesPerRecord = 16;
        QVERIFY(exportTextLog(store, logFile.toStdString(), opt));
        const std::string log = readFile(logFile);
        QVERIFY2(log.ends_with("2023-11-14T22:13:20.123456789Z conn 0 In 127.0.0.1:8080 [OOB] 22 "
                               "bytes: Hello, World!\\r\\n\\x01 ...(+6 bytes)\n"),
                 log.c_str());
    }

    // One spelling per record kind for every front end and export: distinct, lower case, one
    // word (so a log line splits on spaces).
    void recordKindNamesAreOneWordEach() {
        std::set<std::string_view> seen;
        for (int k = int(RecordKind::Data); k <= int(RecordKind::Info); ++k) {
            const std::string_view name = recordKindName(RecordKind(k));
            QVERIFY2(name != "?", qPrintable(QString::number(k)));
            QVERIFY(seen.insert(name).second);
            QVERIFY(std::ranges::all_of(name,
                                        [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
        }
        QCOMPARE(recordKindName(RecordKind::PeerClosed), std::string_view("peer-closed"));
        QCOMPARE(recordKindName(RecordKind::HalfClosed), std::string_view("half-closed"));
    }

private:
    bool m_haveTshark = true;
};

QTEST_APPLESS_MAIN(TestExport)
#include "test_export.moc"
