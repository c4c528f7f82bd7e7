#include "ui/startup_gate.h"

#include <QPointer>
#include <utility>
#include <vector>

namespace socklab::ui {

namespace {

struct Queued {
    QPointer<QObject> context;
    std::function<void()> work;
};

// GUI thread only.
bool g_closed = false;
std::vector<Queued>& queue() {
    static std::vector<Queued> q;
    return q;
}

} // namespace

void StartupGate::close() {
    g_closed = true;
}

void StartupGate::release() {
    g_closed = false;
    // Work may queue more work (or build what other work needs): take the list first.
    for (Queued& q : std::exchange(queue(), {})) {
        if (q.context) {
            q.work();
        }
    }
}

bool StartupGate::isOpen() {
    return !g_closed;
}

void StartupGate::later(QObject* context, std::function<void()> work) {
    if (!g_closed) {
        work();
        return;
    }
    queue().push_back({context, std::move(work)});
}

} // namespace socklab::ui
