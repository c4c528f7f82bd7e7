#include "core/codec/checksum.h"
#include "core/support/bytes.h"

#include <QTest>

using namespace socklab;
using namespace socklab::test;

Q_DECLARE_METATYPE(socklab::ChecksumKind)
Q_DECLARE_METATYPE(socklab::ByteOrder)

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

    // The catalogue's published parameters, written out here independently of the catalog.
    void catalog_data() {
        QTest::addColumn<ChecksumKind>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("width");
        QTest::addColumn<uint>("check");
        QTest::addColumn<ByteOrder>("order");
        QTest::newRow("modbus") << ChecksumKind::Crc16Modbus << "crc16-modbus"
                                << "CRC-16/MODBUS" << 2 << 0x4b37u << ByteOrder::Little;
        QTest::newRow("ccitt") << ChecksumKind::Crc16CcittFalse << "crc16-ccitt"
                               << "CRC-16/CCITT-FALSE" << 2 << 0x29b1u << ByteOrder::Big;
        QTest::newRow("crc32") << ChecksumKind::Crc32 << "crc32"
                               << "CRC-32" << 4 << 0xcbf43926u << ByteOrder::Little;
        QTest::newRow("sum8") << ChecksumKind::Sum8 << "sum8"
                              << "Sum-8" << 1 << 0xddu << ByteOrder::Big;
        QTest::newRow("xor8") << ChecksumKind::Xor8 << "xor8"
                              << "XOR-8" << 1 << 0x31u << ByteOrder::Big;
        QTest::newRow("lrc") << ChecksumKind::Lrc << "lrc"
                             << "LRC" << 1 << 0x23u << ByteOrder::Big;
    }
    void catalog() {
        QFETCH(ChecksumKind, kind);
        QFETCH(QString, name);
        QFETCH(QString, title);
        QFETCH(int, width);
        QFETCH(uint, check);
        QFETCH(ByteOrder, order);
        const ChecksumInfo& info = checksumInfo(kind);
        QCOMPARE(info.kind, kind);
        QCOMPARE(QString::fromUtf8(info.name.data(), qsizetype(info.name.size())), name);
        QCOMPARE(QString::fromUtf8(info.title.data(), qsizetype(info.title.size())), title);
        QCOMPARE(info.width, std::size_t(width));
        QCOMPARE(info.check, check);
        QCOMPARE(info.order, order);
        // The catalogue's check value is what the code computes over "123456789".
        QCOMPARE(computeChecksum(kind, asBytes("123456789")), check);
        QCOMPARE(checksumByName(info.name), std::optional(kind));
        QCOMPARE(checksumField(kind, check, order).size(), std::size_t(width));
    }

    void catalogIsComplete() {
        const auto catalog = checksumCatalog();
        QCOMPARE(catalog.size(), std::size_t(6));
        for (std::size_t i = 0; i < catalog.size(); ++i) {
            QCOMPARE(static_cast<std::size_t>(catalog[i].kind), i + 1);
            QCOMPARE(&checksumInfo(catalog[i].kind), &catalog[i]);
            QCOMPARE(computeChecksum(catalog[i].kind, asBytes("123456789")), catalog[i].check);
        }
    }

    void checksumVectors_data() {
        QTest::addColumn<ChecksumKind>("kind");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<uint>("expected");
        // Empty input: the register's initial value after the final XOR.
        QTest::newRow("modbus empty") << ChecksumKind::Crc16Modbus << QByteArray() << 0xffffu;
        QTest::newRow("ccitt empty") << ChecksumKind::Crc16CcittFalse << QByteArray() << 0xffffu;
        QTest::newRow("crc32 empty") << ChecksumKind::Crc32 << QByteArray() << 0u;
        QTest::newRow("sum8 empty") << ChecksumKind::Sum8 << QByteArray() << 0u;
        QTest::newRow("xor8 empty") << ChecksumKind::Xor8 << QByteArray() << 0u;
        QTest::newRow("lrc empty") << ChecksumKind::Lrc << QByteArray() << 0u;
        // Modbus RTU requests as in the specification's examples (CRC sent low byte first:
        // 01 03 00 00 00 0a c5 cd).
        QTest::newRow("modbus read 10 registers")
            << ChecksumKind::Crc16Modbus << QByteArray::fromHex("01030000000a") << 0xcdc5u;
        QTest::newRow("modbus read 1 register")
            << ChecksumKind::Crc16Modbus << QByteArray::fromHex("010300000001") << 0x0a84u;
        QTest::newRow("modbus spec example")
            << ChecksumKind::Crc16Modbus << QByteArray::fromHex("1103006b0003") << 0x8776u;
        QTest::newRow("ccitt single A")
            << ChecksumKind::Crc16CcittFalse << QByteArray("A") << 0xb915u;
        QTest::newRow("crc32 quick brown fox")
            << ChecksumKind::Crc32 << QByteArray("The quick brown fox jumps over the lazy dog")
            << 0x414fa339u;
        QTest::newRow("crc32 one zero byte")
            << ChecksumKind::Crc32 << QByteArray(1, '\0') << 0xd202ef8du;
        // Modbus ASCII frames ":010300000001FB" and ":1103006B00037E".
        QTest::newRow("lrc modbus ascii")
            << ChecksumKind::Lrc << QByteArray::fromHex("010300000001") << 0xfbu;
        QTest::newRow("lrc spec example")
            << ChecksumKind::Lrc << QByteArray::fromHex("1103006b0003") << 0x7eu;
        QTest::newRow("sum8 wraps") << ChecksumKind::Sum8 << QByteArray::fromHex("ff02") << 0x01u;
        QTest::newRow("xor8 cancels") << ChecksumKind::Xor8 << QByteArray::fromHex("5a5a") << 0u;
    }
    void checksumVectors() {
        QFETCH(ChecksumKind, kind);
        QFETCH(QByteArray, bytes);
        QFETCH(uint, expected);
        QCOMPARE(computeChecksum(kind, view(bytes)), expected);
    }

    // A receiver running the CRC over a Modbus frame including its CRC gets 0 (residue).
    void modbusFrameChecksToZero() {
        const QByteArray request = QByteArray::fromHex("01030000000a");
        const std::uint32_t crc = computeChecksum(ChecksumKind::Crc16Modbus, view(request));
        const ByteVector field = checksumField(ChecksumKind::Crc16Modbus, crc, ByteOrder::Little);
        QCOMPARE(toQt(field), QByteArray::fromHex("c5cd"));
        const QByteArray frame = request + toQt(field);
        QCOMPARE(computeChecksum(ChecksumKind::Crc16Modbus, view(frame)), 0u);
        // The LRC of a Modbus ASCII message plus its LRC sums to 0.
        const std::uint32_t lrc = computeChecksum(ChecksumKind::Lrc, view(request));
        QCOMPARE(computeChecksum(ChecksumKind::Sum8, view(request + char(lrc))), 0u);
    }

    void field_data() {
        QTest::addColumn<ChecksumKind>("kind");
        QTest::addColumn<uint>("value");
        QTest::addColumn<ByteOrder>("order");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("width 1 big")
            << ChecksumKind::Sum8 << 0xddu << ByteOrder::Big << QByteArray::fromHex("dd");
        QTest::newRow("width 1 little")
            << ChecksumKind::Lrc << 0x23u << ByteOrder::Little << QByteArray::fromHex("23");
        QTest::newRow("width 1 keeps low byte")
            << ChecksumKind::Xor8 << 0x1234u << ByteOrder::Big << QByteArray::fromHex("34");
        QTest::newRow("width 2 big") << ChecksumKind::Crc16CcittFalse << 0x29b1u << ByteOrder::Big
                                     << QByteArray::fromHex("29b1");
        QTest::newRow("width 2 little") << ChecksumKind::Crc16Modbus << 0xcdc5u << ByteOrder::Little
                                        << QByteArray::fromHex("c5cd");
        QTest::newRow("width 2 keeps low bytes") << ChecksumKind::Crc16Modbus << 0xaabbccddu
                                                 << ByteOrder::Big << QByteArray::fromHex("ccdd");
        QTest::newRow("width 4 big") << ChecksumKind::Crc32 << 0xcbf43926u << ByteOrder::Big
                                     << QByteArray::fromHex("cbf43926");
        QTest::newRow("width 4 little") << ChecksumKind::Crc32 << 0xcbf43926u << ByteOrder::Little
                                        << QByteArray::fromHex("2639f4cb");
        QTest::newRow("width 4 zero")
            << ChecksumKind::Crc32 << 0u << ByteOrder::Little << QByteArray::fromHex("00000000");
    }
    void field() {
        QFETCH(ChecksumKind, kind);
        QFETCH(uint, value);
        QFETCH(ByteOrder, order);
        QFETCH(QByteArray, expected);
        QCOMPARE(toQt(checksumField(kind, value, order)), expected);
    }

    void byName_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("kind"); // 0: no such checksum
        const auto k = [](ChecksumKind kind) { return static_cast<int>(kind); };
        QTest::newRow("modbus") << "crc16-modbus" << k(ChecksumKind::Crc16Modbus);
        QTest::newRow("modbus upper underscore") << "CRC16_MODBUS" << k(ChecksumKind::Crc16Modbus);
        QTest::newRow("modbus mixed case") << "Crc16-ModBus" << k(ChecksumKind::Crc16Modbus);
        QTest::newRow("modbus no separator") << "crc16modbus" << k(ChecksumKind::Crc16Modbus);
        QTest::newRow("modbus title") << "CRC-16/MODBUS" << k(ChecksumKind::Crc16Modbus);
        QTest::newRow("ccitt") << "crc16-ccitt" << k(ChecksumKind::Crc16CcittFalse);
        QTest::newRow("ccitt underscore") << "crc16_ccitt" << k(ChecksumKind::Crc16CcittFalse);
        QTest::newRow("ccitt title") << "CRC-16/CCITT-FALSE" << k(ChecksumKind::Crc16CcittFalse);
        QTest::newRow("crc32") << "crc32" << k(ChecksumKind::Crc32);
        QTest::newRow("crc32 title") << "CRC-32" << k(ChecksumKind::Crc32);
        QTest::newRow("crc32 underscore") << "CRC_32" << k(ChecksumKind::Crc32);
        QTest::newRow("sum8") << "sum8" << k(ChecksumKind::Sum8);
        QTest::newRow("sum8 title") << "Sum-8" << k(ChecksumKind::Sum8);
        QTest::newRow("xor8") << "XOR8" << k(ChecksumKind::Xor8);
        QTest::newRow("lrc") << "lrc" << k(ChecksumKind::Lrc);
        QTest::newRow("lrc upper") << "LRC" << k(ChecksumKind::Lrc);
        QTest::newRow("empty") << "" << 0;
        QTest::newRow("separators only") << "-_" << 0;
        QTest::newRow("family only") << "crc16" << 0;
        QTest::newRow("crc") << "crc" << 0;
        QTest::newRow("crc64") << "crc64" << 0;
        QTest::newRow("prefix of a name") << "crc16-mod" << 0;
        QTest::newRow("longer than a name") << "crc32c" << 0;
        QTest::newRow("leading space") << " lrc" << 0;
        QTest::newRow("trailing space") << "crc32 " << 0;
        QTest::newRow("other separator") << "crc16.modbus" << 0;
    }
    void byName() {
        QFETCH(QString, name);
        QFETCH(int, kind);
        const std::string text = name.toStdString();
        const auto found = checksumByName(text);
        const auto expected =
            kind == 0 ? std::nullopt : std::optional(static_cast<ChecksumKind>(kind));
        QCOMPARE(found, expected);
    }
};

QTEST_APPLESS_MAIN(TestCodecChecksum)
#include "test_codec_checksum.moc"
