// Cell widths of decoded text: wide characters take two cells, combining marks none (drawn over
// the character before), invalid bytes one each; the column <-> byte maps agree with them.
#include "core/codec/char_width.h"
#include "core/codec/text_decode.h"
#include "core/support/bytes.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

namespace {

struct Cells {
    QList<int> offsets; // byte offset of each unit
    QList<int> columns; // cells of each unit
    friend bool operator==(const Cells&, const Cells&) = default;
};

Cells cellsOf(const DecodedText& d) {
    Cells c;
    for (const DecodedUnit& u : d.units) {
        c.offsets.append(static_cast<int>(u.byteOffset));
        c.columns.append(u.columns);
    }
    return c;
}

QString joined(const QList<int>& values) {
    QStringList parts;
    for (int v : values) {
        parts.append(QString::number(v));
    }
    return parts.join(QLatin1Char(' '));
}

char* toString(const Cells& c) {
    return QTest::toString(
        QStringLiteral("offsets [%1] columns [%2]").arg(joined(c.offsets), joined(c.columns)));
}

// Column offsets are contiguous, add up to columnLength, and every cell maps back to the unit
// that owns it.
void checkColumnMap(const DecodedText& d) {
    std::size_t column = 0;
    for (const DecodedUnit& u : d.units) {
        QCOMPARE(u.columnOffset, column);
        column += u.columns;
    }
    QCOMPARE(d.columnLength, column);
    QCOMPARE(d.length(TextUnit::Column), column);
    for (const DecodedUnit& u : d.units) {
        for (std::size_t c = u.columnOffset; c < u.columnOffset + u.columns; ++c) {
            QCOMPARE(d.byteOffsetAt(c, TextUnit::Column), u.byteOffset);
        }
        for (std::uint64_t b = u.byteOffset; b < u.byteOffset + u.byteCount; ++b) {
            const std::size_t cell = d.textIndexAt(b, TextUnit::Column);
            QVERIFY(cell <= u.columnOffset);
            // The cell shows this byte's cluster: its owner starts there.
            const auto [first, last] = d.clusterAt(d.unitIndexAt(b));
            QVERIFY(first < last);
            QCOMPARE(d.units[first].columnOffset, cell);
            QVERIFY(d.units[first].columns > 0);
        }
    }
    QCOMPARE(d.byteOffsetAt(column, TextUnit::Column), d.byteEnd);
}

} // namespace

Q_DECLARE_METATYPE(Cells)

class TestTextDecodeWidth : public QObject {
    Q_OBJECT

private slots:
    void codePointColumns_data() {
        QTest::addColumn<uint>("cp");
        QTest::addColumn<int>("columns");
        QTest::newRow("A") << 0x41u << 1;
        QTest::newRow("NUL") << 0x0u << 1;
        QTest::newRow("e acute") << 0xe9u << 1;
        QTest::newRow("soft hyphen") << 0xadu << 1;
        QTest::newRow("combining acute") << 0x301u << 0;
        QTest::newRow("Hebrew point") << 0x5b0u << 0;
        QTest::newRow("Thai mark") << 0xe31u << 0;
        QTest::newRow("Devanagari virama") << 0x94du << 0;
        QTest::newRow("Hangul jungseong") << 0x1161u << 0;
        QTest::newRow("Hangul choseong") << 0x1100u << 2;
        QTest::newRow("zero width space") << 0x200bu << 0;
        QTest::newRow("zero width joiner") << 0x200du << 0;
        QTest::newRow("variation selector 16") << 0xfe0fu << 0;
        QTest::newRow("BOM") << 0xfeffu << 0;
        QTest::newRow("Greek alpha") << 0x3b1u << 1;
        QTest::newRow("Cyrillic") << 0x416u << 1;
        QTest::newRow("Arabic letter") << 0x628u << 1;
        QTest::newRow("ideographic space") << 0x3000u << 2;
        QTest::newRow("hiragana") << 0x3042u << 2;
        QTest::newRow("CJK nichi") << 0x65e5u << 2;
        QTest::newRow("CJK ext A last") << 0x4dbfu << 2;
        QTest::newRow("Hangul syllable") << 0xac00u << 2;
        QTest::newRow("fullwidth A") << 0xff21u << 2;
        QTest::newRow("halfwidth katakana") << 0xff71u << 1;
        QTest::newRow("grinning face") << 0x1f600u << 2;
        QTest::newRow("CJK ext B") << 0x20000u << 2;
        QTest::newRow("tag character") << 0xe0041u << 0;
        QTest::newRow("last code point") << 0x10ffffu << 1;
    }
    void codePointColumns() {
        QFETCH(uint, cp);
        QFETCH(int, columns);
        QCOMPARE(static_cast<int>(socklab::codePointColumns(static_cast<char32_t>(cp))), columns);
        QCOMPARE(isZeroWidthCodePoint(static_cast<char32_t>(cp)), columns == 0);
    }

