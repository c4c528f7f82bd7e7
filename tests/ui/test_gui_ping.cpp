// End-to-end ICMP echo: the "ICMP ping" preset from the File menu, opened and pinging 127.0.0.1
// through the accessibility tree; the kernel (not the project) answers the echo requests. The
// test runs in a network namespace of its own, so it can switch unprivileged ping sockets
// (net.ipv4.ping_group_range) on and off without touching the machine's setting.
#include "support/gui_driver.h"
#include "ui/views/hex_view.h"

#include <QFile>
#include <QRegularExpression>

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

const QString kGroupRange = QStringLiteral("/proc/sys/net/ipv4/ping_group_range");

bool setPingGroupRange(const QByteArray& range) {
    QFile f(kGroupRange);
    return e2e::inPrivateNetwork() && f.open(QIODevice::WriteOnly) && f.write(range) > 0;
}

// Whether a raw ICMP socket opens here (CAP_NET_RAW), asked of python, not of SockLab.
bool haveRawIcmp() {
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import socket\nsocket.socket(socket.AF_INET,socket.SOCK_RAW,"
                            "socket.IPPROTO_ICMP)")});
    return p.waitForFinished(kWaitMs) && p.exitCode() == 0;
}

} // namespace

class TestGuiPing : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

    SessionTab* presetTab() {
        if (!e2e::triggerMenu(m_gui.window(),
                              {QStringLiteral("File"), QStringLiteral("New tab from preset"),
                               QStringLiteral("ICMP ping")})) {
            return nullptr;
        }
        return m_gui->currentTab();
    }

    static QString openProblem(SessionTab* tab) {
        QAccessibleInterface* open =
            a11y::find(tab, QStringLiteral("Open socket"), QAccessible::PushButton);
        return QStringLiteral("Open socket %1 (%2); verdict: %3")
            .arg(open && !open->state().disabled ? QStringLiteral("enabled")
                                                 : QStringLiteral("disabled"),
                 open ? open->text(QAccessible::Description) : QString(),
                 a11y::text(tab, QStringLiteral("Kernel verdict")));
    }

    // Open the tab, ping twice, check the rtt in the status and the records in log and hex.
    // `reply` matches an echo reply's row in the log (a regular expression), `replyHex` is how
    // it shows in the hex view (raw sockets show the IP header).
    void pingTwice(SessionTab* tab, const QString& reply, const QString& replyHex) {
        QVERIFY2(a11y::press(tab, QStringLiteral("Open socket")), qPrintable(openProblem(tab)));
        QTRY_VERIFY2_WITH_TIMEOUT(
            a11y::find(tab, QStringLiteral("Ping"), QAccessible::PushButton) &&
                !a11y::find(tab, QStringLiteral("Ping"), QAccessible::PushButton)->state().disabled,
            qPrintable(e2e::stateText(tab) + QStringLiteral(" / ") + tab->errorText()), kWaitMs);
        QVERIFY(a11y::setValue(tab, QStringLiteral("Ping count"), 2));
        QVERIFY(a11y::press(tab, QStringLiteral("Ping")));

        // The status reports each reply with its round-trip time.
        const QRegularExpression rtt(
            QStringLiteral("ping seq \\d+ from 127\\.0\\.0\\.1: \\d+\\.\\d{3} ms"));
        QTRY_VERIFY2_WITH_TIMEOUT(rtt.match(a11y::text(tab, QStringLiteral("Details"))).hasMatch(),
                                  qPrintable(a11y::text(tab, QStringLiteral("Details"))), kWaitMs);
        // Two echo requests (type 8, code 0) out and two replies in, as records of their own.
        // The preview escapes a NUL as \0, or as \x00 when a digit follows.
        const auto log = [tab] { return e2e::tableText(tab, QStringLiteral("Log")); };
        const auto count = [](const QString& text, const QString& pattern) {
            auto it = QRegularExpression(pattern).globalMatch(text);
            int n = 0;
            for (; it.hasNext() && n < 100; it.next()) {
                ++n;
            }
            return n;
        };
        const QString request =
            QStringLiteral(R"(\| out \| 127\.0\.0\.1:0 \| 64 \| ICMP \| \\x08\\(0|x00))");
        QTRY_VERIFY2_WITH_TIMEOUT(
            count(log(), request) == 2 && count(log(), reply) == 2 &&
                log().count(QStringLiteral("echo reply from 127.0.0.1: seq")) == 2,
            qPrintable(log()), kWaitMs);
        // The newest records are in view in the hex view (it follows the tail).
        const QString hex = e2e::viewText<HexView>(tab, QStringLiteral("Hex view"));
        QVERIFY2(hex.contains(QStringLiteral("out  127.0.0.1:0  64 bytes  ICMP\n00000000: 08 00")),
                 qPrintable(hex));
        QVERIFY2(hex.contains(replyHex), qPrintable(hex));
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_ping")); }

    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void icmpPresetOpensAsFilledIn() {
        if (!setPingGroupRange("0 2147483647")) {
            QSKIP("needs a private network namespace (CAP_SYS_ADMIN) to allow ping sockets");
        }
        SessionTab* tab = presetTab();
        QVERIFY(tab);
        QCOMPARE(a11y::text(tab, QStringLiteral("Remote address"), QAccessible::EditableText),
                 QStringLiteral("127.0.0.1"));
        QAccessibleInterface* open =
            a11y::find(tab, QStringLiteral("Open socket"), QAccessible::PushButton);
        QVERIFY(open);
        QVERIFY2(!open->state().disabled, qPrintable(openProblem(tab)));
    }

    void pingSocketPingsLoopback() {
        if (!setPingGroupRange("0 2147483647")) {
            QSKIP("needs a private network namespace (CAP_SYS_ADMIN) to allow ping sockets");
        }
        SessionTab* tab = presetTab();
        QVERIFY(tab);
        // Type 0, code 0: echo reply.
        pingTwice(tab, QStringLiteral(R"(\| in \| 127\.0\.0\.1:0 \| 64 \| ICMP \| \\0\\(0|x00))"),
                  QStringLiteral("ICMP\n00000000: 00 00"));
    }

    void rawSocketPingsWhenPingSocketsAreOff() {
        if (!setPingGroupRange("1 0")) {
            QSKIP("needs a private network namespace (CAP_SYS_ADMIN) to turn ping sockets off");
        }
        if (!haveRawIcmp()) {
            QSKIP("no CAP_NET_RAW: raw ICMP sockets are refused");
        }
        SessionTab* tab = presetTab();
        QVERIFY(tab);
        // The kernel verdict refuses SOCK_DGRAM and names the remedy: a raw socket.
        const QString verdict = a11y::text(tab, QStringLiteral("Kernel verdict"));
        QVERIFY2(verdict.contains(QStringLiteral("EACCES")) &&
                     verdict.contains(QStringLiteral("SOCK_RAW")),
                 qPrintable(verdict));
        QVERIFY(a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_RAW")));
        QTRY_VERIFY2(a11y::text(tab, QStringLiteral("Kernel verdict")).contains(u'\u2714'),
                     qPrintable(a11y::text(tab, QStringLiteral("Kernel verdict"))));
        // Type 0 right after the 20-byte IP header, whose destination is 127.0.0.1.
        pingTwice(tab, QStringLiteral(R"(\\x7f\\0\\0\\x01\\x7f\\0\\0\\x01\\0\\(0|x00))"),
                  QStringLiteral("00000010: 7f 00 00 01 00 00"));
    }
};

E2E_MAIN_PRIVATE_NETWORK(TestGuiPing)
#include "test_gui_ping.moc"
