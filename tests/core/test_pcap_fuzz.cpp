// Bounded random testing of capture import (issue 10: "truncated and corrupted files give a
// clear error and never crash (fuzz the reassembly with a bounded run)"). Seeded, so a failure
// repeats; each case prints its seed. Issue 12 adds libFuzzer targets over the same code.
//
// 1. TcpReassembler against a model: a random stream cut into segments that arrive out of
//    order, twice, re-cut, partly never, with acknowledgements; every delivered byte must be the
//    stream's own byte at its offset, Data and Gap events must tile the stream from 0, bytes no
//    segment carried must never be delivered, and without losses the whole stream comes out.
// 2. Whole files: a valid capture (TCP with handshake, data both ways, FIN; UDP) mutated at
//    random (bytes, bit flips, cuts, inserted and deleted runs) and imported: every outcome is
//    a success or an error that names the file; what imports is cut into messages by a framing
//    (core/inspect) as the views do; nothing crashes (ASan runs this too).
#include "core/inspect/derived_capture.h"
#include "core/pcapimport/capture_import.h"
#include "core/pcapimport/tcp_reassembler.h"
#include "core/support/bytes.h"
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstring>
#include <random>

using namespace socklab;
using namespace socklab::test;

namespace {

struct Segment {
    std::uint64_t offset = 0;
    std::size_t length = 0;
};

// Framings the imported conversations are cut with (message views over reassembled streams).
constexpr const char* kFramings[] = {"lf", "fixed:5", "len:1", "len:2be+hdr", "idle:1", "delim:ok"};

// Stop a loop after this long even if it has cases left (slow sanitizer builds).
constexpr qint64 kBudgetMs = 8000;

/// A capture with two TCP connections (one out of order, one reset) and UDP both ways.
QByteArray sampleCapture(const QString& path) {
    const char* c = "192.0.2.1";
    const char* s = "192.0.2.2";
    std::vector<CaptureFrame> f;
    std::int64_t t = 1'700'000'000'000'000'000;
    const auto add = [&](Packet p) { f.push_back({std::move(p), t += 1000, 0}); };
    namespace F = TcpFlag;
    for (std::uint16_t port : {40000, 40001}) {
        const std::uint32_t ci = 100u * port;
        const std::uint32_t si = 0xfffffff0u; // wraps inside the stream
        add(tcpPacket(c, port, s, 7000, ci, 0, F::Syn));
        add(tcpPacket(s, 7000, c, port, si, ci + 1, F::Syn | F::Ack));
        add(tcpPacket(c, port, s, 7000, ci + 1, si + 1, F::Ack | F::Psh, "hello there\n"));
        add(tcpPacket(s, 7000, c, port, si + 21, ci + 13, F::Ack | F::Psh, "second"));
        add(tcpPacket(s, 7000, c, port, si + 1, ci + 13, F::Ack | F::Psh,
                      "first part, ok\n\n\n\n\n"));
        add(tcpPacket(s, 7000, c, port, si + 1, ci + 13, F::Ack | F::Psh,
                      "first part, ok\n\n\n\n\n"));
        if (port == 40000) {
            add(tcpPacket(c, port, s, 7000, ci + 13, si + 27, F::Ack | F::Fin));
            add(tcpPacket(s, 7000, c, port, si + 27, ci + 14, F::Ack | F::Fin));
        } else {
            add(tcpPacket(s, 7000, c, port, si + 27, ci + 13, F::Rst));
        }
    }
    add(udpPacket(c, 5000, s, 53, bytesOf("query")));
    add(udpPacket(s, 53, c, 5000, bytesOf("answer!")));
    if (!writeCapture(path, LinkFraming::Ethernet, f).isEmpty()) {
        return {};
    }
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray mutate(QByteArray bytes, std::mt19937& rng) {
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
        // Mostly past the 24-byte file header, so the packets and the reassembly get tested.
        const qsizetype from = bytes.size() > 24 && rng() % 5 != 0 ? 24 : 0;
        const auto at =
            from + static_cast<qsizetype>(rng() % static_cast<std::uint32_t>(bytes.size() - from));
        switch (rng() % 6) {
        case 0:
            bytes[at] = static_cast<char>(rng());
            break;
        case 1:
            bytes[at] = static_cast<char>(bytes[at] ^ (1 << (rng() % 8)));
            break;
        case 2:
            bytes.truncate(at);
            break;
        case 3:
            bytes.insert(
                at, QByteArray(static_cast<qsizetype>(1 + rng() % 64), static_cast<char>(rng())));
            break;
        case 4:
            bytes.remove(at, static_cast<qsizetype>(1 + rng() % 64));
            break;
        default: {
            // A length-like field: 4 bytes of an extreme value.
            const std::uint32_t values[] = {0, 1, 0x7fffffff, 0xffffffff, 65535, 65536};
            const std::uint32_t v = values[rng() % 6];
            for (int i = 0; i < 4 && at + i < bytes.size(); ++i) {
                bytes[at + i] = static_cast<char>(v >> (8 * i));
            }
        }
        }
    }
    return bytes;
}

} // namespace

