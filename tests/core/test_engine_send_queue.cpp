// The send queue of a stream client before its connection is up: a python3 listener whose
// accept queue is full drops SockLab's SYN, so the client stays Connecting while the test sends
// far more than the queue's cap. The sends must be refused like those of a connected stream
// ("send queue full", one Error, the rest counted, Backpressure), memory must stay bounded, and
// once the listener makes room the connection delivers exactly the bytes that were admitted.
// Also: the user-set limit (parseSendQueueLimit) and its round trip through a workspace.

#include "core/engine/engine.h"
#include "core/session/send_queue.h"
#include "core/support/engine_harness.h"
#include "core/support/process_memory.h"
#include "core/support/python_peer.h"
#include "core/workspace/workspace_json.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::test;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kRssMeaningful = false; // the sanitizers' allocators keep freed memory
#else
constexpr bool kRssMeaningful = true;
#endif

// listen(0): the accept queue holds one connection. A filler client takes that place, so the
// kernel drops every further SYN (ListenOverflows) until the script accepts. On a line from
// stdin it accepts the filler, then the next connection (SockLab's, after a SYN retransmit),
// waits argv[1] seconds (if given), reads it to EOF and prints the byte count.
const char* const kFullBacklog = R"(
    import socket, sys, time
    srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(0)
    port = srv.getsockname()[1]
    fillers = []
    for _ in range(2):
        f = socket.socket(); f.setblocking(False)
        try:
            f.connect(('127.0.0.1', port))
        except BlockingIOError:
            pass
        fillers.append(f)
    time.sleep(0.3)
    print(port, flush=True)
    sys.stdin.readline()
    srv.settimeout(30)
    conns = []
    while True:
        c, a = srv.accept()
        if a[1] not in [f.getsockname()[1] for f in fillers]:
            break
    time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 0)
    n = 0
    while True:
        b = c.recv(1 << 20)
        if not b:
            break
        n += len(b)
    print(n, flush=True)
)";

using socklab::test::residentBytes;

std::optional<EngineEvent> lastPressure(const EngineHarness& h, SessionId s) {
    std::optional<EngineEvent> last;
    for (const EngineEvent& e : h.log()) {
        if (e.session == s && e.kind == EngineEvent::Kind::Backpressure) {
            last = e;
        }
    }
    return last;
}

std::uint64_t maxQueued(const EngineHarness& h, SessionId s) {
    std::uint64_t m = 0;
    for (const EngineEvent& e : h.log()) {
        if (e.session == s && e.kind == EngineEvent::Kind::Backpressure) {
            m = std::max(m, e.queuedBytes);
        }
    }
    return m;
}

// How many equal stream sends a queue of cap admits (SendQueue::admits): while their cost fits.
// Behind the front chunk they join one chunk, so from the third on the queue costs its bytes
// plus two chunks' overhead, and admits counts two more for the send it checks.
std::uint64_t admittedSends(std::size_t cap, std::size_t chunk) {
    return (cap - 4 * SendQueue::kChunkOverheadBytes) / chunk;
}

// Offers n sends of chunk bytes ('a'.. by index) while the client is connecting, then waits
// until one was refused (Backpressure with refusedSends) and the engine took every post.
bool offerWhileConnecting(EngineHarness& h, SessionId s, int n, std::size_t chunk) {
    SendData d;
    d.session = s;
    for (int i = 0; i < n; ++i) {
        d.bytes.assign(chunk, std::byte('a' + i % 26));
        h.engine.post(d);
        if (i % 64 == 0) {
            h.pump(1);
        }
    }
    const bool refused = h.waitUntil(
        [&] {
            const auto p = lastPressure(h, s);
            return p && p->refusedSends > 0;
        },
        5000);
    QTest::qWait(300);
    h.pump(50);
    return refused;
}

bool stateSeen(const EngineHarness& h, SessionId s, SessionState state) {
    return std::any_of(h.log().begin(), h.log().end(), [&](const EngineEvent& e) {
        return e.session == s && e.connection == 0 && e.kind == EngineEvent::Kind::StateChanged &&
               e.state == state;
    });
}

} // namespace

