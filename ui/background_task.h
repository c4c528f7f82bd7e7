#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <functional>

namespace socklab::ui {

/// The one worker-thread pattern of the UI (capture export, find): start() hands a function to
/// Qt's thread pool (QtConcurrent::run); the closure it returns runs on this object's thread
/// when it is done. cancel() asks the function to stop (it polls Control::cancelled); the
/// destructor cancels and waits, so the function never outlives the object that owns the task
/// (and what it reads), and nothing is delivered after the owner is gone.
class BackgroundTask : public QObject {
    Q_OBJECT
public:
    /// What the function gets: a stop request to poll, and a progress report that arrives as
    /// progress() on this object's thread.
    struct Control {
        const std::atomic<bool>& cancelled;
        std::function<void(quint64 done, quint64 total)> progress;
    };
    /// Runs on a pool thread; returns what to do on this object's thread with its result.
    using Work = std::function<std::function<void()>(const Control&)>;

    explicit BackgroundTask(QObject* parent = nullptr);
    ~BackgroundTask() override;

    /// False (and nothing started) while the previous function runs.
    bool start(Work work);
    [[nodiscard]] bool busy() const { return m_busy; }
    /// Ask the running function to stop; its closure still runs (it can report the cancel).
    void cancel();
    /// Block until the running function has returned (its closure is delivered later, by the
    /// event loop); for shutdown and tests.
    void wait();

signals:
    void progress(quint64 done, quint64 total);

private:
    void onFinished();

    std::atomic<bool> m_cancel{false};
    QFuture<std::function<void()>> m_future;
    QFutureWatcher<std::function<void()>> m_watcher;
    bool m_busy = false;
};

} // namespace socklab::ui