class TestPcapFuzz : public QObject {
    Q_OBJECT
private slots:
    void reassemblyNeverInventsBytes() {
        QElapsedTimer clock;
        clock.start();
        int cases = 0;
        for (std::uint32_t seed = 1; seed <= 1500 && clock.elapsed() < kBudgetMs; ++seed) {
            std::mt19937 rng(seed);
            const std::size_t length = 1 + rng() % 3000;
            std::vector<std::byte> truth(length);
            for (auto& b : truth) {
                b = static_cast<std::byte>(rng());
            }
            const bool lossy = rng() % 3 == 0;
            // Cut into segments; lose some; send some again re-cut; shuffle nearby ones.
            std::vector<Segment> segments;
            std::vector<bool> carried(length, false);
            for (std::uint64_t at = 0; at < length;) {
                const std::size_t n = std::min<std::size_t>(1 + rng() % 400, length - at);
                if (!(lossy && rng() % 5 == 0)) {
                    segments.push_back({at, n});
                }
                at += n;
            }
            const std::size_t resent = rng() % 4;
            for (std::size_t i = 0; i < resent; ++i) {
                const std::uint64_t a = rng() % length;
                const std::size_t n = 1 + rng() % std::min<std::size_t>(600, length - a);
                if (!lossy) {
                    segments.push_back({a, n}); // a retransmission re-cut at other boundaries
                }
            }
            for (std::size_t i = 1; i < segments.size(); ++i) {
                if (rng() % 4 == 0) {
                    std::swap(segments[i], segments[i - 1 - rng() % std::min<std::size_t>(i, 3)]);
                }
            }
            for (const Segment& s : segments) {
                std::fill_n(carried.begin() + static_cast<std::ptrdiff_t>(s.offset), s.length,
                            true);
            }
            const std::uint32_t isn = rng() % 2 ? 0xffffff00u + rng() % 256 : rng();
            ReassemblyBudget budget{std::size_t{64} << 20};
            TcpReassembler r(budget, std::size_t{1} << 20);
            std::uint64_t tiled = 0;
            bool ok = true;
            QString why;
            const auto sink = [&](const StreamEvent& e) {
                if (!ok) {
                    return;
                }
                if (e.kind != StreamEvent::Kind::Data && e.kind != StreamEvent::Kind::Gap) {
                    return;
                }
                if (e.offset != tiled || e.offset + e.length > length) {
                    ok = false;
                    why = QStringLiteral("event at %1 (+%2) after %3 of %4")
                              .arg(e.offset)
                              .arg(e.length)
                              .arg(tiled)
                              .arg(length);
                    return;
                }
                if (e.kind == StreamEvent::Kind::Data) {
                    for (std::uint64_t i = 0; i < e.length; ++i) {
                        if (!carried[e.offset + i] || e.bytes[i] != truth[e.offset + i]) {
                            ok = false;
                            why = QStringLiteral("byte %1 invented").arg(e.offset + i);
                            return;
                        }
                    }
                }
                tiled = e.offset + e.length;
            };
            r.syn(isn);
            std::int64_t t = 0;
            std::uint64_t sent = 0;
            std::vector<bool> fed(length, false);
            std::uint64_t prefix = 0; // bytes [0, prefix) all fed
            for (const Segment& s : segments) {
                const auto bytes = std::span<const std::byte>(truth).subspan(s.offset, s.length);
                r.segment(isn + 1 + static_cast<std::uint32_t>(s.offset), bytes, s.length,
                          s.offset + s.length == length && rng() % 2 == 0, ++t, sink);
                sent = std::max<std::uint64_t>(sent, s.offset + s.length);
                std::fill_n(fed.begin() + static_cast<std::ptrdiff_t>(s.offset), s.length, true);
                while (prefix < length && fed[prefix]) {
                    ++prefix;
                }
                if (rng() % 8 == 0) {
                    // The receiver acknowledges what it has in order. With losses, the capture
                    // may have missed what it received: holes below the ACK become gaps.
                    const std::uint64_t upTo = lossy ? sent : prefix;
                    r.peerAcked(isn + 1 + static_cast<std::uint32_t>(rng() % (upTo + 1)));
                }
            }
            r.finish(++t, sink);
            QVERIFY2(ok, qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(why)));
            QVERIFY2(tiled <= length, qPrintable(QStringLiteral("seed %1").arg(seed)));
            if (!lossy) {
                // Nothing lost: every byte delivered.
                QVERIFY2(r.deliveredBytes() == length,
                         qPrintable(QStringLiteral("seed %1: %2 of %3 delivered")
                                        .arg(seed)
                                        .arg(r.deliveredBytes())
                                        .arg(length)));
            }
            QCOMPARE(budget.usedBytes, std::size_t(0)); // everything held was released
            ++cases;
        }
        QVERIFY(cases >= 100);
        qInfo("%d reassembly cases", cases);
    }

    void corruptedFilesAreErrorsNotCrashes() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray good = sampleCapture(dir.filePath("good.pcap"));
        QVERIFY(!good.isEmpty());
        auto whole = listCaptureConversations(dir.filePath("good.pcap").toStdString());
        QVERIFY(whole);
        QCOMPARE(whole->conversations.size(), std::size_t(3));

        QElapsedTimer clock;
        clock.start();
        int cases = 0;
        int errors = 0;
        const QString path = dir.filePath("mutated.pcap");
        for (std::uint32_t seed = 1; seed <= 600 && clock.elapsed() < kBudgetMs; ++seed) {
            std::mt19937 rng(seed);
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(mutate(good, rng));
            file.close();
            auto summary = listCaptureConversations(path.toStdString());
            if (!summary) {
                ++errors;
                QVERIFY2(summary.error().op == "import" &&
                             summary.error().object == path.toStdString(),
                         qPrintable(QStringLiteral("seed %1: %2")
                                        .arg(seed)
                                        .arg(QString::fromStdString(summary.error().message()))));
                continue;
            }
            for (const CaptureConversation& c : summary->conversations) {
                if (c.index > 8) {
                    break;
                }
                auto store = std::make_shared<TrafficStore>();
                auto one = importCaptureConversation(path.toStdString(), c.index, *store);
                QVERIFY2(one || one.error().op == "import",
                         qPrintable(QStringLiteral("seed %1").arg(seed)));
                // What was imported is readable to the end, and framed as the views would.
                forEachRecord(*store, [&](const Record& r) { (void)store->recordBytes(r); });
                CaptureView view;
                view.framing = *parseFraming(kFramings[seed % std::size(kFramings)]);
                view.datagrams = c.protocol == CaptureProtocol::Udp;
                auto derived = DerivedCapture::create(store, view);
                QVERIFY(derived);
                while (!derived->advance(64, 0)) {
                }
                derived->finish();
                QVERIFY(derived->store()->counters().bytesIn +
                            derived->store()->counters().bytesOut <=
                        store->counters().bytesIn + store->counters().bytesOut);
            }
            ++cases;
        }
        // Most mutations break the file (libpcap then refuses it); enough must still import for
        // the reassembly and framing to have been exercised.
        const int tried = cases + errors;
        QVERIFY2(tried >= 50 && cases * 25 >= tried,
                 qPrintable(QStringLiteral("%1 of %2 files imported").arg(cases).arg(tried)));
        qInfo("%d mutated files imported, %d refused with an error", cases, errors);
    }
};

QTEST_GUILESS_MAIN(TestPcapFuzz)
#include "test_pcap_fuzz.moc"
