// TCP sequence analysis: hand-built conversations (handshake, data, a retransmission after a
// gap, a lost segment, 3 duplicate ACKs and a fast retransmission, a spurious retransmission,
// out-of-order, zero window with probe, window update, keep-alive, FIN, RST, reused ports;
// IPv4 and IPv6). Each packet's expected marks are written down here; the analyzer must give
// exactly those, and tshark (Wireshark's own analysis) must agree packet by packet on the marks,
// the conversation index, relative seq/ack, length and calculated window.
//
// Timings are chosen far from Wireshark's thresholds: out-of-order segments come 1 ms after the
// furthest one and well within the first RTT (100 ms / 40 ms) of the other side's last ACK too
// (Wireshark 4.2+ measures from there), retransmissions 250+ ms later, the fast retransmission
// 3 ms after the third duplicate ACK.
#include "core/packet/tcp_analysis.h"
#include "core/support/packet_builder.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <set>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;
constexpr std::uint16_t A = TcpFlag::Ack;
constexpr std::uint16_t PA = TcpFlag::Psh | TcpFlag::Ack;
constexpr std::uint16_t S = TcpFlag::Syn;
constexpr std::uint16_t SA = TcpFlag::Syn | TcpFlag::Ack;
constexpr std::uint16_t FA = TcpFlag::Fin | TcpFlag::Ack;
constexpr std::uint16_t RA = TcpFlag::Rst | TcpFlag::Ack;
constexpr std::uint16_t R = TcpFlag::Rst;

// One packet of a scenario, with relative numbers and the marks it must get (names of the
// tcp.analysis fields, space separated; fast/spurious imply "retransmission" as in Wireshark).
struct Step {
    std::int64_t timeUs = 0;
    bool fromClient = true;
    std::uint16_t flags = A;
    std::uint32_t relSeq = 0;
    std::uint32_t relAck = 0;
    std::size_t len = 0;
    std::uint16_t window = 502;
    const char* marks = "";
    std::uint32_t conversation = 0;
    std::uint32_t expectWindow = 0; ///< calculated window
    int dupAckNum = 0;
    // Set by the scenario: SYN options and the ISNs.
    TcpSegment seg;
};

class Scenario {
public:
    Scenario(const std::string& client, std::uint16_t cport, const std::string& server,
             std::uint16_t sport, std::uint32_t clientIsn, std::uint32_t serverIsn,
             std::uint32_t conversation)
        : m_client(client), m_server(server), m_cport(cport), m_sport(sport), m_cisn(clientIsn),
          m_sisn(serverIsn), m_conversation(conversation) {}

    /// Adds a packet at t0 + ms (fractions allowed); returns it so a test can add options.
    Step& add(double ms, bool fromClient, std::uint16_t flags, std::uint32_t relSeq,
              std::uint32_t relAck, std::size_t len, std::uint16_t window,
              std::uint32_t expectWindow, const char* marks = "", int dupAckNum = 0) {
        Step st;
        st.timeUs = static_cast<std::int64_t>(ms * 1000);
        st.fromClient = fromClient;
        st.flags = flags;
        st.relSeq = relSeq;
        st.relAck = relAck;
        st.len = len;
        st.window = window;
        st.marks = marks;
        st.conversation = m_conversation;
        st.expectWindow = expectWindow;
        st.dupAckNum = dupAckNum;
        st.seg = fromClient ? tcpSegment(m_client, m_cport, m_server, m_sport)
                            : tcpSegment(m_server, m_sport, m_client, m_cport);
        const std::uint32_t mine = fromClient ? m_cisn : m_sisn;
        const std::uint32_t theirs = fromClient ? m_sisn : m_cisn;
        st.seg.seq = mine + relSeq;
        st.seg.ack = (flags & TcpFlag::Ack) ? theirs + relAck : 0;
        st.seg.flags = flags;
        st.seg.window = window;
        st.seg.payloadBytes = len;
        m_steps.push_back(st);
        return m_steps.back();
    }
    std::vector<Step>& steps() { return m_steps; }

private:
    std::string m_client, m_server;
    std::uint16_t m_cport, m_sport;
    std::uint32_t m_cisn, m_sisn;
    std::uint32_t m_conversation;
    std::vector<Step> m_steps;
};

