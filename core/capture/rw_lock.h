#pragma once

#include <pthread.h>

namespace socklab::detail {

/// Reader/writer lock that prefers the writer, so a steady stream of readers (GUI repaint,
/// CLI polling) cannot starve the engine thread. glibc's default rwlock (which std::shared_mutex
/// uses) prefers readers. Meets SharedMutex, so std::unique_lock/std::shared_lock work.
/// Readers must not take it recursively: a waiting writer would deadlock them.
class RwLock {
public:
    RwLock() {
        pthread_rwlockattr_t attr;
        pthread_rwlockattr_init(&attr);
        pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        pthread_rwlock_init(&m_lock, &attr);
        pthread_rwlockattr_destroy(&attr);
    }
    ~RwLock() { pthread_rwlock_destroy(&m_lock); }
    RwLock(const RwLock&) = delete;
    RwLock& operator=(const RwLock&) = delete;

    void lock() { pthread_rwlock_wrlock(&m_lock); }
    void unlock() { pthread_rwlock_unlock(&m_lock); }
    void lock_shared() { pthread_rwlock_rdlock(&m_lock); }
    void unlock_shared() { pthread_rwlock_unlock(&m_lock); }

private:
    pthread_rwlock_t m_lock;
};

} // namespace socklab::detail
