// A tab's capture across socket lifecycles: reopening continues it (nothing captured is lost
// by a reconnect), Session > Clear capture forgets it, but only while the socket is closed.
#include "a11y.h"
#include "support/gui_driver.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace socklab;
using namespace socklab::ui;

class TestCaptureLifecycle : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

    static bool sendText(SessionTab* tab, const QString& text) {
        return a11y::type(tab, QStringLiteral("Message"), text) &&
               a11y::press(tab, QStringLiteral("Send"));
    }
    static QString textView(SessionTab* tab) {
        return e2e::viewText<TextView>(tab, QStringLiteral("Text view"));
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_capture_lifecycle"));
        QSettings().clear();
    }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void reopeningKeepsTheCaptureAndClearForgetsIt() {
        QProcess peer;
        // The echo serves two connections in turn: before and after the reopen.
        const int port = e2e::startPeer(peer, e2e::kPyTcpEcho, {QStringLiteral("2")});
        QVERIFY(port > 0);
        QString why;
        SessionTab* tab = e2e::openTcpClient(m_gui.window(), port, why);
        QVERIFY2(tab, qPrintable(why));
        QVERIFY(a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")));
        QVERIFY(sendText(tab, QStringLiteral("before reconnect")));
        QTRY_COMPARE_WITH_TIMEOUT(textView(tab).count(QStringLiteral("before reconnect")), 2,
                                  e2e::kWaitMs);

        // Clearing is refused while the socket is open; the menu entry is disabled too.
        QVERIFY(!e2e::triggerMenu(m_gui.window(),
                                  {QStringLiteral("Session"), QStringLiteral("Clear capture")}));
        QVERIFY(!tab->clearCapture());
        QVERIFY(tab->errorText().contains(QStringLiteral("close the socket first")));

        // Close and open again through the same button: the old records stay in the views.
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Closed")));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Connected")));
        QVERIFY(sendText(tab, QStringLiteral("after reconnect")));
        QTRY_COMPARE_WITH_TIMEOUT(textView(tab).count(QStringLiteral("after reconnect")), 2,
                                  e2e::kWaitMs);
        QCOMPARE(textView(tab).count(QStringLiteral("before reconnect")), 2);
        QTRY_VERIFY2_WITH_TIMEOUT(a11y::text(tab, QStringLiteral("Counters"))
                                      .contains(QStringLiteral("In 31 bytes / 2 msg")),
                                  qPrintable(a11y::text(tab, QStringLiteral("Counters"))),
                                  e2e::kWaitMs);
        // Rates count from what was captured before, so a reopen shows no spike.
        QTest::qWait(700);
        const QString rates = a11y::text(tab, QStringLiteral("Rates"));
        QVERIFY2(rates.contains(QStringLiteral("↓ 0 bytes/s")) ||
                     rates.contains(QStringLiteral("↓ 0 B/s")),
                 qPrintable(rates));

        // Closed: Session > Clear capture empties the views and counters.
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Closed")));
        QVERIFY(e2e::triggerMenu(m_gui.window(),
                                 {QStringLiteral("Session"), QStringLiteral("Clear capture")}));
        QTRY_VERIFY(!textView(tab).contains(QStringLiteral("reconnect")));
        QVERIFY(tab->captureSource().store == nullptr);
        QVERIFY(a11y::text(tab, QStringLiteral("Counters")).contains(QStringLiteral("In 0 bytes")));
        QVERIFY(m_gui->tabs()
                    ->tabText(m_gui->tabs()->currentIndex())
                    .contains(QStringLiteral("not open")));
        QCOMPARE(e2e::stateText(tab), QStringLiteral("Not open"));
        QVERIFY(a11y::text(tab, QStringLiteral("TCP info")).isEmpty());
        QVERIFY(peer.state() == QProcess::NotRunning || peer.waitForFinished(e2e::kWaitMs));
    }

    void anotherKindOfSocketAsksBeforeReplacingTheCapture() {
        QString why;
        SessionTab* tab = e2e::openBoundUdp(m_gui.window(), why);
        QVERIFY2(tab, qPrintable(why));
        const QString local = e2e::stateText(tab).section(QStringLiteral("local "), 1);
        QVERIFY(a11y::type(tab, QStringLiteral("Destination"), local));
        QVERIFY(sendText(tab, QStringLiteral("to myself")));
        const auto udpStore = tab->captureSource().store;
        QTRY_COMPARE_WITH_TIMEOUT(udpStore->counters().messagesIn, std::uint64_t(1), e2e::kWaitMs);
        QVERIFY(a11y::press(tab, QStringLiteral("Close socket")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Closed")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_TCP")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Listen")));

        // The question is modal: answer it once it is up.
        const auto answer = [](const QString& button) {
            QTimer::singleShot(0, [button] {
                if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                    for (QAbstractButton* b : box->buttons()) {
                        if (b->text().remove(u'&') == button) {
                            b->click();
                            return;
                        }
                    }
                }
            });
        };
        // Cancel keeps everything as it was.
        answer(QStringLiteral("Cancel"));
        QVERIFY(!tab->openSocket());
        QCOMPARE(tab->captureSource().store, udpStore);
        QVERIFY(textView(tab).contains(QStringLiteral("to myself")));
        // Discard: a new, empty capture for the listener.
        answer(QStringLiteral("Discard and open"));
        QVERIFY(tab->openSocket());
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Listening")));
        QVERIFY(tab->captureSource().store != udpStore);
        QCOMPARE(tab->captureSource().store->counters().messagesIn, std::uint64_t(0));
        QTRY_VERIFY(!textView(tab).contains(QStringLiteral("to myself")));
    }
};

QTEST_MAIN(TestCaptureLifecycle)
#include "test_capture_lifecycle.moc"
