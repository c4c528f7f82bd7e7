// TrafficModel colours: rows are coloured by direction with the byte views' hues (light and
// dark palettes), and lifecycle rows look different (italic, neutral or error colour).
#include "ui/models/traffic_model.h"
#include "ui/support/capture_fill.h"
#include "ui/views/direction_palette.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QtTest>

using namespace socklab;
using socklab::ui::TrafficModel;

class TestTrafficModelColors : public QObject {
    Q_OBJECT
private slots:
    void rowsAreColouredByDirection();
    void lifecycleRowsAreItalic();
    void followsADarkPalette();
};

namespace {

QColor roleColor(const TrafficModel& model, int row, int role, int column = 0) {
    return model.data(model.index(row, column), role).value<QColor>();
}

std::shared_ptr<TrafficStore> mixedStore() {
    auto store = test::makeStore();
    test::appendText(*store, Direction::In, "in");
    test::appendText(*store, Direction::Out, "out");
    store->appendEvent(0, RecordKind::Connected, "127.0.0.1:1");
    store->appendEvent(0, RecordKind::Error, "recv: Connection reset by peer (ECONNRESET)");
    return store;
}

} // namespace

void TestTrafficModelColors::rowsAreColouredByDirection() {
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(mixedStore());
    QCOMPARE(model.rowCount(), 4);
    const QPalette palette = QGuiApplication::palette();
    for (int column = 0; column < TrafficModel::ColumnCount; ++column) {
        const QColor inFg = roleColor(model, 0, Qt::ForegroundRole, column);
        const QColor outFg = roleColor(model, 1, Qt::ForegroundRole, column);
        QVERIFY(inFg.isValid() && outFg.isValid());
        QVERIFY(inFg != outFg);
        // The same hues as the hex and text views.
        QCOMPARE(inFg, ui::directionColor(palette, Direction::In));
        QCOMPARE(outFg, ui::directionColor(palette, Direction::Out));
        const QColor inBg = roleColor(model, 0, Qt::BackgroundRole, column);
        const QColor outBg = roleColor(model, 1, Qt::BackgroundRole, column);
        QVERIFY(inBg.isValid() && outBg.isValid());
        QVERIFY(inBg != outBg);
        // Faint enough that the text stays readable on it.
        const QColor base = palette.color(QPalette::Base);
        QVERIFY(std::abs(inBg.lightness() - base.lightness()) < 40);
        QVERIFY(std::abs(inFg.lightness() - inBg.lightness()) > 60);
    }
}

void TestTrafficModelColors::lifecycleRowsAreItalic() {
    TrafficModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStore(mixedStore());
    QVERIFY(!model.data(model.index(0, 0), Qt::FontRole).isValid()); // data: the view's font
    const QVariant font = model.data(model.index(2, 0), Qt::FontRole);
    QVERIFY(font.isValid());
    QVERIFY(font.value<QFont>().italic());
    const QPalette palette = QGuiApplication::palette();
    QCOMPARE(roleColor(model, 2, Qt::ForegroundRole), ui::eventColor(palette));
    QCOMPARE(roleColor(model, 3, Qt::ForegroundRole), ui::errorColor(palette));
    QVERIFY(!model.data(model.index(2, 0), Qt::BackgroundRole).isValid());
}

void TestTrafficModelColors::followsADarkPalette() {
    TrafficModel model;
    model.setStore(mixedStore());
    const QPalette light = QGuiApplication::palette();
    const QColor lightIn = roleColor(model, 0, Qt::ForegroundRole);
    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    QApplication::setPalette(dark);
    const QColor darkIn = roleColor(model, 0, Qt::ForegroundRole);
    const QColor darkBg = roleColor(model, 0, Qt::BackgroundRole);
    QApplication::setPalette(light);
    QVERIFY(darkIn != lightIn);
    QVERIFY(darkIn.lightness() > 128); // light text on a dark base
    QVERIFY(darkBg.lightness() < 80);  // the wash stays dark
}

QTEST_MAIN(TestTrafficModelColors)
#include "test_traffic_model_colors.moc"
