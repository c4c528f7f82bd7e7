// Direction colours stay readable (WCAG AA, contrast >= 4.5) on light and dark palettes: on the
// base, on AlternateBase (header rows) and on the direction's tint (log rows); the byte views
// paint with them.
#include "ui/support/capture_fill.h"
#include "ui/views/direction_palette.h"
#include "ui/views/hex_view.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QImage>
#include <QStyle>
#include <QStyleFactory>
#include <QtTest>
#include <memory>

using namespace socklab;
using namespace socklab::ui;

Q_DECLARE_METATYPE(QPalette)

class TestTrafficPanePalette : public QObject {
    Q_OBJECT
private slots:
    void contrastRatioMatchesWcag();
    void colorsAreReadable_data();
    void colorsAreReadable();
    void viewsPaintWithTheReadableColors();
};

namespace {

QPalette fusionLight() {
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

// A dark palette made by hand from the light one, as applications and themes do: Window,
// Base and Text changed, PlaceholderText (often) left alone.
QPalette darkFrom(const QColor& window, const QColor& base, const QColor& alternate,
                  std::optional<QColor> placeholder = std::nullopt) {
    QPalette p = fusionLight();
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, Qt::white);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    p.setColor(QPalette::HighlightedText, Qt::white);
    if (placeholder) {
        p.setColor(QPalette::PlaceholderText, *placeholder);
    }
    return p;
}

QPalette lightFrom(const QColor& base, const QColor& alternate, const QColor& placeholder) {
    QPalette p = fusionLight();
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::PlaceholderText, placeholder);
    return p;
}

int pixelsOf(const QImage& image, const QColor& color, const QRect& area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            n += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
        }
    }
    return n;
}

} // namespace

void TestTrafficPanePalette::contrastRatioMatchesWcag() {
    QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
    QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
    // #767676 on white is the classic just-AA grey (4.54).
    QVERIFY(qAbs(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
    QVERIFY(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5);
    // readableOn keeps a colour that is already readable and fixes one that is not.
    const QColor blue(0x00, 0x4f, 0xb0);
    QCOMPARE(readableOn(blue, {Qt::white}), blue);
    const QColor fixed = readableOn(QColor(0x30, 0x30, 0x80), {QColor(0x20, 0x20, 0x20)});
    QVERIFY(contrastRatio(fixed, QColor(0x20, 0x20, 0x20)) >= kMinContrast);
    QVERIFY(fixed.blue() > fixed.red()); // still blue
    // Half-transparent text is judged as it looks: flattened onto the background.
    QVERIFY(contrastRatio(readableOn(QColor(255, 255, 255, 40), {Qt::black}), Qt::black) >=
            kMinContrast);
}

void TestTrafficPanePalette::colorsAreReadable_data() {
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("Fusion light") << fusionLight();
    QTest::newRow("light grey base")
        << lightFrom(QColor(0xf0, 0xf0, 0xf0), QColor(0xe0, 0xe0, 0xe0), QColor(0xa0, 0xa0, 0xa0));
    QTest::newRow("light, pale placeholder")
        << lightFrom(Qt::white, QColor(0xf5, 0xf5, 0xf5), QColor(0xc8, 0xc8, 0xc8));
    QTest::newRow("Fusion-style dark")
        << darkFrom(QColor(0x35, 0x35, 0x35), QColor(0x2a, 0x2a, 0x2a), QColor(0x42, 0x42, 0x42));
    QTest::newRow("dark, light theme's placeholder kept")
        << darkFrom(QColor(0x1e, 0x1e, 0x1e), QColor(0x1e, 0x1e, 0x1e), QColor(0x25, 0x25, 0x26));
    QTest::newRow("black base") << darkFrom(Qt::black, Qt::black, QColor(0x1a, 0x1a, 0x1a));
    QTest::newRow("dark grey base, dim placeholder")
        << darkFrom(QColor(0x3c, 0x3c, 0x3c), QColor(0x3c, 0x3c, 0x3c), QColor(0x46, 0x46, 0x46),
                    QColor(0x60, 0x60, 0x60));
}

void TestTrafficPanePalette::colorsAreReadable() {
    QFETCH(QPalette, palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor alternate = palette.color(QPalette::AlternateBase);
    const struct {
        const char* name;
        QColor color;
        QColor tint;
    } texts[] = {
        {"in", directionColor(palette, Direction::In), directionTint(palette, Direction::In)},
        {"out", directionColor(palette, Direction::Out), directionTint(palette, Direction::Out)},
        {"event", eventColor(palette), directionTint(palette, Direction::Local)},
        {"error", errorColor(palette), alternate},
    };
    for (const auto& t : texts) {
        for (const QColor& bg : {base, alternate, t.tint}) {
            const qreal ratio = contrastRatio(t.color, bg);
            QVERIFY2(ratio >= kMinContrast,
                     qPrintable(QStringLiteral("%1 %2 on %3: %4")
                                    .arg(QLatin1String(t.name), t.color.name(), bg.name())
                                    .arg(ratio, 0, 'f', 2)));
        }
    }
    QVERIFY(contrastRatio(errorColor(palette), palette.color(QPalette::Window)) >= kMinContrast);
    // The hues survive the correction: in is blue, out is orange, and they differ.
    const QColor in = directionColor(palette, Direction::In);
    const QColor out = directionColor(palette, Direction::Out);
    QVERIFY(in.blue() > in.red());
    QVERIFY(out.red() > out.blue());
    QVERIFY(contrastRatio(in, out) > 1.0 || in.hue() != out.hue());
}

void TestTrafficPanePalette::viewsPaintWithTheReadableColors() {
    // A dark palette whose PlaceholderText is the light theme's: events would be near
    // invisible if painted with it.
    const QPalette dark =
        darkFrom(QColor(0x1e, 0x1e, 0x1e), QColor(0x1e, 0x1e, 0x1e), QColor(0x25, 0x25, 0x26));
    QVERIFY(contrastRatio(dark.color(QPalette::PlaceholderText), dark.color(QPalette::Base)) <
                kMinContrast ||
            dark.color(QPalette::PlaceholderText).alpha() < 255);
    auto store = test::makeStore();
    store->appendEvent(0, RecordKind::Info, "opened");
    test::appendText(*store, Direction::In, "IIIIIIII");
    test::appendText(*store, Direction::Out, "OOOOOOOO");
    TrafficPane pane;
    pane.setPalette(dark);
    pane.setStore(store);
    pane.resize(1000, 700);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    for (ByteViewBase* view : {static_cast<ByteViewBase*>(pane.hexView()),
                               static_cast<ByteViewBase*>(pane.textView())}) {
        view->scrollToTop();
        const QImage image = view->viewport()->grab().toImage();
        const int h = view->rowHeight();
        QCOMPARE(image.pixelColor(view->viewport()->width() / 2, h * 5 + h - 1),
                 dark.color(QPalette::Base));
        // Rows: 0 event header, 1 in header, 2 in data, 3 out header, 4 out data.
        const QRect eventHeader(0, 0, image.width(), h);
        const QRect inData(0, 2 * h, image.width(), h);
        const QRect outData(0, 4 * h, image.width(), h);
        QVERIFY(pixelsOf(image, eventColor(dark), eventHeader) > 0);
        QVERIFY(pixelsOf(image, directionColor(dark, Direction::In), inData) > 0);
        QVERIFY(pixelsOf(image, directionColor(dark, Direction::Out), outData) > 0);
    }
}

QTEST_MAIN(TestTrafficPanePalette)
#include "test_traffic_pane_palette.moc"
