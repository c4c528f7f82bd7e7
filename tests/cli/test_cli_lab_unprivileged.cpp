// The lab without root, for real: socklab-cli run as an ordinary user (nobody, through
// util-linux's setpriv) builds its two namespaces inside an unprivileged user namespace and
// carries kernel TCP over an impaired wire; with a TUN device that user may not open, it says
// which check failed and falls back. The TUN device is a node made for the test in a temporary
// directory (the machine's /dev/net/tun is left as it is), named with SOCKLAB_LAB_TUN_DEVICE.
// Needs root to make the node and drop to nobody; as any other user the rest of the lab tests
// already run unprivileged.
#include "cli/support/cli_process.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cstring>
#include <memory>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace {

constexpr int kRunTimeoutMs = 90'000;
constexpr const char* kNobody = "65534";

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// A directory nobody can enter, holding a copy of socklab-cli (so the build tree's permissions
/// do not matter) and a TUN node of the given mode.
struct Sandbox {
    QTemporaryDir dir;
    QString cli;
    QString tun;
    QString problem; ///< why it could not be made (then the test skips or fails)

    /// In base (next to the test binary first: /tmp is often mounted nodev).
    Sandbox(mode_t tunMode, const QString& base)
        : dir(base + QStringLiteral("/lab-unprivileged-XXXXXX")) {
        if (!dir.isValid()) {
            problem = QStringLiteral("no temporary directory");
            return;
        }
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        cli = dir.filePath(QStringLiteral("socklab-cli"));
        tun = dir.filePath(QStringLiteral("tun"));
        if (!QFile::copy(cli_test::cliPath(), cli) ||
            ::chmod(QFile::encodeName(cli).constData(), 0755) != 0) {
            problem = QStringLiteral("cannot copy socklab-cli");
            return;
        }
        struct statvfs fs {};
        if (::statvfs(QFile::encodeName(dir.path()).constData(), &fs) == 0 &&
            (fs.f_flag & ST_NODEV) != 0) {
            problem = QStringLiteral("%1 is on a file system mounted nodev").arg(dir.path());
            return;
        }
        const QByteArray node = QFile::encodeName(tun);
        if (::mknod(node.constData(), S_IFCHR | tunMode, makedev(10, 200)) != 0) {
            problem = QStringLiteral("mknod %1: %2")
                          .arg(tun, QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        ::chmod(node.constData(), tunMode); // the umask may have taken bits away
    }

    /// What keeps nobody from running the lab here regardless of SockLab ("" when nothing):
    /// the copied binary must run as nobody, and nobody must be allowed a user namespace.
    [[nodiscard]] QString nobodyCannot() const {
        // access() as nobody, as the lab's own TUN check does (exec may get through where
        // access() does not, e.g. below a 0700 directory).
        if (run({QStringLiteral("/usr/bin/test"), QStringLiteral("-x"), cli}).exitCode != 0) {
            return QStringLiteral("nobody cannot reach %1 (a directory above it is not "
                                  "searchable)")
                .arg(cli);
        }
        if (run({QStringLiteral("unshare"), QStringLiteral("-rn"), QStringLiteral("true")})
                .exitCode != 0) {
            return QStringLiteral("unprivileged user namespaces are not allowed here");
        }
        return {};
    }

    [[nodiscard]] Run runAsNobody(const QStringList& labArgs) const {
        return run(QStringList{cli, QStringLiteral("lab")} + labArgs);
    }

    /// command run as nobody (setpriv) in the sandbox, with the TUN node as the lab's device.
    [[nodiscard]] Run run(const QStringList& command) const {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SOCKLAB_LAB_TUN_DEVICE"), tun);
        env.insert(QStringLiteral("HOME"), dir.path());
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(dir.path());
        p.start(QStringLiteral("setpriv"),
                QStringList{QStringLiteral("--reuid=%1").arg(QLatin1String(kNobody)),
                            QStringLiteral("--regid=%1").arg(QLatin1String(kNobody)),
                            QStringLiteral("--clear-groups"), QStringLiteral("--")} +
                    command);
        Run r;
        if (!p.waitForFinished(kRunTimeoutMs)) {
            p.kill();
            p.waitForFinished();
            r.err = "socklab-cli did not finish in time";
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
};

/// A sandbox nobody can use: next to the test binary, else in the temporary directory; nullptr
/// and why when neither works here.
std::unique_ptr<Sandbox> usableSandbox(mode_t tunMode, QString& why) {
    for (const QString& base : {QCoreApplication::applicationDirPath(), QDir::tempPath()}) {
        auto box = std::make_unique<Sandbox>(tunMode, base);
        why = box->problem.isEmpty() ? box->nobodyCannot() : box->problem;
        if (why.isEmpty()) {
            return box;
        }
    }
    return nullptr;
}

QStringList tableRow(const QByteArray& out, const QString& name) {
    for (const QString& line : QString::fromUtf8(out).split(QLatin1Char('\n'))) {
        if (line.startsWith(name + QLatin1Char(' '))) {
            return line.mid(name.size())
                .split(QRegularExpression(QStringLiteral("\\s{2,}")), Qt::SkipEmptyParts);
        }
    }
    return {};
}

} // namespace

class TestCliLabUnprivileged : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (::geteuid() != 0) {
            QSKIP("not root: every other lab test already runs unprivileged");
        }
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty()) {
            QFAIL("setpriv (util-linux) is missing");
        }
    }

