// The composer's Fields, end to end: the real main window and engine, driven through the
// accessibility tree, a bound UDP tab sending to a python3 peer that prints the hex of each
// datagram. With "Message fields" on, a checksum is appended over the bytes before it, {seq}
// counts the tab's sends from 1, and a bad field is an error where it was typed (nothing is
// sent). The flag goes with the message into the history (and so the workspace).
//
// Note: ordinary string literals only (moc misreads raw strings with unbalanced braces).
#include "support/gui_driver.h"
#include "ui/widgets/composer.h"

#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

// Bound on 127.0.0.1:0: prints its port, then the hex of every datagram it receives (30 s).
const char* kPyPeer = "import socket\n"
                      "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                      "s.bind(('127.0.0.1',0))\n"
                      "print(s.getsockname()[1],flush=True)\n"
                      "s.settimeout(30)\n"
                      "while True:\n"
                      "    d,a=s.recvfrom(65536)\n"
                      "    print(d.hex(),flush=True)\n";

const QString kFields = QStringLiteral("Message fields");
const QString kValidation = QStringLiteral("Message validation");

} // namespace

class TestGuiComposerFields : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;
    SessionTab* m_tab = nullptr;
    QProcess m_peer;
    QByteArray m_heard;

    // A bound UDP tab whose composer sends to a fresh peer, Fields on, no line ending.
    bool openWithPeer(const QString& mode) {
        QString why;
        m_tab = e2e::openBoundUdp(m_gui.window(), why);
        if (!m_tab) {
            qWarning("%s", qPrintable(why));
            return false;
        }
        const int port = e2e::startPeer(m_peer, kPyPeer);
        if (port <= 0) {
            return false;
        }
        return a11y::type(m_tab, QStringLiteral("Destination"),
                          QStringLiteral("127.0.0.1:%1").arg(port)) &&
               a11y::choose(m_tab, QStringLiteral("Mode"), mode) &&
               a11y::choose(m_tab, QStringLiteral("Line ending"), QStringLiteral("No line")) &&
               !m_tab->composer()->message().fields && a11y::press(m_tab, kFields) &&
               m_tab->composer()->message().fields;
    }

    // Wait until the peer printed a line containing `hex`.
    bool peerHeard(const QByteArray& hex) {
        return QTest::qWaitFor(
            [&] {
                m_heard += m_peer.readAllStandardOutput();
                return m_heard.contains(hex);
            },
            kWaitMs);
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_composer_fields")); }

    void init() {
        m_heard.clear();
        QVERIFY(m_gui.start());
    }
    void cleanup() {
        if (m_peer.state() != QProcess::NotRunning) {
            m_peer.kill();
            m_peer.waitForFinished(kWaitMs);
        }
        m_tab = nullptr;
        m_gui.stop();
    }

    void hexMessageGetsItsModbusCrc() {
        QVERIFY(openWithPeer(QStringLiteral("Hex")));
        QVERIFY(a11y::type(m_tab, QStringLiteral("Message"),
                           QStringLiteral("01 03 00 00 00 0a {crc16-modbus}")));
        QVERIFY2(a11y::text(m_tab, kValidation).startsWith(QStringLiteral("8 byte")),
                 qPrintable(a11y::text(m_tab, kValidation)));
        QVERIFY(a11y::press(m_tab, QStringLiteral("Send")));
        QVERIFY2(peerHeard("01030000000ac5cd"), m_heard.constData());
        QCOMPARE(m_heard.trimmed(), QByteArray("01030000000ac5cd"));
        // The history keeps the flag (the workspace saves the history's messages).
        QVERIFY(!m_tab->composer()->history().empty());
        QVERIFY(m_tab->composer()->history().front().fields);

        // The Insert field menu offers the counter, the times and every checksum.
        auto* insert = a11y::widget<QToolButton>(m_tab, QStringLiteral("Insert field"));
        QVERIFY(insert && insert->menu());
        QStringList entries;
        for (QAction* a : insert->menu()->actions()) {
            entries << a->text();
        }
        const QString all = entries.join(u'|');
        for (const char* token : {"{seq}", "{time}", "{crc16-modbus}", "{crc16-ccitt}", "{crc32}",
                                  "{sum8}", "{xor8}", "{lrc}"}) {
            QVERIFY2(all.contains(QLatin1String(token)), qPrintable(all));
        }
    }

    void counterCountsTheTabsSends() {
        QVERIFY(openWithPeer(QStringLiteral("Text")));
        QVERIFY(a11y::type(m_tab, QStringLiteral("Message"), QStringLiteral("n={seq}")));
        QVERIFY(a11y::press(m_tab, QStringLiteral("Send")));
        QVERIFY2(peerHeard("6e3d31"), m_heard.constData()); // n=1
        QVERIFY(a11y::press(m_tab, QStringLiteral("Send")));
        QVERIFY2(peerHeard("6e3d32"), m_heard.constData()); // n=2
        QCOMPARE(m_tab->composer()->sendCount(), std::uint64_t(2));

        // The menu inserts at the cursor: a checksum over "n=" + the next count.
        auto* editor = a11y::widget<QPlainTextEdit>(m_tab, QStringLiteral("Message"));
        QVERIFY(editor);
        editor->moveCursor(QTextCursor::End);
        auto* insert = a11y::widget<QToolButton>(m_tab, QStringLiteral("Insert field"));
        QVERIFY(insert && insert->menu());
        QAction* sum = nullptr;
        for (QAction* a : insert->menu()->actions()) {
            if (a->text().contains(QStringLiteral("{sum8}"))) {
                sum = a;
            }
        }
        QVERIFY(sum);
        sum->trigger();
        QCOMPARE(editor->toPlainText(), QStringLiteral("n={seq}{sum8}"));
        QVERIFY(a11y::press(m_tab, QStringLiteral("Send")));
        // "n=3" and ('n' + '=' + '3') mod 256 = 0xde.
        QVERIFY2(peerHeard("6e3d33de"), m_heard.constData());
    }

    void badFieldIsAnErrorWhereTypedAndNothingIsSent() {
        QVERIFY(openWithPeer(QStringLiteral("Text")));
        QVERIFY(a11y::type(m_tab, QStringLiteral("Message"), QStringLiteral("n={foo}")));
        const QString error = a11y::text(m_tab, kValidation);
        QVERIFY2(error.contains(QStringLiteral("position 2: unknown field {foo}")),
                 qPrintable(error));
        // Highlighted where it was typed.
        auto* editor = a11y::widget<QPlainTextEdit>(m_tab, QStringLiteral("Message"));
        QVERIFY(editor);
        QCOMPARE(editor->extraSelections().size(), 1);
        QCOMPARE(editor->extraSelections().front().cursor.selectionStart(), 2);
        QVERIFY(!a11y::press(m_tab, QStringLiteral("Send"))); // disabled
        QVERIFY(!m_tab->composer()->send());
        QCOMPARE(m_tab->composer()->sendCount(), std::uint64_t(0));

        // Fields off: the braces are text, and that is the first thing the peer gets.
        QVERIFY(a11y::press(m_tab, kFields));
        QVERIFY(a11y::text(m_tab, kValidation).startsWith(QStringLiteral("7 byte")));
        QVERIFY(a11y::press(m_tab, QStringLiteral("Send")));
        QVERIFY2(peerHeard("6e3d7b666f6f7d"), m_heard.constData());
        QCOMPARE(m_heard.trimmed(), QByteArray("6e3d7b666f6f7d"));
    }
};

QTEST_MAIN(TestGuiComposerFields)
#include "test_gui_composer_fields.moc"
