// End-to-end with Qt Network peers: the real main window, engine and kernel sockets, driven
// through the accessibility tree, against QTcpServer / QTcpSocket, QUdpSocket and
// QLocalServer / QLocalSocket -- an implementation of the other end of the wire the project
// did not write, next to the python3 and socat peers of the other GUI tests. Qt Network is
// only the peer here: the product's own traffic goes through the core's sockets. Every
// comparison is byte-exact in both directions, on what the peer received and on what the tab
// captured.
#include "core/capture/traffic_store.h"
#include "support/gui_driver.h"
#include "support/qt_peers.h"
#include "ui/session/session_handle.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

#include <QTableView>
#include <QTemporaryDir>

using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::viewText;
using socklab::Direction;

namespace {

const QString kUnix = QStringLiteral("Unix (AF_UNIX)");

QByteArray bytes(std::initializer_list<unsigned char> list) {
    QByteArray out;
    for (unsigned char c : list) {
        out += char(c);
    }
    return out;
}


// Hex mode, no line ending, `hex` typed into the composer, Send pressed.
bool sendHex(QWidget* tab, const QString& hex) {
    return a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Hex")) &&
           a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")) &&
           a11y::type(tab, QStringLiteral("Message"), hex) &&
           a11y::press(tab, QStringLiteral("Send"));
}

QString counters(QWidget* tab) {
    return a11y::text(tab, QStringLiteral("Counters"));
}

// The port of the tab's local address, from its state text ("… · local 127.0.0.1:PORT",
// "… · local [::1]:PORT"); 0 when none.
int localPort(QWidget* tab) {
    const QString state = e2e::stateText(tab);
    const auto m =
        QRegularExpression(QStringLiteral("local (?:\\[[^\\]]*\\]|[^ :\\[]+):(\\d+)")).match(state);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// "00 ff 41" for a hex view's byte cells.
QString hexCells(const QByteArray& b) {
    return QString::fromLatin1(b.toHex(' '));
}

// One Data record of the tab's capture.
struct DataRecord {
    quint32 connection = 0;
    Direction direction = Direction::In;
    QString peer;
    QByteArray bytes;
};

// The Data records the tab captured, in order (what the core sent and received).
std::vector<DataRecord> dataRecords(SessionTab* tab) {
    std::vector<DataRecord> out;
    const auto store = tab->handle()->store();
    if (!store) {
        return out;
    }
    socklab::forEachRecord(*store, [&](const socklab::Record& r) {
        if (r.kind != socklab::RecordKind::Data) {
            return;
        }
        const std::vector<std::byte> b = store->recordBytes(r);
        out.push_back({r.connectionId, r.direction,
                       QString::fromStdString(store->peer(r).toString()),
                       QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()))});
    });
    return out;
}

// The records of one direction (and, when given, one peer).
std::vector<DataRecord> dataRecords(SessionTab* tab, Direction direction,
                                    const QString& peer = {}) {
    std::vector<DataRecord> out;
    for (DataRecord& r : dataRecords(tab)) {
        if (r.direction == direction && (peer.isEmpty() || r.peer == peer)) {
            out.push_back(std::move(r));
        }
    }
    return out;
}

// The bytes of one direction (and, when given, one peer) in capture order.
QByteArray joined(SessionTab* tab, Direction direction, const QString& peer = {}) {
    QByteArray out;
    for (const DataRecord& r : dataRecords(tab, direction, peer)) {
        out += r.bytes;
    }
    return out;
}

// Byte counts of the records, for messages that show what was captured.
QByteArray sizes(const std::vector<DataRecord>& records) {
    QByteArray out;
    for (const DataRecord& r : records) {
        out += QByteArray::number(r.bytes.size()) + ' ';
    }
    return out;
}

// Rows of the "Connections" table through the accessibility tree, one line per row.
QStringList connectionRows(QWidget* tab) {
    return e2e::tableText(tab, QStringLiteral("Connections")).split(u'\n', Qt::SkipEmptyParts);
}

