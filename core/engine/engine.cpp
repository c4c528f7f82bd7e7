#include "core/engine/engine.h"

#include "core/base/translate.h"
#include "core/engine/resolver_worker.h"
#include "core/session/lab_wire.h"
#include "core/session/session.h"
#include "core/session/session_factory.h"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <variant>

namespace socklab {

namespace {

// Shared read buffer of the engine thread: 256 KiB stream reads, datagram batches up to 1 MiB.
constexpr std::size_t kIoBufferBytes = 1u << 20;

template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };

// Operations named in "no such session" errors: words, translated when find() reports them
// (syscall names such as "send" and the option name TCP_INFO are not marked).
//: The operation at the start of an error, "multicast session 3: no such session".
constexpr const char* kOpMulticast = SL_N("socklab", "multicast");
constexpr const char* kOpPing = SL_N("socklab", "ping");
constexpr const char* kOpImpairment = SL_N("socklab", "impairment");
constexpr const char* kOpHold = SL_N("socklab", "hold");
constexpr const char* kOpReleaseHeld = SL_N("socklab", "release held message");
constexpr const char* kOpInject = SL_N("socklab", "inject");
constexpr const char* kOpRelayFigures = SL_N("socklab", "relay figures");
constexpr const char* kOpSendSeries = SL_N("socklab", "send series");
constexpr const char* kOpResponders = SL_N("socklab", "responders");
constexpr const char* kOpRuleHits = SL_N("socklab", "rule hits");

} // namespace

struct Engine::Impl final : SessionHost {
    // Not zeroed (new T[], not a vector): its pages are touched by the first receive on the
    // engine thread, not by the GUI thread at start-up (1 MiB of page faults, a few ms).
    Impl() : buffer(new std::byte[kIoBufferBytes]) {
        m_loop.setWakeHandler([this] { runInbox(); });
    }

    ~Impl() override {
        // Sessions unwatch their fds from the loop in their destructors: loop must outlive them.
        sessions.clear();
    }

    // ---- SessionHost ----
    EventLoop& loop() override { return m_loop; }
    void emit(EngineEvent event) override { events.push(std::move(event)); }
    void recordsAppended(SessionId session, std::uint64_t firstSeq) override {
        dirty.try_emplace(session, firstSeq);
    }
    std::span<std::byte> ioBuffer() override { return {buffer.get(), kIoBufferBytes}; }
    void resolve(SessionId session, ResolveRequest request, ResolveDone done) override {
        resolver.submit(std::move(request), [this, session, done = std::move(done)](
                                                Result<std::vector<Endpoint>> r) mutable {
            // Back on the engine thread, and only if the session still exists.
            enqueue([this, session, done = std::move(done), r = std::move(r)]() mutable {
                if (sessions.contains(session)) {
                    done(std::move(r));
                }
            });
        });
    }
    void defer(std::function<void()> task) override { deferred.push_back(std::move(task)); }
    Result<UniqueFd> labSocket(const LabPlacement& placement, const SocketSpec& spec) override {
        const std::string object = trArgs(SL_TR("socklab", "lab wire session %1"), placement.wire);
        auto it = sessions.find(placement.wire);
        auto* wire = it == sessions.end() ? nullptr : dynamic_cast<LabWire*>(it->second.get());
        if (wire == nullptr) {
            return fail(inputError("socket", object, SL_TR("socklab", "no such lab wire session")));
        }
        if (wire->network() == nullptr) {
            return fail(sysError(ENETDOWN, "socket", object,
                                 SL_TR("socklab", "the lab network is not up")));
        }
        return wire->network()->socket(placement.host, spec.family, spec.type, spec.protocol);
    }

    // ---- engine thread ----
    void enqueue(std::function<void()> task) {
        {
            std::lock_guard lock(inboxMutex);
            inbox.push_back(std::move(task));
        }
        m_loop.wakeup();
    }

    void runInbox() {
        std::vector<std::function<void()>> tasks;
        {
            std::lock_guard lock(inboxMutex);
            tasks.swap(inbox);
        }
        for (auto& t : tasks) {
            t();
        }
    }

    int iterate(int timeout_ms) {
        const int n = m_loop.runOnce(timeout_ms);
        while (!deferred.empty()) {
            auto tasks = std::move(deferred);
            deferred.clear();
            for (auto& t : tasks) {
                t();
            }
        }
        flushRecords();
        return n;
    }

