// Preferences: stored in QSettings, edited in a dialog that refuses a bad spill directory, and
// applied to the capture of sockets opened afterwards (checked over a real TCP peer).
#include "a11y.h"
#include "support/gui_driver.h"
#include "ui/dialogs/preferences_dialog.h"
#include "ui/settings/preferences.h"
#include "ui/widgets/session_status.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <unistd.h>

using namespace socklab;
using namespace socklab::ui;

namespace {

// Accepts one connection, sends argv[1] bytes of a counting pattern, then closes.
const char* kTcpSender = "import socket,sys\n"
                         "s=socket.socket()\n"
                         "s.bind(('127.0.0.1',0))\n"
                         "s.listen(1)\n"
                         "print(s.getsockname()[1],flush=True)\n"
                         "s.settimeout(30)\n"
                         "c,a=s.accept()\n"
                         "n=int(sys.argv[1])\n"
                         "c.sendall(bytes(i%251 for i in range(n)))\n"
                         "c.close()\n";

} // namespace

class TestPreferences : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_preferences"));
    }

    void init() { QSettings().clear(); }

    void defaultsWhenNothingIsStored() {
        QCOMPARE(loadPreferences(), Preferences{});
        const TrafficStore::Config c = storeConfig(Preferences{});
        QCOMPARE(c.memoryCapBytes, std::size_t(256) << 20);
        QCOMPARE(c.policy, OverflowPolicy::Spill);
        QCOMPARE(c.diskCapBytes, std::uint64_t(8) << 30);
        QVERIFY(c.spillDir.empty());
    }

    void savedValuesComeBack() {
        Preferences p;
        p.memoryCapMiB = 3;
        p.policy = OverflowPolicy::DropOldest;
        p.diskCapGiB = 2;
        p.spillDir = QStringLiteral("/var/tmp");
        QCOMPARE(savePreferences(p), QString());
        QCOMPARE(loadPreferences(), p);
        const TrafficStore::Config c = storeConfig(p);
        QCOMPARE(c.memoryCapBytes, std::size_t(3) << 20);
        QCOMPARE(c.policy, OverflowPolicy::DropOldest);
        QCOMPARE(c.diskCapBytes, std::uint64_t(2) << 30);
        QCOMPARE(c.spillDir, std::string("/var/tmp"));
    }

    void brokenStoredValuesFallBackToDefaults() {
        QSettings s;
        s.setValue(QStringLiteral("preferences/captureMemoryMiB"), QStringLiteral("lots"));
        s.setValue(QStringLiteral("preferences/captureDiskGiB"), 0);
        s.setValue(QStringLiteral("preferences/capturePolicy"), QStringLiteral("shred"));
        s.sync();
        QCOMPARE(loadPreferences(), Preferences{});
    }

    void spillDirProblems() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(spillDirProblem(QString()).isEmpty());
        QVERIFY(spillDirProblem(dir.path()).isEmpty());
        const QString missing = dir.filePath(QStringLiteral("missing"));
        QVERIFY(spillDirProblem(missing).contains(
            QStringLiteral("No such file or directory (ENOENT)")));
        QFile file(dir.filePath(QStringLiteral("plain")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(
            spillDirProblem(file.fileName()).contains(QStringLiteral("Not a directory (ENOTDIR)")));
    }

    void dialogRefusesAMissingSpillDirectory() {
        Preferences p;
        p.spillDir = QStringLiteral("/nonexistent/socklab-spill");
        PreferencesDialog dialog(p);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QVERIFY2(dialog.problem().contains(QStringLiteral("/nonexistent/socklab-spill")),
                 qPrintable(dialog.problem()));
        // Shown where the user typed it, readable by a screen reader.
        QVERIFY(a11y::text(&dialog, QStringLiteral("Spill directory problem"))
                    .contains(QStringLiteral("No such file or directory")));

        // Dropping instead of spilling needs no directory.
        QVERIFY(a11y::choose(&dialog, QStringLiteral("When full"), QStringLiteral("Drop oldest")));
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.problem().isEmpty());
        auto* memory = a11y::widget<QSpinBox>(&dialog, QStringLiteral("Capture memory per tab"));
        QVERIFY(memory);
        memory->setFocus();
        QTest::keyClick(memory, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(memory, QStringLiteral("12"));
        const Preferences chosen = dialog.preferences();
        QCOMPARE(chosen.policy, OverflowPolicy::DropOldest);
        QCOMPARE(chosen.memoryCapMiB, 12);

        // Back to spilling, into a directory that exists.
        QVERIFY(a11y::choose(&dialog, QStringLiteral("When full"), QStringLiteral("Spill")));
        QVERIFY(!ok->isEnabled());
        QTemporaryDir dir;
        QVERIFY(a11y::type(&dialog, QStringLiteral("Spill directory"), dir.path()));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.preferences().spillDir, dir.path());
    }

    // As typed, the directory is checked without making a file there; OK makes (and removes)
    // one, and a refusal then is shown at the field with the dialog still open. /proc passes
    // the first check for root (a directory root may write to) and refuses every file.
    void okTriesTheSpillDirectoryForReal() {
        if (::access("/proc", W_OK | X_OK) != 0) {
            QSKIP("needs a directory that looks writable but takes no file (/proc as root)");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString missing = dir.filePath(QStringLiteral("missing"));
        QCOMPARE(spillDirTypedProblem(missing), spillDirProblem(missing));
        QCOMPARE(spillDirTypedProblem(QStringLiteral("/dev/null")),
                 spillDirProblem(QStringLiteral("/dev/null")));
        QCOMPARE(spillDirProblem(QStringLiteral("rel/dir")),
                 QStringLiteral("open spill file in \"rel/dir\": not an absolute path (write "
                                "/path/to/dir)"));
        QVERIFY(spillDirTypedProblem(QStringLiteral("/proc")).isEmpty());

        Preferences p;
        p.spillDir = QStringLiteral("/proc");
        PreferencesDialog dialog(p);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.problem().isEmpty());
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(dialog.problem().startsWith(QStringLiteral("open spill file in /proc: ")),
                 qPrintable(dialog.problem()));
        QCOMPARE(a11y::text(&dialog, QStringLiteral("Spill directory problem")), dialog.problem());

        QVERIFY(a11y::type(&dialog, QStringLiteral("Spill directory"), dir.path()));
        QVERIFY(dialog.problem().isEmpty());
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void editedThroughTheMenuAndUsedByTheNextTab() {
        e2e::Gui gui;
        QVERIFY(gui.start());
        gui->newTab(Preset::UdpEndpoint);
        SessionTab* before = gui->currentTab();
        QVERIFY(before->openSocket());
        QTRY_VERIFY(before->captureSource().store);
        QCOMPARE(before->captureSource().store->config().memoryCapBytes, std::size_t(256) << 20);
        // Edit > Preferences is modal: answer it as a user would once it is up.
        bool answered = false;
        QTimer::singleShot(0, [&] {
            auto* dialog = qobject_cast<PreferencesDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                return;
            }
            auto* memory = a11y::widget<QSpinBox>(dialog, QStringLiteral("Capture memory per tab"));
            memory->setFocus();
            QTest::keyClick(memory, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(memory, QStringLiteral("3"));
            QTest::keyClick(memory, Qt::Key_Return); // the default button: OK
            answered = true;
        });
        QVERIFY(e2e::triggerMenu(gui.window(),
                                 {QStringLiteral("Edit"), QStringLiteral("Preferences…")}));
        QVERIFY(answered);
        QCOMPARE(loadPreferences().memoryCapMiB, 3);
        // The open tab keeps its capture and limits; a new tab gets the new limit.
        QCOMPARE(before->captureSource().store->config().memoryCapBytes, std::size_t(256) << 20);
        gui->newTab(Preset::UdpEndpoint);
        SessionTab* after = gui->currentTab();
        QVERIFY(after->openSocket());
        QTRY_VERIFY(after->captureSource().store);
        QCOMPARE(after->captureSource().store->config().memoryCapBytes, std::size_t(3) << 20);
    }

    void memoryLimitAppliesToTheNextSocket() {
        Preferences p;
        p.memoryCapMiB = 1;
        p.policy = OverflowPolicy::DropOldest;
        QCOMPARE(savePreferences(p), QString());

        e2e::Gui gui;
        QVERIFY(gui.start());
        constexpr int kBytes = 6 << 20;
        QProcess peer;
        const int port = e2e::startPeer(peer, kTcpSender, {QString::number(kBytes)});
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab = e2e::openTab(gui.window(), e2e::tcpClientRecipe(port), why);
        QVERIFY2(tab, qPrintable(why));
        const auto store = tab->captureSource().store;
        QVERIFY(store);
        // Every byte is counted even though most were dropped from memory.
        QTRY_COMPARE_WITH_TIMEOUT(store->counters().bytesIn, std::uint64_t(kBytes), e2e::kWaitMs);
        const TrafficStore::Stats stats = store->stats();
        QVERIFY2(stats.evictedBytes > 0, "nothing was dropped under a 1 MiB limit");
        QVERIFY2(stats.residentBytes <= (2u << 20),
                 qPrintable(QString::number(stats.residentBytes)));
        QCOMPARE(stats.spilledBytes, std::uint64_t(0));
        QTRY_VERIFY2_WITH_TIMEOUT(
            tab->status()->captureText().contains(QStringLiteral("dropped by the limit")),
            qPrintable(tab->status()->captureText()), e2e::kWaitMs);
        QVERIFY(peer.state() == QProcess::NotRunning || peer.waitForFinished(e2e::kWaitMs));
        QCOMPARE(peer.exitCode(), 0);
    }
};

QTEST_MAIN(TestPreferences)
#include "test_preferences.moc"
