#include "core/codec/hexdump.h"
#include "core/support/bytes.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace socklab;
using namespace socklab::test;

namespace {

QByteArray sampleBytes(int n) {
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        // All byte values, printable and not, in an order that is not just ascending.
        out.append(static_cast<char>((i * 37 + 11) & 0xff));
    }
    return out;
}

} // namespace

class TestCodecHexdump : public QObject {
    Q_OBJECT

private slots:
    void rows_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qulonglong>("base");
        QTest::addColumn<int>("perRow");
        QTest::addColumn<int>("group");
        QTest::addColumn<QStringList>("hex");
        QTest::addColumn<QStringList>("ascii");
        QTest::addColumn<QList<qulonglong>>("offsets");
        QTest::newRow("empty") << QByteArray() << 0ull << 16 << 2 << QStringList{} << QStringList{}
                               << QList<qulonglong>{};
        QTest::newRow("hello") << QByteArray("Hello\n") << 0ull << 16 << 2
                               << QStringList{"4865 6c6c 6f0a"} << QStringList{"Hello."}
                               << QList<qulonglong>{0};
        QTest::newRow("two rows g1")
            << QByteArray("ABCDEFGHIJ") << 0x100ull << 8 << 1
            << QStringList{"41 42 43 44 45 46 47 48", "49 4a"} << QStringList{"ABCDEFGH", "IJ"}
            << QList<qulonglong>{0x100, 0x108};
        QTest::newRow("g0") << QByteArray("\x00\x7f\x20~", 4) << 0ull << 16 << 0
                            << QStringList{"007f207e"} << QStringList{".. ~"}
                            << QList<qulonglong>{0};
        QTest::newRow("g3 c5") << QByteArray("Hello") << 0ull << 5 << 3
                               << QStringList{"48656c 6c6f"} << QStringList{"Hello"}
                               << QList<qulonglong>{0};
        QTest::newRow("exact row")
            << QByteArray("\xff\x80\x1f\x20") << 7ull << 4 << 4 << QStringList{"ff801f20"}
            << QStringList{"... "} << QList<qulonglong>{7};
    }
    void rows() {
        QFETCH(QByteArray, bytes);
        QFETCH(qulonglong, base);
        QFETCH(int, perRow);
        QFETCH(int, group);
        QFETCH(QStringList, hex);
        QFETCH(QStringList, ascii);
        QFETCH(QList<qulonglong>, offsets);
        const HexdumpLayout layout{static_cast<std::size_t>(perRow),
                                   static_cast<std::size_t>(group)};
        const auto rows = hexdumpRows(view(bytes), base, layout);
        QCOMPARE(rows.size(), static_cast<std::size_t>(hex.size()));
        QCOMPARE(layout.rowCount(static_cast<std::size_t>(bytes.size())), rows.size());
        std::size_t total = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const int i = static_cast<int>(r);
            QCOMPARE(QString::fromStdString(rows[r].hex), hex[i]);
            QCOMPARE(QString::fromStdString(rows[r].ascii), ascii[i]);
            QCOMPARE(rows[r].offset, offsets[i]);
            QCOMPARE(rows[r].count, rows[r].ascii.size());
            total += rows[r].count;
            // The single-row call the views use gives the same row.
            const HexdumpRow one = hexdumpRow(view(bytes), base, r, layout);
            QCOMPARE(one.hex, rows[r].hex);
            QCOMPARE(one.offset, rows[r].offset);
        }
        QCOMPARE(total, static_cast<std::size_t>(bytes.size()));
        const HexdumpRow past = hexdumpRow(view(bytes), base, rows.size(), layout);
        QCOMPARE(past.count, std::size_t{0});
        QVERIFY(past.hex.empty());
    }

    void text_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qulonglong>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << 0ull << "";
        QTest::newRow("partial")
            << QByteArray("Hello, world\n\x00\x01\xff abcdefghijklmnopqrstuvwxyz", 42) << 0ull
            << "00000000: 4865 6c6c 6f2c 2077 6f72 6c64 0a00 01ff  Hello, world....\n"
               "00000010: 2061 6263 6465 6667 6869 6a6b 6c6d 6e6f   abcdefghijklmno\n"
               "00000020: 7071 7273 7475 7677 7879                 pqrstuvwxy\n";
        QTest::newRow("wide offset") << QByteArray("Hello") << 0x100000000ull
                                     << "100000000: 4865 6c6c 6f                             "
                                        "Hello\n";
    }
    void text() {
        QFETCH(QByteArray, bytes);
        QFETCH(qulonglong, base);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(hexdumpText(view(bytes), base)), expected);
    }

    void matchesXxd_data() {
        QTest::addColumn<int>("size");
        QTest::addColumn<qulonglong>("base");
        QTest::addColumn<int>("perRow");
        QTest::addColumn<int>("group");
        QTest::newRow("default 1 byte") << 1 << 0ull << 16 << 2;
        QTest::newRow("default 256") << 256 << 0ull << 16 << 2;
        QTest::newRow("default 300") << 300 << 0ull << 16 << 2;
        QTest::newRow("g1 c16") << 100 << 0ull << 16 << 1;
        QTest::newRow("g4 c16") << 77 << 0ull << 16 << 4;
        QTest::newRow("g8 c32") << 200 << 0ull << 32 << 8;
        QTest::newRow("g0") << 50 << 0ull << 16 << 0;
        QTest::newRow("g3 c5 uneven") << 23 << 0ull << 5 << 3;
        QTest::newRow("g2 c7 odd row") << 30 << 0ull << 7 << 2;
        QTest::newRow("c1") << 5 << 0ull << 1 << 1;
        QTest::newRow("base offset") << 70 << 0x1234ull << 16 << 2;
        QTest::newRow("base above 4G") << 40 << 0xfffffff0ull << 16 << 2;
        QTest::newRow("c256") << 600 << 0ull << 256 << 2;
    }
    void matchesXxd() {
        QFETCH(int, size);
        QFETCH(qulonglong, base);
        QFETCH(int, perRow);
        QFETCH(int, group);
        const QString xxd = QStandardPaths::findExecutable("xxd");
        if (xxd.isEmpty()) {
            QSKIP("xxd not installed (package xxd / vim-common)");
        }
        const QByteArray bytes = sampleBytes(size);
        QProcess proc;
        proc.start(xxd, {"-c", QString::number(perRow), "-g", QString::number(group), "-o",
                         QString::number(base)});
        QVERIFY(proc.waitForStarted(5000));
        proc.write(bytes);
        proc.closeWriteChannel();
        QVERIFY(proc.waitForFinished(10000));
        QCOMPARE(proc.exitCode(), 0);
        const QByteArray expected = proc.readAllStandardOutput();
        QVERIFY(!expected.isEmpty());
        const HexdumpLayout layout{static_cast<std::size_t>(perRow),
                                   static_cast<std::size_t>(group)};
        const std::string ours = hexdumpText(view(bytes), base, layout);
        QCOMPARE(QByteArray::fromStdString(ours), expected);
    }

    void geometry_data() {
        QTest::addColumn<int>("perRow");
        QTest::addColumn<int>("group");
        QTest::newRow("16/2") << 16 << 2;
        QTest::newRow("16/1") << 16 << 1;
        QTest::newRow("16/0") << 16 << 0;
        QTest::newRow("8/4") << 8 << 4;
        QTest::newRow("5/3") << 5 << 3;
        QTest::newRow("1/1") << 1 << 1;
        QTest::newRow("16/32 group wider than row") << 16 << 32;
    }
    void geometry() {
        QFETCH(int, perRow);
        QFETCH(int, group);
        const HexdumpLayout layout{static_cast<std::size_t>(perRow),
                                   static_cast<std::size_t>(group)};
        const QByteArray bytes = sampleBytes(perRow);
        const HexdumpRow row = hexdumpRow(view(bytes), 0x20, 0, layout);
        QCOMPARE(row.hex.size(), layout.hexWidth());
        const std::string line = hexdumpLine(row, layout);
        const std::size_t digits = HexdumpLayout::offsetDigits(row.offset);
        std::vector<bool> covered(row.hex.size(), false);
        for (std::size_t i = 0; i < row.count; ++i) {
            const std::size_t col = layout.hexColumn(i);
            std::string cell;
            const auto b = static_cast<unsigned char>(bytes[static_cast<qsizetype>(i)]);
            cell += "0123456789abcdef"[b >> 4];
            cell += "0123456789abcdef"[b & 15];
            // The cell at hexColumn(i) is byte i, in the row and in the full line.
            QCOMPARE(row.hex.substr(col, 2), cell);
            QCOMPARE(line.substr(layout.lineHexStart(digits) + col, 2), cell);
            QCOMPARE(row.ascii[layout.asciiColumn(i)], hexdumpAsciiChar(std::byte{b}));
            QCOMPARE(line[layout.lineAsciiStart(digits) + layout.asciiColumn(i)],
                     hexdumpAsciiChar(std::byte{b}));
            // Hit testing inverts the column map on both digits.
            QCOMPARE(layout.byteAtHexColumn(col), std::optional<std::size_t>(i));
            QCOMPARE(layout.byteAtHexColumn(col + 1), std::optional<std::size_t>(i));
            covered[col] = covered[col + 1] = true;
        }
        for (std::size_t c = 0; c < row.hex.size(); ++c) {
            if (!covered[c]) {
                QCOMPARE(row.hex[c], ' ');
                QCOMPARE(layout.byteAtHexColumn(c), std::nullopt);
            }
        }
        QCOMPARE(layout.byteAtHexColumn(layout.hexWidth() + 5), std::nullopt);
        QCOMPARE(line.size(), layout.lineAsciiStart(digits) + row.ascii.size());
    }

    void clampsRowWidth() {
        const HexdumpLayout zero{0, 2};
        QCOMPARE(zero.rowBytes(), std::size_t{1});
        const HexdumpLayout huge{100000, 2};
        QCOMPARE(huge.rowBytes(), std::size_t{256});
        const QByteArray bytes = sampleBytes(3);
        QCOMPARE(hexdumpRows(view(bytes), 0, zero).size(), std::size_t{3});
    }

    void offsetDigits_data() {
        QTest::addColumn<qulonglong>("offset");
        QTest::addColumn<int>("digits");
        QTest::newRow("0") << 0ull << 8;
        QTest::newRow("ffffffff") << 0xffffffffull << 8;
        QTest::newRow("2^32") << 0x100000000ull << 9;
        QTest::newRow("max") << ~0ull << 16;
    }
    void offsetDigits() {
        QFETCH(qulonglong, offset);
        QFETCH(int, digits);
        QCOMPARE(HexdumpLayout::offsetDigits(offset), static_cast<std::size_t>(digits));
    }
};

QTEST_APPLESS_MAIN(TestCodecHexdump)
#include "test_codec_hexdump.moc"
