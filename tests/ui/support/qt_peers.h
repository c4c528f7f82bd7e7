#pragma once

// Qt Network as the other end of the wire in GUI end-to-end tests: an implementation of TCP,
// UDP and local (AF_UNIX stream) sockets the project did not write, next to the python3 and
// socat peers. The product never routes its own traffic through Qt Network (the core owns the
// sockets); only tests that include this header link Qt6::Network (tests/CMakeLists.txt).
// Header-only and without Q_OBJECT, like gui_driver.h: every peer collects what it receives
// from the event loop the test already spins (QTRY_*, QTest::qWaitFor), so no peer blocks.

#include <QByteArray>
#include <QHostAddress>
#include <QLocalServer>
#include <QLocalSocket>
#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>
#include <memory>
#include <vector>

namespace qtpeer {

/// One stream connection (QTcpSocket or QLocalSocket): every byte it receives, in order, and
/// whether the other side closed its end (end of stream). Does not own the socket.
class StreamPeer {
public:
    explicit StreamPeer(QIODevice* socket) : m_socket(socket) {
        m_readyRead = QObject::connect(socket, &QIODevice::readyRead, [this] { drain(); });
        m_finished = QObject::connect(socket, &QIODevice::readChannelFinished, [this] {
            drain();
            m_eof = true;
        });
        drain(); // bytes that arrived before the connection was wrapped
    }
    // A socket may signal while it is destroyed (abort()): after this peer, if it outlives it.
    ~StreamPeer() {
        QObject::disconnect(m_readyRead);
        QObject::disconnect(m_finished);
    }
    StreamPeer(const StreamPeer&) = delete;
    StreamPeer& operator=(const StreamPeer&) = delete;

    /// Everything received so far.
    [[nodiscard]] QByteArray received() {
        drain();
        return m_received;
    }
    /// The other side closed (FIN / EOF seen).
    [[nodiscard]] bool atEnd() const { return m_eof; }
    /// Queue `bytes` and push them to the kernel now; false when not all were accepted.
    bool write(const QByteArray& bytes) {
        if (m_socket->write(bytes) != bytes.size()) {
            return false;
        }
        if (auto* tcp = qobject_cast<QAbstractSocket*>(m_socket)) {
            tcp->flush();
        } else if (auto* local = qobject_cast<QLocalSocket*>(m_socket)) {
            local->flush();
        }
        return true;
    }
    [[nodiscard]] QIODevice* socket() const { return m_socket; }

private:
    void drain() {
        if (m_socket->bytesAvailable() > 0) {
            m_received += m_socket->readAll();
        }
    }

    QIODevice* m_socket;
    QByteArray m_received;
    bool m_eof = false;
    QMetaObject::Connection m_readyRead;
    QMetaObject::Connection m_finished;
};

/// QTcpServer on a loopback address and an ephemeral port; accepted connections in order.
class TcpServer {
public:
    TcpServer() {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                m_peers.push_back(std::make_unique<StreamPeer>(s));
            }
        });
    }
    bool listen(const QHostAddress& address = QHostAddress(QHostAddress::LocalHost)) {
        return m_server.listen(address, 0);
    }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] int count() const { return int(m_peers.size()); }
    /// The i-th accepted connection (0-based); check count() first.
    [[nodiscard]] StreamPeer& peer(int i) const { return *m_peers.at(std::size_t(i)); }
    [[nodiscard]] QTcpSocket* socket(int i) const {
        return static_cast<QTcpSocket*>(peer(i).socket());
    }
    [[nodiscard]] QTcpServer& server() { return m_server; }

private:
    QTcpServer m_server;
    std::vector<std::unique_ptr<StreamPeer>> m_peers;
};

