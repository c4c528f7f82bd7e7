// Many concurrent TCP connections into a listener tab of the real GUI: how fast are they
// accepted and listed, what does each cost in memory, does the process grow threads, and does
// the connection list still scroll (and sort) within a frame?
//
//   QT_QPA_PLATFORM=offscreen bench_gui_connections [--connections N] [--sources S]
//       [--timeout-s T] [--no-peer]
//
// The descriptor limit is raised first (RLIMIT_NOFILE; the hard limit too when the process may):
// the GUI process needs one descriptor per connection. When less is obtained, N is scaled down
// and the output and the rows say so.
// Clients: a child process (this binary run again with --connect-child; not SockLab code, and
// its descriptors do not count against the GUI's) opening N non-blocking connects from S
// source addresses 127.<net>.0.<1..S> (bound before connect, IP_BIND_ADDRESS_NO_PORT, so every
// source has its own ephemeral ports), keeping handshakes in flight plus the listener's accept
// queue under 3/4 of its backlog (read with TCP_INFO), so that no handshake is dropped and the
// figure is the acceptor's rate, not the SYN retransmit timer's.
// Peer, in the same run and first: a minimal C++ accept loop (a thread calling accept4 and
// keeping every socket) with the same backlog as the tab (128), taking the same N connections.
// GUI: MainWindow (as app/main.cpp builds it, offscreen, 1280x900), a "TCP server" tab opened
// from its preset on 127.0.0.1:0. Accept rate: N / (first connect -> N rows in the tab's
// connection list). Memory per connection: VmRSS growth / N. Threads: /proc/self/task with every
// connection open. Then, on the real list view: scroll to the end and random scroll-bar
// positions, each followed by a synchronous repaint, timed; clicks on column headers of the
// real header (mouse press + release on the section: ascending, descending, accept order),
// each a sort of every row by the model itself plus a repaint; and, sorted by bytes out,
// sends to one connection at a time so that its row overtakes every other: the model's
// frame refresh that moves it, plus a repaint.
// Exit status 1 when a count is wrong (a connect failed, fewer than N rows, the end of the list
// not shown after scrolling to it, a header click that did not sort, a row that did not move
// to the top); 2 when the set-up fails. Speed is printed, never asserted.
#include "core/engine/engine.h"
#include "core/net/endpoint.h"
#include "tests/bench/conn_peers.h"
#include "tests/bench/support/bench_app.h"
#include "tests/bench/support/bench_rows.h"
#include "tests/bench/support/bench_stats.h"
#include "tests/bench/support/gui_probes.h"
#include "ui/bridge/core_bridge.h"
#include "ui/main_window.h"
#include "ui/models/connection_model.h"
#include "ui/session/session_handle.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"

#include <QApplication>
#include <QHeaderView>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace socklab;
using namespace socklab::bench;
using namespace socklab::ui;

namespace {

struct Options {
    std::uint64_t connections = 50'000;
    int sources = 16;
    int timeoutS = 120;
    bool peer = true;
};

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&] { return nextArgValue(argc, argv, i); };
        if (a == "--connections") {
            o.connections = std::max<std::uint64_t>(1, next());
        } else if (a == "--sources") {
            o.sources = static_cast<int>(std::clamp<std::uint64_t>(next(), 1, 254));
        } else if (a == "--timeout-s") {
            o.timeoutS = static_cast<int>(next());
        } else if (a == "--no-peer") {
            o.peer = false;
        } else {
            std::fprintf(stderr, "usage: bench_gui_connections [--connections N] [--sources S] "
                                 "[--timeout-s T] [--no-peer]\n");
            std::exit(2);
        }
    }
    return o;
}

// This binary, run again as the client process (--connect-child).
constexpr const char* kSelf = "/proc/self/exe";

struct PeerResult {
    bool ran = false;
    double rate = 0;
    std::uint64_t accepted = 0;
    std::string error;
};

