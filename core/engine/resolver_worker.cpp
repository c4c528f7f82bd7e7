#include "core/engine/resolver_worker.h"

#include "core/net/resolver.h"

namespace socklab {

ResolverWorker::~ResolverWorker() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_cv.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void ResolverWorker::submit(ResolveRequest request, Deliver deliver) {
    std::lock_guard lock(m_mutex);
    m_jobs.emplace_back(std::move(request), std::move(deliver));
    if (!m_thread.joinable()) {
        m_thread = std::thread([this] { run(); });
    }
    m_cv.notify_one();
}

void ResolverWorker::run() {
    for (;;) {
        std::pair<ResolveRequest, Deliver> job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping) {
                return;
            }
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        const ResolveRequest& r = job.first;
        job.second(resolveBlocking(r.text, r.family, r.socktype, r.passive));
    }
}

} // namespace socklab
