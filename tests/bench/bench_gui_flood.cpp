// The real GUI under a TCP flood and a UDP flood at once: does it keep painting, does memory stay
// within the store's cap, do the counters equal what the peers sent?
//
//   QT_QPA_PLATFORM=offscreen bench_gui_flood [--mib N] [--udp-count M] [--udp-size B]
//       [--switch-ms T] [--timeout-s S] [--no-reference] [--rates PPS,PPS] [--rate-seconds S]
//
// The main window is built as app/main.cpp builds it (Engine + CoreBridge + MainWindow) in a
// temporary QSettings scope, with a "TCP server" and a "UDP endpoint" tab opened from the presets
// (both bind 127.0.0.1:0). The TCP tab is current; every T ms the current tab switches so that
// both tabs are shown and painted. Peers are python3 processes: one sends N MiB over TCP as fast
// as loopback goes, one sends M datagrams of B bytes as fast as it can. First, as the peer, the
// same two floods go at once into plain receivers: `socat -u TCP-LISTEN:0 /dev/null` (ratio) and
// a python3 recv loop (how many datagrams a plain receiver gets with the default SO_RCVBUF).
//
// Measured on the GUI thread: the longest gap of a 1 ms timer (stall), the delay of queued calls
// posted every 5 ms from another thread (event-loop latency), the interval between painted
// frames of the traffic views, the number of paints; VmHWM against the stores' caps.
// Part two (flood_rates.h): for each rate (default 50k and 200k pps), 64-byte datagrams from a
// paced sender (udp_load.h) for S seconds into the UDP tab while a python3 TCP flood runs into
// the TCP tab; the peer, run first, is iperf3's UDP receiver fed by the same paced sender with a
// TCP flood into socat beside it. Loss = sent - counted. Each figure prints an @row line.
// Exit status 1 only when a count is wrong (TCP bytes or content, UDP received + kernel drops vs
// sent; a rate trial failing or counting more than was sent); 2 when the set-up fails. Speed
// and loss are printed, never asserted.
#include "core/engine/engine.h"
#include "core/net/endpoint.h"
#include "tests/bench/flood_frames.h"
#include "tests/bench/flood_peers.h"
#include "tests/bench/flood_rates.h"
#include "tests/bench/support/bench_app.h"
#include "tests/bench/support/bench_stats.h"
#include "tests/bench/support/gui_probes.h"
#include "ui/bridge/core_bridge.h"
#include "ui/main_window.h"
#include "ui/models/traffic_model.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"

#include <QProcess>
#include <QTabWidget>
#include <QTableView>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace socklab;
using namespace socklab::bench;
using namespace socklab::ui;

namespace {

struct Options {
    std::uint64_t mib = 1024;
    std::uint64_t udpCount = 300'000;
    std::uint64_t udpSize = 256;
    int switchMs = 1000;
    int timeoutS = 120;
    bool reference = true;
    std::vector<double> rates = {50'000, 200'000};
    double rateSeconds = 2;
};

std::vector<double> parseRates(const char* text) {
    std::vector<double> rates;
    for (const QByteArray& r : QByteArray(text).split(',')) {
        if (r.toDouble() > 0) {
            rates.push_back(r.toDouble());
        }
    }
    return rates;
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&] { return nextArgValue(argc, argv, i); };
        if (a == "--mib") {
            o.mib = next();
        } else if (a == "--udp-count") {
            o.udpCount = next();
        } else if (a == "--udp-size") {
            o.udpSize = std::clamp<std::uint64_t>(next(), 1, 65507);
        } else if (a == "--switch-ms") {
            o.switchMs = static_cast<int>(next());
        } else if (a == "--timeout-s") {
            o.timeoutS = static_cast<int>(next());
        } else if (a == "--no-reference") {
            o.reference = false;
        } else if (a == "--rates" && i + 1 < argc) {
            o.rates = parseRates(argv[++i]);
        } else if (a == "--rate-seconds") {
            o.rateSeconds = static_cast<double>(std::max<std::uint64_t>(1, next()));
        } else {
            std::fprintf(stderr, "usage: bench_gui_flood [--mib N] [--udp-count M] [--udp-size B] "
                                 "[--switch-ms T] [--timeout-s S] [--no-reference] "
                                 "[--rates PPS,PPS] [--rate-seconds S]\n");
            std::exit(2);
        }
    }
    return o;
}

} // namespace

