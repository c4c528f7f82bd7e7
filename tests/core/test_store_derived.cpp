// Derived captures (core/inspect): a capture's reads cut into messages by a framing and
// filtered by direction, kind, peer and content, as a TrafficStore of its own. Also runs under
// TSan (test_store*): the live variant follows a store another thread writes, and an engine
// session fed by a python3 client.
#include "core/codec/escapes.h"
#include "core/inspect/derived_capture.h"
#include "core/support/bytes.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"

#include <QTest>
#include <random>
#include <thread>

using namespace socklab;
using namespace socklab::test;

namespace {

/// One record of a derived store as a line, so list comparisons show the first difference:
/// "c1 In \"PING\\r\\n\"", "c0 info \"the stream ended inside a message: 3 bytes\"".
QStringList lines(const TrafficStore& store) {
    QStringList out;
    forEachRecord(store, [&](const Record& r) {
        if (r.kind == RecordKind::Data) {
            out << QStringLiteral("c%1 %2 \"%3\"")
                       .arg(r.connectionId)
                       .arg(r.direction == Direction::In ? QStringLiteral("In")
                                                         : QStringLiteral("Out"))
                       .arg(QString::fromStdString(escapeBytes(store.recordBytes(r))));
        } else if (r.kind == RecordKind::Info) {
            out << QStringLiteral("c%1 info \"%2\"")
                       .arg(r.connectionId)
                       .arg(QString::fromStdString(store.text(r)));
        } else {
            out << QStringLiteral("c%1 event %2").arg(r.connectionId).arg(static_cast<int>(r.kind));
        }
    });
    return out;
}

std::shared_ptr<TrafficStore> derive(const std::shared_ptr<const TrafficStore>& source,
                                     const CaptureView& view) {
    auto d = DerivedCapture::create(source, view);
    if (!d) {
        qWarning() << QString::fromStdString(d.error().message());
        return nullptr;
    }
    while (!d->advance(7, 0)) {
        // small batches: a message spread over batches must come out whole
    }
    d->finish();
    return d->store();
}

FramingSpec framing(std::string_view text) {
    auto spec = parseFraming(text);
    Q_ASSERT(spec);
    return *spec;
}

void data(TrafficStore& s, std::uint32_t connection, Direction dir, std::string_view bytes,
          std::int64_t monoNs = 0, const Endpoint* peer = nullptr) {
    s.appendData(connection, dir, asBytes(bytes), peer, 0, 0, monoNs, monoNs);
}

} // namespace

class TestStoreDerived : public QObject {
    Q_OBJECT
private slots:
    void messagesOfSplitReadsPerConnectionAndDirection() {
        // Two connections, both directions, lines split and merged across reads at random:
        // every (connection, direction) stream gives exactly its lines, in order.
        std::mt19937 rng(7);
        struct Stream {
            std::uint32_t connection;
            Direction dir;
            std::string text;
            std::size_t at = 0;
        };
        std::vector<Stream> streams;
        QStringList expected;
        for (std::uint32_t c : {1u, 2u}) {
            for (Direction d : {Direction::In, Direction::Out}) {
                std::string text;
                for (int i = 0; i < 40; ++i) {
                    const std::string line = "c" + std::to_string(c) +
                                             (d == Direction::In ? "in" : "out") +
                                             std::string(static_cast<std::size_t>(i % 9), 'x') +
                                             std::to_string(i) + "\r\n";
                    text += line;
                }
                streams.push_back({c, d, text});
            }
        }
        auto source = std::make_shared<TrafficStore>();
        std::vector<std::size_t> live{0, 1, 2, 3};
        while (!live.empty()) {
            const std::size_t pick = live[rng() % live.size()];
            Stream& s = streams[pick];
            const std::size_t n = std::min<std::size_t>(1 + rng() % 23, s.text.size() - s.at);
            data(*source, s.connection, s.dir, std::string_view(s.text).substr(s.at, n));
            s.at += n;
            if (s.at == s.text.size()) {
                std::erase(live, pick);
            }
        }
        CaptureView view;
        view.framing = framing("crlf");
        auto derived = derive(source, view);
        QVERIFY(derived);
        for (const Stream& s : streams) {
            QStringList want;
            std::string_view rest = s.text;
            while (!rest.empty()) {
                const std::size_t end = rest.find("\r\n") + 2;
                want << QString::fromStdString(escapeBytes(asBytes(rest.substr(0, end))));
                rest.remove_prefix(end);
            }
            QStringList got;
            forEachRecord(*derived, [&](const Record& r) {
                if (r.connectionId == s.connection && r.direction == s.dir) {
                    got << QString::fromStdString(escapeBytes(derived->recordBytes(r)));
                }
            });
            QCOMPARE(got, want);
        }
        // The counters follow the messages: 40 per stream, every byte once.
        const TrafficCounters c = derived->counters();
        QCOMPARE(c.messagesIn, 80u);
        QCOMPARE(c.messagesOut, 80u);
        QCOMPARE(c.bytesIn + c.bytesOut, source->counters().bytesIn + source->counters().bytesOut);
    }