    // As nobody with a TUN device it may open: the lab network comes up, TCP delivers every
    // message and retransmits what the wire dropped.
    void nobodyRunsTheLab() {
        QString why;
        const auto sandbox = usableSandbox(0666, why);
        if (!sandbox) {
            QSKIP(qPrintable(why));
        }
        const Sandbox& box = *sandbox;
        const Run r = box.runAsNobody({QStringLiteral("--loss"), QStringLiteral("20%"),
                                       QStringLiteral("--count"), QStringLiteral("40"),
                                       QStringLiteral("--interval"), QStringLiteral("5ms")});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(!r.out.contains("(fallback:"), (r.out + r.err).constData());
        QVERIFY2(r.err.contains("lab network up: 192.0.2.1 <-> 192.0.2.2"), r.err.constData());
        QCOMPARE(tableRow(r.out, QStringLiteral("delivered")).value(0), QStringLiteral("40/40"));
        QVERIFY2(tableRow(r.out, QStringLiteral("TCP retransmits")).value(0).toInt() > 0,
                 r.out.constData());
        QVERIFY2(tableRow(r.out, QStringLiteral("lost")).value(1).toInt() > 0, r.out.constData());
    }

    // As nobody with a TUN device only root may open: the check names the device and the
    // cause, and the run goes on over relays on loopback.
    void nobodyWithoutTunAccessFallsBack() {
        QString why;
        const auto sandbox = usableSandbox(0600, why);
        if (!sandbox) {
            QSKIP(qPrintable(why));
        }
        const Sandbox& box = *sandbox;
        const Run r = box.runAsNobody({QStringLiteral("--count"), QStringLiteral("5"),
                                       QStringLiteral("--interval"), QStringLiteral("1ms")});
        QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
        QVERIFY2(
            r.err.contains(
                QStringLiteral("check TUN device %1: Permission denied").arg(box.tun).toUtf8()),
            r.err.constData());
        QVERIFY2(r.out.startsWith("(fallback: relays on loopback; TCP saw no real loss)\n"),
                 r.out.constData());
        QCOMPARE(tableRow(r.out, QStringLiteral("delivered")).value(0), QStringLiteral("5/5"));
    }
};

QTEST_GUILESS_MAIN(TestCliLabUnprivileged)
#include "test_cli_lab_unprivileged.moc"
