// The impairment value parsers (good values and the exact error texts), rateText(), describe()
// and validate().
#include "core/impair/impairment_text.h"

#include <QTest>

using namespace socklab;

class TestImpairmentText : public QObject {
    Q_OBJECT

private slots:
    void percentValues() {
        QCOMPARE(*parsePercent("--loss", "10%"), 10.0);
        QCOMPARE(*parsePercent("--loss", "10"), 10.0);
        QCOMPARE(*parsePercent("--loss", " 2.5 % "), 2.5);
        QCOMPARE(*parsePercent("--loss", "0"), 0.0);
        QCOMPARE(*parsePercent("--loss", "100%"), 100.0);
        QCOMPARE(*parsePercent("--loss", ".5"), 0.5);
    }
    void percentErrors_data() {
        QTest::addColumn<QString>("text");
        for (const char* bad :
             {"abc", "", "-1", "100.1", "150%", "10%%", "1e2", "nan", "inf", "10 percent", "%"}) {
            QTest::newRow(bad) << QString::fromUtf8(bad);
        }
    }
    void percentErrors() {
        QFETCH(QString, text);
        const auto r = parsePercent("--loss", text.toStdString());
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error().message()),
                 QString("parse --loss \"%1\": expected a percentage 0..100 such as 10% or 2.5")
                     .arg(text));
    }

    void durationValues_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("ms");
        QTest::newRow("ms") << "40ms" << 40;
        QTest::newRow("plain") << "40" << 40;
        QTest::newRow("seconds") << "1.5s" << 1500;
        QTest::newRow("spaced") << " 2 s " << 2000;
        QTest::newRow("upper") << "40MS" << 40;
        QTest::newRow("us rounds up") << "250us" << 1;
        QTest::newRow("micro sign") << "1500\u00b5s" << 2;
        QTest::newRow("fraction rounds up") << "1.2ms" << 2;
        QTest::newRow("decimal exact") << "1.1s" << 1100;
        QTest::newRow("zero") << "0" << 0;
        QTest::newRow("max") << "3600s" << 3'600'000;
    }
    void durationValues() {
        QFETCH(QString, text);
        QFETCH(int, ms);
        const auto r = parseDurationMs("--delay", text.toStdString());
        QVERIFY2(r, r ? "" : r.error().message().c_str());
        QCOMPARE(*r, ms);
    }
    void durationErrors() {
        for (const char* bad : {"abc", "", "-5ms", "40 min", "3601s", "1h", "ms"}) {
            const auto r = parseDurationMs("--delay", bad);
            QVERIFY2(!r, bad);
            QCOMPARE(r.error().message(),
                     "parse --delay \"" + std::string(bad) +
                         "\": expected a duration 0..3600s such as 40ms, 1.5s or 40 (ms)");
        }
    }

    void rateValues_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qulonglong>("bytesPerSec");
        QTest::newRow("MB/s") << "1MB/s" << 1'000'000ULL;
        QTest::newRow("KB/s") << "512KB/s" << 512'000ULL;
        QTest::newRow("kB/s") << "512kB/s" << 512'000ULL;
        QTest::newRow("KiB/s") << "512KiB/s" << 524'288ULL;
        QTest::newRow("MiB/s") << "2MiB/s" << 2'097'152ULL;
        QTest::newRow("GB/s") << "1GB/s" << 1'000'000'000ULL;
        QTest::newRow("Mbit/s") << "10Mbit/s" << 1'250'000ULL;
        QTest::newRow("kbit/s") << "64kbit/s" << 8'000ULL;
        QTest::newRow("Gbit/s") << "1Gbit/s" << 125'000'000ULL;
        QTest::newRow("mbps") << "10mbps" << 1'250'000ULL;
        QTest::newRow("no /s") << "10 Mbit" << 1'250'000ULL;
        QTest::newRow("plain") << "1000" << 1'000ULL;
        QTest::newRow("B/s") << "1000 B/s" << 1'000ULL;
        QTest::newRow("fraction") << "1.5MB/s" << 1'500'000ULL;
        QTest::newRow("zero is unlimited") << "0" << 0ULL;
        QTest::newRow("tiny rounds up") << "0.1" << 1ULL;
    }
    void rateValues() {
        QFETCH(QString, text);
        QFETCH(qulonglong, bytesPerSec);
        const auto r = parseRate("--rate", text.toStdString());
        QVERIFY2(r, r ? "" : r.error().message().c_str());
        QCOMPARE(static_cast<qulonglong>(*r), bytesPerSec);
    }
    void rateErrors() {
        for (const char* bad : {"fast", "", "-1MB/s", "10 furlongs/s", "1TB/s", "MB/s"}) {
            const auto r = parseRate("--rate", bad);
            QVERIFY2(!r, bad);
            QCOMPARE(r.error().message(),
                     "parse --rate \"" + std::string(bad) +
                         "\": expected a rate such as 1MB/s, 512KiB/s, 10Mbit/s or 1000 "
                         "(bytes/s), 0 for unlimited");
        }
    }

    void rangeValues() {
        QCOMPARE(*parseRange("--segment", "1..16"), (std::pair<std::size_t, std::size_t>{1, 16}));
        QCOMPARE(*parseRange("--segment", "8"), (std::pair<std::size_t, std::size_t>{8, 8}));
        QCOMPARE(*parseRange("--segment", " 2 .. 65536 "),
                 (std::pair<std::size_t, std::size_t>{2, 65536}));
    }
    void rangeErrors() {
        for (const char* bad : {"", "0..4", "1..65537", "a..b", "1..", "..5", "1-16", "1..2..3"}) {
            const auto r = parseRange("--segment", bad);
            QVERIFY2(!r, bad);
            QCOMPARE(r.error().message(),
                     "parse --segment \"" + std::string(bad) +
                         "\": expected a size range 1..65536 such as 1..16 or 8");
        }
        QCOMPARE(parseRange("--segment", "16..1").error().message(),
                 std::string("parse --segment \"16..1\": the minimum 16 is above the maximum 1"));
    }

    void byteCounts() {
        QCOMPARE(*parseByteCount("--reset-after", "1000"), std::uint64_t{1000});
        QCOMPARE(*parseByteCount("--reset-after", "64KiB"), std::uint64_t{65536});
        QCOMPARE(*parseByteCount("--reset-after", "1MB"), std::uint64_t{1'000'000});
        QCOMPARE(*parseByteCount("--reset-after", "1 kb"), std::uint64_t{1000});
        QCOMPARE(*parseByteCount("--reset-after", "100B"), std::uint64_t{100});
        const auto r = parseByteCount("--reset-after", "lots");
        QVERIFY(!r);
        QCOMPARE(r.error().message(), std::string("parse --reset-after \"lots\": expected a byte "
                                                  "count such as 1000, 64KiB or 1MB"));
        QVERIFY(!parseByteCount("--truncate", "10 Mbit"));
    }

    void rateTexts() {
        QCOMPARE(rateText(0), std::string("unlimited"));
        QCOMPARE(rateText(1'000'000), std::string("1 MB/s"));
        QCOMPARE(rateText(512'000), std::string("512 kB/s"));
        QCOMPARE(rateText(524'288), std::string("512 KiB/s"));
        QCOMPARE(rateText(1'500'000), std::string("1.5 MB/s"));
        QCOMPARE(rateText(1'250'000), std::string("1.25 MB/s"));
        QCOMPARE(rateText(999), std::string("999 B/s"));
        QCOMPARE(rateText(2'000'000'000), std::string("2 GB/s"));
        // What rateText prints parses back to the same rate.
        for (std::uint64_t v : {1ULL, 999ULL, 1000ULL, 524288ULL, 1'500'000ULL, 10'000'000ULL}) {
            QCOMPARE(*parseRate("r", rateText(v)), v);
        }
    }

    void describeNamesActiveSettings() {
        Impairment m;
        QCOMPARE(describe(m, true), std::string("none"));
        QCOMPARE(describe(m, false), std::string("none"));
        m.lossPercent = 10;
        m.duplicatePercent = 2;
        m.delay_ms = 40;
        m.jitter_ms = 10;
        QCOMPARE(describe(m, true),
                 std::string("loss 10% \u00b7 dup 2% \u00b7 delay 40\u00b110 ms"));
        QCOMPARE(describe(m, false), std::string("delay 40\u00b110 ms")); // datagram fields hidden
        Impairment d;
        d.burst.pGoodToBad = 1;
        d.reorderPercent = 2.5;
        d.corruptPercent = 0.1;
        d.truncateBytes = 100;
        d.rateBytesPerSec = 1'000'000;
        QCOMPARE(describe(d, true),
                 std::string("burst loss (enter 1%, leave 25%) \u00b7 reorder 2.5% (depth 3, "
                             "timeout 200 ms) \u00b7 corrupt 0.1% \u00b7 truncate to 100 B "
                             "\u00b7 rate 1 MB/s"));
        Impairment st;
        st.segmentMin = 1;
        st.segmentMax = 16;
        st.coalesce_ms = 20;
        st.stall = true;
        st.resetAfterBytes = 65536;
        st.slowClose_ms = 500;
        QCOMPARE(describe(st, false),
                 std::string("segments 1..16 B \u00b7 coalesce 20 ms \u00b7 stall \u00b7 reset "
                             "after 64 KiB \u00b7 slow close 500 ms"));
        QCOMPARE(describe(st, true), std::string("none"));
    }

    void identity() {
        Impairment m;
        QVERIFY(m.isIdentity());
        m.reorderDepth = 9;
        m.queueLimit = 3;
        m.burst.pBadToGood = 50;
        QVERIFY(m.isIdentity()); // shapes only, nothing on
        m.stall = true;
        QVERIFY(!m.isIdentity());
    }

    void validateRanges() {
        QVERIFY(validate(Impairment{}));
        Impairment m;
        m.lossPercent = 150;
        QCOMPARE(validate(m).error().message(),
                 std::string("check impairment loss: 150% is outside 0..100%"));
        m = {};
        m.burst.lossBad = -1;
        QCOMPARE(validate(m).error().message(),
                 std::string("check impairment burst loss bad: -1% is outside 0..100%"));
        m = {};
        m.jitter_ms = -3;
        QCOMPARE(validate(m).error().message(),
                 std::string("check impairment jitter: -3 ms is outside 0..3600000 ms"));
        m = {};
        m.reorderDepth = 0;
        QCOMPARE(validate(m).error().message(),
                 std::string("check impairment reorder depth: 0 is below 1"));
        m = {};
        m.segmentMin = 20;
        m.segmentMax = 10;
        QCOMPARE(validate(m).error().message(),
                 std::string("check impairment segments: 20..10 is not a range 1..65536 with "
                             "min <= max"));
        m.segmentMin = 0;
        QVERIFY(!validate(m));
        m.segmentMin = 1;
        QVERIFY(validate(m));
    }
};

QTEST_GUILESS_MAIN(TestImpairmentText)
#include "test_impairment_text.moc"