    void unfinishedMessageEndsWithItsStreamAndSaysSo() {
        auto source = std::make_shared<TrafficStore>();
        source->appendEvent(1, RecordKind::Accepted, "127.0.0.1:40000");
        data(*source, 1, Direction::In, "ONE\nTW");
        data(*source, 1, Direction::Out, "ok\npart");
        source->appendEvent(1, RecordKind::PeerClosed, "");
        data(*source, 1, Direction::Out, "ial\n");
        data(*source, 1, Direction::Out, "tail");
        CaptureView view;
        view.framing = framing("lf");
        auto derived = derive(source, view);
        QVERIFY(derived);
        const QStringList want{
            QStringLiteral("c1 event %1").arg(static_cast<int>(RecordKind::Accepted)),
            "c1 In \"ONE\\n\"", "c1 Out \"ok\\n\"", "c1 In \"TW\"",
            "c1 info \"the stream ended inside a message: 2 bytes\"",
            QStringLiteral("c1 event %1").arg(static_cast<int>(RecordKind::PeerClosed)),
            "c1 Out \"partial\\n\"",
            // finish(): the source is complete.
            "c1 Out \"tail\"", "c1 info \"the stream ended inside a message: 4 bytes\""};
        QCOMPARE(lines(*derived), want);
    }

    void datagramsAreFramedAlone() {
        auto source = std::make_shared<TrafficStore>();
        const auto peer = Endpoint::parse("127.0.0.1:9");
        QVERIFY(peer);
        data(*source, 0, Direction::In, "a\nb\nc", 0, &*peer);
        data(*source, 0, Direction::In, "d\n", 0, &*peer);
        data(*source, 0, Direction::In, "", 0, &*peer);
        CaptureView view;
        view.framing = framing("lf");
        view.datagrams = true;
        auto derived = derive(source, view);
        QVERIFY(derived);
        const QStringList want{
            "c0 In \"a\\n\"", "c0 In \"b\\n\"",
            "c0 In \"c\"",    "c0 info \"the datagram ended inside a message: 1 byte\"",
            "c0 In \"d\\n\"", "c0 In \"\""};
        QCOMPARE(lines(*derived), want);
        // Each message keeps its datagram's peer.
        forEachRecord(*derived, [&](const Record& r) {
            if (r.kind == RecordKind::Data) {
                QCOMPARE(derived->peer(r).toString(), std::string("127.0.0.1:9"));
            }
        });
    }

    void idleGapUsesTheRecordsTimes() {
        auto source = std::make_shared<TrafficStore>();
        constexpr std::int64_t ms = 1'000'000;
        data(*source, 0, Direction::In, "AB", 1000 * ms);
        data(*source, 0, Direction::In, "C", 1010 * ms);  // 10 ms later: same message
        data(*source, 0, Direction::In, "DE", 1200 * ms); // 190 ms later: a new one
        data(*source, 0, Direction::In, "F", 1230 * ms);
        CaptureView view;
        view.framing = framing("idle:50");
        auto derived = derive(source, view);
        QVERIFY(derived);
        QCOMPARE(lines(*derived), QStringList({"c0 In \"ABC\"", "c0 In \"DEF\""}));
        // The first message is stamped with the read that completed it (C at 1010 ms).
        const auto first = derived->record(derived->beginSeq());
        QVERIFY(first);
        QCOMPARE(first->monoNs, 1010 * ms);
    }

