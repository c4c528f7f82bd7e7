// HeldQueueModel: rows from HeldQueued, gone on HeldGone, in id order, previews by core.
#include "ui/dialogs/held_edit_dialog.h"
#include "ui/models/held_queue_model.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QtTest>

using namespace socklab;
using socklab::ui::HeldQueueModel;

namespace {

HeldMessage held(std::uint64_t id, ConnectionId connection, RelayDirection direction,
                 std::string_view text) {
    HeldMessage m;
    m.id = id;
    m.connection = connection;
    m.direction = direction;
    const auto* p = reinterpret_cast<const std::byte*>(text.data());
    m.bytes.assign(p, p + text.size());
    return m;
}

QString cell(const HeldQueueModel& model, int row, int column) {
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestHeldQueueModel : public QObject {
    Q_OBJECT
private slots:
    void editDialogNeverChangesBytesItCannotShowAsText() {
        // Bytes that are not UTF-8 open in escapes; choosing Text again falls back to escapes
        // with a note, so releasing unchanged sends exactly what arrived.
        HeldMessage m = held(7, 1, RelayDirection::ToServer, "ok\xff\xfe\x01");
        socklab::ui::HeldEditDialog dialog(m);
        QCOMPARE(dialog.bytes(), QByteArray("ok\xff\xfe\x01", 5));
        auto* mode = dialog.findChild<QComboBox*>();
        QVERIFY(mode);
        mode->setCurrentIndex(mode->findText(QStringLiteral("Text (UTF-8)")));
        QCOMPARE(dialog.bytes(), QByteArray("ok\xff\xfe\x01", 5));
        QVERIFY(mode->currentText().startsWith(QStringLiteral("Escapes")));
        QLabel* note = nullptr;
        for (QLabel* l : dialog.findChildren<QLabel*>()) {
            if (l->accessibleName() == QStringLiteral("Held bytes note")) {
                note = l;
            }
        }
        QVERIFY(note);
        QVERIFY(note->text().contains(QStringLiteral("UTF-8")));
        // Valid UTF-8 shows as text.
        socklab::ui::HeldEditDialog text(held(8, 1, RelayDirection::ToClient, "héllo"));
        auto* mode2 = text.findChild<QComboBox*>();
        mode2->setCurrentIndex(mode2->findText(QStringLiteral("Text (UTF-8)")));
        QCOMPARE(text.editor()->toPlainText(), QStringLiteral("héllo"));
        QCOMPARE(text.bytes(), QByteArray("héllo"));
    }

    void rowsFollowQueuedAndGone() {
        HeldQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(HeldQueueModel::ColumnCount));
        model.add(held(2, 7, RelayDirection::ToServer, "hello"));
        model.add(held(5, 7, RelayDirection::ToClient, std::string_view("\x00\x01ok\n", 5)));
        // An id that arrives late still lands in arrival (id) order.
        model.add(held(3, 8, RelayDirection::ToServer, "third"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, 0, HeldQueueModel::IdColumn), QStringLiteral("#2"));
        QCOMPARE(cell(model, 1, HeldQueueModel::IdColumn), QStringLiteral("#3"));
        QCOMPARE(cell(model, 2, HeldQueueModel::IdColumn), QStringLiteral("#5"));
        QCOMPARE(cell(model, 0, HeldQueueModel::ConnectionColumn), QStringLiteral("conn 7"));
        QCOMPARE(cell(model, 0, HeldQueueModel::DirectionColumn), QStringLiteral("client->server"));
        QCOMPARE(cell(model, 2, HeldQueueModel::DirectionColumn), QStringLiteral("server->client"));
        QCOMPARE(cell(model, 0, HeldQueueModel::SizeColumn), QStringLiteral("5 byte(s)"));
        QCOMPARE(cell(model, 0, HeldQueueModel::PreviewColumn), QStringLiteral("hello"));
        // Control bytes are escaped by core's preview, not dropped.
        QCOMPARE(cell(model, 2, HeldQueueModel::PreviewColumn), QStringLiteral("\\0\\x01ok\\n"));
        QCOMPARE(model.data(model.index(1, 0), HeldQueueModel::HeldIdRole).toULongLong(), 3ull);
        QCOMPARE(model.count(RelayDirection::ToServer), 2);
        QCOMPARE(model.count(RelayDirection::ToClient), 1);

        model.add(held(3, 8, RelayDirection::ToServer, "again")); // a repeated id is ignored
        QCOMPARE(model.rowCount(), 3);
        model.remove(3);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(5), 1);
        QVERIFY(model.messageAt(1) && model.messageAt(1)->bytes.size() == 5);
        model.remove(99); // unknown: nothing happens
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.messageAt(0) == nullptr);
    }

    void longMessagesArePreviewedShort() {
        HeldQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::string big(10'000, 'x');
        model.add(held(1, 1, RelayDirection::ToServer, big));
        const QString preview = cell(model, 0, HeldQueueModel::PreviewColumn);
        QVERIFY(preview.size() <= int(HeldQueueModel::kPreviewChars));
        QVERIFY(preview.endsWith(QStringLiteral("...")));
        QCOMPARE(cell(model, 0, HeldQueueModel::SizeColumn), QStringLiteral("10000 byte(s)"));
        QCOMPARE(model.headerData(HeldQueueModel::PreviewColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Preview"));
    }
};

QTEST_MAIN(TestHeldQueueModel)
#include "test_held_queue_model.moc"
