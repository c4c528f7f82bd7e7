// End-to-end first start: with settings nobody wrote yet, the main window opens the demo
// workspace (echo server, a TCP client connected to it, two UDP endpoints addressed to each
// other) and its sockets work when driven through the accessibility tree; a second start with
// the same settings does not open the demo again.
#include "core/workspace/workspace_json.h"
#include "support/gui_driver.h"
#include "ui/models/connection_model.h"
#include "ui/views/text_view.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>

using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::viewText;

namespace {

// The demo's first three tabs (server, client, UDP A), the client selected.
socklab::Workspace threeTabWorkspace() {
    socklab::Workspace w = socklab::demoWorkspace(socklab::freeDemoPorts());
    w.tabs.resize(3);
    w.selectedTab = 1;
    return w;
}

// The first line in which the two workspaces' files differ, "" when none.
QString firstDifference(const socklab::Workspace& a, const socklab::Workspace& b) {
    const QStringList x = QString::fromStdString(socklab::serializeWorkspace(a)).split(u'\n');
    const QStringList y = QString::fromStdString(socklab::serializeWorkspace(b)).split(u'\n');
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i) {
        const QString l = x.value(i);
        const QString r = y.value(i);
        if (l != r) {
            return QStringLiteral("line %1: %2 | %3").arg(i + 1).arg(l, r);
        }
    }
    return {};
}

} // namespace

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

    // As app/main.cpp starts: shown, then the demo loaded before the first frame. Only the
    // selected tab makes its widgets for that frame; the demo's sockets start right after it, in
    // tab order (the client connects to the server), making the other tabs then.
    void demoStartsAfterTheFirstFrameWithOnlyTheSelectedTabMade() {
        m_gui.stop();
        QVERIFY(m_gui.start(false));
        m_gui->show();
        m_gui->startup(QString());
        QCOMPARE(m_gui->tabCount(), 4);
        QCOMPARE(m_gui->currentTab(), m_gui->tabAt(1));
        QVERIFY(m_gui->tabAt(1)->isBuilt());
        for (int i : {0, 2, 3}) {
            QVERIFY2(!m_gui->tabAt(i)->isBuilt(), qPrintable(QString::number(i)));
            QVERIFY(!m_gui->tabAt(i)->isOpen());
        }
        // Titles come from the workspace before the tabs have widgets.
        QVERIFY2(m_gui->tabs()->tabText(0).startsWith(QStringLiteral("TCP server 127.0.0.1:")),
                 qPrintable(m_gui->tabs()->tabText(0)));
        QVERIFY2(m_gui->tabs()->tabText(2).startsWith(QStringLiteral("UDP 127.0.0.1:")),
                 qPrintable(m_gui->tabs()->tabText(2)));
        // Started by the first paint, not by the 1 s fallback timer: well before it.
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui.window()));
        QElapsedTimer sinceExposed;
        sinceExposed.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_gui->tabAt(0)->isOpen(), kWaitMs);
        QVERIFY2(sinceExposed.elapsed() < 500, qPrintable(QString::number(sinceExposed.elapsed())));
        const QStringList states = {QStringLiteral("Listening"), QStringLiteral("Connected"),
                                    QStringLiteral("Bound"), QStringLiteral("Bound")};
        for (int i = 0; i < 4; ++i) {
            QTRY_VERIFY2_WITH_TIMEOUT(m_gui->tabs()->tabText(i).contains(states[i]),
                                      qPrintable(m_gui->tabs()->tabText(i) + QStringLiteral(" / ") +
                                                 m_gui->tabAt(i)->errorText()),
                                      kWaitMs);
            QVERIFY(m_gui->tabAt(i)->isBuilt());
        }
        // A tab made late is whole: the server's connection list shows the client.
        QTRY_COMPARE_WITH_TIMEOUT(m_gui->tabAt(0)->connectionModel()->rowCount(), 1, kWaitMs);
    }

    // Another workspace opened before the demo's deferred start keeps its sockets closed.
    void workspaceOpenedBeforeTheDemoStartsStaysClosed() {
        m_gui.stop();
        QVERIFY(m_gui.start(false));
        m_gui->show();
        m_gui->startup(QString());
        QList<QPointer<SessionTab>> demo;
        for (int i = 0; i < m_gui->tabCount(); ++i) {
            demo.append(m_gui->tabAt(i));
        }
        m_gui->loadWorkspace(socklab::demoWorkspace(socklab::freeDemoPorts()), false);
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui.window()));
        QTest::qWait(1500); // past the first paint and the deferred start's latest time
        QCOMPARE(m_gui->tabCount(), 4);
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(!m_gui->tabAt(i)->isOpen(), qPrintable(m_gui->tabs()->tabText(i)));
        }
        QCOMPARE(demo.size(), 4);
        for (const QPointer<SessionTab>& old : demo) {
            QVERIFY(!old || !old->isOpen()); // the replaced demo's tabs did not start either
        }
    }

    // Saving a workspace nobody has looked through yet saves what was loaded, without making
    // the widgets of the tabs never shown.
    void savingKeepsTheUnshownTabsAsLoaded() {
        m_gui.stop();
        QVERIFY(m_gui.start(false));
        m_gui->show();
        const socklab::Workspace loaded = threeTabWorkspace();
        m_gui->loadWorkspace(loaded, false);
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui.window()));
        QVERIFY(m_gui->tabAt(1)->isBuilt());
        socklab::Workspace saved = m_gui->workspace();
        QVERIFY(!m_gui->tabAt(0)->isBuilt());
        QVERIFY(!m_gui->tabAt(2)->isBuilt());
        QCOMPARE(saved.tabs.size(), std::size_t(3));
        QCOMPARE(saved.selectedTab, 1);
        // The title saved is the tab's own ("TCP server 127.0.0.1:… — not open").
        QVERIFY2(saved.tabs[0].title.starts_with("TCP server 127.0.0.1:"),
                 saved.tabs[0].title.c_str());
        socklab::Workspace expected = loaded;
        for (std::size_t i = 0; i < 3; ++i) {
            expected.tabs[i].title = saved.tabs[i].title;
        }
        // The file is what was loaded; the tabs never shown are exactly what they were given
        // (the shown one went through its widgets, which may normalise unsaved details).
        const QString difference = firstDifference(saved, expected);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QVERIFY(saved.tabs[0] == expected.tabs[0]);
        QVERIFY(saved.tabs[2] == expected.tabs[2]);
    }

    // Opening another workspace closes the old tabs without making the widgets of those
    // never shown (each becomes the shown one for a moment as its neighbour goes).
    void replacingAWorkspaceMakesNoWidgetsForItsUnshownTabs() {
        m_gui.stop();
        QVERIFY(m_gui.start(false));
        m_gui->show();
        m_gui->loadWorkspace(threeTabWorkspace(), false);
        QVERIFY(QTest::qWaitForWindowExposed(&m_gui.window()));
        const QPointer<SessionTab> first = m_gui->tabAt(0);
        const QPointer<SessionTab> last = m_gui->tabAt(2);
        QVERIFY(!first->isBuilt());
        QVERIFY(!last->isBuilt());
        m_gui->loadWorkspace(threeTabWorkspace(), false);
        // Deleted later: still there to ask, no longer in the window.
        QVERIFY(first && last);
        QCOMPARE(m_gui->tabs()->indexOf(first), -1);
        QCOMPARE(m_gui->tabs()->indexOf(last), -1);
        QVERIFY(!first->isBuilt());
        QVERIFY(!last->isBuilt());
        // The new workspace's selected tab is made and shown.
        QCOMPARE(m_gui->currentTab(), m_gui->tabAt(1));
        QVERIFY(m_gui->tabAt(1)->isBuilt());
        QVERIFY(!m_gui->tabAt(0)->isBuilt());
        QTRY_VERIFY(!first && !last);
    }

    // The window opens at 1280x820 (or the screen's size); every demo tab, made when it is first
    // shown, must fit a 1280x800 screen, so nothing is cut off at its right edge (a listener's
    // responders, connection list and traffic pane sit side by side).
    void demoTabsFitA1280PixelWindow() {
        m_gui->resize(1280, 800);
        m_gui->startup(QString());
        QCOMPARE(m_gui->tabCount(), 4);
        for (int i = 0; i < 4; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(m_gui->tabAt(i)->isOpen(), kWaitMs);
        }
        for (int i = 0; i < 4; ++i) {
            m_gui->tabs()->setCurrentIndex(i);
            QCoreApplication::processEvents();
            const QSize min = m_gui->minimumSizeHint();
            QVERIFY2(min.width() <= 1280 && m_gui->width() <= 1280 && min.height() <= 800,
                     qPrintable(QStringLiteral("tab %1 (%2): window minimum %3x%4, width %5, tab "
                                               "minimum %6x%7")
                                    .arg(i)
                                    .arg(m_gui->tabs()->tabText(i))
                                    .arg(min.width())
                                    .arg(min.height())
                                    .arg(m_gui->width())
                                    .arg(m_gui->tabAt(i)->minimumSizeHint().width())
                                    .arg(m_gui->tabAt(i)->minimumSizeHint().height())));
        }
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
