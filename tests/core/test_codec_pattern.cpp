#include "core/codec/line_ending.h"
#include "core/codec/pattern.h"
#include "core/support/bytes.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

Q_DECLARE_METATYPE(socklab::PatternKind)
Q_DECLARE_METATYPE(socklab::LineEnding)

class TestCodecPattern : public QObject {
    Q_OBJECT

private slots:
    void parse_data() {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<PatternKind>("kind");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("errorPosition"); // -1 = valid
        QTest::addColumn<QString>("message");
        QTest::newRow("text literal")
            << QByteArray("a\\n") << PatternKind::Text << QByteArray("a\\n") << -1 << "";
        QTest::newRow("text utf8")
            << QByteArray("\xc3\xa9") << PatternKind::Text << QByteArray("\xc3\xa9") << -1 << "";
        QTest::newRow("escaped") << QByteArray("a\\r\\n\\x00") << PatternKind::Escaped
                                 << QByteArray("a\r\n\0", 4) << -1 << "";
        QTest::newRow("hex") << QByteArray("0d 0a") << PatternKind::Hex << QByteArray("\r\n") << -1
                             << "";
        QTest::newRow("hex error") << QByteArray("0d 0g") << PatternKind::Hex << QByteArray() << 4
                                   << "parse hex \"0d 0g\": bad hex digit 'g' at position 4";
        QTest::newRow("escape error")
            << QByteArray("ab\\") << PatternKind::Escaped << QByteArray() << 2
            << "parse escapes \"ab\\\": dangling backslash at "
               "position 2";
        QTest::newRow("empty text") << QByteArray() << PatternKind::Text << QByteArray() << 0
                                    << "parse pattern \"\": empty pattern";
        QTest::newRow("hex only separators")
            << QByteArray(" , ") << PatternKind::Hex << QByteArray() << 0
            << "parse pattern \" , \": empty pattern";
    }
    void parse() {
        QFETCH(QByteArray, pattern);
        QFETCH(PatternKind, kind);
        QFETCH(QByteArray, expected);
        QFETCH(int, errorPosition);
        QFETCH(QString, message);
        const auto r = parsePattern(pattern.toStdString(), kind);
        const auto pos = firstPatternError(pattern.toStdString(), kind);
        if (errorPosition < 0) {
            QVERIFY2(r.has_value(), r ? "" : r.error().message().c_str());
            QCOMPARE(toQt(*r), expected);
            QCOMPARE(pos, std::nullopt);
        } else {
            QVERIFY(!r.has_value());
            QCOMPARE(QString::fromStdString(r.error().message()), message);
            QCOMPARE(pos, std::optional<std::size_t>(errorPosition));
        }
    }