    void filterByDirectionKindPeerAndContent_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QStringList>("want");
        const QString accepted =
            QStringLiteral("c1 event %1").arg(static_cast<int>(RecordKind::Accepted));
        const QString reset =
            QStringLiteral("c2 event %1").arg(static_cast<int>(RecordKind::Reset));
        QTest::newRow("in only") << "in"
                                 << QStringList{"c2 In \"ERR 7\\n\"", "c1 In \"PING 1\\n\""};
        QTest::newRow("out only, no events")
            << "out" << QStringList{"c1 Out \"PONG 1\\n\"", "c2 Out \"PONG x\\n\""};
        QTest::newRow("events only")
            << "events"
            << QStringList{
                   accepted,
                   QStringLiteral("c2 event %1").arg(static_cast<int>(RecordKind::Accepted)),
                   "c1 info \"note about PING\""};
        QTest::newRow("errors only") << "errors" << QStringList{reset};
        QTest::newRow("contains") << "contains"
                                  << QStringList{"c1 In \"PING 1\\n\"",
                                                 "c1 info \"note about PING\""};
        QTest::newRow("starts with, data only")
            << "start" << QStringList{"c1 Out \"PONG 1\\n\"", "c2 Out \"PONG x\\n\""};
        QTest::newRow("regex") << "regex" << QStringList{"c1 Out \"PONG 1\\n\""};
        QTest::newRow("hex") << "hex" << QStringList{"c2 In \"ERR 7\\n\""};
        QTest::newRow("peer") << "peer"
                              << QStringList{QStringLiteral("c2 event %1")
                                                 .arg(static_cast<int>(RecordKind::Accepted)),
                                             "c2 In \"ERR 7\\n\"", "c2 Out \"PONG x\\n\"", reset};
    }

    void filterByDirectionKindPeerAndContent() {
        QFETCH(QString, what);
        QFETCH(QStringList, want);
        auto source = std::make_shared<TrafficStore>();
        const auto p1 = Endpoint::parse("127.0.0.1:40001");
        const auto p2 = Endpoint::parse("127.0.0.1:50002");
        QVERIFY(p1 && p2);
        source->appendEvent(1, RecordKind::Accepted, "", 0, &*p1);
        source->appendEvent(2, RecordKind::Accepted, "", 0, &*p2);
        data(*source, 1, Direction::In, "PI");
        data(*source, 2, Direction::In, "ERR 7\n"); // a stream's data records have no peer
        data(*source, 1, Direction::In, "NG 1\n");
        data(*source, 1, Direction::Out, "PONG 1\n");
        source->appendEvent(1, RecordKind::Info, "note about PING");
        data(*source, 2, Direction::Out, "PONG x\n");
        source->appendEvent(2, RecordKind::Reset, "connection reset by peer", ECONNRESET);

        CaptureView view;
        view.framing = framing("lf");
        RecordFilter& f = view.filter;
        if (what == "in") {
            f.out = false;
            f.events = f.errors = false;
        } else if (what == "out") {
            f.in = false;
            f.events = f.errors = false;
        } else if (what == "events") {
            f.data = f.errors = false;
        } else if (what == "errors") {
            f.data = f.events = false;
        } else if (what == "contains") {
            f.match = MatchKind::Contains;
            f.pattern = "PING";
        } else if (what == "start") {
            f.match = MatchKind::StartsWith;
            f.pattern = "PONG";
            f.events = f.errors = false;
        } else if (what == "regex") {
            f.match = MatchKind::Regex;
            f.pattern = "^PONG \\d";
        } else if (what == "hex") {
            f.match = MatchKind::HexPattern;
            f.pattern = "45 52 52 *"; // "ERR" then anything
        } else if (what == "peer") {
            f.peer = ":50002";
        }
        auto derived = derive(source, view);
        QVERIFY(derived);
        QCOMPARE(lines(*derived), want);
    }

    void idleGapIsNotCutWhileCatchingUp() {
        // 100 reads 1 ms apart are one message by a 50 ms gap, however late the pass runs and
        // however small its batches: only when every record is read does the clock count.
        auto source = std::make_shared<TrafficStore>();
        constexpr std::int64_t ms = 1'000'000;
        for (int i = 0; i < 100; ++i) {
            data(*source, 0, Direction::In, "x", (1000 + i) * ms);
        }
        CaptureView view;
        view.framing = framing("idle:50");
        auto d = DerivedCapture::create(source, view);
        QVERIFY(d);
        const std::int64_t late = 1'000'000 * ms;
        while (!d->advance(7, late)) {
        }
        QCOMPARE(lines(*d->store()), QStringList({"c0 In \"" + QString(100, 'x') + "\""}));
    }

    void relayLegsAndReconnectsEndTheRightStreams() {
        auto source = std::make_shared<TrafficStore>();
        data(*source, 1, Direction::In, "GET /a");  // client->server, under way
        data(*source, 1, Direction::Out, "HTTP/1"); // server->client, under way
        // The server's FIN (a server-leg record): server->client ends, the request does not.
        source->appendEvent(1, RecordKind::PeerClosed, "", 0, nullptr, RecordFlag::Upstream);
        data(*source, 1, Direction::In, " x\n");
        // A reopened client (connection 0): what was under way does not join the new stream.
        data(*source, 0, Direction::In, "par");
        source->appendEvent(0, RecordKind::Connecting, "127.0.0.1:9");
        data(*source, 0, Direction::In, "tial\n");
        CaptureView view;
        view.framing = framing("lf");
        view.filter.events = false; // and the notes with them
        auto derived = derive(source, view);
        QVERIFY(derived);
        QCOMPARE(lines(*derived), QStringList({"c1 Out \"HTTP/1\"", "c1 In \"GET /a x\\n\"",
                                               "c0 In \"par\"", "c0 In \"tial\\n\""}));
    }

    void badPatternsAndFramingsAreErrorsNamingThem() {
        auto source = std::make_shared<TrafficStore>();
        CaptureView view;
        view.filter.match = MatchKind::Regex;
        view.filter.pattern = "a(b";
        auto d = DerivedCapture::create(source, view);
        QVERIFY(!d);
        QCOMPARE(QString::fromStdString(d.error().op), QStringLiteral("check filter"));
        QVERIFY2(d.error().message().find("\"a(b\"") != std::string::npos &&
                     d.error().message().find("position 3") != std::string::npos,
                 d.error().message().c_str());
        view.filter.match = MatchKind::HexPattern;
        view.filter.pattern = "01 0x";
        d = DerivedCapture::create(source, view);
        QVERIFY(!d);
        QVERIFY2(d.error().message().find("position") != std::string::npos,
                 d.error().message().c_str());
        view.filter = {};
        view.framing.mode = FramingMode::Delimiter; // no delimiter
        d = DerivedCapture::create(source, view);
        QVERIFY(!d);
        QCOMPARE(QString::fromStdString(d.error().op), QStringLiteral("check framing"));
    }

    void evictedBytesAreSaidNotInvented() {
        TrafficStore::Config config;
        config.memoryCapBytes = 4096;
        config.chunkBytes = 1024;
        config.policy = OverflowPolicy::DropOldest;
        auto source = std::make_shared<TrafficStore>(config);
        const std::string line(1000, 'z');
        for (int i = 0; i < 20; ++i) {
            data(*source, 0, Direction::In, line + "\n");
        }
        CaptureView view;
        view.framing = framing("lf");
        auto derived = derive(source, view);
        QVERIFY(derived);
        int evictedNotes = 0;
        std::uint64_t evictedBytes = 0;
        int messages = 0;
        forEachRecord(*derived, [&](const Record& r) {
            const std::string text = derived->text(r);
            if (r.kind == RecordKind::Info &&
                text.find("evicted by the memory cap") != std::string::npos) {
                evictedBytes += std::stoull(text); // "12012 bytes evicted ..."
                ++evictedNotes;
            } else if (r.kind == RecordKind::Data) {
                QCOMPARE(r.length, 1001u); // only whole lines: nothing glued across a hole
                ++messages;
            }
        });
        QCOMPARE(evictedNotes, 1); // one run of evicted reads, said once
        QVERIFY(messages > 0);
        QCOMPARE(evictedBytes + std::uint64_t(messages) * 1001, std::uint64_t(20 * 1001));
    }

    void liveFollowsAStoreAnotherThreadWrites() {
        // The engine's writer/reader split: one thread appends, the derivation follows on its
        // own thread, this one reads the derived store. TSan runs this.
        auto source = std::make_shared<TrafficStore>();
        CaptureView view;
        view.framing = framing("lf");
        view.filter.match = MatchKind::Contains;
        view.filter.pattern = "7";
        auto d = DerivedCapture::create(source, view);
        QVERIFY(d);
        LiveDerivedCapture live(std::move(*d), false);
        constexpr int kLines = 3000;
        std::thread writer([&] {
            std::string pending;
            for (int i = 0; i < kLines; ++i) {
                pending += "line " + std::to_string(i) + "\n";
                if (i % 3 == 2) {
                    data(*source, 0, Direction::In, pending.substr(0, pending.size() / 2));
                    data(*source, 0, Direction::In, pending.substr(pending.size() / 2));
                    pending.clear();
                }
            }
        });
        int want = 0;
        for (int i = 0; i < kLines; ++i) {
            want += std::to_string(i).find('7') != std::string::npos ? 1 : 0;
        }
        writer.join();
        QTRY_VERIFY_WITH_TIMEOUT(live.caughtUp() && live.sourceDone() == source->endSeq(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(live.store()->counters().messagesIn, std::uint64_t(want), 10000);
        forEachRecord(*live.store(), [&](const Record& r) {
            const auto bytes = live.store()->recordBytes(r);
            const std::string text(asChars(bytes));
            QVERIFY(text.starts_with("line ") && text.ends_with("\n"));
            QVERIFY(text.find('7') != std::string::npos);
        });
    }

    void liveOverAnEngineSessionWithAPythonClient() {
        // A real listener; python3 sends requests in odd pieces; the derived view of the live
        // capture shows whole messages as they complete and the idle gap ends the last one.
        EngineHarness h;
        auto l = h.listenTcp();
        QVERIFY(l);
        std::shared_ptr<const TrafficStore> store = h.engine.store(l->session);
        QVERIFY(store);
        CaptureView view;
        view.framing = framing("idle:150");
        view.filter.in = true;
        view.filter.out = false;
        auto d = DerivedCapture::create(store, view);
        QVERIFY(d);
        LiveDerivedCapture live(std::move(*d), false);
        PythonPeer peer(QStringLiteral(R"(
            import socket, sys, time
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for msg in (b'first message', b'second one', b'third'):
                for i in range(0, len(msg), 4):
                    s.sendall(msg[i:i+4]); time.sleep(0.01)
                time.sleep(0.6)
            print('sent', flush=True)
            sys.stdin.readline()
            s.close()
        )"),
                        {QString::number(l->port)});
        QVERIFY(peer.start());
        QCOMPARE(peer.readLine(20000), QByteArray("sent"));
        // The connection is still open: only the silence ends the third message.
        QTRY_COMPARE_WITH_TIMEOUT(live.store()->counters().messagesIn, std::uint64_t(3), 10000);
        peer.process().write("\n");
        QCOMPARE(peer.finish(20000), 0);
        QStringList got;
        forEachRecord(*live.store(), [&](const Record& r) {
            if (r.kind == RecordKind::Data) {
                got << QString::fromStdString(escapeBytes(live.store()->recordBytes(r)));
            }
        });
        QCOMPARE(got, QStringList({"first message", "second one", "third"}));
    }
};

QTEST_GUILESS_MAIN(TestStoreDerived)
#include "test_store_derived.moc"