void synOptions(Step& st, std::optional<std::uint8_t> ws) {
    st.seg.mss = 1460;
    st.seg.sackPermitted = true;
    st.seg.windowScale = ws;
}

// All scenarios, in capture order.
std::vector<Step> allSteps() {
    std::vector<Step> out;
    const auto append = [&](Scenario& s, double t0ms) {
        for (Step st : s.steps()) {
            st.timeUs += static_cast<std::int64_t>(t0ms * 1000);
            out.push_back(st);
        }
    };
    constexpr bool C = true, V = false; // client -> server, server -> client
    // IPv4, both sides scale windows by 2^7; first RTT 100 ms.
    Scenario a("192.0.2.1", 40000, "192.0.2.2", 7000, 1'000'000, 5'000'000, 0);
    synOptions(a.add(0, C, S, 0, 0, 0, 64240, 64240), 7);
    synOptions(a.add(50, V, SA, 0, 1, 0, 65160, 65160), 7);
    a.add(100, C, A, 1, 1, 0, 502, 502 << 7);
    a.add(110, C, PA, 1, 1, 100, 502, 502 << 7);
    a.add(111, C, PA, 101, 1, 100, 502, 502 << 7);
    a.add(160, V, PA, 1, 201, 50, 509, 509 << 7);
    a.add(170, C, PA, 201, 51, 100, 502, 502 << 7);
    a.add(420, C, PA, 201, 51, 100, 502, 502 << 7, "retransmission");
    a.add(470, V, A, 51, 301, 0, 509, 509 << 7);
    a.add(480, C, PA, 401, 51, 100, 502, 502 << 7, "lost_segment");
    a.add(530, V, A, 51, 301, 0, 509, 509 << 7, "duplicate_ack", 1);
    a.add(531, V, A, 51, 301, 0, 509, 509 << 7, "duplicate_ack", 2);
    a.add(532, V, A, 51, 301, 0, 509, 509 << 7, "duplicate_ack", 3);
    a.add(535, C, PA, 301, 51, 100, 502, 502 << 7, "fast_retransmission");
    a.add(585, V, A, 51, 501, 0, 509, 509 << 7);
    a.add(590, C, PA, 101, 51, 100, 502, 502 << 7, "spurious_retransmission");
    a.add(600, C, PA, 601, 51, 100, 502, 502 << 7, "lost_segment");
    a.add(601, C, PA, 501, 51, 100, 502, 502 << 7, "out_of_order");
    a.add(650, V, A, 51, 701, 0, 509, 509 << 7);
    a.add(660, V, A, 51, 701, 0, 0, 0, "zero_window");
    a.add(900, C, A, 701, 51, 1, 502, 502 << 7, "zero_window_probe");
    a.add(901, V, A, 51, 701, 0, 0, 0, "zero_window zero_window_probe_ack");
    a.add(1000, V, A, 51, 701, 0, 509, 509 << 7, "window_update");
    a.add(1010, C, PA, 701, 51, 100, 502, 502 << 7);
    a.add(1060, V, A, 51, 801, 0, 509, 509 << 7);
    a.add(3000, C, A, 800, 51, 0, 502, 502 << 7, "keep_alive");
    a.add(3050, V, A, 51, 801, 0, 509, 509 << 7, "keep_alive_ack");
    a.add(4000, C, FA, 801, 51, 0, 502, 502 << 7);
    a.add(4050, V, FA, 51, 802, 0, 509, 509 << 7);
    a.add(4100, C, A, 802, 52, 0, 502, 502 << 7);
    append(a, 0);

    // Refused: SYN without window scale, RST+ACK from a side whose SYN was never seen (its
    // base is seq - 1, so its relative seq is 1).
    // The SYN is sent again after a second (same ISN): a retransmission, same conversation.
    Scenario b("192.0.2.1", 40001, "192.0.2.2", 7001, 77'000, 0, 1);
    synOptions(b.add(0, C, S, 0, 0, 0, 64240, 64240), std::nullopt);
    synOptions(b.add(1000, C, S, 0, 0, 0, 64240, 64240, "retransmission"), std::nullopt);
    b.add(1001, V, RA, 1, 1, 0, 0, 0);
    append(b, 5000);

    // The ports of the first conversation again, new ISNs after its FIN: a new conversation.
    Scenario c("192.0.2.1", 40000, "192.0.2.2", 7000, 3'000'000, 9'000'000, 2);
    synOptions(c.add(0, C, S, 0, 0, 0, 64240, 64240, "reused_ports"), 7);
    synOptions(c.add(50, V, SA, 0, 1, 0, 65160, 65160), 7);
    c.add(100, C, A, 1, 1, 0, 502, 502 << 7);
    c.add(110, C, PA, 1, 1, 10, 502, 502 << 7);
    c.add(160, V, A, 1, 11, 0, 509, 509 << 7);
    c.add(170, C, R, 11, 0, 0, 0, 0);
    append(c, 6000);

    // IPv6, window scale 8 both ways, first RTT 40 ms.
    // The client's sequence numbers wrap around 2^32 during its data.
    Scenario d("2001:db8::1", 50000, "2001:db8::2", 8080, 0xffffff80u, 0x7fff0000u, 3);
    synOptions(d.add(0, C, S, 0, 0, 0, 64800, 64800), 8);
    synOptions(d.add(20, V, SA, 0, 1, 0, 64260, 64260), 8);
    d.add(40, C, A, 1, 1, 0, 256, 256 << 8);
    d.add(50, C, PA, 1, 1, 100, 256, 256 << 8);
    d.add(51, C, PA, 201, 1, 100, 256, 256 << 8, "lost_segment");
    d.add(52, C, PA, 101, 1, 100, 256, 256 << 8, "out_of_order");
    d.add(70, V, A, 1, 301, 0, 250, 250 << 8);
    d.add(80, C, PA, 301, 1, 100, 256, 256 << 8);
    d.add(400, C, PA, 301, 1, 100, 256, 256 << 8, "retransmission");
    d.add(450, V, A, 1, 401, 0, 250, 250 << 8);
    d.add(500, V, FA, 1, 401, 0, 250, 250 << 8);
    d.add(510, C, FA, 401, 2, 0, 256, 256 << 8);
    d.add(560, V, A, 2, 402, 0, 250, 250 << 8);
    append(d, 10000);

    // No window scaling (shift 0 both ways): data up to the edge of the advertised window,
    // an ACK for bytes never seen, then the segment after them.
    Scenario e("192.0.2.1", 40002, "192.0.2.2", 7002, 111'000, 222'000, 4);
    synOptions(e.add(0, C, S, 0, 0, 0, 64240, 64240), 0);
    synOptions(e.add(50, V, SA, 0, 1, 0, 1000, 1000), 0);
    e.add(100, C, A, 1, 1, 0, 502, 502);
    e.add(150, V, A, 1, 1, 0, 300, 300, "window_update");
    e.add(160, C, PA, 1, 1, 300, 502, 502, "window_full");
    e.add(210, V, A, 1, 301, 0, 1000, 1000);
    e.add(220, C, PA, 301, 1, 100, 502, 502);
    e.add(270, V, A, 1, 501, 0, 1000, 1000, "ack_lost_segment");
    e.add(280, C, PA, 501, 1, 100, 502, 502, "lost_segment");
    // The in-sequence limit stayed below the gap, so Wireshark says it again here.
    e.add(330, V, A, 1, 601, 0, 1000, 1000, "ack_lost_segment");
    e.add(400, C, RA, 601, 1, 0, 0, 0);
    append(e, 12000);

    // As Linux does it: the receiver's duplicate ACKs carry growing SACK blocks; the sender
    // retransmits the hole 1 ms after the third one.
    Scenario g("192.0.2.1", 40003, "192.0.2.2", 7003, 400'000, 800'000, 5);
    synOptions(g.add(0, C, S, 0, 0, 0, 64240, 64240), 7);
    synOptions(g.add(10, V, SA, 0, 1, 0, 65160, 65160), 7);
    g.add(20, C, A, 1, 1, 0, 502, 502 << 7);
    for (int i = 0; i < 5; ++i) {
        g.add(30 + i * 0.1, C, PA, 1 + 100 * static_cast<std::uint32_t>(i), 1, 100, 502, 502 << 7,
              i == 2 ? "lost_segment" : "");
    }
    // Segment 101..201 was "lost": it is simply not in this capture (packet 5 skipped below).
    g.add(40, V, A, 1, 101, 0, 509, 509 << 7);
    const char* dup[] = {"duplicate_ack", "duplicate_ack", "duplicate_ack"};
    for (int i = 0; i < 3; ++i) {
        Step& st = g.add(40.1 + i * 0.1, V, A, 1, 101, 0, 509, 509 << 7, dup[i], i + 1);
        st.seg.sack = {{400'000 + 201, 400'000 + 301 + 100 * static_cast<std::uint32_t>(i)}};
    }
    g.add(41.4, C, PA, 101, 1, 100, 502, 502 << 7, "fast_retransmission");
    g.add(50, V, A, 1, 501, 0, 509, 509 << 7);
    g.add(60, C, FA, 501, 1, 0, 502, 502 << 7);
    g.add(70, V, FA, 1, 502, 0, 509, 509 << 7);
    g.add(80, C, A, 502, 2, 0, 502, 502 << 7);
    // Drop the second data segment from the capture (as if the capture missed it).
    g.steps().erase(g.steps().begin() + 4);
    append(g, 14000);
    return out;
}

std::set<std::string> markNames(const TcpMarks& m) {
    std::set<std::string> s;
    const std::pair<bool, const char*> all[] = {
        {m.anyRetransmission(), "retransmission"},
        {m.fastRetransmission, "fast_retransmission"},
        {m.spuriousRetransmission, "spurious_retransmission"},
        {m.outOfOrder, "out_of_order"},
        {m.lostSegment, "lost_segment"},
        {m.ackedUnseen, "ack_lost_segment"},
        {m.duplicateAck, "duplicate_ack"},
        {m.zeroWindow, "zero_window"},
        {m.zeroWindowProbe, "zero_window_probe"},
        {m.zeroWindowProbeAck, "zero_window_probe_ack"},
        {m.keepAlive, "keep_alive"},
        {m.keepAliveAck, "keep_alive_ack"},
        {m.windowUpdate, "window_update"},
        {m.windowFull, "window_full"},
        {m.portsReused, "reused_ports"},
    };
    for (const auto& [on, name] : all) {
        if (on) {
            s.insert(name);
        }
    }
    return s;
}

std::set<std::string> expectedNames(const char* marks) {
    std::set<std::string> s;
    const QStringList words = QString::fromLatin1(marks).split(' ', Qt::SkipEmptyParts);
    for (const QString& w : words) {
        s.insert(w.toStdString());
        if (w == "fast_retransmission" || w == "spurious_retransmission") {
            s.insert("retransmission");
        }
    }
    return s;
}

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const auto& w : s) {
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

struct Fed {
    std::vector<Step> steps;
    std::vector<DecodedPacket> packets;
    std::vector<TcpMarks> marks;
    TcpTotals totals;
};

Fed feedAll() {
    Fed f;
    f.steps = allSteps();
    TcpAnalyzer analyzer;
    for (const Step& st : f.steps) {
        f.packets.push_back(decodePacket(build(st.seg)));
        f.marks.push_back(analyzer.feed(f.packets.back(), kT0 + st.timeUs * 1000));
    }
    f.totals = analyzer.totals();
    return f;
}

} // namespace

