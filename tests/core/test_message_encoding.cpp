// The one rule both front ends use to turn a composed/saved message into bytes
// (core/codec/message_encoding): every mode x line ending, typed vs escaped line breaks,
// and errors that name the position in the text as typed.
#include "core/codec/message_encoding.h"

#include <QTest>

using namespace socklab;

Q_DECLARE_METATYPE(socklab::MessageMode)
Q_DECLARE_METATYPE(socklab::LineEnding)
Q_DECLARE_METATYPE(socklab::TextEncoding)

namespace {

QByteArray toQt(const ByteVector& v) {
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

struct Ending {
    LineEnding ending;
    const char* name;
    QByteArray chars;
};

const Ending kEndings[] = {
    {LineEnding::None, "none", QByteArray()},
    {LineEnding::Lf, "lf", QByteArray("\n")},
    {LineEnding::Cr, "cr", QByteArray("\r")},
    {LineEnding::CrLf, "crlf", QByteArray("\r\n")},
};

} // namespace

class TestMessageEncoding : public QObject {
    Q_OBJECT

private slots:
    void encodes_data() {
        QTest::addColumn<MessageMode>("mode");
        QTest::addColumn<LineEnding>("ending");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("expected");

        for (const Ending& e : kEndings) {
            const bool none = e.ending == LineEnding::None;
            const QByteArray eol = e.chars;
            const auto row = [&](const char* what) -> QTestData& {
                return QTest::addRow("%s %s", what, e.name);
            };
            // Text: typed breaks become the ending, and the ending ends the message.
            row("text one line") << MessageMode::Text << e.ending << QByteArray("GET /")
                                 << QByteArray("GET /") + eol;
            row("text two lines") << MessageMode::Text << e.ending << QByteArray("a\nb")
                                  << (none ? QByteArray("a\nb") : "a" + eol + "b" + eol);
            row("text typed crlf")
                << MessageMode::Text << e.ending << QByteArray("a\r\nb\rc")
                << (none ? QByteArray("a\r\nb\rc") : "a" + eol + "b" + eol + "c" + eol);
            row("text empty line") << MessageMode::Text << e.ending << QByteArray("a\n\nb")
                                   << (none ? QByteArray("a\n\nb") : "a" + eol + eol + "b" + eol);
            row("text trailing break") << MessageMode::Text << e.ending << QByteArray("a\n")
                                       << (none ? QByteArray("a\n") : "a" + eol + eol);
            row("text empty") << MessageMode::Text << e.ending << QByteArray() << eol;
            row("text utf8") << MessageMode::Text << e.ending
                             << QByteArray("h\xc3\xa9\n\xe2\x82\xac")
                             << (none ? QByteArray("h\xc3\xa9\n\xe2\x82\xac")
                                      : "h\xc3\xa9" + eol + "\xe2\x82\xac" + eol);
            // Escapes: a spelled "\n" is a bare LF; a typed break follows the ending.
            row("escapes escaped newline") << MessageMode::Escapes << e.ending
                                           << QByteArray("a\\nb") << QByteArray("a\nb") + eol;
            row("escapes escaped and typed")
                << MessageMode::Escapes << e.ending << QByteArray("a\\nb\nc")
                << (none ? QByteArray("a\nb\nc") : "a\nb" + eol + "c" + eol);
            row("escapes bytes across lines")
                << MessageMode::Escapes << e.ending << QByteArray("\\x00\\r\n\\t\\xff")
                << (none ? QByteArray("\0\r\n\t\xff", 5)
                         : QByteArray("\0\r", 2) + eol + "\t\xff" + eol);
            row("escapes typed crlf") << MessageMode::Escapes << e.ending << QByteArray("x\r\ny")
                                      << (none ? QByteArray("x\r\ny") : "x" + eol + "y" + eol);
            // Hex: typed breaks are whitespace between digits; the ending is appended.
            row("hex one line") << MessageMode::Hex << e.ending << QByteArray("de ad be ef")
                                << QByteArray::fromHex("deadbeef") + eol;
            row("hex two lines") << MessageMode::Hex << e.ending << QByteArray("de ad\r\nbe\nef")
                                 << QByteArray::fromHex("deadbeef") + eol;
            row("hex empty") << MessageMode::Hex << e.ending << QByteArray() << eol;
        }
    }
    void encodes() {
        QFETCH(MessageMode, mode);
        QFETCH(LineEnding, ending);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, expected);
        const auto bytes = encodeMessage(mode, content.toStdString(), ending);
        QVERIFY2(bytes.has_value(), bytes ? "" : bytes.error().message().c_str());
        QCOMPARE(toQt(*bytes), expected);
    }

