// The lab's ladder (sequence) diagram: geometry in Time and Sequence mode, gap compression,
// zoom, band queries against a brute-force filter, hit testing, live appends in any order, and
// the SVG document (parsed by python3's XML parser, and xmllint when installed).
#include "core/lab/interval_index.h"
#include "core/lab/ladder.h"
#include "core/lab/ladder_svg.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace socklab;

namespace {

constexpr std::int64_t ms(std::int64_t v) {
    return v * 1'000'000;
}

// Fixed geometry for the hand-made cases: columns at x 220 (A) and 500 (B), wire at 360.
LadderSettings baseSettings(LadderMode mode = LadderMode::Time) {
    LadderSettings s;
    s.width = 640;
    s.axisWidth = 80;
    s.top = 56;
    s.bottom = 32;
    s.mode = mode;
    s.pxPerMs = 2;
    s.gapMs = 0;
    s.gapPx = 20;
    s.rowPx = 20;
    s.tickSpacingPx = 15;
    s.labelPx = 14;
    s.charPx = 6.5;
    s.headPx = 8;
    s.markPx = 5;
    s.dropDescentPx = 12;
    s.callGapPx = 8;
    return s;
}

LadderPacket packet(std::int64_t departMs, std::int64_t arriveMs, WireDirection d,
                    std::string label, std::uint64_t ref, std::uint16_t fate = 0,
                    bool retransmission = false, bool tcp = true) {
    LadderPacket p;
    p.departNs = ms(departMs);
    p.arriveNs = ms(arriveMs);
    p.direction = d;
    p.label = std::move(label);
    p.fate = fate;
    p.retransmission = retransmission;
    p.tcp = tcp;
    p.ref = ref;
    return p;
}

LadderCall call(std::int64_t atMs, LabHost host, std::string label, std::uint64_t ref) {
    return LadderCall{ms(atMs), host, std::move(label), ref};
}

constexpr auto AtoB = WireDirection::AtoB;
constexpr auto BtoA = WireDirection::BtoA;

// Arrow indices of the hand-made run, in append order.
enum Arrow : std::size_t { Syn, SynAck, Ack, Lost, Retransmitted, Ack101, Late, Early, Copy };
// Call indices.
enum Call : std::size_t { Connect, Accept, Send, Recv };

// Handshake, one segment dropped and retransmitted 200 ms later, its ACK, then a reordered
// pair (seq=101 held back, seq=201 overtakes it) and a duplicate of seq=201. 10 ms wire delay.
void addRun(LadderLayout& l) {
    l.add(packet(1, 11, AtoB, "SYN", 1));
    l.add(packet(12, 22, BtoA, "SYN,ACK", 2));
    l.add(packet(23, 33, AtoB, "ACK", 3));
    l.add(packet(41, 41, AtoB, "PSH,ACK seq=1 len=100", 4, RecordFlag::WireDropped));
    l.add(packet(241, 251, AtoB, "PSH,ACK seq=1 len=100", 5, 0, true));
    l.add(packet(252, 262, BtoA, "ACK 101", 6));
    l.add(packet(300, 330, AtoB, "PSH,ACK seq=101 len=100", 7, RecordFlag::WireReordered));
    l.add(packet(305, 315, AtoB, "PSH,ACK seq=201 len=100", 8));
    l.add(packet(305, 316, AtoB, "PSH,ACK seq=201 len=100", 9, RecordFlag::WireDuplicated));
    l.add(call(0, LabHost::A, "connect()", 100));
    l.add(call(34, LabHost::B, "accept()", 200));
    l.add(call(40, LabHost::A, "send 100", 101));
    l.add(call(252, LabHost::B, "recv 100", 201));
}

bool near(double a, double b, double eps = 1e-9) {
    return std::abs(a - b) <= eps;
}

bool samePoint(LadderPoint p, double x, double y) {
    return near(p.x, x) && near(p.y, y);
}

// y of the line through a and b at x.
double lineYAt(LadderPoint a, LadderPoint b, double x) {
    return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x);
}

double distanceToLine(LadderPoint p, LadderPoint a, LadderPoint b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    return std::abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / std::hypot(dx, dy);
}

// Two arrows between the same columns cross when their ends are in opposite order.
bool cross(const LadderArrow& a, const LadderArrow& b) {
    return (a.from.y - b.from.y) * (a.to.y - b.to.y) < 0;
}

