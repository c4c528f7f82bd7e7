// Capture import (core/pcapimport): a real tcpdump capture of python3 peers on loopback
// (byte-exact streams, the conversation list, FIN/RST), synthetic captures written by libpcap
// (gaps, retransmissions, out of order, sequence wraparound, snaplen, link types, port reuse,
// the out-of-order budget), SockLab's own pcapng export, and files that are not captures.
#include "core/capture/exporters.h"
#include "core/pcapimport/capture_import.h"
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"
#include "core/support/python_peer.h"
#include "core/support/tcpdump.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cstring>
#include <unistd.h>

using namespace socklab;
using namespace socklab::test;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;
constexpr std::int64_t kUs = 1000;

const char* const kClient = "192.0.2.1";
const char* const kServer = "192.0.2.2";
constexpr std::uint16_t kClientPort = 40000;
constexpr std::uint16_t kServerPort = 7000;

namespace F = TcpFlag;

/// A synthetic connection kClient:kClientPort -> kServer:kServerPort; sequence numbers given
/// relative to the ISNs (1 = the first data byte), time advancing 1 us per packet.
struct Synth {
    std::uint32_t clientIsn = 1000;
    std::uint32_t serverIsn = 5000;
    std::uint16_t clientPort = kClientPort;
    std::vector<CaptureFrame> frames;
    std::int64_t t = kT0;

    void add(Packet p, std::size_t captured = 0) {
        frames.push_back({std::move(p), t, captured});
        t += kUs;
    }
    void c2s(std::uint32_t rel, std::uint32_t ackRel, std::uint16_t flags,
             const std::string& data = {}, std::size_t captured = 0) {
        add(tcpPacket(kClient, clientPort, kServer, kServerPort, clientIsn + rel,
                      serverIsn + ackRel, flags, data),
            captured);
    }
    void s2c(std::uint32_t rel, std::uint32_t ackRel, std::uint16_t flags,
             const std::string& data = {}) {
        add(tcpPacket(kServer, kServerPort, kClient, clientPort, serverIsn + rel,
                      clientIsn + ackRel, flags, data));
    }
    void handshake() {
        c2s(0, 0, F::Syn);
        s2c(0, 1, F::Syn | F::Ack);
        c2s(1, 1, F::Ack);
    }
};

std::string text(std::size_t n, char first) {
    std::string s(n, ' ');
    for (std::size_t i = 0; i < n; ++i) {
        s[i] = char(first + int(i % 23));
    }
    return s;
}

/// A store's records in a testable form.
struct Replay {
    std::string out;    ///< client -> server bytes, in order
    std::string in;     ///< server -> client bytes
    QStringList events; ///< "Kind: text" for non-data records, "Out 5" / "In 7" for data
    std::vector<Record> records;
};

Replay replay(const TrafficStore& store) {
    Replay r;
    forEachRecord(store, [&](const Record& rec) {
        r.records.push_back(rec);
        if (rec.kind == RecordKind::Data) {
            const auto bytes = store.recordBytes(rec);
            std::string s(reinterpret_cast<const char*>(bytes.data()), bytes.size());
            (rec.direction == Direction::Out ? r.out : r.in) += s;
            r.events << QStringLiteral("%1 %2")
                            .arg(rec.direction == Direction::Out ? "Out" : "In")
                            .arg(bytes.size());
        } else {
            r.events << QStringLiteral("%1: %2")
                            .arg(int(rec.kind))
                            .arg(QString::fromStdString(store.text(rec)));
        }
    });
    return r;
}

bool anyContains(const QStringList& list, const QString& part) {
    for (const auto& s : list) {
        if (s.contains(part)) {
            return true;
        }
    }
    return false;
}

QString sha(const std::string& s) {
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::fromRawData(s.data(), qsizetype(s.size())),
                                 QCryptographicHash::Sha256)
            .toHex());
}

// The python side of the loopback capture: a TCP listener and a UDP socket; after "go" on
// stdin, four connections (plain, half-close, reset by the server, 100 KB each way) and three
// datagrams each way. One line per exchange: name client_port out_len out_sha in_len in_sha.
const char* const kPyExchanges = R"PY(
import hashlib, os, socket, struct, sys, threading, time
tl = socket.socket()
tl.bind(('127.0.0.1', 0))
tl.listen(8)
us = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
us.bind(('127.0.0.1', 0))
print(tl.getsockname()[1], us.getsockname()[1], flush=True)
sys.stdin.readline()

def sha(b):
    return hashlib.sha256(b).hexdigest()

def readall(c):
    out = b''
    while True:
        try:
            d = c.recv(65536)
        except ConnectionResetError:
            return out
        if not d:
            return out
        out += d

