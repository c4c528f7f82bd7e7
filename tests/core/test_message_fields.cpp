// Messages with fields (core/respond/message_fields): what the GUI composer and `socklab-cli
// run --send-saved` send when a message's "Fields" is on. Literal text follows the message's
// own rules (line endings, encodings, escapes), fields render bytes in place, a checksum covers
// the final bytes before it; errors name the position in the content as typed; without fields
// the bytes are encodeMessage's. Saved messages keep the flag in workspaces.
//
// Note: ordinary string literals only (moc misreads raw strings with unbalanced braces).
#include "core/codec/message_encoding.h"
#include "core/respond/message_fields.h"
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_json.h"
#include "support/bytes.h"

#include <QTest>

using namespace socklab;
using socklab::test::toQt;

Q_DECLARE_METATYPE(socklab::MessageMode)
Q_DECLARE_METATYPE(socklab::LineEnding)
Q_DECLARE_METATYPE(socklab::TextEncoding)

namespace {

TemplateContext contextWithSeq(std::uint64_t seq) {
    TemplateContext context;
    context.seq = seq;
    return context;
}

QByteArray render(MessageMode mode, std::string_view content, LineEnding ending,
                  TextEncoding encoding = TextEncoding::Utf8, std::uint64_t seq = 1) {
    auto bytes = renderMessage(mode, content, ending, encoding, true, contextWithSeq(seq));
    if (!bytes) {
        qWarning("%s", bytes.error().message().c_str());
        return QByteArray("<error>");
    }
    return toQt(*bytes);
}

QString errorOf(MessageMode mode, std::string_view content,
                TextEncoding encoding = TextEncoding::Utf8) {
    auto bytes = renderMessage(mode, content, LineEnding::None, encoding, true, contextWithSeq(1));
    return bytes ? QString() : QString::fromStdString(bytes.error().message());
}

const std::string kDoc = "{\"format\": \"socklab-workspace\", \"version\": 1, \"tabs\": [{"
                         "\"family\": \"AF_INET\", \"type\": \"SOCK_DGRAM\", \"role\": \"bind\", "
                         "\"messages\": [";

} // namespace

class TestMessageFields : public QObject {
    Q_OBJECT

private slots:
    void hexModbusRequestGetsItsCrc() {
        // The Modbus RTU example: read 10 holding registers from unit 1 -> CRC C5 CD.
        QCOMPARE(render(MessageMode::Hex, "01 03 00 00 00 0a {crc16-modbus}", LineEnding::None),
                 QByteArray::fromHex("01030000000ac5cd"));
        // Typed line breaks are whitespace; an ending comes after the checksum.
        QCOMPARE(render(MessageMode::Hex, "01 03\n00 00 00 0a{crc16-modbus}", LineEnding::CrLf),
                 QByteArray::fromHex("01030000000ac5cd0d0a"));
        // A range and a byte order.
        QCOMPARE(render(MessageMode::Hex, "aa 01 03 00 00 00 0a {crc16-modbus:1..:be}",
                        LineEnding::None),
                 QByteArray::fromHex("aa01030000000acdc5"));
    }

    void textWithLineEndingsSeqAndCrc32() {
        // Typed break -> CRLF before the fields; the CRC-32 covers "a\r\nb=7 " (0x50765ae7,
        // sent little-endian); the closing CRLF comes after it.
        QCOMPARE(render(MessageMode::Text, "a\nb={seq} {crc32}", LineEnding::CrLf,
                        TextEncoding::Utf8, 7),
                 QByteArray("a\r\nb=7 ") + QByteArray::fromHex("e75a7650") + "\r\n");
        QCOMPARE(render(MessageMode::Text, "n={seq}", LineEnding::None, TextEncoding::Utf8, 1),
                 QByteArray("n=1"));
        QCOMPARE(render(MessageMode::Text, "n={seq}", LineEnding::None, TextEncoding::Utf8, 2),
                 QByteArray("n=2"));
        QCOMPARE(
            render(MessageMode::Text, "{seq:u16be}", LineEnding::None, TextEncoding::Utf8, 258),
            QByteArray::fromHex("0102"));
        // Literal braces and a backslash are text in Text mode.
        QCOMPARE(render(MessageMode::Text, "{{x}} \\n", LineEnding::None), QByteArray("{x} \\n"));
    }

    void timeFields() {
        TemplateContext context;
        context.unixTimeNs = 1'700'000'000'123'000'000;
        auto bytes = renderMessage(MessageMode::Text, "t={time:unix} {time:iso}", LineEnding::Lf,
                                   TextEncoding::Utf8, true, context);
        QVERIFY(bytes.has_value());
        QCOMPARE(toQt(*bytes), QByteArray("t=1700000000 2023-11-14T22:13:20.123Z\n"));
        // The context for a send now: a clock close to now and the counter given.
        const TemplateContext now = messageContextNow(5);
        QCOMPARE(now.seq, std::uint64_t(5));
        QVERIFY(now.unixTimeNs > 1'700'000'000'000'000'000);
    }

