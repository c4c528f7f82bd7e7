// Text encodings beyond UTF-8, decoded and encoded through the C library's iconv: GBK/GB18030,
// Big5, Shift_JIS (Windows-31J), UTF-16LE/BE. Decoding keeps the TextDecoder contract (units
// per character with byte offsets, one marker per invalid byte, chunk splits held back,
// columns), alignToCharStart finds the unit a byte belongs to, and encodeText (the composer)
// gives back the bytes decoding read. Expected bytes were checked with Python's codecs
// ("中文测试".encode("gbk") and so on; Shift_JIS as "cp932").
#include "core/codec/text_decode.h"
#include "core/codec/text_encode.h"
#include "core/support/bytes.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

using namespace socklab;
using namespace socklab::test;

Q_DECLARE_METATYPE(socklab::TextEncoding)
Q_DECLARE_METATYPE(socklab::InvalidByteStyle)

namespace {

constexpr auto kGb = TextEncoding::Gb18030;
constexpr auto kBig5 = TextEncoding::Big5;
constexpr auto kSjis = TextEncoding::ShiftJis;
constexpr auto kLe = TextEncoding::Utf16Le;
constexpr auto kBe = TextEncoding::Utf16Be;

QByteArray hex(const char* digits) {
    return QByteArray::fromHex(digits);
}

QString u8(const char* utf8) {
    return QString::fromUtf8(utf8);
}

// QString::fromUtf8 would drop a leading U+FEFF; the tests want to see it.
QString textOf(const DecodedText& d) {
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
    return utf8(QByteArrayView(d.text.data(), static_cast<qsizetype>(d.text.size())));
}

QList<int> unitOffsets(const DecodedText& d) {
    QList<int> out;
    for (const auto& u : d.units) {
        out.append(static_cast<int>(u.byteOffset));
    }
    return out;
}

QList<bool> unitInvalid(const DecodedText& d) {
    QList<bool> out;
    for (const auto& u : d.units) {
        out.append(u.invalid);
    }
    return out;
}

TextDecodeOptions optionsFor(TextEncoding encoding,
                             InvalidByteStyle invalid = InvalidByteStyle::HexEscape,
                             ControlStyle controls = ControlStyle::Keep) {
    return TextDecodeOptions{encoding, invalid, controls};
}

std::size_t unitStart(const DecodedUnit& u, TextUnit unit) {
    switch (unit) {
    case TextUnit::Utf8:
        return u.textOffset;
    case TextUnit::Utf16:
        return u.utf16Offset;
    case TextUnit::CodePoint:
        return u.codePointOffset;
    case TextUnit::Column:
        return u.columnOffset;
    }
    return 0;
}

// Units tile the bytes without gaps and the position maps agree with them in every text unit
// (no zero-width units in these inputs, so every unit owns its cells).
void checkPositionMaps(const DecodedText& d) {
    std::uint64_t next = d.byteBegin;
    for (const auto& u : d.units) {
        QCOMPARE(u.byteOffset, next);
        QVERIFY(u.byteCount >= 1 && u.byteCount <= 4);
        next += u.byteCount;
    }
    QCOMPARE(next, d.byteEnd);
    for (TextUnit unit : {TextUnit::Utf8, TextUnit::Utf16, TextUnit::CodePoint, TextUnit::Column}) {
        for (std::size_t k = 0; k < d.units.size(); ++k) {
            const DecodedUnit& u = d.units[k];
            const std::size_t start = unitStart(u, unit);
            const std::size_t end =
                k + 1 < d.units.size() ? unitStart(d.units[k + 1], unit) : d.length(unit);
            for (std::size_t i = start; i < end; ++i) {
                QCOMPARE(d.byteOffsetAt(i, unit), u.byteOffset);
            }
            for (std::uint64_t b = u.byteOffset; b < u.byteOffset + u.byteCount; ++b) {
                QCOMPARE(d.textIndexAt(b, unit), start);
                QCOMPARE(d.unitIndexAt(b), k);
            }
        }
        QCOMPARE(d.byteOffsetAt(d.length(unit), unit), d.byteEnd);
        QCOMPARE(d.textIndexAt(d.byteEnd, unit), d.length(unit));
    }
}

// A random character every encoding under test has: ASCII, Latin-1 letters, CJK ideographs,
// hiragana, fullwidth forms; plus, for the Unicode encodings, anything else.
char32_t randomCodePoint(QRandomGenerator& rng, bool anyScalar) {
    if (anyScalar) {
        for (;;) {
            const auto cp = static_cast<char32_t>(rng.bounded(0x110000));
            if (cp < 0xd800 || cp > 0xdfff) {
                return cp;
            }
        }
    }
    switch (rng.bounded(4)) {
    case 0:
        return static_cast<char32_t>(0x20 + rng.bounded(0x5f));
    case 1:
        return static_cast<char32_t>(0x4e00 + rng.bounded(0x5200));
    case 2:
        return static_cast<char32_t>(0x3041 + rng.bounded(0x56));
    default:
        return static_cast<char32_t>(0xff01 + rng.bounded(0x5e));
    }
}

} // namespace

