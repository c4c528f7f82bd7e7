#pragma once

#include "app/cli/output.h"
#include "core/capture/live_save.h"
#include "core/engine/engine.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

namespace socklab::cli {

using Clock = std::chrono::steady_clock;

/// The exit status of a run that an engine error ended (same as kExitFailure in common.h).
inline constexpr int kErrorExit = 1;

/// What a subcommand does with engine events, stdin and time. The Runner calls it on the main
/// thread only, so a driver needs no locking.
class Driver {
public:
    virtual ~Driver() = default;
    virtual void onEvent(const EngineEvent& event) = 0;
    /// Asked before every wait: read stdin now? (false while not connected, or to hold back
    /// when the engine has much unsent data).
    [[nodiscard]] virtual bool wantsStdin() const { return false; }
    virtual void onStdin(std::span<const std::byte> bytes) { (void)bytes; }
    virtual void onStdinEof() {}
    /// When to call onDeadline(); nullopt = no timer.
    [[nodiscard]] virtual std::optional<Clock::time_point> deadline() const { return {}; }
    virtual void onDeadline() {}
    /// Ctrl-C or SIGTERM. The default ends with status 130.
    virtual void onInterrupt() { finish(130); }
    /// True while the driver waits for the engine to answer a request for `session` (its open
    /// request, or a command it posted). The engine reports some failures only as an Error
    /// event (a ping or datagram connect whose host does not resolve, a refused option) and
    /// never sends what the driver waits for; so while this is true, an Error for the
    /// session's own socket ends the run with kErrorExit (see Runner::handleEvents).
    [[nodiscard]] virtual bool awaitingAnswer(SessionId session) const {
        (void)session;
        return false;
    }

    [[nodiscard]] bool finished() const { return m_finished; }
    [[nodiscard]] int exitCode() const { return m_exitCode; }

protected:
    void finish(int code) {
        if (!m_finished) {
            m_finished = true;
            m_exitCode = code;
        }
    }

private:
    friend class Runner;
    bool m_finished = false;
    int m_exitCode = 0;
};

/// Owns the engine (on its own thread) and the main-thread loop: waits in poll() on stdin and
/// on a pipe the engine's outbox writes to, prints new records, and feeds the driver.
/// Reading stdin here never blocks the engine: bytes cross over as SendData commands.
class Runner {
public:
    explicit Runner(OutputOptions options);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    Engine& engine() { return m_engine; }
    RecordPrinter& printer() { return m_printer; }
    /// Open a session and print its records under label ("" = no label).
    SessionId open(OpenSession request, std::string label = {});
    void post(Command command) { m_engine.post(std::move(command)); }
    /// Loop until the driver finishes; returns its exit code.
    int run(Driver& driver);
    /// The responder hit counts of a session (empty when it has no rules): asks the engine for
    /// the latest and waits for them (bounded), since counts are reported every 100 ms.
    [[nodiscard]] std::vector<std::uint64_t> ruleHits(SessionId session);
    /// Continuous save of a session's capture (--save), started now; errors name the file
    /// ("save pcapng /ro/x.pcapng: Permission denied (EACCES)"). A write error later is
    /// reported once on stderr while the session goes on; run() writes what is left and closes
    /// the file before it returns, and returns kErrorExit instead of 0 when the save failed.
    Status startSave(SessionId id, const LiveSaveSettings& settings, const SocketSpec& spec);

private:
    void handleEvents(Driver& driver);
    /// Print the exposure warning of a session that now listens or is bound (stderr).
    void noteExposure(const EngineEvent& e);
    /// Report a save error once; true when the save failed.
    bool checkSave();
    /// Final write and close of the save; false when it failed.
    bool finishSave();

    Engine m_engine;
    RecordPrinter m_printer;
    int m_wakeRead = -1;
    int m_wakeWrite = -1;
    bool m_stdinEof = false;
    std::set<std::pair<SessionId, ConnectionId>> m_backpressureNoted;
    std::map<SessionId, std::vector<std::uint64_t>> m_ruleHits;
    /// Sessions whose exposure warning (exposureWarning) is printed once they listen or bind:
    /// what of their request decides it.
    std::map<SessionId, OpenSession> m_exposure;
    std::unique_ptr<LiveSave> m_save;
    bool m_saveReported = false;
};

/// With -v: one stderr line per responder rule saying how often it answered ("rule 1
/// \"PING=>PONG\": 3 replies"), after the run.
void reportRuleHits(const OutputOptions& output, const ResponderConfig& responders,
                    const std::vector<std::uint64_t>& hits);

/// How every single-session subcommand runs: open request in a new Runner, drive it with
/// D(runner, id, driverArgs...) until the driver finishes, and return its exit code.
template <class D, class... DriverArgs>
int runSession(OutputOptions output, OpenSession request, DriverArgs&&... driverArgs) {
    const bool verbose = output.verbose;
    const ResponderConfig responders = request.responders;
    const std::optional<LiveSaveSettings> save = output.save;
    const SocketSpec spec = request.spec;
    Runner runner(std::move(output));
    const SessionId id = runner.open(std::move(request));
    if (save) {
        if (auto started = runner.startSave(id, *save, spec); !started) {
            notice(started.error().message());
            return kErrorExit;
        }
    }
    D driver(runner, id, std::forward<DriverArgs>(driverArgs)...);
    const int code = runner.run(driver);
    if (verbose && !responders.empty()) {
        OutputOptions report;
        report.verbose = true;
        reportRuleHits(report, responders, runner.ruleHits(id));
    }
    return code;
}

} // namespace socklab::cli
