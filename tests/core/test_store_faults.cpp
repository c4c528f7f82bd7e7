// File-system faults under a capture, on real file systems: the spill file's disk fills up
// mid-capture, the spill directory is removed mid-capture, and an export goes to a full or a
// read-only file system. Each ends with a clear error value, every byte the store still holds
// reads back exact, and a later export to a good place is byte-identical to one made before
// the fault.
//
// The full and read-only file systems are small tmpfs mounts in a private mount namespace of a
// forked child (unshare(CLONE_NEWNS) as root, with CLONE_NEWUSER otherwise), so nothing is
// mounted for the rest of the machine. Without namespaces the tests are skipped, saying why.

#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace socklab;

namespace {

constexpr int kNoNamespace = 77;

std::byte patternAt(std::uint64_t offset) {
    return std::byte(offset % 251);
}

// Appends total bytes of the offset pattern in records of size recordBytes.
void fillPattern(TrafficStore& store, std::uint64_t total, std::size_t recordBytes) {
    std::vector<std::byte> buf(recordBytes);
    std::uint64_t offset = store.arenaEnd();
    const std::uint64_t end = offset + total;
    while (offset < end) {
        const std::size_t n = std::size_t(std::min<std::uint64_t>(recordBytes, end - offset));
        for (std::size_t i = 0; i < n; ++i) {
            buf[i] = patternAt(offset + i);
        }
        store.appendData(0, Direction::In, std::span(buf).first(n));
        offset += n;
    }
}

// Bytes of [0, arenaEnd) that read back exact, chunk by chunk; "" or what is wrong.
std::string checkReadable(const TrafficStore& store, std::uint64_t* readable) {
    const std::size_t chunk = store.config().chunkBytes;
    std::vector<std::byte> buf(chunk);
    *readable = 0;
    for (std::uint64_t at = 0; at < store.arenaEnd(); at += chunk) {
        const std::size_t want = std::size_t(std::min<std::uint64_t>(chunk, store.arenaEnd() - at));
        const std::size_t got = store.readArena(at, std::span(buf).first(want));
        if (got != 0 && got != want) {
            return "chunk at " + std::to_string(at) + " read " + std::to_string(got);
        }
        for (std::size_t i = 0; i < got; ++i) {
            if (buf[i] != patternAt(at + i)) {
                return "byte " + std::to_string(at + i) + " differs";
            }
        }
        *readable += got;
    }
    return {};
}

std::string fileText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string("<unreadable>");
}

