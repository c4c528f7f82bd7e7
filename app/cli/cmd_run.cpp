#include "app/cli/common.h"
#include "app/cli/runner.h"
#include "core/play/sequence_player.h"
#include "core/respond/message_fields.h"
#include "core/workspace/workspace_json.h"

#include <map>

namespace socklab::cli {

namespace {

constexpr OptionSpec kRunOptions[] = {
    {"duration-ms", 'd', "MS", "stop after MS milliseconds (default: until Ctrl-C)"},
    {"send-saved", 's', "", "once every tab is open, send each tab's saved messages"},
    {"demo", 0, "", "run the built-in demo workspace instead of a file"},
    {"hex", 'x', "", "xxd-style dump per record instead of one line per record"},
    {"verbose", 'v', "", "each tab's state changes on stderr (\"[client] Connected ...\")"},
    {"sequences", 0, "",
     "run each tab's sequences once it is open; exit when all end: 0 if every expected reply "
     "came, 1 if not"},
};
constexpr CommandSpec kRun{
    "run", "WORKSPACE [options] | --demo [options]",
    "Open every tab of a workspace (as saved by the GUI) and print all traffic, one line per "
    "record labelled with the tab's title.",
    "With --sequences, each tab's sequences (saved by the GUI: sends, waits, expected replies,\n"
    "repeats) run one after another against its peer, and the outcome of each is printed.\n"
    "examples:\n"
    "  socklab-cli run --demo --send-saved --duration-ms 500\n"
    "  socklab-cli run device-test.socklab --sequences\n",
    kRunOptions};

class RunDriver final : public Driver {
public:
    RunDriver(Runner& runner, const Workspace& ws, bool sendSaved, bool verbose, int duration_ms,
              bool sequences)
        : m_runner(runner), m_sendSaved(sendSaved), m_verbose(verbose) {
        if (duration_ms > 0) {
            m_deadline = Clock::now() + std::chrono::milliseconds(duration_ms);
        }
        for (std::size_t i = 0; i < ws.tabs.size(); ++i) {
            const WorkspaceTab& tab = ws.tabs[i];
            OpenSession request = tabOpenRequest(tab);
            const std::string label =
                tab.title.empty() ? "tab " + std::to_string(i + 1) : tab.title;
            const SessionId id = m_runner.open(std::move(request), label);
            m_tabs.emplace(id, Tab{tab, label});
            if (sequences && !tab.sequences.empty()) {
                const bool datagram = isDatagramType(tab.spec.type);
                m_sequences.emplace(
                    id, SequencePlayer(id, tab.sequences, tab.responders.framing,
                                       datagram ? tab.destination : std::string(),
                                       tab.role == Role::Listen ? kAllConnections : 0, datagram));
            }
        }
        if (sequences && m_sequences.empty() && !m_tabs.empty()) {
            notice("no tab of the workspace has sequences");
            finish(kExitUsage);
        }
        if (m_tabs.empty()) {
            notice("the workspace has no tabs");
            finish(kExitOk);
        }
    }

    void onEvent(const EngineEvent& e) override {
        auto it = m_tabs.find(e.session);
        if (it != m_tabs.end() && e.kind == EngineEvent::Kind::RecordsAppended) {
            if (auto s = m_sequences.find(e.session); s != m_sequences.end()) {
                if (auto store = m_runner.engine().store(e.session)) {
                    post(s->second.onRecords(*store, nowNs()));
                }
                checkSequencesDone();
            }
            return;
        }
        if (it == m_tabs.end() || e.kind != EngineEvent::Kind::StateChanged || e.connection != 0) {
            return;
        }
        Tab& tab = it->second;
        if (m_verbose) {
            // The state's readable name is core's (stateName), as the GUI shows it.
            std::string text = "[" + tab.label + "] " + std::string(stateName(e.state));
            text += e.local.empty() ? "" : " local " + e.local;
            text += e.peer.empty() ? "" : " peer " + e.peer;
            notice(text);
        }
        switch (e.state) {
        case SessionState::Connected:
        case SessionState::Listening:
        case SessionState::Bound:
            tab.ready = true;
            if (auto s = m_sequences.find(e.session); s != m_sequences.end()) {
                post(s->second.start(nowNs()));
            }
            break;
        case SessionState::Failed:
            tab.ready = true;
            tab.failed = true;
            m_failed = true;
            [[fallthrough]];
        case SessionState::Closed:
            tab.closed = true;
            if (auto s = m_sequences.find(e.session); s != m_sequences.end()) {
                s->second.socketGone(e.state == SessionState::Failed ? "the socket failed"
                                                                     : "the socket closed");
            }
            break;
        default:
            break;
        }
        if (!m_sent && std::all_of(m_tabs.begin(), m_tabs.end(),
                                   [](const auto& t) { return t.second.ready; })) {
            m_sent = true;
            if (m_sendSaved) {
                sendSaved();
            }
        }
        if (checkSequencesDone()) {
            return;
        }
        if (std::all_of(m_tabs.begin(), m_tabs.end(),
                        [](const auto& t) { return t.second.closed; })) {
            finish(m_failed ? kExitFailure : kExitOk);
        }
    }

