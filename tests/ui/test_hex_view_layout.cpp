// ByteLayout (the plain row geometry behind the hex and text views), without widgets.
#include "ui/support/capture_fill.h"
#include "ui/views/byte_layout.h"

#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestHexViewLayout : public QObject {
    Q_OBJECT
private slots:
    void fixedRowsPerRecord();
    void moveCrossesRecordsBothWays();
    void arenaOffsetToRow();
    void positionRoundTrips();
    void filterSkipsOtherConnections();
    void textRowsBreakAfterNewline();
    void largeRecordsAreCutByBytesOnCharacterStarts();
    void largeRecordsInOtherEncodingsAreCutOnCharacterStarts_data();
    void largeRecordsInOtherEncodingsAreCutOnCharacterStarts();
    void utf16LineBreaksEndRows();
};

void TestHexViewLayout::fixedRowsPerRecord() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, std::string(40, 'a')); // 3 data rows
    store->appendEvent(0, RecordKind::Closed, "");                 // header only
    ByteLayout layout(ByteLayout::Mode::FixedWidth, 16);
    layout.setStore(store);
    const auto rows = layout.rows({0, 0}, 10);
    QCOMPARE(rows.size(), std::size_t{5});
    QVERIFY(rows[0].isHeader());
    QCOMPARE(rows[1].byteBegin, 0u);
    QCOMPARE(rows[1].byteEnd, 16u);
    QCOMPARE(rows[3].byteBegin, 32u);
    QCOMPARE(rows[3].byteEnd, 40u);
    QVERIFY(rows[4].isHeader());
    QCOMPARE(rows[4].record.seq, 1u);
    QCOMPARE(layout.last(), std::optional<RowRef>(RowRef{1, 0}));
}

void TestHexViewLayout::moveCrossesRecordsBothWays() {
    auto store = test::makeStore();
    for (int i = 0; i < 5; ++i) {
        test::appendText(*store, Direction::In, std::string(20, 'x')); // header + 2 rows each
    }
    ByteLayout layout(ByteLayout::Mode::FixedWidth, 16);
    layout.setStore(store);
    QCOMPARE(layout.move({0, 0}, 3), (RowRef{1, 0}));
    QCOMPARE(layout.move({0, 1}, 7), (RowRef{2, 2}));
    QCOMPARE(layout.move({2, 2}, -7), (RowRef{0, 1}));
    QCOMPARE(layout.move({1, 0}, -1), (RowRef{0, 2}));
    QCOMPARE(layout.move({0, 0}, -5), (RowRef{0, 0}));  // clamped at the start
    QCOMPARE(layout.move({3, 0}, 100), (RowRef{4, 2})); // clamped at the end
}

void TestHexViewLayout::arenaOffsetToRow() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, std::string(20, 'x'));  // arena 0..19
    test::appendText(*store, Direction::Out, std::string(40, 'y')); // arena 20..59
    ByteLayout layout(ByteLayout::Mode::FixedWidth, 16);
    layout.setStore(store);
    QCOMPARE(layout.rowForArenaOffset(0), std::optional<RowRef>(RowRef{0, 1}));
    QCOMPARE(layout.rowForArenaOffset(19), std::optional<RowRef>(RowRef{0, 2}));
    QCOMPARE(layout.rowForArenaOffset(20), std::optional<RowRef>(RowRef{1, 1}));
    QCOMPARE(layout.rowForArenaOffset(52), std::optional<RowRef>(RowRef{1, 3}));
    QCOMPARE(layout.rowForArenaOffset(60), std::nullopt);
}

void TestHexViewLayout::positionRoundTrips() {
    auto store = test::makeStore();
    test::appendPattern(*store, 1000, 64); // header + 4 rows each: positions are exact
    ByteLayout layout(ByteLayout::Mode::FixedWidth, 16);
    layout.setStore(store);
    for (RowRef ref : {RowRef{0, 0}, RowRef{0, 3}, RowRef{500, 2}, RowRef{999, 4}}) {
        QCOMPARE(layout.fromPosition(layout.position(ref)), ref);
    }
    QCOMPARE(layout.position({1, 0}), 5);
    QCOMPARE(layout.fromPosition(-10), (RowRef{0, 0}));
    QCOMPARE(layout.fromPosition(1'000'000), (RowRef{999, 4}));
}

void TestHexViewLayout::filterSkipsOtherConnections() {
    auto store = test::makeStore();
    for (int i = 0; i < 6; ++i) {
        test::appendText(*store, Direction::In, "abc", i % 2);
    }
    ByteLayout layout(ByteLayout::Mode::FixedWidth, 16);
    layout.setStore(store);
    layout.setFilter(1);
    const auto rows = layout.rows({0, 0}, 100);
    QCOMPARE(rows.size(), std::size_t{6});
    QCOMPARE(rows.front().record.seq, 1u);
    QCOMPARE(rows.back().record.seq, 5u);
    QCOMPARE(layout.move({1, 1}, 1), (RowRef{3, 0}));
    QCOMPARE(layout.move({3, 0}, -1), (RowRef{1, 1}));
    QCOMPARE(layout.rowForArenaOffset(0), std::nullopt); // record 0 is connection 0
}

void TestHexViewLayout::textRowsBreakAfterNewline() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "ab\ncd\n" + std::string(25, 'z'));
    ByteLayout layout(ByteLayout::Mode::TextLines, 10);
    layout.setStore(store);
    const auto record = store->record(0);
    QVERIFY(record);
    const std::vector<std::uint32_t> expected{0, 3, 6, 16, 26};
    QCOMPARE(layout.rowStarts(*record), expected);
    QCOMPARE(layout.rowCount(*record), 6u);
}

