// The lab wire's throughput: one TCP connection from lab host A to a listener in host B, every
// IP packet read from A's TUN and written to B's by the engine (no impairment), against the same
// two sessions talking over loopback in the same run (no wire).
//
//   bench_lab_wire [--mib N] [--tun-device PATH]
//
// Needs unprivileged user namespaces and /dev/net/tun (as the lab itself); without them it
// prints an info row saying which check failed and exits 0.
// Exit status 1 when a byte count differs from what was sent (the only assertion).
#include "core/engine/engine.h"
#include "core/net/endpoint.h"
#include "tests/bench/support/bench_rows.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <vector>

using namespace socklab;
using namespace socklab::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kSendBytes = 1u << 20;
constexpr std::uint64_t kInFlight = 32u << 20;     // posted, not yet at the listener
constexpr std::size_t kSendQueueBytes = 64u << 20; // so the window never hits the queue cap

struct Up {
    bool ok = false;
    std::string local;
    std::string error;
};

// Waits for session id to reach `state` (or fail); its local address when it did.
Up waitFor(Engine& engine, SessionId id, SessionState state) {
    Up up;
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    while (Clock::now() < deadline) {
        for (const auto& ev : engine.events().waitAndDrain(50)) {
            if (ev.session != id) {
                continue;
            }
            if (ev.kind == EngineEvent::Kind::Error && ev.error && up.error.empty()) {
                up.error = ev.error->message();
            }
            if (ev.kind == EngineEvent::Kind::StateChanged && ev.connection == 0) {
                if (ev.state == state) {
                    up.ok = true;
                    up.local = ev.local;
                    return up;
                }
                if (ev.state == SessionState::Failed || ev.state == SessionState::Closed) {
                    return up;
                }
            }
        }
    }
    if (up.error.empty()) {
        up.error = "no answer within 15 s";
    }
    return up;
}

struct Transfer {
    double seconds = 0;
    std::uint64_t got = 0;
    bool ok = false;
    std::string error;
    [[nodiscard]] double bps() const { return seconds > 0 ? double(got) / seconds : 0; }
};

// A listener at `listen` and a client connecting to it (both placed by `placement`, or in
// SockLab's own namespace), then `total` bytes client -> listener, paced by what arrived.
Transfer transfer(Engine& engine, const std::string& listen, LabPlacement serverPlace,
                  LabPlacement clientPlace, std::uint64_t total) {
    Transfer t;
    OpenSession server;
    server.spec = SocketSpec{AF_INET, SOCK_STREAM, 0};
    server.role = Role::Listen;
    server.local = listen;
    server.placement = serverPlace;
    server.store.memoryCapBytes = std::size_t(total + (64u << 20)); // full capture
    const SessionId sid = engine.open(server);
    const Up listening = waitFor(engine, sid, SessionState::Listening);
    if (!listening.ok) {
        t.error = "listener: " + listening.error;
        return t;
    }
    OpenSession client;
    client.spec = server.spec;
    client.role = Role::Connect;
    client.remote = listening.local;
    client.placement = clientPlace;
    client.sendQueueBytes = kSendQueueBytes;
    const SessionId cid = engine.open(client);
    const Up connected = waitFor(engine, cid, SessionState::Connected);
    if (!connected.ok) {
        t.error = "client: " + connected.error;
        return t;
    }
    const auto rx = engine.store(sid);
    std::vector<std::byte> block(kSendBytes);
    for (std::size_t i = 0; i < block.size(); ++i) {
        block[i] = std::byte(i * 7 + 3);
    }
    std::uint64_t posted = 0;
    const auto t0 = Clock::now();
    const auto deadline = t0 + std::chrono::seconds(120);
    while (rx->counters().bytesIn < total && Clock::now() < deadline) {
        while (posted < total && posted - rx->counters().bytesIn < kInFlight) {
            const auto n = std::size_t(std::min<std::uint64_t>(kSendBytes, total - posted));
            engine.post(SendData{cid, 0, {block.begin(), block.begin() + std::ptrdiff_t(n)}});
            posted += n;
        }
        for (const auto& ev : engine.events().waitAndDrain(1)) {
            if (ev.kind == EngineEvent::Kind::Error && ev.error && t.error.empty()) {
                t.error = ev.error->message();
            }
        }
    }
    t.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    t.got = rx->counters().bytesIn;
    t.ok = t.got == total;
    if (!t.ok && t.error.empty()) {
        t.error = "time limit";
    }
    engine.post(CloseSocket{cid, 0, false});
    engine.post(CloseSocket{sid, 0, false});
    return t;
}

} // namespace

int main(int argc, char** argv) {
    std::uint64_t mib = 64;
    std::string tunDevice; // --tun-device PATH: as SOCKLAB_LAB_TUN_DEVICE (a missing path shows
                           // the row of a machine without the lab network)
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--mib") == 0) {
            mib = std::strtoull(argv[i + 1], nullptr, 10);
        } else if (std::strcmp(argv[i], "--tun-device") == 0) {
            tunDevice = argv[i + 1];
        } else {
            std::fprintf(stderr, "unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    const std::uint64_t total = mib << 20;
    const std::string figure = "Lab wire, one TCP connection A -> B (TUN to TUN, no impairment)";
    Engine engine;
    engine.start();
    OpenSession wire;
    wire.role = Role::Wire;
    if (!tunDevice.empty()) {
        wire.lab.tunDevice = tunDevice;
    }
    const SessionId wid = engine.open(wire);
    const Up wireUp = waitFor(engine, wid, SessionState::Connected);
    if (!wireUp.ok) {
        std::printf("lab network unavailable: %s\n", wireUp.error.c_str());
        printRow(figure + ": skipped, no lab network (" + wireUp.error + ")", "-", "-", "-", "info",
                 Verdict::Info);
        engine.stop();
        return 0;
    }
    const Transfer lab =
        transfer(engine, "192.0.2.2:7000", {wid, LabHost::B}, {wid, LabHost::A}, total);
    std::printf("lab wire:  %llu of %llu bytes in %.2f s, %s%s\n",
                static_cast<unsigned long long>(lab.got), static_cast<unsigned long long>(total),
                lab.seconds, rateText(lab.bps()).c_str(),
                lab.error.empty() ? "" : (" (" + lab.error + ")").c_str());
    const Transfer direct = transfer(engine, "127.0.0.1:0", {}, {}, total);
    std::printf("loopback:  %llu of %llu bytes in %.2f s, %s%s\n",
                static_cast<unsigned long long>(direct.got), static_cast<unsigned long long>(total),
                direct.seconds, rateText(direct.bps()).c_str(),
                direct.error.empty() ? "" : (" (" + direct.error + ")").c_str());
    engine.stop();
    printRow(figure, rateText(lab.bps()), "same sessions on loopback " + rateText(direct.bps()),
             ratioText(direct.bps() > 0 ? lab.bps() / direct.bps() : 0), "info", Verdict::Info);
    return lab.ok && direct.ok ? 0 : 1;
}
