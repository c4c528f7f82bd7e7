#include "core/codec/escapes.h"
#include "core/respond/framing.h"
#include "core/support/bytes.h"

#include <QElapsedTimer>
#include <QTest>
#include <array>
#include <initializer_list>
#include <random>
#include <string_view>

using namespace socklab;
using namespace socklab::test;

namespace {

using enum FrameNote;

/// Bytes of a literal, embedded NULs included.
template <std::size_t N> QByteArray B(const char (&text)[N]) {
    return QByteArray(text, static_cast<qsizetype>(N - 1));
}

/// n bytes of varied values (a payload whose content does not matter).
QByteArray payload(int n) {
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i) {
        out[i] = static_cast<char>((i * 7 + 3) % 251);
    }
    return out;
}

QString noteName(FrameNote note) {
    switch (note) {
    case None:
        return QStringLiteral("None");
    case Cut:
        return QStringLiteral("Cut");
    case Unfinished:
        return QStringLiteral("Unfinished");
    case BadLength:
        return QStringLiteral("BadLength");
    }
    return QStringLiteral("?");
}

/// One delivered message as text, so that a list comparison shows the first difference.
QString render(std::uint64_t begin, ByteView bytes, FrameNote note) {
    return QStringLiteral("%1 %2 \"%3\"")
        .arg(begin)
        .arg(noteName(note), QString::fromStdString(escapeBytes(bytes)));
}

struct F {
    QByteArray bytes;
    FrameNote note = None;
};

/// The expected messages, tiling the stream from offset 0.
QStringList frames(std::initializer_list<F> list) {
    QStringList out;
    std::uint64_t at = 0;
    for (const F& f : list) {
        out << render(at, view(f.bytes), f.note);
        at += static_cast<std::uint64_t>(f.bytes.size());
    }
    return out;
}

FramingSpec specOf(const QString& text) {
    const auto spec = parseFraming(text.toStdString());
    if (!spec) {
        qFatal("bad spec in test data: %s", spec.error().message().c_str());
    }
    return *spec;
}

/// What a framer delivered for a stream fed in reads of the given sizes, then finished; the
/// invariants every feed must keep are checked on the way (problems says which broke).
struct Outcome {
    QStringList frames;
    QStringList problems;
};

Outcome runReads(const FramingSpec& spec, const QByteArray& stream,
                 const std::vector<std::size_t>& reads) {
    Outcome out;
    Framer framer(spec);
    std::uint64_t next = 0;
    QByteArray delivered;
    const Framer::Sink sink = [&](const FramedMessage& m) {
        if (m.begin != next) {
            out.problems << QStringLiteral("message at %1, expected at %2").arg(m.begin).arg(next);
        }
        if (m.bytes.empty()) {
            out.problems << QStringLiteral("empty message at %1").arg(m.begin);
        }
        if (spec.mode != FramingMode::Raw && m.bytes.size() > spec.maxMessageBytes) {
            out.problems << QStringLiteral("message of %1 bytes").arg(m.bytes.size());
        }
        next = m.begin + m.bytes.size();
        delivered += toQt(m.bytes);
        out.frames << render(m.begin, m.bytes, m.note);
    };
    std::size_t fed = 0;
    for (const std::size_t n : reads) {
        framer.feed(view(stream).subspan(fed, n), 0, sink);
        fed += n;
        if (framer.offset() != fed || next + framer.pendingBytes() != fed) {
            out.problems << QStringLiteral("after %1 bytes: offset %2, delivered %3, pending %4")
                                .arg(fed)
                                .arg(framer.offset())
                                .arg(next)
                                .arg(framer.pendingBytes());
        }
    }
    framer.finish(sink);
    if (framer.pendingBytes() != 0 || delivered != stream || framer.offset() != fed) {
        out.problems << QStringLiteral("after finish: not every byte delivered exactly once");
    }
    return out;
}

/// The messages of a whole stream found the obvious way (not incrementally), finished at its
/// end: the oracle the incremental Framer is compared with. IdleGap: all bytes at one time.
QStringList referenceFrames(const FramingSpec& spec, const QByteArray& stream) {
    QStringList out;
    const qsizetype n = stream.size();
    const auto max = static_cast<qsizetype>(spec.maxMessageBytes);
    qsizetype pos = 0;
    while (pos < n) {
        qsizetype end = n;
        FrameNote note = Unfinished;
        switch (spec.mode) {
        case FramingMode::Raw:
        case FramingMode::IdleGap:
            note = None;
            break;
        case FramingMode::Delimiter: {
            const qsizetype at = stream.indexOf(toQt(spec.delimiter), pos);
            if (at >= 0) {
                end = at + static_cast<qsizetype>(spec.delimiter.size());
                note = None;
            }
            break;
        }
        case FramingMode::FixedLength:
            if (n - pos >= static_cast<qsizetype>(spec.length)) {
                end = pos + static_cast<qsizetype>(spec.length);
                note = None;
            }
            break;
        case FramingMode::LengthPrefixed: {
            const qsizetype h = spec.prefixBytes;
            if (n - pos < h) {
                break;
            }
            std::uint64_t value = 0;
            for (qsizetype i = 0; i < h; ++i) {
                const qsizetype at = spec.prefixBigEndian ? pos + i : pos + h - 1 - i;
                value = (value << 8) | static_cast<std::uint8_t>(stream[at]);
            }
            std::uint64_t length = value + static_cast<std::uint64_t>(h);
            FrameNote whole = None;
            if (spec.prefixCountsHeader) {
                length =
                    value < static_cast<std::uint64_t>(h) ? static_cast<std::uint64_t>(h) : value;
                whole = value < static_cast<std::uint64_t>(h) ? BadLength : None;
            }
            if (length <= static_cast<std::uint64_t>(n - pos)) {
                end = pos + static_cast<qsizetype>(length);
                note = whole;
            }
            break;
        }
        }
        if (spec.mode == FramingMode::Raw) {
            out << render(0, view(stream), None);
            break;
        }
        for (; end - pos > max; pos += max) {
            out << render(static_cast<std::uint64_t>(pos), view(stream.mid(pos, max)), Cut);
        }
        out << render(static_cast<std::uint64_t>(pos), view(stream.mid(pos, end - pos)), note);
        pos = end;
    }
    return out;
}