/// QTcpSocket client; connect with connectTo() and wait for isConnected() from the test.
class TcpClient {
public:
    TcpClient() : m_peer(&m_socket) {}
    void connectTo(const QHostAddress& host, quint16 port) { m_socket.connectToHost(host, port); }
    [[nodiscard]] bool isConnected() const {
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }
    /// The client's own address:port as the server sees it ("127.0.0.1:40000", "[::1]:40000").
    [[nodiscard]] QString localEndpoint() const {
        const QHostAddress a = m_socket.localAddress();
        const QString host = a.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QStringLiteral("[%1]").arg(a.toString())
                                 : a.toString();
        return QStringLiteral("%1:%2").arg(host).arg(m_socket.localPort());
    }
    [[nodiscard]] StreamPeer& peer() { return m_peer; }
    [[nodiscard]] QTcpSocket& socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    StreamPeer m_peer;
};

/// QLocalSocket client; connect with connectTo() and wait for isConnected() from the test.
/// It never binds a name of its own, so the server side sees an unnamed AF_UNIX peer.
class LocalClient {
public:
    LocalClient() : m_peer(&m_socket) {}
    /// Connect to the socket at `path` (absolute: QLocalSocket then uses it as is).
    void connectTo(const QString& path) { m_socket.connectToServer(path); }
    [[nodiscard]] bool isConnected() const {
        return m_socket.state() == QLocalSocket::ConnectedState;
    }
    [[nodiscard]] StreamPeer& peer() { return m_peer; }
    [[nodiscard]] QLocalSocket& socket() { return m_socket; }

private:
    QLocalSocket m_socket;
    StreamPeer m_peer;
};

/// QLocalServer listening on a full filesystem path; accepted connections in order.
class LocalServer {
public:
    LocalServer() {
        QObject::connect(&m_server, &QLocalServer::newConnection, &m_server, [this] {
            while (QLocalSocket* s = m_server.nextPendingConnection()) {
                m_peers.push_back(std::make_unique<StreamPeer>(s));
            }
        });
    }
    /// Listen on `path` (absolute: QLocalServer then uses it as is, no runtime-dir prefix).
    /// With the default NoOptions the socket is bound at `path` itself, so getpeername() on the
    /// client names it; any access option makes Qt bind in a temporary directory and rename
    /// the socket into place, and the client then sees that first name (".../.XXXXXX/s").
    bool listen(const QString& path,
                QLocalServer::SocketOptions options = QLocalServer::NoOptions) {
        m_server.setSocketOptions(options);
        return m_server.listen(path);
    }
    [[nodiscard]] QString fullServerName() const { return m_server.fullServerName(); }
    [[nodiscard]] int count() const { return int(m_peers.size()); }
    [[nodiscard]] StreamPeer& peer(int i) const { return *m_peers.at(std::size_t(i)); }
    [[nodiscard]] QLocalSocket* socket(int i) const {
        return static_cast<QLocalSocket*>(peer(i).socket());
    }

private:
    QLocalServer m_server;
    std::vector<std::unique_ptr<StreamPeer>> m_peers;
};

/// One datagram as QUdpSocket received it.
struct Datagram {
    QByteArray data;
    QHostAddress sender;
    quint16 senderPort = 0;
};

/// QUdpSocket bound to a loopback address and an ephemeral port; every datagram it receives
/// (with its sender), boundaries kept.
class UdpPeer {
public:
    UdpPeer() {
        QObject::connect(&m_socket, &QUdpSocket::readyRead, &m_socket, [this] { drain(); });
    }
    bool bind(const QHostAddress& address = QHostAddress(QHostAddress::LocalHost)) {
        return m_socket.bind(address, 0);
    }
    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }
    /// Send one datagram; false unless all of it was accepted.
    bool sendTo(const QByteArray& bytes, const QHostAddress& host, quint16 port) {
        return m_socket.writeDatagram(bytes, host, port) == bytes.size();
    }
    [[nodiscard]] const std::vector<Datagram>& received() {
        drain();
        return m_received;
    }

private:
    void drain() {
        while (m_socket.hasPendingDatagrams()) {
            const QNetworkDatagram d = m_socket.receiveDatagram();
            if (!d.isValid()) {
                break;
            }
            m_received.push_back({d.data(), d.senderAddress(), quint16(d.senderPort())});
        }
    }

    QUdpSocket m_socket;
    std::vector<Datagram> m_received;
};

} // namespace qtpeer