    void flushRecords() {
        for (const auto& [id, first] : dirty) {
            auto it = sessions.find(id);
            if (it == sessions.end()) {
                continue;
            }
            EngineEvent e;
            e.kind = EngineEvent::Kind::RecordsAppended;
            e.session = id;
            e.firstSeq = first;
            e.endSeq = it->second->store().endSeq();
            events.push(std::move(e));
        }
        dirty.clear();
    }

    void openNow(SessionId id, OpenSession request, std::shared_ptr<TrafficStore> store) {
        auto s = makeSession(*this, id, std::move(request), std::move(store));
        if (!s) {
            EngineEvent e;
            e.kind = EngineEvent::Kind::Error;
            e.session = id;
            e.state = SessionState::Failed;
            e.error = s.error();
            events.push(e);
            e.kind = EngineEvent::Kind::StateChanged;
            e.error.reset();
            events.push(std::move(e));
            return;
        }
        Session* raw = s->get();
        sessions.emplace(id, std::move(*s));
        raw->start();
    }

    Session* find(SessionId id, ConnectionId connection, std::string_view what) {
        auto it = sessions.find(id);
        if (it != sessions.end()) {
            return it->second.get();
        }
        EngineEvent e;
        e.kind = EngineEvent::Kind::Error;
        e.session = id;
        e.connection = connection;
        // what: a syscall name (unmarked, so it stays as it is) or one of the kOp words above.
        //: A session the engine does not know, by number.
        std::string object = trArgs(SL_TR("socklab", "session %1"), id);
        e.error = inputError(translate("socklab", what), std::move(object),
                             SL_TR("socklab", "no such session"));
        events.push(std::move(e));
        return nullptr;
    }

    void dispatch(Command& command) {
        std::visit(Overloaded{
                       [this](SendData& c) {
                           if (Session* s = find(c.session, c.connection, "send")) {
                               s->send(c);
                           }
                       },
                       [this](ShutdownWrite& c) {
                           if (Session* s = find(c.session, c.connection, "shutdown")) {
                               s->shutdownWrite(c.connection);
                           }
                       },
                       [this](CloseSocket& c) {
                           if (Session* s = find(c.session, c.connection, "close")) {
                               s->close(c.connection, c.abortive);
                           }
                       },
                       [this](SetOption& c) {
                           if (Session* s = find(c.session, c.connection, "setsockopt")) {
                               s->setOption(c.connection, c.setting);
                           }
                       },
                       [this](ConnectDatagram& c) {
                           if (Session* s = find(c.session, 0, "connect")) {
                               s->connectDatagram(c.remote);
                           }
                       },
                       [this](MulticastMembership& c) {
                           if (Session* s = find(c.session, 0, kOpMulticast)) {
                               s->multicast(c);
                           }
                       },
                       [this](Ping& c) {
                           if (Session* s = find(c.session, 0, kOpPing)) {
                               s->ping(c);
                           }
                       },
                       [this](QueryTcpInfo& c) {
                           if (Session* s = find(c.session, c.connection, "TCP_INFO")) {
                               s->queryTcpInfo(c.connection);
                           }
                       },
                       [this](SetImpairment& c) {
                           if (Session* s = find(c.session, 0, kOpImpairment)) {
                               s->setImpairment(c);
                           }
                       },
                       [this](HoldDirection& c) {
                           if (Session* s = find(c.session, 0, kOpHold)) {
                               s->hold(c);
                           }
                       },
                       [this](ReleaseHeld& c) {
                           if (Session* s = find(c.session, 0, kOpReleaseHeld)) {
                               s->releaseHeld(c);
                           }
                       },
                       [this](InjectData& c) {
                           if (Session* s = find(c.session, c.connection, kOpInject)) {
                               s->inject(c);
                           }
                       },
                       [this](QueryRelayFigures& c) {
                           if (Session* s = find(c.session, 0, kOpRelayFigures)) {
                               s->queryRelayFigures();
                           }
                       },
                       [this](SendSeries& c) {
                           if (Session* s = find(c.session, c.connection, kOpSendSeries)) {
                               s->sendSeries(c);
                           }
                       },
                       [this](SetResponders& c) {
                           if (Session* s = find(c.session, 0, kOpResponders)) {
                               s->setResponders(c);
                           }
                       },
                       [this](QueryRuleHits& c) {
                           if (Session* s = find(c.session, 0, kOpRuleHits)) {
                               s->queryRuleHits();
                           }
                       },
                       [this](DestroySession& c) {
                           sessions.erase(c.session);
                           dirty.erase(c.session);
                           std::lock_guard lock(storesMutex);
                           stores.erase(c.session);
                       },
                   },
                   command);
    }

