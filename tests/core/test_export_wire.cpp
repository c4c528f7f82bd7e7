// The lab wire view of the pcapng export: each Data record's bytes are one IP packet written
// as-is on "lab wire A->B" (In) or "lab wire B->A" (Out) with its fate as the packet comment.
// Checked by reading the file's blocks here (bytes, interfaces, lengths, comments) and with
// tshark (an independent reader: interface names, comments, decoded packets).
#include "core/capture/exporters.h"
#include "core/support/packet_builder.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <sstream>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'123'456'789;

struct Block {
    std::uint32_t type = 0;
    std::string body;
};

std::uint32_t le32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) {
        v = v << 8 | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
    }
    return v;
}
std::uint16_t le16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                      static_cast<unsigned char>(s[at + 1]) << 8);
}

std::vector<Block> readBlocks(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string all = ss.str();
    std::vector<Block> out;
    std::size_t at = 0;
    while (at + 12 <= all.size()) {
        const std::uint32_t type = le32(all, at);
        const std::uint32_t len = le32(all, at + 4);
        if (len < 12 || at + len > all.size() || le32(all, at + len - 4) != len) {
            return {}; // broken framing
        }
        out.push_back({type, all.substr(at + 8, len - 12)});
        at += len;
    }
    return at == all.size() ? out : std::vector<Block>{};
}

// Options of a block body from offset `from`: code -> value.
std::map<std::uint16_t, std::string> options(const std::string& body, std::size_t from) {
    std::map<std::uint16_t, std::string> out;
    while (from + 4 <= body.size()) {
        const std::uint16_t code = le16(body, from);
        const std::uint16_t len = le16(body, from + 2);
        if (code == 0) {
            break;
        }
        out[code] = body.substr(from + 4, len);
        from += 4 + (len + 3u) / 4 * 4;
    }
    return out;
}

struct Captured {
    std::uint32_t iface = 0;
    std::uint64_t timeNs = 0;
    std::string bytes;
    std::uint32_t origLength = 0;
    std::string comment;
};

std::vector<Captured> packetsOf(const std::vector<Block>& blocks) {
    std::vector<Captured> out;
    for (const Block& b : blocks) {
        if (b.type != 6) {
            continue;
        }
        Captured c;
        c.iface = le32(b.body, 0);
        c.timeNs = static_cast<std::uint64_t>(le32(b.body, 4)) << 32 | le32(b.body, 8);
        const std::uint32_t cap = le32(b.body, 12);
        c.origLength = le32(b.body, 16);
        c.bytes = b.body.substr(20, cap);
        const auto opts = options(b.body, 20 + (cap + 3u) / 4 * 4);
        if (opts.contains(1)) {
            c.comment = opts.at(1);
        }
        out.push_back(c);
    }
    return out;
}

std::string str(const Packet& p) {
    return std::string(reinterpret_cast<const char*>(p.data()), p.size());
}

struct WireStore {
    TrafficStore store;
    std::vector<Packet> data; ///< Data records' bytes in order
};

