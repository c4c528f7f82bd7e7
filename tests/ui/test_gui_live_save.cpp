// File > Save continuously… end to end: the real main window and engine, driven through the
// accessibility tree against a python3 echo server. The dialog's inline problems, the tab's
// status line while saving, the file tshark reads afterwards, a workspace tab that writes
// nothing before its socket opens, and a write error (/dev/full) that stops the save.
#include "core/capture/live_save.h"
#include "support/gui_driver.h"
#include "ui/export/live_save_dialog.h"
#include "ui/export/live_save_link.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <netinet/in.h>

using namespace socklab;
using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

const QString kMenuEntry = QStringLiteral("Save continuously…");

QAction* liveSaveAction(MainWindow& window) {
    for (QAction* menu : window.menuBar()->actions()) {
        if (!menu->menu()) {
            continue;
        }
        for (QAction* a : menu->menu()->actions()) {
            if (QString(a->text()).remove(u'&') == kMenuEntry) {
                return a;
            }
        }
    }
    return nullptr;
}

// tcp.payload of every packet in file, hex-decoded and joined.
QByteArray tsharkPayload(const QString& file) {
    QProcess p;
    p.start(QStringLiteral("tshark"), {"-r", file, "-T", "fields", "-e", "tcp.payload"});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        return "<tshark failed: " + p.readAllStandardError() + ">";
    }
    QByteArray out;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        out += QByteArray::fromHex(line.trimmed());
    }
    return out;
}

} // namespace

