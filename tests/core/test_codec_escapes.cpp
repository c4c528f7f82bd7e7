#include "core/codec/char_width.h"
#include "core/codec/escapes.h"
#include "core/support/bytes.h"

#include <QRandomGenerator>
#include <QTest>

using namespace socklab;
using namespace socklab::test;

class TestCodecEscapes : public QObject {
    Q_OBJECT

private slots:
    void unescapeValid_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("plain") << QByteArray("GET / HTTP/1.0") << QByteArray("GET / HTTP/1.0");
        QTest::newRow("crlf") << QByteArray("a\\r\\nb") << QByteArray("a\r\nb");
        QTest::newRow("tab") << QByteArray("\\t") << QByteArray("\t");
        QTest::newRow("nul") << QByteArray("\\0") << QByteArray("\0", 1);
        QTest::newRow("backslash") << QByteArray("\\\\") << QByteArray("\\");
        QTest::newRow("double quote") << QByteArray("\\\"") << QByteArray("\"");
        QTest::newRow("single quote") << QByteArray("\\'") << QByteArray("'");
        QTest::newRow("question") << QByteArray("\\?") << QByteArray("?");
        QTest::newRow("bell etc") << QByteArray("\\a\\b\\f\\v\\e") << QByteArray("\a\b\f\v\x1b");
        QTest::newRow("hex two") << QByteArray("\\xde\\xAD") << QByteArray("\xde\xad");
        QTest::newRow("hex one") << QByteArray("\\xa!") << QByteArray("\x0a!");
        QTest::newRow("hex stops at two") << QByteArray("\\x414") << QByteArray("A4");
        QTest::newRow("octal one") << QByteArray("\\7") << QByteArray("\x07");
        QTest::newRow("octal two") << QByteArray("\\12") << QByteArray("\n");
        QTest::newRow("octal three") << QByteArray("\\101\\377") << QByteArray("A\xff");
        QTest::newRow("octal stops at three") << QByteArray("\\1011") << QByteArray("A1");
        QTest::newRow("octal stops at 8") << QByteArray("\\18")
                                          << QByteArray("\x01"
                                                        "8");
        QTest::newRow("nul then digit") << QByteArray("\\0009")
                                        << QByteArray("\0"
                                                      "9",
                                                      2);
        QTest::newRow("u ascii") << QByteArray("\\u0041") << QByteArray("A");
        QTest::newRow("u two byte") << QByteArray("\\u00e9") << QByteArray("\xc3\xa9");
        QTest::newRow("u three byte") << QByteArray("\\u20AC") << QByteArray("\xe2\x82\xac");
        QTest::newRow("U four byte") << QByteArray("\\U0001F600") << QByteArray("\xf0\x9f\x98\x80");
        QTest::newRow("U max") << QByteArray("\\U0010FFFF") << QByteArray("\xf4\x8f\xbf\xbf");
        QTest::newRow("utf8 passes") << QByteArray("caf\xc3\xa9\\n") << QByteArray("caf\xc3\xa9\n");
        QTest::newRow("mixed") << QByteArray("PING\\x00\\x01\\r\\n")
                               << QByteArray("PING\x00\x01\r\n", 8);
    }
    void unescapeValid() {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const auto r = unescape(input.toStdString());
        QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
        QCOMPARE(toQt(*r), expected);
        QCOMPARE(firstEscapeError(input.toStdString()), std::nullopt);
    }

    void unescapeErrors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        QTest::newRow("dangling") << QByteArray("abc\\") << 3
                                  << "parse escapes \"abc\\\": dangling backslash at position 3";
        QTest::newRow("unknown") << QByteArray("a\\qb") << 1
                                 << "parse escapes \"a\\qb\": unknown escape '\\q' at position 1";
        QTest::newRow("unknown control") << QByteArray("\\\x01") << 0
                                         << "parse escapes \"\\\\x01\": unknown escape '\\' "
                                            "followed by '\\x01' at position 0";
        QTest::newRow("x no digits") << QByteArray("ab\\xg") << 2
                                     << "parse escapes \"ab\\xg\": \\x without hex digits at "
                                        "position 2";
        QTest::newRow("x at end") << QByteArray("\\x") << 0
                                  << "parse escapes \"\\x\": \\x without hex digits at position 0";
        QTest::newRow("octal too big") << QByteArray("xy\\400") << 2
                                       << "parse escapes \"xy\\400\": octal escape above \\377 "
                                          "at position 2";
        QTest::newRow("u short") << QByteArray("\\u12") << 0
                                 << "parse escapes \"\\u12\": \\u needs 4 hex digits at position 0";
        QTest::newRow("u bad digit") << QByteArray("ok \\u12g4") << 3
                                     << "parse escapes \"ok \\u12g4\": \\u needs 4 hex digits at "
                                        "position 3";
        QTest::newRow("U short") << QByteArray("\\U0001F60") << 0
                                 << "parse escapes \"\\U0001F60\": \\U needs 8 hex digits at "
                                    "position 0";
        QTest::newRow("surrogate") << QByteArray("\\ud800") << 0
                                   << "parse escapes \"\\ud800\": invalid code point at position 0";
        QTest::newRow("above max") << QByteArray("\\U00110000") << 0
                                   << "parse escapes \"\\U00110000\": invalid code point at "
                                      "position 0";
        QTest::newRow("first of two") << QByteArray("\\q\\z") << 0
                                      << "parse escapes \"\\q\\z\": unknown escape '\\q' at "
                                         "position 0";
    }
    void unescapeErrors() {
        QFETCH(QByteArray, input);
        QFETCH(int, position);
        QFETCH(QString, message);
        const auto r = unescape(input.toStdString());
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().op, std::string("parse escapes"));
        QCOMPARE(QString::fromStdString(r.error().message()), message);
        QCOMPARE(firstEscapeError(input.toStdString()), std::optional<std::size_t>(position));
    }

    void escape_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("doubleQuote");
        QTest::addColumn<bool>("singleQuote");
        QTest::addColumn<bool>("keepUtf8");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << false << false << false << "";
        QTest::newRow("printable")
            << QByteArray("Hello, world!") << false << false << false << "Hello, world!";
        QTest::newRow("controls") << QByteArray("a\r\n\tb") << false << false << false
                                  << "a\\r\\n\\tb";
        QTest::newRow("backslash") << QByteArray("C:\\x") << false << false << false << "C:\\\\x";
        QTest::newRow("nul") << QByteArray("\0a", 2) << false << false << false << "\\0a";
        QTest::newRow("nul then digit") << QByteArray("\0"
                                                      "7",
                                                      2)
                                        << false << false << false << "\\x007";
        QTest::newRow("high and del")
            << QByteArray("\x7f\x80\xff") << false << false << false << "\\x7f\\x80\\xff";
        QTest::newRow("other controls")
            << QByteArray("\x01\x1b") << false << false << false << "\\x01\\x1b";
        QTest::newRow("quotes kept") << QByteArray("\"'") << false << false << false << "\"'";
        QTest::newRow("double escaped") << QByteArray("\"'") << true << false << false << "\\\"'";
        QTest::newRow("single escaped") << QByteArray("\"'") << false << true << false << "\"\\'";
        QTest::newRow("utf8 as hex")
            << QByteArray("\xc3\xa9") << false << false << false << "\\xc3\\xa9";
        QTest::newRow("utf8 kept") << QByteArray("caf\xc3\xa9") << false << false << true
                                   << QString::fromUtf8("caf\xc3\xa9");
        QTest::newRow("bad utf8 still hex")
            << QByteArray("\xc3(\xe2\x82") << false << false << true << "\\xc3(\\xe2\\x82";
        QTest::newRow("utf8 C1 control hex")
            << QByteArray("\xc2\x85") << false << false << true << "\\xc2\\x85";
        // A combining mark with nothing before it to draw over (de ad is U+07AD) is escaped, as
        // is private use; after a character shown as itself a mark is kept.
        QTest::newRow("lone mark hex")
            << QByteArray("\xde\xad\xbe\xef") << false << false << true << "\\xde\\xad\\xbe\\xef";
        QTest::newRow("mark after a letter kept")
            << QByteArray("e\xcc\x81") << false << false << true << QString::fromUtf8("e\xcc\x81");
        QTest::newRow("mark after an escape hex")
            << QByteArray("\x01\xcc\x81") << false << false << true << "\\x01\\xcc\\x81";
        QTest::newRow("private use hex")
            << QByteArray("\xee\x80\x80") << false << false << true << "\\xee\\x80\\x80";
    }
    void escape() {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, doubleQuote);
        QFETCH(bool, singleQuote);
        QFETCH(bool, keepUtf8);
        QFETCH(QString, expected);
        const EscapeOptions options{doubleQuote, singleQuote, keepUtf8};
        const std::string text = escapeBytes(view(bytes), options);
        QCOMPARE(QString::fromUtf8(text.c_str()), expected);
        const auto back = unescape(text);
        QVERIFY(back.has_value());
        QCOMPARE(toQt(*back), bytes);
    }

    void hiddenCharactersAsPlaceholder() {
        const EscapeOptions options{.keepUtf8 = true, .placeholderForHidden = true};
        QCOMPARE(QString::fromStdString(escapeBytes(view(QByteArray("\xde\xad\xbe\xef")), options)),
                 QString(QChar(0xb7)) + QStringLiteral("\\xbe\\xef"));
        QCOMPARE(
            QString::fromStdString(escapeBytes(view(QByteArray("a\xcc\x81\xee\x80\x80")), options)),
            QString::fromUtf8("a\xcc\x81") + QChar(0xb7));
        QVERIFY(!isShowable(0x07ad, false));
        QVERIFY(isShowable(0x07ad, true));
        QVERIFY(!isShowable(0xe000, true));
        QVERIFY(!isShowable(0xfffe, true));
        QVERIFY(isShowable(U'é', false));
        QCOMPARE(kHiddenPlaceholder, char32_t{0xb7});
    }

    void preview_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("maxChars");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fits") << QByteArray("hello") << 5 << "hello";
        QTest::newRow("cut") << QByteArray("hello world") << 8 << "hello...";
        QTest::newRow("escape not split") << QByteArray("ab\x01"
                                                        "cdef")
                                          << 8 << "ab...";
        QTest::newRow("escape not split 2") << QByteArray("abcd\x01"
                                                          "ef")
                                            << 8 << "abcd...";
        QTest::newRow("escape fits exactly") << QByteArray("ab\x01") << 6 << "ab\\x01";
        QTest::newRow("escape fits before dots") << QByteArray("a\x01"
                                                               "bcdef")
                                                 << 8 << "a\\x01...";
        QTest::newRow("tiny limit") << QByteArray("hello") << 2 << "..";
        QTest::newRow("zero limit") << QByteArray("hello") << 0 << "";
        QTest::newRow("zero limit empty") << QByteArray() << 0 << "";
    }
    void preview() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, maxChars);
        QFETCH(QString, expected);
        const std::string out = escapePreview(view(bytes), static_cast<std::size_t>(maxChars));
        QCOMPARE(QString::fromStdString(out), expected);
        QVERIFY(out.size() <= static_cast<std::size_t>(maxChars));
    }

    void previewOfHugeInputIsBounded() {
        const QByteArray big(1 << 20, '\x01');
        const std::string out = escapePreview(view(big), 80);
        QCOMPARE(out.size(), std::size_t{79}); // 19 escapes of 4 characters, then "..."
        QVERIFY(out.ends_with("\\x01..."));
    }

    void roundTripRandom() {
        // Fixed seed: reproducible, and covers byte pairs like NUL + digit.
        QRandomGenerator rng(12345);
        for (int round = 0; round < 200; ++round) {
            QByteArray bytes;
            const int n = static_cast<int>(rng.bounded(64));
            for (int i = 0; i < n; ++i) {
                const int pick = static_cast<int>(rng.bounded(4));
                bytes.append(pick == 0   ? '\0'
                             : pick == 1 ? static_cast<char>('0' + rng.bounded(10))
                                         : static_cast<char>(rng.bounded(256)));
            }
            for (bool keepUtf8 : {false, true}) {
                const auto back = unescape(escapeBytes(view(bytes), {true, true, keepUtf8}));
                QVERIFY(back.has_value());
                QCOMPARE(toQt(*back), bytes);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCodecEscapes)
#include "test_codec_escapes.moc"
