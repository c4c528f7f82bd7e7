// BackgroundTask, the UI's one worker-thread pattern (capture export and find use it): the
// work runs off the GUI thread, its result and progress arrive on the owner's thread, a second
// start is refused while it runs, and closing the owner mid-run cancels, waits and delivers
// nothing afterwards. The capture exporter closed mid-export leaves the target untouched.
#include "ui/background_task.h"
#include "ui/export/capture_export.h"
#include "ui/support/capture_fill.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <memory>

using namespace socklab;
using namespace socklab::ui;

class TestBackgroundTask : public QObject {
    Q_OBJECT
private slots:
    void resultAndProgressArriveOnTheOwnersThread();
    void secondStartIsRefusedWhileRunning();
    void closingTheOwnerMidRunCancelsCleanly();
    void closingTheExporterMidExportLeavesNoFile();
};

void TestBackgroundTask::resultAndProgressArriveOnTheOwnersThread() {
    BackgroundTask task;
    QSignalSpy progress(&task, &BackgroundTask::progress);
    QThread* workThread = nullptr;
    QThread* deliverThread = nullptr;
    int result = 0;
    QVERIFY(task.start([&](const BackgroundTask::Control& control) -> std::function<void()> {
        workThread = QThread::currentThread();
        for (quint64 i = 1; i <= 3; ++i) {
            control.progress(i, 3);
        }
        const int value = 6 * 7;
        return [&, value] {
            deliverThread = QThread::currentThread();
            result = value;
        };
    }));
    QVERIFY(task.busy());
    QTRY_COMPARE_WITH_TIMEOUT(result, 42, 10000);
    QVERIFY(!task.busy());
    QVERIFY(workThread != nullptr && workThread != QThread::currentThread());
    QCOMPARE(deliverThread, QThread::currentThread());
    QTRY_COMPARE_WITH_TIMEOUT(progress.count(), 3, 10000);
    QCOMPARE(progress.at(2).at(0).toULongLong(), 3ull);
    QCOMPARE(progress.at(2).at(1).toULongLong(), 3ull);
}

void TestBackgroundTask::secondStartIsRefusedWhileRunning() {
    BackgroundTask task;
    std::atomic<bool> release{false};
    int delivered = 0;
    QVERIFY(task.start([&](const BackgroundTask::Control&) -> std::function<void()> {
        QElapsedTimer t;
        t.start();
        while (!release.load() && t.elapsed() < 10000) {
            QThread::msleep(1);
        }
        return [&] { ++delivered; };
    }));
    QVERIFY(!task.start([](const BackgroundTask::Control&) { return std::function<void()>(); }));
    release.store(true);
    QTRY_COMPARE_WITH_TIMEOUT(delivered, 1, 10000);
    QVERIFY(task.start([&](const BackgroundTask::Control&) -> std::function<void()> {
        return [&] { ++delivered; };
    }));
    QTRY_COMPARE_WITH_TIMEOUT(delivered, 2, 10000);
}

void TestBackgroundTask::closingTheOwnerMidRunCancelsCleanly() {
    auto owner = std::make_unique<QObject>();
    auto* task = new BackgroundTask(owner.get());
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto sawCancel = std::make_shared<std::atomic<bool>>(false);
    bool delivered = false;
    QVERIFY(task->start(
        [=, &delivered](const BackgroundTask::Control& control) -> std::function<void()> {
            started->store(true);
            QElapsedTimer t;
            t.start();
            while (!control.cancelled.load() && t.elapsed() < 20000) {
                control.progress(1, 2);
                QThread::msleep(1);
            }
            sawCancel->store(control.cancelled.load());
            return [&delivered] { delivered = true; };
        }));
    QTRY_VERIFY_WITH_TIMEOUT(started->load(), 10000);
    QElapsedTimer closing;
    closing.start();
    owner.reset(); // e.g. the tab closes mid-export
    QVERIFY2(closing.elapsed() < 5000, qPrintable(QString::number(closing.elapsed())));
    QVERIFY(sawCancel->load()); // the destructor asked it to stop and waited for it
    // Nothing arrives afterwards: neither the result nor the posted progress.
    QTest::qWait(50);
    QCoreApplication::processEvents();
    QVERIFY(!delivered);
}

void TestBackgroundTask::closingTheExporterMidExportLeavesNoFile() {
    auto store = test::makeStore(1 << 20);
    test::appendPattern(*store, 200'000, 64);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("capture.log"));
    CaptureSource source;
    source.store = store;
    auto exporter = std::make_unique<CaptureExporter>();
    QSignalSpy progress(exporter.get(), &CaptureExporter::progress);
    QVERIFY(exporter->start(source, path, CaptureFormat::TextLog));
    QVERIFY(exporter->busy());
    QVERIFY(!exporter->start(source, path, CaptureFormat::TextLog)); // one at a time
    QElapsedTimer closing;
    closing.start();
    exporter.reset();
    QVERIFY2(closing.elapsed() < 5000, qPrintable(QString::number(closing.elapsed())));
    QCoreApplication::processEvents();
    // Cancelled before it finished: the target was never created (or it finished first, and
    // then it holds every record; either way no partial file).
    if (QFileInfo::exists(path)) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().count('\n') >= 200'000);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(),
             QFileInfo::exists(path) ? 1 : 0); // no temporary file left behind
}

QTEST_MAIN(TestBackgroundTask)
#include "test_background_task.moc"
