#include "ui/bridge/core_bridge.h"

#include <QMetaObject>
#include <QPointer>
#include <mutex>

namespace socklab::ui {

// The notify callback runs on the engine thread and may race the bridge's destructor. Posting
// under this mutex while `target` is set makes that safe: ~QObject drops events already posted.
struct CoreBridge::Link {
    std::mutex mutex;
    CoreBridge* target = nullptr;
};

CoreBridge::CoreBridge(socklab::Engine& engine, QObject* parent)
    : QObject(parent), m_engine(engine), m_link(std::make_shared<Link>()) {
    qRegisterMetaType<socklab::EngineEvent>();
    m_link->target = this;
    // Called only on the queue's empty -> non-empty transition: one posted call per burst.
    m_engine.events().setNotify([link = m_link] {
        std::lock_guard lock(link->mutex);
        if (CoreBridge* bridge = link->target) {
            // By name, not a lambda: the posted call then carries no data written on this
            // thread and read on the GUI thread, which Qt orders with a lock ThreadSanitizer
            // cannot see in the distribution's uninstrumented Qt (a reported race otherwise).
            QMetaObject::invokeMethod(bridge, "drainNow", Qt::QueuedConnection);
        }
    });
    // Events queued before the bridge existed produced no notify: deliver them too.
    QMetaObject::invokeMethod(
        this, [this] { drainNow(); }, Qt::QueuedConnection);
}

CoreBridge::~CoreBridge() {
    {
        std::lock_guard lock(m_link->mutex);
        m_link->target = nullptr;
    }
    m_engine.events().setNotify({});
}

int CoreBridge::drainNow() {
    std::vector<socklab::EngineEvent> events = m_engine.events().drain();
    if (events.empty()) {
        return 0;
    }
    ++m_drains;
    QPointer<CoreBridge> self(this);
    int delivered = 0;
    for (const socklab::EngineEvent& event : events) {
        emit engineEvent(event);
        ++delivered;
        if (!self) {
            break; // a slot deleted the bridge (the window closed): drop the rest
        }
    }
    return delivered;
}

} // namespace socklab::ui
