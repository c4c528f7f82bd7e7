// A tab's text encoding in the workspace document: written as its stable id only when it is
// not UTF-8 (older files and UTF-8 tabs read and write as before), read back exactly, and an
// unknown name named by its JSON pointer.
#include "core/codec/text_encode.h"
#include "core/workspace/workspace_json.h"

#include <QTest>

using namespace socklab;

namespace {

std::string udpTabWith(const std::string& extra) {
    return "{\"format\": \"socklab-workspace\", \"version\": 1, \"tabs\": [{\"family\": "
           "\"AF_INET\", \"type\": \"SOCK_DGRAM\", \"role\": \"bind\", \"local\": "
           "\"127.0.0.1:0\"" +
           extra + "}]}";
}

WorkspaceTab udpTab(TextEncoding encoding) {
    WorkspaceTab tab;
    tab.title = "udp";
    tab.spec = {2, 2, 0}; // AF_INET, SOCK_DGRAM
    tab.role = Role::Bind;
    tab.local = "127.0.0.1:0";
    tab.encoding = encoding;
    tab.messages.push_back({"hello", MessageMode::Text, "\xe4\xb8\xad\xe6\x96\x87", // 中文
                            LineEnding::None});
    return tab;
}

} // namespace

class TestWorkspaceEncoding : public QObject {
    Q_OBJECT

private slots:
    void everyEncodingRoundTrips() {
        for (TextEncoding encoding : allEncodings()) {
            Workspace ws;
            ws.tabs.push_back(udpTab(encoding));
            const std::string text = serializeWorkspace(ws);
            const std::string key = "\"encoding\": \"" + std::string(encodingName(encoding)) + "\"";
            // UTF-8 is the default and not written, so older builds read the file unchanged.
            QCOMPARE(text.find(key) != std::string::npos, encoding != TextEncoding::Utf8);
            QCOMPARE(text.find("\"encoding\"") != std::string::npos,
                     encoding != TextEncoding::Utf8);
            auto back = parseWorkspace(text, "<m>");
            QVERIFY2(back.has_value(), back ? "" : back.error().message().c_str());
            QCOMPARE(back->tabs.size(), std::size_t(1));
            QCOMPARE(int(back->tabs[0].encoding), int(encoding));
            QVERIFY(*back == ws);
        }
    }

    void missingKeyIsUtf8() {
        auto ws = parseWorkspace(udpTabWith(""), "<m>");
        QVERIFY2(ws.has_value(), ws ? "" : ws.error().message().c_str());
        QCOMPARE(int(ws->tabs[0].encoding), int(TextEncoding::Utf8));
    }

    void differentEncodingsDiffer() {
        QVERIFY(!(udpTab(TextEncoding::Gb18030) == udpTab(TextEncoding::Big5)));
    }

    // A hand-written file may use a common alias; it is saved back under the stable id.
    void aliasesAreRead() {
        auto ws = parseWorkspace(udpTabWith(", \"encoding\": \"GBK\""), "<m>");
        QVERIFY2(ws.has_value(), ws ? "" : ws.error().message().c_str());
        QCOMPARE(int(ws->tabs[0].encoding), int(TextEncoding::Gb18030));
        QVERIFY(serializeWorkspace(*ws).find("\"encoding\": \"gb18030\"") != std::string::npos);
    }

    void errorsNameThePointer_data() {
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown name")
            << QStringLiteral(", \"encoding\": \"ebcdic\"")
            << QStringLiteral("load workspace w.json: /tabs/0/encoding: unknown encoding "
                              "\"ebcdic\" (expected utf-8, ");
        QTest::newRow("not a string") << QStringLiteral(", \"encoding\": 936")
                                      << QStringLiteral("/tabs/0/encoding: expected string, got "
                                                        "number");
        QTest::newRow("empty") << QStringLiteral(", \"encoding\": \"\"")
                               << QStringLiteral("/tabs/0/encoding: unknown encoding \"\"");
    }
    void errorsNameThePointer() {
        QFETCH(QString, extra);
        QFETCH(QString, message);
        auto ws = parseWorkspace(udpTabWith(extra.toStdString()), "w.json");
        QVERIFY(!ws.has_value());
        const QString text = QString::fromStdString(ws.error().message());
        QVERIFY2(text.contains(message), qPrintable(text + " lacks " + message));
    }

    // The saved message of a GBK tab is sent in GBK (savedMessageBytes with the tab's
    // encoding); the default stays UTF-8, as `socklab-cli run` sends it today.
    void savedMessageBytesUseTheEncoding() {
        const WorkspaceTab tab = udpTab(TextEncoding::Gb18030);
        auto gbk = savedMessageBytes(tab.messages[0], tab.encoding);
        QVERIFY(gbk.has_value());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(gbk->data()), qsizetype(gbk->size())),
                 QByteArray::fromHex("d6d0cec4"));
        auto utf8 = savedMessageBytes(tab.messages[0]);
        QVERIFY(utf8.has_value());
        QCOMPARE(utf8->size(), std::size_t(6));
    }
};

QTEST_APPLESS_MAIN(TestWorkspaceEncoding)
#include "test_workspace_encoding.moc"