    void find_data() {
        QTest::addColumn<QByteArray>("haystack");
        QTest::addColumn<QByteArray>("needle");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("forward");  // -1 = none
        QTest::addColumn<int>("backward"); // last match starting before `from`; -1 = none
        QTest::newRow("simple") << QByteArray("abcabc") << QByteArray("bc") << 0 << 1 << -1;
        QTest::newRow("from middle") << QByteArray("abcabc") << QByteArray("bc") << 2 << 4 << 1;
        QTest::newRow("at end") << QByteArray("abcabc") << QByteArray("bc") << 6 << -1 << 4;
        QTest::newRow("past end") << QByteArray("abc") << QByteArray("c") << 10 << -1 << 2;
        QTest::newRow("none") << QByteArray("abc") << QByteArray("x") << 0 << -1 << -1;
        QTest::newRow("needle longer") << QByteArray("ab") << QByteArray("abc") << 0 << -1 << -1;
        QTest::newRow("empty needle") << QByteArray("ab") << QByteArray() << 0 << -1 << -1;
        QTest::newRow("binary") << QByteArray("\0\r\n\0\r\n", 6) << QByteArray("\0\r", 2) << 1 << 3
                                << 0;
        QTest::newRow("overlapping") << QByteArray("aaaa") << QByteArray("aa") << 1 << 1 << 0;
    }
    void find() {
        QFETCH(QByteArray, haystack);
        QFETCH(QByteArray, needle);
        QFETCH(int, from);
        QFETCH(int, forward);
        QFETCH(int, backward);
        const auto toOpt = [](int v) {
            return v < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(v));
        };
        QCOMPARE(findBytes(view(haystack), view(needle), static_cast<std::size_t>(from)),
                 toOpt(forward));
        QCOMPARE(findBytesBackward(view(haystack), view(needle), static_cast<std::size_t>(from)),
                 toOpt(backward));
        // Qt's own search is the reference for the forward direction.
        if (!needle.isEmpty()) {
            QCOMPARE(forward, static_cast<int>(haystack.indexOf(needle, from)));
        }
    }

    void lineEnding_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<LineEnding>("ending");
        QTest::addColumn<bool>("appendFinal");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("none unchanged")
            << QByteArray("a\nb\r\n") << LineEnding::None << true << QByteArray("a\nb\r\n");
        QTest::newRow("lf append")
            << QByteArray("hello") << LineEnding::Lf << true << QByteArray("hello\n");
        QTest::newRow("crlf append")
            << QByteArray("hello") << LineEnding::CrLf << true << QByteArray("hello\r\n");
        QTest::newRow("cr append")
            << QByteArray("hello") << LineEnding::Cr << true << QByteArray("hello\r");
        QTest::newRow("crlf converts lf")
            << QByteArray("a\nb") << LineEnding::CrLf << true << QByteArray("a\r\nb\r\n");
        QTest::newRow("crlf keeps crlf")
            << QByteArray("a\r\nb") << LineEnding::CrLf << false << QByteArray("a\r\nb");
        QTest::newRow("lf converts all")
            << QByteArray("a\r\nb\rc\nd") << LineEnding::Lf << false << QByteArray("a\nb\nc\nd");
        QTest::newRow("cr converts")
            << QByteArray("a\n\nb") << LineEnding::Cr << false << QByteArray("a\r\rb");
        QTest::newRow("lf cr is two breaks")
            << QByteArray("a\n\rb") << LineEnding::CrLf << false << QByteArray("a\r\n\r\nb");
        QTest::newRow("trailing break plus final")
            << QByteArray("a\n") << LineEnding::CrLf << true << QByteArray("a\r\n\r\n");
        QTest::newRow("empty with final")
            << QByteArray() << LineEnding::CrLf << true << QByteArray("\r\n");
        QTest::newRow("escapes untouched")
            << QByteArray("a\\n") << LineEnding::Lf << true << QByteArray("a\\n\n");
    }
    void lineEnding() {
        QFETCH(QByteArray, text);
        QFETCH(LineEnding, ending);
        QFETCH(bool, appendFinal);
        QFETCH(QByteArray, expected);
        QCOMPARE(
            QByteArray::fromStdString(applyLineEnding(text.toStdString(), ending, appendFinal)),
            expected);
    }

    void lineEndingNames() {
        for (LineEnding e : {LineEnding::None, LineEnding::Lf, LineEnding::Cr, LineEnding::CrLf}) {
            const auto parsed = parseLineEnding(lineEndingName(e));
            QVERIFY(parsed.has_value());
            QCOMPARE(*parsed, e);
        }
        QCOMPARE(*parseLineEnding("CRLF"), LineEnding::CrLf);
        QCOMPARE(lineEndingChars(LineEnding::CrLf), std::string_view("\r\n"));
        QCOMPARE(lineEndingChars(LineEnding::None), std::string_view(""));
        const auto bad = parseLineEnding("dos");
        QVERIFY(!bad);
        QCOMPARE(QString::fromStdString(bad.error().message()),
                 QString("parse line ending \"dos\": expected none, lf, cr or crlf"));
    }
};

QTEST_APPLESS_MAIN(TestCodecPattern)
#include "test_codec_pattern.moc"
