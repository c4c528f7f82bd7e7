#include "app/cli/runner.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <vector>

namespace socklab::cli {

namespace {

std::atomic<int> g_signalPipe{-1};
std::atomic<int> g_interrupts{0};

extern "C" void onSignal(int) {
    // A second Ctrl-C while a graceful close is pending leaves at once.
    if (g_interrupts.fetch_add(1) >= 1) {
        ::_exit(130);
    }
    const int fd = g_signalPipe.load();
    if (fd >= 0) {
        const char c = 's';
        [[maybe_unused]] auto n = ::write(fd, &c, 1);
    }
}

} // namespace

Runner::Runner(OutputOptions options) : m_printer(options) {
    int fds[2];
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0) {
        m_wakeRead = fds[0];
        m_wakeWrite = fds[1];
    }
    const int wake = m_wakeWrite;
    // Runs on the engine thread on the empty -> non-empty transition only: one byte per burst.
    m_engine.events().setNotify([wake] {
        const char c = 'e';
        [[maybe_unused]] auto n = ::write(wake, &c, 1);
    });
    g_signalPipe.store(m_wakeWrite);
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    // stdout may be a pipe whose reader goes away (| head): report EPIPE instead of dying.
    std::signal(SIGPIPE, SIG_IGN);
    m_engine.start();
}

Runner::~Runner() {
    m_engine.stop();
    m_engine.events().setNotify({});
    g_signalPipe.store(-1);
    if (m_wakeRead >= 0) {
        ::close(m_wakeRead);
    }
    if (m_wakeWrite >= 0) {
        ::close(m_wakeWrite);
    }
}

SessionId Runner::open(OpenSession request, std::string label) {
    const bool relay = request.role == Role::Relay;
    OpenSession brief;
    brief.spec = request.spec;
    brief.role = request.role;
    brief.local = request.local;
    brief.placement = request.placement;
    const SessionId id = m_engine.open(std::move(request));
    m_exposure.emplace(id, std::move(brief));
    m_printer.track(id, m_engine.store(id), std::move(label), relay);
    return id;
}

void Runner::handleEvents(Driver& driver) {
    for (const EngineEvent& e : m_engine.events().drain()) {
        // Records first: a state change is reported after the bytes that led to it.
        m_printer.flush(e.session);
        if (e.kind == EngineEvent::Kind::RuleHits) {
            m_ruleHits[e.session] = e.ruleHits;
        }
        if (e.kind == EngineEvent::Kind::Error && e.error) {
            notice(e.error->message());
        } else if (e.kind == EngineEvent::Kind::Warning) {
            notice(e.text);
        } else if (e.kind == EngineEvent::Kind::Backpressure && e.backpressure &&
                   m_backpressureNoted.insert({e.session, e.connection}).second) {
            // Once per connection: the figures change every half second while it lasts.
            notice("send backpressure" +
                   (e.connection != 0 ? " on connection #" + std::to_string(e.connection)
                                      : std::string()) +
                   ": " + e.text);
        }
        if (driver.finished()) {
            continue; // the run is over: the rest of the burst is only printed
        }
        driver.onEvent(e);
        noteExposure(e);
        // The one place that turns an unanswered request into an exit: the drivers only say
        // what they wait for. Connecting/Resolving errors are not final (the engine goes on
        // to the next address), a refused option leaves the session going (as in the GUI),
        // and child connections' errors never end a run here.
        const bool refusedOption = e.option.id != OptionId{};
        if (!driver.finished() && e.kind == EngineEvent::Kind::Error && e.connection == 0 &&
            !refusedOption && e.state != SessionState::Connecting &&
            e.state != SessionState::Resolving && driver.awaitingAnswer(e.session)) {
            driver.finish(kErrorExit);
        }
    }
}

void Runner::noteExposure(const EngineEvent& e) {
    if (e.kind != EngineEvent::Kind::StateChanged || e.connection != 0 ||
        (e.state != SessionState::Listening && e.state != SessionState::Bound)) {
        return;
    }
    const auto it = m_exposure.find(e.session);
    if (it == m_exposure.end()) {
        return;
    }
    // The same text the GUI shows under the tab's summary, once per session.
    const std::string warning = exposureWarning(it->second, e.local);
    m_exposure.erase(it);
    if (!warning.empty()) {
        notice(warning);
    }
}