    EventLoop m_loop;
    EventQueue events;
    std::atomic<SessionId> nextId{1};
    std::mutex inboxMutex;
    std::vector<std::function<void()>> inbox;
    std::map<SessionId, std::unique_ptr<Session>> sessions;
    mutable std::mutex storesMutex;
    std::unordered_map<SessionId, std::shared_ptr<TrafficStore>> stores;
    std::map<SessionId, std::uint64_t> dirty;
    std::vector<std::function<void()>> deferred;
    std::unique_ptr<std::byte[]> buffer;
    std::thread thread;
    std::atomic<bool> stopping{false};
    // Last: destroyed first, so no lookup can deliver into a half-destroyed engine.
    ResolverWorker resolver;
};

Engine::Engine() : m_impl(std::make_unique<Impl>()) {}

Engine::~Engine() {
    stop();
    // Close sessions on this thread before the loop goes away (Impl's destructor does it).
    m_impl.reset();
}

void Engine::start() {
    if (m_impl->thread.joinable()) {
        return;
    }
    m_impl->stopping = false;
    m_impl->thread = std::thread([impl = m_impl.get()] {
        while (!impl->stopping.load(std::memory_order_acquire)) {
            impl->iterate(-1);
        }
    });
}

void Engine::stop() {
    if (!m_impl->thread.joinable()) {
        return;
    }
    m_impl->stopping.store(true, std::memory_order_release);
    m_impl->m_loop.wakeup();
    m_impl->thread.join();
}

int Engine::runOnce(int timeout_ms) {
    if (m_impl->thread.joinable()) {
        return 0;
    }
    return m_impl->iterate(timeout_ms);
}

SessionId Engine::open(OpenSession request) {
    const SessionId id = m_impl->nextId.fetch_add(1, std::memory_order_relaxed);
    auto store = std::make_shared<TrafficStore>(request.store);
    {
        std::lock_guard lock(m_impl->storesMutex);
        m_impl->stores.emplace(id, store);
    }
    m_impl->enqueue([impl = m_impl.get(), id, request = std::move(request),
                     store = std::move(store)]() mutable {
        impl->openNow(id, std::move(request), std::move(store));
    });
    return id;
}

SessionId Engine::reopen(SessionId previous, OpenSession request) {
    std::shared_ptr<TrafficStore> store;
    {
        std::lock_guard lock(m_impl->storesMutex);
        auto it = m_impl->stores.find(previous);
        if (it != m_impl->stores.end()) {
            store = it->second;
        }
    }
    if (!store) {
        return open(std::move(request));
    }
    const SessionId id = m_impl->nextId.fetch_add(1, std::memory_order_relaxed);
    {
        std::lock_guard lock(m_impl->storesMutex);
        m_impl->stores.emplace(id, store);
    }
    // One step on the engine thread: the old session's last records (its close) land before
    // the new session's first ones.
    m_impl->enqueue([impl = m_impl.get(), previous, id, request = std::move(request),
                     store = std::move(store)]() mutable {
        Command destroy = DestroySession{previous};
        impl->dispatch(destroy);
        impl->openNow(id, std::move(request), std::move(store));
    });
    return id;
}

void Engine::post(Command command) {
    m_impl->enqueue(
        [impl = m_impl.get(), command = std::move(command)]() mutable { impl->dispatch(command); });
}

std::shared_ptr<const TrafficStore> Engine::store(SessionId session) const {
    std::lock_guard lock(m_impl->storesMutex);
    auto it = m_impl->stores.find(session);
    return it == m_impl->stores.end() ? nullptr : it->second;
}

EventQueue& Engine::events() {
    return m_impl->events;
}

} // namespace socklab
