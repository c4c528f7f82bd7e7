// End-to-end first start: with settings nobody wrote yet, the main window opens the demo
// workspace (echo server, a TCP client connected to it, two UDP endpoints addressed to each
// other) and its sockets work when driven through the accessibility tree; a second start with
// the same settings does not open the demo again.
#include "support/gui_driver.h"
#include "ui/views/text_view.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>

using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::viewText;

class TestGuiFirstStart : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

    // Next tab with Ctrl+Tab, as a keyboard user moves between tabs.
    SessionTab* nextTab() {
        QTest::keyClick(&m_gui.window(), Qt::Key_Tab, Qt::ControlModifier);
        return m_gui->currentTab();
    }

    static QString counters(QWidget* tab) { return a11y::text(tab, QStringLiteral("Counters")); }

private slots:
    void initTestCase() {
        // Settings live under a test-only location, empty at the start of each test.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_gui_first_start"));
    }

    void init() {
        QSettings().clear();
        QSettings().sync();
        QVERIFY(m_gui.start());
    }
    void cleanup() {
        m_gui.stop();
        QSettings().clear();
    }

    void firstStartOpensAWorkingDemo() {
        m_gui->startup(QString());
        QCOMPARE(m_gui->tabCount(), 4);
        const QStringList states = {QStringLiteral("Listening"), QStringLiteral("Connected"),
                                    QStringLiteral("Bound"), QStringLiteral("Bound")};
        for (int i = 0; i < 4; ++i) {
            // Fixed demo ports 47001-47003: a failure here names the cause (e.g. EADDRINUSE
            // when the test could not get a network namespace of its own).
            QTRY_VERIFY2_WITH_TIMEOUT(m_gui->tabs()->tabText(i).contains(states[i]),
                                      qPrintable(m_gui->tabs()->tabText(i) + QStringLiteral(" / ") +
                                                 m_gui->tabAt(i)->errorText()),
                                      kWaitMs);
        }

        // The TCP client tab is selected and its composer holds "hello" + LF: press Send.
        SessionTab* client = m_gui->currentTab();
        QCOMPARE(client, m_gui->tabAt(1));
        QVERIFY(a11y::press(client, QStringLiteral("Send")));
        QTRY_VERIFY2_WITH_TIMEOUT(counters(client).contains(QStringLiteral("In 6 bytes / 1 msg")),
                                  qPrintable(counters(client)), kWaitMs);
        QVERIFY(counters(client).contains(QStringLiteral("Out 6 bytes / 1 msg")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            viewText<TextView>(client, QStringLiteral("Text view"))
                    .count(QStringLiteral("hello")) == 2,
            qPrintable(viewText<TextView>(client, QStringLiteral("Text view"))), kWaitMs);

        // UDP A sends its "ping" + LF to UDP B.
        SessionTab* udpA = nextTab();
        QCOMPARE(udpA, m_gui->tabAt(2));
        QCOMPARE(a11y::text(udpA, QStringLiteral("Destination"), QAccessible::EditableText),
                 QStringLiteral("127.0.0.1:47003"));
        QVERIFY(a11y::press(udpA, QStringLiteral("Send")));
        QTRY_VERIFY2_WITH_TIMEOUT(counters(udpA).contains(QStringLiteral("Out 5 bytes / 1 msg")),
                                  qPrintable(counters(udpA)), kWaitMs);
        SessionTab* udpB = nextTab();
        QCOMPARE(udpB, m_gui->tabAt(3));
        QTRY_VERIFY2_WITH_TIMEOUT(counters(udpB).contains(QStringLiteral("In 5 bytes / 1 msg")),
                                  qPrintable(counters(udpB)), kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(
            viewText<TextView>(udpB, QStringLiteral("Text view")).contains(QStringLiteral("ping")),
            qPrintable(viewText<TextView>(udpB, QStringLiteral("Text view"))), kWaitMs);
        QVERIFY(counters(udpB).contains(QStringLiteral("Out 0 bytes / 0 msg")));
    }

    void secondStartDoesNotReopenTheDemo() {
        m_gui->startup(QString());
        QCOMPARE(m_gui->tabCount(), 4);
        m_gui.stop();

        QVERIFY(m_gui.start());
        m_gui->startup(QString());
        // One fresh, unopened TCP client tab instead of the demo.
        QCOMPARE(m_gui->tabCount(), 1);
        SessionTab* tab = m_gui->currentTab();
        QVERIFY(tab);
        QVERIFY2(!tab->isOpen(), qPrintable(e2e::stateText(tab)));
        QVERIFY2(e2e::stateText(tab).contains(QStringLiteral("Not open")),
                 qPrintable(e2e::stateText(tab)));
        QVERIFY(a11y::find(tab, QStringLiteral("Open socket"), QAccessible::PushButton));
    }
};

// Own network namespace: the demo's fixed ports 47001-47003 may be taken by a running SockLab.
E2E_MAIN_PRIVATE_NETWORK(TestGuiFirstStart)
#include "test_gui_first_start.moc"