// The peer: the same N connections into a minimal accept loop; all closed again at the end.
PeerResult peerRun(std::uint64_t n, int sources, int timeoutS) {
    PeerResult r;
    AcceptLoop loop(128);
    if (loop.port() == 0) {
        r.error = loop.error();
        return r;
    }
    const auto t0 = Clock::now();
    const auto deadline = t0 + std::chrono::seconds(timeoutS);
    ClientProcess process;
    auto clients = std::async(std::launch::async, [&] {
        return connectManyInChild(kSelf, loop.port(), loop.fd(), n, 1, sources, timeoutS, process);
    });
    while (loop.accepted() < n && Clock::now() < deadline &&
           clients.wait_for(std::chrono::milliseconds(1)) != std::future_status::ready) {
    }
    while (loop.accepted() < n && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ConnectResult c = clients.get();
    loop.stop();
    process.end();
    r.ran = true;
    r.accepted = loop.accepted();
    if (r.accepted >= n) {
        r.rate = static_cast<double>(n) / (ms(loop.acceptedAt(n) - t0) / 1000.0);
    }
    r.error = c.firstError.empty() ? loop.error() : c.firstError;
    return r;
}

// CPU time of this thread: on a shared machine, wall time includes waiting for a CPU.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Wall and GUI-thread CPU ms of frames.
struct Frames {
    std::vector<double> wall;
    std::vector<double> cpu;
};

// One gesture + synchronous repaint of the view, added to frames.
void timedFrame(QAbstractItemView* view, const std::function<void()>& gesture,
                Frames* frames = nullptr) {
    const auto t0 = Clock::now();
    const double cpu0 = threadCpuMs();
    gesture();
    view->viewport()->repaint();
    if (frames != nullptr) {
        frames->wall.push_back(ms(Clock::now() - t0));
        frames->cpu.push_back(threadCpuMs() - cpu0);
    }
}

// The last row the view shows (its bottom edge), -1 when none.
int lastShownRow(const QTableView* view) {
    const int y = view->viewport()->height() - 2;
    for (int dy = 0; dy < 40; ++dy) {
        const int r = view->rowAt(y - dy);
        if (r >= 0) {
            return r;
        }
    }
    return -1;
}

// A left click on the middle of a header section, as the mouse gives it (press, release).
void clickSection(QHeaderView* header, int section) {
    QWidget* viewport = header->viewport();
    const QPointF at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                     viewport->height() / 2);
    const QPointF global = viewport->mapToGlobal(at);
    QMouseEvent press(QEvent::MouseButtonPress, at, global, Qt::LeftButton, Qt::LeftButton,
                      Qt::NoModifier);
    QMouseEvent release(QEvent::MouseButtonRelease, at, global, Qt::LeftButton, Qt::NoButton,
                        Qt::NoModifier);
    QApplication::sendEvent(viewport, &press);
    QApplication::sendEvent(viewport, &release);
}