def readn(c, n):
    out = b''
    while len(out) < n:
        out += c.recv(n - len(out))
    return out

def run(name, client, server):
    t = threading.Thread(target=lambda: server(tl.accept()[0]))
    t.start()
    c = socket.create_connection(('127.0.0.1', tl.getsockname()[1]))
    port = c.getsockname()[1]
    sent, got = client(c)
    c.close()
    t.join()
    print(name, port, len(sent), sha(sent), len(got), sha(got), flush=True)

req = os.urandom(3000)
rep = os.urandom(5000)
def plain_server(c):
    readn(c, len(req))
    c.sendall(rep)
    c.close()
def plain_client(c):
    c.sendall(req)
    return req, readall(c)
run('plain', plain_client, plain_server)

def half_server(c):
    readall(c)
    c.sendall(rep)
    c.close()
def half_client(c):
    c.sendall(req)
    c.shutdown(socket.SHUT_WR)
    return req, readall(c)
run('halfclose', half_client, half_server)

def reset_server(c):
    readn(c, 3)
    c.sendall(b'bye')
    time.sleep(0.1)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    c.close()
def reset_client(c):
    c.sendall(b'abc')
    return b'abc', readall(c)
run('reset', reset_client, reset_server)

big_out = os.urandom(100000)
big_in = os.urandom(100000)
def bulk_server(c):
    def send():
        c.sendall(big_in)
        c.shutdown(socket.SHUT_WR)
    t = threading.Thread(target=send)
    t.start()
    readall(c)
    t.join()
    c.close()
def bulk_client(c):
    def send():
        c.sendall(big_out)
        c.shutdown(socket.SHUT_WR)
    t = threading.Thread(target=send)
    t.start()
    got = readall(c)
    t.join()
    return big_out, got
run('bulk', bulk_client, bulk_server)

uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
uc.bind(('127.0.0.1', 0))
sent = b''
got = b''
for n in (1, 700, 1400):
    d = os.urandom(n)
    uc.sendto(d, us.getsockname())
    sent += d
    m, a = us.recvfrom(65536)
    us.sendto(m[::-1] + b'!', a)
    got += uc.recv(65536)
print('udp', uc.getsockname()[1], len(sent), sha(sent), len(got), sha(got), flush=True)
)PY";

struct Exchange {
    QString name;
    std::uint16_t clientPort = 0;
    qsizetype outLen = 0;
    QString outSha;
    qsizetype inLen = 0;
    QString inSha;
};

} // namespace

class TestPcapImport : public QObject {
    Q_OBJECT

private slots:
    // ---- a real capture ----

