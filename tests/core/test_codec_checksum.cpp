#include "core/codec/checksum.h"
#include "core/support/bytes.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

class TestCodecChecksum : public QObject {
    Q_OBJECT

private slots:
    void vectors_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<uint>("expected");
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2, checksum = ~ddf2.
        QTest::newRow("rfc1071 example") << QByteArray::fromHex("0001f203f4f5f6f7") << 0x220du;
        // IPv4 header with its checksum field zeroed; the real header carries b861.
        QTest::newRow("ipv4 header")
            << QByteArray::fromHex("450000730000400040110000c0a80001c0a800c7") << 0xb861u;
        // ICMP echo request, id 1 seq 1, payload "abcd" (checksum field zeroed).
        QTest::newRow("icmp echo") << QByteArray::fromHex("080000000001000161626364") << 0x3337u;
        QTest::newRow("empty") << QByteArray() << 0xffffu;
        QTest::newRow("odd length pads low byte") << QByteArray::fromHex("01") << 0xfeffu;
        QTest::newRow("carry folds") << QByteArray::fromHex("ffffffff") << 0x0000u;
        QTest::newRow("carry 2") << QByteArray::fromHex("ff0001ff") << 0xfeffu;
    }
    void vectors() {
        QFETCH(QByteArray, bytes);
        QFETCH(uint, expected);
        QCOMPARE(static_cast<uint>(internetChecksum(view(bytes))), expected);
    }

    void verifiesToZero_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("rfc1071 example") << QByteArray::fromHex("0001f203f4f5f6f7");
        QTest::newRow("ipv4 header")
            << QByteArray::fromHex("450000730000400040110000c0a80001c0a800c7");
        QTest::newRow("icmp echo") << QByteArray::fromHex("080000000001000161626364");
        QTest::newRow("all ones") << QByteArray::fromHex("ffffffff");
    }
    void verifiesToZero() {
        QFETCH(QByteArray, bytes);
        // A receiver sums the header including the stored checksum and gets 0.
        const std::uint16_t sum = internetChecksum(view(bytes));
        QByteArray withSum = bytes;
        withSum.append(static_cast<char>(sum >> 8));
        withSum.append(static_cast<char>(sum & 0xff));
        QCOMPARE(static_cast<uint>(internetChecksum(view(withSum))), 0u);
    }

    void incrementalEqualsOneShot() {
        const QByteArray bytes =
            QByteArray::fromHex("4500007300004000401100000a0000010a0000c7ff01");
        const std::uint16_t whole = internetChecksum(view(bytes));
        for (qsizetype a = 0; a <= bytes.size(); ++a) {
            for (qsizetype b = a; b <= bytes.size(); ++b) {
                InternetChecksum sum;
                sum.add(view(bytes.left(a)));
                sum.add(view(bytes.mid(a, b - a)));
                sum.add(view(bytes.mid(b)));
                QCOMPARE(sum.value(), whole);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCodecChecksum)
#include "test_codec_checksum.moc"
