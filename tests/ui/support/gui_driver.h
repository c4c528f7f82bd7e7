#pragma once

// Shared steps of the end-to-end GUI tests: one real engine, bridge and main window per test
// function, tabs built through the Family/Type/Protocol/Role dropdowns, python3 peers, and the
// text of the byte views. Header-only, like a11y.h.

#include "../a11y.h"
#include "core/engine/engine.h"
#include "ui/bridge/core_bridge.h"
#include "ui/main_window.h"
#include "ui/widgets/session_tab.h"

#include <QAccessibleTableInterface>
#include <QApplication>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <cstdlib>
#include <memory>
#include <sched.h>

namespace e2e {

/// Upper bound of every wait in these tests.
constexpr int kWaitMs = 10000;

/// Move this process into a network namespace of its own with loopback up, so fixed ports (the
/// demo workspace's) and per-namespace sysctls (net.ipv4.ping_group_range) are ours alone.
/// Call first thing in main(), before any thread exists: a namespace is per thread. Needs
/// CAP_SYS_ADMIN; false (and nothing changed) without it.
inline bool enterPrivateNetwork() {
    if (::unshare(CLONE_NEWNET) != 0) {
        return false;
    }
    // A new namespace's lo is down; SIOCSIFFLAGS through python keeps socket calls out of here.
    return std::system("python3 -c \"import socket,fcntl,struct\n"
                       "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                       "f=struct.unpack('16sh14x',fcntl.ioctl(s,0x8913,"
                       "struct.pack('16sh14x',b'lo',0)))[1]\n"
                       "fcntl.ioctl(s,0x8914,struct.pack('16sh14x',b'lo',f|1))\"") == 0;
}

/// QTEST_MAIN for GUI tests that first enter a private network namespace (see above).
#define E2E_MAIN_PRIVATE_NETWORK(TestObject)                                                       \
    int main(int argc, char** argv) {                                                              \
        const bool isolated = e2e::enterPrivateNetwork();                                          \
        QApplication app(argc, argv);                                                              \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        app.setProperty("e2ePrivateNetwork", isolated);                                            \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }

/// Whether E2E_MAIN_PRIVATE_NETWORK got a namespace of its own.
inline bool inPrivateNetwork() {
    return qApp && qApp->property("e2ePrivateNetwork").toBool();
}

/// Start `python3 -c script args…`; returns the first line it prints as an int (a port), or 0.
inline int startPeer(QProcess& peer, const char* script, const QStringList& args = {}) {
    peer.start(QStringLiteral("python3"),
               QStringList{QStringLiteral("-c"), QString::fromLatin1(script)} + args);
    if (!peer.waitForStarted(5000) || !peer.waitForReadyRead(kWaitMs)) {
        return 0;
    }
    return peer.readLine().trimmed().toInt();
}

/// Start a python3 peer and wait until it prints its first line (it is ready); returns it.
inline QString startPeerLine(QProcess& peer, const char* script, const QStringList& args = {}) {
    peer.start(QStringLiteral("python3"),
               QStringList{QStringLiteral("-c"), QString::fromLatin1(script)} + args);
    if (!peer.waitForStarted(5000)) {
        return {};
    }
    QElapsedTimer waited;
    waited.start();
    while (!peer.canReadLine() && waited.elapsed() < kWaitMs && peer.state() == QProcess::Running) {
        peer.waitForReadyRead(100);
    }
    return QString::fromUtf8(peer.readLine()).trimmed();
}

/// All rows the view lays out now, one line each (the views lay out what is in view).
template <class View> QString viewText(QWidget* tab, const QString& name) {
    auto* view = a11y::widget<View>(tab, name);
    if (!view) {
        return {};
    }
    QString out;
    for (const auto& row : view->visibleRows()) {
        out += view->rowText(row) + QLatin1Char('\n');
    }
    return out;
}

/// The status bar's state text ("Connected · local … · peer …").
inline QString stateText(QWidget* tab) {
    return a11y::text(tab, QStringLiteral("State"), QAccessible::StaticText);
}

/// Wait (bounded) until the tab's state text contains `state`.
inline bool waitForState(QWidget* tab, const QString& state, int timeout_ms = kWaitMs) {
    return QTest::qWaitFor([&] { return stateText(tab).contains(state); }, timeout_ms);
}

/// Cells of the accessible table `name` (e.g. "Log"), one row per line, cells joined by " | ".
inline QString tableText(QWidget* root, const QString& name) {
    QAccessibleInterface* table = a11y::find(root, name, QAccessible::Table);
    QAccessibleTableInterface* t = table ? table->tableInterface() : nullptr;
    if (!t) {
        return {};
    }
    // Without an assistive technology attached (offscreen tests), Qt does not forward a model
    // reset to the accessible table, whose cached cells then read as empty: forward it here, as
    // the platform bridge does when one is attached.
    QAccessibleTableModelChangeEvent reset(table->object(),
                                           QAccessibleTableModelChangeEvent::ModelReset);
    t->modelChange(&reset);
    QString out;
    for (int r = 0; r < t->rowCount(); ++r) {
        for (int c = 0; c < t->columnCount(); ++c) {
            QAccessibleInterface* cell = t->cellAt(r, c);
            out += (c ? QStringLiteral(" | ") : QString()) +
                   (cell ? cell->text(QAccessible::Name) : QString());
        }
        out += QLatin1Char('\n');
    }
    return out;
}

/// python3 TCP echo server on 127.0.0.1:0 for startPeer(): prints its port, then serves
/// argv[1] connections (default 1) one after another, echoing each until the client's FIN,
/// closing it and printing "peer closed". Every wait is bounded (30 s).
inline constexpr const char* kPyTcpEcho = "import socket,sys\n"
                                          "n=int(sys.argv[1]) if len(sys.argv)>1 else 1\n"
                                          "s=socket.socket()\n"
                                          "s.bind(('127.0.0.1',0))\n"
                                          "s.listen(4)\n"
                                          "print(s.getsockname()[1],flush=True)\n"
                                          "s.settimeout(30)\n"
                                          "for _ in range(n):\n"
                                          "    c,a=s.accept()\n"
                                          "    c.settimeout(30)\n"
                                          "    while True:\n"
                                          "        d=c.recv(65536)\n"
                                          "        if not d: break\n"
                                          "        c.sendall(d)\n"
                                          "    c.close()\n"
                                          "    print('peer closed',flush=True)\n";

/// python3 UDP echo on 127.0.0.1:0 for startPeer(): prints its port, sends the first datagram
/// back to its sender and exits (30 s timeout).
inline constexpr const char* kPyUdpEcho = "import socket\n"
                                          "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                                          "s.bind(('127.0.0.1',0))\n"
                                          "print(s.getsockname()[1],flush=True)\n"
                                          "s.settimeout(30)\n"
                                          "d,a=s.recvfrom(65536)\n"
                                          "s.sendto(d,a)\n";

/// What a user picks in a new tab: the socket() triple and role by (part of) the dropdowns'
/// visible text, then the address in the field that role shows.
struct TabRecipe {
    QString family;
    QString type;
    QString protocol;
    QString role;
    QString addressField; ///< "Remote address", "Local address" or "Unix path"
    QString address;
};

/// Ctrl+T, fill the form as `recipe` says and press "Open socket". nullptr and `why` on the
/// first step that fails.
inline socklab::ui::SessionTab* openTab(socklab::ui::MainWindow& window, const TabRecipe& recipe,
                                        QString& why) {
    const int before = window.tabCount();
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    if (window.tabCount() != before + 1) {
        why = QStringLiteral("Ctrl+T opened no tab");
        return nullptr;
    }
    socklab::ui::SessionTab* tab = window.currentTab();
    const std::pair<QString, QString> combos[] = {{QStringLiteral("Family"), recipe.family},
                                                  {QStringLiteral("Type"), recipe.type},
                                                  {QStringLiteral("Protocol"), recipe.protocol},
                                                  {QStringLiteral("Role"), recipe.role}};
    for (const auto& [combo, entry] : combos) {
        if (!a11y::choose(tab, combo, entry)) {
            why = QStringLiteral("no entry '%1' in the %2 dropdown").arg(entry, combo);
            return nullptr;
        }
    }
    if (!recipe.addressField.isEmpty() && !a11y::type(tab, recipe.addressField, recipe.address)) {
        why = QStringLiteral("cannot type '%1' into '%2'").arg(recipe.address, recipe.addressField);
        return nullptr;
    }
    if (!a11y::press(tab, QStringLiteral("Open socket"))) {
        why = QStringLiteral("'Open socket' cannot be pressed; kernel verdict: %1")
                  .arg(a11y::text(tab, QStringLiteral("Kernel verdict")));
        return nullptr;
    }
    return tab;
}

/// openTab, then wait (bounded) for the state text to contain `state`; nullptr and `why`
/// (including the state and the tab's error banner) otherwise.
inline socklab::ui::SessionTab* openAndWait(socklab::ui::MainWindow& window,
                                            const TabRecipe& recipe, const QString& state,
                                            QString& why) {
    socklab::ui::SessionTab* tab = openTab(window, recipe, why);
    if (tab && !waitForState(tab, state)) {
        why = QStringLiteral("state is '%1', expected '%2'; error: '%3'")
                  .arg(stateText(tab), state, tab->errorText());
        return nullptr;
    }
    return tab;
}

/// openAndWait that logs why it failed, for tests that only QVERIFY the tab.
inline socklab::ui::SessionTab* openAndWait(socklab::ui::MainWindow& window,
                                            const TabRecipe& recipe, const QString& state) {
    QString why;
    socklab::ui::SessionTab* tab = openAndWait(window, recipe, state, why);
    if (!tab) {
        qWarning("%s", qPrintable(why));
    }
    return tab;
}

/// The dropdown choices of a TCP client (AF_INET, SOCK_STREAM, IPPROTO_TCP, Connect) to
/// 127.0.0.1:port.
inline TabRecipe tcpClientRecipe(int port) {
    return {QStringLiteral("AF_INET"),        QStringLiteral("SOCK_STREAM"),
            QStringLiteral("IPPROTO_TCP"),    QStringLiteral("Connect"),
            QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:%1").arg(port)};
}

/// The dropdown choices of a UDP endpoint (AF_INET, SOCK_DGRAM, IPPROTO_UDP, Bind) on
/// 127.0.0.1:0 (a port the kernel picks).
inline TabRecipe udpBindRecipe() {
    return {QStringLiteral("AF_INET"),       QStringLiteral("SOCK_DGRAM"),
            QStringLiteral("IPPROTO_UDP"),   QStringLiteral("Bind"),
            QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")};
}

/// Open a TCP client tab to 127.0.0.1:port through the dropdowns and wait until Connected;
/// nullptr and `why` otherwise.
inline socklab::ui::SessionTab* openTcpClient(socklab::ui::MainWindow& window, int port,
                                              QString& why) {
    return openAndWait(window, tcpClientRecipe(port), QStringLiteral("Connected"), why);
}

/// Open a UDP tab bound to 127.0.0.1:0 through the dropdowns and wait until Bound; nullptr
/// and `why` otherwise.
inline socklab::ui::SessionTab* openBoundUdp(socklab::ui::MainWindow& window, QString& why) {
    return openAndWait(window, udpBindRecipe(), QStringLiteral("Bound"), why);
}

/// Text mode, no line ending, type `message` into the composer and press Send.
inline bool sendText(QWidget* tab, const QString& message) {
    return a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")) &&
           a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")) &&
           a11y::type(tab, QStringLiteral("Message"), message) &&
           a11y::press(tab, QStringLiteral("Send"));
}

/// sendText for any text: committed into the composer as an input method does (Chinese...).
inline bool sendImeText(QWidget* tab, const QString& message) {
    return a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Text")) &&
           a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")) &&
           a11y::imeType(tab, QStringLiteral("Message"), message) &&
           a11y::press(tab, QStringLiteral("Send"));
}

/// Settings in Qt's test-only location under an application name of the test's own, emptied.
inline void useFreshSettings(const QString& application) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SockLabTest"));
    QCoreApplication::setApplicationName(application);
    QSettings().clear();
}

/// Trigger a menu entry by its visible texts ("File", "New tab from preset", "ICMP ping"),
/// the path a keyboard user takes with the mnemonics.
inline bool triggerMenu(QMainWindow& window, const QStringList& path) {
    QList<QAction*> actions = window.menuBar()->actions();
    for (qsizetype i = 0; i < path.size(); ++i) {
        QAction* hit = nullptr;
        for (QAction* a : actions) {
            if (a->isVisible() && a->isEnabled() && QString(a->text()).remove(u'&') == path[i]) {
                hit = a;
                break;
            }
        }
        if (!hit) {
            return false;
        }
        if (i + 1 == path.size()) {
            hit->trigger();
            return true;
        }
        if (!hit->menu()) {
            return false;
        }
        actions = hit->menu()->actions();
    }
    return false;
}

/// One engine, bridge and main window, shown and exposed; torn down in reverse order.
class Gui {
public:
    bool start(bool show = true) {
        m_engine = std::make_unique<socklab::Engine>();
        m_bridge = std::make_unique<socklab::ui::CoreBridge>(*m_engine);
        m_engine->start();
        m_window = std::make_unique<socklab::ui::MainWindow>(*m_bridge);
        m_window->resize(1400, 1000);
        if (!show) {
            return true;
        }
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get());
    }

    void stop() {
        m_window.reset();
        if (m_engine) {
            m_engine->stop();
        }
        m_bridge.reset();
        m_engine.reset();
    }

    ~Gui() { stop(); }

    [[nodiscard]] socklab::ui::MainWindow& window() const { return *m_window; }
    [[nodiscard]] socklab::ui::MainWindow* operator->() const { return m_window.get(); }

private:
    std::unique_ptr<socklab::Engine> m_engine;
    std::unique_ptr<socklab::ui::CoreBridge> m_bridge;
    std::unique_ptr<socklab::ui::MainWindow> m_window;
};

} // namespace e2e