class TestTcpAnalysis : public QObject {
    Q_OBJECT

private slots:
    // Our analysis alone, against the marks written down with each packet.
    void marksAsExpected() {
        const Fed f = feedAll();
        for (std::size_t i = 0; i < f.steps.size(); ++i) {
            const Step& st = f.steps[i];
            const TcpMarks& m = f.marks[i];
            const QByteArray at = QStringLiteral("frame %1: %2")
                                      .arg(i + 1)
                                      .arg(QString::fromStdString(packetSummary(f.packets[i], &m)))
                                      .toUtf8();
            QVERIFY2(f.packets[i].ok(), at.constData());
            QVERIFY2(m.tcp, at.constData());
            QCOMPARE(joined(markNames(m)), joined(expectedNames(st.marks)));
            QVERIFY2(m.conversation == st.conversation, at.constData());
            QVERIFY2(m.relSeq == st.relSeq, at.constData());
            QVERIFY2(m.relAck == ((st.flags & TcpFlag::Ack) ? st.relAck : 0u), at.constData());
            QVERIFY2(m.segmentLength == st.len, at.constData());
            QVERIFY2(m.window == st.expectWindow, at.constData());
            QVERIFY2(m.duplicateAckNum == static_cast<std::uint32_t>(st.dupAckNum), at.constData());
            QVERIFY2(m.fromFirst == st.fromClient, at.constData());
        }
        TcpTotals want;
        want.packets = f.steps.size();
        want.conversations = 6;
        want.retransmissions = 6; // plain (v4, v6, SYN), fast (2), spurious
        want.fastRetransmissions = 2;
        want.spuriousRetransmissions = 1;
        want.outOfOrder = 2;
        want.lostSegments = 5;
        want.duplicateAcks = 6;
        want.zeroWindows = 2;
        want.zeroWindowProbes = 1;
        want.keepAlives = 1;
        want.windowFull = 1;
        // Segments with data that start below the furthest sequence number seen in their
        // direction: each of Wireshark's retransmissions with data, its out-of-order segment,
        // and the segment that fills the hole of a "previous segment not captured" (where the
        // lab wire captures, at the sender, only a resend can do that).
        want.resent = 8;
        QVERIFY(f.totals == want);
        for (std::size_t i = 0; i < f.steps.size(); ++i) {
            const TcpMarks& m = f.marks[i];
            if (m.anyRetransmission() && m.segmentLength > 0) {
                QVERIFY2(m.resent, QByteArray::number(qsizetype(i + 1)).constData());
            }
        }
    }

