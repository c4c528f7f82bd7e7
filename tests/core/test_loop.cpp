// EventLoop: fd readiness, interest changes, timers (one-shot, repeating, cancel), cross-thread
// wakeup, and handlers that remove watches (their own and others') during dispatch.

#include "core/loop/event_loop.h"

#include <QElapsedTimer>
#include <QTest>
#include <atomic>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace socklab;

class TestLoop : public QObject {
    Q_OBJECT

private slots:
    void pipeReadable() {
        EventLoop loop;
        QVERIFY(loop.valid());
        int p[2];
        QCOMPARE(::pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
        int calls = 0;
        QVERIFY(loop.watch(p[0], LoopEvent::Readable, [&](std::uint32_t ev) {
            ++calls;
            QVERIFY(ev & LoopEvent::Readable);
            char c;
            QCOMPARE(::read(p[0], &c, 1), ssize_t(1));
        }));
        QCOMPARE(loop.runOnce(0), 0);
        QCOMPARE(::write(p[1], "x", 1), ssize_t(1));
        QCOMPARE(loop.runOnce(1000), 1);
        QCOMPARE(calls, 1);
        QCOMPARE(loop.runOnce(0), 0);
        QVERIFY(loop.modify(p[0], 0));
        QCOMPARE(::write(p[1], "y", 1), ssize_t(1));
        QCOMPARE(loop.runOnce(0), 0); // interest removed: not reported
        QVERIFY(loop.modify(p[0], LoopEvent::Readable));
        QCOMPARE(loop.runOnce(0), 1);
        loop.unwatch(p[0]);
        QVERIFY(!loop.watching(p[0]));
        ::close(p[0]);
        ::close(p[1]);
    }

    void handlerUnwatchesOther() {
        EventLoop loop;
        int a[2], b[2];
        QCOMPARE(::pipe2(a, O_NONBLOCK), 0);
        QCOMPARE(::pipe2(b, O_NONBLOCK), 0);
        int aCalls = 0, bCalls = 0;
        // Whichever runs first removes the other; the stale event must not be dispatched.
        QVERIFY(loop.watch(a[0], LoopEvent::Readable, [&](std::uint32_t) {
            ++aCalls;
            loop.unwatch(b[0]);
            loop.unwatch(a[0]);
        }));
        QVERIFY(loop.watch(b[0], LoopEvent::Readable, [&](std::uint32_t) {
            ++bCalls;
            loop.unwatch(a[0]);
            loop.unwatch(b[0]);
        }));
        QCOMPARE(::write(a[1], "x", 1), ssize_t(1));
        QCOMPARE(::write(b[1], "x", 1), ssize_t(1));
        QCOMPARE(loop.runOnce(1000), 1);
        QCOMPARE(aCalls + bCalls, 1);
        for (int fd : {a[0], a[1], b[0], b[1]}) {
            ::close(fd);
        }
    }

    void timers() {
        EventLoop loop;
        QElapsedTimer clock;
        clock.start();
        std::vector<int> order;
        loop.addTimer(30, [&] { order.push_back(30); });
        loop.addTimer(10, [&] { order.push_back(10); });
        const auto cancelled = loop.addTimer(20, [&] { order.push_back(20); });
        loop.cancelTimer(cancelled);
        int repeats = 0;
        EventLoop::TimerId rep = 0;
        rep = loop.addTimer(
            5,
            [&] {
                if (++repeats == 3) {
                    loop.cancelTimer(rep);
                }
            },
            true);
        for (int i = 0; i < 100 && (order.size() < 2 || repeats < 3); ++i) {
            loop.runOnce(1000);
        }
        QCOMPARE(order, (std::vector<int>{10, 30}));
        QCOMPARE(repeats, 3);
        QVERIFY(clock.elapsed() >= 29);
        QVERIFY(clock.elapsed() < 1000);
    }

    void wakeupFromOtherThread() {
        EventLoop loop;
        std::atomic<int> woken{0};
        loop.setWakeHandler([&] { woken.fetch_add(1); });
        std::thread t([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            loop.wakeup();
            loop.wakeup(); // coalesced with the first
        });
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 10 && woken.load() == 0; ++i) {
            loop.runOnce(2000);
        }
        t.join();
        QCOMPARE(woken.load(), 1);
        QVERIFY(clock.elapsed() < 1500);
    }
};

QTEST_APPLESS_MAIN(TestLoop)
#include "test_loop.moc"
