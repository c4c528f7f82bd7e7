// The GUI's safe defaults, driven through the accessibility tree with python3 peers: the socket
// file mode field (Unix paths only), a loaded workspace that opens nothing until its tabs are
// started (the demo and --open-sockets aside), and the exposure warning of a listener on all
// interfaces.
#include "core/workspace/workspace_json.h"
#include "support/gui_driver.h"
#include "ui/widgets/socket_form.h"
#include "ui/widgets/socket_summary.h"

#include <QTemporaryDir>
#include <sys/socket.h>
#include <sys/stat.h>

using namespace socklab;
using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

const QString kUnix = QStringLiteral("Unix (AF_UNIX)");

// Connects to argv[1] (a port on 127.0.0.1, or a Unix path): prints "connected" or the errno.
const char* kConnect = "import errno,socket,sys\n"
                       "a=sys.argv[1]\n"
                       "s=socket.socket(socket.AF_UNIX) if a.startswith('/') else socket.socket()\n"
                       "s.settimeout(5)\n"
                       "try:\n"
                       "    s.connect(a if a.startswith('/') else ('127.0.0.1',int(a)))\n"
                       "    print('connected',flush=True)\n"
                       "except OSError as e:\n"
                       "    print(errno.errorcode.get(e.errno,str(e.errno)),flush=True)\n";

// A loopback TCP port free right now (python binds port 0 and lets it go).
const char* kFreePort = "import socket\n"
                        "s=socket.socket()\n"
                        "s.bind(('127.0.0.1',0))\n"
                        "print(s.getsockname()[1],flush=True)\n";

QString connectTo(const QString& target) {
    QProcess p;
    const QString line = e2e::startPeerLine(p, kConnect, {target});
    p.waitForFinished(kWaitMs);
    return line;
}

unsigned modeOf(const QString& path) {
    struct stat st {};
    return ::lstat(path.toLocal8Bit().constData(), &st) == 0 ? unsigned(st.st_mode) : 0;
}

// A workspace with a TCP server on 127.0.0.1:port and a Unix stream server on path.
Workspace twoServers(int port, const QString& path) {
    Workspace w;
    WorkspaceTab tcp;
    tcp.title = "tcp server";
    tcp.spec = {AF_INET, SOCK_STREAM, 0};
    tcp.role = Role::Listen;
    tcp.local = "127.0.0.1:" + std::to_string(port);
    WorkspaceTab unix = tcp;
    unix.title = "unix server";
    unix.spec = {AF_UNIX, SOCK_STREAM, 0};
    unix.local = path.toStdString();
    unix.unixMode = 0660;
    w.tabs = {tcp, unix};
    return w;
}

bool listening(MainWindow& window, int index) {
    return window.tabs()->tabText(index).contains(QStringLiteral("Listening"));
}

bool notOpen(MainWindow& window, int index) {
    return window.tabs()->tabText(index).contains(QStringLiteral("not open"));
}

} // namespace