    void summariesWithMarks() {
        const Fed f = feedAll();
        QCOMPARE(packetSummary(f.packets[0], &f.marks[0]),
                 std::string("TCP 192.0.2.1:40000 -> 192.0.2.2:7000 [SYN] seq=0 win=64240 len=0 "
                             "mss=1460 ws=128 sack_perm"));
        QCOMPARE(packetSummary(f.packets[1], &f.marks[1]),
                 std::string("TCP 192.0.2.2:7000 -> 192.0.2.1:40000 [SYN, ACK] seq=0 ack=1 "
                             "win=65160 len=0 mss=1460 ws=128 sack_perm"));
        QCOMPARE(packetSummary(f.packets[10], &f.marks[10]),
                 std::string("TCP 192.0.2.2:7000 -> 192.0.2.1:40000 [ACK] seq=51 ack=301 "
                             "win=65152 len=0 [TCP Dup ACK #1]"));
        QCOMPARE(packetSummary(f.packets[13], &f.marks[13]),
                 std::string("TCP 192.0.2.1:40000 -> 192.0.2.2:7000 [PSH, ACK] seq=301 ack=51 "
                             "win=64256 len=100 [TCP Fast Retransmission]"));
        QCOMPARE(packetSummary(f.packets[21], &f.marks[21]),
                 std::string("TCP 192.0.2.2:7000 -> 192.0.2.1:40000 [ACK] seq=51 ack=701 win=0 "
                             "len=0 [TCP ZeroWindow] [TCP ZeroWindowProbeAck]"));
        // Raw numbers without marks.
        QCOMPARE(packetSummary(f.packets[2]),
                 std::string("TCP 192.0.2.1:40000 -> 192.0.2.2:7000 [ACK] seq=1000001 "
                             "ack=5000001 win=502 len=0"));
    }

