// socklab-cli lab end to end: the real binary runs the lab (kernel TCP and UDP between two
// namespaces, SockLab's wire between them). tshark (Wireshark's dissector and TCP analysis)
// reads the pcapng the run wrote and must agree with what SockLab printed for every packet:
// flags, relative sequence numbers, retransmission marks, fates. The guided experiments run
// headless with their claims; bad command lines name the option; killing the CLI leaves no
// helper process and no namespace behind; a machine without TUN gets the fallback.
#include "cli/support/cli_process.h"
#include "core/lab/lab_experiments.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QXmlStreamReader>
#include <algorithm>
#include <csignal>
#include <optional>
#include <unistd.h>

using namespace cli_test;

namespace {

/// The CLI with extra environment variables.
Outcome runCliEnv(const QStringList& args, const QStringList& env) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : env) {
        e.insert(kv.section('=', 0, 0), kv.section('=', 1));
    }
    p.setProcessEnvironment(e);
    p.start(cliPath(), args);
    if (!p.waitForStarted(kTimeoutMs)) {
        return {};
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(2 * kTimeoutMs)) {
        p.kill();
        p.waitForFinished(kTimeoutMs);
        return {-2, p.readAllStandardOutput(), p.readAllStandardError()};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

/// The two columns of a table row: "delivered   40/40   35/40".
QStringList tableRow(const QByteArray& out, const QString& name) {
    const auto m =
        QRegularExpression("(?:^|\\n)" + QRegularExpression::escape(name) + R"( +(\S+) +(\S+)\n)")
            .match(QString::fromUtf8(out));
    return m.hasMatch() ? QStringList{m.captured(1), m.captured(2)} : QStringList{};
}

/// One line of --packets.
struct PrintedPacket {
    QString direction; ///< "A->B" / "B->A"
    QString summary;
    QString fate;
};

std::vector<PrintedPacket> printedPackets(const QByteArray& out) {
    std::vector<PrintedPacket> packets;
    const QString text = QString::fromUtf8(out);
    const qsizetype start = text.indexOf("\nwire packets:\n");
    if (start < 0) {
        return packets;
    }
    static const QRegularExpression line(R"(^ *\d+\.\d{3} ms  (A->B|B->A)  (.*)  => (.*)$)");
    for (const QString& l : text.mid(start + 15).split('\n')) {
        const auto m = line.match(l);
        if (!m.hasMatch()) {
            break;
        }
        packets.push_back({m.captured(1), m.captured(2), m.captured(3)});
    }
    return packets;
}

/// tshark -r file with args: stdout lines, or one "<tshark failed...>" line.
QStringList tshark(const QString& file, const QStringList& args) {
    QProcess p;
    p.start("tshark", QStringList{"-r", file, "-o", "tcp.relative_sequence_numbers:TRUE", "-o",
                                  "tcp.analyze_sequence_numbers:TRUE"} +
                          args);
    if (!p.waitForFinished(kTimeoutMs) || p.exitCode() != 0) {
        return {"<tshark failed: " + QString::fromUtf8(p.readAllStandardError()) + ">"};
    }
    QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split('\n');
    while (!lines.isEmpty() && lines.back().isEmpty()) {
        lines.pop_back();
    }
    return lines;
}

/// tcp.flags (hex) as the names SockLab prints ("SYN, ACK").
QString flagNames(uint flags) {
    static const char* names[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
    QStringList out;
    for (uint i = 0; i < 9; ++i) {
        if (flags & (1u << i)) {
            out << names[i];
        }
    }
    return out.isEmpty() ? "<None>" : out.join(", ");
}

/// The parent pid of a process (from /proc/<pid>/stat; -1 when gone) and its state letter.
std::pair<qint64, QChar> parentAndState(qint64 pid) {
    QFile f(QString("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return {-1, QChar()};
    }
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 2) {
        return {-1, QChar()};
    }
    return {fields[1].toLongLong(), QChar(fields[0].at(0))};
}

QList<qint64> allPids() {
    QList<qint64> pids;
    for (const QString& name : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const qint64 pid = name.toLongLong(&ok);
        if (ok) {
            pids << pid;
        }
    }
    return pids;
}

QString readFirstLine(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readLine()).trimmed() : QString();
}

/// The child of `parent` whose comm is `comm`, or nullopt.
std::optional<qint64> childNamed(qint64 parent, const QString& comm) {
    for (qint64 pid : allPids()) {
        if (parentAndState(pid).first == parent &&
            readFirstLine(QString("/proc/%1/comm").arg(pid)) == comm) {
            return pid;
        }
    }
    return std::nullopt;
}

QString netNamespace(qint64 pid) {
    const QByteArray link = QFile::encodeName(QString("/proc/%1/ns/net").arg(pid));
    char buf[128] = {};
    const ssize_t n = ::readlink(link.constData(), buf, sizeof buf - 1);
    return n > 0 ? QString::fromLatin1(buf, int(n)) : QString();
}

/// Processes whose network namespace is `ns` ("net:[4026532241]"); processes this user may
/// not look at are not counted.
QList<qint64> processesIn(const QString& ns) {
    QList<qint64> in;
    for (qint64 pid : allPids()) {
        if (netNamespace(pid) == ns) {
            in << pid;
        }
    }
    return in;
}

} // namespace

class TestCliLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (cliPath().isEmpty()) {
            QFAIL("SOCKLAB_CLI_PATH is not defined: the socklab-cli target is missing");
        }
    }

    void helpDocumentsTheNewOptions() {
        const Outcome r = runCli({"lab", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* text :
             {"--experiment ID", "--packets", "--ladder-svg FILE", "--timeline FILE",
              "SOCKLAB_LAB_TUN_DEVICE=PATH", "override the experiment's preset"}) {
            QVERIFY2(r.out.contains(text), text);
        }
    }

    // The lossy run: TCP delivers everything, UDP loses exactly the datagrams the wire dropped
    // (tshark counts them in the pcapng), and tshark's dissection and TCP analysis of every
    // frame match what --packets printed.
    void lossyRunAgreesWithTshark() {
        if (QStandardPaths::findExecutable("tshark").isEmpty()) {
            QSKIP("tshark is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath("wire.pcapng");
        const QString csvFile = dir.filePath("tcp.csv");
        const Outcome r = runCliEnv({"lab", "--loss", "20%", "--count", "40", "--interval", "5ms",
                                     "--pcapng", file, "--packets", "--timeline", csvFile},
                                    {});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        if (r.out.contains("(fallback:")) {
            QSKIP("the lab network is not available here");
        }
        QCOMPARE(tableRow(r.out, "delivered").value(0), QString("40/40"));
        const QStringList lost = tableRow(r.out, "lost");
        QCOMPARE(lost.size(), 2);
        const int udpLost = lost[1].toInt();
        QVERIFY2(udpLost > 0, r.out.constData());

        const QStringList frames = tshark(file, {"-T", "fields",
                                                 "-E", "separator=|",
                                                 "-E", "occurrence=f",
                                                 "-e", "ip.src",
                                                 "-e", "ip.proto",
                                                 "-e", "tcp.flags",
                                                 "-e", "tcp.seq",
                                                 "-e", "tcp.ack",
                                                 "-e", "tcp.analysis.retransmission",
                                                 "-e", "tcp.analysis.fast_retransmission",
                                                 "-e", "tcp.analysis.spurious_retransmission",
                                                 "-e", "tcp.analysis.out_of_order",
                                                 "-e", "frame.comment"});
        QVERIFY2(!frames.isEmpty() && !frames[0].startsWith('<'), qPrintable(frames.value(0)));
        const auto printed = printedPackets(r.out);
        QCOMPARE(printed.size(), std::size_t(frames.size()));

        int udpDroppedAtoB = 0;
        int tcpDroppedAtoB = 0;
        int tcpFrames = 0;
        int resent = 0;
        static const QRegularExpression tcpText(
            R"(^TCP \S+ -> \S+ \[([A-Z, ]+|<None>)\] seq=(\d+)(?: ack=(\d+))? )");
        static const QRegularExpression heldText(R"(held (\d+\.\d) ms)");
        static const QRegularExpression delayedText(R"(delayed (\d+\.\d) ms by the wire)");
        for (int i = 0; i < frames.size(); ++i) {
            const QStringList t = frames[i].split('|');
            QCOMPARE(t.size(), 10);
            const PrintedPacket& p = printed[std::size_t(i)];
            const QByteArray at = QString("frame %1: tshark %2 | ours %3 %4 => %5")
                                      .arg(i + 1)
                                      .arg(frames[i], p.direction, p.summary, p.fate)
                                      .toUtf8();
            const bool aToB = t[0] == "192.0.2.1";
            QVERIFY2(aToB == (p.direction == "A->B"), at.constData());
            const QString comment = t[9];
            const bool dropped = comment.contains("dropped by the wire");
            QVERIFY2(dropped == p.fate.startsWith("dropped"), at.constData());
            const auto held = heldText.match(p.fate);
            const auto delayed = delayedText.match(comment);
            QVERIFY2(held.hasMatch() == !dropped, at.constData());
            if (held.hasMatch() && held.captured(1) != "0.0") {
                QVERIFY2(delayed.hasMatch() && delayed.captured(1) == held.captured(1),
                         at.constData());
            }
            if (t[1] == "17") {
                QVERIFY2(p.summary.startsWith("UDP "), at.constData());
                udpDroppedAtoB += aToB && dropped ? 1 : 0;
                continue;
            }
            QCOMPARE(t[1], QString("6"));
            ++tcpFrames;
            tcpDroppedAtoB += aToB && dropped ? 1 : 0;
            const auto m = tcpText.match(p.summary);
            QVERIFY2(m.hasMatch(), at.constData());
            const uint flags = t[2].toUInt(nullptr, 16);
            QVERIFY2(m.captured(1) == flagNames(flags), at.constData());
            QVERIFY2(m.captured(2) == t[3], at.constData());
            if (flags & 0x10) {
                QVERIFY2(m.captured(3) == t[4], at.constData());
            }
            // tcp.analysis.retransmission is on all three kinds (as Wireshark's filter).
            const bool plain = p.summary.contains("[TCP Retransmission]");
            const bool fast = p.summary.contains("[TCP Fast Retransmission]");
            const bool spurious = p.summary.contains("[TCP Spurious Retransmission]");
            QVERIFY2((t[5] == "1") == (plain || fast || spurious), at.constData());
            QVERIFY2((t[6] == "1") == fast, at.constData());
            QVERIFY2((t[7] == "1") == spurious, at.constData());
            // A resent segment that follows the furthest one within the handshake's round
            // trip is out-of-order instead, in both.
            QVERIFY2((t[8] == "1") == p.summary.contains("[TCP Out-Of-Order]"), at.constData());
            resent += t[5] == "1" || t[8] == "1" ? 1 : 0;
        }
        QCOMPARE(udpDroppedAtoB, udpLost);
        QVERIFY(tcpFrames >= 5); // handshake, data, acknowledgements
        // The comparison covered marked segments (the seed drops the first data segment).
        QVERIFY(resent > 0);
        qInfo("%d frames, %d TCP, %d marked resent or out-of-order, UDP lost %d",
              int(frames.size()), tcpFrames, resent, udpLost);

        // --timeline: TCP over time as CSV. Its wire rows are the TCP packets from A that
        // tshark saw dropped and the resent segments the table counts; its last TCP_INFO
        // sample is the table's figure.
        QFile csv(csvFile);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QVERIFY(rows.value(0).startsWith("time_ms,source,event,rtt_ms,rttvar_ms,cwnd,"));
        int droppedRows = 0;
        int resentRows = 0;
        QString lastSample;
        for (const QString& row : rows.mid(1)) {
            QCOMPARE(row.count(','), 12);
            droppedRows += row.contains(",wire,dropped_a_to_b,") ? 1 : 0;
            resentRows += row.contains(",wire,resent_a_to_b,") ? 1 : 0;
            lastSample = row.contains(",tcp_info,sample,") ? row : lastSample;
        }
        QCOMPARE(droppedRows, tcpDroppedAtoB);
        QCOMPARE(QString::number(resentRows), tableRow(r.out, "wire retransmissions").value(0));
        QCOMPARE(lastSample.section(',', 8, 8), tableRow(r.out, "TCP retransmits").value(0));
        QVERIFY(r.err.contains("wrote TCP over time ("));
    }

    void badCommandLines_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("loss") << QStringList{"--loss", "200%"}
                              << R"(socklab-cli: parse --loss "200%": expected a percentage )"
                                 "0..100 such as 10% or 2.5";
        QTest::newRow("count") << QStringList{"--count", "0"}
                               << R"(socklab-cli: parse --count "0": out of range 1..100000)";
        QTest::newRow("size") << QStringList{"--size", "7"}
                              << R"(socklab-cli: parse --size "7": out of range 8..65000)";
        QTest::newRow("mtu") << QStringList{"--mtu", "100"}
                             << R"(socklab-cli: parse --mtu "100": out of range 576..65535)";
        QTest::newRow("experiment")
            << QStringList{"--experiment", "nope"}
            << R"(socklab-cli: parse --experiment "nope": unknown experiment (see socklab-cli )"
               "lab --experiment list)";
        QTest::newRow("stream-only")
            << QStringList{"--segment", "1..8"}
            << "socklab-cli: parse arguments --segment: applies to stream relays only, not to "
               "the lab's wire";
        QTest::newRow("timeline on a script")
            << QStringList{"--experiment", "fin-rst", "--timeline", "x.csv"}
            << "socklab-cli: parse arguments --timeline: does not apply to the scripted "
               "experiment fin-rst";
        QTest::newRow("schedule option on a script")
            << QStringList{"--experiment", "half-close", "--count", "5"}
            << "socklab-cli: parse arguments --count: does not apply to the scripted "
               "experiment half-close";
    }

    void badCommandLines() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome r = runCli(QStringList{"lab"} + args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(QString::fromUtf8(r.err).trimmed(), message);
        QVERIFY(r.out.isEmpty());
    }

    void experimentList() {
        const Outcome r = runCli({"lab", "--experiment", "list"});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = QString::fromUtf8(r.out).trimmed().split('\n');
        const auto all = socklab::labExperiments();
        QCOMPARE(std::size_t(lines.size()), all.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            const QString id = QString::fromUtf8(all[i].id.data(), all[i].id.size());
            const QString title = QString::fromUtf8(all[i].title.data(), all[i].title.size());
            QCOMPARE(lines[int(i)].section(' ', 0, 0), id);
            QVERIFY(lines[int(i)].endsWith(" " + title));
        }
    }

    void experimentLoss() {
        const Outcome r = runCli({"lab", "--experiment", "loss"});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        if (r.out.contains("(fallback:")) {
            QSKIP("the lab network is not available here");
        }
        const socklab::LabExperiment* e = socklab::findLabExperiment("loss");
        QVERIFY(e);
        QVERIFY(r.out.startsWith("10% packet loss (experiment loss)\n"));
        // The explanation (wrapped) before the table, the claim last.
        QVERIFY(r.out.simplified().contains(
            QByteArray(e->explanation.data(), qsizetype(e->explanation.size())).simplified()));
        const QByteArray flat = r.out.simplified();
        QVERIFY(flat.indexOf("nobody sends it again") < flat.indexOf(" delivered "));
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QVERIFY2(lines.back().startsWith("claim holds: "), lines.back().constData());
        const socklab::LabRunSettings preset = e->settings();
        QCOMPARE(tableRow(r.out, "delivered").value(0),
                 QString("%1/%1").arg(preset.schedule.count));
    }

    // The same experiment without its loss: the claim fails, and so does the exit status.
    void overriddenPresetFailsTheClaim() {
        const Outcome r = runCli(
            {"lab", "--experiment", "loss", "--loss", "0%", "--count", "30", "--interval", "2ms"});
        QVERIFY2(r.exitCode == 1, (r.out + r.err).constData());
        QCOMPARE(tableRow(r.out, "delivered").value(1), QString("30/30"));
        QVERIFY2(r.out.trimmed().split('\n').back().startsWith("claim does not hold: "),
                 r.out.constData());
    }

    // A scripted experiment: every step printed in order, the FIN on the wire, the claim, and
    // the ladder written whole (no .part left) with both hosts' calls and every packet.
    void scriptedExperimentWithLadder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString svg = dir.filePath("half-close.svg");
        const Outcome r =
            runCli({"lab", "--experiment", "half-close", "--packets", "--ladder-svg", svg});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        const socklab::LabExperiment* e = socklab::findLabExperiment("half-close");
        const std::size_t steps = e->steps().size();
        qsizetype from = 0;
        for (std::size_t i = 1; i <= steps; ++i) {
            const QByteArray want = QString("\nstep %1/%2: ").arg(i).arg(steps).toUtf8();
            const qsizetype at = r.out.indexOf(want, from);
            QVERIFY2(at > from, want.constData());
            from = at;
        }
        const auto packets = printedPackets(r.out);
        QVERIFY(packets.size() >= 8);
        QVERIFY(packets[0].summary.contains("[SYN]"));
        QVERIFY(std::ranges::any_of(packets, [](const PrintedPacket& p) {
            return p.direction == "A->B" && p.summary.contains("[FIN, ACK]");
        }));
        QVERIFY2(r.out.trimmed().split('\n').back().startsWith("claim holds: "), r.out.constData());

        QVERIFY(QFileInfo::exists(svg));
        QVERIFY(!QFileInfo::exists(svg + ".part"));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        int arrows = 0;
        QStringList calls;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement() || xml.name() != QLatin1String("g")) {
                continue;
            }
            const QString cls = xml.attributes().value("class").toString();
            if (cls.startsWith("packet ")) {
                ++arrows;
            } else if (cls == "call") {
                xml.readNextStartElement(); // its <title>
                calls << xml.readElementText();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(std::size_t(arrows), packets.size());
        for (const char* call :
             {"A: connect() - host A", "B: accept() - host B", "A: shutdown(SHUT_WR) - host A",
              "B: recv EOF - host B", "B: send 28 - host B", "A: recv 28 - host A"}) {
            QVERIFY2(
                std::ranges::any_of(calls, [&](const QString& c) { return c.startsWith(call); }),
                qPrintable(call + (" not in: " + calls.join(" | "))));
        }
    }

    // kill -9 of the CLI mid-run: the lab's helper process dies with it (or is a zombie
    // nobody reaped yet), and nothing is left in the lab's network namespace.
    void killedCliLeavesNothingBehind() {
        if (!privateNetworkWorks()) {
            QSKIP("user namespaces are not available here");
        }
        QProcess cli;
        cli.start(cliPath(), {"lab", "--count", "100000", "--interval", "1ms"});
        QVERIFY(cli.waitForStarted(kTimeoutMs));
        QElapsedTimer t;
        t.start();
        std::optional<qint64> helper;
        QString ns;
        while (t.elapsed() < 3000 && ns.isEmpty()) {
            helper = childNamed(cli.processId(), "socklab-lab");
            if (helper) {
                ns = netNamespace(*helper);
            }
            if (ns.isEmpty()) {
                QThread::msleep(20);
            }
        }
        ::kill(pid_t(cli.processId()), SIGKILL);
        QVERIFY(cli.waitForFinished(kTimeoutMs));
        QVERIFY2(helper && !ns.isEmpty(), "no socklab-lab helper within 3 s");
        QVERIFY(ns != netNamespace(QCoreApplication::applicationPid()));
        QElapsedTimer after;
        after.start();
        bool gone = false;
        QList<qint64> left;
        while (after.elapsed() < 3000 && !gone) {
            const QChar state = parentAndState(*helper).second;
            left = processesIn(ns);
            gone = (state.isNull() || state == 'Z') && left.isEmpty();
            if (!gone) {
                QThread::msleep(20);
            }
        }
        QVERIFY2(gone, qPrintable(QString("helper state %1, processes in %2: %3")
                                      .arg(parentAndState(*helper).second)
                                      .arg(ns)
                                      .arg(left.size())));
    }

    // No TUN device: the checks say which one failed and what the fallback is, and the run
    // completes over relays on loopback.
    void missingTunFallsBack() {
        const Outcome r = runCliEnv({"lab", "--count", "5", "--interval", "1ms"},
                                    {"SOCKLAB_LAB_TUN_DEVICE=/nonexistent"});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(r.err.contains("check TUN device /nonexistent: No such file or directory"),
                 r.err.constData());
        QVERIFY2(r.err.contains("The lab network is not available: ") &&
                     r.err.contains("The lab runs over relays on loopback instead"),
                 r.err.constData());
        QVERIFY(r.out.startsWith("(fallback: relays on loopback; TCP saw no real loss)\n"));
        QCOMPARE(tableRow(r.out, "delivered"), (QStringList{"5/5", "5/5"}));
    }
};

QTEST_GUILESS_MAIN(TestCliLab)
#include "test_cli_lab.moc"
