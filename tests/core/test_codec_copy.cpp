#include "core/codec/copy_format.h"
#include "core/codec/escapes.h"
#include "core/codec/hex.h"
#include "core/support/bytes.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace socklab;
using namespace socklab::test;

Q_DECLARE_METATYPE(socklab::CopyFormat)

namespace {

QByteArray allBytes() {
    QByteArray out;
    for (int i = 0; i < 256; ++i) {
        out.append(static_cast<char>(i));
    }
    return out;
}

// Runs a program with stdin, returns stdout; empty QByteArray + failure flag on error.
bool runTool(const QString& program, const QStringList& args, const QByteArray& input,
             QByteArray& output) {
    QProcess proc;
    proc.start(program, args);
    if (!proc.waitForStarted(5000)) {
        return false;
    }
    proc.write(input);
    proc.closeWriteChannel();
    if (!proc.waitForFinished(30000) || proc.exitCode() != 0) {
        qWarning() << proc.readAllStandardError();
        return false;
    }
    output = proc.readAllStandardOutput();
    return true;
}

} // namespace

class TestCodecCopy : public QObject {
    Q_OBJECT

private slots:
    void formats_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<CopyFormat>("format");
        QTest::addColumn<QString>("expected");
        const QByteArray dead("\xde\xad\xbe\xef");
        QTest::newRow("hex") << dead << CopyFormat::Hex << "de ad be ef";
        QTest::newRow("hex empty") << QByteArray() << CopyFormat::Hex << "";
        QTest::newRow("c short") << dead << CopyFormat::CArray
                                 << "unsigned char data[] = {0xde, 0xad, 0xbe, 0xef};";
        QTest::newRow("c empty") << QByteArray() << CopyFormat::CArray
                                 << "unsigned char data[] = {};";
        QTest::newRow("c exactly one line")
            << QByteArray(12, 'A') << CopyFormat::CArray
            << "unsigned char data[] = {0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, "
               "0x41, 0x41, 0x41};";
        QTest::newRow("c wrapped")
            << QByteArray("0123456789abcde") << CopyFormat::CArray
            << "unsigned char data[] = {\n"
               "    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62,\n"
               "    0x63, 0x64, 0x65\n"
               "};";
        QTest::newRow("py") << dead << CopyFormat::PythonBytes << "b'\\xde\\xad\\xbe\\xef'";
        QTest::newRow("py printable kept") << QByteArray("GET /\r\n\t\0", 9)
                                           << CopyFormat::PythonBytes << "b'GET /\\r\\n\\t\\x00'";
        QTest::newRow("py single quote")
            << QByteArray("it's") << CopyFormat::PythonBytes << "b\"it's\"";
        QTest::newRow("py both quotes")
            << QByteArray("'\"") << CopyFormat::PythonBytes << "b'\\'\"'";
        QTest::newRow("py backslash del")
            << QByteArray("\\\x7f") << CopyFormat::PythonBytes << "b'\\\\\\x7f'";
        QTest::newRow("py empty") << QByteArray() << CopyFormat::PythonBytes << "b''";
        QTest::newRow("escaped") << QByteArray("say \"hi\"\r\n\x01") << CopyFormat::EscapedText
                                 << "say \\\"hi\\\"\\r\\n\\x01";
    }
    void formats() {
        QFETCH(QByteArray, bytes);
        QFETCH(CopyFormat, format);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(formatForCopy(view(bytes), format)), expected);
    }

    void cArrayOptions() {
        const QByteArray bytes("\x01\x02\x03\x04\x05");
        CArrayOptions options;
        options.name = "payload";
        options.bytesPerLine = 2;
        QCOMPARE(QString::fromStdString(formatCArray(view(bytes), options)),
                 QString("unsigned char payload[] = {\n    0x01, 0x02,\n    0x03, 0x04,\n"
                         "    0x05\n};"));
        options.bytesPerLine = 0;
        QCOMPARE(QString::fromStdString(formatCArray(view(bytes), options)),
                 QString("unsigned char payload[] = {0x01, 0x02, 0x03, 0x04, 0x05};"));
    }

    void roundTrips() {
        const QByteArray all = allBytes();
        QCOMPARE(toQt(*parseHex(formatForCopy(view(all), CopyFormat::Hex))), all);
        QCOMPARE(toQt(*unescape(formatForCopy(view(all), CopyFormat::EscapedText))), all);
        // Lines of the C array stay under the project's 100 columns.
        const std::string c = formatForCopy(view(all), CopyFormat::CArray);
        std::size_t start = 0;
        while (start < c.size()) {
            const std::size_t end = std::min(c.find('\n', start), c.size());
            QVERIFY(end - start < 100);
            start = end + 1;
        }
    }

    void pythonAgreesWithRepr_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("all bytes") << allBytes();
        QTest::newRow("quotes single") << QByteArray("it's");
        QTest::newRow("quotes both") << QByteArray("'\"\\");
        QTest::newRow("http") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QTest::newRow("empty") << QByteArray();
    }
    void pythonAgreesWithRepr() {
        QFETCH(QByteArray, bytes);
        const QString python = QStandardPaths::findExecutable("python3");
        if (python.isEmpty()) {
            QSKIP("python3 not installed");
        }
        // Python itself renders the reference literal and checks ours evaluates to the bytes.
        const QString script = "import sys, ast\n"
                               "data = bytes.fromhex(sys.stdin.readline().strip())\n"
                               "ours = sys.stdin.readline().rstrip('\\n')\n"
                               "assert ast.literal_eval(ours) == data, ours\n"
                               "sys.stdout.write(repr(data))\n";
        const std::string ours = formatPythonBytes(view(bytes));
        QByteArray out;
        QVERIFY(runTool(python, {"-c", script},
                        bytes.toHex() + "\n" + QByteArray::fromStdString(ours) + "\n", out));
        QCOMPARE(QString::fromLatin1(out), QString::fromStdString(ours));
    }

    void cArrayCompiles() {
        const QString cc = QStandardPaths::findExecutable("cc");
        if (cc.isEmpty()) {
            QSKIP("no C compiler (cc) installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray bytes = allBytes() + QByteArray("tail");
        const QString src = dir.filePath("array.c");
        QFile file(src);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#include <stdio.h>\n");
        file.write(QByteArray::fromStdString(formatCArray(view(bytes))));
        file.write("\nint main(void) {\n"
                   "    fwrite(data, 1, sizeof data, stdout);\n"
                   "    return 0;\n}\n");
        file.close();
        const QString exe = dir.filePath("array");
        QByteArray ignored;
        QVERIFY(runTool(cc, {"-std=c11", "-Wall", "-Werror", "-o", exe, src}, {}, ignored));
        QByteArray out;
        QVERIFY(runTool(exe, {}, {}, out));
        QCOMPARE(out, bytes);
    }
};

QTEST_APPLESS_MAIN(TestCodecCopy)
#include "test_codec_copy.moc"
