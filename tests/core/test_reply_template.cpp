#include "core/respond/reply_template.h"
#include "core/support/bytes.h"

#include <QTest>
#include <limits>

// moc reads the file too: a raw string with an unbalanced '{' hides the test class from it,
// so those messages are ordinary string literals.

using namespace socklab;
using namespace socklab::test;

Q_DECLARE_METATYPE(socklab::TemplateSyntax)

namespace {

constexpr TemplateSyntax kText = TemplateSyntax::Text;
constexpr TemplateSyntax kHex = TemplateSyntax::Hex;

// 2023-11-14T22:13:20.123456789Z.
constexpr std::int64_t kTimeNs = 1700000000123456789;

// A received "SET x=42\r\n" matched by a rule with three groups: "x", "42" and one that took
// no part in the match.
struct Received {
    QByteArray message = "SET x=42\r\n";
    TemplateContext context;

    Received() {
        const ByteView bytes = view(message);
        context.message = bytes;
        context.captures = {bytes.subspan(4, 1), bytes.subspan(6, 2), ByteView{}};
        context.seq = 0x01020304;
        context.unixTimeNs = kTimeNs;
        context.utcOffsetSeconds = 3600;
    }
};

// The template parsed (failing the test if it does not parse), rendered for context.
QByteArray rendered(const QByteArray& text, TemplateSyntax syntax, const TemplateContext& context) {
    const auto parsed = ReplyTemplate::parse(text.toStdString(), syntax);
    if (!parsed) {
        qWarning("%s", parsed.error().message().c_str());
        return "<parse error>";
    }
    return toQt(parsed->render(context));
}

} // namespace