QString describeReads(const std::vector<std::size_t>& reads) {
    QStringList sizes;
    for (const std::size_t n : reads) {
        sizes << QString::number(n);
    }
    return sizes.join(QLatin1Char(' '));
}

} // namespace

class TestFraming : public QObject {
    Q_OBJECT

private slots:
    // Every mode whose boundaries do not depend on read sizes: the stream (the messages one
    // after the other) is fed whole, byte by byte, in 200 seeded random read patterns (empty
    // reads included), one read per message and reads merging 2 and 3 messages; the messages
    // delivered must be the same every time.
    void sameMessagesWhateverTheReads_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QByteArrayList>("messages");
        QTest::addColumn<QStringList>("expected");

        // Delimiter.
        QTest::newRow("lf, unfinished tail")
            << "lf" << QByteArrayList{B("hello\n"), B("world\n"), B("\n"), B("x")}
            << frames({{B("hello\n")}, {B("world\n")}, {B("\n")}, {B("x"), Unfinished}});
        QTest::newRow("lf, nothing pending at the end")
            << "lf" << QByteArrayList{B("a\n"), B("bc\n")} << frames({{B("a\n")}, {B("bc\n")}});
        QTest::newRow("crlf, repeated \\r before the delimiter")
            << "crlf" << QByteArrayList{B("a\r\n"), B("\r\r\n"), B("b\rc\r\n"),
                                        B("\r\n"),  B("\n\r\n"), B("tail\r")}
            << frames({{B("a\r\n")},
                       {B("\r\r\n")},
                       {B("b\rc\r\n")},
                       {B("\r\n")},
                       {B("\n\r\n")},
                       {B("tail\r"), Unfinished}});
        QTest::newRow("delim aab (partial match falls back)")
            << "delim:aab" << QByteArrayList{B("aaab"), B("xaab"), B("aab"), B("aaaaab"), B("aa")}
            << frames({{B("aaab")}, {B("xaab")}, {B("aab")}, {B("aaaaab")}, {B("aa"), Unfinished}});
        QTest::newRow("delim abab (self-overlapping)")
            << "delim:abab" << QByteArrayList{B("abab"), B("aabab"), B("abaabab"), B("ab")}
            << frames({{B("abab")}, {B("aabab")}, {B("abaabab")}, {B("ab"), Unfinished}});
        QTest::newRow("delimhex 00ff")
            << "delimhex:00ff"
            << QByteArrayList{B("a\x00\xff"), B("\x00\x00\xff"), B("\xff\x00\xff")}
            << frames({{B("a\x00\xff")}, {B("\x00\x00\xff")}, {B("\xff\x00\xff")}});
        QTest::newRow("delim \\x03") << "delim:\\x03"
                                     << QByteArrayList{B("\x02"
                                                         "abc\x03"),
                                                       B("\x03")}
                                     << frames({{B("\x02"
                                                   "abc\x03")},
                                                {B("\x03")}});
        QTest::newRow("nul") << "nul" << QByteArrayList{B("ab\x00"), B("\x00")}
                             << frames({{B("ab\x00")}, {B("\x00")}});

        // Delimiter with cuts: pieces of exactly max, all Cut but the one ending the message.
        QTest::newRow("lf, max 4")
            << "lf,max:4"
            << QByteArrayList{B("abcdefghij\n"), B("abc\n"), B("abcd\n"), B("abcdefg\n"), B("xy")}
            << frames({{B("abcd"), Cut},
                       {B("efgh"), Cut},
                       {B("ij\n")},
                       {B("abc\n")},
                       {B("abcd"), Cut},
                       {B("\n")},
                       {B("abcd"), Cut},
                       {B("efg\n")},
                       {B("xy"), Unfinished}});
        // A delimiter that straddles a cut still ends the message: its first byte ends a Cut
        // piece, the rest is the last piece.
        QTest::newRow("crlf, max 4, delimiter across the cut")
            << "crlf,max:4"
            << QByteArrayList{B("abc\r\n"), B("x\r\n"), B("abcd\r\n"), B("\r\r\r\r\r\n"),
                              B("abc\r")}
            << frames({{B("abc\r"), Cut},
                       {B("\n")},
                       {B("x\r\n")},
                       {B("abcd"), Cut},
                       {B("\r\n")},
                       {B("\r\r\r\r"), Cut},
                       {B("\r\n")},
                       {B("abc\r"), Unfinished}});
        QTest::newRow("delimiter longer than max")
            << "delim:--END--,max:3" << QByteArrayList{B("ab--END--"), B("--END--"), B("x")}
            << frames({{B("ab-"), Cut},
                       {B("-EN"), Cut},
                       {B("D--")},
                       {B("--E"), Cut},
                       {B("ND-"), Cut},
                       {B("-")},
                       {B("x"), Unfinished}});
        QTest::newRow("lf, max 1") << "lf,max:1" << QByteArrayList{B("ab\n"), B("\n")}
                                   << frames({{B("a"), Cut}, {B("b"), Cut}, {B("\n")}, {B("\n")}});
        QTest::newRow("lf, max 4, unfinished after cuts")
            << "lf,max:4" << QByteArrayList{B("abcdefghij")}
            << frames({{B("abcd"), Cut}, {B("efgh"), Cut}, {B("ij"), Unfinished}});
        // A piece is only cut once a byte after it arrived: a tail of exactly max is Unfinished.
        QTest::newRow("lf, max 4, unfinished multiple of max")
            << "lf,max:4" << QByteArrayList{B("abcdefgh")}
            << frames({{B("abcd"), Cut}, {B("efgh"), Unfinished}});

