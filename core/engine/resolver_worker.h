#pragma once

#include "core/base/result.h"
#include "core/net/endpoint.h"
#include "core/session/session.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace socklab {

/// One background thread running getaddrinfo so the event loop never blocks on DNS.
/// Results are handed to `deliver` on the worker thread; the engine forwards them to its loop.
class ResolverWorker {
public:
    using Deliver = std::function<void(Result<std::vector<Endpoint>>)>;

    ResolverWorker() = default;
    ~ResolverWorker(); ///< abandons queued jobs, joins the thread (waits for a running lookup)
    ResolverWorker(const ResolverWorker&) = delete;
    ResolverWorker& operator=(const ResolverWorker&) = delete;

    /// Queue a lookup; the thread starts on first use.
    void submit(ResolveRequest request, Deliver deliver);

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::pair<ResolveRequest, Deliver>> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace socklab