class TestReplyTemplate : public QObject {
    Q_OBJECT

private slots:
    // Every kind of field in both syntaxes, for the context of Received.
    void render_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<TemplateSyntax>("syntax");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << kText << QByteArray();
        QTest::newRow("plain") << QByteArray(R"(PONG\r\n)") << kText << QByteArray("PONG\r\n");
        QTest::newRow("whole message")
            << QByteArray("echo: {0}") << kText << QByteArray("echo: SET x=42\r\n");
        QTest::newRow("captures") << QByteArray("{1}={2};") << kText << QByteArray("x=42;");
        QTest::newRow("capture twice") << QByteArray("{2}{2}") << kText << QByteArray("4242");
        QTest::newRow("capture leading zero") << QByteArray("{01}") << kText << QByteArray("x");
        QTest::newRow("capture not in the match")
            << QByteArray("[{3}]") << kText << QByteArray("[]");
        QTest::newRow("capture beyond the groups")
            << QByteArray("[{4}{99}]") << kText << QByteArray("[]");
        QTest::newRow("len") << QByteArray("{len}") << kText << QByteArray("10");
        QTest::newRow("seq") << QByteArray("#{seq}") << kText << QByteArray("#16909060");
        QTest::newRow("len u8") << QByteArray("{len:u8}") << kText << QByteArray("\x0a");
        QTest::newRow("len u32be")
            << QByteArray("{len:u32be}") << kText << QByteArray::fromHex("0000000a");
        QTest::newRow("seq u8") << QByteArray("{seq:u8}") << kText << QByteArray("\x04");
        QTest::newRow("seq u16be")
            << QByteArray("{seq:u16be}") << kText << QByteArray::fromHex("0304");
        QTest::newRow("seq u16le")
            << QByteArray("{seq:u16le}") << kText << QByteArray::fromHex("0403");
        QTest::newRow("seq u32be")
            << QByteArray("{seq:u32be}") << kText << QByteArray::fromHex("01020304");
        QTest::newRow("seq u32le")
            << QByteArray("{seq:u32le}") << kText << QByteArray::fromHex("04030201");
        QTest::newRow("time") << QByteArray("[{time}]") << kText << QByteArray("[23:13:20.123]");
        QTest::newRow("time iso") << QByteArray("{time:iso}") << kText
                                  << QByteArray("2023-11-14T22:13:20.123Z");
        QTest::newRow("time unix")
            << QByteArray("{time:unix}") << kText << QByteArray("1700000000");
        QTest::newRow("time unix_ms")
            << QByteArray("{time:unix_ms}") << kText << QByteArray("1700000000123");
        QTest::newRow("checksum") << QByteArray("{1}{sum8}") << kText << QByteArray("xx");
        QTest::newRow("doubled braces") << QByteArray("{{{len}}}") << kText << QByteArray("{10}");
        QTest::newRow("doubled braces only") << QByteArray("{{}}") << kText << QByteArray("{}");
        QTest::newRow("escapes around fields")
            << QByteArray(R"(\x01{1}\x02\r\n)") << kText << QByteArray("\x01x\x02\r\n");
        QTest::newRow("escaped braces are not fields")
            << QByteArray(R"(\x7b1\x7d)") << kText << QByteArray("{1}");
        QTest::newRow("hex literal")
            << QByteArray("01 02 ff") << kHex << QByteArray::fromHex("0102ff");
        QTest::newRow("hex whole message")
            << QByteArray("02 {0} 03") << kHex << QByteArray("\x02SET x=42\r\n\x03");
        QTest::newRow("hex captures")
            << QByteArray("02{1}  {2}03") << kHex << QByteArray("\x02x42\x03");
        QTest::newRow("hex missing capture")
            << QByteArray("aa{3}{7}bb") << kHex << QByteArray::fromHex("aabb");
        QTest::newRow("hex prefixes and separators")
            << QByteArray("0x01,0x02 {len:u8} de:ad") << kHex << QByteArray::fromHex("01020adead");
        QTest::newRow("hex len decimal") << QByteArray("{len}") << kHex << QByteArray("10");
        QTest::newRow("hex seq") << QByteArray("aa {seq:u16le} bb") << kHex
                                 << QByteArray::fromHex("aa0403bb");
        QTest::newRow("hex time") << QByteArray("{time:unix} 0d 0a") << kHex
                                  << QByteArray("1700000000\r\n");
        QTest::newRow("hex local time")
            << QByteArray("{time}") << kHex << QByteArray("23:13:20.123");
        QTest::newRow("hex checksum")
            << QByteArray("01 02 03 {xor8}") << kHex << QByteArray::fromHex("01020300");
        QTest::newRow("hex doubled braces") << QByteArray("{{ 41 }}") << kHex << QByteArray("{A}");
        QTest::newRow("hex whitespace only") << QByteArray(" \t\n ") << kHex << QByteArray();
    }
    void render() {
        QFETCH(QByteArray, text);
        QFETCH(TemplateSyntax, syntax);
        QFETCH(QByteArray, expected);
        const Received received;
        QCOMPARE(rendered(text, syntax, received.context), expected);
        QCOMPARE(firstTemplateError(text.toStdString(), syntax), std::nullopt);
    }

    // Binary formats keep the value modulo their range; decimal shows all of it.
    void numbers_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<quint64>("seq");
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("expected");
        const quint64 max = std::numeric_limits<quint64>::max();
        QTest::newRow("u8 zero") << QByteArray("{seq:u8}") << quint64(0) << 0
                                 << QByteArray::fromHex("00");
        QTest::newRow("u8 255") << QByteArray("{seq:u8}") << quint64(255) << 0
                                << QByteArray::fromHex("ff");
        QTest::newRow("u8 256 wraps")
            << QByteArray("{seq:u8}") << quint64(256) << 0 << QByteArray::fromHex("00");
        QTest::newRow("u16be 65535")
            << QByteArray("{seq:u16be}") << quint64(65535) << 0 << QByteArray::fromHex("ffff");
        QTest::newRow("u16be 65536 wraps")
            << QByteArray("{seq:u16be}") << quint64(65536) << 0 << QByteArray::fromHex("0000");
        QTest::newRow("u16le wraps")
            << QByteArray("{seq:u16le}") << quint64(0x12345678) << 0 << QByteArray::fromHex("7856");
        QTest::newRow("u32be wraps") << QByteArray("{seq:u32be}") << quint64(0x100000001) << 0
                                     << QByteArray::fromHex("00000001");
        QTest::newRow("u32le max")
            << QByteArray("{seq:u32le}") << max << 0 << QByteArray::fromHex("ffffffff");
        QTest::newRow("decimal max")
            << QByteArray("{seq}") << max << 0 << QByteArray("18446744073709551615");
        QTest::newRow("decimal zero") << QByteArray("{seq}") << quint64(0) << 0 << QByteArray("0");
        QTest::newRow("len 0") << QByteArray("{len}{len:u8}") << quint64(0) << 0
                               << QByteArray("0\x00", 2);
        QTest::newRow("len 300 u8 wraps")
            << QByteArray("{len:u8}") << quint64(0) << 300 << QByteArray::fromHex("2c");
        QTest::newRow("len 300 u16be")
            << QByteArray("{len:u16be}") << quint64(0) << 300 << QByteArray::fromHex("012c");
        QTest::newRow("len 300 u16le")
            << QByteArray("{len:u16le}") << quint64(0) << 300 << QByteArray::fromHex("2c01");
        QTest::newRow("len 70000 u32le")
            << QByteArray("{len:u32le}") << quint64(0) << 70000 << QByteArray::fromHex("70110100");
    }
    void numbers() {
        QFETCH(QByteArray, text);
        QFETCH(quint64, seq);
        QFETCH(int, length);
        QFETCH(QByteArray, expected);
        const QByteArray message(length, 'm');
        TemplateContext context;
        context.message = view(message);
        context.seq = seq;
        QCOMPARE(rendered(text, kText, context), expected);
    }

    // {time} uses the caller's offset; the other styles are UTC. Times are floored, never rounded.
    void time_data() {
        QTest::addColumn<qint64>("unixTimeNs");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        const qint64 max = std::numeric_limits<qint64>::max();
        const qint64 min = std::numeric_limits<qint64>::min();
        const int maxOffset = std::numeric_limits<std::int32_t>::max();
        const int minOffset = std::numeric_limits<std::int32_t>::min();
        QTest::newRow("utc") << qint64(kTimeNs) << 0 << QByteArray("{time}")
                             << QByteArray("22:13:20.123");
        QTest::newRow("+01:00") << qint64(kTimeNs) << 3600 << QByteArray("{time}")
                                << QByteArray("23:13:20.123");
        QTest::newRow("-05:00") << qint64(kTimeNs) << -5 * 3600 << QByteArray("{time}")
                                << QByteArray("17:13:20.123");
        QTest::newRow("+05:30 next day")
            << qint64(kTimeNs) << 19800 << QByteArray("{time}") << QByteArray("03:43:20.123");
        QTest::newRow("+02:00 midnight")
            << qint64(kTimeNs) << 7200 << QByteArray("{time}") << QByteArray("00:13:20.123");
        QTest::newRow("-23:00 previous day")
            << qint64(kTimeNs) << -23 * 3600 << QByteArray("{time}") << QByteArray("23:13:20.123");
        QTest::newRow("iso ignores offset") << qint64(kTimeNs) << 3600 << QByteArray("{time:iso}")
                                            << QByteArray("2023-11-14T22:13:20.123Z");
        QTest::newRow("unix ignores offset")
            << qint64(kTimeNs) << 3600 << QByteArray("{time:unix}/{time:unix_ms}")
            << QByteArray("1700000000/1700000000123");
        QTest::newRow("epoch") << qint64(0) << 0 << QByteArray("{time} {time:iso} {time:unix_ms}")
                               << QByteArray("00:00:00.000 1970-01-01T00:00:00.000Z 0");
        QTest::newRow("leap day") << qint64(1709210096789000000) << 0 << QByteArray("{time:iso}")
                                  << QByteArray("2024-02-29T12:34:56.789Z");
        QTest::newRow("millis floored")
            << qint64(999999999) << 0 << QByteArray("{time} {time:unix_ms}")
            << QByteArray("00:00:00.999 999");
        QTest::newRow("before the epoch")
            << qint64(-1) << 0 << QByteArray("{time:iso} {time:unix} {time:unix_ms} {time}")
            << QByteArray("1969-12-31T23:59:59.999Z -1 -1 23:59:59.999");
        QTest::newRow("latest") << max << maxOffset << QByteArray("{time:iso} {time}")
                                << QByteArray("2262-04-11T23:47:16.854Z 03:01:23.854");
        QTest::newRow("earliest") << min << minOffset
                                  << QByteArray("{time:iso} {time} {time:unix} {time:unix_ms}")
                                  << QByteArray("1677-09-21T00:12:43.145Z 20:58:35.145 "
                                                "-9223372037 -9223372036855");
    }
    void time() {
        QFETCH(qint64, unixTimeNs);
        QFETCH(int, offset);
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        TemplateContext context;
        context.unixTimeNs = unixTimeNs;
        context.utcOffsetSeconds = offset;
        QCOMPARE(rendered(text, kText, context), expected);
    }

    // Checksums over the output before them, a range of it, in either byte order.
    void checksums_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<TemplateSyntax>("syntax");
        QTest::addColumn<QByteArray>("expected"); // in hex
        QTest::newRow("modbus request") << QByteArray("01 03 00 00 00 0A {crc16-modbus}") << kHex
                                        << QByteArray("01030000000a c5cd");
        QTest::newRow("modbus spec example") << QByteArray("11 03 00 6B 00 03 {crc16-modbus}")
                                             << kHex << QByteArray("1103006b0003 7687");
        QTest::newRow("modbus be") << QByteArray("01 03 00 00 00 0A {crc16-modbus:be}") << kHex
                                   << QByteArray("01030000000a cdc5");
        QTest::newRow("modbus ascii lrc")
            << QByteArray("01 03 00 00 00 01 {lrc}") << kHex << QByteArray("010300000001 fb");
        QTest::newRow("ccitt big by default") << QByteArray("123456789{crc16-ccitt}") << kText
                                              << QByteArray("313233343536373839 29b1");
        QTest::newRow("ccitt le") << QByteArray("123456789{crc16-ccitt:le}") << kText
                                  << QByteArray("313233343536373839 b129");
        QTest::newRow("crc32 little by default")
            << QByteArray("123456789{crc32}") << kText << QByteArray("313233343536373839 2639f4cb");
        QTest::newRow("crc32 be") << QByteArray("123456789{crc32:be}") << kText
                                  << QByteArray("313233343536373839 cbf43926");
        QTest::newRow("sum8") << QByteArray("123456789{sum8}") << kText
                              << QByteArray("313233343536373839 dd");
        QTest::newRow("xor8") << QByteArray("123456789{xor8}") << kText
                              << QByteArray("313233343536373839 31");
        QTest::newRow("lrc") << QByteArray("123456789{lrc}") << kText
                             << QByteArray("313233343536373839 23");
        QTest::newRow("from") << QByteArray("ab123456789{crc32:2..}") << kText
                              << QByteArray("6162 313233343536373839 2639f4cb");
        QTest::newRow("from to") << QByteArray("123456789xyz{crc32:0..9}") << kText
                                 << QByteArray("313233343536373839 78797a 2639f4cb");
        QTest::newRow("from to le") << QByteArray("xx123456789yy{crc16-ccitt:2..11:le}") << kText
                                    << QByteArray("7878 313233343536373839 7979 b129");
        QTest::newRow("order before range") << QByteArray("xx123456789{crc16-ccitt:le:2..}")
                                            << kText << QByteArray("7878 313233343536373839 b129");
        QTest::newRow("end beyond the output") << QByteArray("123456789{crc32:0..100}") << kText
                                               << QByteArray("313233343536373839 2639f4cb");
        QTest::newRow("start beyond the output")
            << QByteArray("abc{crc16-modbus:10..}") << kText << QByteArray("616263 ffff");
        QTest::newRow("empty range")
            << QByteArray("abc{sum8:1..1}") << kText << QByteArray("616263 00");
        QTest::newRow("over an earlier checksum") << QByteArray("123456789{sum8}{sum8}") << kText
                                                  << QByteArray("313233343536373839 dd ba");
        QTest::newRow("over rendered fields")
            << QByteArray("{1}{2}{xor8}") << kHex << QByteArray("78 3432 7e");
        QTest::newRow("name in capitals")
            << QByteArray("123456789{CRC32}") << kText << QByteArray("313233343536373839 2639f4cb");
        QTest::newRow("name with underscore") << QByteArray("123456789{crc16_modbus}") << kText
                                              << QByteArray("313233343536373839 374b");
        QTest::newRow("first of all") << QByteArray("{crc32}") << kText << QByteArray("00000000");
    }
    void checksums() {
        QFETCH(QByteArray, text);
        QFETCH(TemplateSyntax, syntax);
        QFETCH(QByteArray, expected);
        const Received received;
        QCOMPARE(rendered(text, syntax, received.context).toHex(),
                 QByteArray::fromHex(expected).toHex());
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<TemplateSyntax>("syntax");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown field")
            << QByteArray("abc {foo}") << kText << 4
            << R"(parse template "abc {foo}": position 4: unknown field {foo})";
        QTest::newRow("empty field") << QByteArray("{}") << kText << 0
                                     << R"(parse template "{}": position 0: unknown field {})";
        QTest::newRow("field with spaces")
            << QByteArray("{ len }") << kText << 0
            << R"(parse template "{ len }": position 0: unknown field { len })";
        QTest::newRow("field with a control character")
            << QByteArray("{a\x01}") << kText << 0
            << R"(parse template "{a\x01}": position 0: unknown field "{a\x01}")";
        QTest::newRow("unclosed") << QByteArray("ab{len") << kText << 2
                                  << "parse template \"ab{len\": position 2: unclosed '{'";
        QTest::newRow("stray") << QByteArray("a}b") << kText << 1
                               << "parse template \"a}b\": position 1: stray '}' (write }} for a "
                                  "brace)";
        QTest::newRow("stray after field")
            << QByteArray("{len}}") << kText << 5
            << "parse template \"{len}}\": position 5: stray '}' (write }} for a brace)";
        QTest::newRow("capture above 99")
            << QByteArray("x{100}") << kText << 1
            << R"(parse template "x{100}": position 1: capture index above 99 in {100})";
        QTest::newRow("huge capture") << QByteArray("{99999999999999999999999}") << kText << 0
                                      << "parse template \"{99999999999999999999999}\": "
                                         "position 0: capture index above 99 in "
                                         "{99999999999999999999999}";
        QTest::newRow("capture with option")
            << QByteArray("{1:u8}") << kText << 3
            << R"(parse template "{1:u8}": position 3: unknown option 'u8' in {1:u8})";
        QTest::newRow("bad format") << QByteArray("{seq:u24}") << kText << 5
                                    << "parse template \"{seq:u24}\": position 5: bad format "
                                       "'u24' in {seq:u24} (u8, u16be, u16le, u32be or u32le)";
        QTest::newRow("empty format")
            << QByteArray("ab{len:}") << kText << 7
            << "parse template \"ab{len:}\": position 7: bad format '' in {len:} (u8, u16be, "
               "u16le, u32be or u32le)";
        QTest::newRow("bad time style") << QByteArray("{time:utc}") << kText << 6
                                        << "parse template \"{time:utc}\": position 6: bad format "
                                           "'utc' in {time:utc} (iso, unix or unix_ms)";
        QTest::newRow("two formats")
            << QByteArray("{len:u8:u8}") << kText << 8
            << R"(parse template "{len:u8:u8}": position 8: unknown option 'u8' in {len:u8:u8})";
        QTest::newRow("reversed range")
            << QByteArray("{crc32:5..2}") << kText << 7
            << "parse template \"{crc32:5..2}\": position 7: bad checksum range '5..2' in "
               "{crc32:5..2} (from.. or from..to, from <= to)";
        QTest::newRow("range without start")
            << QByteArray("{crc32:..2}") << kText << 7
            << "parse template \"{crc32:..2}\": position 7: bad checksum range '..2' in "
               "{crc32:..2} (from.. or from..to, from <= to)";
        QTest::newRow("range with letters")
            << QByteArray("{sum8:a..}") << kText << 6
            << "parse template \"{sum8:a..}\": position 6: bad checksum range 'a..' in "
               "{sum8:a..} (from.. or from..to, from <= to)";
        QTest::newRow("range of three")
            << QByteArray("{sum8:1..2..3}") << kText << 6
            << "parse template \"{sum8:1..2..3}\": position 6: bad checksum range '1..2..3' in "
               "{sum8:1..2..3} (from.. or from..to, from <= to)";
        QTest::newRow("second range")
            << QByteArray("{crc32:1..:2..}") << kText << 11
            << R"(parse template "{crc32:1..:2..}": position 11: second range '2..' in {crc32:1..:2..})";
        QTest::newRow("unknown option")
            << QByteArray("{crc32:xx}") << kText << 7
            << R"(parse template "{crc32:xx}": position 7: unknown option 'xx' in {crc32:xx})";
        QTest::newRow("order in capitals")
            << QByteArray("{crc32:BE}") << kText << 7
            << R"(parse template "{crc32:BE}": position 7: unknown option 'BE' in {crc32:BE})";
        QTest::newRow("second order")
            << QByteArray("{crc32:le:be}") << kText << 10
            << "parse template \"{crc32:le:be}\": position 10: second byte order 'be' in "
               "{crc32:le:be}";
        QTest::newRow("escape after a field")
            << QByteArray(R"(ab{len}\q)") << kText << 7
            << R"(parse template "ab{len}\q": position 7: unknown escape '\q')";
        QTest::newRow("escape at the start")
            << QByteArray(R"(\x{1})") << kText << 0
            << R"(parse template "\x{1}": position 0: \x without hex digits)";
        QTest::newRow("backslash before a brace")
            << QByteArray(R"(ab\{len})") << kText << 2
            << R"(parse template "ab\{len}": position 2: dangling backslash)";
        QTest::newRow("escape after doubled braces")
            << QByteArray(R"({{}}\u12)") << kText << 4
            << R"(parse template "{{}}\u12": position 4: \u needs 4 hex digits)";
        QTest::newRow("hex bad digit") << QByteArray("01 {len} 0g") << kHex << 10
                                       << "parse template \"01 {len} 0g\": position 10: bad hex "
                                          "digit 'g'";
        QTest::newRow("hex odd digits before a field")
            << QByteArray("01 0{1}") << kHex << 3
            << "parse template \"01 0{1}\": position 3: odd number of hex digits, unpaired '0'";
        QTest::newRow("hex digits split by a field")
            << QByteArray("0{1}1") << kHex << 0
            << "parse template \"0{1}1\": position 0: odd number of hex digits, unpaired '0'";
        QTest::newRow("hex after doubled braces")
            << QByteArray("{{ zz") << kHex << 3
            << "parse template \"{{ zz\": position 3: bad hex digit 'z'";
        QTest::newRow("hex field error") << QByteArray("01 {crc33}") << kHex << 3
                                         << "parse template \"01 {crc33}\": position 3: unknown "
                                            "field {crc33}";
        QTest::newRow("first error wins")
            << QByteArray("{foo}{bar") << kText << 0
            << "parse template \"{foo}{bar\": position 0: unknown field {foo}";
        QTest::newRow("object quoted")
            << QByteArray("a\n{x}") << kText << 2
            << R"(parse template "a\n{x}": position 2: unknown field {x})";
    }
    void errors() {
        QFETCH(QByteArray, text);
        QFETCH(TemplateSyntax, syntax);
        QFETCH(int, position);
        QFETCH(QString, message);
        const auto parsed = ReplyTemplate::parse(text.toStdString(), syntax);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().op, std::string("parse template"));
        QCOMPARE(QString::fromStdString(parsed.error().message()), message);
        QCOMPARE(firstTemplateError(text.toStdString(), syntax),
                 std::optional<std::size_t>(position));
    }

    // firstTemplateError and parse agree on every prefix of a few templates (what a user
    // passes through while typing).
    void firstErrorAgreesWithParse_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<TemplateSyntax>("syntax");
        QTest::newRow("text") << QByteArray(R"(OK {1}:{seq:u16be} {{x}} \x41{crc16-ccitt:2..9:le})")
                              << kText;
        QTest::newRow("hex") << QByteArray("01 03 {len:u8} 0x00 {{ {crc16-modbus:1..:be} }}")
                             << kHex;
        QTest::newRow("time") << QByteArray(R"({time:unix_ms}\r\n{100}{0})") << kText;
    }
    void firstErrorAgreesWithParse() {
        QFETCH(QByteArray, text);
        QFETCH(TemplateSyntax, syntax);
        for (qsizetype n = 0; n <= text.size(); ++n) {
            const std::string prefix = text.left(n).toStdString();
            const auto parsed = ReplyTemplate::parse(prefix, syntax);
            const auto first = firstTemplateError(prefix, syntax);
            QCOMPARE(parsed.has_value(), !first.has_value());
            if (first) {
                const std::string expected = "position " + std::to_string(*first) + ": ";
                QVERIFY2(parsed.error().detail.starts_with(expected),
                         parsed.error().detail.c_str());
            }
        }
    }

    void highestCaptureAndLiteral_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<TemplateSyntax>("syntax");
        QTest::addColumn<int>("highest");
        QTest::addColumn<bool>("literal");
        QTest::newRow("empty") << QByteArray() << kText << -1 << true;
        QTest::newRow("text") << QByteArray(R"(PONG\r\n)") << kText << -1 << true;
        QTest::newRow("braces") << QByteArray("{{}}") << kText << -1 << true;
        QTest::newRow("hex") << QByteArray("de ad") << kHex << -1 << true;
        QTest::newRow("message") << QByteArray("{0}") << kText << 0 << false;
        QTest::newRow("captures") << QByteArray("{2}{1}") << kText << 2 << false;
        QTest::newRow("capture 99") << QByteArray("aa{99}{3}") << kHex << 99 << false;
        QTest::newRow("len") << QByteArray("{len}") << kText << -1 << false;
        QTest::newRow("seq") << QByteArray("{seq:u8}") << kHex << -1 << false;
        QTest::newRow("time") << QByteArray("{time}") << kText << -1 << false;
        QTest::newRow("checksum") << QByteArray("01{lrc}") << kHex << -1 << false;
    }
    void highestCaptureAndLiteral() {
        QFETCH(QByteArray, text);
        QFETCH(TemplateSyntax, syntax);
        QFETCH(int, highest);
        QFETCH(bool, literal);
        const auto parsed = ReplyTemplate::parse(text.toStdString(), syntax);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->highestCapture(), highest);
        QCOMPARE(parsed->isLiteral(), literal);
    }

    // Literal runs merge (doubled braces included); fields keep their options and position.
    void parts() {
        using Part = ReplyTemplate::Part;
        const auto parsed =
            ReplyTemplate::parse("ab{1}cd{{{crc32:2..5:be}{seq:u16le}{time:iso}", kText);
        QVERIFY(parsed.has_value());
        const std::vector<Part>& parts = parsed->parts();
        QCOMPARE(parts.size(), std::size_t(6));
        QCOMPARE(parts[0].kind, Part::Kind::Literal);
        QCOMPARE(toQt(parts[0].literal), QByteArray("ab"));
        QCOMPARE(parts[0].position, std::size_t(0));
        QCOMPARE(parts[1].kind, Part::Kind::Capture);
        QCOMPARE(parts[1].capture, 1);
        QCOMPARE(parts[1].position, std::size_t(2));
        QCOMPARE(parts[2].kind, Part::Kind::Literal);
        QCOMPARE(toQt(parts[2].literal), QByteArray("cd{"));
        QCOMPARE(parts[2].position, std::size_t(5));
        QCOMPARE(parts[3].kind, Part::Kind::Checksum);
        QCOMPARE(parts[3].checksum, ChecksumKind::Crc32);
        QCOMPARE(parts[3].from, std::size_t(2));
        QCOMPARE(parts[3].to, std::optional<std::size_t>(5));
        QCOMPARE(parts[3].order, std::optional(ByteOrder::Big));
        QCOMPARE(parts[3].position, std::size_t(9));
        QCOMPARE(parts[4].kind, Part::Kind::Seq);
        QCOMPARE(parts[4].format, Part::Format::U16Le);
        QCOMPARE(parts[5].kind, Part::Kind::Time);
        QCOMPARE(parts[5].time, Part::TimeStyle::Iso);

        const auto defaults = ReplyTemplate::parse("{{ 01 }}{crc16-modbus}", kHex);
        QVERIFY(defaults.has_value());
        QCOMPARE(defaults->parts().size(), std::size_t(2));
        QCOMPARE(toQt(defaults->parts()[0].literal), QByteArray("{\x01}"));
        QCOMPARE(defaults->parts()[1].from, std::size_t(0));
        QCOMPARE(defaults->parts()[1].to, std::nullopt);
        QCOMPARE(defaults->parts()[1].order, std::nullopt);
    }

    // Rendering needs nothing from the context: no message, no captures, zero time.
    void renderWithEmptyContext() {
        const auto parsed = ReplyTemplate::parse("[{0}|{1}|{len}|{seq}|{time}]{sum8:5..}", kText);
        QVERIFY(parsed.has_value());
        QCOMPARE(toQt(parsed->render({})), QByteArray("[||0|0|00:00:00.000]\x5b"));
        // The same template renders the same bytes again (no state kept between renders);
        // sum8 covers "0|00:00:00.000]".
        QCOMPARE(toQt(parsed->render({})), QByteArray("[||0|0|00:00:00.000]\x5b"));
    }
};

QTEST_APPLESS_MAIN(TestReplyTemplate)
#include "test_reply_template.moc"