class TestEngineSendQueue : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!PythonPeer::available()) {
            QSKIP("python3 is not installed");
        }
    }

    void sendsWhileConnectingAreBounded() {
        constexpr std::size_t kCap = 256u << 10;
        constexpr std::size_t kChunk = 16u << 10;
        constexpr int kOffered = 6144; // 96 MiB offered while connecting
        EngineHarness h;
        PythonPeer peer(QString::fromUtf8(kFullBacklog));
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        QVERIFY(!port.isEmpty());
        OpenSession req = openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, {},
                                      "127.0.0.1:" + port.toStdString());
        req.sendQueueBytes = kCap;
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Connecting));

        const std::uint64_t rssBefore = residentBytes();
        QElapsedTimer t;
        t.start();
        SendData d;
        d.session = s;
        int offered = 0;
        for (; offered < kOffered && t.elapsed() < 5000; ++offered) {
            d.bytes.assign(kChunk, std::byte('a' + offered % 26));
            h.engine.post(d);
            if (offered % 64 == 0) {
                h.pump(1);
            }
        }
        QVERIFY2(h.waitUntil(
                     [&] {
                         const auto p = lastPressure(h, s);
                         return p && p->refusedSends > 0;
                     },
                     5000),
                 "no Backpressure event while connecting");
        // Let the engine take every posted send before looking.
        QTest::qWait(300);
        h.pump(50);
        QVERIFY2(!stateSeen(h, s, SessionState::Connected), "the listener's backlog was not full");
        const std::uint64_t rssAfter = residentBytes();

        // Exactly one Error for the spell, with the connected stream's wording.
        const auto errors = h.errors(s);
        QCOMPARE(errors.size(), std::size_t(1));
        QCOMPARE(errors[0].state, SessionState::Connecting);
        const QString msg = QString::fromStdString(errors[0].error->message());
        const QRegularExpression exact(
            QStringLiteral("^send 127\\.0\\.0\\.1:%1: send queue full \\(2[0-9][0-9]\\.[0-9] KiB "
                           "waiting; the connection is not established yet\\)$")
                .arg(QString::fromLatin1(port)));
        QVERIFY2(exact.match(msg).hasMatch(), qPrintable(msg));
        const auto p = lastPressure(h, s);
        QVERIFY(p && p->backpressure);
        QCOMPARE(p->sendQueueCap, std::uint64_t(kCap));
        QCOMPARE(p->state, SessionState::Connecting);
        QVERIFY2(p->text.find("queued, waiting for the connection; ") != std::string::npos,
                 p->text.c_str());
        QVERIFY(maxQueued(h, s) <= kCap);
        QVERIFY(maxQueued(h, s) >= kCap - 2 * kChunk);
        qInfo("offered %d x 16 KiB while connecting; RSS %+lld KiB", offered,
              (long long)(rssAfter - rssBefore) / 1024);
        if (kRssMeaningful) {
            // Unbounded, all that was offered (96 MiB) would be resident; the bound is generous
            // for a loaded machine (the engine's inbox may lag the posts for a moment).
            QVERIFY2(rssAfter < rssBefore + std::uint64_t(offered) * kChunk / 3,
                     "memory grew with the offered bytes");
        }
        QVERIFY2(offered >= kOffered / 2, "the machine is too slow to offer enough bytes");
        const std::uint64_t admitted = admittedSends(kCap, kChunk);

        // Room in the backlog: the SYN's retransmit connects, the queue goes out first, then
        // backpressure ends with the refusals counted; the peer gets exactly what was admitted.
        peer.process().write("go\n");
        QVERIFY(peer.process().waitForBytesWritten(5000));
        QVERIFY(h.waitState(s, 0, SessionState::Connected, 20000));
        QVERIFY(h.waitUntil(
            [&] {
                const auto q = lastPressure(h, s);
                return q && !q->backpressure;
            },
            10000));
        auto store = h.engine.store(s);
        QVERIFY(
            h.waitUntil([&] { return store->counters().bytesOut >= admitted * kChunk; }, 10000));
        h.engine.post(CloseSocket{s, 0, false});
        QVERIFY(h.waitState(s, 0, SessionState::Closed, 10000));
        QCOMPARE(store->counters().bytesOut, std::uint64_t(admitted * kChunk));
        QCOMPARE(peer.readLine(20000), QByteArray::number(qulonglong(admitted * kChunk)));
        // The bytes are the first admitted sends, in order.
        const QByteArray out = storeBytes(*store, 0, Direction::Out);
        for (std::size_t i = 0; i < admitted; ++i) {
            QCOMPARE(out.at(int(i * kChunk)), char('a' + i % 26));
        }
        const auto infos = storeRecords(*store, RecordKind::Info, 0);
        const std::string refused = std::to_string(offered - int(admitted)) + " send(s) (" +
                                    queueSizeText(std::uint64_t(offered - int(admitted)) * kChunk) +
                                    ") were refused while the send queue was full";
        QVERIFY2(std::any_of(infos.begin(), infos.end(),
                             [&](const Record& r) { return store->text(r) == refused; }),
                 refused.c_str());
        QCOMPARE(peer.finish(15000), 0);
    }

    // A graceful close while connecting, after sends were refused: once the connection comes
    // up, the peer still gets every admitted byte, then EOF (the refusals while connecting do
    // not count as a peer that stopped reading).
    void closeWhileConnectingDeliversTheQueue() {
        constexpr std::size_t kCap = 1u << 20;
        constexpr std::size_t kChunk = 16u << 10;
        EngineHarness h;
        // The peer reads 0.2 s after accepting: the kernel cannot take the queue when the
        // connection comes up, and the peer is not stalled (the close waits for it).
        PythonPeer peer(QString::fromUtf8(kFullBacklog), {QStringLiteral("0.2")});
        QVERIFY(peer.start());
        const QByteArray port = peer.readLine(15000);
        QVERIFY(!port.isEmpty());
        OpenSession req = openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, {},
                                      "127.0.0.1:" + port.toStdString());
        req.sendQueueBytes = kCap;
        // A small send buffer: the kernel cannot take the queue at once when the connection
        // comes up, so most of it still waits when the close is carried out.
        req.options = {{OptionId::SndBuf, 64 << 10}};
        const SessionId s = h.engine.open(req);
        QVERIFY(h.waitState(s, 0, SessionState::Connecting));
        QVERIFY2(offerWhileConnecting(h, s, 96, kChunk), "no send was refused while connecting");
        h.engine.post(CloseSocket{s, 0, false});
        QTest::qWait(200);
        h.pump(50);
        QVERIFY2(!stateSeen(h, s, SessionState::Connected), "the listener's backlog was not full");
        QVERIFY(!stateSeen(h, s, SessionState::Closed));

        const std::uint64_t admitted = admittedSends(kCap, kChunk) * kChunk;
        peer.process().write("go\n");
        QVERIFY(peer.process().waitForBytesWritten(5000));
        QVERIFY(h.waitState(s, 0, SessionState::Connected, 20000));
        QVERIFY(h.waitState(s, 0, SessionState::Closed, 20000));
        QCOMPARE(peer.readLine(20000), QByteArray::number(qulonglong(admitted)));
        QCOMPARE(peer.finish(15000), 0);
        auto store = h.engine.store(s);
        QCOMPARE(store->counters().bytesOut, admitted);
        for (const Record& r : storeRecords(*store, RecordKind::Info, 0)) {
            QVERIFY2(store->text(r).find("discarded") == std::string::npos, store->text(r).c_str());
        }
        const auto p = lastPressure(h, s);
        QVERIFY(p && !p->backpressure);
    }

    // The connection cannot come (the name does not resolve) while sends wait and some were
    // refused: Failed, the backpressure ends, and a later send is refused (ENOTCONN).
    void failedConnectRefusesLaterSends() {
        constexpr std::size_t kChunk = 16u << 10;
        EngineHarness h;
        OpenSession req =
            openRequest(AF_INET, SOCK_STREAM, 0, Role::Connect, {}, "nosuch.invalid:80");
        req.sendQueueBytes = 64u << 10;
        const SessionId s = h.engine.open(req);
        SendData d;
        d.session = s;
        d.bytes.assign(kChunk, std::byte('x'));
        for (int i = 0; i < 8; ++i) {
            h.engine.post(d); // before the lookup answers: queued, the rest refused
        }
        QVERIFY(h.waitState(s, 0, SessionState::Failed, 30000));
        h.pump(50);
        const std::size_t errorsAtFail = h.errors(s).size();
        QVERIFY(errorsAtFail >= 1);
        const auto p = lastPressure(h, s);
        qInfo("backpressure before the failure: %s", p ? "yes" : "no (the lookup was quicker)");
        QVERIFY2(!p || !p->backpressure, "backpressure still active after Failed");

        h.engine.post(d);
        QVERIFY(h.waitUntil([&] { return h.errors(s).size() > errorsAtFail; }, 5000));
        const EngineEvent e = h.errors(s).back();
        QCOMPARE(e.error->sysErrno(), ENOTCONN);
        QCOMPARE(e.state, SessionState::Failed);
        QTest::qWait(100);
        h.pump(50);
        const auto q = lastPressure(h, s);
        QVERIFY(!q || !q->backpressure);
        QCOMPARE(h.engine.store(s)->counters().bytesOut, 0u);
    }

    // Many tiny stream sends behind a front chunk that is being written cost their bytes (they
    // join one chunk), so the cap holds about cap bytes; SEQPACKET sends stay one chunk each,
    // and urgent bytes keep their own chunk.
    void tinyStreamSendsFitTheCapByBytes() {
        constexpr std::size_t kCap = 64u << 10;
        constexpr std::size_t kOverhead = SendQueue::kChunkOverheadBytes;
        const std::byte one[1] = {std::byte('t')};
        SendQueue q(kCap);
        const std::vector<std::byte> front(1000, std::byte('f'));
        q.push(front, false, true);
        q.consumed(10); // the front is partly written, the peer stalls
        std::size_t pushed = 0;
        while (q.admits(1) && pushed < kCap) {
            q.push(one, false, true);
            ++pushed;
        }
        QVERIFY(q.costBytes() <= kCap);
        QCOMPARE(q.costBytes() - q.bytes(), 2 * kOverhead); // the front and one tail chunk
        QCOMPARE(q.bytes(), 990 + pushed);
        QCOMPARE(pushed, kCap - 4 * kOverhead - 990);
        // Drained in order: the rest of the front, then every tiny send.
        QCOMPARE(q.front().bytes.size() - q.front().offset, 990u);
        q.consumed(990);
        QCOMPARE(q.front().bytes.size(), pushed);
        QVERIFY(std::all_of(q.front().bytes.begin(), q.front().bytes.end(),
                            [](std::byte b) { return b == std::byte('t'); }));

        // Urgent: the normal part joins the tail, the last byte is a chunk of its own, and
        // normal data after it starts a new chunk.
        SendQueue u(kCap);
        u.push(front, false, true);
        u.push(one, false, true);
        const std::byte urgent[2] = {std::byte('a'), std::byte('b')};
        u.push(urgent, true, true);
        u.push(one, false, true);
        QCOMPARE(u.costBytes() - u.bytes(), 4 * kOverhead);
        u.consumed(1000);
        QCOMPARE(u.front().bytes.size(), 2u); // "ta"
        QVERIFY(!u.front().oob);
        u.consumed(2);
        QCOMPARE(u.front().bytes.size(), 1u);
        QVERIFY(u.front().oob);
        QCOMPARE(u.front().bytes[0], std::byte('b'));
        u.consumed(1);
        QCOMPARE(u.front().bytes.size(), 1u);
        QVERIFY(!u.front().oob);

        // SEQPACKET: every send is a message of its own.
        SendQueue m(kCap);
        for (int i = 0; i < 10; ++i) {
            m.push(one, false, false);
        }
        QCOMPARE(m.costBytes() - m.bytes(), 10 * kOverhead);
    }

    void limitParsedAndKeptInTheWorkspace() {
        QCOMPARE(*parseSendQueueLimit("64k"), std::size_t(64u << 10));
        QCOMPARE(*parseSendQueueLimit("1.5M"), std::size_t(3u << 19));
        QCOMPARE(*parseSendQueueLimit(" 1G "), std::size_t(1u << 30));
        QCOMPARE(*parseSendQueueLimit("65536"), std::size_t(65536));
        QVERIFY(!parseSendQueueLimit("65535"));
        QVERIFY(!parseSendQueueLimit("1025M"));
        for (std::size_t n : {std::size_t(64u << 10), std::size_t(1536u << 10),
                              std::size_t(16u << 20), std::size_t(1u << 30)}) {
            QCOMPARE(*parseSendQueueLimit(sendQueueLimitText(n)), n);
        }
        Workspace w;
        WorkspaceTab t;
        t.spec = {AF_INET, SOCK_STREAM, 0};
        t.role = Role::Connect;
        t.remote = "127.0.0.1:9";
        w.tabs.push_back(t);
        // Not set: not written, and a missing key is the default.
        std::string text = serializeWorkspace(w);
        QVERIFY(text.find("sendQueue") == std::string::npos);
        auto back = parseWorkspace(text, "<memory>");
        QVERIFY(back);
        QCOMPARE(back->tabs[0].sendQueueBytes, std::size_t(0));
        w.tabs[0].sendQueueBytes = 64u << 10;
        text = serializeWorkspace(w);
        QVERIFY2(text.find("\"sendQueue\": \"64k\"") != std::string::npos, text.c_str());
        back = parseWorkspace(text, "<memory>");
        QVERIFY(back);
        QCOMPARE(back->tabs[0].sendQueueBytes, std::size_t(64u << 10));
        QVERIFY(*back == w);
        QCOMPARE(tabOpenRequest(back->tabs[0]).sendQueueBytes, std::size_t(64u << 10));
        WorkspaceTab again;
        setTabOpenRequest(again, tabOpenRequest(back->tabs[0]));
        QCOMPARE(again.sendQueueBytes, std::size_t(64u << 10));
    }
};

QTEST_APPLESS_MAIN(TestEngineSendQueue)
#include "test_engine_send_queue.moc"