int main(int argc, char** argv) {
    const Options opt = parseOptions(argc, argv);
    const BenchApp app(argc, argv, "bench_gui_flood");

    const std::uint64_t total = opt.mib << 20;
    std::printf("bench_gui_flood: TCP %llu MiB, UDP %llu x %llu B, tab switch every %d ms\n",
                static_cast<unsigned long long>(opt.mib),
                static_cast<unsigned long long>(opt.udpCount),
                static_cast<unsigned long long>(opt.udpSize), opt.switchMs);

    const FloodSize size{total, opt.udpCount, opt.udpSize, opt.timeoutS};
    std::optional<ReferenceResult> reference;
    std::vector<RateTrial> peerRates;
    if (opt.reference) {
        reference = referenceRun(size);
        for (double pps : opt.rates) {
            peerRates.push_back(iperf3BesideTcpFlood(pps, opt.rateSeconds));
        }
    }

    Engine engine;
    CoreBridge bridge(engine);
    engine.start();
    int rc = 0;
    {
        MainWindow window(bridge);
        window.show();
        SessionTab* tcpTab = window.newTab(Preset::TcpServer);
        SessionTab* udpTab = window.newTab(Preset::UdpEndpoint);
        std::map<SessionId, std::uint16_t> ports;
        QObject::connect(&bridge, &CoreBridge::engineEvent, &window, [&](const EngineEvent& e) {
            if (e.kind == EngineEvent::Kind::StateChanged && e.connection == 0 &&
                (e.state == SessionState::Listening || e.state == SessionState::Bound)) {
                if (auto ep = Endpoint::parse(e.local)) {
                    ports[e.session] = ep->port();
                }
            }
        });
        if (!tcpTab->openSocket() || !udpTab->openSocket()) {
            std::fprintf(stderr, "open failed: %s / %s\n", qPrintable(tcpTab->errorText()),
                         qPrintable(udpTab->errorText()));
            return 2;
        }
        const bool up = spinUntil(
            [&] { return ports.count(tcpTab->sessionId()) && ports.count(udpTab->sessionId()); },
            Clock::now() + std::chrono::seconds(10));
        if (!up) {
            std::fprintf(stderr, "sessions did not come up: %s / %s\n",
                         qPrintable(tcpTab->errorText()), qPrintable(udpTab->errorText()));
            return 2;
        }
        const std::uint16_t tcpPort = ports[tcpTab->sessionId()];
        const std::uint16_t udpPort = ports[udpTab->sessionId()];
        const auto tcpStore = engine.store(tcpTab->sessionId());
        const auto udpStore = engine.store(udpTab->sessionId());
        window.tabs()->setCurrentWidget(tcpTab);
        spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(300));

        PaintCounter paints;
        for (SessionTab* tab : {tcpTab, udpTab}) {
            TrafficPane* pane = tab->trafficPane();
            pane->hexView()->viewport()->installEventFilter(&paints);
            pane->textView()->viewport()->installEventFilter(&paints);
            pane->logView()->viewport()->installEventFilter(&paints);
            if (tab == tcpTab) {
                paints.tcpViews = {pane->hexView()->viewport(), pane->textView()->viewport(),
                                   pane->logView()->viewport()};
            }
        }
        const std::uint64_t baselineKiB = procStatusKiB("VmRSS");

        StallDetector stall;
        LatencyProbe latency;

        QTimer switcher;
        std::vector<Clock::time_point> switches; // frame intervals across a switch are skipped
        QObject::connect(&switcher, &QTimer::timeout, [&] {
            window.tabs()->setCurrentWidget(window.currentTab() == tcpTab ? udpTab : tcpTab);
            switches.push_back(Clock::now());
        });

        QProcess tcpSender;
        QProcess udpSender;
        paints.recording = true;
        stall.start();
        if (opt.switchMs > 0) {
            switcher.start(opt.switchMs);
        }
        const auto t0 = Clock::now();
        startFloods(tcpSender, tcpPort, udpSender, udpPort, size);
        std::optional<Clock::time_point> tcpDone;
        std::optional<Clock::time_point> udpSenderDone;
        std::uint64_t udpSent = 0;
        std::uint64_t udpSendFailed = 0;
        double udpSenderSeconds = 0;
        std::uint64_t lastUdpCount = 0;
        Clock::time_point lastUdpChange = Clock::now();
        const auto deadline = t0 + std::chrono::seconds(opt.timeoutS);
        spinUntil(
            [&] {
                const auto now = Clock::now();
                if (!tcpDone && tcpStore->counters().bytesIn >= total) {
                    tcpDone = now;
                }
                if (!udpSenderDone && udpSender.state() == QProcess::NotRunning) {
                    udpSenderDone = now;
                    const QList<QByteArray> out =
                        udpSender.readAllStandardOutput().simplified().split(' ');
                    if (out.size() == 3) {
                        udpSent = out[0].toULongLong();
                        udpSendFailed = out[1].toULongLong();
                        udpSenderSeconds = out[2].toDouble();
                    }
                }
                const std::uint64_t udpNow = udpStore->counters().messagesIn;
                if (udpNow != lastUdpCount) {
                    lastUdpCount = udpNow;
                    lastUdpChange = now;
                }
                const bool udpSettled =
                    udpSenderDone && (udpNow + udpKernelFigures(udpPort).drops >= udpSent ||
                                      now - lastUdpChange > std::chrono::seconds(2));
                return tcpDone && udpSettled && tcpSender.state() == QProcess::NotRunning;
            },
            deadline);
        // A few more frames so the views show the end of both floods.
        switcher.stop();
        spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(300));
        paints.recording = false;
        stall.stop();
        latency.stop();
        QCoreApplication::processEvents();
        const double floodMs = ms(Clock::now() - t0);

        // ---- figures ----
        const std::uint64_t peakKiB = procStatusKiB("VmHWM");
        const TrafficCounters tcpC = tcpStore->counters();
        const TrafficCounters udpC = udpStore->counters();
        const auto tcpStats = tcpStore->stats();
        const auto udpStats = udpStore->stats();
        const UdpKernelFigures udpK = udpKernelFigures(udpPort);
        const std::uint64_t badBytes =
            tcpC.bytesIn == total ? checkTcpContent(*tcpStore, total) : total;
        const double tcpMBps =
            tcpDone ? static_cast<double>(total) / 1e6 / (ms(*tcpDone - t0) / 1000.0) : 0.0;
        double tcpSenderMBps = 0;
        {
            const QList<QByteArray> out = tcpSender.readAllStandardOutput().simplified().split(' ');
            if (out.size() == 2 && out[1].toDouble() > 0) {
                tcpSenderMBps = static_cast<double>(total) / 1e6 / out[1].toDouble();
            }
        }
        const Percentiles gaps = percentiles(stall.timerGaps);
        const Percentiles lat = percentiles(latency.latencies);
        const std::vector<double> intervals =
            tcpFrameIntervals(paints, tcpDone.value_or(Clock::now()), switches);
        const Percentiles frames = percentiles(intervals);
        const std::uint64_t capBytes =
            tcpStore->config().memoryCapBytes + udpStore->config().memoryCapBytes;
        const auto paintsOf = [&paints](SessionTab* tab) {
            TrafficPane* pane = tab->trafficPane();
            return paints.perWidget[pane->hexView()->viewport()] +
                   paints.perWidget[pane->textView()->viewport()] +
                   paints.perWidget[pane->logView()->viewport()];
        };
        const QByteArray load = loadAverage();

        const bool tcpOk = tcpC.bytesIn == total && badBytes == 0;
        const bool udpOk = udpK.found && udpC.messagesIn + udpK.drops == udpSent &&
                           udpC.bytesIn == udpC.messagesIn * opt.udpSize && udpSendFailed == 0;

        std::printf("\n%-44s %s\n", "load average (1/5/15 min, at the end)", load.constData());
        std::printf("%-44s %.0f ms\n", "flood duration (both floods, until settled)", floodMs);
        const Percentiles held = percentiles(stall.busyGaps);
        std::printf("%-44s %.1f ms (target < 50)\n", "max main-thread stall (1 ms timer gap)",
                    gaps.max);
        std::printf(
            "%-44s at %.0f ms: on a CPU %.1f ms, waiting for a CPU %.1f ms, other %.1f ms\n",
            "  the longest gap", stall.maxGapAtMs, stall.maxGapSched.cpuMs,
            stall.maxGapSched.waitMs,
            gaps.max - stall.maxGapSched.cpuMs - stall.maxGapSched.waitMs);
        std::printf("%-44s %.1f ms (p99 %.2f ms)\n", "  max gap not spent waiting for a CPU",
                    held.max, held.p99);
        std::printf("%-44s %.1f ms / %.1f ms\n", "  most CPU / run-queue wait within one gap",
                    stall.maxBusyMs, stall.maxRunWaitMs);
        std::printf("%-44s %.2f / %.2f ms (%zu gaps)\n", "  timer gap p50 / p99", gaps.p50,
                    gaps.p99, gaps.n);
        std::printf("%-44s %.2f / %.2f / %.1f ms (%zu probes)\n",
                    "event-loop latency p50 / p99 / max", lat.p50, lat.p99, lat.max, lat.n);
        std::printf("%-44s %.1f / %.1f / %.1f ms (%zu intervals)\n",
                    "TCP tab frame interval (flood, shown) p50/p99/max", frames.p50, frames.p99,
                    frames.max, frames.n);
        std::printf("%-44s %llu (TCP tab %llu, UDP tab %llu)\n", "repaints of the traffic views",
                    static_cast<unsigned long long>(paints.times.size()),
                    static_cast<unsigned long long>(paintsOf(tcpTab)),
                    static_cast<unsigned long long>(paintsOf(udpTab)));
        std::printf("%-44s %.1f MiB (baseline %.1f, growth %.1f)\n", "peak RSS (VmHWM)",
                    peakKiB / 1024.0, baselineKiB / 1024.0, (peakKiB - baselineKiB) / 1024.0);
        std::printf("%-44s %.1f MiB (TCP %.0f + UDP %.0f)\n", "store memory caps (sum)",
                    capBytes / 1048576.0, tcpStore->config().memoryCapBytes / 1048576.0,
                    udpStore->config().memoryCapBytes / 1048576.0);
        std::printf("%-44s %.1f / %.1f MiB resident, %.1f / %.1f MiB spilled\n",
                    "store payload TCP / UDP", tcpStats.residentBytes / 1048576.0,
                    udpStats.residentBytes / 1048576.0, tcpStats.spilledBytes / 1048576.0,
                    udpStats.spilledBytes / 1048576.0);
        std::printf("%-44s %.1f / %.1f MiB\n", "store memory (stats.memoryBytes) TCP / UDP",
                    tcpStats.memoryBytes / 1048576.0, udpStats.memoryBytes / 1048576.0);
        const double storesMiB =
            static_cast<double>(tcpStats.memoryBytes + udpStats.memoryBytes) / 1048576.0;
        const double growthMiB = static_cast<double>(peakKiB - baselineKiB) / 1024.0;
        std::printf("%-44s %s (growth - stores' memory = %.1f MiB)\n",
                    "peak RSS growth within caps + 64 MiB",
                    (peakKiB - baselineKiB) * 1024 <= capBytes + (64u << 20) ? "yes" : "NO",
                    growthMiB - storesMiB);
        std::printf("%-44s %.0f MB/s (python3 sender saw %.0f MB/s)\n",
                    "TCP through the GUI (receiver side)", tcpMBps, tcpSenderMBps);
        if (reference) {
            std::printf("%-44s %.0f MB/s (python3 sender saw %.0f MB/s)\n",
                        "TCP into socat -u ... /dev/null (peer)", reference->mbps,
                        reference->senderMBps);
            std::printf("%-44s %.2f\n", "ratio GUI / socat", tcpMBps / reference->mbps);
            std::printf("%-44s received %llu of %llu (%.1f%%), kernel drops %llu\n",
                        "UDP into a plain python3 receiver (peer)",
                        static_cast<unsigned long long>(reference->udpReceived),
                        static_cast<unsigned long long>(reference->udpSent),
                        reference->udpSent ? 100.0 * static_cast<double>(reference->udpReceived) /
                                                 static_cast<double>(reference->udpSent)
                                           : 0.0,
                        static_cast<unsigned long long>(reference->udpDrops));
        } else {
            std::printf("%-44s %s\n", "TCP into socat", "(not run)");
        }
        std::printf("%-44s %llu of %llu bytes, %llu bad sampled bytes -> %s\n", "TCP counter",
                    static_cast<unsigned long long>(tcpC.bytesIn),
                    static_cast<unsigned long long>(total),
                    static_cast<unsigned long long>(badBytes), tcpOk ? "OK" : "WRONG");
        std::printf("%-44s sent %llu (send failed %llu) in %.2f s = received %llu + kernel "
                    "drops %llu (rx queue %llu B) -> %s\n",
                    "UDP datagrams", static_cast<unsigned long long>(udpSent),
                    static_cast<unsigned long long>(udpSendFailed), udpSenderSeconds,
                    static_cast<unsigned long long>(udpC.messagesIn),
                    static_cast<unsigned long long>(udpK.drops),
                    static_cast<unsigned long long>(udpK.rxQueue), udpOk ? "OK" : "WRONG");
        std::printf("%-44s %llu records, %llu records\n", "store records TCP / UDP",
                    static_cast<unsigned long long>(tcpStore->endSeq() - tcpStore->beginSeq()),
                    static_cast<unsigned long long>(udpStore->endSeq() - udpStore->beginSeq()));
        std::fflush(stdout);
        if (!tcpOk || !udpOk) {
            rc = 1;
        }
        tcpSender.kill();
        udpSender.kill();
        tcpSender.waitForFinished(2000);
        udpSender.waitForFinished(2000);

        // Part two: 64-byte datagrams at fixed rates into the UDP tab, a TCP flood beside them.
        std::vector<RateTrial> guiRates;
        for (double pps : opt.rates) {
            guiRates.push_back(udpRateIntoTab(*udpStore, udpPort, tcpPort, pps, opt.rateSeconds));
            if (!guiRates.back().ok) {
                rc = 1;
            }
        }
        printFloodRows(FloodFigures{gaps.max, stall.maxBusyMs, peakKiB - baselineKiB, capBytes,
                                    tcpMBps, reference ? reference->mbps : 0.0, udpSent,
                                    udpC.messagesIn, reference ? reference->udpSent : 0,
                                    reference ? reference->udpReceived : 0, opt.udpSize},
                       opt.rates, guiRates, peerRates);
        window.close();
    }
    // Stop the engine thread before the bridge it notifies goes away (as app/main.cpp does).
    engine.stop();
    return rc;
}
