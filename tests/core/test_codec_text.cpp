#include "core/codec/text_decode.h"
#include "core/codec/utf8.h"
#include "core/support/bytes.h"

#include <QRandomGenerator>
#include <QTest>

using namespace socklab;
using namespace socklab::test;

Q_DECLARE_METATYPE(socklab::TextEncoding)
Q_DECLARE_METATYPE(socklab::InvalidByteStyle)
Q_DECLARE_METATYPE(socklab::ControlStyle)

namespace {

QList<int> unitOffsets(const DecodedText& d) {
    QList<int> out;
    for (const auto& u : d.units) {
        out.append(static_cast<int>(u.byteOffset));
    }
    return out;
}

QList<bool> unitInvalid(const DecodedText& d) {
    QList<bool> out;
    for (const auto& u : d.units) {
        out.append(u.invalid);
    }
    return out;
}

} // namespace

class TestCodecText : public QObject {
    Q_OBJECT

private slots:
    void validUtf8() {
        const auto b = [](const char* s, std::size_t n) {
            return ByteView(reinterpret_cast<const std::byte*>(s), n);
        };
        QVERIFY(isValidUtf8(b("", 0)));
        QVERIFY(isValidUtf8(b("h\xc3\xa9llo", 6)));
        QVERIFY(!isValidUtf8(b("ok\xff", 3)));
        QVERIFY(!isValidUtf8(b("\xe4\xb8", 2)));     // cut short
        QVERIFY(!isValidUtf8(b("\xc0\xaf", 2)));     // overlong
        QVERIFY(!isValidUtf8(b("\xed\xa0\x80", 3))); // surrogate
    }