    void escapesKeepSpelledBytes() {
        // A typed break becomes the ending, a spelled \n stays one byte; the XOR covers both.
        const QByteArray got = render(MessageMode::Escapes, "\\x01\\n\nB{xor8}", LineEnding::CrLf);
        const char x = char(0x01 ^ '\n' ^ '\r' ^ '\n' ^ 'B');
        QCOMPARE(got, QByteArray("\x01\n\r\nB", 5) + x + "\r\n");
        // \x7b is a brace byte, not a field.
        QCOMPARE(render(MessageMode::Escapes, "\\x7bseq}}", LineEnding::None), QByteArray("{seq}"));
    }

    void encodedTextAndFields() {
        // GBK literal text, then the sum over the encoded bytes, then the encoded ending.
        QCOMPARE(render(MessageMode::Text, "\xe4\xb8\xad\xe6\x96\x87={sum8}", LineEnding::Lf,
                        TextEncoding::Gb18030),
                 QByteArray::fromHex("d6d0cec43d750a"));
        // UTF-16: the literal text and the ending are two bytes a character, fields are ASCII.
        QCOMPARE(render(MessageMode::Text, "Hi{seq}", LineEnding::Lf, TextEncoding::Utf16Le, 3),
                 QByteArray::fromHex("48006900330a00"));
        // A brace written as "{{" is a character of the text too.
        QCOMPARE(render(MessageMode::Text, "{{", LineEnding::None, TextEncoding::Utf16Be),
                 QByteArray::fromHex("007b"));
    }

