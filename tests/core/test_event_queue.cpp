// EventQueue: the notify callback runs once per empty -> non-empty transition, drain takes
// everything in order, waitAndDrain blocks (bounded) until another thread pushes.

#include "core/engine/event_queue.h"

#include <QElapsedTimer>
#include <QTest>
#include <thread>

using namespace socklab;

class TestEventQueue : public QObject {
    Q_OBJECT

private slots:
    void notifyCoalesced() {
        EventQueue q;
        int notifies = 0;
        q.setNotify([&] { ++notifies; });
        for (SessionId i = 1; i <= 3; ++i) {
            EngineEvent e;
            e.session = i;
            q.push(e);
        }
        QCOMPARE(notifies, 1);
        QCOMPARE(q.size(), std::size_t(3));
        const auto got = q.drain();
        QCOMPARE(got.size(), std::size_t(3));
        QCOMPARE(got[0].session, 1u);
        QCOMPARE(got[2].session, 3u);
        QCOMPARE(q.size(), std::size_t(0));
        q.push(EngineEvent{});
        QCOMPARE(notifies, 2);
    }

    void waitAndDrainAcrossThreads() {
        EventQueue q;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(q.waitAndDrain(20).empty());
        QVERIFY(clock.elapsed() >= 15);
        std::thread t([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            EngineEvent e;
            e.kind = EngineEvent::Kind::Warning;
            e.text = "late";
            q.push(e);
        });
        std::vector<EngineEvent> got;
        for (int i = 0; i < 50 && got.empty(); ++i) {
            got = q.waitAndDrain(1000);
        }
        t.join();
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(got[0].text, std::string("late"));
    }
};

QTEST_APPLESS_MAIN(TestEventQueue)
#include "test_event_queue.moc"