class TestGuiLiveSave : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

    // File > Save continuously… on the current tab; the dialog it opened.
    LiveSaveDialog* openDialog(SessionTab* tab) {
        if (!e2e::triggerMenu(m_gui.window(), {QStringLiteral("File"), kMenuEntry})) {
            return nullptr;
        }
        LiveSaveDialog* dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (dialog = tab->findChild<LiveSaveDialog*>()) && dialog->isVisible(); },
            kWaitMs);
        if (!shown) {
            return nullptr;
        }
        return dialog;
    }

    // A TCP client tab connected to a python3 echo server (peer).
    SessionTab* clientOfEchoServer(QProcess& peer) {
        const int port = e2e::startPeer(peer, e2e::kPyTcpEcho);
        QString why = QStringLiteral("the python3 echo server did not start");
        SessionTab* tab = port > 0 ? e2e::openTcpClient(m_gui.window(), port, why) : nullptr;
        if (!tab) {
            qWarning("%s", qPrintable(why));
        }
        return tab;
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_live_save")); }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void savesWhileOnThenStops() {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty()) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cap.pcapng"));
        QProcess peer;
        SessionTab* tab = clientOfEchoServer(peer);
        QVERIFY(tab);
        QVERIFY(e2e::sendText(tab, QStringLiteral("before saving")));
        QTRY_VERIFY_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Counters")).contains(QStringLiteral("In 13 bytes")),
            kWaitMs);

        QAction* action = liveSaveAction(m_gui.window());
        QVERIFY(action && action->isCheckable() && !action->isChecked());
        LiveSaveDialog* dialog = openDialog(tab);
        QVERIFY(dialog);
        // Inline problems, OK disabled until they are fixed.
        QVERIFY(a11y::type(dialog, QStringLiteral("File"), path));
        QVERIFY(a11y::type(dialog, QStringLiteral("New file at"), QStringLiteral("5x")));
        QVERIFY2(
            a11y::text(dialog, QStringLiteral("Live save problem")).contains(QStringLiteral("10M")),
            qPrintable(a11y::text(dialog, QStringLiteral("Live save problem"))));
        QVERIFY(!a11y::press(dialog, QStringLiteral("OK")));
        QVERIFY(a11y::type(dialog, QStringLiteral("New file at"), QStringLiteral("")));
        QVERIFY(a11y::setValue(dialog, QStringLiteral("Keep"), 3));
        QVERIFY(a11y::text(dialog, QStringLiteral("Live save problem"))
                    .contains(QStringLiteral("Keep")));
        QVERIFY(a11y::type(dialog, QStringLiteral("New file at"), QStringLiteral("64k")));
        QVERIFY(a11y::text(dialog, QStringLiteral("Live save problem")).isEmpty());
        QVERIFY(a11y::choose(dialog, QStringLiteral("Format"), QStringLiteral("Text log")));
        QCOMPARE(a11y::text(dialog, QStringLiteral("File")), dir.filePath("cap.log"));
        QVERIFY(a11y::choose(dialog, QStringLiteral("Format"), QStringLiteral("pcapng")));
        QCOMPARE(a11y::text(dialog, QStringLiteral("File")), path);
        QVERIFY(a11y::press(dialog, QStringLiteral("OK")));

        // What the tab captured before is in the file too; then what comes while on.
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Continuous save"))
                                      .startsWith(QStringLiteral("Saving to cap.pcapng: 1 file, ")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Continuous save"))),
                                  kWaitMs);
        // The menu entry follows LiveSaveLink::changed through a queued call.
        QTRY_VERIFY_WITH_TIMEOUT(action->isChecked(), kWaitMs);
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(e2e::sendText(tab, QStringLiteral("while saving")));
        QTRY_VERIFY_WITH_TIMEOUT(tsharkPayload(path) == "before savingbefore saving"
                                                        "while savingwhile saving",
                                 kWaitMs);
        const WorkspaceTab saved = tab->toWorkspaceTab();
        QVERIFY(saved.liveSave);
        QCOMPARE(saved.liveSave->path, path.toStdString());
        QCOMPARE(saved.liveSave->rotateBytes, std::uint64_t(64) << 10);
        QCOMPARE(saved.liveSave->maxFiles, 3u);

        QVERIFY(a11y::press(tab, QStringLiteral("Stop saving")));
        QTRY_VERIFY_WITH_TIMEOUT(!action->isChecked(), kWaitMs);
        QVERIFY(a11y::find(tab, QStringLiteral("Stop saving")) == nullptr);
        QVERIFY(!tab->toWorkspaceTab().liveSave);
        QVERIFY(e2e::sendText(tab, QStringLiteral("after")));
        QTRY_VERIFY_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Counters")).contains(QStringLiteral("In 30 bytes")),
            kWaitMs);
        QTest::qWait(400);
        QCOMPARE(tsharkPayload(path),
                 QByteArray("before savingbefore savingwhile savingwhile saving"));
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        peer.waitForFinished(kWaitMs);
    }

    // Loading a workspace tab only describes the save; the file appears when the socket opens.
    void workspaceTabWritesOnlyOnceOpen() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("listener.log"));
        WorkspaceTab t;
        t.spec = {AF_INET, SOCK_STREAM, IPPROTO_TCP};
        t.role = Role::Listen;
        t.local = "127.0.0.1:0";
        t.liveSave = LiveSaveSettings{path.toStdString(), LiveSaveFormat::TextLog, 0, 0};
        SessionTab* tab = m_gui->newTab();
        tab->loadWorkspaceTab(t);
        QTest::qWait(300);
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(tab->toWorkspaceTab().liveSave, t.liveSave);
        QVERIFY2(a11y::text(tab, QStringLiteral("Continuous save"))
                     .contains(QStringLiteral("when the socket is open")),
                 qPrintable(a11y::text(tab, QStringLiteral("Continuous save"))));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Listening")));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), kWaitMs);
        const auto text = [&path] {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(text().contains(" listening backlog"), text().constData(),
                                  kWaitMs);
    }

    // A full disk stops the save: the error in the tab, the menu entry unchecked, the capture
    // still there.
    void writeErrorStopsAndShows() {
        if (!QFileInfo::exists(QStringLiteral("/dev/full"))) {
            QSKIP("no /dev/full");
        }
        QProcess peer;
        SessionTab* tab = clientOfEchoServer(peer);
        QVERIFY(tab);
        LiveSaveDialog* dialog = openDialog(tab);
        QVERIFY(dialog);
        QVERIFY(a11y::choose(dialog, QStringLiteral("Format"), QStringLiteral("Text log")));
        QVERIFY(a11y::type(dialog, QStringLiteral("File"), QStringLiteral("/dev/full")));
        QVERIFY(a11y::press(dialog, QStringLiteral("OK")));
        QVERIFY(e2e::sendText(tab, QStringLiteral("disk full")));
        QTRY_VERIFY2_WITH_TIMEOUT(tab->errorText().contains(QStringLiteral(
                                      "save text log /dev/full: No space left on device (ENOSPC)")),
                                  qPrintable(tab->errorText()), kWaitMs);
        QVERIFY(a11y::text(tab, QStringLiteral("Continuous save"))
                    .startsWith(QStringLiteral("Continuous save stopped: ")));
        QAction* action = liveSaveAction(m_gui.window());
        QTRY_VERIFY_WITH_TIMEOUT(!action->isChecked(), kWaitMs);
        QVERIFY(!tab->liveSave()->isOn());
        QTRY_VERIFY_WITH_TIMEOUT(
            a11y::text(tab, QStringLiteral("Counters")).contains(QStringLiteral("In 9 bytes")),
            kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        peer.waitForFinished(kWaitMs);
    }
};

QTEST_MAIN(TestGuiLiveSave)
#include "test_gui_live_save.moc"
