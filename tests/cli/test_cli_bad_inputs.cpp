// The bad-input table (tests/data/bad_inputs.json), rows of front end "cli": socklab-cli runs
// with the row's argv ("where" split at spaces, {input} replaced by the input as one argument)
// and must print exactly the row's message on stderr and exit with the row's "exit" status
// (2: bad command line or input file; 1: the system said no). {dir} is a temporary directory
// holding missing.* (absent), notpcap.txt, notjson.json and version99.json.
#include "cli/support/cli_process.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cli_test;

namespace {

QJsonArray readTable() {
    QFile f(QStringLiteral(SOCKLAB_SOURCE_DIR "/tests/data/bad_inputs.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).array();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCliBadInputs : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(m_dir.filePath("notpcap.txt"), "not a capture\n"));
        QVERIFY(writeFile(m_dir.filePath("notjson.json"), "not json"));
        QVERIFY(writeFile(m_dir.filePath("version99.json"),
                          "{\"format\": \"socklab-workspace\", \"version\": 99}"));
    }

    void cliSaysExactly_data() {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("exit");
        QSet<QString> seen;
        int rows = 0;
        for (const auto& v : readTable()) {
            const QJsonObject row = v.toObject();
            if (row["frontend"].toString() != QStringLiteral("cli")) {
                continue;
            }
            const QString base =
                row["field"].toString() + QStringLiteral(" / ") + row["input"].toString().left(40);
            QString name = base;
            for (int n = 2; seen.contains(name); ++n) {
                name = base + QStringLiteral(" #%1").arg(n);
            }
            seen.insert(name);
            QTest::newRow(qPrintable(name)) << row["where"].toString() << row["input"].toString()
                                            << row["message"].toString() << row["exit"].toInt(-100);
            ++rows;
        }
        QVERIFY2(rows > 50, "tests/data/bad_inputs.json has few cli rows");
    }
    void cliSaysExactly() {
        QFETCH(QString, where);
        QFETCH(QString, input);
        QFETCH(QString, message);
        QFETCH(int, exit);
        const QString dir = m_dir.path();
        QStringList argv = where.split(u' ');
        QCOMPARE(argv.takeFirst(), QStringLiteral("socklab-cli"));
        for (QString& a : argv) {
            a = a == QStringLiteral("{input}") ? input : a;
            a.replace(QStringLiteral("{dir}"), dir);
        }
        const Outcome r = runCli(argv);
        const QString err = QString::fromUtf8(r.err).trimmed();
        QVERIFY2(r.exitCode != -2, qPrintable("still running after 15 s; stderr: " + err));
        QVERIFY2(r.exitCode != -3, qPrintable("crashed; stderr: " + err));
        QCOMPARE(err, QString(message).replace(QStringLiteral("{dir}"), dir));
        QCOMPARE(r.exitCode, exit);
    }
};

QTEST_APPLESS_MAIN(TestCliBadInputs)
#include "test_cli_bad_inputs.moc"
