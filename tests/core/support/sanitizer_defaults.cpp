// Default sanitizer options for every core test binary (TSAN_OPTIONS in the environment still
// wins flag by flag):
// - die_after_fork=0: tests start peers (python3, socat) with QProcess while the engine thread
//   runs; the child only execs, which TSan cannot know, and would otherwise abort.
// - suppressions: races inside the uninstrumented Qt Test library itself (its watchdog thread's
//   QWaitCondition), which are not ours to fix. See tests/tsan.supp.
// - ignore_noninstrumented_modules=1, GUI tests only (SOCKLAB_TSAN_QT_GUI): the distribution's
//   Qt is not built with TSan and orders its own bookkeeping (posted events, QThreadPool, the
//   raster engine's worker threads) with a futex-based QMutex TSan cannot see, so Qt's own
//   malloc/free/memcpy of that bookkeeping looks racy. The flag makes interceptors called from
//   uninstrumented code record no memory accesses; their synchronization (pthread, fds) still
//   counts, and every access our instrumented code makes is still checked.

#if defined(__SANITIZE_THREAD__)
#define SOCKLAB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SOCKLAB_TSAN 1
#endif
#endif

#ifdef SOCKLAB_TSAN
extern "C" const char* __tsan_default_options() {
    return "die_after_fork=0:"
#ifdef SOCKLAB_TSAN_QT_GUI
           "ignore_noninstrumented_modules=1:"
#endif
           "suppressions=" SOCKLAB_TEST_DIR "/tsan.supp";
}
#endif
