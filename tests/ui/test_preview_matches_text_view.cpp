// The log's Preview column and the text view show a character that cannot be shown where it
// stands (de ad = U+07AD, a combining mark with nothing to draw over; private use) the same
// way: as the placeholder dot, by one core rule (isShowable), never as a missing-glyph box.
#include "core/codec/char_width.h"
#include "core/codec/text_decode.h"
#include "ui/models/traffic_model.h"
#include "ui/support/capture_fill.h"
#include "ui/views/text_view.h"

#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

class TestPreviewMatchesTextView : public QObject {
    Q_OBJECT
private slots:
    void loneMarkIsTheSameDotInBoth_data();
    void loneMarkIsTheSameDotInBoth();
};

void TestPreviewMatchesTextView::loneMarkIsTheSameDotInBoth_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("preview");
    QTest::addColumn<int>("hiddenCodePoint"); // what the text view must draw as the dot
    const QString dot(QChar(0xb7));
    QTest::newRow("de ad be ef") << QByteArray("\xde\xad\xbe\xef") << dot + "\\xbe\\xef" << 0x07ad;
    QTest::newRow("private use") << QByteArray("a\xee\x80\x80") << "a" + dot << 0xe000;
}

void TestPreviewMatchesTextView::loneMarkIsTheSameDotInBoth() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, preview);
    QFETCH(int, hiddenCodePoint);
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, std::string_view(bytes.constData(), bytes.size()));

    TrafficModel model;
    model.setStore(store);
    model.refresh();
    QCOMPARE(model.rowCount(), 1);
    const QString shown = model.index(0, TrafficModel::PreviewColumn).data().toString();
    QCOMPARE(shown, preview);
    QVERIFY(!shown.contains(QChar(hiddenCodePoint)));

    TextView view;
    view.setStore(store);
    view.resize(600, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(TextView::kPlaceholder, kHiddenPlaceholder);
    QVERIFY(shown.contains(QChar(static_cast<char16_t>(TextView::kPlaceholder))));
    // The decoded row holds the character; the view does not draw it as itself but as the dot.
    QCOMPARE(view.visibleRows().size(), std::size_t{2});
    const QString row = view.rowText(view.visibleRows().at(1));
    QVERIFY(row.toUcs4().contains(static_cast<uint>(hiddenCodePoint)));
    QVERIFY(!view.drawsCodePoint(static_cast<char32_t>(hiddenCodePoint)));
    // It takes a cell of its own (the dot's), not zero width drawn over nothing.
    const auto decoded =
        decodeText(std::span(reinterpret_cast<const std::byte*>(bytes.constData()), bytes.size()));
    bool found = false;
    for (const DecodedUnit& u : decoded.units) {
        const QString piece = QString::fromStdString(decoded.text.substr(u.textOffset));
        if (!u.invalid && piece.toUcs4().value(0) == static_cast<uint>(hiddenCodePoint)) {
            QCOMPARE(u.columns, std::uint8_t{1});
            found = true;
        }
    }
    QVERIFY(found);
}

QTEST_MAIN(TestPreviewMatchesTextView)
#include "test_preview_matches_text_view.moc"
