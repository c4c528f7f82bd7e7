#include "core/net/socket_spec.h"
#include "ui/models/socket_spec_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using socklab::ui::SocketSpecModel;

class TestSocketSpecModel : public QObject {
    Q_OBJECT
private slots:
    void modelContract_data() {
        QTest::addColumn<int>("axis");
        QTest::newRow("family") << int(SocketSpecModel::Axis::Family);
        QTest::newRow("type") << int(SocketSpecModel::Axis::Type);
        QTest::newRow("protocol") << int(SocketSpecModel::Axis::Protocol);
    }
    void modelContract() {
        QFETCH(int, axis);
        SocketSpecModel model(static_cast<SocketSpecModel::Axis>(axis));
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.rowCount() >= 6);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            const int value = model.data(index, SocketSpecModel::ValueRole).toInt();
            QCOMPARE(model.valueAt(row), value);
            QCOMPARE(model.rowOfValue(value), row);
            // Each choice explains itself and names its symbol in the visible text.
            QVERIFY(!model.data(index, SocketSpecModel::ExplanationRole).toString().isEmpty());
            QCOMPARE(model.data(index, Qt::ToolTipRole),
                     model.data(index, SocketSpecModel::ExplanationRole));
            const QString name = model.data(index, SocketSpecModel::NameRole).toString();
            QVERIFY2(model.data(index).toString().contains(name), qPrintable(name));
        }
        QCOMPARE(model.rowOfValue(-12345), -1);
        QCOMPARE(model.valueAt(model.rowCount()), 0);
        QVERIFY(!model.data(model.index(0), Qt::DecorationRole).isValid());
    }

    void familiesFollowTheCatalog() {
        SocketSpecModel model(SocketSpecModel::Axis::Family);
        QCOMPARE(model.rowCount(), int(socklab::families().size()));
        QStringList names;
        for (int row = 0; row < model.rowCount(); ++row) {
            names << model.data(model.index(row), SocketSpecModel::NameRole).toString();
        }
        for (const char* expected : {"AF_INET", "AF_INET6", "AF_UNIX", "AF_PACKET"}) {
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        }
        const int inet = model.rowOfValue(socklab::familyByName("AF_INET")->value);
        QVERIFY(model.data(model.index(inet)).toString().contains(QLatin1String("AF_INET")));
    }

    void protocolsIncludeTcpAndUdp() {
        SocketSpecModel model(SocketSpecModel::Axis::Protocol);
        QCOMPARE(model.rowCount(), int(socklab::protocols().size()));
        QVERIFY(model.rowOfValue(socklab::protocolByName("IPPROTO_TCP")->value) >= 0);
        QVERIFY(model.rowOfValue(socklab::protocolByName("IPPROTO_UDP")->value) >= 0);
    }
};

QTEST_MAIN(TestSocketSpecModel)
#include "test_socket_spec_model.moc"