void TestHexViewLayout::largeRecordsAreCutByBytesOnCharacterStarts() {
    // Over the exact-layout limit: "日" (3 bytes) repeated, with a newline now and then.
    std::string text;
    while (text.size() <= ByteLayout::kExactTextRowsLimit + 1000) {
        text += "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5";
        if (text.size() % 700 < 9) {
            text += '\n';
        }
    }
    auto store = test::makeStore(1 << 20);
    test::appendText(*store, Direction::In, text);
    constexpr std::uint32_t kWidth = 64;
    ByteLayout layout(ByteLayout::Mode::TextLines, kWidth);
    layout.setStore(store);
    const auto record = store->record(0);
    QVERIFY(record);
    const std::vector<std::uint32_t> starts = layout.rowStarts(*record);
    QVERIFY(starts.size() > text.size() / kWidth);
    QCOMPARE(starts.front(), 0u);
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::uint32_t at = starts[i];
        const std::uint32_t end =
            i + 1 < starts.size() ? starts[i + 1] : static_cast<std::uint32_t>(text.size());
        // Never inside a character, never more than width bytes plus the character it ends in.
        QVERIFY2((static_cast<unsigned char>(text[at]) & 0xC0u) != 0x80u,
                 qPrintable(QString::number(at)));
        QVERIFY(end > at && end - at <= kWidth + 3);
        // A newline ends its row.
        const auto nl = text.find('\n', at);
        QVERIFY(nl == std::string::npos || nl + 1 >= end);
    }
}

void TestHexViewLayout::largeRecordsInOtherEncodingsAreCutOnCharacterStarts_data() {
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QByteArray>("unit"); // repeated; every character in it is 2 bytes
    QTest::addColumn<QByteArray>("lineBreak");
    // An odd width: a cut at width bytes would land in a character every other row.
    QTest::newRow("gb18030") << int(TextEncoding::Gb18030) << QByteArray::fromHex("d6d0cec4")
                             << QByteArray("\n");
    QTest::newRow("big5") << int(TextEncoding::Big5) << QByteArray::fromHex("a4a4a4e5")
                          << QByteArray("\n");
    QTest::newRow("utf-16le") << int(TextEncoding::Utf16Le) << QByteArray::fromHex("2d4e8765")
                              << QByteArray::fromHex("0a00");
    QTest::newRow("utf-16be") << int(TextEncoding::Utf16Be) << QByteArray::fromHex("4e2d6587")
                              << QByteArray::fromHex("000a");
}

void TestHexViewLayout::largeRecordsInOtherEncodingsAreCutOnCharacterStarts() {
    QFETCH(int, encoding);
    QFETCH(QByteArray, unit);
    QFETCH(QByteArray, lineBreak);
    QByteArray bytes;
    while (bytes.size() <= qsizetype(ByteLayout::kExactTextRowsLimit) + 1000) {
        bytes += unit;
        if (bytes.size() % 1000 < 4) {
            bytes += lineBreak; // 2 bytes a character, breaks included, in UTF-16
        }
    }
    auto store = test::makeStore(1 << 20);
    test::appendText(*store, Direction::In, bytes.toStdString());
    constexpr std::uint32_t kWidth = 33;
    ByteLayout layout(ByteLayout::Mode::TextLines, kWidth);
    layout.setTextOptions({static_cast<TextEncoding>(encoding), InvalidByteStyle::Replacement,
                           ControlStyle::Pictures});
    layout.setStore(store);
    const auto record = store->record(0);
    QVERIFY(record);
    const std::vector<std::uint32_t> starts = layout.rowStarts(*record);
    QVERIFY(starts.size() > std::size_t(bytes.size()) / kWidth);
    const bool utf16 = lineBreak.size() == 2;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::uint32_t at = starts[i];
        const auto end = i + 1 < starts.size() ? starts[i + 1] : std::uint32_t(bytes.size());
        QVERIFY(end > at && end - at <= kWidth);
        // Every character before a row start is 2 bytes, or a 1-byte '\n' outside UTF-16:
        // decoding from the record's start reaches the row start on a character boundary.
        const auto decoded =
            decodeText(ByteView(reinterpret_cast<const std::byte*>(bytes.constData()), at),
                       {static_cast<TextEncoding>(encoding)});
        QVERIFY2(
            std::ranges::none_of(decoded.units, [](const DecodedUnit& u) { return u.invalid; }),
            qPrintable(QStringLiteral("row %1 starts at %2, inside a character").arg(i).arg(at)));
        QVERIFY(!utf16 || at % 2 == 0);
        // A line break ends its row.
        const qsizetype nl = bytes.indexOf(lineBreak, at);
        const bool aligned = !utf16 || nl % 2 == 0;
        QVERIFY(nl < 0 || !aligned || std::uint32_t(nl + lineBreak.size()) >= end);
    }
}

void TestHexViewLayout::utf16LineBreaksEndRows() {
    // Small records are cut exactly, by decoded units: the row ends after "\n\0", not after
    // the 0x0a byte; and the 0x0a in U+0A41 (41 0a) is no line break.
    const QByteArray le = QByteArray::fromHex("41000a00420043000a00410a4400");
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, le.toStdString());
    ByteLayout layout(ByteLayout::Mode::TextLines, 64);
    layout.setTextOptions(
        {TextEncoding::Utf16Le, InvalidByteStyle::Replacement, ControlStyle::Pictures});
    layout.setStore(store);
    const auto record = store->record(0);
    QVERIFY(record);
    QCOMPARE(layout.rowStarts(*record), (std::vector<std::uint32_t>{0, 4, 10}));
}

QTEST_MAIN(TestHexViewLayout)
#include "test_hex_view_layout.moc"
