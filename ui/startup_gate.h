#pragma once

#include <QObject>
#include <functional>

namespace socklab::ui {

/// Work that may wait until the main window's first frame is on screen: widgets the first
/// frame does not show (below the fold of a scroll area) are built after it. Open unless a
/// start-up is under way, so everywhere else (tests, later tabs) the work runs at once.
class StartupGate {
public:
    /// MainWindow, while its first frame is pending: later() queues from now on.
    static void close();
    /// Runs the queued work (of contexts still alive) in order; later() runs at once again.
    static void release();
    [[nodiscard]] static bool isOpen();
    /// Runs work now when the gate is open; otherwise after release(), unless context is gone.
    static void later(QObject* context, std::function<void()> work);
};

} // namespace socklab::ui
