// Continuous save (core/capture/live_save): a real engine session fed by a python3 peer is
// saved while it runs, rotated at a small size; every file is read back on its own by tshark
// (an independent reader) and the files together hold exactly the bytes that crossed the
// socket. Also: names, sizes, keeping N files, never overwriting, records the store dropped
// first, a write error (ENOSPC on /dev/full; EFBIG on a regular file under RLIMIT_FSIZE) that
// stops the save while the store keeps everything, a next file that cannot be opened, numbered
// names taken by a directory or a FIFO, a FIFO nobody reads, and stopping without waiting.
// Runs under TSan (ctest -L engine): the worker reads the store while its writer appends.
#include "core/capture/live_save.h"
#include "core/support/engine_harness.h"
#include "core/support/python_peer.h"
#include "core/support/tshark.h"
#include "core/workspace/workspace_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <csignal>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

using namespace socklab;
using namespace socklab::test;

namespace {

Endpoint loopbackPeer(std::uint16_t port) {
    return *Endpoint::parse("127.0.0.1:" + std::to_string(port));
}

std::vector<std::byte> bytesOf(std::string_view s) {
    const auto b = std::as_bytes(std::span(s.data(), s.size()));
    return {b.begin(), b.end()};
}

} // namespace

class TestStoreLiveSave : public QObject {
    Q_OBJECT

private slots:
    void namesAndSizes() {
        QCOMPARE(liveSaveFileName("cap.pcapng", 0), std::string("cap.pcapng"));
        QCOMPARE(liveSaveFileName("cap.pcapng", 1), std::string("cap.1.pcapng"));
        QCOMPARE(liveSaveFileName("/tmp/x/cap.log", 12), std::string("/tmp/x/cap.12.log"));
        QCOMPARE(liveSaveFileName("cap", 2), std::string("cap.2"));
        QCOMPARE(liveSaveFileName("dir.d/cap", 3), std::string("dir.d/cap.3"));
        QCOMPARE(liveSaveFileName("dir/.cap", 1), std::string("dir/.cap.1"));

        QCOMPARE(parseByteSize("10M").value(), std::uint64_t(10) << 20);
        QCOMPARE(parseByteSize("512k").value(), std::uint64_t(512) << 10);
        QCOMPARE(parseByteSize("512 KiB").value(), std::uint64_t(512) << 10);
        QCOMPARE(parseByteSize("1.5m").value(), std::uint64_t(3) << 19);
        QCOMPARE(parseByteSize("2G").value(), std::uint64_t(2) << 30);
        QCOMPARE(parseByteSize("4096").value(), std::uint64_t(4096));
        QCOMPARE(parseByteSize("0").value(), std::uint64_t(0));
        for (const char* bad : {"", "M", "5x", "-1", "10 MM", "1e999"}) {
            const auto r = parseByteSize(bad);
            QVERIFY2(!r, bad);
            QVERIFY(!r.error().message().empty());
        }
        QCOMPARE(parseByteSize("5x").error().message(),
                 std::string("parse size \"5x\": expected a size like 10M, 512k or 4096 (bytes)"));
        QCOMPARE(byteSizeText(10u << 20), std::string("10M"));
        QCOMPARE(byteSizeText(1536), std::string("1536"));
        QCOMPARE(byteSizeText(2048), std::string("2k"));

        QCOMPARE(liveSaveFormatFromName("text"), std::optional(LiveSaveFormat::TextLog));
        QCOMPARE(liveSaveFormatFromName("PCAPNG"), std::optional(LiveSaveFormat::Pcapng));
        QVERIFY(!liveSaveFormatFromName("csv"));

        LiveSaveSettings s{"x.pcapng", LiveSaveFormat::Pcapng, 100, 0};
        QVERIFY(!checkLiveSaveSettings(s));
        s.rotateBytes = kMinRotateBytes;
        QVERIFY(checkLiveSaveSettings(s));
        s.path.clear();
        QVERIFY(!checkLiveSaveSettings(s));
        const SocketSpec unixStream{AF_UNIX, SOCK_STREAM, 0};
        const auto unixPcapng =
            liveSaveOptionsFor({"u.pcapng", LiveSaveFormat::Pcapng, 0, 0}, unixStream);
        QVERIFY(!unixPcapng);
        QVERIFY(unixPcapng.error().message().find("Unix-domain") != std::string::npos);
        QVERIFY(liveSaveOptionsFor({"u.log", LiveSaveFormat::TextLog, 0, 0}, unixStream));
        const auto udp = liveSaveOptionsFor({"u.pcapng"}, SocketSpec{AF_INET, SOCK_DGRAM, 0});
        QCOMPARE(udp->transport, PcapTransport::Udp);
    }