    void decode_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<TextEncoding>("encoding");
        QTest::addColumn<InvalidByteStyle>("invalid");
        QTest::addColumn<ControlStyle>("controls");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QList<int>>("offsets");
        QTest::addColumn<QList<bool>>("bad");
        const auto U = TextEncoding::Utf8;
        const auto L = TextEncoding::Latin1;
        const auto A = TextEncoding::Ascii;
        const auto R = InvalidByteStyle::Replacement;
        const auto X = InvalidByteStyle::HexEscape;
        const auto K = ControlStyle::Keep;
        const QString fffd(QChar(0xfffd));
        QTest::newRow("empty") << QByteArray() << U << R << K << "" << QList<int>{}
                               << QList<bool>{};
        QTest::newRow("ascii") << QByteArray("hi\n") << U << R << K << "hi\n"
                               << QList<int>{0, 1, 2} << QList<bool>{false, false, false};
        QTest::newRow("utf8 2/3/4 byte")
            << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80!") << U << R << K
            << QString::fromUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80!") << QList<int>{0, 2, 5, 9}
            << QList<bool>{false, false, false, false};
        QTest::newRow("lone continuation")
            << QByteArray("a\x80z") << U << R << K << "a" + fffd + "z" << QList<int>{0, 1, 2}
            << QList<bool>{false, true, false};
        QTest::newRow("lone continuation hex")
            << QByteArray("a\x80z") << U << X << K << "a\\x80z" << QList<int>{0, 1, 2}
            << QList<bool>{false, true, false};
        QTest::newRow("truncated then ascii") << QByteArray("\xe2\x82"
                                                            "A")
                                              << U << X << K << "\\xe2\\x82A" << QList<int>{0, 1, 2}
                                              << QList<bool>{true, true, false};
        QTest::newRow("truncated at end")
            << QByteArray("ok\xf0\x9f\x98") << U << R << K << "ok" + fffd + fffd + fffd
            << QList<int>{0, 1, 2, 3, 4} << QList<bool>{false, false, true, true, true};
        QTest::newRow("overlong c0") << QByteArray("\xc0\xaf") << U << X << K << "\\xc0\\xaf"
                                     << QList<int>{0, 1} << QList<bool>{true, true};
        QTest::newRow("overlong e0")
            << QByteArray("\xe0\x80\xaf") << U << X << K << "\\xe0\\x80\\xaf" << QList<int>{0, 1, 2}
            << QList<bool>{true, true, true};
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << U << X << K << "\\xed\\xa0\\x80"
                                   << QList<int>{0, 1, 2} << QList<bool>{true, true, true};
        QTest::newRow("above 10ffff")
            << QByteArray("\xf4\x90\x80\x80") << U << X << K << "\\xf4\\x90\\x80\\x80"
            << QList<int>{0, 1, 2, 3} << QList<bool>{true, true, true, true};
        QTest::newRow("f5 ff") << QByteArray("\xf5\xff") << U << R << K << fffd + fffd
                               << QList<int>{0, 1} << QList<bool>{true, true};
        QTest::newRow("max code point")
            << QByteArray("\xf4\x8f\xbf\xbf") << U << R << K << QString::fromUcs4(U"\U0010ffff")
            << QList<int>{0} << QList<bool>{false};
        QTest::newRow("latin1") << QByteArray("caf\xe9\xff") << L << R << K
                                << QString::fromLatin1("caf\xe9\xff") << QList<int>{0, 1, 2, 3, 4}
                                << QList<bool>(5, false);
        QTest::newRow("latin1 of utf8")
            << QByteArray("\xc3\xa9") << L << R << K << QString::fromLatin1("\xc3\xa9")
            << QList<int>{0, 1} << QList<bool>{false, false};
        QTest::newRow("ascii high") << QByteArray("a\xc3\xa9") << A << X << K << "a\\xc3\\xa9"
                                    << QList<int>{0, 1, 2} << QList<bool>{false, true, true};
        QTest::newRow("ascii replacement")
            << QByteArray("\xff") << A << R << K << fffd << QList<int>{0} << QList<bool>{true};
        QTest::newRow("pictures") << QByteArray("a\r\n\0\x1b\x7f", 6) << U << R
                                  << ControlStyle::Pictures
                                  << QString::fromUtf8("a\xe2\x90\x8d\n\xe2\x90\x80\xe2\x90\x9b"
                                                       "\xe2\x90\xa1")
                                  << QList<int>{0, 1, 2, 3, 4, 5} << QList<bool>(6, false);
        QTest::newRow("escape controls")
            << QByteArray("a\r\n\t\0\x01", 6) << L << R << ControlStyle::Escape
            << "a\\r\\n\\t\\0\\x01" << QList<int>{0, 1, 2, 3, 4, 5} << QList<bool>(6, false);
    }
    void decode() {
        QFETCH(QByteArray, bytes);
        QFETCH(TextEncoding, encoding);
        QFETCH(InvalidByteStyle, invalid);
        QFETCH(ControlStyle, controls);
        QFETCH(QString, expected);
        QFETCH(QList<int>, offsets);
        QFETCH(QList<bool>, bad);
        const TextDecodeOptions options{encoding, invalid, controls};
        const DecodedText d = decodeText(view(bytes), options);
        const QString text =
            QString::fromUtf8(d.text.data(), static_cast<qsizetype>(d.text.size()));
        QCOMPARE(text, expected);
        QCOMPARE(unitOffsets(d), offsets);
        QCOMPARE(unitInvalid(d), bad);
        QCOMPARE(d.byteBegin, 0u);
        QCOMPARE(d.byteEnd, static_cast<std::uint64_t>(bytes.size()));
        QCOMPARE(d.length(TextUnit::Utf16), static_cast<std::size_t>(expected.size()));
        QCOMPARE(d.length(TextUnit::CodePoint), static_cast<std::size_t>(expected.toUcs4().size()));
        // Every UTF-16 position maps back to the byte that produced it, and that byte maps to
        // the start of its unit (the same highlight in hex and text views).
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const std::uint64_t b = d.byteOffsetAt(static_cast<std::size_t>(i), TextUnit::Utf16);
            QVERIFY(b < static_cast<std::uint64_t>(bytes.size()));
            QVERIFY(d.textIndexAt(b, TextUnit::Utf16) <= static_cast<std::size_t>(i));
        }
    }

    void positionMaps() {
        // "a" U+00E9 U+1F600 <bad ff> "z": bytes 0,1-2,3-6,7,8
        const QByteArray bytes("a\xc3\xa9\xf0\x9f\x98\x80\xff"
                               "z");
        const DecodedText d = decodeText(view(bytes), {}, 1000);
        QCOMPARE(d.byteBegin, 1000u);
        QCOMPARE(d.byteEnd, 1009u);
        // UTF-16: a=0, e9=1, emoji=2..3, fffd=4, z=5
        const QList<int> byUtf16{1000, 1001, 1003, 1003, 1007, 1008};
        for (int i = 0; i < byUtf16.size(); ++i) {
            QCOMPARE(d.byteOffsetAt(static_cast<std::size_t>(i), TextUnit::Utf16),
                     static_cast<std::uint64_t>(byUtf16[i]));
        }
        QCOMPARE(d.byteOffsetAt(6, TextUnit::Utf16), 1009u);
        // Code points: a, e9, emoji, fffd, z
        QCOMPARE(d.byteOffsetAt(2, TextUnit::CodePoint), 1003u);
        QCOMPARE(d.byteOffsetAt(3, TextUnit::CodePoint), 1007u);
        // UTF-8 text offsets: a=0, e9=1..2, emoji=3..6, fffd=7..9, z=10
        QCOMPARE(d.byteOffsetAt(9, TextUnit::Utf8), 1007u);
        QCOMPARE(d.byteOffsetAt(10, TextUnit::Utf8), 1008u);
        // Bytes -> text: any byte inside a sequence maps to the sequence's character.
        const QList<int> toUtf16{0, 1, 1, 2, 2, 2, 2, 4, 5};
        for (int b = 0; b < toUtf16.size(); ++b) {
            QCOMPARE(d.textIndexAt(1000u + static_cast<unsigned>(b), TextUnit::Utf16),
                     static_cast<std::size_t>(toUtf16[b]));
        }
        QCOMPARE(d.textIndexAt(5, TextUnit::CodePoint), std::size_t{0}); // before byteBegin
        QCOMPARE(d.textIndexAt(1005, TextUnit::CodePoint), std::size_t{2});
        QCOMPARE(d.textIndexAt(999, TextUnit::Utf16), std::size_t{0});
        QCOMPARE(d.textIndexAt(1009, TextUnit::Utf16), std::size_t{6});
        QCOMPARE(d.textIndexAt(5000, TextUnit::Utf8), d.text.size());
    }

    void splitAcrossChunks_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("mixed") << QByteArray("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z");
        QTest::newRow("with invalid") << QByteArray("\xe2\x82"
                                                    "A\xf0\x9f\x98\x80\x80\xc3\xa9");
        QTest::newRow("truncated end") << QByteArray("xy\xf0\x9f\x98");
    }
    void splitAcrossChunks() {
        QFETCH(QByteArray, bytes);
        const DecodedText whole = decodeText(view(bytes), {}, 50);
        const ByteView all = view(bytes);
        // Every split into two chunks, and every split into three, decodes like one buffer.
        for (std::size_t a = 0; a <= all.size(); ++a) {
            for (std::size_t b = a; b <= all.size(); ++b) {
                TextDecoder decoder({}, 50);
                const DecodedText p1 = decoder.decode(all.subspan(0, a));
                const DecodedText p2 = decoder.decode(all.subspan(a, b - a));
                const DecodedText p3 = decoder.decode(all.subspan(b), true);
                QCOMPARE(decoder.pendingBytes(), std::size_t{0});
                QCOMPARE(p1.text + p2.text + p3.text, whole.text);
                QList<int> offsets = unitOffsets(p1) + unitOffsets(p2) + unitOffsets(p3);
                QCOMPARE(offsets, unitOffsets(whole));
                QCOMPARE(p1.byteEnd, p2.byteBegin);
                QCOMPARE(p2.byteEnd, p3.byteBegin);
                QCOMPARE(p3.byteEnd, 50u + all.size());
            }
        }
    }

    void pendingHeldBack() {
        const QByteArray bytes("ab\xe2\x82");
        TextDecoder decoder;
        const DecodedText first = decoder.decode(view(bytes));
        QCOMPARE(first.text, std::string("ab"));
        QCOMPARE(first.byteEnd, 2u);
        QCOMPARE(decoder.pendingBytes(), std::size_t{2});
        const DecodedText second = decoder.decode(view(QByteArray("\xac")), true);
        QCOMPARE(second.text, std::string("\xe2\x82\xac"));
        QCOMPARE(second.units.size(), std::size_t{1});
        QCOMPARE(second.units[0].byteOffset, 2u);
        QCOMPARE(second.units[0].byteCount, std::uint8_t{3});
        QCOMPARE(second.byteBegin, 2u);
    }

    void alignToCharStart_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("mixed") << QByteArray("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z");
        QTest::newRow("invalid around")
            << QByteArray("\x80\xe2\xe2\x82\xac\xc3\xf0\x9f\x98\x80\xbf");
        QTest::newRow("ascii") << QByteArray("plain");
    }
    void alignToCharStart() {
        QFETCH(QByteArray, bytes);
        // The aligned start of every byte is the start of the unit a whole-buffer decode puts
        // it in, so a view that decodes only a window from there shows the same characters.
        const DecodedText whole = decodeText(view(bytes));
        for (const auto& unit : whole.units) {
            for (std::size_t k = 0; k < unit.byteCount; ++k) {
                const std::size_t offset = unit.byteOffset + k;
                QCOMPARE(socklab::alignToCharStart(view(bytes), offset), unit.byteOffset);
                QCOMPARE(socklab::alignToCharStart(view(bytes), offset, TextEncoding::Latin1),
                         offset);
            }
        }
        QCOMPARE(socklab::alignToCharStart(view(bytes), bytes.size()),
                 static_cast<std::size_t>(bytes.size()));
    }

    void agreesWithQtOnValidUtf8() {
        // Qt's own UTF-8 decoder and UTF-16 lengths are an independent reference.
        QRandomGenerator rng(777);
        for (int round = 0; round < 200; ++round) {
            QList<uint> cps;
            const int n = static_cast<int>(rng.bounded(20));
            for (int i = 0; i < n; ++i) {
                uint cp = 0;
                switch (rng.bounded(4)) {
                case 0:
                    cp = 0x20 + rng.bounded(0x5f);
                    break;
                case 1:
                    cp = 0x80 + rng.bounded(0x780);
                    break;
                case 2:
                    cp = 0xe000 + rng.bounded(0x2000);
                    break;
                default:
                    cp = 0x10000 + rng.bounded(0x100000);
                }
                cps.append(cp);
            }
            const QString s =
                QString::fromUcs4(reinterpret_cast<const char32_t*>(cps.constData()), cps.size());
            const QByteArray utf8 = s.toUtf8();
            const DecodedText d = decodeText(view(utf8));
            QCOMPARE(QString::fromStdString(d.text), s);
            QCOMPARE(d.length(TextUnit::Utf16), static_cast<std::size_t>(s.size()));
            for (qsizetype i = 0; i <= s.size(); ++i) {
                if (i < s.size() && s.at(i).isLowSurrogate()) {
                    continue;
                }
                const auto expected = static_cast<std::uint64_t>(s.left(i).toUtf8().size());
                QCOMPARE(d.byteOffsetAt(static_cast<std::size_t>(i), TextUnit::Utf16), expected);
                QCOMPARE(d.textIndexAt(expected, TextUnit::Utf16), static_cast<std::size_t>(i));
            }
        }
    }

    void utf8Step_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<uint>("codePoint");
        QTest::addColumn<int>("length");
        const int V = static_cast<int>(Utf8Status::Valid);
        const int I = static_cast<int>(Utf8Status::Invalid);
        const int P = static_cast<int>(Utf8Status::Incomplete);
        QTest::newRow("ascii") << QByteArray("A") << V << 0x41u << 1;
        QTest::newRow("nul") << QByteArray("\0", 1) << V << 0u << 1;
        QTest::newRow("c2 80") << QByteArray("\xc2\x80") << V << 0x80u << 2;
        QTest::newRow("e0 a0 80") << QByteArray("\xe0\xa0\x80") << V << 0x800u << 3;
        QTest::newRow("ef bf bf") << QByteArray("\xef\xbf\xbf") << V << 0xffffu << 3;
        QTest::newRow("f0 90 80 80") << QByteArray("\xf0\x90\x80\x80") << V << 0x10000u << 4;
        QTest::newRow("e2 prefix") << QByteArray("\xe2") << P << 0u << 1;
        QTest::newRow("f0 9f 98 prefix") << QByteArray("\xf0\x9f\x98") << P << 0u << 3;
        QTest::newRow("f0 80 never valid") << QByteArray("\xf0\x80") << I << 0u << 1;
        QTest::newRow("ed a0 surrogate") << QByteArray("\xed\xa0") << I << 0u << 1;
        QTest::newRow("c1 overlong") << QByteArray("\xc1\xbf") << I << 0u << 1;
        QTest::newRow("c3 then ascii") << QByteArray("\xc3(") << I << 0u << 1;
        QTest::newRow("continuation") << QByteArray("\xbf") << I << 0u << 1;
    }
    void utf8Step() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(uint, codePoint);
        QFETCH(int, length);
        const Utf8Step step = decodeUtf8Step(view(bytes));
        QCOMPARE(static_cast<int>(step.status), status);
        if (step.status == Utf8Status::Valid) {
            QCOMPARE(static_cast<uint>(step.codePoint), codePoint);
        }
        QCOMPARE(step.length, static_cast<std::size_t>(length));
    }
};

QTEST_APPLESS_MAIN(TestCodecText)
#include "test_codec_text.moc"
