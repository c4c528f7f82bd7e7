#pragma once

#include "core/engine/engine.h"
#include "core/vocab/events.h"

#include <QObject>
#include <memory>

namespace socklab::ui {

/// The one place where engine events cross into the GUI thread. The engine's notify callback
/// posts a single queued call per burst; that call drains the whole queue in one swap and emits
/// engineEvent() once per event, in order.
class CoreBridge : public QObject {
    Q_OBJECT
public:
    explicit CoreBridge(socklab::Engine& engine, QObject* parent = nullptr);
    ~CoreBridge() override;

    socklab::Engine& engine() { return m_engine; }
    /// How many times the queue was drained (each drain may deliver many events).
    [[nodiscard]] quint64 drainCount() const { return m_drains; }

    /// Drain now (also done automatically after each notify); returns the number delivered.
    Q_INVOKABLE int drainNow();

signals:
    void engineEvent(const socklab::EngineEvent& event);

private:
    socklab::Engine& m_engine;
    quint64 m_drains = 0;
    struct Link; // shared with the engine-thread callback; see the .cpp
    std::shared_ptr<Link> m_link;
};

} // namespace socklab::ui

Q_DECLARE_METATYPE(socklab::EngineEvent)