    // A listener with the echo responder, a python3 client sending 150 small messages over
    // time; saved with 4 KiB rotation while it runs.
    void engineCaptureRotatesAndEveryFileReads() {
        if (!tsharkAvailable() || !PythonPeer::available()) {
            QSKIP("needs tshark and python3");
        }
        QTemporaryDir dir;
        EngineHarness h;
        OpenSession request = openRequest(AF_INET, SOCK_STREAM, 0, Role::Listen, "127.0.0.1:0");
        request.responders = ResponderConfig::echo();
        const auto listener = h.listen(request);
        QVERIFY(listener);
        const auto store = h.engine.store(listener->session);
        QVERIFY(store);

        LiveSaveOptions options;
        options.path = dir.filePath("cap.pcapng").toStdString();
        options.rotateBytes = 4096;
        options.pollInterval = std::chrono::milliseconds(50);
        auto save = LiveSave::start(store, options);
        QVERIFY2(save, save ? "" : save.error().message().c_str());

        PythonPeer peer(R"(
            import socket, sys, time
            s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
            sent = b''
            for i in range(150):
                msg = ('message %03d ' % i).encode() + bytes((i * 7 + k) % 256 for k in range(90))
                s.sendall(msg)
                sent += msg
                time.sleep(0.004)
            s.shutdown(socket.SHUT_WR)
            got = b''
            while True:
                b = s.recv(65536)
                if not b:
                    break
                got += b
            print(sent.hex())
            print('echo ok' if got == sent else 'echo differs')
        )",
                        {QString::number(listener->port)});
        QVERIFY(peer.start());
        const QByteArray sent = QByteArray::fromHex(peer.readLine(30000));
        QCOMPARE(sent.size(), 150 * 102);
        QCOMPARE(peer.readLine(30000), QByteArray("echo ok"));
        QCOMPARE(peer.finish(10000), 0);
        QVERIFY(h.waitUntil(
            [&] { return store->counters().bytesOut == std::uint64_t(sent.size()); }, 30000));
        QVERIFY(h.waitUntil([&] { return (*save)->status().nextSeq == store->endSeq(); }, 10000));
        const LiveSaveStatus running = (*save)->status();
        QVERIFY(running.running);
        (*save)->stop();
        const LiveSaveStatus st = (*save)->status();
        QVERIFY(!st.running);
        QVERIFY2(!st.error, st.error ? st.error->message().c_str() : "");
        QCOMPARE(st.missedRecords, std::uint64_t(0));
        QCOMPARE(st.records, store->endSeq());
        QVERIFY2(st.files >= 4, std::to_string(st.files).c_str());