    void nonTcpAndBrokenPacketsAreNotAnalysed() {
        TcpAnalyzer a;
        QVERIFY(
            !a.feed(decodePacket(udpPacket("192.0.2.1", 1, "192.0.2.2", 2, patternBytes(4))), kT0)
                 .tcp);
        TcpSegment s = tcpSegment("192.0.2.1", 1, "192.0.2.2", 2);
        const Packet b = build(s);
        QVERIFY(!a.feed(decodePacket(Packet(b.begin(), b.begin() + 30)), kT0).tcp);
        QCOMPARE(a.totals().packets, 0u);
        QCOMPARE(a.conversationCount(), std::size_t(0));
        QVERIFY(a.feed(decodePacket(b), kT0).tcp);
        QCOMPARE(a.conversationCount(), std::size_t(1));
        a.reset();
        QCOMPARE(a.conversationCount(), std::size_t(0));
        QCOMPARE(a.totals().packets, 0u);
    }

    // Wireshark's analysis of the same capture, packet by packet.
    void tsharkAgrees() {
        if (QStandardPaths::findExecutable("tshark").isEmpty()) {
            QSKIP("tshark is not installed");
        }
        const Fed f = feedAll();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<WirePacket> wire;
        for (std::size_t i = 0; i < f.steps.size(); ++i) {
            wire.push_back(
                {build(f.steps[i].seg), kT0 + f.steps[i].timeUs * 1000, !f.steps[i].fromClient});
        }
        const QString file = dir.filePath("analysis.pcapng");
        const std::string err = writeWireCapture(file.toStdString(), wire);
        QVERIFY2(err.empty(), err.c_str());

        const QStringList prefs = {"-o", "tcp.relative_sequence_numbers:TRUE", "-o",
                                   "tcp.analyze_sequence_numbers:TRUE"};
        const QStringList rows = tsharkLines(
            file,
            prefs + QStringList{"-T", "fields",       "-E", "separator=|",
                                "-e", "frame.number", "-e", "tcp.stream",
                                "-e", "tcp.seq",      "-e", "tcp.ack",
                                "-e", "tcp.len",      "-e", "tcp.window_size",
                                "-e", "tcp.flags",    "-e", "tcp.analysis.duplicate_ack_num"});
        QCOMPARE(rows.size(), static_cast<int>(f.steps.size()));
        // Frames carrying each mark, one tshark filter run per mark.
        std::map<std::size_t, std::set<std::string>> theirs;
        const char* names[] = {
            "retransmission",        "fast_retransmission", "spurious_retransmission",
            "out_of_order",          "lost_segment",        "ack_lost_segment",
            "duplicate_ack",         "zero_window",         "zero_window_probe",
            "zero_window_probe_ack", "keep_alive",          "keep_alive_ack",
            "window_update",         "window_full",         "reused_ports"};
        for (const char* name : names) {
            const QStringList frames =
                tsharkLines(file, prefs + QStringList{"-Y", QStringLiteral("tcp.analysis.") + name,
                                                      "-T", "fields", "-e", "frame.number"});
            for (const QString& fr : frames) {
                QVERIFY2(!fr.startsWith('<'), qPrintable(fr));
                theirs[fr.toULongLong()].insert(name);
            }
        }
        int marked = 0;
        for (std::size_t i = 0; i < f.steps.size(); ++i) {
            const TcpMarks& m = f.marks[i];
            const QStringList t = rows[static_cast<int>(i)].split('|');
            QCOMPARE(t.size(), 8);
            const QByteArray at = QStringLiteral("frame %1: tshark %2 | ours %3")
                                      .arg(i + 1)
                                      .arg(rows[static_cast<int>(i)])
                                      .arg(QString::fromStdString(packetSummary(f.packets[i], &m)))
                                      .toUtf8();
            QVERIFY2(t[0] == QString::number(i + 1), at.constData());
            QVERIFY2(t[1] == QString::number(m.conversation), at.constData());
            QVERIFY2(t[2] == QString::number(m.relSeq), at.constData());
            if (f.packets[i].tcp->has(TcpFlag::Ack)) {
                QVERIFY2(t[3] == QString::number(m.relAck), at.constData());
            }
            QVERIFY2(t[4] == QString::number(m.segmentLength), at.constData());
            QVERIFY2(t[5] == QString::number(m.window), at.constData());
            QVERIFY2(t[6].toUInt(nullptr, 16) == f.packets[i].tcp->flags, at.constData());
            QVERIFY2(t[7] == (m.duplicateAckNum ? QString::number(m.duplicateAckNum) : QString()),
                     at.constData());
            const std::set<std::string> want = theirs[i + 1];
            QVERIFY2(joined(markNames(m)) == joined(want),
                     (at + " | tshark marks: " + QByteArray::fromStdString(joined(want)) +
                      " | ours: " + QByteArray::fromStdString(joined(markNames(m))))
                         .constData());
            marked += want.empty() ? 0 : 1;
        }
        QVERIFY(marked >= 18); // the comparison covered marked packets, not just clean ones
    }
};

QTEST_GUILESS_MAIN(TestTcpAnalysis)
#include "test_tcp_analysis.moc"