    void unitColumns_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<Cells>("expected");
        QTest::addColumn<int>("width");
        QTest::newRow("Nihongo") << QByteArray("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e")
                                 << Cells{{0, 3, 6}, {2, 2, 2}} << 6;
        QTest::newRow("e acute composed")
            << QByteArray("caf\xc3\xa9!") << Cells{{0, 1, 2, 3, 5}, {1, 1, 1, 1, 1}} << 5;
        QTest::newRow("e acute decomposed")
            << QByteArray("cafe\xcc\x81!") << Cells{{0, 1, 2, 3, 4, 6}, {1, 1, 1, 1, 0, 1}} << 5;
        QTest::newRow("two marks on one base")
            << QByteArray("a\xcc\x81\xcc\xa3z") << Cells{{0, 1, 3, 5}, {1, 0, 0, 1}} << 2;
        QTest::newRow("mark over a wide character")
            << QByteArray("\xe6\x97\xa5\xe3\x82\x99") << Cells{{0, 3}, {2, 0}} << 2;
        QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80ok") << Cells{{0, 4, 5}, {2, 1, 1}}
                               << 4;
        QTest::newRow("emoji ZWJ sequence")
            << QByteArray("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb")
            << Cells{{0, 4, 7}, {2, 0, 2}} << 4;
        QTest::newRow("mark at the start stands alone")
            << QByteArray("\xcc\x81x") << Cells{{0, 2}, {1, 1}} << 2;
        QTest::newRow("mark after an invalid byte stands alone")
            << QByteArray("\xff\xcc\x81") << Cells{{0, 1}, {1, 1}} << 2;
        QTest::newRow("mark after a control stands alone")
            << QByteArray("\x01\xcc\x81") << Cells{{0, 1}, {1, 1}} << 2;
        QTest::newRow("invalid bytes one cell each")
            << QByteArray("a\x80\xe6\x97z\xf0\x9f\x98")
            << Cells{{0, 1, 2, 3, 4, 5, 6, 7}, {1, 1, 1, 1, 1, 1, 1, 1}} << 8;
        QTest::newRow("surrogate bytes invalid")
            << QByteArray("\xed\xa0\x80") << Cells{{0, 1, 2}, {1, 1, 1}} << 3;
    }
    void unitColumns() {
        QFETCH(QByteArray, bytes);
        QFETCH(Cells, expected);
        QFETCH(int, width);
        TextDecodeOptions options;
        options.controls = ControlStyle::Pictures;
        const DecodedText d = decodeText(view(bytes), options);
        QCOMPARE(cellsOf(d), expected);
        QCOMPARE(d.columnLength, static_cast<std::size_t>(width));
        checkColumnMap(d);
    }

    void escapesTakeOneCellPerCharacter() {
        TextDecodeOptions options;
        options.controls = ControlStyle::Escape;
        options.invalid = InvalidByteStyle::HexEscape;
        const DecodedText d = decodeText(view(QByteArray("\x01\n\xff\xcc\x81", 5)), options, 10);
        QCOMPARE(d.text, std::string("\\x01\\n\\xff\xcc\x81"));
        QCOMPARE(cellsOf(d), (Cells{{10, 11, 12, 13}, {4, 2, 4, 1}}));
        checkColumnMap(d);
    }

    void columnLookups() {
        // "xe\u0301日" at offset 100: cells x | e+mark | 日 日
        const DecodedText d = decodeText(view(QByteArray("xe\xcc\x81\xe6\x97\xa5")), {}, 100);
        QCOMPARE(d.columnLength, std::size_t{4});
        QCOMPARE(d.byteOffsetAt(0, TextUnit::Column), 100u);
        QCOMPARE(d.byteOffsetAt(1, TextUnit::Column), 101u);            // 'e', never the mark
        QCOMPARE(d.byteOffsetAt(2, TextUnit::Column), 104u);            // 日's first cell
        QCOMPARE(d.byteOffsetAt(3, TextUnit::Column), 104u);            // and its second
        QCOMPARE(d.byteOffsetAt(4, TextUnit::Column), 107u);            // end
        QCOMPARE(d.textIndexAt(102, TextUnit::Column), std::size_t{1}); // mark: e's cell
        QCOMPARE(d.textIndexAt(103, TextUnit::Column), std::size_t{1});
        QCOMPARE(d.textIndexAt(106, TextUnit::Column), std::size_t{2}); // 日's last byte
        QCOMPARE(d.textIndexAt(99, TextUnit::Column), std::size_t{0});
        QCOMPARE(d.textIndexAt(107, TextUnit::Column), std::size_t{4});
        QCOMPARE(d.unitIndexAt(103), std::size_t{2});
        QCOMPARE(d.unitIndexAt(107), d.units.size());
        QCOMPARE(d.unitIndexAt(99), d.units.size());
        QCOMPARE(d.clusterAt(2), (std::pair<std::size_t, std::size_t>{1, 3}));
        QCOMPARE(d.clusterAt(1), (std::pair<std::size_t, std::size_t>{1, 3}));
        QCOMPARE(d.clusterAt(3), (std::pair<std::size_t, std::size_t>{3, 4}));
    }

    void wideCharacterSplitAcrossChunks() {
        // A stream decoder joins the halves: one unit of two cells at the first half's offset.
        TextDecodeOptions options;
        TextDecoder decoder(options, 500);
        const DecodedText first = decoder.decode(view(QByteArray("a\xe6\x97")));
        QCOMPARE(cellsOf(first), (Cells{{500}, {1}}));
        QCOMPARE(decoder.pendingBytes(), std::size_t{2});
        const DecodedText second = decoder.decode(view(QByteArray("\xa5\xf0\x9f")));
        QCOMPARE(cellsOf(second), (Cells{{501}, {2}}));
        QCOMPARE(second.units.front().byteCount, std::uint8_t{3});
        const DecodedText third = decoder.decode(view(QByteArray("\x98\x80")), true);
        QCOMPARE(cellsOf(third), (Cells{{504}, {2}}));
        checkColumnMap(second);
        // A mark that starts a chunk draws over the last chunk's character: no cells.
        TextDecoder marks(options, 0);
        QCOMPARE(cellsOf(marks.decode(view(QByteArray("e")))), (Cells{{0}, {1}}));
        const DecodedText mark = marks.decode(view(QByteArray("\xcc\x81!")), true);
        QCOMPARE(cellsOf(mark), (Cells{{1, 3}, {0, 1}}));
        // Decoded on their own, the halves are invalid bytes of one cell each.
        const DecodedText head = decodeText(view(QByteArray("a\xe6\x97")), options, 500);
        QCOMPARE(cellsOf(head), (Cells{{500, 501, 502}, {1, 1, 1}}));
        const DecodedText tail = decodeText(view(QByteArray("\xa5z")), options, 503);
        QCOMPARE(cellsOf(tail), (Cells{{503, 504}, {1, 1}}));
    }

    void latin1IsOneCellPerByte() {
        TextDecodeOptions options;
        options.encoding = TextEncoding::Latin1;
        const DecodedText d = decodeText(view(QByteArray("\xe6\x97\xa5\xcc")), options);
        QCOMPARE(cellsOf(d), (Cells{{0, 1, 2, 3}, {1, 1, 1, 1}}));
        checkColumnMap(d);
    }

    void columnMapHoldsForMixedInput() {
        // Every prefix of a mixed buffer (so every split of every sequence) keeps the map sound.
        const QByteArray bytes("a\xe6\x97\xa5"
                               "e\xcc\x81\xf0\x9f\x98\x80\xff\x01\n"
                               "\xea\xb0\x80\xe2\x80\x8b\xcc\x81z");
        for (qsizetype n = 0; n <= bytes.size(); ++n) {
            for (ControlStyle controls :
                 {ControlStyle::Keep, ControlStyle::Pictures, ControlStyle::Escape}) {
                TextDecodeOptions options;
                options.controls = controls;
                const DecodedText d = decodeText(view(bytes.left(n)), options, 7);
                checkColumnMap(d);
                if (QTest::currentTestFailed()) {
                    qWarning("prefix %lld", static_cast<long long>(n));
                    return;
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestTextDecodeWidth)
#include "test_text_decode_width.moc"