    // Errors are values that name the operation, the input and the position in the text as
    // the user typed it, whatever the line ending does to the bytes before it.
    void errorsNamePosition_data() {
        QTest::addColumn<MessageMode>("mode");
        QTest::addColumn<LineEnding>("ending");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        for (const Ending& e : kEndings) {
            QTest::addRow("hex bad digit %s", e.name)
                << MessageMode::Hex << e.ending << QByteArray("de ad zz")
                << QStringLiteral(R"(parse hex "de ad zz": bad hex digit 'z' at position 6)");
            QTest::addRow("hex odd digits on line 2 %s", e.name)
                << MessageMode::Hex << e.ending << QByteArray("de\r\nadb")
                << QStringLiteral("unpaired 'b' at position 6");
            QTest::addRow("escape on line 2 %s", e.name)
                << MessageMode::Escapes << e.ending << QByteArray("ok\r\nx\\q")
                << QStringLiteral("parse escapes \"ok\\r\\nx\\q\"");
            QTest::addRow("escape position on line 3 %s", e.name)
                << MessageMode::Escapes << e.ending << QByteArray("a\nb\n\\xzz")
                << QStringLiteral("at position 4");
            QTest::addRow("backslash before a break %s", e.name)
                << MessageMode::Escapes << e.ending << QByteArray("ab\\\ncd")
                << QStringLiteral("at position 2");
            QTest::addRow("dangling backslash %s", e.name)
                << MessageMode::Escapes << e.ending << QByteArray("a\nb\\")
                << QStringLiteral("dangling backslash at position 3");
        }
    }
    void errorsNamePosition() {
        QFETCH(MessageMode, mode);
        QFETCH(LineEnding, ending);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const auto bytes = encodeMessage(mode, content.toStdString(), ending);
        QVERIFY(!bytes.has_value());
        const QString text = QString::fromStdString(bytes.error().message());
        QVERIFY2(text.contains(message), qPrintable(text + " lacks " + message));
    }