// Enter a private mount namespace (a user namespace too when not root). Child side only.
bool enterMountNamespace() {
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (uid == 0 && ::unshare(CLONE_NEWNS) == 0) {
        return ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
    }
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        return false;
    }
    const auto put = [](const char* path, const std::string& text) {
        const int fd = ::open(path, O_WRONLY);
        const bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == ssize_t(text.size());
        if (fd >= 0) {
            ::close(fd);
        }
        return ok;
    };
    put("/proc/self/setgroups", "deny");
    if (!put("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
        !put("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
        return false;
    }
    return ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

struct ChildResult {
    bool skipped = false;
    std::string problem; ///< "" = the body's checks passed
};

// Runs body in a forked child with a tmpfs of sizeKiB mounted on dir (read-only when asked),
// in a mount namespace of its own. body returns "" or what went wrong.
ChildResult inPrivateTmpfs(const std::string& dir, int sizeKiB, bool readOnly,
                           const std::function<std::string()>& body) {
    int fds[2];
    if (::pipe(fds) != 0) {
        return {false, "pipe failed"};
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        return {false, "fork failed"};
    }
    if (pid == 0) {
        ::close(fds[0]);
        std::string out;
        int code = 0;
        const std::string opts = "size=" + std::to_string(sizeKiB) + "k";
        if (!enterMountNamespace() ||
            ::mount("tmpfs", dir.c_str(), "tmpfs", 0, opts.c_str()) != 0 ||
            (readOnly &&
             ::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, opts.c_str()) != 0)) {
            out = "namespaces or tmpfs mounts are not available: " + std::string(strerror(errno));
            code = kNoNamespace;
        } else {
            out = body();
        }
        [[maybe_unused]] auto n = ::write(fds[1], out.data(), out.size());
        ::close(fds[1]);
        ::_exit(code);
    }
    ::close(fds[1]);
    std::string out;
    char buf[512];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) {
        out.append(buf, std::size_t(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == kNoNamespace) {
        return {true, out};
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return {false, "child ended abnormally: " + out};
    }
    return {false, out};
}

TrafficStore::Config smallSpill(const std::string& dir) {
    TrafficStore::Config cfg;
    cfg.chunkBytes = 4096;
    cfg.memoryCapBytes = 16384;
    cfg.spillDir = dir;
    return cfg;
}

} // namespace

class TestStoreFaults : public QObject {
    Q_OBJECT

private slots:
    // ENOSPC mid-spill: the spill file's tmpfs (64 KiB) fills after a few chunks. The store
    // says why in spillError(), keeps every spilled and resident byte readable and exact, and
    // counts what it dropped instead (resident + spilled + dropped = all bytes).
    void spillDiskFullMidCapture() {
        QTemporaryDir tmp;
        const std::string mnt = QDir(tmp.path()).filePath("small").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(mnt)));
        const std::string good = QDir(tmp.path()).filePath("good.hex").toStdString();
        const auto r = inPrivateTmpfs(mnt, 64, false, [&]() -> std::string {
            TrafficStore store(smallSpill(mnt));
            constexpr std::uint64_t kTotal = 256u << 10;
            fillPattern(store, kTotal, 1000);
            const auto err = store.spillError();
            if (!err) {
                return "no spill error";
            }
            const std::string expected =
                "write spill file in " + mnt + ": No space left on device (ENOSPC)";
            if (err->message() != expected) {
                return "spill error: " + err->message();
            }
            const auto st = store.stats();
            if (st.spilledBytes == 0 || st.residentBytes == 0) {
                return "nothing spilled or resident";
            }
            if (st.spilledBytes + st.residentBytes + st.evictedBytes != kTotal) {
                return "bytes unaccounted for";
            }
            std::uint64_t readable = 0;
            if (auto bad = checkReadable(store, &readable); !bad.empty()) {
                return bad;
            }
            if (readable != st.spilledBytes + st.residentBytes) {
                return "readable " + std::to_string(readable) + " != held";
            }
            // Everything held exports to a good place, twice identically.
            const auto a = exportHexdump(store, good);
            if (!a) {
                return a.error().message();
            }
            const std::string first = fileText(QString::fromStdString(good));
            const auto b = exportHexdump(store, good);
            if (!b || fileText(QString::fromStdString(good)) != first) {
                return "second export differs";
            }
            return {};
        });
        if (r.skipped) {
            QSKIP(r.problem.c_str());
        }
        QVERIFY2(r.problem.empty(), r.problem.c_str());
    }

    // The spill directory is removed while the capture runs: the spill file is already open
    // (and unlinked), so spilling goes on and every byte reads back.
    void spillDirectoryRemovedMidCapture() {
        QTemporaryDir tmp;
        const QString dir = QDir(tmp.path()).filePath("spill");
        QVERIFY(QDir().mkpath(dir));
        TrafficStore store(smallSpill(dir.toStdString()));
        fillPattern(store, 64u << 10, 1000);
        QVERIFY(store.stats().spilledBytes > 0);
        QVERIFY(QDir(dir).removeRecursively());
        QVERIFY(!QFileInfo::exists(dir));
        fillPattern(store, 192u << 10, 1000);
        const auto spillError = store.spillError();
        QVERIFY2(!spillError, spillError ? spillError->message().c_str() : "");
        const auto st = store.stats();
        QCOMPARE(st.evictedBytes, 0u);
        QCOMPARE(st.spilledBytes + st.residentBytes, std::uint64_t(256u << 10));
        std::uint64_t readable = 0;
        const std::string bad = checkReadable(store, &readable);
        QVERIFY2(bad.empty(), bad.c_str());
        QCOMPARE(readable, std::uint64_t(256u << 10));
    }

    // A spill directory that does not exist from the start (it was removed before the first
    // spill): a clear error, bytes dropped instead and counted.
    void spillDirectoryMissing() {
        QTemporaryDir tmp;
        const std::string dir = QDir(tmp.path()).filePath("gone").toStdString();
        TrafficStore store(smallSpill(dir));
        fillPattern(store, 64u << 10, 1000);
        const auto err = store.spillError();
        QVERIFY(err);
        QCOMPARE(err->message(),
                 "open spill file in " + dir + ": No such file or directory (ENOENT)");
        const auto st = store.stats();
        QCOMPARE(st.spilledBytes, 0u);
        QCOMPARE(st.residentBytes + st.evictedBytes, std::uint64_t(64u << 10));
        std::uint64_t readable = 0;
        const std::string bad = checkReadable(store, &readable);
        QVERIFY2(bad.empty(), bad.c_str());
        QCOMPARE(readable, st.residentBytes);
    }

    // Exports to a full (32 KiB tmpfs) and to a read-only file system: clear errors, no .part
    // left, the store untouched, and an export to a good place afterwards is byte-identical to
    // one made before.
    void exportToFullAndReadOnlyFileSystems() {
        QTemporaryDir tmp;
        const std::string mnt = QDir(tmp.path()).filePath("target").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(mnt)));
        const QString before = QDir(tmp.path()).filePath("before.hex");
        const QString after = QDir(tmp.path()).filePath("after.hex");
        TrafficStore store;
        fillPattern(store, 512u << 10, 1400);
        QVERIFY(exportHexdump(store, before.toStdString()));
        const std::string reference = fileText(before);
        QVERIFY(reference.size() > (2u << 20)); // four times the bytes, as text

        for (const bool readOnly : {false, true}) {
            const std::string target = mnt + "/capture.hex";
            const auto r = inPrivateTmpfs(mnt, 32, readOnly, [&]() -> std::string {
                const auto e = exportHexdump(store, target);
                if (e) {
                    return "the export succeeded";
                }
                const std::string expected = "export hexdump " + target +
                                             (readOnly ? ": Read-only file system (EROFS)"
                                                       : ": No space left on device (ENOSPC)");
                if (e.error().message() != expected) {
                    return "error: " + e.error().message();
                }
                const QStringList left =
                    QDir(QString::fromStdString(mnt)).entryList(QDir::Files | QDir::NoDotAndDotDot);
                if (!left.isEmpty()) {
                    return "left behind: " + left.join(' ').toStdString();
                }
                // The good place, from the same child: still every byte.
                if (!exportHexdump(store, after.toStdString())) {
                    return "export to a good place failed";
                }
                return fileText(after) == reference ? std::string() : std::string("export differs");
            });
            if (r.skipped) {
                QSKIP(r.problem.c_str());
            }
            QVERIFY2(r.problem.empty(), r.problem.c_str());
        }
        std::uint64_t readable = 0;
        QVERIFY(checkReadable(store, &readable).empty());
        QCOMPARE(readable, std::uint64_t(512u << 10));
    }
};

QTEST_APPLESS_MAIN(TestStoreFaults)
#include "test_store_faults.moc"
