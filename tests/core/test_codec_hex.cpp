#include "core/codec/hex.h"
#include "core/codec/pattern.h"
#include "core/support/bytes.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

class TestCodecHex : public QObject {
    Q_OBJECT

private slots:
    void parseValid_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray("") << QByteArray();
        QTest::newRow("only separators") << QByteArray(" ,\n:") << QByteArray();
        QTest::newRow("spaced") << QByteArray("de ad be ef") << QByteArray("\xde\xad\xbe\xef");
        QTest::newRow("compact upper") << QByteArray("DEADBEEF") << QByteArray("\xde\xad\xbe\xef");
        QTest::newRow("0x commas") << QByteArray("0xDE,0xAD") << QByteArray("\xde\xad");
        QTest::newRow("0x comma space")
            << QByteArray("0xde, 0xad, 0x00") << QByteArray("\xde\xad\x00", 3);
        QTest::newRow("0X upper prefix") << QByteArray("0XDE 0Xad") << QByteArray("\xde\xad");
        QTest::newRow("0x multi-byte group") << QByteArray("0xdead") << QByteArray("\xde\xad");
        QTest::newRow("colons") << QByteArray("de:ad") << QByteArray("\xde\xad");
        QTest::newRow("mac dashes")
            << QByteArray("00-1a-2B-3c") << QByteArray("\x00\x1a\x2b\x3c", 4);
        QTest::newRow("mixed whitespace")
            << QByteArray("  de\tad\r\nbe ,\n ef  ") << QByteArray("\xde\xad\xbe\xef");
        QTest::newRow("semicolons") << QByteArray("01;02") << QByteArray("\x01\x02");
        QTest::newRow("backslash x") << QByteArray("\\xde\\xad") << QByteArray("\xde\xad");
        QTest::newRow("backslash x spaced") << QByteArray("\\xde \\XAD") << QByteArray("\xde\xad");
        QTest::newRow("pairs in groups")
            << QByteArray("0102 0304") << QByteArray("\x01\x02\x03\x04");
        QTest::newRow("zero digit group") << QByteArray("00") << QByteArray("\x00", 1);
        QTest::newRow("all values")
            << QByteArray("000102fdfeff") << QByteArray("\x00\x01\x02\xfd\xfe\xff", 6);
    }
    void parseValid() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const auto r = parseHex(input.toStdString());
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(toQt(*r), expected);
        QCOMPARE(firstHexError(input.toStdString()), std::nullopt);
    }

    void parseErrors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        QTest::newRow("brief example")
            << QByteArray("de zz") << 3 << "parse hex \"de zz\": bad hex digit 'z' at position 3";
        QTest::newRow("g in word") << QByteArray("deadbeeg") << 7
                                   << "parse hex \"deadbeeg\": bad hex digit 'g' at position 7";
        QTest::newRow("odd single") << QByteArray("a") << 0
                                    << "parse hex \"a\": odd number of hex digits, unpaired 'a' "
                                       "at position 0";
        QTest::newRow("odd last group") << QByteArray("de ad b") << 6
                                        << "parse hex \"de ad b\": odd number of hex digits, "
                                           "unpaired 'b' at position 6";
        QTest::newRow("odd middle group") << QByteArray("dea dbe") << 2
                                          << "parse hex \"dea dbe\": odd number of hex digits, "
                                             "unpaired 'a' at position 2";
        QTest::newRow("odd 0x") << QByteArray("0x1,0x02") << 2
                                << "parse hex \"0x1,0x02\": odd number of hex digits, unpaired "
                                   "'1' at position 2";
        QTest::newRow("bare prefix") << QByteArray("de 0x") << 3
                                     << "parse hex \"de 0x\": prefix \"0x\" without hex digits "
                                        "at position 3";
        QTest::newRow("prefix then space") << QByteArray("\\x de") << 0
                                           << "parse hex \"\\x de\": prefix \"\\x\" without hex "
                                              "digits at position 0";
        QTest::newRow("x inside group")
            << QByteArray("de0xad") << 3 << "parse hex \"de0xad\": bad hex digit 'x' at position 3";
        QTest::newRow("lone backslash") << QByteArray("de\\ad") << 2
                                        << "parse hex \"de\\ad\": bad hex digit '\\' at position 2";
        QTest::newRow("control char") << QByteArray("de\x01") << 2
                                      << "parse hex \"de\\x01\": bad hex digit '\\x01' at "
                                         "position 2";
        QTest::newRow("non-ascii") << QByteArray("de \xc3\xa9") << 3
                                   << QString::fromUtf8("parse hex \"de \xc3\xa9\": bad hex "
                                                        "digit '\\xc3' at position 3");
        QTest::newRow("bad before odd") << QByteArray("a z") << 0
                                        << "parse hex \"a z\": odd number of hex digits, "
                                           "unpaired 'a' at position 0";
    }
    void parseErrors() {
        QFETCH(QByteArray, input);
        QFETCH(int, position);
        QFETCH(QString, message);
        const auto r = parseHex(input.toStdString());
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().op, std::string("parse hex"));
        QCOMPARE(QString::fromStdString(r.error().message()), message);
        QCOMPARE(firstHexError(input.toStdString()), std::optional<std::size_t>(position));
    }

    void longInputIsShortenedInMessage() {
        const std::string input = std::string(100, 'a') + "zz";
        const auto r = parseHex(input);
        QVERIFY(!r);
        QVERIFY(r.error().object.size() < 60);
        QVERIFY(r.error().detail.ends_with("at position 100"));
    }

    void liveValidationWhileTyping() {
        // Each prefix of a valid input is either valid or fails only at its dangling digit.
        const std::string full = "0xde, 0xad be:ef";
        for (std::size_t n = 0; n <= full.size(); ++n) {
            const std::string prefix = full.substr(0, n);
            const auto pos = firstHexError(prefix);
            QCOMPARE(pos.has_value(), !parseHex(prefix).has_value());
            if (pos) {
                QVERIFY2(*pos < n, prefix.c_str());
            }
        }
    }

    void format_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("separator");
        QTest::addColumn<bool>("upper");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << " " << false << "";
        QTest::newRow("one") << QByteArray("\x0a") << " " << false << "0a";
        QTest::newRow("spaced") << QByteArray("\xde\xad\xbe\xef") << " " << false << "de ad be ef";
        QTest::newRow("compact upper") << QByteArray("\xde\xad") << "" << true << "DEAD";
        QTest::newRow("colon") << QByteArray("\x00\xff", 2) << ":" << false << "00:ff";
    }
    void format() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, separator);
        QFETCH(bool, upper);
        QFETCH(QString, expected);
        const std::string text = formatHex(view(bytes), separator.toStdString(), upper);
        QCOMPARE(QString::fromStdString(text), expected);
        QCOMPARE(toQt(*parseHex(text)), bytes);
    }

    void roundTripAllByteValues() {
        QByteArray all;
        for (int i = 0; i < 256; ++i) {
            all.append(static_cast<char>(i));
        }
        QCOMPARE(toQt(*parseHex(formatHex(view(all)))), all);
        QCOMPARE(toQt(*parseHex(formatHex(view(all), "", true))), all);
        QCOMPARE(QString::fromStdString(formatHex(view(all), "")),
                 QString::fromLatin1(all.toHex()));
    }
};

QTEST_APPLESS_MAIN(TestCodecHex)
#include "test_codec_hex.moc"