    void tcpdumpLoopbackCapture() {
        if (::geteuid() != 0) {
            QSKIP("tcpdump on lo needs root (capture privileges)");
        }
        if (QStandardPaths::findExecutable("tcpdump").isEmpty() || !PythonPeer::available()) {
            QSKIP("tcpdump or python3 is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath("lo.pcap");
        PythonPeer peer(QString::fromUtf8(kPyExchanges));
        QVERIFY(peer.start());
        const QList<QByteArray> ports = peer.readLine(5000).split(' ');
        QCOMPARE(ports.size(), 2);
        Tcpdump dump;
        QVERIFY2(dump.start(file,
                            QStringLiteral("tcp port %1 or udp port %2")
                                .arg(QString::fromLatin1(ports[0]), QString::fromLatin1(ports[1]))),
                 dump.errorOutput().constData());
        peer.process().write("go\n");
        std::vector<Exchange> exchanges;
        for (int i = 0; i < 5; ++i) {
            const QList<QByteArray> f = peer.readLine(8000).split(' ');
            QVERIFY2(f.size() == 6, peer.errorOutput().constData());
            exchanges.push_back({QString::fromLatin1(f[0]), std::uint16_t(f[1].toUInt()),
                                 f[2].toLongLong(), QString::fromLatin1(f[3]), f[4].toLongLong(),
                                 QString::fromLatin1(f[5])});
        }
        QCOMPARE(peer.finish(5000), 0);
        dump.stop();
        if (dump.droppedByKernel() > 0) {
            QSKIP("tcpdump says the kernel dropped packets (machine too busy): the capture is "
                  "incomplete, so its streams cannot be compared");
        }

        const auto list = listCaptureConversations(file.toStdString());
        QVERIFY2(list, list ? "" : list.error().message().c_str());
        QCOMPARE(list->conversations.size(), std::size_t(5));
        QVERIFY(list->linkType.starts_with("EN10MB"));
        // tshark agrees on the TCP conversations.
        const QStringList conv = tsharkLines(file, {"-q", "-z", "conv,tcp"});
        if (!conv.value(0).startsWith("<tshark failed")) {
            QCOMPARE(conv.filter("<->").size(), 4);
        }
        const std::uint16_t tcpPort = std::uint16_t(ports[0].toUInt());
        const std::uint16_t udpPort = std::uint16_t(ports[1].toUInt());
        for (const Exchange& e : exchanges) {
            const CaptureConversation* c = nullptr;
            for (const auto& x : list->conversations) {
                if (x.client.port() == e.clientPort) {
                    c = &x;
                }
            }
            QVERIFY2(c != nullptr, qPrintable(e.name));
            const bool udp = e.name == "udp";
            QCOMPARE(c->protocol, udp ? CaptureProtocol::Udp : CaptureProtocol::Tcp);
            QCOMPARE(c->client.toString(), "127.0.0.1:" + std::to_string(e.clientPort));
            QCOMPARE(c->server.toString(), "127.0.0.1:" + std::to_string(udp ? udpPort : tcpPort));
            QCOMPARE(qsizetype(c->bytesOut), e.outLen);
            QCOMPARE(qsizetype(c->bytesIn), e.inLen);
            const std::string notes = conversationNotes(*c);
            if (!udp) {
                QVERIFY2(c->handshakeSeen && c->gaps == 0, notes.c_str());
            }
            if (e.name == "reset") {
                QCOMPARE(c->resetBy, CaptureSide::Server);
                QVERIFY2(notes.find("RST from server") != std::string::npos, notes.c_str());
            } else if (!udp) {
                QVERIFY2(c->finFromClient && c->finFromServer && c->resetBy == CaptureSide::None,
                         notes.c_str());
                QVERIFY2(notes.find("FIN both ways") != std::string::npos, notes.c_str());
            }

            TrafficStore store;
            const auto one = importCaptureConversation(file.toStdString(), c->index, store);
            QVERIFY2(one, one ? "" : one.error().message().c_str());
            const Replay r = replay(store);
            QCOMPARE(sha(r.out), e.outSha);
            QCOMPARE(sha(r.in), e.inSha);
            QCOMPARE(qsizetype(r.out.size()), e.outLen);
            QCOMPARE(qsizetype(r.in.size()), e.inLen);
            // Records carry capture times within the conversation, in order.
            std::int64_t last = 0;
            for (const Record& rec : r.records) {
                QVERIFY(rec.wallNs >= c->firstNs && rec.wallNs <= c->lastNs);
                QVERIFY(rec.wallNs >= last);
                last = rec.wallNs;
            }
            if (e.name == "halfclose") {
                // The client's FIN comes before the server's reply, the server's FIN after it.
                const qsizetype half = r.events.indexOf(QRegularExpression(
                    QStringLiteral("^%1: FIN from the client.*").arg(int(RecordKind::HalfClosed))));
                const qsizetype peerClosed = r.events.indexOf(QRegularExpression(
                    QStringLiteral("^%1: FIN from the server.*").arg(int(RecordKind::PeerClosed))));
                const qsizetype firstIn = r.events.indexOf(QRegularExpression("In .*"));
                QVERIFY2(half >= 0 && half < firstIn && firstIn < peerClosed,
                         qPrintable(r.events.join('\n')));
            }
            if (e.name == "reset") {
                QVERIFY(r.records.back().kind == RecordKind::Reset);
                QVERIFY(r.records.back().flags & RecordFlag::Remote);
            }
            if (e.name == "bulk") {
                // Exported as a SockLab capture and imported again: the same streams.
                const QString again = dir.filePath("again.pcapng");
                PcapngOptions opt;
                opt.local = c->client;
                const auto exported = exportPcapng(store, again.toStdString(), opt);
                QVERIFY2(exported, exported ? "" : exported.error().message().c_str());
                TrafficStore second;
                const auto back = importCaptureConversation(again.toStdString(), 1, second);
                QVERIFY2(back, back ? "" : back.error().message().c_str());
                const Replay r2 = replay(second);
                QCOMPARE(sha(r2.out), e.outSha);
                QCOMPARE(sha(r2.in), e.inSha);
                QVERIFY(back->finFromClient && back->finFromServer);
            }
        }
    }

    // ---- synthetic captures ----

    void inOrderOutOfOrderRetransmissionAcrossTheWrap() {
        Synth s;
        s.clientIsn = 0xffffff00; // the client's stream crosses 2^32 after 255 bytes
        const std::string a = text(200, 'a'), b = text(200, 'B'), c = text(200, '0');
        s.handshake();
        s.c2s(1, 1, F::Ack | F::Psh, a);
        s.c2s(401, 1, F::Ack | F::Psh, c); // before b: held
        s.c2s(201, 1, F::Ack | F::Psh, b); // fills the hole: b then c delivered
        s.s2c(1, 601, F::Ack);
        s.c2s(201, 1, F::Ack | F::Psh, b);              // retransmission, same bytes
        s.c2s(301, 1, F::Ack | F::Psh, text(200, 'z')); // overlaps b/c with other bytes
        s.c2s(601, 1, F::Fin | F::Ack);
        s.s2c(1, 602, F::Fin | F::Ack);
        s.c2s(602, 2, F::Ack);
        QTemporaryDir dir;
        const QString file = dir.filePath("ooo.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Raw, s.frames), QString());

        TrafficStore store;
        const auto c1 = importCaptureConversation(file.toStdString(), 1, store);
        QVERIFY2(c1, c1 ? "" : c1.error().message().c_str());
        const Replay r = replay(store);
        QCOMPARE(r.out, a + b + c);
        QCOMPARE(r.in, std::string());
        QCOMPARE(c1->bytesOut, 600u);
        QCOMPARE(c1->outOfOrderSegments, 1u);
        QCOMPARE(c1->retransmittedBytes, 400u);
        QCOMPARE(c1->retransmissionsDiffering, 1u);
        QCOMPARE(c1->gaps, 0u);
        QVERIFY(c1->handshakeSeen && c1->finFromClient && c1->finFromServer);
        const QStringList expected{
            QStringLiteral("%1: SYN 192.0.2.1:40000 -> 192.0.2.2:7000")
                .arg(int(RecordKind::Connecting)),
            QStringLiteral("%1: 192.0.2.1:40000 -> 192.0.2.2:7000 (SYN-ACK from the server)")
                .arg(int(RecordKind::Connected)),
            "Out 200",
            QStringLiteral("%1: out of order client->server: 200 bytes at seq 401 held until seq "
                           "201 arrives")
                .arg(int(RecordKind::Info)),
            "Out 200",
            "Out 200",
            QStringLiteral("%1: retransmission client->server: 200 bytes at seq 201 already "
                           "delivered (same bytes)")
                .arg(int(RecordKind::Info)),
            QStringLiteral("%1: retransmission client->server: 200 bytes at seq 301 already "
                           "delivered (different bytes: the first copy is kept)")
                .arg(int(RecordKind::Info)),
            QStringLiteral("%1: FIN from the client: the client->server stream ends after 600 "
                           "bytes")
                .arg(int(RecordKind::HalfClosed)),
            QStringLiteral("%1: FIN from the server: the server->client stream ends after 0 bytes")
                .arg(int(RecordKind::PeerClosed)),
        };
        QCOMPARE(r.events, expected);
        // Data records carry the capture time of the packet that delivered them.
        QCOMPARE(r.records[2].wallNs, kT0 + 3 * kUs);
        QCOMPARE(r.records[4].wallNs, kT0 + 5 * kUs);
    }

    void gapThatNeverFillsIsMarkedNotInvented() {
        // Server -> client: bytes 101-200 never captured; the client acknowledges past them.
        Synth s;
        const std::string a = text(100, 'a'), c = text(100, 'c');
        s.handshake();
        s.s2c(1, 1, F::Ack | F::Psh, a);
        s.s2c(201, 1, F::Ack | F::Psh, c);
        s.c2s(1, 301, F::Ack);
        s.c2s(1, 301, F::Ack | F::Psh, "thanks");
        s.s2c(301, 7, F::Ack | F::Psh, "more");
        s.s2c(305, 7, F::Ack | F::Fin);
        QTemporaryDir dir;
        const QString file = dir.filePath("gap.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Ethernet, s.frames), QString());
        TrafficStore store;
        const auto c1 = importCaptureConversation(file.toStdString(), 1, store);
        QVERIFY2(c1, c1 ? "" : c1.error().message().c_str());
        const Replay r = replay(store);
        QCOMPARE(r.in, a + c + "more");
        QCOMPARE(r.out, std::string("thanks"));
        QCOMPARE(c1->gaps, 1u);
        QCOMPARE(c1->gapBytes, 100u);
        QCOMPARE(c1->bytesIn, 204u);
        const QString gap =
            QStringLiteral("%1: gap server->client: 100 bytes missing at seq 101 (not captured)")
                .arg(int(RecordKind::Info));
        // In stream order: a, the gap, c, then the rest.
        const QStringList inbound = r.events.filter(QRegularExpression("^In |server->client"));
        QCOMPARE(inbound.filter(QRegularExpression("^In |gap")),
                 (QStringList{"In 100", gap, "In 100", "In 4"}));
        QVERIFY(!c1->finFromClient && c1->finFromServer);
        QVERIFY(conversationNotes(*c1).find("1 gap (100 bytes)") != std::string::npos);
        QVERIFY(anyContains(r.events, "the capture ends with the connection still open"));
    }

    void gapAtTheEndOfTheCapture() {
        // A hole that nobody acknowledges: reported when the capture ends, data after it kept.
        Synth s;
        s.handshake();
        s.c2s(1, 1, F::Ack, text(50, 'a'));
        s.c2s(101, 1, F::Ack, text(50, 'b'));
        QTemporaryDir dir;
        const QString file = dir.filePath("end.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Raw, s.frames), QString());
        TrafficStore store;
        const auto c1 = importCaptureConversation(file.toStdString(), 1, store);
        QVERIFY(c1);
        const Replay r = replay(store);
        QCOMPARE(r.out, text(50, 'a') + text(50, 'b'));
        QVERIFY2(anyContains(r.events, "gap client->server: 50 bytes missing at seq 51 (not "
                                       "captured)"),
                 qPrintable(r.events.join('\n')));
        QCOMPARE(c1->gaps, 1u);
    }

    void snaplenTruncationIsAGap() {
        Synth s;
        s.handshake();
        // 40 bytes of headers + 60 of 200 payload bytes captured.
        s.c2s(1, 1, F::Ack | F::Psh, text(200, 'a'), 100);
        s.c2s(201, 1, F::Ack | F::Psh, "tail");
        // A UDP datagram cut the same way.
        s.add(udpPacket(kClient, 5353, kServer, 53, Packet(300, std::byte{'u'})), 28 + 100);
        QTemporaryDir dir;
        const QString file = dir.filePath("snap.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::LinuxSll, s.frames), QString());
        TrafficStore store;
        const auto c1 = importCaptureConversation(file.toStdString(), 1, store);
        QVERIFY(c1);
        const Replay r = replay(store);
        QCOMPARE(r.out, text(200, 'a').substr(0, 60) + "tail");
        QVERIFY2(anyContains(r.events, "gap client->server: 140 bytes missing at seq 61 (cut by "
                                       "the capture's snapshot length)"),
                 qPrintable(r.events.join('\n')));
        TrafficStore udp;
        const auto c2 = importCaptureConversation(file.toStdString(), 2, udp);
        QVERIFY(c2);
        QCOMPARE(c2->protocol, CaptureProtocol::Udp);
        QCOMPARE(c2->truncatedDatagrams, 1u);
        const Replay u = replay(udp);
        QCOMPARE(u.records.size(), std::size_t(1));
        QCOMPARE(u.records[0].length, 100u);
        QCOMPARE(u.records[0].wireLength, 300u);
        QVERIFY(u.records[0].flags & RecordFlag::Truncated);
        QCOMPARE(udp.peer(u.records[0]).toString(), std::string("192.0.2.2:53"));
    }

    void midStreamCaptureAndPortReuse() {
        Synth s;
        // Mid-stream: the capture starts with the server's data; the client's ACK says where
        // its own stream stands.
        s.s2c(1001, 51, F::Ack | F::Psh, "late");
        s.c2s(51, 1005, F::Ack | F::Psh, "reply");
        s.c2s(56, 1005, F::Ack | F::Rst);
        // The same 4-tuple again with a new SYN: a second conversation.
        s.clientIsn = 777;
        s.handshake();
        s.c2s(1, 1, F::Ack | F::Psh, "again");
        s.c2s(6, 1, F::Ack | F::Fin);
        s.s2c(1, 7, F::Ack | F::Fin);
        // A third with a new SYN after the FINs.
        s.clientIsn = 99999;
        s.handshake();
        QTemporaryDir dir;
        const QString file = dir.filePath("reuse.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Raw, s.frames), QString());
        const auto list = listCaptureConversations(file.toStdString());
        QVERIFY2(list, list ? "" : list.error().message().c_str());
        QCOMPARE(list->conversations.size(), std::size_t(3));
        const auto& mid = list->conversations[0];
        // The first sender is taken as the client when no handshake says otherwise.
        QCOMPARE(mid.client.toString(), std::string("192.0.2.2:7000"));
        QVERIFY(!mid.synSeen);
        QCOMPARE(mid.resetBy, CaptureSide::Server);
        QCOMPARE(conversationNotes(mid), std::string("no handshake (mid-stream), RST from server"));
        QCOMPARE(mid.bytesOut, 4u);
        QCOMPARE(mid.bytesIn, 5u);
        const auto& second = list->conversations[1];
        QCOMPARE(second.client.toString(), std::string("192.0.2.1:40000"));
        QCOMPARE(conversationNotes(second), std::string("handshake, FIN both ways"));
        QCOMPARE(second.bytesOut, 5u);
        QCOMPARE(conversationNotes(list->conversations[2]),
                 std::string("handshake, open at the end"));
        TrafficStore store;
        QVERIFY(importCaptureConversation(file.toStdString(), 2, store));
        QCOMPARE(replay(store).out, std::string("again"));
    }

    void resetFromTheClientEndsTheStreams() {
        Synth s;
        s.handshake();
        s.c2s(1, 1, F::Ack | F::Psh, "abc");
        s.s2c(101, 4, F::Ack | F::Psh, "held"); // a hole before it: never filled
        s.c2s(4, 1, F::Rst | F::Ack);
        s.s2c(105, 4, F::Ack | F::Psh, "after"); // stray data after the reset: not delivered
        QTemporaryDir dir;
        const QString file = dir.filePath("rst.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Raw, s.frames), QString());
        TrafficStore store;
        const auto c1 = importCaptureConversation(file.toStdString(), 1, store);
        QVERIFY(c1);
        const Replay r = replay(store);
        QCOMPARE(r.in, std::string("held"));
        QCOMPARE(c1->resetBy, CaptureSide::Client);
        QCOMPARE(r.records.back().kind, RecordKind::Reset);
        QCOMPARE(store.text(r.records.back()), std::string("RST from the client 192.0.2.1:40000"));
        QVERIFY(!(r.records.back().flags & RecordFlag::Remote));
        QVERIFY(anyContains(r.events, "gap server->client: 100 bytes missing at seq 1"));
        QCOMPARE(c1->packetsIn, 3u);
    }

    void outOfOrderBudgetIsBounded() {
        Synth s;
        s.handshake();
        s.c2s(101, 1, F::Ack, text(100, 'b')); // held: 100 bytes
        s.c2s(201, 1, F::Ack, text(100, 'c')); // over a 150-byte budget
        s.c2s(1, 1, F::Ack, text(100, 'a'));   // too late: already skipped as a gap
        QTemporaryDir dir;
        const QString file = dir.filePath("budget.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Raw, s.frames), QString());
        CaptureImportOptions options;
        options.outOfOrderLimitBytes = 150;
        TrafficStore store;
        const auto c1 = importCaptureConversation(file.toStdString(), 1, store, options);
        QVERIFY(c1);
        const Replay r = replay(store);
        QCOMPARE(r.out, text(100, 'b') + text(100, 'c'));
        QVERIFY(c1->bufferLimitHit);
        QVERIFY2(anyContains(r.events, "gap client->server: 100 bytes missing at seq 1 (not "
                                       "arrived when the out-of-order buffer was full)"),
                 qPrintable(r.events.join('\n')));
        QVERIFY(anyContains(r.events, "out-of-order buffer limit"));
        QVERIFY(anyContains(r.events, "retransmission client->server: 100 bytes at seq 1"));
    }

    void linkTypes_data() {
        QTest::addColumn<int>("framing");
        QTest::addColumn<bool>("v6");
        QTest::newRow("raw") << int(LinkFraming::Raw) << false;
        QTest::newRow("raw ipv6") << int(LinkFraming::Raw) << true;
        QTest::newRow("ipv4") << int(LinkFraming::Ipv4) << false;
        QTest::newRow("ethernet") << int(LinkFraming::Ethernet) << false;
        QTest::newRow("ethernet ipv6") << int(LinkFraming::Ethernet) << true;
        QTest::newRow("ethernet vlan") << int(LinkFraming::EthernetVlan) << false;
        QTest::newRow("linux sll") << int(LinkFraming::LinuxSll) << false;
        QTest::newRow("linux sll2") << int(LinkFraming::LinuxSll2) << true;
        QTest::newRow("null") << int(LinkFraming::Null) << false;
        QTest::newRow("loop ipv6") << int(LinkFraming::Loop) << true;
    }

    void linkTypes() {
        QFETCH(int, framing);
        QFETCH(bool, v6);
        const char* a = v6 ? "2001:db8::1" : kClient;
        const char* b = v6 ? "2001:db8::2" : kServer;
        std::vector<CaptureFrame> frames;
        std::int64_t t = kT0;
        const auto add = [&](Packet p) { frames.push_back({std::move(p), t += kUs, 0}); };
        add(tcpPacket(a, 1234, b, 80, 10, 0, F::Syn));
        add(tcpPacket(b, 80, a, 1234, 20, 11, F::Syn | F::Ack));
        add(tcpPacket(a, 1234, b, 80, 11, 21, F::Ack | F::Psh, "GET /"));
        add(tcpPacket(b, 80, a, 1234, 21, 16, F::Ack | F::Psh, "200 OK"));
        add(udpPacket(a, 5000, b, 53, Packet(5, std::byte{'q'})));
        add(udpPacket(b, 53, a, 5000, Packet(7, std::byte{'r'})));
        QTemporaryDir dir;
        const QString file = dir.filePath("link.pcap");
        QCOMPARE(writeCapture(file, LinkFraming(framing), frames), QString());
        const auto list = listCaptureConversations(file.toStdString());
        QVERIFY2(list, list ? "" : list.error().message().c_str());
        QCOMPARE(list->conversations.size(), std::size_t(2));
        QCOMPARE(list->nonIpPackets, 0u);
        TrafficStore store;
        QVERIFY(importCaptureConversation(file.toStdString(), 1, store));
        const Replay r = replay(store);
        QCOMPARE(r.out, std::string("GET /"));
        QCOMPARE(r.in, std::string("200 OK"));
        const auto& udp = list->conversations[1];
        QCOMPARE(udp.bytesOut, 5u);
        QCOMPARE(udp.bytesIn, 7u);
        QCOMPARE(udp.server.port(), std::uint16_t(53));
    }

    // The GUI's Cancel and progress bar: progress in file bytes, ending at the file's size;
    // a cancel request stops the pass with ECANCELED naming the file.
    void progressAndCancel() {
        Synth s;
        s.handshake();
        for (std::uint32_t i = 0; i < 10000; ++i) {
            s.c2s(1 + i * 10, 1, F::Ack | F::Psh, text(10, 'a'));
        }
        QTemporaryDir dir;
        const QString file = dir.filePath("many.pcap");
        QCOMPARE(writeCapture(file, LinkFraming::Raw, s.frames), QString());
        const auto size = std::uint64_t(QFileInfo(file).size());

        std::vector<std::pair<std::uint64_t, std::uint64_t>> reports;
        CaptureImportOptions options;
        options.progress = [&](std::uint64_t done, std::uint64_t total) {
            reports.emplace_back(done, total);
        };
        const auto list = listCaptureConversations(file.toStdString(), options);
        QVERIFY2(list, list ? "" : list.error().message().c_str());
        QVERIFY(reports.size() >= 3); // every 4096 packets, and at the end
        for (std::size_t i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports[i].second, size);
            QVERIFY(reports[i].first <= size);
            QVERIFY(i == 0 || reports[i].first >= reports[i - 1].first);
        }
        QCOMPARE(reports.back().first, size);

        std::atomic<bool> cancel{true};
        options.cancel = &cancel;
        TrafficStore store;
        const auto cancelled = importCaptureConversation(file.toStdString(), 1, store, options);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().sysErrno(), ECANCELED);
        QVERIFY2(cancelled.error().message().find(file.toStdString()) != std::string::npos,
                 cancelled.error().message().c_str());

        QCOMPARE(captureDurationText(482'000), std::string("0.482 ms"));
        QCOMPARE(captureDurationText(12'345'000'000), std::string("12.345 s"));
        QCOMPARE(captureDurationText(-5), std::string("0.000 ms"));
        const CaptureConversation& c = list->conversations.front();
        const SocketSpec spec = captureSocketSpec(c);
        QCOMPARE(spec.family, c.client.family());
        QVERIFY(isStreamType(spec.type));
    }

    void socklabExportImports() {
        // SockLab's own session export (pcapng, LINKTYPE_RAW, synthesized TCP) comes back.
        TrafficStore store;
        const Endpoint server = Endpoint::loopback4(8080);
        const std::string request = "GET / HTTP/1.0\r\n\r\n";
        const std::string response = text(100000, 'A');
        store.appendEvent(0, RecordKind::Connecting, "", 0, &server);
        store.appendEvent(0, RecordKind::Connected, "", 0, &server);
        store.appendData(0, Direction::Out, std::as_bytes(std::span(request)), nullptr, 0, 0, kT0);
        store.appendData(0, Direction::In, std::as_bytes(std::span(response)), nullptr, 0, 0,
                         kT0 + 1000);
        store.appendEvent(0, RecordKind::PeerClosed, "");
        store.appendEvent(0, RecordKind::Closed, "");
        QTemporaryDir dir;
        const QString file = dir.filePath("own.pcapng");
        PcapngOptions opt;
        opt.local = Endpoint::loopback4(40000);
        QVERIFY(exportPcapng(store, file.toStdString(), opt));
        const auto list = listCaptureConversations(file.toStdString());
        QVERIFY2(list, list ? "" : list.error().message().c_str());
        QCOMPARE(list->conversations.size(), std::size_t(1));
        QCOMPARE(list->conversations[0].client.toString(), std::string("127.0.0.1:40000"));
        QCOMPARE(conversationNotes(list->conversations[0]),
                 std::string("handshake, FIN both ways"));
        TrafficStore back;
        QVERIFY(importCaptureConversation(file.toStdString(), 1, back));
        const Replay r = replay(back);
        QCOMPARE(r.out, request);
        QCOMPARE(r.in, response);
    }

    // ---- files that are not (whole) captures ----

    void badFiles() {
        QTemporaryDir dir;
        const auto writeFile = [&](const QString& name, const QByteArray& bytes) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
            return f.fileName().toStdString();
        };
        const auto errorOf = [](const std::string& path) {
            const auto r = listCaptureConversations(path);
            return r ? std::string("<no error>") : r.error().message();
        };
        const std::string missing = dir.filePath("missing.pcap").toStdString();
        QCOMPARE(errorOf(missing), "import " + missing + ": No such file or directory (ENOENT)");
        const std::string folder = dir.path().toStdString();
        QCOMPARE(errorOf(folder), "import " + folder + ": Is a directory (EISDIR)");
        const std::string empty = writeFile("empty.pcap", {});
        QCOMPARE(errorOf(empty),
                 "import " + empty + ": the file is empty (not a pcap or pcapng file)");
        const std::string textFile = writeFile("notes.txt", "just some text, not a capture\n");
        QVERIFY2(errorOf(textFile).starts_with("import " + textFile +
                                               ": not a readable pcap or pcapng file (libpcap: "),
                 errorOf(textFile).c_str());
        QByteArray garbage(4096, '\0');
        for (int i = 0; i < garbage.size(); ++i) {
            garbage[i] = char((i * 7919) ^ (i >> 3));
        }
        const std::string junk = writeFile("junk.pcap", garbage);
        QVERIFY(errorOf(junk).starts_with("import " + junk + ": "));

        // A capture cut inside its fourth packet record (the data after the handshake).
        Synth s;
        s.handshake();
        s.c2s(1, 1, F::Ack, text(500, 'x'));
        const QString whole = dir.filePath("whole.pcap");
        QCOMPARE(writeCapture(whole, LinkFraming::Raw, s.frames), QString());
        QFile in(whole);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray all = in.readAll();
        // 24-byte file header, then 16-byte record headers + 40 bytes for SYN, SYN-ACK, ACK.
        const qsizetype fourth = 24 + 3 * (16 + 40);
        const std::string cut = writeFile("cut.pcap", all.left(fourth + 16 + 100));
        const std::string want = "import " + cut + ": truncated packet record at offset " +
                                 std::to_string(fourth) + " (the file ends inside packet 4)";
        QCOMPARE(errorOf(cut).substr(0, want.size()), want);
        QVERIFY(errorOf(cut).find("libpcap: truncated dump file") != std::string::npos);
        // Cut inside a record header too.
        const std::string cutHeader = writeFile("cut2.pcap", all.left(fourth + 5));
        QVERIFY2(errorOf(cutHeader).find("truncated packet record at offset " +
                                         std::to_string(fourth)) != std::string::npos,
                 errorOf(cutHeader).c_str());
        // A pcapng file (SockLab's export) cut in the middle.
        TrafficStore one;
        const Endpoint server = Endpoint::loopback4(8080);
        const std::string payload = text(3000, 'p');
        one.appendEvent(0, RecordKind::Connected, "", 0, &server);
        one.appendData(0, Direction::In, std::as_bytes(std::span(payload)), nullptr, 0, 0, kT0);
        const QString ng = dir.filePath("one.pcapng");
        PcapngOptions opt;
        opt.local = Endpoint::loopback4(40000);
        QVERIFY(exportPcapng(one, ng.toStdString(), opt));
        QFile ngFile(ng);
        QVERIFY(ngFile.open(QIODevice::ReadOnly));
        const std::string ngCut = writeFile("cut.pcapng", ngFile.readAll().chopped(1000));
        QVERIFY2(errorOf(ngCut).starts_with("import " + ngCut + ": truncated packet record at "),
                 errorOf(ngCut).c_str());
        // An unsupported link type is named.
        const QString ppp = dir.filePath("ppp.pcap");
        QCOMPARE(writeCapture(ppp, LinkFraming::Ppp, s.frames), QString());
        QVERIFY2(errorOf(ppp.toStdString()).find("link type 9 PPP") != std::string::npos,
                 errorOf(ppp.toStdString()).c_str());
        // No such conversation.
        TrafficStore store;
        const auto none = importCaptureConversation(whole.toStdString(), 2, store);
        QVERIFY(!none);
        QCOMPARE(none.error().message(),
                 "import " + whole.toStdString() + ": no conversation 2 (the capture has 1)");
    }
};

QTEST_APPLESS_MAIN(TestPcapImport)
#include "test_pcap_import.moc"