        // Fixed length.
        QTest::newRow("fixed 3") << "fixed:3" << QByteArrayList{B("abc"), B("def"), B("gh")}
                                 << frames({{B("abc")}, {B("def")}, {B("gh"), Unfinished}});
        QTest::newRow("fixed 1") << "fixed:1" << QByteArrayList{B("a"), B("b"), B("\x00")}
                                 << frames({{B("a")}, {B("b")}, {B("\x00")}});
        QTest::newRow("fixed 10, max 4")
            << "fixed:10,max:4" << QByteArrayList{B("0123456789"), B("abcdefghij"), B("xy")}
            << frames({{B("0123"), Cut},
                       {B("4567"), Cut},
                       {B("89")},
                       {B("abcd"), Cut},
                       {B("efgh"), Cut},
                       {B("ij")},
                       {B("xy"), Unfinished}});
        QTest::newRow("fixed 8, max 4")
            << "fixed:8,max:4" << QByteArrayList{B("abcdefgh"), B("ABCDEF")}
            << frames({{B("abcd"), Cut}, {B("efgh")}, {B("ABCD"), Cut}, {B("EF"), Unfinished}});

        // Length prefixed: the header is part of the message.
        const QByteArray len1Big = B("\xff") + payload(255);
        QTest::newRow("len 1") << "len:1"
                               << QByteArrayList{B("\x03"
                                                   "abc"),
                                                 B("\x00"), B("\x01z"), len1Big}
                               << frames({{B("\x03"
                                             "abc")},
                                          {B("\x00")},
                                          {B("\x01z")},
                                          {len1Big}});
        const QByteArray be256 = B("\x01\x00") + payload(256);
        QTest::newRow("len 2be") << "len:2be"
                                 << QByteArrayList{B("\x00\x05hello"), B("\x00\x00"), be256,
                                                   B("\x00\x04"
                                                     "ab")}
                                 << frames({{B("\x00\x05hello")},
                                            {B("\x00\x00")},
                                            {be256},
                                            {B("\x00\x04"
                                               "ab"),
                                             Unfinished}});
        const QByteArray le256 = B("\x00\x01") + payload(256);
        QTest::newRow("len 2le, header unfinished")
            << "len:2le" << QByteArrayList{B("\x05\x00hello"), B("\x00\x00"), le256, B("\x07")}
            << frames({{B("\x05\x00hello")}, {B("\x00\x00")}, {le256}, {B("\x07"), Unfinished}});
        // 0x00000102 = 258 big-endian; read little-endian it would be 0x02010000.
        const QByteArray be258 = B("\x00\x00\x01\x02") + payload(258);
        QTest::newRow("len 4be") << "len:4be"
                                 << QByteArrayList{B("\x00\x00\x00\x02hi"), B("\x00\x00\x00\x00"),
                                                   be258,
                                                   B("\x01\x00\x00\x00"
                                                     "abcde")}
                                 << frames({{B("\x00\x00\x00\x02hi")},
                                            {B("\x00\x00\x00\x00")},
                                            {be258},
                                            {B("\x01\x00\x00\x00"
                                               "abcde"),
                                             Unfinished}});
        const QByteArray le258 = B("\x02\x01\x00\x00") + payload(258);
        QTest::newRow("len 4le") << "len:4le"
                                 << QByteArrayList{B("\x02\x00\x00\x00hi"), B("\x00\x00\x00\x00"),
                                                   le258,
                                                   B("\x00\x00\x00\x01"
                                                     "abcde")}
                                 << frames({{B("\x02\x00\x00\x00hi")},
                                            {B("\x00\x00\x00\x00")},
                                            {le258},
                                            {B("\x00\x00\x00\x01"
                                               "abcde"),
                                             Unfinished}});
        QTest::newRow("len 2be+hdr, bad lengths")
            << "len:2be+hdr"
            << QByteArrayList{B("\x00\x05"
                                "abc"),
                              B("\x00\x02"), B("\x00\x01"), B("\x00\x00"), B("\x00\x03z")}
            << frames({{B("\x00\x05"
                          "abc")},
                       {B("\x00\x02")},
                       {B("\x00\x01"), BadLength},
                       {B("\x00\x00"), BadLength},
                       {B("\x00\x03z")}});
        QTest::newRow("len 1+hdr") << "len:1+hdr"
                                   << QByteArrayList{B("\x00"), B("\x01"),
                                                     B("\x03"
                                                       "ab")}
                                   << frames({{B("\x00"), BadLength},
                                              {B("\x01")},
                                              {B("\x03"
                                                 "ab")}});
        QTest::newRow("len 4le+hdr") << "len:4le+hdr"
                                     << QByteArrayList{B("\x06\x00\x00\x00"
                                                         "ab"),
                                                       B("\x03\x00\x00\x00"), B("\x04\x00\x00\x00")}
                                     << frames({{B("\x06\x00\x00\x00"
                                                   "ab")},
                                                {B("\x03\x00\x00\x00"), BadLength},
                                                {B("\x04\x00\x00\x00")}});
        QTest::newRow("len 1, max 3") << "len:1,max:3"
                                      << QByteArrayList{B("\x05"
                                                          "abcde"),
                                                        B("\x02"
                                                          "ab"),
                                                        B("\x00"),
                                                        B("\x04"
                                                          "a")}
                                      << frames({{B("\x05"
                                                    "ab"),
                                                  Cut},
                                                 {B("cde")},
                                                 {B("\x02"
                                                    "ab")},
                                                 {B("\x00")},
                                                 {B("\x04"
                                                    "a"),
                                                  Unfinished}});
        QTest::newRow("len 4be, header longer than max")
            << "len:4be,max:2"
            << QByteArrayList{B("\x00\x00\x00\x01z"), B("\x00\x00\x00\x00"), B("\x00\x00")}
            << frames({{B("\x00\x00"), Cut},
                       {B("\x00\x01"), Cut},
                       {B("z")},
                       {B("\x00\x00"), Cut},
                       {B("\x00\x00")},
                       {B("\x00\x00"), Unfinished}});
        QTest::newRow("len 4be+hdr, bad length longer than max")
            << "len:4be+hdr,max:2"
            << QByteArrayList{B("\x00\x00\x00\x01"), B("\x00\x00\x00\x06"
                                                       "ab")}
            << frames({{B("\x00\x00"), Cut},
                       {B("\x00\x01"), BadLength},
                       {B("\x00\x00"), Cut},
                       {B("\x00\x06"), Cut},
                       {B("ab")}});
        const QByteArray le300 = B("\x2c\x01") + payload(300);
        QTest::newRow("len 2le, max 100") << "len:2le,max:100" << QByteArrayList{le300}
                                          << frames({{le300.mid(0, 100), Cut},
                                                     {le300.mid(100, 100), Cut},
                                                     {le300.mid(200, 100), Cut},
                                                     {le300.mid(300)}});

