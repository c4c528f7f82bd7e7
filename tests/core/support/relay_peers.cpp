#include "core/support/relay_peers.h"

#include "core/support/bytes.h"

#include <QDebug>

namespace socklab::test {

QString pairScript(const QString& family, const QString& body) {
    QString head;
    if (family == "unix") {
        head = R"(
        import socket, sys, threading, hashlib, random, struct, time, os
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); srv.bind(sys.argv[1]); srv.listen()
        print(sys.argv[1], flush=True)
        relay = sys.stdin.readline().strip()
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); c.connect(relay)
        s, _ = srv.accept()
        )";
    } else {
        const QString fam = family == "inet6" ? "socket.AF_INET6" : "socket.AF_INET";
        const QString host = family == "inet6" ? "::1" : "127.0.0.1";
        head = QString(R"(
        import socket, sys, threading, hashlib, random, struct, time, os
        srv = socket.socket(%1, socket.SOCK_STREAM); srv.bind(('%2', 0)); srv.listen()
        print(srv.getsockname()[1], flush=True)
        relay = int(sys.stdin.readline())
        c = socket.socket(%1, socket.SOCK_STREAM); c.connect(('%2', relay))
        s, _ = srv.accept()
        )")
                   .arg(fam, host);
    }
    return dedent(head) + dedent(body);
}

std::optional<RunningRelay> startRelay(EngineHarness& h, OpenSession request, SessionState up) {
    const SessionId s = h.engine.open(std::move(request));
    auto ev = h.waitFor(
        [&](const EngineEvent& e) {
            return e.session == s && (e.kind == EngineEvent::Kind::Error ||
                                      (e.kind == EngineEvent::Kind::StateChanged && e.state == up));
        },
        15000);
    if (!ev || ev->kind == EngineEvent::Kind::Error) {
        if (ev) {
            qWarning() << "relay failed:" << ev->error->message().c_str();
        }
        return std::nullopt;
    }
    return RunningRelay{s, ev->local};
}

void sendRelayAddress(PythonPeer& peer, const std::string& local, bool unix) {
    const QByteArray line =
        unix ? QByteArray::fromStdString(local) : QByteArray::number(portOf(local));
    peer.process().write(line + "\n");
    peer.process().waitForBytesWritten(5000);
}

bool hasRecord(const TrafficStore& store, RecordKind kind, std::string_view textPart,
               ConnectionId c) {
    for (const Record& r : storeRecords(store, kind, c)) {
        if (store.text(r).find(textPart) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace socklab::test
