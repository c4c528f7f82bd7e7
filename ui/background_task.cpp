#include "ui/background_task.h"

#include <QtConcurrent/QtConcurrentRun>

namespace socklab::ui {

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BackgroundTask::onFinished);
}

BackgroundTask::~BackgroundTask() {
    // Closing a tab or quitting must not wait for a long export: ask it to stop, then wait
    // for the function (it reads the owner's data) before the owner goes away.
    cancel();
    wait();
}

bool BackgroundTask::start(Work work) {
    if (m_busy) {
        return false;
    }
    m_cancel.store(false, std::memory_order_relaxed);
    m_future = QtConcurrent::run([this, work = std::move(work)] {
        // Posted to this object's thread; wait() in the destructor keeps `this` valid while
        // the function runs, and Qt drops posts to an object deleted by then.
        const Control control{m_cancel, [this](quint64 done, quint64 total) {
                                  QMetaObject::invokeMethod(
                                      this, [this, done, total] { emit progress(done, total); },
                                      Qt::QueuedConnection);
                              }};
        return work(control);
    });
    m_busy = true;
    m_watcher.setFuture(m_future);
    return true;
}

void BackgroundTask::cancel() {
    m_cancel.store(true, std::memory_order_relaxed);
}

void BackgroundTask::wait() {
    if (m_future.isValid()) {
        m_future.waitForFinished();
    }
}

void BackgroundTask::onFinished() {
    m_busy = false;
    if (m_future.isValid() && m_future.resultCount() > 0) {
        if (const std::function<void()> deliver = m_future.result()) {
            deliver();
        }
    }
}

} // namespace socklab::ui
