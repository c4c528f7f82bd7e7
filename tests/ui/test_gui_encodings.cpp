// End-to-end text encodings: the real main window and engine, driven through the
// accessibility tree, against a python3 UDP peer. The tab's Encoding choice decodes what
// arrives (GBK, Big5), encodes what the composer sends, encodes text find patterns and "Copy
// as Text", and is saved with the tab; invalid bytes stay visible as markers; a character
// with no form in the encoding is an error where it was typed and nothing is sent.
#include "core/codec/text_encode.h"
#include "support/gui_driver.h"
#include "ui/views/copy_kind.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/composer.h"

#include <QClipboard>

using namespace socklab::ui;
using e2e::kWaitMs;
using e2e::viewText;

namespace {

// Bound on 127.0.0.1:0: prints its port, sends each hex argument after the first as a
// datagram to 127.0.0.1:argv[1], then prints the hex of every datagram it receives (30 s).
const char* kPyPeer = "import socket,sys\n"
                      "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                      "s.bind(('127.0.0.1',0))\n"
                      "print(s.getsockname()[1],flush=True)\n"
                      "t=('127.0.0.1',int(sys.argv[1]))\n"
                      "for h in sys.argv[2:]:\n"
                      "    s.sendto(bytes.fromhex(h),t)\n"
                      "s.settimeout(30)\n"
                      "while True:\n"
                      "    d,a=s.recvfrom(65536)\n"
                      "    print(d.hex(),flush=True)\n";

const QString kGbk = QStringLiteral("GBK");
const QString kBig5 = QStringLiteral("Big5");

QString textView(SessionTab* tab) {
    return viewText<TextView>(tab, QStringLiteral("Text view"));
}

// The tab's bound port, from its state text ("Bound · local 127.0.0.1:PORT").
int boundPort(SessionTab* tab) {
    const QString state = e2e::stateText(tab);
    const auto m = QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+)")).match(state);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}


} // namespace

