// File > Export capture: a tab's capture written as pcapng (read back by tshark), hex dump and
// text log, off the GUI thread; errors land in the tab's banner. Also the status line's kernel
// drop counter.
#include "a11y.h"
#include "support/capture_fill.h"
#include "support/gui_driver.h"
#include "ui/export/capture_export.h"
#include "ui/session/session_router.h"
#include "ui/widgets/session_status.h"

#include <QAction>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCaptureExport : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;
    QTemporaryDir m_dir;

    // A TCP client tab connected to a python echo server that has echoed `text`.
    // `text` is typed in the composer's Escapes mode (\t, \xNN); `sent` is the bytes it means.
    SessionTab* echoedTab(QProcess& peer, const QString& text, const QByteArray& sent) {
        const int port = e2e::startPeer(peer, e2e::kPyTcpEcho);
        if (port <= 0) {
            return nullptr;
        }
        QString why;
        SessionTab* tab = e2e::openTcpClient(m_gui.window(), port, why);
        if (!tab) {
            qWarning("%s", qPrintable(why));
            return nullptr;
        }
        if (!a11y::choose(tab, QStringLiteral("Mode"), QStringLiteral("Escapes")) ||
            !a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")) ||
            !a11y::type(tab, QStringLiteral("Message"), text) ||
            !a11y::press(tab, QStringLiteral("Send"))) {
            return nullptr;
        }
        const auto store = tab->captureSource().store;
        const auto want = std::uint64_t(sent.size());
        if (!QTest::qWaitFor([&] { return store->counters().bytesIn == want; }, e2e::kWaitMs)) {
            return nullptr;
        }
        return tab;
    }

    QAction* exportAction() const {
        for (QAction* a : m_gui->findChildren<QAction*>()) {
            if (QString(a->text()).remove(u'&') == QStringLiteral("Export capture…")) {
                return a;
            }
        }
        return nullptr;
    }

    bool exportAndWait(SessionTab* tab, const QString& path, CaptureFormat format,
                       QString& message) {
        QSignalSpy done(tab, &SessionTab::exportFinished);
        if (!tab->exportCapture(path, format) || !done.wait(e2e::kWaitMs)) {
            return false;
        }
        message = done.at(0).at(1).toString();
        return done.at(0).at(0).toBool();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_capture_export"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }

    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }

    void unixCapturesAreNotOfferedAsPcapng() {
        CaptureSource unixSource;
        unixSource.store = std::make_shared<TrafficStore>();
        unixSource.spec = {familyByName("AF_UNIX")->value, typeByName("SOCK_STREAM")->value, 0};
        QVERIFY(!holdsIpTraffic(unixSource));
        QCOMPARE(suggestedCaptureFormat(unixSource, CaptureFormat::Pcapng), CaptureFormat::Hexdump);
        QCOMPARE(suggestedCaptureFormat(unixSource, CaptureFormat::TextLog),
                 CaptureFormat::TextLog);
        const QString path = m_dir.filePath(QStringLiteral("unix.pcapng"));
        auto written = writeCapture(unixSource, path, CaptureFormat::Pcapng);
        QVERIFY(!written);
        const QString message = QString::fromStdString(written.error().message());
        QVERIFY2(message.startsWith(QStringLiteral("export pcapng ") + path) &&
                     message.contains(QStringLiteral("hex dump")),
                 qPrintable(message));
        QVERIFY(!QFile::exists(path));
        CaptureSource ipSource = unixSource;
        ipSource.spec.family = familyByName("AF_INET")->value;
        QVERIFY(holdsIpTraffic(ipSource));
        QCOMPARE(suggestedCaptureFormat(ipSource, CaptureFormat::Pcapng), CaptureFormat::Pcapng);
    }

    void exporterReportsProgressAndCanBeCancelled() {
        CaptureSource source;
        auto store = test::makeStore(1 << 20);
        test::appendPattern(*store, 200000, 64);
        source.store = store;
        source.spec = {familyByName("AF_INET")->value, typeByName("SOCK_DGRAM")->value, 0};
        const QString path = m_dir.filePath(QStringLiteral("big.log"));
        {
            QFile previous(path);
            QVERIFY(previous.open(QIODevice::WriteOnly));
            previous.write("earlier export\n");
        }
        // Runs to the end: progress reaches the total, the file is replaced.
        CaptureExporter exporter;
        QSignalSpy progress(&exporter, &CaptureExporter::progress);
        QSignalSpy done(&exporter, &CaptureExporter::finished);
        QVERIFY(exporter.start(source, path, CaptureFormat::TextLog));
        QVERIFY(exporter.busy());
        QVERIFY(!exporter.start(source, path, CaptureFormat::TextLog)); // one at a time
        QVERIFY(done.wait(60000));
        QCOMPARE(done.at(0).at(0).toBool(), true);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toULongLong(), 200000ull);
        QCOMPARE(progress.last().at(1).toULongLong(), 200000ull);
        const QByteArray full = readAll(path);
        QCOMPARE(full.count('\n'), 200000);

        // Cancelled at once: an error naming the cause, and the file is left as it was.
        QVERIFY(exporter.start(source, path, CaptureFormat::Hexdump));
        exporter.cancel();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.at(1).at(0).toBool(), false);
        QVERIFY2(done.at(1).at(1).toString().contains(QStringLiteral("ECANCELED")),
                 qPrintable(done.at(1).at(1).toString()));
        QCOMPARE(readAll(path), full);
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
    }

    void suffixFollowsTheFormat() {
        QCOMPARE(withCaptureSuffix(QStringLiteral("/a/x.pcapng"), CaptureFormat::TextLog),
                 QStringLiteral("/a/x.log"));
        QCOMPARE(withCaptureSuffix(QStringLiteral("/a/x.log"), CaptureFormat::TextLog),
                 QStringLiteral("/a/x.log"));
        QCOMPARE(withCaptureSuffix(QStringLiteral("/a/x.txt"), CaptureFormat::Hexdump),
                 QStringLiteral("/a/x.txt"));
        QCOMPARE(withCaptureSuffix(QStringLiteral("/a/x"), CaptureFormat::Pcapng),
                 QStringLiteral("/a/x.pcapng"));
        QCOMPARE(withCaptureSuffix(QStringLiteral("/a/x.1.2.3.4"), CaptureFormat::Hexdump),
                 QStringLiteral("/a/x.1.2.3.4.hexdump"));
    }

    void formatFollowsTheFilterThenTheSuffix() {
        const QStringList filters = captureFilters().split(QStringLiteral(";;"));
        QCOMPARE(filters.size(), 3);
        QCOMPARE(captureFormatFor(filters[0], QStringLiteral("x.log")), CaptureFormat::Pcapng);
        QCOMPARE(captureFormatFor(filters[1], QStringLiteral("x")), CaptureFormat::Hexdump);
        QCOMPARE(captureFormatFor(filters[2], QStringLiteral("x")), CaptureFormat::TextLog);
        QCOMPARE(captureFormatFor({}, QStringLiteral("a/b.LOG")), CaptureFormat::TextLog);
        QCOMPARE(captureFormatFor({}, QStringLiteral("b.txt")), CaptureFormat::Hexdump);
        QCOMPARE(captureFormatFor({}, QStringLiteral("b")), CaptureFormat::Pcapng);
    }

    void pcapngIsReadByTshark() {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty()) {
            QSKIP("tshark not installed (scripts/setup-deps.sh installs it)");
        }
        QProcess peer;
        SessionTab* tab = echoedTab(peer, QStringLiteral("capture me"), "capture me");
        QVERIFY(tab);
        const QString path = m_dir.filePath(QStringLiteral("echo.pcapng"));
        QString message;
        QVERIFY(exportAndWait(tab, path, CaptureFormat::Pcapng, message));
        QVERIFY2(message.contains(path), qPrintable(message));
        // The main window's status bar says what was written.
        QTRY_VERIFY(m_gui->statusBar()->currentMessage().contains(QStringLiteral("Exported")));

        QProcess tshark;
        tshark.start(QStringLiteral("tshark"),
                     {QStringLiteral("-r"), path, QStringLiteral("-Y"), QStringLiteral("tcp.len>0"),
                      QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
                      QStringLiteral("tcp.payload")});
        QVERIFY(tshark.waitForFinished(30000));
        QByteArray out = tshark.readAllStandardOutput();
        QCOMPARE(tshark.exitCode(), 0);
        // Sent and echoed: the payload appears once each way.
        const QByteArray hex = QByteArray("capture me").toHex();
        QVERIFY2(out.replace(":", "").count(hex) == 2, out.constData());
    }

    void hexdumpAndTextLogHoldTheBytes() {
        QProcess peer;
        SessionTab* tab = echoedTab(peer, QStringLiteral("tab\\tand\\x01"), "tab\tand\x01");
        QVERIFY(tab);
        QString message;
        const QString dump = m_dir.filePath(QStringLiteral("echo.hexdump"));
        QVERIFY(exportAndWait(tab, dump, CaptureFormat::Hexdump, message));
        QCOMPARE(readAll(dump).count("7461 6209 616e 6401"), 2);
        const QString log = m_dir.filePath(QStringLiteral("echo.log"));
        QVERIFY(exportAndWait(tab, log, CaptureFormat::TextLog, message));
        QCOMPARE(readAll(log).count("tab\\tand\\x01"), 2);
    }

    void errorsAppearInTheTab() {
        QProcess peer;
        SessionTab* tab = echoedTab(peer, QStringLiteral("x"), "x");
        QVERIFY(tab);
        const QString path = m_dir.filePath(QStringLiteral("missing/dir/x.pcapng"));
        QSignalSpy done(tab, &SessionTab::exportFinished);
        QVERIFY(tab->exportCapture(path, CaptureFormat::Pcapng));
        QTRY_VERIFY2_WITH_TIMEOUT(tab->errorText().contains(QStringLiteral("ENOENT")),
                                  qPrintable(tab->errorText()), e2e::kWaitMs);
        QVERIFY(tab->errorText().contains(path));
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toBool(), false);
        // The main window does not keep saying "Exporting…".
        QVERIFY2(m_gui->statusBar()->currentMessage().startsWith(QStringLiteral("Export failed")),
                 qPrintable(m_gui->statusBar()->currentMessage()));
        // Nothing captured is lost by a failed export.
        QCOMPARE(tab->captureSource().store->counters().bytesIn, std::uint64_t(1));
    }

    void nothingToExportBeforeTheFirstOpen() {
        m_gui->newTab();
        SessionTab* tab = m_gui->currentTab();
        // The menu entry is disabled, and asking anyway explains why.
        QVERIFY(!e2e::triggerMenu(m_gui.window(),
                                  {QStringLiteral("File"), QStringLiteral("Export capture…")}));
        QVERIFY(!tab->exportCapture(m_dir.filePath(QStringLiteral("none.pcapng")),
                                    CaptureFormat::Pcapng));
        QVERIFY2(tab->errorText().contains(QStringLiteral("nothing captured")),
                 qPrintable(tab->errorText()));
        // Once the socket has a capture, the entry is enabled (a listener: the new tab's client
        // has no server to connect to until one is typed).
        QVERIFY(a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Listen")));
        QVERIFY(tab->openSocket());
        QTRY_VERIFY(tab->captureSource().store);
        QTRY_VERIFY(exportAction()->isEnabled());
    }

    void kernelDropsShowInTheStatusLine() {
        QString why;
        SessionTab* tab = e2e::openBoundUdp(m_gui.window(), why);
        QVERIFY2(tab, qPrintable(why));
        QCOMPARE(tab->status()->kernelDropsText(), QString());
        // What the datagram session emits when SO_RXQ_OVFL grows.
        EngineEvent e;
        e.kind = EngineEvent::Kind::Warning;
        e.session = tab->sessionId();
        e.kernelDrops = 1234;
        e.text = "kernel dropped 1234 datagrams";
        m_gui->router()->route(e);
        QVERIFY2(tab->status()->kernelDropsText().contains(QStringLiteral("1,234")) ||
                     tab->status()->kernelDropsText().contains(QStringLiteral("1234")),
                 qPrintable(tab->status()->kernelDropsText()));
        QVERIFY(
            a11y::text(tab, QStringLiteral("Kernel drops")).contains(QStringLiteral("dropped")));
        // Reopening starts from zero.
        tab->closeSocket();
        QVERIFY(e2e::waitForState(tab, QStringLiteral("Closed")));
        QVERIFY(tab->openSocket());
        QCOMPARE(tab->status()->kernelDropsText(), QString());
    }
};

QTEST_MAIN(TestCaptureExport)
#include "test_capture_export.moc"