std::vector<std::size_t> sorted(std::vector<std::size_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// Random traffic: n events' worth of packets (some dropped) and calls, unique refs.
struct RandomRun {
    std::vector<LadderPacket> packets;
    std::vector<LadderCall> calls;
};

RandomRun randomRun(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::int64_t> time(0, ms(2000));
    std::uniform_int_distribution<std::int64_t> delay(0, ms(80));
    std::uniform_int_distribution<int> percent(0, 99);
    std::uniform_int_distribution<int> length(0, 30);
    RandomRun run;
    std::uint64_t ref = 1;
    for (std::size_t i = 0; i < n; ++i) {
        if (percent(rng) < 70) {
            LadderPacket p;
            p.departNs = time(rng);
            // Idle stretches for gap compression: every fifth packet far later.
            if (percent(rng) < 20) {
                p.departNs += ms(5000) * (1 + percent(rng) % 4);
            }
            p.arriveNs = p.departNs + delay(rng);
            p.direction = percent(rng) < 50 ? AtoB : BtoA;
            p.label = std::string(static_cast<std::size_t>(length(rng)), 'x');
            const int roll = percent(rng);
            p.fate = roll < 10   ? RecordFlag::WireDropped
                     : roll < 15 ? RecordFlag::WireDuplicated
                                 : std::uint16_t{0};
            p.retransmission = percent(rng) < 5;
            p.tcp = percent(rng) < 80;
            p.ref = ref++;
            run.packets.push_back(p);
        } else {
            run.calls.push_back(LadderCall{time(rng), percent(rng) < 50 ? LabHost::A : LabHost::B,
                                           std::string(static_cast<std::size_t>(length(rng)), 'c'),
                                           ref++});
        }
    }
    return run;
}

void addAll(LadderLayout& l, const RandomRun& run) {
    for (const auto& p : run.packets) {
        l.add(p);
    }
    for (const auto& c : run.calls) {
        l.add(c);
    }
}

// The test's own distances (the library's hitTest must agree with a scan over everything).
double segmentDistance(LadderPoint p, LadderPoint a, LadderPoint b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double boxDistance(LadderPoint p, const LadderCallMark& m) {
    const double dx = std::max({m.left - p.x, 0.0, p.x - m.right});
    const double dy = std::max({m.top - p.y, 0.0, p.y - m.bottom});
    return std::hypot(dx, dy);
}

std::optional<LadderHit> bruteHit(const LadderLayout& l, double x, double y, double tolerance) {
    std::optional<LadderHit> best;
    const auto consider = [&](LadderHit h) {
        if (h.distance > tolerance) {
            return;
        }
        if (!best || std::tie(h.distance, h.kind, h.index) <
                         std::tie(best->distance, best->kind, best->index)) {
            best = h;
        }
    };
    for (std::size_t i = 0; i < l.arrows().size(); ++i) {
        const auto& a = l.arrows()[i];
        consider({LadderItem::Packet, i, a.packet.ref, segmentDistance({x, y}, a.from, a.to)});
    }
    for (std::size_t j = 0; j < l.calls().size(); ++j) {
        const auto& c = l.calls()[j];
        consider({LadderItem::Call, j, c.call.ref, boxDistance({x, y}, c)});
    }
    return best;
}

// What the wire and the sockets would report live: each item with the time it becomes known
// (a packet when it left the wire or was dropped, a call a little after it happened), in that
// order. Starts with connect() at 0 so nothing precedes the first item. Delays are mostly
// short, some long (seconds: departures inside idle stretches), and after the first minute
// one in a hundred 120 s (departures behind the layout's horizon).
struct FeedItem {
    std::int64_t knownNs = 0;
    std::optional<LadderPacket> packet;
    std::optional<LadderCall> call;
};

std::vector<FeedItem> liveFeed(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> percent(0, 99);
    std::uniform_int_distribution<std::int64_t> shortDelay(0, ms(50));
    std::uniform_int_distribution<std::int64_t> longDelay(ms(500), ms(3000));
    std::uniform_int_distribution<std::int64_t> step(0, ms(20));
    std::uniform_int_distribution<std::int64_t> idle(ms(500), ms(4000));
    std::uniform_int_distribution<std::int64_t> lag(0, ms(20));
    std::vector<FeedItem> feed;
    feed.push_back({0, std::nullopt, LadderCall{0, LabHost::A, "connect()", 1}});
    std::int64_t now = ms(1);
    for (std::uint64_t ref = 2; feed.size() < n; ++ref) {
        now += percent(rng) < 3 ? idle(rng) : step(rng);
        if (percent(rng) < 75) {
            LadderPacket p;
            p.departNs = now;
            const int kind = percent(rng);
            p.arriveNs = now + (kind < 10 ? longDelay(rng) : shortDelay(rng));
            if (kind == 99 && now > ms(60'000)) {
                p.arriveNs = now + ms(120'000); // far behind the live edge when it shows up
            }
            p.direction = percent(rng) < 50 ? AtoB : BtoA;
            p.label = "PSH,ACK len=" + std::to_string(ref % 1000);
            p.fate = percent(rng) < 10 ? RecordFlag::WireDropped : std::uint16_t{0};
            p.ref = ref;
            feed.push_back({p.dropped() ? p.departNs : p.arriveNs, p, std::nullopt});
        } else {
            const LadderCall c{now, percent(rng) < 50 ? LabHost::A : LabHost::B, "send 100", ref};
            feed.push_back({now + lag(rng), std::nullopt, c});
        }
    }
    std::stable_sort(feed.begin(), feed.end(),
                     [](const FeedItem& a, const FeedItem& b) { return a.knownNs < b.knownNs; });
    return feed;
}

void append(LadderLayout& l, const FeedItem& item) {
    if (item.packet) {
        l.add(*item.packet);
    } else {
        l.add(*item.call);
    }
}

// Everything a painter sees is the same in both layouts (same items appended in the same order).
void compareLayouts(const LadderLayout& live, const LadderLayout& fresh, std::mt19937_64& rng) {
    QCOMPARE(live.arrows().size(), fresh.arrows().size());
    for (std::size_t i = 0; i < live.arrows().size(); ++i) {
        const auto& a = live.arrows()[i];
        const auto& b = fresh.arrows()[i];
        QCOMPARE(a.from, b.from);
        QCOMPARE(a.to, b.to);
        QCOMPARE(a.head, b.head);
        QCOMPARE(a.labelAt, b.labelAt);
        QCOMPARE(a.labelAngleDeg, b.labelAngleDeg);
        QCOMPARE(a.top, b.top);
        QCOMPARE(a.bottom, b.bottom);
    }
    QCOMPARE(live.calls().size(), fresh.calls().size());
    for (std::size_t j = 0; j < live.calls().size(); ++j) {
        QCOMPARE(live.calls()[j].at, fresh.calls()[j].at);
        QCOMPARE(live.calls()[j].top, fresh.calls()[j].top);
    }
    QCOMPARE(live.eventCount(), fresh.eventCount());
    QCOMPARE(live.originNs(), fresh.originNs());
    QCOMPARE(live.latestY(), fresh.latestY());
    QCOMPARE(live.height(), fresh.height());
    QCOMPARE(live.breaks(), fresh.breaks());
    std::uniform_real_distribution<double> y(0, fresh.height());
    for (int q = 0; q < 4; ++q) {
        const double top = y(rng);
        const double bottom = top + 300;
        const LadderBand a = live.itemsIn(top, bottom);
        const LadderBand b = fresh.itemsIn(top, bottom);
        QCOMPARE(sorted(a.arrows), sorted(b.arrows));
        QCOMPARE(sorted(a.calls), sorted(b.calls));
        QCOMPARE(a.ticks, b.ticks);
        QCOMPARE(a.breaks, b.breaks);
    }
}

// Runs python3's XML parser on an SVG file and returns what the test checks, as JSON.
constexpr const char* kSvgProbe = R"PY(
import sys, json, xml.dom.minidom as m
d = m.parse(sys.argv[1])
root = d.documentElement
def text(e):
    return "".join(n.data for n in e.childNodes if n.nodeType == n.TEXT_NODE)
out = {"tag": root.tagName, "ns": root.getAttribute("xmlns"),
       "version": root.getAttribute("version"),
       "width": root.getAttribute("width"), "height": root.getAttribute("height"),
       "classes": {}, "texts": [], "titles": [], "packets": []}
for e in d.getElementsByTagName("*"):
    for c in e.getAttribute("class").split():
        k = e.tagName + "." + c
        out["classes"][k] = out["classes"].get(k, 0) + 1
out["texts"] = [text(t) for t in d.getElementsByTagName("text")]
out["titles"] = [text(t) for t in d.getElementsByTagName("title")]
for g in d.getElementsByTagName("g"):
    if "packet" not in g.getAttribute("class").split():
        continue
    line = g.getElementsByTagName("line")[0]
    out["packets"].append({"class": g.getAttribute("class"),
        "stroke": line.getAttribute("stroke"),
        "dash": line.getAttribute("stroke-dasharray"),
        "label": text(g.getElementsByTagName("text")[0]),
        "heads": len(g.getElementsByTagName("polygon")),
        "crosses": len([p for p in g.getElementsByTagName("path")
                        if p.getAttribute("class") == "cross"])})
print(json.dumps(out))
)PY";

QJsonObject parseSvg(const std::string& svg, QString* error) {
    QTemporaryDir dir;
    const QString path = dir.filePath("ladder.svg");
    {
        std::ofstream f(path.toStdString(), std::ios::binary);
        f << svg;
    }
    QProcess python;
    python.start("python3", {"-c", kSvgProbe, path});
    if (!python.waitForFinished(60'000) || python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    const QString xmllint = QStandardPaths::findExecutable("xmllint");
    if (!xmllint.isEmpty()) {
        QProcess lint;
        lint.start(xmllint, {"--noout", path});
        if (!lint.waitForFinished(60'000) || lint.exitCode() != 0) {
            *error = "xmllint: " + QString::fromUtf8(lint.readAllStandardError());
            return {};
        }
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

bool containsText(const QJsonArray& texts, const std::string& s) {
    return texts.contains(QString::fromStdString(s));
}

} // namespace

class TestLadder : public QObject {
    Q_OBJECT

private slots:
    void packetText() {
        LadderPacket p = packet(0, 1, AtoB, "SYN", 1);
        QCOMPARE(ladderPacketText(p), std::string("SYN"));
        p.retransmission = true;
        p.fate = RecordFlag::WireDropped | RecordFlag::WireDuplicated;
        QCOMPARE(ladderPacketText(p), std::string("SYN [retransmission, duplicate, dropped]"));
        p = packet(0, 1, AtoB, "UDP 100", 1,
                   RecordFlag::WireCorrupted | RecordFlag::Truncated | RecordFlag::WireReordered);
        QCOMPARE(ladderPacketText(p), std::string("UDP 100 [corrupted, truncated, reordered]"));
        p.label.clear();
        p.fate = RecordFlag::WireReordered;
        QCOMPARE(ladderPacketText(p), std::string("[reordered]"));
    }

    void msTextAndTickStep() {
        QCOMPARE(ladderMsText(12'500'000, 1), std::string("12.5 ms"));
        QCOMPARE(ladderMsText(-3'000'000, 0), std::string("-3 ms"));
        QCOMPARE(ladderMsText(1'234'567, 3), std::string("1.235 ms"));
        QCOMPARE(ladderMsText(1'234'499, 3), std::string("1.234 ms"));
        QCOMPARE(ladderMsText(50'000, 2), std::string("0.05 ms"));
        QCOMPARE(ladderMsText(0, 0), std::string("0 ms"));
        QCOMPARE(ladderMsText(-400, 3), std::string("0.000 ms")); // rounds to zero: no sign
        QCOMPARE(ladderMsText(7, 6), std::string("0.000007 ms"));
        QCOMPARE(ladderExactMsText(5'003'250'000), std::string("5003.25 ms"));
        QCOMPARE(ladderExactMsText(12'000'000), std::string("12 ms"));
        QCOMPARE(ladderExactMsText(1'234'567), std::string("1.235 ms"));
        QCOMPARE(ladderExactMsText(-1'500'000), std::string("-1.5 ms"));
        QCOMPARE(ladderExactMsText(0), std::string("0 ms"));
        // 4 px/ms, ticks >= 48 px apart: 12 ms needed, 20 ms is the next 1-2-5 step.
        QCOMPARE(ladderTickStepNs(4, 48), ms(20));
        QCOMPARE(ladderTickStepNs(2, 15), ms(10));
        QCOMPARE(ladderTickStepNs(1000, 48), std::int64_t{50'000});
        QCOMPARE(ladderTickStepNs(1e-12, 48), std::int64_t{500'000'000'000'000'000});
    }

    void columns() {
        LadderLayout l(baseSettings());
        QCOMPARE(l.columnX(LabHost::A), 220.0);
        QCOMPARE(l.columnX(LabHost::B), 500.0);
        QCOMPARE(l.wireX(), 360.0);
        QCOMPARE(l.width(), 640.0);
    }

    // Time mode: y = top + (t - origin) * pxPerMs.
    void handshakeGeometryTimeMode() {
        LadderLayout l(baseSettings());
        addRun(l);
        const auto& a = l.arrows();
        const auto& c = l.calls();
        QCOMPARE(a.size(), std::size_t(9));
        QCOMPARE(c.size(), std::size_t(4));
        QCOMPARE(l.originNs(), std::int64_t{0}); // connect() at 0 is the earliest event
        const auto y = [](double t) { return 56 + 2 * t; };

        QVERIFY(samePoint(a[Syn].from, 220, y(1)));
        QVERIFY(samePoint(a[Syn].to, 500, y(11)));
        QVERIFY(samePoint(a[SynAck].from, 500, y(12)));
        QVERIFY(samePoint(a[SynAck].to, 220, y(22)));
        QVERIFY(samePoint(a[Ack].from, 220, y(23)));
        QVERIFY(samePoint(a[Ack].to, 500, y(33)));
        QVERIFY(samePoint(a[Retransmitted].from, 220, y(241)));
        QVERIFY(samePoint(a[Retransmitted].to, 500, y(251)));
        QVERIFY(samePoint(a[Ack101].from, 500, y(252)));
        QVERIFY(samePoint(a[Ack101].to, 220, y(262)));

        // Dropped: from A at departure to the middle of the wire, 12 px lower; no head.
        QVERIFY(samePoint(a[Lost].from, 220, y(41)));
        QVERIFY(samePoint(a[Lost].to, 360, y(41) + 12));
        for (const auto& p : a[Lost].head) {
            QVERIFY(samePoint(p, 360, y(41) + 12));
        }
        QCOMPARE(a[Lost].text, std::string("PSH,ACK seq=1 len=100 [dropped]"));
        // Its label starts 6 px from A along the line (not over A's call labels).
        {
            const LadderArrow& lost = a[Lost];
            QCOMPARE(lost.labelAnchor, LadderTextAnchor::Start);
            const double len = std::hypot(140.0, 12.0);
            const LadderPoint on{220 + 6 * 140 / len, y(41) + 6 * 12 / len};
            QVERIFY(near(std::hypot(lost.labelAt.x - on.x, lost.labelAt.y - on.y), 3));
            QVERIFY(near(distanceToLine(lost.labelAt, lost.from, lost.to), 3));
            // The text runs towards B: the extent reaches its end, 31 x 6.5 px along the line.
            const double angle = lost.labelAngleDeg * std::numbers::pi / 180;
            QVERIFY(lost.bottom >= lost.labelAt.y + 31 * 6.5 * std::sin(angle) - 1e-9);
        }
        QCOMPARE(a[Retransmitted].text, std::string("PSH,ACK seq=1 len=100 [retransmission]"));
        QCOMPARE(a[Copy].text, std::string("PSH,ACK seq=201 len=100 [duplicate]"));
        QCOMPARE(a[Late].text, std::string("PSH,ACK seq=101 len=100 [reordered]"));

        // The reordered pair crosses: seq=101 left first and arrived last.
        QVERIFY(cross(a[Late], a[Early]));
        QVERIFY(!cross(a[Syn], a[Ack]));
        QVERIFY(a[Early].to.y < a[Late].to.y);

        // Arrowhead: tip on the destination, base headPx back along the line, 2 x 0.4 x headPx
        // wide, symmetric about the line.
        for (const std::size_t i : {std::size_t(Syn), std::size_t(SynAck), std::size_t(Late)}) {
            const LadderArrow& arrow = a[i];
            QVERIFY(samePoint(arrow.head[0], arrow.to.x, arrow.to.y));
            const LadderPoint base{(arrow.head[1].x + arrow.head[2].x) / 2,
                                   (arrow.head[1].y + arrow.head[2].y) / 2};
            QVERIFY(near(std::hypot(base.x - arrow.to.x, base.y - arrow.to.y), 8));
            QVERIFY(near(distanceToLine(base, arrow.from, arrow.to), 0, 1e-9));
            QVERIFY(near(
                std::hypot(arrow.head[1].x - arrow.head[2].x, arrow.head[1].y - arrow.head[2].y),
                6.4));
            // The base is between the two ends (the head points at the destination).
            QVERIFY(std::abs(base.x - arrow.from.x) < std::abs(arrow.to.x - arrow.from.x));
        }

        // Labels along the line, reading left to right, 3 px above its middle.
        const double synAngle = std::atan2(20.0, 280.0) * 180 / std::numbers::pi;
        QVERIFY(near(a[Syn].labelAngleDeg, synAngle));
        QVERIFY(near(a[SynAck].labelAngleDeg, -synAngle)); // B -> A going down: rising text
        for (const auto& arrow : a) {
            QVERIFY(arrow.labelAngleDeg > -90 && arrow.labelAngleDeg < 90);
            QVERIFY(near(distanceToLine(arrow.labelAt, arrow.from, arrow.to), 3));
            QVERIFY(arrow.labelAt.y < lineYAt(arrow.from, arrow.to, arrow.labelAt.x));
            if (!arrow.packet.dropped()) {
                QCOMPARE(arrow.labelAnchor, LadderTextAnchor::Middle);
                QVERIFY(std::abs(arrow.labelAt.x - (arrow.from.x + arrow.to.x) / 2) <= 3);
            }
            // The extent covers line, head and the label's baseline.
            QVERIFY(arrow.top <= std::min(arrow.from.y, arrow.to.y) - 5);
            QVERIFY(arrow.bottom >= std::max(arrow.from.y, arrow.to.y) + 5);
            QVERIFY(arrow.top <=
                    arrow.labelAt.y - 14 * std::cos(arrow.labelAngleDeg * std::numbers::pi / 180));
        }

        // Calls: a dot on the column, A's label to the left (ending 8 px before), B's right.
        QVERIFY(samePoint(c[Connect].at, 220, y(0)));
        QVERIFY(c[Connect].textEndsAtAnchor);
        QCOMPARE(c[Connect].textAt.x, 212.0);
        QVERIFY(near(c[Connect].left, 212 - 9 * 6.5)); // "connect()": 9 characters
        QCOMPARE(c[Connect].right, 223.0);
        QVERIFY(samePoint(c[Accept].at, 500, y(34)));
        QVERIFY(!c[Accept].textEndsAtAnchor);
        QCOMPARE(c[Accept].textAt.x, 508.0);
        QCOMPARE(c[Accept].left, 497.0);
        QVERIFY(near(c[Accept].right, 508 + 8 * 6.5));
        QVERIFY(samePoint(c[Recv].at, 500, y(252)));
        QCOMPARE(c[Recv].top, y(252) - 7);
        QCOMPARE(c[Recv].bottom, y(252) + 7);

        // Follow-live: the latest event is seq=101's arrival at 330 ms.
        QCOMPARE(l.latestY(), y(330));
        double lowest = 0;
        for (const auto& arrow : a) {
            lowest = std::max(lowest, arrow.bottom);
        }
        QCOMPARE(l.height(), lowest + 32);
        QVERIFY(l.height() >= l.latestY() + 32);
        QCOMPARE(l.eventCount(), std::size_t(21));
        QVERIFY(l.breaks().empty());
    }

    // Sequence mode: one row per departure, arrival and call, by time.
    void sequenceModeRows() {
        LadderLayout l(baseSettings(LadderMode::Sequence));
        addRun(l);
        const auto& a = l.arrows();
        const auto& c = l.calls();
        const auto row = [](int r) { return 56.0 + 20.0 * r; };
        // 0 connect, 1-2 SYN, 3-4 SYN,ACK, 5-6 ACK, 7 accept, 8 send, 9 lost, 10-11 retransmit,
        // 12 ACK 101 leaves (252), 13 recv (252: a departure sorts before a call at the same
        // ns), 14 ACK 101 arrives, 15 seq=101 leaves, 16 seq=201 leaves, 17 its copy leaves (same
        // ns, higher ref), 18 seq=201 arrives, 19 copy arrives, 20 seq=101 arrives.
        QVERIFY(samePoint(c[Connect].at, 220, row(0)));
        QVERIFY(samePoint(a[Syn].from, 220, row(1)));
        QVERIFY(samePoint(a[Syn].to, 500, row(2)));
        QVERIFY(samePoint(a[SynAck].from, 500, row(3)));
        QVERIFY(samePoint(a[SynAck].to, 220, row(4)));
        QVERIFY(samePoint(a[Ack].to, 500, row(6)));
        QVERIFY(samePoint(c[Accept].at, 500, row(7)));
        QVERIFY(samePoint(c[Send].at, 220, row(8)));
        QVERIFY(samePoint(a[Lost].from, 220, row(9)));
        QVERIFY(samePoint(a[Lost].to, 360, row(9) + 12));
        QVERIFY(samePoint(a[Retransmitted].from, 220, row(10)));
        QVERIFY(samePoint(a[Retransmitted].to, 500, row(11)));
        QVERIFY(samePoint(a[Ack101].from, 500, row(12)));
        QVERIFY(samePoint(c[Recv].at, 500, row(13)));
        QVERIFY(samePoint(a[Ack101].to, 220, row(14)));
        QVERIFY(samePoint(a[Late].from, 220, row(15)));
        QVERIFY(samePoint(a[Early].from, 220, row(16)));
        QVERIFY(samePoint(a[Copy].from, 220, row(17)));
        QVERIFY(samePoint(a[Early].to, 500, row(18)));
        QVERIFY(samePoint(a[Copy].to, 500, row(19)));
        QVERIFY(samePoint(a[Late].to, 500, row(20)));
        // Crossing arrows show the reordering; arrival order is seq=201, copy, seq=101.
        QVERIFY(cross(a[Late], a[Early]));
        QVERIFY(cross(a[Late], a[Copy]));
        QVERIFY(!cross(a[Early], a[Copy]));
        QCOMPARE(l.latestY(), row(20));
        QCOMPARE(l.eventCount(), std::size_t(21));

        // One tick per row, with that event's time.
        const LadderBand all = l.itemsIn(0, l.height());
        QCOMPARE(all.ticks.size(), std::size_t(21));
        QCOMPARE(all.ticks[16].y, row(16));
        QCOMPARE(all.ticks[16].ns, ms(305));
        QCOMPARE(all.ticks[16].label, std::string("305 ms"));
        QCOMPARE(all.ticks[0].label, std::string("0 ms"));
        // A band around rows 3..4 (+- half a label): exactly those ticks.
        const LadderBand some = l.itemsIn(row(3) - 5, row(4) + 5);
        QCOMPARE(some.ticks.size(), std::size_t(2));
        QCOMPARE(some.ticks[0].y, row(3));
        QVERIFY(some.breaks.empty());
        QCOMPARE(l.yAt(ms(305)), row(16));
        QCOMPARE(l.yAt(ms(306)), row(18));
        QCOMPARE(l.yAt(ms(1000)), row(21)); // one row past the last
    }

    // A packet the wire held for less than a microsecond: it leaves before it arrives.
    void zeroDelayPacket() {
        for (const auto mode : {LadderMode::Time, LadderMode::Sequence}) {
            LadderLayout l(baseSettings(mode));
            l.add(packet(5, 5, BtoA, "ACK", 1));
            const auto& arrow = l.arrows()[0];
            QCOMPARE(arrow.from.x, 500.0);
            QCOMPARE(arrow.to.x, 220.0);
            QCOMPARE(arrow.from.y, 56.0);
            QCOMPARE(arrow.to.y, mode == LadderMode::Time ? 56.0 : 76.0);
            QCOMPARE(arrow.labelAngleDeg, mode == LadderMode::Time
                                              ? 0.0
                                              : -std::atan2(20.0, 280.0) * 180 / std::numbers::pi);
        }
    }

    // B -> A dropped: the label ends 6 px left of B and runs left, past the cross.
    void droppedFromB() {
        LadderLayout l(baseSettings());
        l.add(packet(10, 10, BtoA, "UDP 100", 1, RecordFlag::WireDropped, false, false));
        const LadderArrow& lost = l.arrows()[0];
        QVERIFY(samePoint(lost.from, 500, 56));
        QVERIFY(samePoint(lost.to, 360, 68));
        QCOMPARE(lost.labelAnchor, LadderTextAnchor::End);
        QVERIFY(lost.labelAt.x < 500 && lost.labelAt.x > 490);
        QVERIFY(lost.labelAt.y < lineYAt(lost.from, lost.to, lost.labelAt.x));
        QVERIFY(lost.labelAngleDeg < 0); // rising to the right, as the line seen from A
        QCOMPARE(l.latestY(), 56.0);
        QCOMPARE(l.height(), lost.bottom + 32);
    }

    void zoom() {
        LadderSettings s = baseSettings();
        LadderLayout wide(s);
        s.pxPerMs = 8;
        LadderLayout tall(s);
        addRun(wide);
        addRun(tall);
        for (std::size_t i = 0; i < wide.arrows().size(); ++i) {
            const auto& w = wide.arrows()[i];
            const auto& t = tall.arrows()[i];
            QVERIFY(near((t.from.y - 56), 4 * (w.from.y - 56)));
            if (w.packet.dropped()) {
                QVERIFY(near(t.to.y - t.from.y, 12)); // the drop mark does not scale
            } else {
                QVERIFY(near((t.to.y - 56), 4 * (w.to.y - 56)));
            }
            QCOMPARE(t.from.x, w.from.x);
            QCOMPARE(t.to.x, w.to.x);
        }
        for (std::size_t j = 0; j < wide.calls().size(); ++j) {
            QVERIFY(near(tall.calls()[j].at.y - 56, 4 * (wide.calls()[j].at.y - 56)));
        }
        QVERIFY(near(tall.latestY() - 56, 4 * (wide.latestY() - 56)));
        // Changing the settings of a built layout lays it out again.
        wide.setSettings(s);
        QCOMPARE(wide.arrows()[Late].to.y, tall.arrows()[Late].to.y);
        QCOMPARE(wide.latestY(), tall.latestY());
    }

    void ticksTimeMode() {
        LadderSettings s = baseSettings();
        s.pxPerMs = 4;
        s.tickSpacingPx = 48; // 20 ms steps
        LadderLayout l(s);
        l.add(call(0, LabHost::A, "connect()", 1));
        l.add(call(100, LabHost::A, "close()", 2));
        const LadderBand all = l.itemsIn(0, l.height());
        QCOMPARE(all.ticks.size(), std::size_t(6));
        for (std::size_t k = 0; k < 6; ++k) {
            QCOMPARE(all.ticks[k].y, 56.0 + 80.0 * static_cast<double>(k));
            QCOMPARE(all.ticks[k].ns, ms(20 * static_cast<std::int64_t>(k)));
            QCOMPARE(all.ticks[k].label, std::to_string(20 * k) + " ms");
        }
        // [130, 220] widened by half a label (7 px): the 20 ms (136) and 40 ms (216) ticks.
        const LadderBand band = l.itemsIn(130, 220);
        QCOMPARE(band.ticks.size(), std::size_t(2));
        QCOMPARE(band.ticks[0].label, std::string("20 ms"));
        QCOMPARE(band.ticks[1].label, std::string("40 ms"));
        QCOMPARE(l.itemsIn(131, 140).ticks.size(), std::size_t(1)); // 136 is in
        QCOMPARE(l.itemsIn(144, 200).ticks.size(), std::size_t(0)); // 136 + 7 < 144
        // Sub-millisecond steps get the decimals they need.
        s.pxPerMs = 1000; // 50 us steps
        l.setSettings(s);
        const LadderBand fine = l.itemsIn(56, 56 + 160);
        QVERIFY(fine.ticks.size() >= 4);
        QCOMPARE(fine.ticks[1].label, std::string("0.05 ms"));
        QCOMPARE(fine.ticks[2].label, std::string("0.10 ms"));
        // An origin before the first event: the drawing starts there, labelled 0.
        s.pxPerMs = 4;
        s.originNs = -ms(20);
        l.setSettings(s);
        QCOMPARE(l.originNs(), -ms(20));
        QCOMPARE(l.calls()[0].at.y, 56.0 + 80);
        QCOMPARE(l.itemsIn(0, 60).ticks.at(0).label, std::string("0 ms"));
        // An origin after the first event: earlier events are at top, labelled negative.
        s.originNs = ms(40);
        l.setSettings(s);
        QCOMPARE(l.calls()[0].at.y, 56.0);
        QCOMPARE(l.itemsIn(0, 60).ticks.at(0).label, std::string("-40 ms"));
        QCOMPARE(l.yAt(ms(40)), 56.0 + 160);
    }

    void gapCompression() {
        LadderSettings s = baseSettings();
        s.gapMs = 100;
        s.gapPx = 20;
        LadderLayout l(s);
        // Shuffled on purpose.
        l.add(call(5000, LabHost::A, "send 1", 3));
        l.add(call(0, LabHost::A, "connect()", 1));
        l.add(call(20000, LabHost::A, "close()", 5));
        l.add(call(10, LabHost::B, "accept()", 2));
        l.add(call(5010, LabHost::B, "recv 1", 4));
        // 0 -> 10 ms linear (20 px), 10 -> 5000 a 20 px break, 5000 -> 5010 linear, 5010 ->
        // 20000 another break.
        const std::map<std::uint64_t, double> expected{
            {1, 56}, {2, 76}, {3, 96}, {4, 116}, {5, 136}};
        for (const auto& m : l.calls()) {
            QCOMPARE(m.at.y, expected.at(m.call.ref));
        }
        const std::vector<LadderBreak> breaks{{76, 96, ms(10), ms(5000)},
                                              {116, 136, ms(5010), ms(20000)}};
        QCOMPARE(l.breaks(), breaks);
        QCOMPARE(l.latestY(), 136.0);
        QCOMPARE(l.height(), 136.0 + 7 + 32);
        // Inside a break time is interpolated.
        QCOMPARE(l.yAt(ms(2505)), 86.0);
        QCOMPARE(l.yAt(ms(5005)), 106.0);
        // 10 ms ticks in the drawn stretches, and the exact time after each break.
        const LadderBand all = l.itemsIn(0, l.height());
        std::vector<std::pair<double, std::string>> ticks;
        for (const auto& t : all.ticks) {
            ticks.emplace_back(t.y, t.label);
        }
        const std::vector<std::pair<double, std::string>> expectedTicks{
            {56, "0 ms"}, {76, "10 ms"}, {96, "5000 ms"}, {116, "5010 ms"}, {136, "20000 ms"}};
        QCOMPARE(ticks, expectedTicks);
        QCOMPARE(all.breaks, breaks);
        // A band inside the first break: that break only.
        const LadderBand inside = l.itemsIn(84, 88); // calls reach 7 px around 76 and 96
        QCOMPARE(inside.breaks.size(), std::size_t(1));
        QCOMPARE(inside.breaks[0], breaks[0]);
        QVERIFY(inside.calls.empty());

        // Not compressed: gaps below the threshold, or already shorter than gapPx.
        s.gapMs = 20000;
        l.setSettings(s);
        QVERIFY(l.breaks().empty());
        QCOMPARE(l.latestY(), 56.0 + 40000);
        s.gapMs = 100;
        s.pxPerMs = 0.001; // 4990 ms = 4.99 px < 20 px
        l.setSettings(s);
        QVERIFY(l.breaks().empty());
        // Gap compression does not apply to Sequence mode.
        s.pxPerMs = 2;
        s.mode = LadderMode::Sequence;
        l.setSettings(s);
        QVERIFY(l.breaks().empty());
        QVERIFY(l.itemsIn(0, 1e9).breaks.empty());
        QCOMPARE(l.latestY(), 56.0 + 4 * 20);

        // A break right after the first event (a lone point before it).
        s.mode = LadderMode::Time;
        LadderLayout lone(s);
        lone.add(call(0, LabHost::A, "a", 1));
        lone.add(call(1000, LabHost::A, "b", 2));
        lone.add(call(1001, LabHost::A, "c", 3));
        QCOMPARE(lone.calls()[1].at.y, 76.0);
        QCOMPARE(lone.calls()[2].at.y, 78.0);
        QCOMPARE(lone.yAt(-ms(1)), 54.0);
        QCOMPARE(lone.itemsIn(0, 60).ticks.at(0).label, std::string("0 ms"));
        QCOMPARE(lone.itemsIn(70, 80).ticks.at(0).label, std::string("1000 ms"));
    }

    void intervalIndexMatchesBruteForce() {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> pos(0, 10000);
        std::exponential_distribution<double> len(0.01);
        std::vector<IntervalIndex::Interval> intervals;
        for (std::uint32_t i = 0; i < 5000; ++i) {
            const double lo = std::floor(pos(rng));
            // Points, short, long and very long intervals, and repeated endpoints.
            const double l = i % 10 == 0 ? 0 : i % 97 == 0 ? 8000 : std::floor(len(rng));
            intervals.push_back({lo, lo + l, i});
        }
        intervals.push_back({500, 400, 5000}); // reversed: taken as [400, 500]
        const IntervalIndex index(intervals);
        QCOMPARE(index.size(), intervals.size());
        for (int q = 0; q < 500; ++q) {
            double a = std::floor(pos(rng));
            double b = q % 5 == 0 ? a : a + std::floor(len(rng));
            if (q % 7 == 0) {
                std::swap(a, b);
            }
            std::vector<std::uint32_t> got;
            index.query(a, b, got);
            std::vector<std::uint32_t> want;
            const double lo = std::min(a, b);
            const double hi = std::max(a, b);
            for (const auto& i : intervals) {
                if (std::min(i.lo, i.hi) <= hi && std::max(i.lo, i.hi) >= lo) {
                    want.push_back(i.id);
                }
            }
            std::sort(got.begin(), got.end());
            QVERIFY2(std::adjacent_find(got.begin(), got.end()) == got.end(), "reported twice");
            QCOMPARE(got, want);
        }
        std::vector<std::uint32_t> none;
        IntervalIndex().query(0, 1, none);
        QVERIFY(none.empty());
    }

    void itemsInMatchesBruteForce_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<double>("gapMs");
        QTest::newRow("time") << int(LadderMode::Time) << 0.0;
        QTest::newRow("time, gaps compressed") << int(LadderMode::Time) << 100.0;
        QTest::newRow("sequence") << int(LadderMode::Sequence) << 0.0;
    }

    void itemsInMatchesBruteForce() {
        QFETCH(int, mode);
        QFETCH(double, gapMs);
        LadderSettings s = baseSettings(static_cast<LadderMode>(mode));
        s.gapMs = gapMs;
        s.pxPerMs = 0.5;
        LadderLayout l(s);
        addAll(l, randomRun(4000, 11));
        const double height = l.height();
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<double> y(-100, height + 100);
        std::uniform_real_distribution<double> span(0, 400);
        std::size_t nonEmpty = 0;
        for (int q = 0; q < 300; ++q) {
            double top = y(rng);
            double bottom = q % 10 == 0 ? top : top + span(rng);
            const LadderBand band = q % 9 == 0 ? l.itemsIn(bottom, top) : l.itemsIn(top, bottom);
            std::vector<std::size_t> arrows;
            std::vector<std::size_t> calls;
            for (std::size_t i = 0; i < l.arrows().size(); ++i) {
                if (l.arrows()[i].top <= bottom && l.arrows()[i].bottom >= top) {
                    arrows.push_back(i);
                }
            }
            for (std::size_t j = 0; j < l.calls().size(); ++j) {
                if (l.calls()[j].top <= bottom && l.calls()[j].bottom >= top) {
                    calls.push_back(j);
                }
            }
            QCOMPARE(sorted(band.arrows), arrows);
            QCOMPARE(sorted(band.calls), calls);
            nonEmpty += arrows.empty() ? 0 : 1;
            std::vector<LadderBreak> breaks;
            for (const auto& br : l.breaks()) {
                if (br.top <= bottom && br.bottom >= top) {
                    breaks.push_back(br);
                }
            }
            QCOMPARE(band.breaks, breaks);
            for (std::size_t k = 0; k < band.ticks.size(); ++k) {
                QVERIFY(band.ticks[k].y >= top - 7 && band.ticks[k].y <= bottom + 7);
                if (k > 0) {
                    QVERIFY(band.ticks[k].y > band.ticks[k - 1].y);
                }
            }
        }
        QVERIFY(nonEmpty > 100); // the bands did hit things
        QVERIFY(!l.itemsIn(0, height).ticks.empty());
        if (gapMs > 0) {
            QVERIFY(!l.breaks().empty());
        }
        // Every item lies inside the drawing.
        for (const auto& a : l.arrows()) {
            QVERIFY(a.top >= 0 && a.bottom <= height);
        }
        // The whole drawing returns everything.
        const LadderBand all = l.itemsIn(-1e9, 1e9);
        QCOMPARE(all.arrows.size(), l.arrows().size());
        QCOMPARE(all.calls.size(), l.calls().size());
    }

    void hitTest() {
        LadderLayout l(baseSettings());
        addRun(l);
        const auto& syn = l.arrows()[Syn];
        // On the SYN line, in the middle.
        const LadderPoint mid{(syn.from.x + syn.to.x) / 2, (syn.from.y + syn.to.y) / 2};
        auto hit = l.hitTest(mid.x, mid.y, 4);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->kind, LadderItem::Packet);
        QCOMPARE(hit->index, std::size_t(Syn));
        QCOMPARE(hit->ref, std::uint64_t{1});
        QVERIFY(near(hit->distance, 0, 1e-9));
        // 3 px below the line (perpendicular): found within 4 px, not within 2.
        const double dx = syn.to.x - syn.from.x;
        const double dy = syn.to.y - syn.from.y;
        const double len = std::hypot(dx, dy);
        const LadderPoint off{mid.x - 3 * dy / len, mid.y + 3 * dx / len};
        hit = l.hitTest(off.x, off.y, 4);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->ref, std::uint64_t{1});
        QVERIFY(near(hit->distance, 3, 1e-9));
        QVERIFY(!l.hitTest(off.x, off.y, 2).has_value());
        // On connect()'s dot, 2 px from where the SYN leaves: the call (distance 0) wins.
        hit = l.hitTest(218, 57, 4);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->kind, LadderItem::Call);
        QCOMPARE(hit->ref, std::uint64_t{100});
        QCOMPARE(hit->distance, 0.0);
        // On connect()'s label, left of column A.
        hit = l.hitTest(190, 56, 4);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->kind, LadderItem::Call);
        QCOMPARE(hit->ref, std::uint64_t{100});
        QCOMPARE(hit->distance, 0.0);
        // On the drop cross.
        hit = l.hitTest(360, 56 + 82 + 12, 2);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->ref, std::uint64_t{4});
        // Nowhere near anything.
        QVERIFY(!l.hitTest(630, 400, 5).has_value());
        QVERIFY(!l.hitTest(mid.x, mid.y, -1).has_value());
        // Between the reordered lines (seq=201 is 16 px above there), the nearer one wins.
        const auto& late = l.arrows()[Late];
        hit = l.hitTest(400, lineYAt(late.from, late.to, 400) + 0.1, 20);
        QVERIFY(hit.has_value());
        QCOMPARE(hit->ref, std::uint64_t{7});

        // Against a scan of everything, on random data and random points.
        for (const auto mode : {LadderMode::Time, LadderMode::Sequence}) {
            LadderSettings s = baseSettings(mode);
            s.pxPerMs = 0.5;
            LadderLayout r(s);
            addAll(r, randomRun(1500, 5));
            std::mt19937_64 rng(9);
            std::uniform_real_distribution<double> x(0, r.width());
            std::uniform_real_distribution<double> y(0, r.height());
            int found = 0;
            for (int q = 0; q < 400; ++q) {
                const double px = x(rng);
                const double py = y(rng);
                const auto got = r.hitTest(px, py, 6);
                const auto want = bruteHit(r, px, py, 6);
                QCOMPARE(got.has_value(), want.has_value());
                if (got) {
                    ++found;
                    QCOMPARE(got->kind, want->kind);
                    QCOMPARE(got->index, want->index);
                    QCOMPARE(got->ref, want->ref);
                    QVERIFY(near(got->distance, want->distance));
                }
            }
            QVERIFY(found > 20);
        }
    }

    // Appending live in any order gives the same geometry as appending in time order, and the
    // layout is right after every batch.
    void liveAppendsOutOfOrder_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("time") << int(LadderMode::Time);
        QTest::newRow("sequence") << int(LadderMode::Sequence);
    }

    void liveAppendsOutOfOrder() {
        QFETCH(int, mode);
        LadderSettings s = baseSettings(static_cast<LadderMode>(mode));
        s.gapMs = 100;
        const RandomRun run = randomRun(600, 21);

        // Reference: everything at once, in time order.
        RandomRun ordered = run;
        std::sort(ordered.packets.begin(), ordered.packets.end(),
                  [](const auto& a, const auto& b) { return a.departNs < b.departNs; });
        std::sort(ordered.calls.begin(), ordered.calls.end(),
                  [](const auto& a, const auto& b) { return a.timeNs < b.timeNs; });
        LadderLayout reference(s);
        addAll(reference, ordered);

        // Live: shuffled, packets and calls interleaved, queried between batches.
        struct Item {
            const LadderPacket* packet = nullptr;
            const LadderCall* call = nullptr;
        };
        std::vector<Item> items;
        for (const auto& p : run.packets) {
            items.push_back({&p, nullptr});
        }
        for (const auto& c : run.calls) {
            items.push_back({nullptr, &c});
        }
        std::mt19937_64 rng(4);
        std::shuffle(items.begin(), items.end(), rng);
        LadderLayout live(s);
        std::int64_t latest = std::numeric_limits<std::int64_t>::min();
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].packet != nullptr) {
                live.add(*items[i].packet);
                latest = std::max(
                    latest, items[i].packet->dropped()
                                ? items[i].packet->departNs
                                : std::max(items[i].packet->departNs, items[i].packet->arriveNs));
            } else {
                live.add(*items[i].call);
                latest = std::max(latest, items[i].call->timeNs);
            }
            if (i % 37 == 0) {
                // As a painter would: the band and the follow-live y are up to date.
                (void)live.itemsIn(0, live.height());
                if (static_cast<LadderMode>(mode) == LadderMode::Time) {
                    QCOMPARE(live.latestY(), live.yAt(latest));
                } else {
                    QCOMPARE(live.latestY(), 56.0 + 20.0 * double(live.eventCount() - 1));
                }
            }
        }
        QCOMPARE(live.arrows().size(), reference.arrows().size());
        std::map<std::uint64_t, const LadderArrow*> byRef;
        for (const auto& a : reference.arrows()) {
            byRef[a.packet.ref] = &a;
        }
        for (const auto& a : live.arrows()) {
            const LadderArrow& r = *byRef.at(a.packet.ref);
            QCOMPARE(a.from, r.from);
            QCOMPARE(a.to, r.to);
            QCOMPARE(a.head, r.head);
            QCOMPARE(a.labelAt, r.labelAt);
            QCOMPARE(a.top, r.top);
            QCOMPARE(a.bottom, r.bottom);
        }
        std::map<std::uint64_t, const LadderCallMark*> callByRef;
        for (const auto& c : reference.calls()) {
            callByRef[c.call.ref] = &c;
        }
        for (const auto& c : live.calls()) {
            QCOMPARE(c.at, callByRef.at(c.call.ref)->at);
        }
        QCOMPARE(live.height(), reference.height());
        QCOMPARE(live.latestY(), reference.latestY());
        QCOMPARE(live.breaks(), reference.breaks());

        // An event earlier than everything moves the origin and shifts the rest down.
        LadderSettings plain = baseSettings(static_cast<LadderMode>(mode));
        LadderLayout shifting(plain);
        shifting.add(call(100, LabHost::A, "send 1", 1));
        QCOMPARE(shifting.calls()[0].at.y, 56.0);
        QCOMPARE(shifting.latestY(), 56.0);
        shifting.add(call(90, LabHost::B, "recv 1", 2));
        QCOMPARE(shifting.calls()[1].at.y, 56.0);
        QCOMPARE(shifting.calls()[0].at.y, 76.0); // 10 ms x 2 px/ms, or the second row
        QCOMPARE(shifting.originNs(), ms(90));
        QCOMPARE(shifting.latestY(), 76.0);
        shifting.clear();
        QVERIFY(shifting.arrows().empty());
        QCOMPARE(shifting.height(), 56.0 + 32);
    }

    // Fed as a live run would be, batch by batch, the layout equals one made from scratch
    // after every batch, and it did not lay everything out again each time.
    void liveFeedMatchesFreshLayout_data() {
        QTest::addColumn<int>("mode");
        QTest::addColumn<double>("gapMs");
        QTest::addColumn<int>("events");
        QTest::newRow("time") << int(LadderMode::Time) << 0.0 << 900;
        QTest::newRow("time, gaps compressed") << int(LadderMode::Time) << 200.0 << 900;
        QTest::newRow("sequence") << int(LadderMode::Sequence) << 0.0 << 900;
        QTest::newRow("time, long") << int(LadderMode::Time) << 200.0 << 6000;
        QTest::newRow("sequence, long") << int(LadderMode::Sequence) << 0.0 << 6000;
    }

    void liveFeedMatchesFreshLayout() {
        QFETCH(int, mode);
        QFETCH(double, gapMs);
        QFETCH(int, events);
        LadderSettings s = baseSettings(static_cast<LadderMode>(mode));
        s.gapMs = gapMs;
        const auto feed = liveFeed(static_cast<std::size_t>(events), 17);
        std::mt19937_64 rng(23);
        std::uniform_int_distribution<std::size_t> batch(1, 40);
        LadderLayout live(s);
        std::size_t batches = 0;
        for (std::size_t i = 0; i < feed.size();) {
            const std::size_t end = std::min(feed.size(), i + batch(rng));
            for (; i < end; ++i) {
                append(live, feed[i]);
            }
            ++batches;
            (void)live.latestY(); // a paint: lays out what the batch changed
            // Comparing is O(n log n): every batch for short runs, now and then for long.
            if (events < 1000 || batches % 25 == 0 || i == feed.size()) {
                LadderLayout fresh(s);
                for (std::size_t k = 0; k < i; ++k) {
                    append(fresh, feed[k]);
                }
                compareLayouts(live, fresh, rng);
                if (QTest::currentTestFailed()) {
                    qWarning("after %zu items", i);
                    return;
                }
            }
        }
        QVERIFY(batches > 20);
        qInfo("%zu batches, %llu full layouts", batches,
              static_cast<unsigned long long>(live.fullLayoutCount()));
        if (events < 1000) {
            // Nothing reached behind the first event or the horizon: one layout at the start.
            QCOMPARE(live.fullLayoutCount(), std::uint64_t{1});
        } else {
            // Long delays reach behind the horizon now and then; most batches are incremental.
            QVERIFY2(live.fullLayoutCount() * 4 < batches,
                     qPrintable(QString("%1 of %2").arg(live.fullLayoutCount()).arg(batches)));
        }
        if (gapMs > 0) {
            QVERIFY(!live.breaks().empty());
        }
    }

    void emptyLayout() {
        LadderLayout l(baseSettings());
        QCOMPARE(l.height(), 88.0);
        QCOMPARE(l.latestY(), 56.0);
        QCOMPARE(l.eventCount(), std::size_t(0));
        const LadderBand band = l.itemsIn(0, 1000);
        QVERIFY(band.arrows.empty() && band.calls.empty() && band.ticks.empty());
        QVERIFY(!l.hitTest(300, 60, 50).has_value());
        QString error;
        const QJsonObject svg = parseSvg(ladderSvg(l), &error);
        QVERIFY2(!svg.isEmpty(), qPrintable(error));
        QCOMPARE(svg["tag"].toString(), QString("svg"));
    }

    void settingsClamped() {
        LadderSettings s = baseSettings();
        s.pxPerMs = 0;
        s.rowPx = std::nan("");
        s.gapPx = -5;
        s.width = 10;
        LadderLayout l(s);
        QCOMPARE(l.settings().pxPerMs, 1e-9);
        QCOMPARE(l.settings().rowPx, 1.0);
        QCOMPARE(l.settings().gapPx, 1.0);
        QCOMPARE(l.settings().width, 120.0);
        QVERIFY(l.columnX(LabHost::A) < l.wireX() && l.wireX() < l.columnX(LabHost::B));
        l.add(packet(0, 1, AtoB, "SYN", 1));
        QVERIFY(std::isfinite(l.arrows()[0].labelAngleDeg));
    }

    void xmlEscaping() {
        QCOMPARE(xmlEscape("a<b&c\"d'e>f"), std::string("a&lt;b&amp;c&quot;d&apos;e&gt;f"));
        QCOMPARE(xmlEscape("caf\xC3\xA9\tok"), std::string("caf\xC3\xA9\tok"));
        QCOMPARE(xmlEscape("x\xFFy"), std::string("x\xEF\xBF\xBDy"));               // not UTF-8
        QCOMPARE(xmlEscape("x\x01y\n"), std::string("x\xEF\xBF\xBDy\xEF\xBF\xBD")); // controls
        QCOMPARE(xmlEscape("\xEF\xBF\xBF"), std::string("\xEF\xBF\xBD"));           // U+FFFF
        QCOMPARE(xmlEscape("\xE2\x82"), std::string("\xEF\xBF\xBD"));               // cut short
        QCOMPARE(xmlEscape(""), std::string());
    }

    void svgDocument() {
        LadderSettings s = baseSettings();
        s.gapMs = 100;
        LadderLayout l(s);
        addRun(l);
        l.add(packet(5000, 5000, BtoA, "ICMP port unreachable", 10, 0, false, false));
        l.add(call(5001, LabHost::A, "weird <tag> & \"q\" 'a'", 102));
        LadderSvgOptions options;
        options.title = "TCP <run> & \"more\"";
        const std::string svg = ladderSvg(l, options);
        QVERIFY(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""));
        QVERIFY(svg.find("<tag>") == std::string::npos);
        QVERIFY(svg.find("weird &lt;tag&gt; &amp; &quot;q&quot; &apos;a&apos;") !=
                std::string::npos);

        QString error;
        const QJsonObject doc = parseSvg(svg, &error);
        QVERIFY2(!doc.isEmpty(), qPrintable(error));
        QCOMPARE(doc["tag"].toString(), QString("svg"));
        QCOMPARE(doc["ns"].toString(), QString("http://www.w3.org/2000/svg"));
        QCOMPARE(doc["version"].toString(), QString("1.1"));
        QCOMPARE(doc["width"].toString(), QString("640"));
        QCOMPARE(doc["height"].toString().toDouble(), std::round(l.height() * 100) / 100);

        const QJsonArray texts = doc["texts"].toArray();
        QVERIFY(containsText(texts, "A 192.0.2.1"));
        QVERIFY(containsText(texts, "B 192.0.2.2"));
        QVERIFY(containsText(texts, "TCP <run> & \"more\""));
        QVERIFY(containsText(texts, "weird <tag> & \"q\" 'a'")); // escaped, parsed back intact
        QVERIFY(containsText(texts, "connect()"));
        QVERIFY(containsText(texts, "SYN,ACK"));
        QVERIFY(containsText(texts, "PSH,ACK seq=1 len=100 [retransmission]"));
        QVERIFY(containsText(texts, "PSH,ACK seq=1 len=100 [dropped]"));
        QVERIFY(containsText(texts, "PSH,ACK seq=201 len=100 [duplicate]"));
        QVERIFY(containsText(texts, "0 ms"));           // the axis
        QVERIFY(containsText(texts, "200.0 ms idle"));  // 41 -> 241 ms compressed
        QVERIFY(containsText(texts, "4670.0 ms idle")); // 330 -> 5000 ms
        QVERIFY(doc["titles"].toArray().contains(QString("TCP <run> & \"more\"")));

        const QJsonObject classes = doc["classes"].toObject();
        QCOMPARE(classes["g.packet"].toInt(), 10);
        QCOMPARE(classes["g.call"].toInt(), 5);
        QCOMPARE(classes["polygon.head"].toInt(), 9);
        QCOMPARE(classes["path.cross"].toInt(), 1);
        QCOMPARE(classes["line.column"].toInt(), 2);
        QCOMPARE(classes["text.host"].toInt(), 2);
        QCOMPARE(classes["rect.break"].toInt(), 2);
        QCOMPARE(classes["g.other"].toInt(), 1);
        QVERIFY(classes["line.tick"].toInt() >= 5);
        QCOMPARE(classes["line.tick"].toInt(), classes["text.tick-label"].toInt());

        std::map<std::string, QJsonObject> byLabel;
        for (const auto& v : doc["packets"].toArray()) {
            byLabel[v.toObject()["label"].toString().toStdString()] = v.toObject();
        }
        const QJsonObject rtx = byLabel.at("PSH,ACK seq=1 len=100 [retransmission]");
        QVERIFY(rtx["class"].toString().split(' ').contains("retransmission"));
        QCOMPARE(rtx["stroke"].toString(), QString("#e67e00"));
        QVERIFY(!rtx["dash"].toString().isEmpty());
        const QJsonObject lost = byLabel.at("PSH,ACK seq=1 len=100 [dropped]");
        QVERIFY(lost["class"].toString().split(' ').contains("dropped"));
        QCOMPARE(lost["crosses"].toInt(), 1);
        QCOMPARE(lost["heads"].toInt(), 0);
        const QJsonObject copy = byLabel.at("PSH,ACK seq=201 len=100 [duplicate]");
        QVERIFY(copy["class"].toString().split(' ').contains("duplicate"));
        QCOMPARE(copy["stroke"].toString(), QString("#8e24aa"));
        QVERIFY(!copy["dash"].toString().isEmpty());
        const QJsonObject plain = byLabel.at("SYN");
        QCOMPARE(plain["stroke"].toString(), QString("#1f4e9c"));
        QVERIFY(plain["dash"].toString().isEmpty());
        QCOMPARE(plain["heads"].toInt(), 1);
        QCOMPARE(byLabel.at("ICMP port unreachable")["stroke"].toString(), QString("#2e7d32"));

        // Sequence mode and custom host names are valid too.
        s.mode = LadderMode::Sequence;
        l.setSettings(s);
        options.hostA = "A 2001:db8::1";
        options.hostB = "B <b>";
        const QJsonObject seq = parseSvg(ladderSvg(l, options), &error);
        QVERIFY2(!seq.isEmpty(), qPrintable(error));
        QVERIFY(containsText(seq["texts"].toArray(), "B <b>"));
        QCOMPARE(seq["classes"].toObject()["text.tick-label"].toInt(), int(l.eventCount()));
    }
};

QTEST_APPLESS_MAIN(TestLadder)
#include "test_ladder.moc"