    void errorsNamePositionsAsTyped_data() {
        QTest::addColumn<MessageMode>("mode");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("detail");
        const auto row = [](const char* name, MessageMode mode, const char* content, int position,
                            const char* detail, TextEncoding encoding = TextEncoding::Utf8) {
            QTest::newRow(name) << mode << QByteArray(content) << encoding << position
                                << QString::fromUtf8(detail);
        };
        row("unknown field", MessageMode::Text, "n={foo}", 2, "unknown field {foo}");
        row("bad option after a break", MessageMode::Text, "a\n{seq:bogus}", 7,
            "bad format 'bogus'");
        row("stray brace", MessageMode::Text, "a}b", 1, "stray '}'");
        row("unclosed brace", MessageMode::Text, "ab{seq", 2, "unclosed '{'");
        row("capture", MessageMode::Text, "x{1}", 1, "{1} needs a received message");
        row("len in hex", MessageMode::Hex, "01 {len}", 3, "{len} needs a received message");
        row("hex unknown field", MessageMode::Hex, "01 {nope}", 3, "unknown field {nope}");
        row("bad escape after a field", MessageMode::Escapes, "ab{seq}\\xZ", 7, "");
        row("unencodable after a field", MessageMode::Text, "{seq}\xc3\xa9", 5,
            "U+00E9 has no Big5 form", TextEncoding::Big5);
    }
    void errorsNamePositionsAsTyped() {
        QFETCH(MessageMode, mode);
        QFETCH(QByteArray, content);
        QFETCH(TextEncoding, encoding);
        QFETCH(int, position);
        QFETCH(QString, detail);
        const std::string text = content.toStdString();
        const QString error = errorOf(mode, text, encoding);
        QVERIFY2(error.contains(QStringLiteral("position %1: %2").arg(position).arg(detail)),
                 qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("parse template")), qPrintable(error));
        QCOMPARE(firstMessageFieldError(mode, text, encoding),
                 std::optional<std::size_t>(position));
        // Without fields, braces are text (Text mode): only the encoding error stays.
        if (mode == MessageMode::Text && encoding == TextEncoding::Utf8) {
            QVERIFY(renderMessage(mode, text, LineEnding::None, encoding, false, {}).has_value());
        }
    }

    void validContentHasNoError() {
        QCOMPARE(firstMessageFieldError(MessageMode::Text, "n={seq} {crc32:2..}"), std::nullopt);
        QCOMPARE(firstMessageFieldError(MessageMode::Hex, "01 02 {lrc}"), std::nullopt);
        QCOMPARE(firstMessageFieldError(MessageMode::Escapes, "\\r{time:iso}\\n"), std::nullopt);
    }

    // Without fields, renderMessage is encodeMessage byte for byte (errors too); with fields,
    // content without braces gives the same bytes as well.
    void withoutFieldsEqualsEncodeMessage_data() {
        QTest::addColumn<MessageMode>("mode");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<TextEncoding>("encoding");
        const struct {
            MessageMode mode;
            const char* content;
            TextEncoding encoding;
        } rows[] = {
            {MessageMode::Text, "GET /\nHost: x\r\n", TextEncoding::Utf8},
            {MessageMode::Text, "a\\n\rb\xe4\xb8\xad", TextEncoding::Gb18030},
            {MessageMode::Text, "Hi\nthere", TextEncoding::Utf16Le},
            {MessageMode::Text, "\xe4\xb8\xad\xe6\x96\x87", TextEncoding::ShiftJis},
            {MessageMode::Escapes, "\\x00\\r\\n\nx\\t\\u00e9\r\n", TextEncoding::Utf8},
            {MessageMode::Hex, "de ad\nbe ef", TextEncoding::Utf8},
            {MessageMode::Hex, "0xDE,0xAD", TextEncoding::Big5},
            {MessageMode::Escapes, "bad \\q", TextEncoding::Utf8},
            {MessageMode::Hex, "abc", TextEncoding::Utf8},
        };
        int index = 0;
        for (const auto& r : rows) {
            QTest::addRow("row %d", index++) << r.mode << QByteArray(r.content) << r.encoding;
        }
    }
    void withoutFieldsEqualsEncodeMessage() {
        QFETCH(MessageMode, mode);
        QFETCH(QByteArray, content);
        QFETCH(TextEncoding, encoding);
        const std::string text = content.toStdString();
        for (LineEnding e : {LineEnding::None, LineEnding::Lf, LineEnding::Cr, LineEnding::CrLf}) {
            const auto plain = encodeMessage(mode, text, e, encoding);
            const auto rendered = renderMessage(mode, text, e, encoding, false, contextWithSeq(9));
            QCOMPARE(rendered.has_value(), plain.has_value());
            if (plain) {
                QCOMPARE(toQt(*rendered), toQt(*plain));
                const auto fields = renderMessage(mode, text, e, encoding, true, {});
                QVERIFY2(fields.has_value(), fields ? "" : fields.error().message().c_str());
                QCOMPARE(toQt(*fields), toQt(*plain));
            } else {
                QCOMPARE(rendered.error().message(), plain.error().message());
                QVERIFY(!renderMessage(mode, text, e, encoding, true, {}).has_value());
            }
        }
    }

    void workspaceKeepsTheFlag() {
        Workspace ws;
        WorkspaceTab tab;
        tab.spec = {familyByName("AF_INET")->value, typeByName("SOCK_DGRAM")->value, 0};
        tab.role = Role::Bind;
        tab.local = "127.0.0.1:0";
        tab.messages.push_back({"modbus", MessageMode::Hex, "01 03 00 00 00 0a {crc16-modbus}",
                                LineEnding::None, true});
        tab.messages.push_back({"plain", MessageMode::Text, "{not a field}", LineEnding::Lf});
        ws.tabs.push_back(tab);
        const std::string text = serializeWorkspace(ws);
        QVERIFY2(text.find("\"fields\": true") != std::string::npos, text.c_str());
        // Written only when set: one occurrence.
        QCOMPARE(text.find("\"fields\""), text.rfind("\"fields\""));
        auto back = parseWorkspace(text, "<memory>");
        QVERIFY2(back.has_value(), back ? "" : back.error().message().c_str());
        QVERIFY(back->tabs.at(0).messages == tab.messages);

        // savedMessageBytes renders with the context given; without fields braces are text.
        const auto modbus = savedMessageBytes(back->tabs.at(0).messages.at(0), TextEncoding::Utf8,
                                              contextWithSeq(1));
        QVERIFY(modbus.has_value());
        QCOMPARE(toQt(*modbus), QByteArray::fromHex("01030000000ac5cd"));
        const auto plain = savedMessageBytes(back->tabs.at(0).messages.at(1));
        QVERIFY(plain.has_value());
        QCOMPARE(toQt(*plain), QByteArray("{not a field}\n"));
    }

    void workspaceFieldsMustBeBoolean() {
        const std::string doc =
            kDoc + "{\"name\": \"m\", \"mode\": \"text\", \"content\": \"x\", \"fields\": 1}]}]}";
        auto ws = parseWorkspace(doc, "/tmp/w.json");
        QVERIFY(!ws.has_value());
        QCOMPARE(QString::fromStdString(ws.error().message()),
                 QStringLiteral("load workspace /tmp/w.json: /tabs/0/messages/0/fields: expected "
                                "boolean, got number"));
        const std::string good = kDoc +
                                 "{\"name\": \"m\", \"mode\": \"text\", \"content\": \"{seq}\", "
                                 "\"fields\": true}]}]}";
        auto ok = parseWorkspace(good, "/tmp/w.json");
        QVERIFY2(ok.has_value(), ok ? "" : ok.error().message().c_str());
        QVERIFY(ok->tabs.at(0).messages.at(0).fields);
    }
};

QTEST_APPLESS_MAIN(TestMessageFields)
#include "test_message_fields.moc"