// Records of a lab wire: lifecycle/info records among the packets, fates on some.
void fill(WireStore& w) {
    TcpSegment syn = tcpSegment("10.0.0.1", 40000, "10.0.0.2", 7000);
    syn.seq = 100;
    syn.flags = TcpFlag::Syn;
    syn.mss = 1460;
    TcpSegment synAck = tcpSegment("10.0.0.2", 7000, "10.0.0.1", 40000);
    synAck.seq = 900;
    synAck.ack = 101;
    synAck.flags = TcpFlag::Syn | TcpFlag::Ack;
    TcpSegment data = tcpSegment("10.0.0.1", 40000, "10.0.0.2", 7000);
    data.seq = 101;
    data.ack = 901;
    data.flags = TcpFlag::Psh | TcpFlag::Ack;
    data.payloadBytes = 200;
    TcpSegment again = data;
    again.seq = 301;
    w.data = {build(syn),
              build(synAck),
              build(data),
              build(again),
              udpPacket("fd00::2", 6000, "fd00::1", 5000, patternBytes(30)),
              icmpEcho("10.0.0.2", "10.0.0.1", false, 1, 1, 56)};
    using namespace RecordFlag;
    w.store.appendEvent(0, RecordKind::Opened, "lab wire up");
    w.store.appendData(0, Direction::In, w.data[0], nullptr, 0, 0, kT0);
    w.store.appendData(0, Direction::Out, w.data[1], nullptr, 0, 0, kT0 + 1'000'000, 0, 12'345);
    w.store.appendData(0, Direction::In, w.data[2], nullptr, WireDropped, 0, kT0 + 2'000'000);
    w.store.appendEvent(0, RecordKind::Info, "loss 10%");
    w.store.appendData(0, Direction::In, w.data[3], nullptr, WireDuplicated | WireReordered, 0,
                       kT0 + 3'000'000, 0, 500);
    w.store.appendData(0, Direction::Out, w.data[4], nullptr, WireCorrupted, 0, kT0 + 4'000'000);
    // Recorded cut to 40 bytes of the 84 the packet had on the wire.
    w.data[5].resize(40);
    w.store.appendData(0, Direction::Out, w.data[5], nullptr, 0, 84, kT0 + 5'000'000, 0, 1'950);
}

const std::vector<std::string> kComments = {
    "",
    "delayed 12.3 ms by the wire",
    "dropped by the wire",
    "duplicated by the wire; reordered by the wire; delayed 0.5 ms by the wire",
    "one bit corrupted by the wire",
    "delayed 2.0 ms by the wire",
};
const std::vector<std::uint32_t> kIfaces = {0, 1, 0, 0, 1, 1};

} // namespace

class TestExportWire : public QObject {
    Q_OBJECT

private slots:
    void blocksAsWritten() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        WireStore w;
        fill(w);
        const QString file = dir.filePath("wire.pcapng");
        PcapngOptions opt;
        opt.wire = true;
        opt.transport = PcapTransport::Udp; // ignored by the wire view
        const auto summary = exportPcapng(w.store, file.toStdString(), opt);
        QVERIFY2(summary, summary ? "" : summary.error().message().c_str());
        QCOMPARE(summary->records, 8u);
        QCOMPARE(summary->packets, 6u);
        QCOMPARE(summary->evictedRecords, 0u);

        const std::vector<Block> blocks = readBlocks(file);
        QCOMPARE(blocks.size(), std::size_t(1 + 2 + 6));
        QCOMPARE(blocks[0].type, 0x0A0D0D0Au);
        // Two raw-IP interfaces with their names and nanosecond timestamps.
        const char* names[] = {"lab wire A->B", "lab wire B->A"};
        for (int i = 0; i < 2; ++i) {
            const Block& idb = blocks[1 + static_cast<std::size_t>(i)];
            QCOMPARE(idb.type, 1u);
            QCOMPARE(le16(idb.body, 0), std::uint16_t(101));
            const auto opts = options(idb.body, 8);
            QCOMPARE(opts.at(2), std::string(names[i]));
            QCOMPARE(opts.at(9), std::string(1, '\x09'));
        }
        const std::vector<Captured> got = packetsOf(blocks);
        QCOMPARE(got.size(), std::size_t(6));
        for (std::size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].bytes, str(w.data[i])); // as recorded, byte for byte
            QCOMPARE(got[i].iface, kIfaces[i]);
            QCOMPARE(got[i].comment, kComments[i]);
        }
        QCOMPARE(got[0].timeNs, static_cast<std::uint64_t>(kT0));
        QCOMPARE(got[4].timeNs, static_cast<std::uint64_t>(kT0 + 4'000'000));
        QCOMPARE(got[0].origLength, static_cast<std::uint32_t>(w.data[0].size()));
        QCOMPARE(got[5].origLength, 84u);
        QCOMPARE(got[5].bytes.size(), std::size_t(40));
    }

    void rangeLimitsThePackets() {
        QTemporaryDir dir;
        WireStore w;
        fill(w);
        const QString file = dir.filePath("part.pcapng");
        PcapngOptions opt;
        opt.wire = true;
        opt.range = {2, 5}; // SYN-ACK, the dropped segment, the Info record
        const auto summary = exportPcapng(w.store, file.toStdString(), opt);
        QVERIFY(summary);
        QCOMPARE(summary->records, 3u);
        QCOMPARE(summary->packets, 2u);
        const std::vector<Captured> got = packetsOf(readBlocks(file));
        QCOMPARE(got.size(), std::size_t(2));
        QCOMPARE(got[0].bytes, str(w.data[1]));
        QCOMPARE(got[1].comment, kComments[2]);
    }

    void tsharkReadsTheWire() {
        if (QStandardPaths::findExecutable("tshark").isEmpty()) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        WireStore w;
        fill(w);
        const QString file = dir.filePath("wire.pcapng");
        PcapngOptions opt;
        opt.wire = true;
        QVERIFY(exportPcapng(w.store, file.toStdString(), opt));
        const QStringList rows = tsharkLines(
            file, {"-T", "fields",          "-E", "separator=|", "-e", "frame.interface_name",
                   "-e", "frame.comment",   "-e", "frame.len",   "-e", "frame.cap_len",
                   "-e", "ip.src",          "-e", "ipv6.src",    "-e", "tcp.flags",
                   "-e", "tcp.seq_raw",     "-e", "udp.srcport", "-e", "icmp.type",
                   "-e", "frame.time_epoch"});
        QCOMPARE(rows.size(), 6);
        const QStringList expect = {
            "lab wire A->B||44|44|10.0.0.1||0x0002|100|||1700000000.123456789",
            "lab wire B->A|delayed 12.3 ms by the wire|40|40|10.0.0.2||0x0012|900|||"
            "1700000000.124456789",
            "lab wire A->B|dropped by the wire|240|240|10.0.0.1||0x0018|101|||1700000000.125456789",
            "lab wire A->B|duplicated by the wire; reordered by the wire; delayed 0.5 ms by the "
            "wire|240|240|10.0.0.1||0x0018|301|||1700000000.126456789",
            "lab wire B->A|one bit corrupted by the wire|78|78||fd00::2|||6000||"
            "1700000000.127456789",
            "lab wire B->A|delayed 2.0 ms by the wire|84|40|10.0.0.2|||||0|1700000000.128456789",
        };
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(rows[i], expect[i]);
        }
    }
};

QTEST_GUILESS_MAIN(TestExportWire)
#include "test_export_wire.moc"