// Click the first row of the "Connections" table whose peer cell (`conn N address`) `matches`,
// as a user picks the one connection to send to. False when no row matches.
template <class Match> bool clickConnectionRow(QWidget* tab, Match matches) {
    auto* view = a11y::widget<QTableView>(tab, QStringLiteral("Connections"));
    if (!view) {
        return false;
    }
    const QStringList rows = connectionRows(tab);
    for (int row = 0; row < rows.size(); ++row) {
        if (matches(rows[row].section(QStringLiteral(" | "), 0, 0))) {
            const QRect cell = view->visualRect(view->model()->index(row, 0));
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
            return view->currentIndex().row() == row;
        }
    }
    return false;
}

// Click the row whose peer cell names `peer` (address:port). False when no row names it.
bool selectConnection(QWidget* tab, const QString& peer) {
    return clickConnectionRow(
        tab, [&](const QString& cell) { return cell.endsWith(QLatin1Char(' ') + peer); });
}

// Click the row of connection `id` ("conn N …"), for peers that all look alike (unnamed
// AF_UNIX clients). False when no row has that id.
bool selectConnection(QWidget* tab, quint32 id) {
    const QString conn = QStringLiteral("conn %1").arg(id);
    return clickConnectionRow(tab, [&](const QString& cell) {
        return cell == conn || cell.startsWith(conn + QLatin1Char(' '));
    });
}

// The start of a "Connections" row: "conn 2 127.0.0.1:40000 | Connected | 13 | 0 | ".
QString rowOf(quint32 id, const QString& peer, const char* cells) {
    return QStringLiteral("conn %1 %2 | %3 | ").arg(id).arg(peer, QLatin1String(cells));
}

// Exactly one row of the "Connections" table starts with `prefix`.
bool hasRow(QWidget* tab, const QString& prefix) {
    int n = 0;
    for (const QString& row : connectionRows(tab)) {
        n += row.startsWith(prefix) ? 1 : 0;
    }
    return n == 1;
}

// The connection id (conn N) the table shows for `peer`, or 0.
quint32 connectionIdOf(QWidget* tab, const QString& peer) {
    for (const QString& row : connectionRows(tab)) {
        const auto m = QRegularExpression(QStringLiteral("^conn (\\d+) (\\S+) \\| ")).match(row);
        if (m.hasMatch() && m.captured(2) == peer) {
            return m.captured(1).toUInt();
        }
    }
    return 0;
}

// The connection ids (conn N) of the "Connections" table, in row order.
QList<quint32> connectionIds(QWidget* tab) {
    QList<quint32> out;
    for (const QString& row : connectionRows(tab)) {
        const auto m = QRegularExpression(QStringLiteral("^conn (\\d+)[ |]")).match(row);
        if (m.hasMatch()) {
            out.push_back(m.captured(1).toUInt());
        }
    }
    return out;
}

// The bytes of one direction on one connection, in capture order.
QByteArray joinedOn(SessionTab* tab, Direction direction, quint32 connection) {
    QByteArray out;
    for (const DataRecord& r : dataRecords(tab, direction)) {
        if (r.connection == connection) {
            out += r.bytes;
        }
    }
    return out;
}

} // namespace