class TestTextEncodings : public QObject {
    Q_OBJECT

private slots:
    void samples_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("offsets");
        QTest::addColumn<int>("columns");
        QTest::newRow("gbk") << kGb << hex("d6d0cec4b2e2cad4") << u8("中文测试")
                             << QList<int>{0, 2, 4, 6} << 8;
        QTest::newRow("gbk with ascii")
            << kGb << hex("61d6d0620a") << u8("a中b\n") << QList<int>{0, 1, 3, 4} << 5;
        QTest::newRow("gb18030 2 and 4 bytes")
            << kGb << hex("a8a6a2e39439fc3695328236") << u8("é€😀𠀀") << QList<int>{0, 2, 4, 8} << 6;
        QTest::newRow("gb18030 4-byte bmp")
            << kGb << hex("81308436e3329a35") << QString::fromUcs4(U"\u00a5\U0010ffff")
            << QList<int>{0, 4} << 2;
        QTest::newRow("big5") << kBig5 << hex("a4a4a4e5") << u8("中文") << QList<int>{0, 2} << 4;
        QTest::newRow("big5 with ascii")
            << kBig5 << hex("426967353a20a4a4a4e521b4fab8d5") << u8("Big5: 中文!測試")
            << QList<int>{0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 13} << 15;
        QTest::newRow("shift_jis")
            << kSjis << hex("82a082a282a4") << u8("あいう") << QList<int>{0, 2, 4} << 6;
        QTest::newRow("shift_jis kanji and katakana")
            << kSjis << hex("93fa967b8cea8365834c83588367") << u8("日本語テキスト")
            << QList<int>{0, 2, 4, 6, 8, 10, 12} << 14;
        // Half-width katakana is one byte and one cell; backslash and tilde stay ASCII.
        QTest::newRow("shift_jis single bytes")
            << kSjis << hex("b15c7e8740") << u8("ｱ\\~①") << QList<int>{0, 1, 2, 3} << 4;
        QTest::newRow("utf-16le") << kLe << hex("41003dd800de2d4e") << u8("A😀中")
                                  << QList<int>{0, 2, 6} << 5;
        QTest::newRow("utf-16be") << kBe << hex("0041d83dde004e2d") << u8("A😀中")
                                  << QList<int>{0, 2, 6} << 5;
        // No byte order mark is taken away: U+FEFF is a character (alone, it keeps one cell).
        QTest::newRow("utf-16le bom")
            << kLe << hex("fffe4100") << QChar(0xfeff) + QString("A") << QList<int>{0, 2} << 2;
        QTest::newRow("latin-1") << TextEncoding::Latin1 << hex("636166e9") << u8("café")
                                 << QList<int>{0, 1, 2, 3} << 4;
    }
    void samples() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QFETCH(QList<int>, offsets);
        QFETCH(int, columns);
        const DecodedText d = decodeText(view(bytes), optionsFor(encoding), 0);
        QCOMPARE(textOf(d), text);
        QCOMPARE(unitOffsets(d), offsets);
        QCOMPARE(unitInvalid(d), QList<bool>(offsets.size(), false));
        QCOMPARE(d.columnLength, static_cast<std::size_t>(columns));
        QCOMPARE(d.length(TextUnit::Utf16), static_cast<std::size_t>(text.size()));
        checkPositionMaps(d);
        // The composer gives back the same bytes.
        const Result<ByteVector> encoded = encodeText(d.text, encoding);
        QVERIFY2(encoded.has_value(), encoded ? "" : encoded.error().message().c_str());
        QCOMPARE(toQt(*encoded), bytes);
    }

    void wideCharactersTakeTwoCells() {
        const DecodedText d = decodeText(view(hex("d6d061a4e5")), optionsFor(kGb));
        // 中 a ゅ (GBK a4e5 is a hiragana: wide, like the ideographs)
        QCOMPARE(d.units.size(), std::size_t{3});
        QCOMPARE(d.units[0].columns, std::uint8_t{2});
        QCOMPARE(d.units[1].columns, std::uint8_t{1});
        QCOMPARE(d.units[1].columnOffset, std::size_t{2});
        QCOMPARE(d.units[2].columns, std::uint8_t{2});
        QCOMPARE(d.byteOffsetAt(1, TextUnit::Column), 0u); // second cell of 中
        QCOMPARE(d.byteOffsetAt(4, TextUnit::Column), 3u);
        QCOMPARE(d.textIndexAt(4, TextUnit::Column), std::size_t{3});
    }

    void invalidBytes_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<InvalidByteStyle>("style");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QList<int>>("offsets");
        QTest::addColumn<QList<bool>>("bad");
        const auto X = InvalidByteStyle::HexEscape;
        const auto R = InvalidByteStyle::Replacement;
        const QString fffd(QChar(0xfffd));
        QTest::newRow("gbk 80 is no character")
            << kGb << hex("6180d6d0") << X << u8("a\\x80中") << QList<int>{0, 1, 2}
            << QList<bool>{false, true, false};
        QTest::newRow("gbk lead before space")
            << kGb << hex("d62041") << X << u8("\\xd6 A") << QList<int>{0, 1, 2}
            << QList<bool>{true, false, false};
        QTest::newRow("gbk replacement") << kGb << hex("ff41d6") << R << fffd + "A" + fffd
                                         << QList<int>{0, 1, 2} << QList<bool>{true, false, true};
        QTest::newRow("gb18030 broken 4-byte form")
            << kGb << hex("81308120") << X << u8("\\x810\\x81 ") << QList<int>{0, 1, 2, 3}
            << QList<bool>{true, false, true, false};
        QTest::newRow("gb18030 beyond U+10FFFF")
            << kGb << hex("fe39fe39") << X << u8("\\xfe9\\xfe9") << QList<int>{0, 1, 2, 3}
            << QList<bool>{true, false, true, false};
        QTest::newRow("big5 bad lead") << kBig5 << hex("ffa4a4") << X << u8("\\xff中")
                                       << QList<int>{0, 1} << QList<bool>{true, false};
        QTest::newRow("big5 lead before digit") << kBig5 << hex("a430") << X << u8("\\xa40")
                                                << QList<int>{0, 1} << QList<bool>{true, false};
        QTest::newRow("big5 dangling lead") << kBig5 << hex("41a4") << R << "A" + fffd
                                            << QList<int>{0, 1} << QList<bool>{false, true};
        QTest::newRow("shift_jis no characters")
            << kSjis << hex("80a0fd41") << X << u8("\\x80\\xa0\\xfdA") << QList<int>{0, 1, 2, 3}
            << QList<bool>{true, true, true, false};
        QTest::newRow("shift_jis lead before space")
            << kSjis << hex("822082a0") << X << u8("\\x82 あ") << QList<int>{0, 1, 2}
            << QList<bool>{true, false, false};
        QTest::newRow("utf-16le lone high surrogate")
            << kLe << hex("3dd84100") << X << u8("\\x3d\\xd8A") << QList<int>{0, 1, 2}
            << QList<bool>{true, true, false};
        QTest::newRow("utf-16le lone low surrogate")
            << kLe << hex("00de4100") << R << fffd + fffd + "A" << QList<int>{0, 1, 2}
            << QList<bool>{true, true, false};
        QTest::newRow("utf-16le odd byte at the end")
            << kLe << hex("410042") << X << u8("A\\x42") << QList<int>{0, 2}
            << QList<bool>{false, true};
        QTest::newRow("utf-16le high surrogate at the end")
            << kLe << hex("41003dd8") << X << u8("A\\x3d\\xd8") << QList<int>{0, 2, 3}
            << QList<bool>{false, true, true};
        QTest::newRow("utf-16le high surrogate and a byte at the end")
            << kLe << hex("3dd800") << X << u8("\\x3d\\xd8\\x00") << QList<int>{0, 1, 2}
            << QList<bool>{true, true, true};
        QTest::newRow("utf-16be lone high surrogate")
            << kBe << hex("d83d0041d83dde00") << X << u8("\\xd8\\x3dA😀") << QList<int>{0, 1, 2, 4}
            << QList<bool>{true, true, false, false};
    }
    void invalidBytes() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, bytes);
        QFETCH(InvalidByteStyle, style);
        QFETCH(QString, expected);
        QFETCH(QList<int>, offsets);
        QFETCH(QList<bool>, bad);
        const DecodedText d = decodeText(view(bytes), optionsFor(encoding, style), 0);
        QCOMPARE(textOf(d), expected);
        QCOMPARE(unitOffsets(d), offsets);
        QCOMPARE(unitInvalid(d), bad);
        QCOMPARE(d.byteEnd, static_cast<std::uint64_t>(bytes.size()));
        // One marker per invalid byte: every invalid unit is one byte.
        for (const DecodedUnit& u : d.units) {
            if (u.invalid) {
                QCOMPARE(u.byteCount, std::uint8_t{1});
                QCOMPARE(u.columns,
                         static_cast<std::uint8_t>(style == InvalidByteStyle::HexEscape ? 4 : 1));
            }
        }
        checkPositionMaps(d);
    }

    void controls() {
        // Controls of UTF-16 are two bytes; they are shown per ControlStyle like any other.
        const QByteArray bytes = hex("0a0001000d007f00");
        const DecodedText escaped = decodeText(
            view(bytes), optionsFor(kLe, InvalidByteStyle::HexEscape, ControlStyle::Escape));
        QCOMPARE(textOf(escaped), u8("\\n\\x01\\r\\x7f"));
        QCOMPARE(unitOffsets(escaped), (QList<int>{0, 2, 4, 6}));
        const DecodedText pictures = decodeText(
            view(bytes), optionsFor(kLe, InvalidByteStyle::HexEscape, ControlStyle::Pictures));
        QCOMPARE(textOf(pictures), u8("\n\xe2\x90\x81\xe2\x90\x8d\xe2\x90\xa1"));
        const DecodedText gbk =
            decodeText(view(hex("d6d00d0a")),
                       optionsFor(kGb, InvalidByteStyle::HexEscape, ControlStyle::Escape));
        QCOMPARE(textOf(gbk), u8("中\\r\\n"));
        // Views end a row after a line break: the unit says so in every encoding and style,
        // and a character that merely has a 0a byte (U+010A in UTF-16LE) is not one.
        const auto breaks = [](const DecodedText& d) {
            QList<bool> out;
            for (const DecodedUnit& u : d.units) {
                out.append(u.lineBreak);
            }
            return out;
        };
        QCOMPARE(breaks(escaped), (QList<bool>{true, false, false, false}));
        QCOMPARE(breaks(gbk), (QList<bool>{false, false, true}));
        const DecodedText be = decodeText(view(hex("000a0a010a00")), optionsFor(kBe));
        QCOMPARE(breaks(be), (QList<bool>{true, false, false}));
        const DecodedText le = decodeText(view(hex("0a010a00")), optionsFor(kLe));
        QCOMPARE(breaks(le), (QList<bool>{false, true}));
    }

    void splitAcrossChunks_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("gb18030") << kGb << hex("61d6d0a2e39439fc36ff8130812095328236d6");
        QTest::newRow("big5") << kBig5 << hex("a4a4ffa430a4e541a4");
        QTest::newRow("shift_jis") << kSjis << hex("82a0b1822093fa80967b82");
        QTest::newRow("utf-16le") << kLe << hex("41003dd800de3dd8410000de2d4e3dd800");
        QTest::newRow("utf-16be") << kBe << hex("0041d83dde00d83d0041de004e2dd83dde");
    }
    void splitAcrossChunks() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, bytes);
        const TextDecodeOptions options = optionsFor(encoding);
        const DecodedText whole = decodeText(view(bytes), options, 50);
        checkPositionMaps(whole);
        const ByteView all = view(bytes);
        // Every split into two chunks, and every split into three, decodes like one buffer.
        for (std::size_t a = 0; a <= all.size(); ++a) {
            for (std::size_t b = a; b <= all.size(); ++b) {
                TextDecoder decoder(options, 50);
                const DecodedText p1 = decoder.decode(all.subspan(0, a));
                QVERIFY(decoder.pendingBytes() <= 3);
                const DecodedText p2 = decoder.decode(all.subspan(a, b - a));
                QVERIFY(decoder.pendingBytes() <= 3);
                const DecodedText p3 = decoder.decode(all.subspan(b), true);
                QCOMPARE(decoder.pendingBytes(), std::size_t{0});
                QCOMPARE(p1.text + p2.text + p3.text, whole.text);
                QCOMPARE(unitOffsets(p1) + unitOffsets(p2) + unitOffsets(p3), unitOffsets(whole));
                QCOMPARE(p1.byteEnd, p2.byteBegin);
                QCOMPARE(p2.byteEnd, p3.byteBegin);
                QCOMPARE(p3.byteEnd, 50u + all.size());
            }
        }
    }

    void heldBackUntilWhole_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QString>("character");
        QTest::newRow("gbk") << kGb << hex("61d6") << hex("d0") << u8("中");
        QTest::newRow("gb18030 3 of 4") << kGb << hex("61953282") << hex("36") << u8("𠀀");
        QTest::newRow("big5") << kBig5 << hex("61a4") << hex("a4") << u8("中");
        QTest::newRow("shift_jis") << kSjis << hex("6182") << hex("a0") << u8("あ");
        QTest::newRow("utf-16le half unit") << kLe << hex("61003d") << hex("d800de") << u8("😀");
        QTest::newRow("utf-16le 3 of 4") << kLe << hex("61003dd800") << hex("de") << u8("😀");
        QTest::newRow("utf-16be 3 of 4") << kBe << hex("0061d83dde") << hex("00") << u8("😀");
    }
    void heldBackUntilWhole() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, tail);
        QFETCH(QString, character);
        const std::size_t unitBytes = isUtf16(encoding) ? 2 : 1;
        const std::size_t held = static_cast<std::size_t>(head.size()) - unitBytes;
        TextDecoder decoder(optionsFor(encoding), 1000);
        const DecodedText first = decoder.decode(view(head));
        QCOMPARE(textOf(first), QStringLiteral("a"));
        QCOMPARE(first.byteEnd, 1000u + unitBytes);
        QCOMPARE(decoder.pendingBytes(), held);
        const DecodedText second = decoder.decode(view(tail));
        QCOMPARE(textOf(second), character);
        QCOMPARE(second.byteBegin, 1000u + unitBytes);
        QCOMPARE(second.units.size(), std::size_t{1});
        QCOMPARE(second.units[0].byteOffset, 1000u + unitBytes);
        QCOMPARE(static_cast<std::size_t>(second.units[0].byteCount),
                 held + static_cast<std::size_t>(tail.size()));
        QVERIFY(!second.units[0].invalid);
        QCOMPARE(decoder.pendingBytes(), std::size_t{0});
    }

    void finalShowsDanglingBytesInvalid_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("flushed");
        QTest::newRow("gbk lead") << kGb << hex("61d6") << u8("\\xd6");
        QTest::newRow("gb18030 3 of 4") << kGb << hex("61953282") << u8("\\x952\\x82");
        QTest::newRow("big5 lead") << kBig5 << hex("61a4") << u8("\\xa4");
        QTest::newRow("shift_jis lead") << kSjis << hex("6182") << u8("\\x82");
        QTest::newRow("utf-16le 3 of 4") << kLe << hex("61003dd800") << u8("\\x3d\\xd8\\x00");
    }
    void finalShowsDanglingBytesInvalid() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, flushed);
        TextDecoder decoder(optionsFor(encoding), 0);
        const DecodedText first = decoder.decode(view(bytes));
        QCOMPARE(textOf(first), QStringLiteral("a"));
        QVERIFY(decoder.pendingBytes() > 0);
        const DecodedText last = decoder.decode({}, true);
        QCOMPARE(textOf(last), flushed);
        QCOMPARE(decoder.pendingBytes(), std::size_t{0});
        QCOMPARE(last.byteEnd, static_cast<std::uint64_t>(bytes.size()));
        QVERIFY(last.units.front().invalid);
        // The same as decoding it all at once.
        const DecodedText whole = decodeText(view(bytes), optionsFor(encoding));
        QCOMPARE(textOf(whole), QStringLiteral("a") + flushed);
    }

    void positionMaps() {
        // GB18030 "a" 中 <80> € 😀 "z" at offset 1000: bytes 0, 1-2, 3, 4-5, 6-9, 10
        const DecodedText d = decodeText(view(hex("61d6d080a2e39439fc367a")),
                                         optionsFor(kGb, InvalidByteStyle::Replacement), 1000);
        QCOMPARE(unitOffsets(d), (QList<int>{1000, 1001, 1003, 1004, 1006, 1010}));
        // UTF-16: a=0 中=1 fffd=2 €=3 😀=4,5 z=6
        QCOMPARE(d.byteOffsetAt(5, TextUnit::Utf16), 1006u);
        QCOMPARE(d.byteOffsetAt(6, TextUnit::Utf16), 1010u);
        QCOMPARE(d.textIndexAt(1008, TextUnit::Utf16), std::size_t{4});
        QCOMPARE(d.textIndexAt(1002, TextUnit::CodePoint), std::size_t{1});
        // Cells: a=0 中=1,2 fffd=3 €=4 😀=5,6 z=7
        QCOMPARE(d.columnLength, std::size_t{8});
        QCOMPARE(d.byteOffsetAt(2, TextUnit::Column), 1001u);
        QCOMPARE(d.byteOffsetAt(6, TextUnit::Column), 1006u);
        QCOMPARE(d.textIndexAt(1005, TextUnit::Column), std::size_t{4});
        QCOMPARE(d.textIndexAt(1009, TextUnit::Column), std::size_t{5});
        QCOMPARE(d.textIndexAt(999, TextUnit::Column), std::size_t{0});
        QCOMPARE(d.textIndexAt(1011, TextUnit::Column), std::size_t{8});
        checkPositionMaps(d);
        // UTF-16BE with a lone surrogate between a pair and a wide character.
        const DecodedText be = decodeText(view(hex("d83dde00dc004e2d0041")), optionsFor(kBe), 7);
        QCOMPARE(unitOffsets(be), (QList<int>{7, 11, 12, 13, 15}));
        QCOMPARE(be.byteOffsetAt(2, TextUnit::Utf16), 11u);
        QCOMPARE(be.textIndexAt(12, TextUnit::Utf16), std::size_t{6}); // after "\xdc"
        checkPositionMaps(be);
    }

    void alignToCharStart_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("gb18030") << kGb << hex("61d6d0a2e39439fc36ff8130812095328236d6d0d6");
        QTest::newRow("gb18030 trail bytes that look like leads")
            << kGb << hex("b2e2b2e2b2e2cad4cad4d6d0d6d0");
        QTest::newRow("big5") << kBig5 << hex("a4a4ffa430a4e541a4a4a4a4e5a4");
        QTest::newRow("shift_jis") << kSjis << hex("82a0b1822093fa80967b82a082a2");
        QTest::newRow("utf-16le") << kLe << hex("41003dd800de3dd8410000de2d4e3dd800");
        QTest::newRow("utf-16be") << kBe << hex("0041d83dde00d83d0041de004e2dd83dde");
        QTest::newRow("utf-8") << TextEncoding::Utf8 << QByteArray("a\xc3\xa9\xe2\x82\xac\xff");
        QRandomGenerator rng(4242);
        for (TextEncoding e : {kGb, kBig5, kSjis, kLe, kBe}) {
            for (int round = 0; round < 4; ++round) {
                QByteArray noise(300, '\0');
                for (char& c : noise) {
                    c = static_cast<char>(rng.bounded(256));
                }
                QTest::addRow("noise %d %d", static_cast<int>(e), round) << e << noise;
                // Random text of characters the encoding has.
                QByteArray text;
                while (text.size() < 300) {
                    const char32_t cp = randomCodePoint(rng, isUtf16(e));
                    if (const auto bytes = encodeText(QString::fromUcs4(&cp, 1).toStdString(), e)) {
                        text += toQt(*bytes);
                    }
                }
                QTest::addRow("text %d %d", static_cast<int>(e), round) << e << text;
            }
        }
    }
    void alignToCharStart() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, bytes);
        // The aligned start of every byte is the start of the unit a whole-buffer decode puts
        // it in, so a view that decodes only a window from there shows the same characters.
        const DecodedText whole = decodeText(view(bytes), optionsFor(encoding));
        for (const auto& unit : whole.units) {
            for (std::size_t k = 0; k < unit.byteCount; ++k) {
                const std::size_t offset = unit.byteOffset + k;
                const std::size_t aligned =
                    socklab::alignToCharStart(view(bytes), offset, encoding);
                if (aligned != unit.byteOffset) {
                    qWarning("offset %zu", offset);
                }
                QCOMPARE(aligned, unit.byteOffset);
            }
        }
        QCOMPARE(socklab::alignToCharStart(view(bytes), bytes.size(), encoding),
                 static_cast<std::size_t>(bytes.size()));
    }

    void alignGivesUpOnLongLeadRuns() {
        // 中 over and over in Big5 is a4 a4 a4 a4...: every byte may be a lead byte, so only the
        // buffer start says where characters start. Within kAlignScanBytes of it the answer is
        // exact; further on the offset comes back unchanged (documented).
        QByteArray bytes;
        for (int k = 0; k < 1500; ++k) {
            bytes += hex("a4a4");
        }
        const ByteView all = view(bytes);
        QCOMPARE(socklab::alignToCharStart(all, 1001, kBig5), std::size_t{1000});
        QCOMPARE(socklab::alignToCharStart(all, 1000, kBig5), std::size_t{1000});
        QCOMPARE(socklab::alignToCharStart(all, 2501, kBig5), std::size_t{2501});
        // One ASCII byte in range is enough.
        bytes[2001] = 'x'; // ... a4 | 'x' | a4 a4 ...: 2002 starts a character
        QCOMPARE(socklab::alignToCharStart(view(bytes), 2501, kBig5), std::size_t{2500});
        QCOMPARE(socklab::alignToCharStart(view(bytes), 2502, kBig5), std::size_t{2502});
    }

    void agreesWithQtOnUtf16() {
        // Qt's UTF-16 converters are an independent reference for well-formed text.
        QRandomGenerator rng(99);
        for (int round = 0; round < 100; ++round) {
            QString s;
            const int n = static_cast<int>(rng.bounded(30));
            for (int i = 0; i < n; ++i) {
                const char32_t cp = randomCodePoint(rng, true);
                s += QString::fromUcs4(&cp, 1);
            }
            for (TextEncoding e : {kLe, kBe}) {
                QStringEncoder toBytes(e == kLe ? QStringConverter::Utf16LE
                                                : QStringConverter::Utf16BE);
                const QByteArray bytes = toBytes(s);
                const DecodedText d = decodeText(view(bytes), optionsFor(e));
                QCOMPARE(textOf(d), s);
                QCOMPARE(d.length(TextUnit::Utf16), static_cast<std::size_t>(s.size()));
                for (const DecodedUnit& u : d.units) {
                    QCOMPARE(u.byteOffset, 2 * static_cast<std::uint64_t>(u.utf16Offset));
                }
                const Result<ByteVector> encoded = encodeText(s.toStdString(), e);
                QVERIFY(encoded.has_value());
                QCOMPARE(toQt(*encoded), bytes);
            }
        }
    }

    void roundTrips_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<bool>("anyScalar");
        QTest::newRow("gb18030 covers Unicode") << kGb << true;
        QTest::newRow("utf-16le") << kLe << true;
        QTest::newRow("big5") << kBig5 << false;
        QTest::newRow("shift_jis") << kSjis << false;
    }
    void roundTrips() {
        // Whatever encodeText accepts decodes back to the same text.
        QFETCH(TextEncoding, encoding);
        QFETCH(bool, anyScalar);
        QRandomGenerator rng(7);
        int encoded = 0;
        for (int round = 0; round < 2000; ++round) {
            const char32_t cp = randomCodePoint(rng, anyScalar);
            const std::string text = QString::fromUcs4(&cp, 1).toStdString() + "z";
            const Result<ByteVector> bytes = encodeText(text, encoding);
            if (!bytes) {
                QVERIFY2(!anyScalar, bytes.error().message().c_str());
                QCOMPARE(bytes.error().detail,
                         "position 0: " +
                             QString::asprintf("U+%04X", static_cast<uint>(cp)).toStdString() +
                             " has no " + std::string(encodingTitle(encoding)) + " form");
                continue;
            }
            ++encoded;
            const DecodedText d = decodeText(*bytes, optionsFor(encoding));
            QCOMPARE(d.text, text);
        }
        QVERIFY(encoded > 500); // a good part of the sample is there
    }

    void encodeErrors_data() {
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<QString>("message");
        QTest::newRow("big5 e acute") << kBig5 << QByteArray("\xe4\xb8\xad\xc3\xa9")
                                      << "encode text Big5: position 3: U+00E9 has no Big5 form";
        // CP932 would write U+00A5 as 5c, which reads back as a backslash: refused.
        QTest::newRow("shift_jis yen sign")
            << kSjis << QByteArray("a\xc2\xa5")
            << "encode text Shift_JIS: position 1: U+00A5 has no Shift_JIS form";
        QTest::newRow("gbk emoji is fine but not a lone surrogate")
            << kGb << QByteArray("\xf0\x9f\x98\x80\xed\xa0\x80")
            << "encode text GBK/GB18030: position 4: invalid UTF-8 byte 0xed";
        QTest::newRow("latin-1 euro")
            << TextEncoding::Latin1 << QByteArray("caf\xc3\xa9 \xe2\x82\xac")
            << "encode text Latin-1: position 6: U+20AC has no "
               "Latin-1 form";
        QTest::newRow("ascii") << TextEncoding::Ascii << QByteArray("\xc3\xa9")
                               << "encode text ASCII: position 0: U+00E9 has no ASCII form";
        QTest::newRow("utf-16 invalid utf-8") << kLe << QByteArray("ab\xff")
                                              << "encode text UTF-16LE: position 2: invalid UTF-8 "
                                                 "byte 0xff";
        QTest::newRow("utf-8 cut short") << TextEncoding::Utf8 << QByteArray("ok\xe4\xb8")
                                         << "encode text UTF-8: position 2: UTF-8 sequence cut "
                                            "short";
    }
    void encodeErrors() {
        QFETCH(TextEncoding, encoding);
        QFETCH(QByteArray, utf8);
        QFETCH(QString, message);
        const Result<ByteVector> r = encodeText(utf8.toStdString(), encoding);
        QVERIFY(!r.has_value());
        QCOMPARE(QString::fromStdString(r.error().message()), message);
        QCOMPARE(r.error().op, std::string("encode text"));
        QCOMPARE(r.error().object, std::string(encodingTitle(encoding)));
    }

    void encodeSpecifics() {
        QVERIFY(encodeText("", kBig5).has_value());
        QVERIFY(encodeText("", kBig5)->empty());
        // GBK/GB18030 writes GB18030: the euro sign is a2e3 (Windows' GBK alone has 80).
        QCOMPARE(toQt(*encodeText("\xe2\x82\xac", kGb)), hex("a2e3"));
        // UTF-16 has no byte order mark unless the text starts with U+FEFF.
        QCOMPARE(toQt(*encodeText("A", kBe)), hex("0041"));
        QCOMPARE(toQt(*encodeText("\xef\xbb\xbf"
                                  "A",
                                  kBe)),
                 hex("feff0041"));
        // Controls and ASCII punctuation pass through the ASCII-compatible encodings as is.
        QCOMPARE(toQt(*encodeText("\\~\r\n\x01", kSjis)), hex("5c7e0d0a01"));
        QCOMPARE(toQt(*encodeText("caf\xc3\xa9", TextEncoding::Latin1)), hex("636166e9"));
        QCOMPARE(toQt(*encodeText("h\xc3\xa9", TextEncoding::Utf8)), hex("68c3a9"));
    }

    void names() {
        const std::span<const TextEncoding> all = allEncodings();
        QCOMPARE(all.size(), std::size_t{8});
        QCOMPARE(all.front(), TextEncoding::Utf8);
        QStringList names;
        for (TextEncoding e : all) {
            names.append(QString::fromUtf8(encodingName(e)));
            QCOMPARE(encodingByName(encodingName(e)), std::optional<TextEncoding>(e));
            QCOMPARE(encodingByName(encodingTitle(e)), std::optional<TextEncoding>(e));
        }
        QCOMPARE(names, (QStringList{"utf-8", "gb18030", "big5", "shift_jis", "utf-16le",
                                     "utf-16be", "latin-1", "ascii"}));
        // Every value of the enum is listed once.
        for (int v = 1; v <= 8; ++v) {
            QCOMPARE(
                static_cast<int>(std::count(all.begin(), all.end(), static_cast<TextEncoding>(v))),
                1);
        }
        QCOMPARE(encodingTitle(kGb), std::string_view("GBK/GB18030"));
        QCOMPARE(encodingTitle(kSjis), std::string_view("Shift_JIS"));
        QCOMPARE(encodingTitle(kLe), std::string_view("UTF-16LE"));
        QCOMPARE(encodingTitle(kBig5), std::string_view("Big5"));
        QCOMPARE(encodingByName("GBK"), std::optional<TextEncoding>(kGb));
        QCOMPARE(encodingByName("gb2312"), std::optional<TextEncoding>(kGb));
        QCOMPARE(encodingByName("UTF8"), std::optional<TextEncoding>(TextEncoding::Utf8));
        QCOMPARE(encodingByName("sjis"), std::optional<TextEncoding>(kSjis));
        QCOMPARE(encodingByName("Shift_JIS"), std::optional<TextEncoding>(kSjis));
        QCOMPARE(encodingByName("ISO-8859-1"), std::optional<TextEncoding>(TextEncoding::Latin1));
        QCOMPARE(encodingByName("latin1"), std::optional<TextEncoding>(TextEncoding::Latin1));
        QCOMPARE(encodingByName("utf16be"), std::optional<TextEncoding>(kBe));
        QVERIFY(!encodingByName("ebcdic").has_value());
        QVERIFY(!encodingByName("").has_value());
        QVERIFY(!encodingByName("utf-8 ").has_value());
    }

    void decodersMove() {
        // A decoder owns an iconv descriptor; moving it keeps decoding where it was.
        TextDecoder a(optionsFor(kGb), 0);
        QCOMPARE(textOf(a.decode(view(hex("61d6")))), QStringLiteral("a"));
        TextDecoder b(std::move(a));
        QCOMPARE(textOf(b.decode(view(hex("d0")), true)), u8("中"));
        TextDecoder c(optionsFor(kLe), 0);
        c = std::move(b);
        QCOMPARE(textOf(c.decode(view(hex("a4e5")), true)), u8("ゅ"));
    }

private:
    static bool isUtf16(TextEncoding e) { return e == kLe || e == kBe; }
};

QTEST_APPLESS_MAIN(TestTextEncodings)
#include "test_text_encodings.moc"