Verdict verdict(bool met) {
    return met ? Verdict::Met : Verdict::Missed;
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "--connect-child") {
        return connectChildMain(argc, argv);
    }
    Options opt = parseOptions(argc, argv);
    const std::uint64_t requested = opt.connections;
    // Clients and listener in one process: 2 descriptors a connection, plus Qt's and the engine's.
    constexpr std::uint64_t kSpare = 1024;
    const std::uint64_t limit = raiseFdLimit(requested + kSpare);
    if (limit < requested + kSpare) {
        opt.connections = limit > 2 * kSpare ? limit - kSpare : 0;
    }
    const BenchApp app(argc, argv, "bench_gui_connections");
    const std::uint64_t n = opt.connections;
    std::printf("bench_gui_connections: %llu connections from %d source addresses; "
                "RLIMIT_NOFILE %llu\n",
                static_cast<unsigned long long>(n), opt.sources,
                static_cast<unsigned long long>(limit));
    if (n < requested) {
        std::printf("NOTE: %llu connections asked for, but the descriptor limit obtained (%llu) "
                    "allows only %llu (one per connection in the GUI process, plus 1024 spare)\n",
                    static_cast<unsigned long long>(requested),
                    static_cast<unsigned long long>(limit), static_cast<unsigned long long>(n));
    }
    if (n == 0) {
        return 2;
    }
    // The rows name a scaled-down count with its reason.
    const std::string count = n < requested ? strf("%llu of %llu asked: RLIMIT_NOFILE %llu",
                                                   static_cast<unsigned long long>(n),
                                                   static_cast<unsigned long long>(requested),
                                                   static_cast<unsigned long long>(limit))
                                            : strf("%llu", static_cast<unsigned long long>(n));

    PeerResult peer;
    if (opt.peer) {
        peer = peerRun(n, opt.sources, opt.timeoutS);
        std::printf("peer (C++ accept4 loop, backlog 128): %llu accepted, %.0f /s%s%s\n",
                    static_cast<unsigned long long>(peer.accepted), peer.rate,
                    peer.error.empty() ? "" : "; ", peer.error.c_str());
    }

    Engine engine;
    CoreBridge bridge(engine);
    engine.start();
    int rc = 0;
    {
        MainWindow window(bridge);
        window.resize(1280, 900);
        window.show();
        SessionTab* tab = window.newTab(Preset::TcpServer);
        std::uint16_t port = 0;
        QObject::connect(&bridge, &CoreBridge::engineEvent, &window, [&](const EngineEvent& e) {
            if (e.kind == EngineEvent::Kind::StateChanged && e.connection == 0 &&
                e.state == SessionState::Listening && e.session == tab->sessionId()) {
                if (auto ep = Endpoint::parse(e.local)) {
                    port = ep->port();
                }
            }
        });
        if (!tab->openSocket() ||
            !spinUntil([&] { return port != 0; }, Clock::now() + std::chrono::seconds(10))) {
            std::fprintf(stderr, "listener did not come up: %s\n", qPrintable(tab->errorText()));
            return 2;
        }
        window.tabs()->setCurrentWidget(tab);
        spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(300));
        ConnectionModel* model = tab->connectionModel();
        QTableView* view = tab->connectionView();

        const std::uint64_t rssBefore = procStatusKiB("VmRSS");
        const int threadsBefore = processThreads();
        StallDetector stall;
        stall.start();
        const auto t0 = Clock::now();
        const auto deadline = t0 + std::chrono::seconds(opt.timeoutS);
        const int listenFd = findListenerFd(port);
        if (listenFd < 0) {
            std::printf("NOTE: the tab's listening socket was not found; clients not paced\n");
        }
        ClientProcess clientProcess;
        auto clients = std::async(std::launch::async, [&] {
            return connectManyInChild(kSelf, port, listenFd, n, 2, opt.sources, opt.timeoutS,
                                      clientProcess);
        });
        const bool listed =
            spinUntil([&] { return static_cast<std::uint64_t>(model->rowCount()) >= n; }, deadline);
        const auto tListed = Clock::now();
        ConnectResult c = clients.get();
        stall.stop();
        spinUntil([] { return false; }, Clock::now() + std::chrono::milliseconds(500));
        const std::uint64_t rssAfter = procStatusKiB("VmRSS");
        const int threadsAfter = processThreads();
        const double rate = listed ? static_cast<double>(n) / (ms(tListed - t0) / 1000.0) : 0.0;
        const Percentiles burstGaps = percentiles(stall.timerGaps);

        // Idle with every connection open: what the list's refresh costs the GUI thread.
        StallDetector idle;
        const SchedStat sched;
        const SchedSample idle0 = sched.sample();
        idle.start();
        spinUntil([] { return false; }, Clock::now() + std::chrono::seconds(2));
        idle.stop();
        const double idleCpuPct = (sched.sample().cpuMs - idle0.cpuMs) / 2000.0 * 100.0;
        const Percentiles idleGaps = percentiles(idle.timerGaps);

        // Scrolling the real list.
        Frames toEnd;
        Frames random;
        std::mt19937 rng(3);
        QScrollBar* bar = view->verticalScrollBar();
        bool endShown = true;
        for (int i = 0; i < 20; ++i) {
            timedFrame(view, [&] { view->scrollToTop(); });
            timedFrame(
                view, [&] { view->scrollToBottom(); }, &toEnd);
            endShown = endShown && lastShownRow(view) == model->rowCount() - 1;
        }
        for (int i = 0; i < 100; ++i) {
            const int pos = static_cast<int>(rng() % static_cast<unsigned>(bar->maximum() + 1));
            timedFrame(
                view, [&] { bar->setValue(pos); }, &random);
        }

        // Sorting: clicks on the real header of the real view, each sorting every row (the
        // model's own sort, no proxy): ascending, descending, then back to the accept order.
        QHeaderView* header = view->horizontalHeader();
        view->scrollToTop();
        Frames sorts;
        bool listSorts = true;
        for (int column : {ConnectionModel::PeerColumn, ConnectionModel::BytesInColumn,
                           ConnectionModel::StateColumn, ConnectionModel::AgeColumn}) {
            for (const int expected : {column, column, -1}) {
                timedFrame(
                    view,
                    [&] {
                        clickSection(header, column);
                        header->viewport()->repaint();
                    },
                    &sorts);
                listSorts = listSorts && model->sortColumn() == expected &&
                            header->sortIndicatorSection() == expected;
            }
        }
        std::string perClick; // GUI-thread CPU ms of each click, in order
        for (std::size_t i = 0; i < sorts.cpu.size(); ++i) {
            perClick += (i == 0 ? "" : (i % 3 == 0 ? "  " : "/")) + strf("%.1f", sorts.cpu[i]);
        }
        // The first rows in peer order, as a check that the sort is by address.
        clickSection(header, ConnectionModel::PeerColumn);
        const QString firstPeer = model->index(0, ConnectionModel::PeerColumn).data().toString();
        listSorts = listSorts && model->sortColumn() == ConnectionModel::PeerColumn;

        // Sorted by bytes out (descending), sends to one connection at a time with more bytes
        // than any before: the frame refresh moves its row to the top (a layout change).
        clickSection(header, ConnectionModel::BytesOutColumn);
        clickSection(header, ConnectionModel::BytesOutColumn);
        Frames resorts;
        bool rowsMove = model->sortColumn() == ConnectionModel::BytesOutColumn &&
                        model->sortOrder() == Qt::DescendingOrder;
        const auto store = tab->handle()->store();
        std::mt19937 pick(5);
        for (int i = 0; i < 20 && rowsMove; ++i) {
            const int from = static_cast<int>(pick() % static_cast<unsigned>(model->rowCount()));
            const ConnectionId id = *model->connectionAt(from);
            const auto bytes = static_cast<qsizetype>(64 * (i + 1));
            if (!tab->handle()->send(QByteArray(bytes, 'x'), id)) {
                rowsMove = false;
                break;
            }
            // Wait for the engine's count without running the event loop (the model's own
            // timer would refresh first).
            const auto until = Clock::now() + std::chrono::seconds(5);
            while (store->counters(id).bytesOut < static_cast<std::uint64_t>(bytes) &&
                   Clock::now() < until) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            timedFrame(
                view, [&] { model->refresh(); }, &resorts);
            rowsMove = rowsMove && model->connectionAt(0) == std::optional<ConnectionId>(id);
        }
        clickSection(header, ConnectionModel::BytesOutColumn); // back to the accept order

        // ---- figures ----
        const bool allConnected = c.connected == n && c.failed == 0 && !c.timedOut;
        const double perConnKiB =
            static_cast<double>(rssAfter > rssBefore ? rssAfter - rssBefore : 0) /
            static_cast<double>(n);
        std::printf("load average (1/5/15 min): %s\n", loadAverage().constData());
        std::printf("%-46s %llu of %llu connected (%llu failed%s%s), %d rows listed\n", "clients",
                    static_cast<unsigned long long>(c.connected),
                    static_cast<unsigned long long>(n), static_cast<unsigned long long>(c.failed),
                    c.firstError.empty() ? "" : ": ", c.firstError.c_str(), model->rowCount());
        std::printf("%-46s %.0f /s in %.2f s (peer %.0f /s)\n", "accepted and listed", rate,
                    ms(tListed - t0) / 1000.0, peer.rate);
        std::printf("%-46s %.1f KiB (RSS %.1f -> %.1f MiB)\n", "memory per connection", perConnKiB,
                    rssBefore / 1024.0, rssAfter / 1024.0);
        std::printf("%-46s %d before, %d with every connection open\n", "threads", threadsBefore,
                    threadsAfter);
        std::printf("%-46s %.1f ms max, p99 %.1f ms\n", "GUI thread stall during the burst",
                    burstGaps.max, burstGaps.p99);
        std::printf("%-46s %.0f%% CPU, max stall %.1f ms\n", "GUI thread idle with all open",
                    idleCpuPct, idleGaps.max);
        const auto frameLine = [](const char* what, const Frames& f) {
            const Percentiles w = percentiles(f.wall);
            const Percentiles c = percentiles(f.cpu);
            std::printf("%-46s wall p50 %.2f / max %.2f ms, CPU p50 %.2f / max %.2f ms (%zu)\n",
                        what, w.p50, w.max, c.p50, c.max, w.n);
        };
        frameLine("scroll to the end + repaint", toEnd);
        frameLine("random scroll-bar position + repaint", random);
        frameLine("header click (sort every row) + repaint", sorts);
        std::printf("%-46s %s (Peer, Bytes in, State, Age: asc/desc/accept order)\n",
                    "header click CPU ms, each", perClick.c_str());
        frameLine("sorted: refresh moving a row + repaint", resorts);
        std::printf("%-46s %s (first by peer: %s); a row that overtook the others moved to the "
                    "top: %s; end shown after scrolling to it: %s\n",
                    "header clicks sort the list", listSorts ? "yes" : "NO", qPrintable(firstPeer),
                    rowsMove ? "yes" : "NO", endShown ? "yes" : "NO");

        const std::string ratio = ratioText(peer.rate > 0 ? rate / peer.rate : 0.0);
        printRow(strf("TCP connections accepted into a listener tab (%s)", count.c_str()),
                 strf("%.0f conn/s", rate),
                 peer.rate > 0 ? strf("C++ accept4 loop %.0f conn/s", peer.rate) : std::string("-"),
                 ratio, "-", Verdict::Info);
        printRow(strf("connections listed in the tab (%s)", count.c_str()),
                 strf("%d rows", model->rowCount()), "-", "-",
                 strf("%llu rows", static_cast<unsigned long long>(n)),
                 verdict(listed && allConnected));
        printRow("memory per connection (RSS growth / connections)", strf("%.1f KiB", perConnKiB),
                 "-", "-", "-", Verdict::Info);
        printRow("threads of the GUI process", strf("%d (before %d)", threadsAfter, threadsBefore),
                 "-", "-", "no thread per connection", verdict(threadsAfter <= threadsBefore + 3));
        // Verdicts on the GUI thread's CPU time (the machine is shared: wall time includes
        // waiting for a CPU); both shown.
        const auto frameRow = [](const std::string& figure, const Frames& f, bool ok, bool judged) {
            const double wall = percentiles(f.wall).max;
            const double cpu = percentiles(f.cpu).max;
            printRow(figure, strf("%.1f ms CPU max (wall %.1f ms)", cpu, wall), "-", "-", "< 16 ms",
                     judged ? verdict(cpu < 16.0 && ok) : Verdict::Info);
        };
        frameRow("connection list: scroll to the end, frame", toEnd, endShown, true);
        frameRow("connection list: scroll-bar jump, frame", random, true, true);
        frameRow("connection list: sort by a column (header click), frame", sorts, listSorts, true);
        frameRow("connection list: sorted, counters move a row, frame", resorts, rowsMove, true);
        printRow("GUI thread longest stall while accepting", strf("%.1f ms", burstGaps.max), "-",
                 "-", "-", Verdict::Info);
        printRow("GUI thread idle with every connection open",
                 strf("%.0f%% CPU, stall %.1f ms", idleCpuPct, idleGaps.max), "-", "-", "-",
                 Verdict::Info);
        std::fflush(stdout);
        if (!listed || !allConnected || !endShown || !listSorts || !rowsMove) {
            rc = 1;
        }
        tab->closeSocket(true);
        clientProcess.end();
        window.close();
    }
    engine.stop();
    return rc;
}