    [[nodiscard]] std::optional<Clock::time_point> deadline() const override {
        std::optional<Clock::time_point> at = m_deadline;
        for (const auto& [id, s] : m_sequences) {
            if (const auto ns = s.deadlineNs()) {
                const Clock::time_point t{std::chrono::nanoseconds(*ns)};
                at = at ? std::min(*at, t) : t;
            }
        }
        return at;
    }
    void onDeadline() override {
        if (m_deadline && Clock::now() >= *m_deadline) {
            for (auto& [id, s] : m_sequences) {
                s.socketGone("the run's --duration-ms ended");
            }
            if (!checkSequencesDone()) {
                finish(m_failed ? kExitFailure : kExitOk);
            }
            return;
        }
        for (auto& [id, s] : m_sequences) {
            post(s.onTimer(nowNs()));
        }
        checkSequencesDone();
    }
    void onInterrupt() override { finish(m_failed ? kExitFailure : kExitOk); }

private:
    static std::int64_t nowNs() {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
            .count();
    }

    void post(std::vector<SendData> sends) {
        for (SendData& d : sends) {
            m_runner.post(std::move(d));
        }
    }

    /// With --sequences: once every tab's sequences ended, print each outcome and finish (0
    /// when every expected reply came). True when the run finished.
    bool checkSequencesDone() {
        if (m_sequences.empty() || finished() ||
            !std::all_of(m_sequences.begin(), m_sequences.end(),
                         [](const auto& s) { return s.second.done(); })) {
            return false;
        }
        bool ok = true;
        for (const auto& [id, s] : m_sequences) {
            const std::string& label = m_tabs.at(id).label;
            for (const auto& r : s.results()) {
                notice("[" + label + "] sequence \"" + r.name + "\": " + r.outcome.text);
            }
            ok = ok && s.allOk();
        }
        finish(ok ? kExitOk : kExitFailure);
        return true;
    }

    struct Tab {
        WorkspaceTab spec;
        std::string label;
        bool ready = false;
        bool failed = false;
        bool closed = false;
    };

    void sendSaved() {
        for (const auto& [id, tab] : m_tabs) {
            if (tab.failed || tab.spec.role == Role::Listen) {
                continue;
            }
            // Fields: {seq} counts the tab's sends from 1, as the GUI composer's sends do.
            std::uint64_t seq = 0;
            for (const SavedMessage& m : tab.spec.messages) {
                auto bytes = savedMessageBytes(m, tab.spec.encoding, messageContextNow(++seq));
                if (!bytes) {
                    notice("[" + tab.label + "] " + bytes.error().message());
                    continue;
                }
                m_runner.post(SendData{id, 0, std::move(*bytes), false, tab.spec.destination});
            }
        }
    }

    Runner& m_runner;
    bool m_sendSaved;
    bool m_verbose;
    std::optional<Clock::time_point> m_deadline;
    std::map<SessionId, Tab> m_tabs;
    std::map<SessionId, SequencePlayer> m_sequences;
    bool m_sent = false;
    bool m_failed = false;
};

} // namespace

int cmdRun(std::span<const std::string> argv) {
    int exit = 0;
    const auto args = parseOrExit(kRun, argv, exit);
    if (!args) {
        return exit;
    }
    const bool demo = args->has("demo");
    if (args->positionals().size() != (demo ? 0u : 1u)) {
        return report(
            inputError("parse arguments", "run", "expected one WORKSPACE, or --demo"),
            kExitUsage);
    }
    int duration = 0;
    if (const auto v = args->value("duration-ms")) {
        auto n = parseInteger("--duration-ms", *v, 1, 86'400'000);
        if (!n) {
            return report(n.error(), kExitUsage);
        }
        duration = int(*n);
    }
    Workspace ws;
    if (demo) {
        ws = demoWorkspace();
    } else {
        auto loaded = loadWorkspace(args->positionals()[0]);
        if (!loaded) {
            return report(loaded.error(), kExitUsage);
        }
        ws = std::move(*loaded);
    }
    Runner runner(outputOptions(*args, OutputFormat::Log));
    RunDriver driver(runner, ws, args->has("send-saved"), args->has("verbose"), duration,
                     args->has("sequences"));
    return runner.run(driver);
}

} // namespace socklab::cli