class TestGuiSafety : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

    int freePort() {
        QProcess p;
        const int port = e2e::startPeer(p, kFreePort);
        p.waitForFinished(kWaitMs);
        return port;
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_safety")); }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void modeFieldOnlyForABoundUnixPath() {
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_gui->currentTab();
        const QString mode = QStringLiteral("Socket file mode");
        // TCP client: no socket file, no field.
        QVERIFY(!a11y::find(tab, mode));
        QVERIFY(a11y::choose(tab, QStringLiteral("Family"), kUnix));
        QVERIFY(a11y::choose(tab, QStringLiteral("Protocol"), QStringLiteral("0 (default)")));
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Listen")));
        // The default path is an abstract name (@socklab-stream): no file, no field.
        QVERIFY(a11y::text(tab, QStringLiteral("Unix path")).startsWith(QLatin1Char('@')));
        QVERIFY(!a11y::find(tab, mode));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.sock"));
        QVERIFY(a11y::type(tab, QStringLiteral("Unix path"), path));
        QTRY_COMPARE(a11y::text(tab, mode, QAccessible::EditableText), QStringLiteral("0600"));
        auto* field = a11y::widget<QLineEdit>(tab, mode);
        QVERIFY(field && !field->toolTip().isEmpty());
        // A client makes no file either.
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Connect")));
        QVERIFY(!a11y::find(tab, mode));
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Listen")));
        QVERIFY(a11y::type(tab, QStringLiteral("Unix path"), path));
        QVERIFY(a11y::find(tab, mode));
        // A bad mode is said at the field and keeps the socket closed.
        QVERIFY(a11y::type(tab, mode, QStringLiteral("0800")));
        const QString problem = QStringLiteral(
            "parse unix mode \"0800\": expected octal digits 0-7, at most 0777, e.g. 0600 or 660");
        QCOMPARE(a11y::text(tab, QStringLiteral("Socket file mode problem")), problem);
        QCOMPARE(tab->form()->problem(), QStringLiteral("Socket file mode: ") + problem);
        QVERIFY(!a11y::press(tab, QStringLiteral("Open socket")));
        // A mode that lets others in opens, with a word about it.
        QVERIFY(a11y::type(tab, mode, QStringLiteral("0660")));
        QCOMPARE(a11y::text(tab, QStringLiteral("Socket file mode problem")),
                 QStringLiteral("Other users can reach this socket: 0660 lets them in."));
        QVERIFY(a11y::press(tab, QStringLiteral("Open socket")));
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Listening")));
        QCOMPARE(modeOf(path) & 07777, 0660u);
        QCOMPARE(connectTo(path), QStringLiteral("connected"));
        // Saved with the tab.
        QCOMPARE(m_gui->workspace().tabs.back().unixMode, std::uint32_t(0660));
    }

    void loadedWorkspaceOpensNothingUntilStarted() {
        QTemporaryDir dir;
        const int port = freePort();
        QVERIFY(port > 0);
        const QString path = dir.filePath(QStringLiteral("u.sock"));
        const QString file = dir.filePath(QStringLiteral("w.socklab"));
        QVERIFY(saveWorkspace(twoServers(port, path), file.toStdString()));
        QVERIFY(m_gui->openWorkspaceFile(file));
        QCOMPARE(m_gui->tabCount(), 2);
        QTest::qWait(300); // an open would have bound by now
        QVERIFY(notOpen(m_gui.window(), 0) && notOpen(m_gui.window(), 1));
        QCOMPARE(connectTo(QString::number(port)), QStringLiteral("ECONNREFUSED"));
        QCOMPARE(modeOf(path), 0u); // no socket file either
        // Each tab has its own Open socket button: start the TCP server alone.
        SessionTab* tcp = m_gui->tabAt(0);
        m_gui->tabs()->setCurrentIndex(0);
        QVERIFY(a11y::press(tcp, QStringLiteral("Open socket")));
        QVERIFY(e2e::waitForState(tcp, QStringLiteral("Listening")));
        QCOMPARE(connectTo(QString::number(port)), QStringLiteral("connected"));
        QVERIFY(notOpen(m_gui.window(), 1));
        // Session > Start all tabs (Ctrl+Shift+A) starts the rest.
        QTest::keyClick(&m_gui.window(), Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(listening(m_gui.window(), 1),
                                  qPrintable(m_gui->tabs()->tabText(1)), kWaitMs);
        QCOMPARE(connectTo(path), QStringLiteral("connected"));
        QCOMPARE(modeOf(path) & 07777, 0660u); // the workspace's mode
    }

    void openSocketsFlagOpensThem() {
        QTemporaryDir dir;
        const int port = freePort();
        QVERIFY(port > 0);
        const QString path = dir.filePath(QStringLiteral("u.sock"));
        const QString file = dir.filePath(QStringLiteral("w.socklab"));
        QVERIFY(saveWorkspace(twoServers(port, path), file.toStdString()));
        // What `socklab --open-sockets FILE` asks for.
        m_gui->startup(file, true);
        QCOMPARE(m_gui->tabCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(listening(m_gui.window(), 0), kWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(listening(m_gui.window(), 1),
                                  qPrintable(m_gui->tabs()->tabText(1)), kWaitMs);
        QCOMPARE(connectTo(QString::number(port)), QStringLiteral("connected"));
        QCOMPARE(connectTo(path), QStringLiteral("connected"));
    }

    void exposureWarningForAllInterfaces() {
        const QString warning = QStringLiteral(
            "Listening on all interfaces: other machines on your network can connect.");
        QString why;
        SessionTab* wide =
            e2e::openTab(m_gui.window(),
                         {QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                          QStringLiteral("IPPROTO_TCP"), QStringLiteral("Listen"),
                          QStringLiteral("Local address"), QStringLiteral("0.0.0.0:0")},
                         why);
        QVERIFY2(wide, qPrintable(why));
        QVERIFY(e2e::waitForState(wide, QStringLiteral("Listening")));
        QTRY_COMPARE(a11y::text(wide, QStringLiteral("Exposure warning")), warning);
        QCOMPARE(wide->summary()->exposureWarningText(), warning);
        // Before opening, the form says the same at the local address.
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* form = m_gui->currentTab();
        QVERIFY(a11y::choose(form, QStringLiteral("Role"), QStringLiteral("Listen")));
        QVERIFY(a11y::type(form, QStringLiteral("Local address"), QStringLiteral("0.0.0.0:0")));
        const QString atField = QStringLiteral("Local address problem");
        QCOMPARE(a11y::text(form, atField), warning);
        QVERIFY(form->form()->isValid()); // a warning, not a problem: the socket can open
        QVERIFY(a11y::type(form, QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")));
        QVERIFY(!a11y::find(form, atField));
        // Loopback: no warning once listening either.
        QVERIFY(a11y::press(form, QStringLiteral("Open socket")));
        QVERIFY(e2e::waitForState(form, QStringLiteral("Listening")));
        QTest::qWait(100);
        QVERIFY(!a11y::find(form, QStringLiteral("Exposure warning")));
        QCOMPARE(form->summary()->exposureWarningText(), QString());
    }
};

QTEST_MAIN(TestGuiSafety)
#include "test_gui_safety.moc"