class TestGuiQtNetworkPeers : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_qtnetwork_peers")); }

    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    // a. GUI TCP client -> QTcpServer: text, hex with 0x00 / 0xff and UTF-8 Chinese arrive
    // exactly; the server's reply shows byte for byte with exact counters; its close shows.
    void tcpClientTalksToAQTcpServer() {
        qtpeer::TcpServer server;
        QVERIFY(server.listen());
        QString why;
        SessionTab* tab = e2e::openTcpClient(m_gui.window(), server.port(), why);
        QVERIFY2(tab, qPrintable(why));
        QTRY_COMPARE_WITH_TIMEOUT(server.count(), 1, kWaitMs);
        qtpeer::StreamPeer& peer = server.peer(0);
        // The tab and the server agree on both ends of the connection.
        const QString clientEnd = QStringLiteral("127.0.0.1:%1").arg(server.socket(0)->peerPort());
        QVERIFY2(e2e::stateText(tab).contains(QStringLiteral("local ") + clientEnd),
                 qPrintable(e2e::stateText(tab)));
        QVERIFY2(
            e2e::stateText(tab).contains(QStringLiteral("peer 127.0.0.1:%1").arg(server.port())),
            qPrintable(e2e::stateText(tab)));

        const QString chinese = QString::fromUtf8("\u4f60\u597d\uff0c\u4e16\u754c"); // 你好，世界
        const QByteArray text = "hello, ";
        const QByteArray binary = bytes({0x00, 0xff, 0x7f, 0x80, 0x0a, 0x00});
        const QByteArray utf8 = chinese.toUtf8();
        QCOMPARE(utf8.size(), 15);
        QVERIFY(e2e::sendImeText(tab, QString::fromLatin1(text)));
        QVERIFY(sendHex(tab, QStringLiteral("00 ff 7f 80 0a 00")));
        QVERIFY(e2e::sendImeText(tab, chinese));
        const QByteArray sent = text + binary + utf8;
        QTRY_COMPARE_WITH_TIMEOUT(peer.received(), sent, kWaitMs);
        // Captured as three sends of exactly those bytes.
        const auto out = dataRecords(tab, Direction::Out);
        QCOMPARE(out.size(), std::size_t(3));
        QCOMPARE(out[0].bytes, text);
        QCOMPARE(out[1].bytes, binary);
        QCOMPARE(out[2].bytes, utf8);
        QTRY_VERIFY2_WITH_TIMEOUT(
            viewText<TextView>(tab, QStringLiteral("Text view")).contains(chinese),
            qPrintable(viewText<TextView>(tab, QStringLiteral("Text view"))), kWaitMs);

        // The reply: 0x00, 0xff, ASCII and a UTF-8 character, in one write.
        const QByteArray reply =
            bytes({0x00, 0xff, 'O', 'K', ' '}) + QString::fromUtf8("\u4e2d").toUtf8();
        QCOMPARE(reply.size(), 8);
        QVERIFY(peer.write(reply));
        QTRY_COMPARE_WITH_TIMEOUT(joined(tab, Direction::In), reply, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(viewText<HexView>(tab, QStringLiteral("Hex view"))
                                      .contains(QStringLiteral(": ") + hexCells(reply) + u' '),
                                  qPrintable(viewText<HexView>(tab, QStringLiteral("Hex view"))),
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(counters(tab),
                                  QStringLiteral("In 8 bytes / 1 msg \u00b7 Out 28 bytes / 3 msg"),
                                  kWaitMs);
        QVERIFY2(peer.received() == sent, peer.received().toHex(' ').constData()); // no echo

        // The server closes: the tab says the peer closed, and it was the server's FIN.
        server.socket(0)->disconnectFromHost();
        QVERIFY2(e2e::waitForState(tab, QStringLiteral("Peer closed")),
                 qPrintable(e2e::stateText(tab)));
        QTRY_VERIFY2_WITH_TIMEOUT(
            e2e::tableText(tab, QStringLiteral("Log"))
                .contains(QStringLiteral("| peer-closed | 127.0.0.1:%1 |").arg(server.port())),
            qPrintable(e2e::tableText(tab, QStringLiteral("Log"))), kWaitMs);
        QCOMPARE(counters(tab), QStringLiteral("In 8 bytes / 1 msg \u00b7 Out 28 bytes / 3 msg"));
    }

    void listenerTellsQTcpSocketClientsApart_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("local");
        QTest::addColumn<QHostAddress>("host");
        QTest::newRow("IPv4") << QStringLiteral("AF_INET") << QStringLiteral("127.0.0.1:0")
                              << QHostAddress(QHostAddress::LocalHost);
        QTest::newRow("IPv6") << QStringLiteral("AF_INET6") << QStringLiteral("[::1]:0")
                              << QHostAddress(QHostAddress::LocalHostIPv6);
    }

    // b. Two QTcpSocket clients -> GUI listener: both listed, each one's bytes attributed to
    // its address:port, and a send to one selected connection reaches that client only.
    void listenerTellsQTcpSocketClientsApart() {
        QFETCH(QString, family);
        QFETCH(QString, local);
        QFETCH(QHostAddress, host);
        {
            QUdpSocket probe; // skip where the host has no such loopback (IPv6 disabled)
            if (!probe.bind(host, 0)) {
                QSKIP(qPrintable(QStringLiteral("no %1 loopback here").arg(host.toString())));
            }
        }
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(),
                             {family, QStringLiteral("SOCK_STREAM"), QStringLiteral("IPPROTO_TCP"),
                              QStringLiteral("Listen"), QStringLiteral("Local address"), local},
                             QStringLiteral("Listening"));
        QVERIFY(tab);
        const int port = localPort(tab);
        QVERIFY2(port > 0, qPrintable(e2e::stateText(tab)));

        qtpeer::TcpClient a;
        qtpeer::TcpClient b;
        a.connectTo(host, quint16(port));
        QTRY_VERIFY_WITH_TIMEOUT(a.isConnected(), kWaitMs);
        b.connectTo(host, quint16(port));
        QTRY_VERIFY_WITH_TIMEOUT(b.isConnected(), kWaitMs);
        const QString peerA = a.localEndpoint();
        const QString peerB = b.localEndpoint();
        QVERIFY(peerA != peerB);

        // Both connections are listed, each under its own address:port.
        QTRY_COMPARE_WITH_TIMEOUT(connectionRows(tab).size(), 2, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(connectionIdOf(tab, peerA) && connectionIdOf(tab, peerB),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
        const quint32 idA = connectionIdOf(tab, peerA);
        const quint32 idB = connectionIdOf(tab, peerB);
        QVERIFY(idA != idB);

        const QByteArray fromA = "from A: alpha";
        const QByteArray fromB = QByteArray("from B: ") + bytes({0x00, 0xff, 0x01}) + "bravo!";
        QVERIFY(a.peer().write(fromA));
        QVERIFY(b.peer().write(fromB));
        QTRY_COMPARE_WITH_TIMEOUT(joined(tab, Direction::In, peerA), fromA, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(joined(tab, Direction::In, peerB), fromB, kWaitMs);
        // Each peer's records carry that connection's id, and nothing else came in.
        for (const DataRecord& r : dataRecords(tab, Direction::In)) {
            QCOMPARE(r.connection, r.peer == peerA ? idA : idB);
        }
        QCOMPARE(joined(tab, Direction::In).size(), fromA.size() + fromB.size());
        // The table counts each connection's bytes; the log names each record's connection.
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, peerA, "Connected | 13 | 0")) &&
                                      hasRow(tab, rowOf(idB, peerB, "Connected | 17 | 0")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
        // The log refreshes on a timer of its own: wait for its rows too.
        QTRY_VERIFY2_WITH_TIMEOUT(
            e2e::tableText(tab, QStringLiteral("Log"))
                    .contains(QStringLiteral("| in | conn %1 %2 | 13 |").arg(idA).arg(peerA)) &&
                e2e::tableText(tab, QStringLiteral("Log"))
                    .contains(QStringLiteral("| in | conn %1 %2 | 17 |").arg(idB).arg(peerB)),
            qPrintable(e2e::tableText(tab, QStringLiteral("Log"))), kWaitMs);

        // Pick A in the table: "All connections" unticks, and a send goes to A alone.
        QVERIFY(selectConnection(tab, peerA));
        QAccessibleInterface* all =
            a11y::find(tab, QStringLiteral("All connections"), QAccessible::CheckBox);
        QVERIFY(all);
        QVERIFY(!all->state().checked);
        QVERIFY(e2e::sendImeText(tab, QStringLiteral("only A")));
        QTRY_COMPARE_WITH_TIMEOUT(a.peer().received(), QByteArray("only A"), kWaitMs);
        // Then B: had the first send reached B too, B would read "only Aonly B" (TCP keeps the
        // order, and the first send was written before the second was asked for).
        QVERIFY(selectConnection(tab, peerB));
        QVERIFY(sendHex(tab, QStringLiteral("6f 6e 6c 79 20 42 00 ff")));
        const QByteArray toB = QByteArray("only B") + bytes({0x00, 0xff});
        QTRY_COMPARE_WITH_TIMEOUT(b.peer().received(), toB, kWaitMs);
        QCOMPARE(a.peer().received(), QByteArray("only A"));
        const auto out = dataRecords(tab, Direction::Out);
        QCOMPARE(out.size(), std::size_t(2));
        QCOMPARE(out[0].connection, idA);
        QCOMPARE(out[0].bytes, QByteArray("only A"));
        QCOMPARE(out[1].connection, idB);
        QCOMPARE(out[1].bytes, toB);
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, peerA, "Connected | 13 | 6")) &&
                                      hasRow(tab, rowOf(idB, peerB, "Connected | 17 | 8")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);

        // A leaves: its row says so, B's stays connected.
        a.socket().disconnectFromHost();
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, peerA, "Peer closed")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
        QVERIFY2(hasRow(tab, rowOf(idB, peerB, "Connected")),
                 qPrintable(connectionRows(tab).join(u'\n')));
    }

    // c. QUdpSocket <-> GUI UDP tab: three datagrams (one empty) are three records of exactly
    // their sizes and bytes, from the peer's address; the tab's replies (one empty) arrive as
    // three datagrams from the tab's bound address.
    void udpKeepsDatagramBoundariesBothWays() {
        QString why;
        SessionTab* tab = e2e::openBoundUdp(m_gui.window(), why);
        QVERIFY2(tab, qPrintable(why));
        const int guiPort = localPort(tab);
        QVERIFY2(guiPort > 0, qPrintable(e2e::stateText(tab)));
        qtpeer::UdpPeer udp;
        QVERIFY(udp.bind());
        const QString peer = QStringLiteral("127.0.0.1:%1").arg(udp.port());
        const QHostAddress loopback(QHostAddress::LocalHost);

        QByteArray large(300, '\0');
        for (int i = 0; i < large.size(); ++i) {
            large[i] = char(i & 0xff); // every byte value, 0x00 and 0xff included
        }
        const QList<QByteArray> datagrams{QByteArray("first datagram"), QByteArray(), large};
        for (const QByteArray& d : datagrams) {
            QVERIFY(udp.sendTo(d, loopback, quint16(guiPort)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(counters(tab),
                                  QStringLiteral("In 314 bytes / 3 msg \u00b7 Out 0 bytes / 0 msg"),
                                  kWaitMs);
        const auto in = dataRecords(tab, Direction::In);
        QVERIFY2(in.size() == 3, sizes(in).constData());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(in[std::size_t(i)].bytes, datagrams[i]);
            QCOMPARE(in[std::size_t(i)].peer, peer);
        }
        // The log has one row per datagram, with its size and sender.
        const QString log = e2e::tableText(tab, QStringLiteral("Log"));
        for (int size : {14, 0, 300}) {
            QVERIFY2(log.contains(QStringLiteral("| in | %1 | %2 |").arg(peer).arg(size)),
                     qPrintable(log));
        }

        // Replies: hex with 0x00 / 0xff, an empty datagram, then text.
        QVERIFY(a11y::type(tab, QStringLiteral("Destination"), peer));
        QVERIFY(sendHex(tab, QStringLiteral("00 ff 00 ff 55")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")));
        QVERIFY(a11y::type(tab, QStringLiteral("Message"), QString()));
        QVERIFY2(a11y::text(tab, QStringLiteral("Message validation")).startsWith(u'0'),
                 qPrintable(a11y::text(tab, QStringLiteral("Message validation"))));
        QVERIFY2(a11y::press(tab, QStringLiteral("Send")), "Send refuses an empty datagram");
        QVERIFY(e2e::sendImeText(tab, QStringLiteral("reply three")));
        const QList<QByteArray> replies{bytes({0x00, 0xff, 0x00, 0xff, 0x55}), QByteArray(),
                                        QByteArray("reply three")};
        QTRY_COMPARE_WITH_TIMEOUT(udp.received().size(), std::size_t(3), kWaitMs);
        for (int i = 0; i < 3; ++i) {
            const qtpeer::Datagram& d = udp.received()[std::size_t(i)];
            QCOMPARE(d.data, replies[i]);
            QVERIFY2(d.sender.isEqual(loopback, QHostAddress::TolerantConversion),
                     qPrintable(d.sender.toString()));
            QCOMPARE(int(d.senderPort), guiPort);
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            counters(tab), QStringLiteral("In 314 bytes / 3 msg \u00b7 Out 16 bytes / 3 msg"),
            kWaitMs);
        const auto out = dataRecords(tab, Direction::Out);
        QVERIFY2(out.size() == 3, sizes(out).constData());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(out[std::size_t(i)].bytes, replies[i]);
            QCOMPARE(out[std::size_t(i)].peer, peer);
        }
    }

    void unixStreamTalksToAQLocalServer_data() {
        QTest::addColumn<int>("options");
        QTest::addColumn<bool>("boundAtPath");
        QTest::newRow("bound at the path") << int(QLocalServer::NoOptions) << true;
        // Qt binds in a temporary directory, chmods and renames the socket to the path.
        QTest::newRow("renamed into place") << int(QLocalServer::UserAccessOption) << false;
    }

    // d. GUI AF_UNIX stream client -> QLocalServer on a path in a temporary directory, both
    // directions byte-exact; closing the tab's socket is the server's end of stream.
    void unixStreamTalksToAQLocalServer() {
        QFETCH(int, options);
        QFETCH(bool, boundAtPath);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("qt-peer.sock"));
        qtpeer::LocalServer server;
        QVERIFY(server.listen(path, QLocalServer::SocketOptions(options)));
        QCOMPARE(server.fullServerName(), path);

        SessionTab* tab =
            e2e::openAndWait(m_gui.window(),
                             {kUnix, QStringLiteral("SOCK_STREAM"), QStringLiteral("0 (default)"),
                              QStringLiteral("Connect"), QStringLiteral("Unix path"), path},
                             QStringLiteral("Connected"));
        QVERIFY(tab);
        // The peer is what getpeername() says: the name the server's socket was bound to.
        if (boundAtPath) {
            QVERIFY2(e2e::stateText(tab).contains(QStringLiteral("peer ") + path),
                     qPrintable(e2e::stateText(tab)));
        } else {
            QVERIFY2(e2e::stateText(tab).contains(QStringLiteral("peer ") + dir.path()),
                     qPrintable(e2e::stateText(tab)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.count(), 1, kWaitMs);
        qtpeer::StreamPeer& peer = server.peer(0);

        const QString chinese = QString::fromUtf8("\u4f60\u597d\uff0c\u4e16\u754c"); // 你好，世界
        QVERIFY(e2e::sendImeText(tab, QStringLiteral("local hello ")));
        QVERIFY(sendHex(tab, QStringLiteral("00 ff 0a")));
        QVERIFY(e2e::sendImeText(tab, chinese));
        const QByteArray sent =
            QByteArray("local hello ") + bytes({0x00, 0xff, 0x0a}) + chinese.toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(peer.received(), sent, kWaitMs);
        QCOMPARE(joined(tab, Direction::Out), sent);

        const QByteArray reply = bytes({0xff, 0x00, 'b', 'a', 'c', 'k'});
        QVERIFY(peer.write(reply));
        QTRY_COMPARE_WITH_TIMEOUT(joined(tab, Direction::In), reply, kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(viewText<HexView>(tab, QStringLiteral("Hex view"))
                                      .contains(QStringLiteral(": ") + hexCells(reply) + u' '),
                                  qPrintable(viewText<HexView>(tab, QStringLiteral("Hex view"))),
                                  kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(counters(tab),
                                  QStringLiteral("In 6 bytes / 1 msg \u00b7 Out 30 bytes / 3 msg"),
                                  kWaitMs);
        QVERIFY(!peer.atEnd());

        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        QTRY_VERIFY_WITH_TIMEOUT(peer.atEnd(), kWaitMs);
        QCOMPARE(peer.received(), sent); // nothing more than what was sent
    }

    // e. Two QLocalSocket clients -> GUI AF_UNIX stream listener on a path in a temporary
    // directory: both listed, each one's bytes (0x00, 0xff, UTF-8 Chinese) on its own
    // connection, a send to one selected connection reaches that client only, and one client
    // leaving closes its connection alone. The clients bind no name, so both rows show the
    // same "(unnamed)" peer: the connection ids tell them apart.
    void unixListenerTellsQLocalSocketClientsApart() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("gui-listener.sock"));
        SessionTab* tab =
            e2e::openAndWait(m_gui.window(),
                             {kUnix, QStringLiteral("SOCK_STREAM"), QStringLiteral("0 (default)"),
                              QStringLiteral("Listen"), QStringLiteral("Unix path"), path},
                             QStringLiteral("Listening"));
        QVERIFY(tab);
        QVERIFY2(e2e::stateText(tab).contains(path), qPrintable(e2e::stateText(tab)));
        const QString unnamed = QStringLiteral("(unnamed)");

        // One client at a time, so the first accepted connection is A's.
        qtpeer::LocalClient a;
        qtpeer::LocalClient b;
        a.connectTo(path);
        QTRY_VERIFY_WITH_TIMEOUT(a.isConnected(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(connectionIds(tab).size(), 1, kWaitMs);
        const quint32 idA = connectionIds(tab).at(0);
        b.connectTo(path);
        QTRY_VERIFY_WITH_TIMEOUT(b.isConnected(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(connectionIds(tab).size(), 2, kWaitMs);
        const quint32 idB = connectionIds(tab).at(1);
        QVERIFY(idA != idB);
        QCOMPARE(connectionIds(tab).at(0), idA);
        // Both connections are listed, connected, under the unnamed peer the kernel reports.
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, unnamed, "Connected | 0 | 0")) &&
                                      hasRow(tab, rowOf(idB, unnamed, "Connected | 0 | 0")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);

        const QByteArray hello = QString::fromUtf8("\u4f60\u597d").toUtf8(); // 你好
        QCOMPARE(hello.size(), 6);
        const QByteArray fromA = QByteArray("from A: ") + bytes({0x00, 0xff}) + hello;
        const QByteArray fromB = hello + QByteArray(" from B ") + bytes({0xff, 0x00, 0x0a}) + "!";
        QCOMPARE(fromA.size(), 16);
        QCOMPARE(fromB.size(), 18);
        QVERIFY(a.peer().write(fromA));
        QVERIFY(b.peer().write(fromB));
        QTRY_COMPARE_WITH_TIMEOUT(joinedOn(tab, Direction::In, idA), fromA, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(joinedOn(tab, Direction::In, idB), fromB, kWaitMs);
        // Nothing else came in, and nothing came in on a connection of its own.
        for (const DataRecord& r : dataRecords(tab, Direction::In)) {
            QVERIFY2(r.connection == idA || r.connection == idB, qPrintable(r.peer));
            QCOMPARE(r.peer, unnamed);
        }
        QCOMPARE(joined(tab, Direction::In).size(), fromA.size() + fromB.size());
        // The table counts each connection's bytes; the log names each record's connection.
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, unnamed, "Connected | 16 | 0")) &&
                                      hasRow(tab, rowOf(idB, unnamed, "Connected | 18 | 0")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
        // The log refreshes on a timer of its own: wait for its rows too.
        QTRY_VERIFY2_WITH_TIMEOUT(
            e2e::tableText(tab, QStringLiteral("Log"))
                    .contains(QStringLiteral("| in | conn %1 %2 | 16 |").arg(idA).arg(unnamed)) &&
                e2e::tableText(tab, QStringLiteral("Log"))
                    .contains(QStringLiteral("| in | conn %1 %2 | 18 |").arg(idB).arg(unnamed)),
            qPrintable(e2e::tableText(tab, QStringLiteral("Log"))), kWaitMs);

        // Pick A in the table: "All connections" unticks, and a send goes to A alone.
        QVERIFY(selectConnection(tab, idA));
        QAccessibleInterface* all =
            a11y::find(tab, QStringLiteral("All connections"), QAccessible::CheckBox);
        QVERIFY(all);
        QVERIFY(!all->state().checked);
        const QString toAText = QStringLiteral("only A ") + QString::fromUtf8("\u4f60\u597d");
        const QByteArray toA = QByteArray("only A ") + hello;
        QVERIFY(e2e::sendImeText(tab, toAText));
        QTRY_COMPARE_WITH_TIMEOUT(a.peer().received(), toA, kWaitMs);
        // Then B: had the first send reached B too, B would read it before its own bytes (a
        // stream keeps the order, and the first send was written before the second was asked).
        QVERIFY(selectConnection(tab, idB));
        QVERIFY(sendHex(tab, QStringLiteral("6f 6e 6c 79 20 42 00 ff")));
        const QByteArray toB = QByteArray("only B") + bytes({0x00, 0xff});
        QTRY_COMPARE_WITH_TIMEOUT(b.peer().received(), toB, kWaitMs);
        QCOMPARE(a.peer().received(), toA);
        const auto out = dataRecords(tab, Direction::Out);
        QCOMPARE(out.size(), std::size_t(2));
        QCOMPARE(out[0].connection, idA);
        QCOMPARE(out[0].bytes, toA);
        QCOMPARE(out[1].connection, idB);
        QCOMPARE(out[1].bytes, toB);
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, unnamed, "Connected | 16 | 13")) &&
                                      hasRow(tab, rowOf(idB, unnamed, "Connected | 18 | 8")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
        QVERIFY(!a.peer().atEnd());
        QVERIFY(!b.peer().atEnd());

        // A leaves: its row ends Closed (QLocalSocket closes both directions, so the tab sees
        // the end of stream and then the hang-up, where a TCP FIN leaves it "Peer closed"), and
        // A's log (the table shows the selected connection's records) says its peer closed.
        a.socket().disconnectFromServer();
        QTRY_VERIFY2_WITH_TIMEOUT(hasRow(tab, rowOf(idA, unnamed, "Closed | 16 | 13")),
                                  qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
        QVERIFY(selectConnection(tab, idA));
        QTRY_VERIFY2_WITH_TIMEOUT(
            e2e::tableText(tab, QStringLiteral("Log"))
                .contains(QStringLiteral("| peer-closed | conn %1 %2 |").arg(idA).arg(unnamed)),
            qPrintable(e2e::tableText(tab, QStringLiteral("Log"))), kWaitMs);
        // B's stays connected: no end in its log, its row Connected, its socket open.
        QVERIFY(selectConnection(tab, idB));
        QTRY_VERIFY2_WITH_TIMEOUT(
            e2e::tableText(tab, QStringLiteral("Log"))
                .contains(QStringLiteral("| out | conn %1 %2 | 8 |").arg(idB).arg(unnamed)),
            qPrintable(e2e::tableText(tab, QStringLiteral("Log"))), kWaitMs);
        const QString logB = e2e::tableText(tab, QStringLiteral("Log"));
        for (const char* kind : {"peer-closed", "closed", "reset"}) {
            QVERIFY2(!logB.contains(QStringLiteral("| %1 | ").arg(QLatin1String(kind))),
                     qPrintable(logB));
        }
        QVERIFY2(hasRow(tab, rowOf(idB, unnamed, "Connected | 18 | 8")),
                 qPrintable(connectionRows(tab).join(u'\n')));
        QVERIFY(b.isConnected());
        QVERIFY(!b.peer().atEnd());
        QCOMPARE(b.peer().received(), toB);
    }
};

QTEST_MAIN(TestGuiQtNetworkPeers)
#include "test_gui_qtnetwork_peers.moc"