class TestGuiEncodings : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;
    SessionTab* m_tab = nullptr;
    QProcess m_peer;
    int m_peerPort = 0;
    QByteArray m_heard;

    // A bound UDP tab and a peer that sends `datagrams` (hex) to it, all of them captured.
    bool openWithPeer(const QStringList& datagrams) {
        QString why;
        m_tab = e2e::openBoundUdp(m_gui.window(), why);
        if (!m_tab) {
            qWarning("%s", qPrintable(why));
            return false;
        }
        const int port = boundPort(m_tab);
        if (port <= 0) {
            qWarning("no port in '%s'", qPrintable(e2e::stateText(m_tab)));
            return false;
        }
        m_peerPort =
            e2e::startPeer(m_peer, kPyPeer, QStringList{QString::number(port)} + datagrams);
        if (m_peerPort <= 0) {
            return false;
        }
        const QRegularExpression want(
            QStringLiteral("In \\d+ bytes / %1 msg").arg(datagrams.size()));
        return QTest::qWaitFor(
            [&] { return a11y::text(m_tab, QStringLiteral("Counters")).contains(want); }, kWaitMs);
    }

    // Wait until the peer printed a line containing `hex`.
    bool peerHeard(const QByteArray& hex, int timeout_ms = kWaitMs) {
        return QTest::qWaitFor(
            [&] {
                m_heard += m_peer.readAllStandardOutput();
                return m_heard.contains(hex);
            },
            timeout_ms);
    }

    bool sendTo(const QString& text) {
        return a11y::type(m_tab, QStringLiteral("Destination"),
                          QStringLiteral("127.0.0.1:%1").arg(m_peerPort)) &&
               e2e::sendImeText(m_tab, text);
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_encodings")); }

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

    void gbkAndBig5DatagramsAreDecodedByTheChosenEncoding() {
        const QString gbk = QString::fromUtf8("\u4e2d\u6587\u6d4b\u8bd5");  // 中文测试
        const QString big5 = QString::fromUtf8("\u4e2d\u6587\u6e2c\u8a66"); // 中文測試
        QVERIFY(
            openWithPeer({QStringLiteral("d6d0cec4b2e2cad4"), QStringLiteral("a4a4a4e5b4fab8d5")}));
        QVERIFY2(!textView(m_tab).contains(gbk), qPrintable(textView(m_tab))); // UTF-8 first

        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kGbk));
        QTRY_VERIFY2_WITH_TIMEOUT(textView(m_tab).contains(gbk), qPrintable(textView(m_tab)),
                                  kWaitMs);
        QVERIFY(!textView(m_tab).contains(big5));
        // The log's preview reads the bytes the same way.
        QTRY_VERIFY2_WITH_TIMEOUT(e2e::tableText(m_tab, QStringLiteral("Log")).contains(gbk),
                                  qPrintable(e2e::tableText(m_tab, QStringLiteral("Log"))),
                                  kWaitMs);

        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kBig5));
        QTRY_VERIFY2_WITH_TIMEOUT(textView(m_tab).contains(big5), qPrintable(textView(m_tab)),
                                  kWaitMs);
        QVERIFY(!textView(m_tab).contains(gbk));

        // Saved with the tab, and a tab loaded from it reads the same way.
        const socklab::WorkspaceTab saved = m_tab->toWorkspaceTab();
        QCOMPARE(int(saved.encoding), int(socklab::TextEncoding::Big5));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), QStringLiteral("UTF-8")));
        m_tab->loadWorkspaceTab(saved);
        QCOMPARE(int(m_tab->trafficPane()->textEncoding()), int(socklab::TextEncoding::Big5));
        QCOMPARE(int(m_tab->composer()->textEncoding()), int(socklab::TextEncoding::Big5));
        QVERIFY(m_tab->trafficPane()->encodingCombo()->currentText().contains(kBig5));
    }

    void invalidBytesShowAsMarkers() {
        // 0xff is no GB18030 byte; 0x81 0x30 is a 4-byte sequence cut short.
        QVERIFY(openWithPeer({QStringLiteral("41ff42"), QStringLiteral("d6d0813043")}));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kGbk));
        const QString marked = QStringLiteral("A\ufffdB");
        QTRY_VERIFY2_WITH_TIMEOUT(textView(m_tab).contains(marked), qPrintable(textView(m_tab)),
                                  kWaitMs);
        // One marker per invalid byte, the character before and the ASCII after kept.
        QTRY_VERIFY2_WITH_TIMEOUT(
            textView(m_tab).contains(QString::fromUtf8("\u4e2d\ufffd0C")) ||
                textView(m_tab).contains(QString::fromUtf8("\u4e2d\ufffd\ufffdC")),
            qPrintable(textView(m_tab)), kWaitMs);
    }

    void composerSendsInTheTabEncoding() {
        QVERIFY(openWithPeer({QStringLiteral("41")}));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kGbk));
        QVERIFY(sendTo(QString::fromUtf8("\u4e2d\u6587"))); // 中文
        QVERIFY2(peerHeard("d6d0cec4"), m_heard.constData());
        QVERIFY(a11y::text(m_tab, QStringLiteral("Message validation"))
                    .startsWith(QStringLiteral("4 byte")));

        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), QStringLiteral("UTF-16LE")));
        QVERIFY(e2e::sendImeText(m_tab, QStringLiteral("Hi")));
        QVERIFY2(peerHeard("48006900"), m_heard.constData());
    }

    void unencodableCharacterIsAnErrorAndNothingIsSent() {
        QVERIFY(openWithPeer({QStringLiteral("41")}));
        QVERIFY(a11y::type(m_tab, QStringLiteral("Destination"),
                           QStringLiteral("127.0.0.1:%1").arg(m_peerPort)));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kBig5));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Mode"), QStringLiteral("Text")));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Line ending"), QStringLiteral("No line")));
        QVERIFY(a11y::imeType(m_tab, QStringLiteral("Message"), QString::fromUtf8("ab\u00e9")));
        const QString error = a11y::text(m_tab, QStringLiteral("Message validation"));
        QVERIFY2(error.contains(QStringLiteral("position 2: U+00E9 has no Big5 form")),
                 qPrintable(error));
        QVERIFY(!a11y::press(m_tab, QStringLiteral("Send"))); // disabled
        QVERIFY(!m_tab->composer()->send());

        // Same text, an encoding that has it: it goes, and it is the first thing the peer got.
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), QStringLiteral("Latin-1")));
        QVERIFY(a11y::text(m_tab, QStringLiteral("Message validation")).contains(u'3'));
        QVERIFY(a11y::press(m_tab, QStringLiteral("Send")));
        QVERIFY2(peerHeard("6162e9"), m_heard.constData());
        QCOMPARE(m_heard.trimmed(), QByteArray("6162e9"));

        // An emoji in Shift_JIS (GB18030 has a form for every code point): the same error path.
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), QStringLiteral("Shift_JIS")));
        m_tab->composer()->setMessage(
            {"", socklab::MessageMode::Text, "x\xf0\x9f\x98\x80", socklab::LineEnding::None});
        QVERIFY2(a11y::text(m_tab, QStringLiteral("Message validation"))
                     .contains(QStringLiteral("position 1: U+1F600 has no Shift_JIS form")),
                 qPrintable(a11y::text(m_tab, QStringLiteral("Message validation"))));
        QVERIFY(!m_tab->composer()->send());
    }

    void findAndCopyUseTheTabEncoding() {
        QVERIFY(openWithPeer({QStringLiteral("d6d0cec4b2e2cad4")}));
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kGbk));
        QVERIFY(a11y::imeType(m_tab, QStringLiteral("Find"), QString::fromUtf8("\u6d4b\u8bd5")));
        TrafficPane* pane = m_tab->trafficPane();
        QVERIFY(pane->findNext());
        QVERIFY2(a11y::text(m_tab, QStringLiteral("Find status")).contains(QStringLiteral("Found")),
                 qPrintable(a11y::text(m_tab, QStringLiteral("Find status"))));
        QCOMPARE(pane->selection()->end() - pane->selection()->begin(), std::uint64_t(4));
        QVERIFY(pane->copySelection(CopyKind::Text));
        QCOMPARE(QApplication::clipboard()->text(), QString::fromUtf8("\u6d4b\u8bd5"));

        // A needle with no form in the encoding: said in the find bar, nothing searched.
        QVERIFY(a11y::choose(m_tab, QStringLiteral("Encoding"), kBig5));
        QVERIFY(a11y::imeType(m_tab, QStringLiteral("Find"), QString::fromUtf8("\u00e9")));
        QVERIFY2(a11y::text(m_tab, QStringLiteral("Find status"))
                     .contains(QStringLiteral("has no Big5 form")),
                 qPrintable(a11y::text(m_tab, QStringLiteral("Find status"))));
        QVERIFY(!pane->findNext());
    }
};

QTEST_MAIN(TestGuiEncodings)
#include "test_gui_encodings.moc"