    // Text mode in the tab's encoding: the line ending is applied first, so it is encoded too
    // (two bytes a character in UTF-16); Hex and Escapes spell bytes and ignore the encoding.
    void encodesInTextEncoding_data() {
        QTest::addColumn<MessageMode>("mode");
        QTest::addColumn<LineEnding>("ending");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QByteArray>("expected");
        const QString zh = QString::fromUtf8("\u4e2d\u6587"); // 中文
        QTest::newRow("gbk") << MessageMode::Text << LineEnding::None << TextEncoding::Gb18030 << zh
                             << QByteArray::fromHex("d6d0cec4");
        QTest::newRow("gbk crlf, typed break")
            << MessageMode::Text << LineEnding::CrLf << TextEncoding::Gb18030 << zh + "\nA"
            << QByteArray::fromHex("d6d0cec40d0a410d0a");
        QTest::newRow("big5") << MessageMode::Text << LineEnding::None << TextEncoding::Big5 << zh
                              << QByteArray::fromHex("a4a4a4e5");
        QTest::newRow("shift_jis") << MessageMode::Text << LineEnding::Lf << TextEncoding::ShiftJis
                                   << QString::fromUtf8("\u65e5\u672c") // 日本
                                   << QByteArray::fromHex("93fa967b0a");
        QTest::newRow("utf-16le lf") << MessageMode::Text << LineEnding::Lf << TextEncoding::Utf16Le
                                     << QStringLiteral("A") << QByteArray::fromHex("41000a00");
        QTest::newRow("utf-16be crlf")
            << MessageMode::Text << LineEnding::CrLf << TextEncoding::Utf16Be << QStringLiteral("A")
            << QByteArray::fromHex("0041000d000a");
        QTest::newRow("latin-1") << MessageMode::Text << LineEnding::None << TextEncoding::Latin1
                                 << QString::fromUtf8("caf\u00e9") << QByteArray("caf\xe9");
        QTest::newRow("emoji in gb18030")
            << MessageMode::Text << LineEnding::None << TextEncoding::Gb18030
            << QString::fromUtf8("\U0001F600") << QByteArray::fromHex("9439fc36");
        QTest::newRow("utf-8 default")
            << MessageMode::Text << LineEnding::None << TextEncoding::Utf8 << zh
            << QByteArray::fromHex("e4b8ade69687");
        QTest::newRow("hex ignores it")
            << MessageMode::Hex << LineEnding::None << TextEncoding::Utf16Le
            << QStringLiteral("d6 d0") << QByteArray::fromHex("d6d0");
        QTest::newRow("escapes ignore it")
            << MessageMode::Escapes << LineEnding::Lf << TextEncoding::Big5
            << QStringLiteral("\\x01") << QByteArray("\x01\n");
    }
    void encodesInTextEncoding() {
        QFETCH(MessageMode, mode);
        QFETCH(LineEnding, ending);
        QFETCH(TextEncoding, encoding);
        QFETCH(QString, content);
        QFETCH(QByteArray, expected);
        const auto bytes = encodeMessage(mode, content.toStdString(), ending, encoding);
        QVERIFY2(bytes.has_value(), bytes ? "" : bytes.error().message().c_str());
        QCOMPARE(toQt(*bytes), expected);
        QCOMPARE(firstMessageError(mode, content.toStdString(), encoding), std::nullopt);
    }

    // A character with no form in the encoding is an error at its position in the text as
    // typed (whatever the line ending inserts before it), and firstMessageError finds it.
    void unencodableCharacterIsAnError_data() {
        QTest::addColumn<LineEnding>("ending");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        QTest::newRow("e-acute in big5")
            << LineEnding::None << TextEncoding::Big5 << QString::fromUtf8("ab\u00e9") << 2
            << QStringLiteral("encode text Big5: position 2: U+00E9 has no Big5 form");
        // GB18030 has a form for every code point (emoji are 4 bytes): Shift_JIS has none.
        QTest::newRow("emoji in shift_jis after breaks, crlf")
            << LineEnding::CrLf << TextEncoding::ShiftJis
            << QString::fromUtf8("\u4e2d\na\nb\U0001F600c") << 7
            << QStringLiteral("position 7: U+1F600 has no Shift_JIS form");
        QTest::newRow("cjk in latin-1")
            << LineEnding::Lf << TextEncoding::Latin1 << QString::fromUtf8("x\u4e2d") << 1
            << QStringLiteral("U+4E2D has no Latin-1 form");
        QTest::newRow("first of two bad ones")
            << LineEnding::None << TextEncoding::Ascii
            << QString::fromUtf8("0123456789\u00e9\u00e8") << 10 << QStringLiteral("position 10");
    }
    void unencodableCharacterIsAnError() {
        QFETCH(LineEnding, ending);
        QFETCH(TextEncoding, encoding);
        QFETCH(QString, content);
        QFETCH(int, position);
        QFETCH(QString, message);
        const std::string text = content.toStdString();
        const auto bytes = encodeMessage(MessageMode::Text, text, ending, encoding);
        QVERIFY(!bytes.has_value());
        const QString got = QString::fromStdString(bytes.error().message());
        QVERIFY2(got.contains(message), qPrintable(got + " lacks " + message));
        QCOMPARE(firstMessageError(MessageMode::Text, text, encoding),
                 std::optional<std::size_t>(std::size_t(position)));
    }
};

QTEST_APPLESS_MAIN(TestMessageEncoding)
#include "test_message_encoding.moc"