        const std::vector<std::string> files = (*save)->files();
        QCOMPARE(files.size(), std::size_t(st.files));
        QCOMPARE(files.front(), options.path);
        QCOMPARE(files[1], liveSaveFileName(options.path, 1));
        std::uint32_t largest = 0;
        for (const Record& r : store->records(0, std::size_t(store->endSeq()))) {
            largest = std::max(largest, r.length);
        }
        QByteArray in, out;
        std::uint64_t total = 0;
        for (const std::string& f : files) {
            const QString file = QString::fromStdString(f);
            const qint64 size = QFileInfo(file).size();
            total += std::uint64_t(size);
            // Rotated before a record would cross 4 KiB, unless one record alone is bigger.
            QVERIFY2(size <= std::max<qint64>(4096, 200 + 2 * qint64(largest)),
                     qPrintable(file + " " + QString::number(size)));
            // Every file on its own: tshark reads it (section header and interface inside).
            const QStringList lines = tsharkFields(file, {"tcp.dstport", "tcp.payload"});
            QVERIFY2(lines.isEmpty() || !lines.front().startsWith("<tshark failed"),
                     qPrintable(lines.value(0)));
            for (const QString& line : lines) {
                const QStringList fields = line.split('\t');
                QCOMPARE(fields.size(), 2);
                const QByteArray payload = QByteArray::fromHex(fields[1].toLatin1());
                // Our side's port was learned from the capture (the listener's Bound record).
                (fields[0].toUInt() == listener->port ? in : out) += payload;
            }
        }
        QCOMPARE(total, st.bytes);
        QCOMPARE(in.size(), sent.size());
        QVERIFY(in == sent);
        QVERIFY(out == sent);
    }

    // Text log lines, rotation and the oldest files removed beyond maxFiles; the store is
    // appended to on this thread while the worker reads it.
    void keepsTheNewestFiles() {
        QTemporaryDir dir;
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        options.path = dir.filePath("log.txt").toStdString();
        options.format = LiveSaveFormat::TextLog;
        options.rotateBytes = 2048;
        options.maxFiles = 2;
        options.pollInterval = std::chrono::milliseconds(5);
        auto save = LiveSave::start(store, options);
        QVERIFY(save);
        const Endpoint peer = loopbackPeer(4000);
        for (int i = 0; i < 300; ++i) {
            store->appendData(0, i % 2 ? Direction::Out : Direction::In,
                              bytesOf("line " + std::to_string(i) + " of the log"), &peer);
            if (i % 50 == 0) {
                QTest::qWait(10);
            }
        }
        (*save)->stop();
        const LiveSaveStatus st = (*save)->status();
        QVERIFY(!st.error);
        QCOMPARE(st.records, std::uint64_t(300));
        QCOMPARE(st.packets, std::uint64_t(300));
        QVERIFY(st.files > 2);
        const auto files = (*save)->files();
        QCOMPARE(files.size(), std::size_t(2));
        QCOMPARE(files.back(), st.currentFile);
        QCOMPARE(files.back(), liveSaveFileName(options.path, st.files - 1));
        QStringList onDisk = QDir(dir.path()).entryList(QDir::Files);
        QCOMPARE(onDisk.size(), 2);
        // The last file ends with the last record, as one whole line.
        QFile last(QString::fromStdString(files.back()));
        QVERIFY(last.open(QIODevice::ReadOnly));
        const QByteArray text = last.readAll();
        QVERIFY(text.endsWith("line 299 of the log\n"));
        QVERIFY(text.size() <= 2048);
    }

    void neverOverwritesAFile() {
        QTemporaryDir dir;
        const QString first = dir.filePath("keep.pcapng");
        QFile existing(first);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("precious");
        existing.close();
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        options.path = first.toStdString();
        auto save = LiveSave::start(store, options);
        QVERIFY(save);
        (*save)->stop();
        QCOMPARE((*save)->status().currentFile, liveSaveFileName(options.path, 1));
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("precious"));
    }

    // Records the store dropped (its record limit) before the save started are counted, the
    // rest written.
    void countsRecordsTheStoreDroppedFirst() {
        QTemporaryDir dir;
        TrafficStore::Config config;
        config.maxRecords = 100;
        auto store = std::make_shared<TrafficStore>(config);
        const Endpoint peer = loopbackPeer(4001);
        for (int i = 0; i < 1000; ++i) {
            store->appendData(1, Direction::In, bytesOf("x"), &peer);
        }
        const std::uint64_t begin = store->beginSeq();
        QVERIFY(begin > 0);
        LiveSaveOptions options;
        options.path = dir.filePath("c.log").toStdString();
        options.format = LiveSaveFormat::TextLog;
        auto save = LiveSave::start(store, options);
        QVERIFY(save);
        (*save)->stop();
        const LiveSaveStatus st = (*save)->status();
        QCOMPARE(st.missedRecords, begin);
        QCOMPARE(st.records, std::uint64_t(1000) - begin);
    }

    // ENOSPC: a pcapng header cannot even be written (start fails); a text log fails at its
    // first flush, stops with the error, and the store still holds every record.
    void writeErrorStopsTheSave() {
        if (!QFileInfo::exists("/dev/full")) {
            QSKIP("no /dev/full");
        }
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        options.path = "/dev/full";
        const auto pcapng = LiveSave::start(store, options);
        QVERIFY(!pcapng);
        QCOMPARE(pcapng.error().sysErrno(), ENOSPC);
        QCOMPARE(pcapng.error().op, std::string("save pcapng"));
        QCOMPARE(pcapng.error().object, std::string("/dev/full"));

        options.format = LiveSaveFormat::TextLog;
        options.pollInterval = std::chrono::milliseconds(10);
        auto save = LiveSave::start(store, options);
        QVERIFY(save);
        const Endpoint peer = loopbackPeer(4002);
        store->appendData(0, Direction::In, bytesOf("lost on the disk, kept in the store"), &peer);
        QTRY_VERIFY_WITH_TIMEOUT(!(*save)->status().running, 10000);
        const LiveSaveStatus st = (*save)->status();
        QVERIFY(st.error);
        QCOMPARE(st.error->sysErrno(), ENOSPC);
        QCOMPARE(st.error->message(),
                 std::string("save text log /dev/full: No space left on device (ENOSPC)"));
        (*save)->stop(); // after an error: nothing more to do
        QCOMPARE(store->endSeq(), std::uint64_t(1));
        QVERIFY(store->bytesAvailable(*store->record(0)));
    }

    // EFBIG on a regular file (RLIMIT_FSIZE, SIGXFSZ ignored): the write that crosses the limit
    // fails part-way; the file is cut back to its last complete poll, so it ends on a whole
    // pcapng block, and the store keeps every record.
    void writeErrorOnARegularFile() {
        const bool haveTshark = tsharkAvailable();
        QTemporaryDir dir;
        const QString path = dir.filePath("big.pcapng");
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        options.path = path.toStdString();
        options.local = *Endpoint::parse("127.0.0.1:7000");
        options.pollInterval = std::chrono::milliseconds(10);
        const Endpoint peer = loopbackPeer(4003);
        const std::string payload(400, 'p');

        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 16 * 1024;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const auto restoreLimit = [&] {
            ::setrlimit(RLIMIT_FSIZE, &saved);
            std::signal(SIGXFSZ, oldHandler);
        };
        auto restore = qScopeGuard(restoreLimit); // whatever happens below

        auto save = LiveSave::start(store, options);
        QVERIFY2(save, save ? "" : save.error().message().c_str());
        // A first poll that fits.
        for (int i = 0; i < 5; ++i) {
            store->appendData(0, Direction::In, bytesOf(payload), &peer);
        }
        QTRY_COMPARE_WITH_TIMEOUT((*save)->status().records, std::uint64_t(5), 10000);
        // Then far more than the limit in one go.
        for (int i = 0; i < 100; ++i) {
            store->appendData(0, Direction::In, bytesOf(payload), &peer);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!(*save)->status().running, 10000);
        const LiveSaveStatus st = (*save)->status();
        (*save)->stop();
        restore.dismiss();
        restoreLimit();
        QVERIFY(st.error);
        QCOMPARE(st.error->sysErrno(), EFBIG);
        QCOMPARE(st.error->message(), "save pcapng " + options.path + ": File too large (EFBIG)");
        QCOMPARE(store->endSeq(), std::uint64_t(105));
        for (std::uint64_t seq = 0; seq < 105; ++seq) {
            QVERIFY(store->bytesAvailable(*store->record(seq)));
        }
        const qint64 size = QFileInfo(path).size();
        QVERIFY2(size > 0 && size < 16 * 1024, QByteArray::number(size).constData());
        if (haveTshark) {
            // Every packet in the file is whole: tshark reads it without complaint.
            const QStringList lines = tsharkFields(path, {"tcp.len"});
            QVERIFY2(!lines.isEmpty() && !lines.first().startsWith("<tshark failed"),
                     qPrintable(lines.join('\n')));
            for (const QString& line : lines) {
                QCOMPARE(line, QStringLiteral("400"));
            }
            QVERIFY(lines.size() >= 5);
        }
    }

    // Opening the next file fails after the old one was completed (its directory was moved
    // away): the error stops the save and the old file's bytes are counted once.
    void nextFileThatCannotBeOpened() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("sub"));
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        options.path = dir.filePath("sub/cap.log").toStdString();
        options.format = LiveSaveFormat::TextLog;
        options.rotateBytes = 1024;
        options.pollInterval = std::chrono::milliseconds(10);
        auto save = LiveSave::start(store, options);
        QVERIFY(save);
        // The open file goes on being written where it went; new names are not found.
        QVERIFY(QDir(dir.path()).rename("sub", "moved"));
        const Endpoint peer = loopbackPeer(4004);
        for (int i = 0; i < 40; ++i) {
            store->appendData(0, Direction::In, bytesOf(std::string(60, 'a' + i % 26)), &peer);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!(*save)->status().running, 10000);
        (*save)->stop();
        const LiveSaveStatus st = (*save)->status();
        QVERIFY(st.error);
        QCOMPARE(st.error->sysErrno(), ENOENT);
        QCOMPARE(st.error->object, liveSaveFileName(options.path, 1));
        const qint64 written = QFileInfo(dir.filePath("moved/cap.log")).size();
        QVERIFY(written > 0);
        QCOMPARE(st.bytes, std::uint64_t(written));
    }

    // A numbered name that exists as a directory or a FIFO is skipped like a file; a FIFO
    // given as the path with no reader fails at once instead of blocking.
    void numberedNamesTakenByOtherKinds() {
        QTemporaryDir dir;
        const QString base = dir.filePath("cap.log");
        QFile existing(base);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.close();
        QVERIFY(QDir(dir.path()).mkdir("cap.1.log"));
        QCOMPARE(::mkfifo(dir.filePath("cap.2.log").toLocal8Bit().constData(), 0600), 0);
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        options.path = base.toStdString();
        options.format = LiveSaveFormat::TextLog;
        auto save = LiveSave::start(store, options);
        QVERIFY2(save, save ? "" : save.error().message().c_str());
        (*save)->stop();
        QCOMPARE((*save)->status().currentFile, liveSaveFileName(options.path, 3));
        QVERIFY(QFileInfo(dir.filePath("cap.3.log")).isFile());

        options.path = dir.filePath("cap.2.log").toStdString();
        const auto fifo = LiveSave::start(store, options);
        QVERIFY(!fifo);
        QCOMPARE(fifo.error().sysErrno(), ENXIO);
        QCOMPARE(QString::fromStdString(fifo.error().message()),
                 QString::fromStdString("save text log " + options.path +
                                        ": No such device or address (ENXIO): no process "
                                        "reads the FIFO"));
    }

    // requestStop() does not wait: the worker writes the backlog and closes the file on its
    // own; finishInBackground() hands a save to a thread of its own.
    void stopsWithoutWaiting() {
        QTemporaryDir dir;
        auto store = std::make_shared<TrafficStore>();
        const Endpoint peer = loopbackPeer(4005);
        for (int i = 0; i < 20000; ++i) {
            store->appendData(0, Direction::In, bytesOf("backlog " + std::to_string(i)), &peer);
        }
        LiveSaveOptions options;
        options.path = dir.filePath("a.log").toStdString();
        options.format = LiveSaveFormat::TextLog;
        auto save = LiveSave::start(store, options);
        QVERIFY(save);
        (*save)->requestStop();
        (*save)->requestStop(); // idempotent
        QTRY_VERIFY_WITH_TIMEOUT(!(*save)->status().running, 20000);
        const LiveSaveStatus st = (*save)->status();
        QVERIFY(!st.error);
        QCOMPARE(st.records, std::uint64_t(20000));
        QCOMPARE(st.bytes, std::uint64_t(QFileInfo(dir.filePath("a.log")).size()));
        save->reset();

        options.path = dir.filePath("b.log").toStdString();
        auto background = LiveSave::start(store, options);
        QVERIFY(background);
        std::weak_ptr<TrafficStore> weak = store;
        LiveSave::finishInBackground(std::move(*background));
        store.reset(); // the finisher keeps it as long as it needs it
        QVERIFY(LiveSave::waitForBackgroundFinishes(std::chrono::seconds(20)));
        QVERIFY(weak.expired());
        QFile b(dir.filePath("b.log"));
        QVERIFY(b.open(QIODevice::ReadOnly));
        QVERIFY(b.readAll().endsWith("backlog 19999\n"));
    }

    // A workspace tab keeps the settings ("liveSave"); loading only describes the save.
    void workspaceKeepsTheSettings() {
        Workspace w;
        WorkspaceTab tab;
        tab.spec = {AF_INET, SOCK_STREAM, 0};
        tab.role = Role::Listen;
        tab.local = "127.0.0.1:7000";
        w.tabs.push_back(tab);
        QVERIFY(serializeWorkspace(w).find("liveSave") == std::string::npos);
        w.tabs[0].liveSave =
            LiveSaveSettings{"/tmp/cap.log", LiveSaveFormat::TextLog, 10u << 20, 5};
        const std::string text = serializeWorkspace(w);
        QVERIFY(text.find("\"liveSave\"") != std::string::npos);
        QVERIFY(text.find("\"format\": \"text\"") != std::string::npos);
        const auto back = parseWorkspace(text, "w.json");
        QVERIFY2(back, back ? "" : back.error().message().c_str());
        QVERIFY(*back == w);
        QVERIFY(back->tabs[0].liveSave->rotateBytes == 10u << 20);

        std::string badFormat = text;
        badFormat.replace(badFormat.find("\"text\""), 6, "\"csv\"");
        const auto bad = parseWorkspace(badFormat, "w.json");
        QVERIFY(!bad);
        QVERIFY2(bad.error().message().find("/tabs/0/liveSave/format") != std::string::npos,
                 bad.error().message().c_str());
        std::string small = text;
        small.replace(small.find("10485760"), 8, "100");
        const auto tooSmall = parseWorkspace(small, "w.json");
        QVERIFY(!tooSmall);
        QVERIFY2(tooSmall.error().message().find("/tabs/0/liveSave: rotation size 100") !=
                     std::string::npos,
                 tooSmall.error().message().c_str());
    }

    void refusesBadSettings() {
        auto store = std::make_shared<TrafficStore>();
        LiveSaveOptions options;
        QVERIFY(!LiveSave::start(store, options)); // no path
        options.path = "/nonexistent-dir-socklab/cap.pcapng";
        const auto missing = LiveSave::start(store, options);
        QVERIFY(!missing);
        QCOMPARE(missing.error().sysErrno(), ENOENT);
        QCOMPARE(missing.error().object, options.path);
        QVERIFY(!LiveSave::start(nullptr, options));
    }
};

QTEST_GUILESS_MAIN(TestStoreLiveSave)
#include "test_store_live_save.moc"