        // IdleGap with every read at the same time: one message at finish, cut by max.
        QTest::newRow("idle, max 4") << "idle:50,max:4" << QByteArrayList{B("abcdefghij")}
                                     << frames({{B("abcd"), Cut}, {B("efgh"), Cut}, {B("ij")}});
        QTest::newRow("idle, same time")
            << "idle:50" << QByteArrayList{B("abc"), B("def")} << frames({{B("abcdef")}});
    }
    void sameMessagesWhateverTheReads() {
        QFETCH(QString, spec);
        QFETCH(QByteArrayList, messages);
        QFETCH(QStringList, expected);
        const FramingSpec framing = specOf(spec);
        const QByteArray stream = messages.join();
        const std::size_t size = static_cast<std::size_t>(stream.size());

        std::vector<std::vector<std::size_t>> patterns;
        patterns.push_back({size});
        patterns.emplace_back(size, 1);
        for (std::uint32_t seed = 1; seed <= 200; ++seed) {
            std::mt19937 rng(seed);
            const std::size_t maxRead =
                std::uniform_int_distribution<std::size_t>(1, std::max<std::size_t>(1, size))(rng);
            std::uniform_int_distribution<std::size_t> readSize(0, maxRead);
            std::vector<std::size_t> reads;
            for (std::size_t left = size; left > 0;) {
                const std::size_t n = std::min(readSize(rng), left);
                reads.push_back(n);
                left -= n;
            }
            patterns.push_back(std::move(reads));
        }
        for (const qsizetype group : {1, 2, 3}) {
            std::vector<std::size_t> reads;
            for (qsizetype i = 0; i < messages.size(); i += group) {
                std::size_t n = 0;
                for (qsizetype k = i; k < std::min(i + group, messages.size()); ++k) {
                    n += static_cast<std::size_t>(messages[k].size());
                }
                reads.push_back(n);
            }
            patterns.push_back(std::move(reads));
        }

        for (const auto& reads : patterns) {
            const Outcome outcome = runReads(framing, stream, reads);
            if (outcome.frames != expected || !outcome.problems.isEmpty()) {
                qWarning().noquote() << "reads:" << describeReads(reads);
            }
            QVERIFY2(outcome.problems.isEmpty(), qPrintable(outcome.problems.join(u"; ")));
            QCOMPARE(outcome.frames, expected);
        }
    }

    // Random specs, streams and read patterns against referenceFrames. The streams are drawn
    // from few byte values (those of the delimiter, small length values) so that partial
    // delimiters, repeated prefixes, zero lengths and bad lengths come up often.
    void matchesAReferenceModel() {
        std::mt19937 rng(20261206);
        const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
        for (int round = 0; round < 3000; ++round) {
            FramingSpec spec;
            QByteArray alphabet = B("\x00\x01\x02x");
            switch (pick(4)) {
            case 0: {
                spec.mode = FramingMode::Delimiter;
                const char* delimiters[] = {"\n", "\r\n", "aab", "abab", "aaa", "abcab", "--END--"};
                const QByteArray d = B("") + delimiters[pick(std::size(delimiters))];
                spec.delimiter = bytesOf(d.toStdString());
                alphabet = d + B("x");
                break;
            }
            case 1:
                spec.mode = FramingMode::FixedLength;
                spec.length = 1 + pick(9);
                break;
            case 2:
                spec.mode = FramingMode::LengthPrefixed;
                spec.prefixBytes = std::array<std::uint8_t, 3>{1, 2, 4}[pick(3)];
                spec.prefixBigEndian = pick(2) == 0;
                spec.prefixCountsHeader = pick(2) == 0;
                break;
            default:
                spec.mode = FramingMode::IdleGap;
                break;
            }
            spec.maxMessageBytes = pick(3) == 0 ? FramingSpec{}.maxMessageBytes : 1 + pick(8);

            QByteArray stream(static_cast<qsizetype>(pick(60)), '\0');
            for (char& c : stream) {
                c = alphabet[static_cast<qsizetype>(
                    pick(static_cast<std::size_t>(alphabet.size())))];
            }
            const QStringList expected = referenceFrames(spec, stream);
            for (int pattern = 0; pattern < 5; ++pattern) {
                std::vector<std::size_t> reads;
                const std::size_t maxRead = 1 + pick(8);
                for (std::size_t left = static_cast<std::size_t>(stream.size()); left > 0;) {
                    const std::size_t n = std::min(pick(maxRead + 1), left);
                    reads.push_back(n);
                    left -= n;
                }
                const Outcome outcome = runReads(spec, stream, reads);
                if (outcome.frames != expected || !outcome.problems.isEmpty()) {
                    qWarning().noquote()
                        << "spec" << QString::fromStdString(formatFraming(spec)) << "stream"
                        << QString::fromStdString(escapeBytes(view(stream))) << "reads"
                        << describeReads(reads);
                }
                QVERIFY2(outcome.problems.isEmpty(), qPrintable(outcome.problems.join(u"; ")));
                QCOMPARE(outcome.frames, expected);
            }
        }
    }

    void rawEachReadIsAMessage() {
        Framer framer(specOf("raw,max:2"));
        QStringList got;
        const auto sink = [&](const FramedMessage& m) { got << render(m.begin, m.bytes, m.note); };
        const QByteArray first = B("ab");
        const QByteArray third = B("cdefg");
        framer.feed(view(first), 0, sink);
        framer.feed({}, 0, sink);
        framer.feed(view(third), 0, sink);
        QCOMPARE(framer.pendingBytes(), std::size_t{0});
        framer.finish(sink);
        QCOMPARE(got, QStringList({render(0, view(first), None), render(2, view(third), None)}));
        QCOMPARE(framer.offset(), std::uint64_t{7});
        QCOMPARE(framer.idleDeadlineNs(), std::nullopt);
    }

    void idleGapWithExplicitTimes() {
        constexpr std::int64_t ms = 1'000'000;
        Framer framer(specOf("idle:50"));
        QStringList got;
        const auto sink = [&](const FramedMessage& m) { got << render(m.begin, m.bytes, m.note); };
        QCOMPARE(framer.idleDeadlineNs(), std::nullopt);

        framer.feed(view(B("ab")), 1000 * ms, sink);
        QCOMPARE(framer.idleDeadlineNs(), std::optional<std::int64_t>(1050 * ms));
        framer.poll(1050 * ms - 1, sink);
        QVERIFY(got.isEmpty());
        // A read within the gap joins the message and moves the deadline.
        framer.feed(view(B("cd")), 1040 * ms, sink);
        QCOMPARE(framer.idleDeadlineNs(), std::optional<std::int64_t>(1090 * ms));
        framer.poll(1089 * ms, sink);
        QVERIFY(got.isEmpty());
        framer.poll(1090 * ms, sink);
        QCOMPARE(got, QStringList{render(0, asBytes("abcd"), None)});
        QCOMPARE(framer.idleDeadlineNs(), std::nullopt);
        QCOMPARE(framer.pendingBytes(), std::size_t{0});

        // A read after the gap first delivers what was pending (nobody polled), then waits.
        framer.feed(view(B("ef")), 2000 * ms, sink);
        framer.feed(view(B("gh")), 2050 * ms, sink);
        QCOMPARE(got,
                 QStringList({render(0, asBytes("abcd"), None), render(4, asBytes("ef"), None)}));
        QCOMPARE(framer.pendingBytes(), std::size_t{2});

        // An empty read is no arrival: it does not move the deadline, but delivers after it.
        framer.feed({}, 2080 * ms, sink);
        QCOMPARE(framer.idleDeadlineNs(), std::optional<std::int64_t>(2100 * ms));
        framer.feed({}, 2100 * ms, sink);
        QCOMPARE(got.size(), 3);
        QCOMPARE(got.last(), render(6, asBytes("gh"), None));

        // finish() delivers what is pending as a whole message (None).
        framer.feed(view(B("ij")), 3000 * ms, sink);
        framer.finish(sink);
        QCOMPARE(got.size(), 4);
        QCOMPARE(got.last(), render(8, asBytes("ij"), None));
        QCOMPARE(framer.idleDeadlineNs(), std::nullopt);
        framer.finish(sink);
        QCOMPARE(got.size(), 4);
        QCOMPARE(framer.offset(), std::uint64_t{10});
    }

    void idleGapCutsPieces() {
        Framer framer(specOf("idle:10,max:3"));
        QStringList got;
        const auto sink = [&](const FramedMessage& m) { got << render(m.begin, m.bytes, m.note); };
        framer.feed(view(B("abcd")), 0, sink);
        framer.feed(view(B("efg")), 1'000'000, sink);
        QCOMPARE(got,
                 QStringList({render(0, asBytes("abc"), Cut), render(3, asBytes("def"), Cut)}));
        framer.poll(11'000'000, sink);
        QCOMPARE(got.last(), render(6, asBytes("g"), None));
    }

    void noDeadlineInOtherModes() {
        for (const char* text : {"raw", "lf", "fixed:4", "len:2be"}) {
            Framer framer(specOf(QString::fromLatin1(text)));
            int count = 0;
            const auto sink = [&](const FramedMessage&) { ++count; };
            framer.feed(view(B("\x00")), 0, sink);
            QCOMPARE(framer.idleDeadlineNs(), std::nullopt);
            framer.poll(std::int64_t{1} << 62, sink);
            QCOMPARE(count, std::string_view(text) == "raw" ? 1 : 0);
        }
    }

    void finishStartsAfresh() {
        QStringList got;
        const auto sink = [&](const FramedMessage& m) { got << render(m.begin, m.bytes, m.note); };

        Framer len(specOf("len:2be"));
        len.feed(view(B("\x00\x05"
                        "ab")),
                 0, sink);
        len.finish(sink);
        len.feed(view(B("\x00\x01z")), 0, sink);
        QCOMPARE(got, QStringList({render(0,
                                          view(B("\x00\x05"
                                                 "ab")),
                                          Unfinished),
                                   render(4, view(B("\x00\x01z")), None)}));

        // The "\r" before finish() does not pair with the "\n" after it.
        got.clear();
        Framer crlf(specOf("crlf"));
        crlf.feed(view(B("ab\r")), 0, sink);
        crlf.finish(sink);
        crlf.feed(view(B("\nx\r\n")), 0, sink);
        QCOMPARE(got, QStringList({render(0, view(B("ab\r")), Unfinished),
                                   render(3, view(B("\nx\r\n")), None)}));

        got.clear();
        Framer fixed(specOf("fixed:3"));
        fixed.feed(view(B("ab")), 0, sink);
        fixed.finish(sink);
        fixed.finish(sink); // nothing pending: nothing delivered
        fixed.feed(view(B("cde")), 0, sink);
        QCOMPARE(got, QStringList(
                          {render(0, view(B("ab")), Unfinished), render(2, view(B("cde")), None)}));
        QCOMPARE(fixed.offset(), std::uint64_t{5});
    }

    // A message (or piece) whole within a read is a view of that read; only a message spread
    // over reads goes through the pending buffer.
    void messagesWithinAReadAreNotCopied() {
        const auto check = [](const char* specText, const QByteArray& read, int messages) {
            Framer framer(specOf(QString::fromLatin1(specText)));
            int count = 0;
            bool allViews = true;
            const auto sink = [&](const FramedMessage& m) {
                ++count;
                allViews = allViews && m.bytes.data() >= view(read).data() &&
                           m.bytes.data() + m.bytes.size() <= view(read).data() + read.size() &&
                           framer.pendingBytes() == 0;
            };
            framer.feed(view(read), 0, sink);
            return count == messages && allViews && framer.pendingBytes() == 0;
        };
        QVERIFY(check("lf", B("ab\ncd\n\n"), 3));
        QVERIFY(check("crlf,max:2", B("abcde\r\n"), 4));
        QVERIFY(check("len:2be", B("\x00\x01z\x00\x00\x00\x02yz"), 3));
        QVERIFY(check("len:1,max:2",
                      B("\x04"
                        "abcd"),
                      3));
        QVERIFY(check("fixed:2", B("abcdef"), 3));

        // Spread over reads: the tail waits in pending, then comes out of it.
        Framer framer(specOf("lf"));
        const QByteArray first = B("ab\ncd");
        const QByteArray second = B("e\nf");
        QByteArrayList got;
        std::vector<bool> inSecond;
        const auto sink = [&](const FramedMessage& m) {
            got.push_back(toQt(m.bytes));
            inSecond.push_back(m.bytes.data() >= view(second).data() &&
                               m.bytes.data() < view(second).data() + second.size());
        };
        framer.feed(view(first), 0, sink);
        QCOMPARE(framer.pendingBytes(), std::size_t{2});
        framer.feed(view(second), 0, sink);
        QCOMPARE(got, (QByteArrayList{B("ab\n"), B("cde\n")}));
        QCOMPARE(inSecond.back(), false);
        QCOMPARE(framer.pendingBytes(), std::size_t{1});
    }

    void invalidSpecFramesAsRaw() {
        FramingSpec emptyDelimiter;
        emptyDelimiter.mode = FramingMode::Delimiter;
        FramingSpec zeroLength;
        zeroLength.mode = FramingMode::FixedLength;
        FramingSpec zeroMax = specOf("lf");
        zeroMax.maxMessageBytes = 0;
        FramingSpec badPrefix = specOf("len:2be");
        badPrefix.prefixBytes = 3;
        for (const FramingSpec& spec : {emptyDelimiter, zeroLength, zeroMax, badPrefix}) {
            Framer framer(spec);
            QStringList got;
            framer.feed(view(B("a\nbc")), 0,
                        [&](const FramedMessage& m) { got << render(m.begin, m.bytes, m.note); });
            QCOMPARE(got, QStringList{render(0, asBytes("a\nbc"), None)});
            QVERIFY(framer.spec() == spec);
        }
    }

    // Not timed: a delimiter search that rescanned the pending bytes on each read would take
    // minutes here (a megabyte of '\r' keeps a partial "\r\n" match alive at every byte).
    void megabyteByteByByteIsLinear() {
        for (const char* specText : {"crlf", "lf"}) {
            const std::size_t size = std::size_t{1} << 20;
            QByteArray stream(static_cast<qsizetype>(size - 1),
                              std::string_view(specText) == "crlf" ? '\r' : 'a');
            stream += '\n';
            Framer framer(specOf(QString::fromLatin1(specText)));
            std::vector<std::size_t> sizes;
            QByteArray message;
            const auto sink = [&](const FramedMessage& m) {
                QCOMPARE(m.begin, std::uint64_t{0});
                QVERIFY(m.note == None);
                sizes.push_back(m.bytes.size());
                message = toQt(m.bytes);
            };
            QElapsedTimer timer;
            timer.start();
            for (qsizetype i = 0; i < stream.size(); ++i) {
                framer.feed(view(stream).subspan(static_cast<std::size_t>(i), 1), 0, sink);
            }
            qInfo("%s: 1 MiB fed byte by byte in %lld ms", specText,
                  static_cast<long long>(timer.elapsed()));
            QCOMPARE(sizes.size(), std::size_t{1});
            QCOMPARE(sizes.front(), size);
            QVERIFY(message == stream);
            QCOMPARE(framer.pendingBytes(), std::size_t{0});
        }
    }

    void parseValid_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        const auto row = [](const char* text, const char* canonical) {
            QTest::newRow(text) << QString::fromLatin1(text) << QString::fromLatin1(canonical);
        };
        row("raw", "raw");
        row("RAW", "raw");
        row("lf", "lf");
        row("crlf", "crlf");
        row("CRLF", "crlf");
        row("cr", "cr");
        row("nul", "nul");
        row("delim:\\n", "lf");
        row("delim:\\r\\n", "crlf");
        row("delim:\\0", "nul");
        row("delim:\\x03", "delimhex:03");
        row("delim:END", "delimhex:454e44");
        row("delim:a,b", "delimhex:612c62");
        row("delim:a\\x2cmax:5", "delimhex:612c6d61783a35");
        row("delim:a\\x2cmax:5,max:7", "delimhex:612c6d61783a35,max:7");
        row("delimhex:0d0a", "crlf");
        row("delimhex:DE AD", "delimhex:dead");
        row("DelimHex:0x00", "nul");
        row("fixed:16", "fixed:16");
        row("fixed:1", "fixed:1");
        row("len:1", "len:1");
        row("len:2be", "len:2be");
        row("len:2le", "len:2le");
        row("len:4be", "len:4be");
        row("len:4le", "len:4le");
        row("len:4be+hdr", "len:4be+hdr");
        row("len:1+hdr", "len:1+hdr");
        row("LEN:2LE+HDR", "len:2le+hdr");
        row("idle:50ms", "idle:50ms");
        row("idle:50", "idle:50ms");
        row("idle:1MS", "idle:1ms");
        row("idle:4294967295", "idle:4294967295ms");
        row("lf,max:4096", "lf,max:4096");
        row("crlf,MAX:10", "crlf,max:10");
        row("raw,max:10", "raw,max:10");
        row("len:2be,max:1048576", "len:2be");
        row("fixed:8,max:1", "fixed:8,max:1");
    }
    void parseValid() {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto spec = parseFraming(text.toStdString());
        QVERIFY2(spec.has_value(), spec ? "" : spec.error().message().c_str());
        QVERIFY(validateFraming(*spec).has_value());
        QCOMPARE(QString::fromStdString(formatFraming(*spec)), canonical);
        const auto again = parseFraming(canonical.toStdString());
        QVERIFY(again.has_value());
        QVERIFY(*again == *spec);
    }

    void parseFields() {
        auto spec = parseFraming("len:2le+hdr,max:99");
        QVERIFY(spec.has_value());
        QVERIFY(spec->mode == FramingMode::LengthPrefixed);
        QCOMPARE(spec->prefixBytes, std::uint8_t{2});
        QCOMPARE(spec->prefixBigEndian, false);
        QCOMPARE(spec->prefixCountsHeader, true);
        QCOMPARE(spec->maxMessageBytes, std::size_t{99});

        spec = parseFraming("delim:\\x03\\r");
        QVERIFY(spec.has_value());
        QVERIFY(spec->mode == FramingMode::Delimiter);
        QCOMPARE(toQt(spec->delimiter), B("\x03\r"));
        QCOMPARE(spec->maxMessageBytes, FramingSpec{}.maxMessageBytes);

        spec = parseFraming("idle:75");
        QVERIFY(spec.has_value());
        QVERIFY(spec->mode == FramingMode::IdleGap);
        QCOMPARE(spec->idleMs, std::uint32_t{75});

        spec = parseFraming("fixed:16");
        QVERIFY(spec.has_value());
        QVERIFY(spec->mode == FramingMode::FixedLength);
        QCOMPARE(spec->length, std::size_t{16});

        spec = parseFraming("raw");
        QVERIFY(spec.has_value());
        QVERIFY(*spec == FramingSpec{});
    }

    // parseFraming(formatFraming(spec)) == spec for valid specs in canonical form (the fields
    // of other modes at their defaults, a 1-byte prefix "big-endian").
    void formatParseRoundTrip() {
        std::vector<FramingSpec> specs;
        const auto add = [&](auto change) {
            for (const std::size_t max : {std::size_t{1}, std::size_t{7},
                                          FramingSpec{}.maxMessageBytes, std::size_t{1} << 30}) {
                FramingSpec spec;
                change(spec);
                spec.maxMessageBytes = max;
                specs.push_back(spec);
            }
        };
        add([](FramingSpec& s) { s.mode = FramingMode::Raw; });
        std::mt19937 rng(42);
        for (int i = 0; i < 100; ++i) {
            ByteVector delimiter(1 + rng() % 6);
            for (std::byte& b : delimiter) {
                b = static_cast<std::byte>(i < 30 ? "\r\n\0x"[rng() % 4] : rng() % 256);
            }
            add([&](FramingSpec& s) {
                s.mode = FramingMode::Delimiter;
                s.delimiter = delimiter;
            });
        }
        for (const std::size_t length : {std::size_t{1}, std::size_t{16}, std::size_t{65536}}) {
            add([&](FramingSpec& s) {
                s.mode = FramingMode::FixedLength;
                s.length = length;
            });
        }
        for (const std::uint8_t bytes : {1, 2, 4}) {
            for (const bool bigEndian : {true, false}) {
                for (const bool countsHeader : {true, false}) {
                    if (bytes == 1 && !bigEndian) {
                        continue;
                    }
                    add([&](FramingSpec& s) {
                        s.mode = FramingMode::LengthPrefixed;
                        s.prefixBytes = bytes;
                        s.prefixBigEndian = bigEndian;
                        s.prefixCountsHeader = countsHeader;
                    });
                }
            }
        }
        for (const std::uint32_t idle : {1u, 50u, 4294967295u}) {
            add([&](FramingSpec& s) {
                s.mode = FramingMode::IdleGap;
                s.idleMs = idle;
            });
        }
        for (const FramingSpec& spec : specs) {
            QVERIFY(validateFraming(spec).has_value());
            const std::string text = formatFraming(spec);
            const auto parsed = parseFraming(text);
            QVERIFY2(parsed.has_value(), parsed ? "" : parsed.error().message().c_str());
            QVERIFY2(*parsed == spec, text.c_str());
        }

        // A 1-byte prefix has no byte order: both read back as the canonical one.
        FramingSpec one = specOf("len:1");
        one.prefixBigEndian = false;
        QCOMPARE(formatFraming(one), std::string("len:1"));
    }

    void parseErrors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("detail");
        const QString forms =
            QStringLiteral("expected raw, lf, crlf, cr, nul, delim:TEXT, delimhex:HEX, fixed:N, "
                           "len:1|2be|2le|4be|4le[+hdr], idle:MS, optionally followed by ,max:N");
        const QString fixed =
            QStringLiteral("fixed: expected a length of at least 1 byte, such as fixed:16");
        const QString len = QStringLiteral(
            "len: expected len:1, len:2be, len:2le, len:4be or len:4le, optionally followed by "
            "+hdr (the value counts the header)");
        const QString idle =
            QStringLiteral("idle: expected a gap of 1 to 4294967295 ms, such as idle:50ms");
        const QString max =
            QStringLiteral("max: expected a message size of at least 1 byte, such as max:65536");
        const QString empty = QStringLiteral("delimiter: must not be empty");
        const auto row = [](const char* text, const QString& detail) {
            QTest::newRow(*text != 0 ? text : "(empty)") << QString::fromLatin1(text) << detail;
        };
        row("", forms);
        row("foo", forms);
        row(" lf", forms);
        row("lf ", forms);
        row("lf:1", forms);
        row("raw:", forms);
        row("lf,max:4,max:5", forms);
        row("delim", QStringLiteral("delim: expected delim:TEXT, such as delim:\\x03"));
        row("delimhex", QStringLiteral("delimhex: expected delimhex:HEX, such as delimhex:0d0a"));
        row("delim:", empty);
        row("delimhex:", empty);
        row("delim:,max:5", empty);
        row("delim:ab\\q", QStringLiteral("delimiter text: unknown escape '\\q' at position 2"));
        row("delim:\\u12", QStringLiteral("delimiter text: \\u needs 4 hex digits at position 0"));
        row("delimhex:zz", QStringLiteral("delimiter hex: bad hex digit 'z' at position 0"));
        row("delimhex:0d0",
            QStringLiteral("delimiter hex: odd number of hex digits, unpaired '0' at position 2"));
        row("fixed", fixed);
        row("fixed:", fixed);
        row("fixed:0", fixed);
        row("fixed:x", fixed);
        row("fixed:-1", fixed);
        row("fixed:+1", fixed);
        row("fixed: 1", fixed);
        row("fixed:99999999999999999999", fixed);
        row("len", len);
        row("len:", len);
        row("len:3", len);
        row("len:2", len);
        row("len:1be", len);
        row("len:2be+", len);
        row("len:+hdr", len);
        row("len:4le+hdr+hdr", len);
        row("idle", idle);
        row("idle:", idle);
        row("idle:0", idle);
        row("idle:ms", idle);
        row("idle:5s", idle);
        row("idle:-5", idle);
        row("idle:4294967296", idle);
        row("lf,max:0", max);
        row("lf,max:", max);
        row("lf,max:x", max);
        row("lf,max:-1", max);
        row("lf,max:4k", max);
        row("fixed:0,max:0", max);
    }
    void parseErrors() {
        QFETCH(QString, text);
        QFETCH(QString, detail);
        const auto spec = parseFraming(text.toStdString());
        QVERIFY(!spec.has_value());
        QCOMPARE(spec.error().op, std::string("parse framing"));
        QCOMPARE(QString::fromStdString(spec.error().object),
                 QLatin1Char('"') + text + QLatin1Char('"'));
        QCOMPARE(QString::fromStdString(spec.error().detail), detail);
    }

    void parseErrorMessage() {
        const auto spec = parseFraming("len:3");
        QVERIFY(!spec.has_value());
        QCOMPARE(spec.error().message(),
                 std::string("parse framing \"len:3\": len: expected len:1, len:2be, len:2le, "
                             "len:4be or len:4le, optionally followed by +hdr (the value counts "
                             "the header)"));
    }

    void validateErrors() {
        struct Case {
            FramingSpec spec;
            const char* message;
        };
        std::vector<Case> cases;
        FramingSpec s;
        s.mode = FramingMode::Delimiter;
        cases.push_back({s, "check framing \"delimhex:\": delimiter: must not be empty"});
        s = FramingSpec{};
        s.mode = FramingMode::FixedLength;
        cases.push_back({s, "check framing \"fixed:0\": length: must be at least 1 byte"});
        s = FramingSpec{};
        s.mode = FramingMode::LengthPrefixed;
        s.prefixBytes = 3;
        cases.push_back({s, "check framing \"len:3be\": length prefix: 1, 2 or 4 bytes"});
        s.prefixBytes = 0;
        cases.push_back({s, "check framing \"len:0be\": length prefix: 1, 2 or 4 bytes"});
        s = FramingSpec{};
        s.mode = FramingMode::IdleGap;
        s.idleMs = 0;
        cases.push_back({s, "check framing \"idle:0ms\": idle gap: must be at least 1 ms"});
        s = specOf("lf");
        s.maxMessageBytes = 0;
        cases.push_back({s, "check framing \"lf,max:0\": max message bytes: must be at least 1"});
        s = FramingSpec{};
        s.maxMessageBytes = 0;
        cases.push_back({s, "check framing \"raw,max:0\": max message bytes: must be at least 1"});
        s = FramingSpec{};
        s.mode = static_cast<FramingMode>(9);
        cases.push_back({s, "check framing \"mode 9\": mode: unknown framing mode 9"});
        s.mode = static_cast<FramingMode>(0);
        cases.push_back({s, "check framing \"mode 0\": mode: unknown framing mode 0"});
        for (const Case& c : cases) {
            const auto r = validateFraming(c.spec);
            QVERIFY2(!r.has_value(), c.message);
            QCOMPARE(r.error().op, std::string("check framing"));
            QCOMPARE(r.error().message(), std::string(c.message));
        }

        // Only the fields of the mode matter.
        FramingSpec raw;
        raw.length = 0;
        raw.idleMs = 0;
        raw.prefixBytes = 3;
        QVERIFY(validateFraming(raw).has_value());
        FramingSpec fixed = specOf("fixed:4");
        fixed.delimiter.clear();
        QVERIFY(validateFraming(fixed).has_value());
    }
};

QTEST_APPLESS_MAIN(TestFraming)
#include "test_framing.moc"