std::vector<std::uint64_t> Runner::ruleHits(SessionId session) {
    if (m_ruleHits.count(session) == 0) {
        return {}; // no rules: nothing was ever reported
    }
    m_engine.post(QueryRuleHits{session});
    const auto until = Clock::now() + std::chrono::milliseconds(500);
    bool answered = false;
    while (!answered && Clock::now() < until) {
        pollfd fd{m_wakeRead, POLLIN, 0};
        (void)::poll(&fd, 1, 50);
        char sink[256];
        while (::read(m_wakeRead, sink, sizeof sink) > 0) {
        }
        for (const EngineEvent& e : m_engine.events().drain()) {
            if (e.session == session && e.kind == EngineEvent::Kind::RuleHits) {
                m_ruleHits[session] = e.ruleHits;
                answered = true;
            }
        }
    }
    const auto it = m_ruleHits.find(session);
    return it == m_ruleHits.end() ? std::vector<std::uint64_t>{} : it->second;
}

void reportRuleHits(const OutputOptions& output, const ResponderConfig& responders,
                    const std::vector<std::uint64_t>& hits) {
    if (!output.verbose) {
        return;
    }
    for (std::size_t i = 0; i < responders.rules.size(); ++i) {
        const std::uint64_t n = i < hits.size() ? hits[i] : 0;
        std::string line = "rule " + std::to_string(i + 1);
        if (!responders.rules[i].name.empty()) {
            line += " \"" + responders.rules[i].name + "\"";
        }
        line += ": " + std::to_string(n) + (n == 1 ? " match" : " matches");
        notice(line);
    }
}

Status Runner::startSave(SessionId id, const LiveSaveSettings& settings, const SocketSpec& spec) {
    auto options = liveSaveOptionsFor(settings, spec);
    if (!options) {
        return fail(options.error());
    }
    auto save = LiveSave::start(m_engine.store(id), std::move(*options));
    if (!save) {
        return fail(save.error());
    }
    m_save = std::move(*save);
    const std::string file = m_save->status().currentFile;
    if (file != settings.path) {
        notice("saving to " + file + " (" + settings.path + " exists)");
    } else if (m_printer.options().verbose) {
        notice("saving to " + file);
    }
    return {};
}

bool Runner::checkSave() {
    if (!m_save) {
        return false;
    }
    const LiveSaveStatus status = m_save->status();
    if (status.error && !m_saveReported) {
        m_saveReported = true;
        notice(status.error->message() + "; saving stopped, the session goes on");
    }
    return status.error.has_value();
}

bool Runner::finishSave() {
    if (!m_save) {
        return true;
    }
    m_save->stop();
    const bool failed = checkSave();
    const LiveSaveStatus s = m_save->status();
    if (!failed && m_printer.options().verbose) {
        notice("saved " + std::to_string(s.records) + " records in " + std::to_string(s.files) +
               (s.files == 1 ? " file" : " files") + " (" + std::to_string(s.bytes) +
               " bytes), the last " + s.currentFile);
    }
    if (s.missedRecords > 0) {
        notice(std::to_string(s.missedRecords) +
               " records were dropped by the capture limit before they were saved");
    }
    return !failed;
}

int Runner::run(Driver& driver) {
    std::vector<std::byte> buffer(64 * 1024);
    int seenInterrupts = 0;
    while (!driver.finished()) {
        pollfd fds[2] = {{m_wakeRead, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        const bool readStdin = !m_stdinEof && driver.wantsStdin();
        int timeout = -1;
        if (const auto when = driver.deadline()) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(*when - Clock::now());
            timeout = int(std::max<std::int64_t>(0, left.count() + 1));
        }
        if (m_save && !m_saveReported && (timeout < 0 || timeout > 250)) {
            timeout = 250; // a save error is reported while the session goes on
        }
        const int n = ::poll(fds, readStdin ? 2 : 1, timeout);
        if (n < 0 && errno != EINTR) {
            notice("poll: " + errnoText(errno));
            return 1;
        }
        if (fds[0].revents & POLLIN) {
            char sink[256];
            while (::read(m_wakeRead, sink, sizeof sink) > 0) {
            }
        }
        handleEvents(driver);
        checkSave();
        if (const int now = g_interrupts.load(); now > seenInterrupts) {
            seenInterrupts = now;
            driver.onInterrupt();
        }
        if (readStdin && !driver.finished() && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            const ssize_t got = ::read(STDIN_FILENO, buffer.data(), buffer.size());
            if (got > 0) {
                driver.onStdin(std::span(buffer.data(), std::size_t(got)));
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                m_stdinEof = true;
                driver.onStdinEof();
            }
        }
        if (const auto when = driver.deadline(); when && Clock::now() >= *when) {
            driver.onDeadline();
        }
    }
    m_printer.flushAll();
    const bool saved = finishSave();
    return !saved && driver.exitCode() == 0 ? kErrorExit : driver.exitCode();
}

} // namespace socklab::cli
