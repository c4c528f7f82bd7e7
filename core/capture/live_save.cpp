#include "core/capture/live_save.h"

#include "core/base/translate.h"
#include "core/capture/export_file.h"
#include "core/capture/pcapng_writer.h"
#include "core/codec/codec_util.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>
#include <unistd.h>

namespace socklab {

namespace {

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kMiB = kKiB * 1024;
constexpr std::uint64_t kGiB = kMiB * 1024;
constexpr std::uint64_t kMaxSize = kGiB * 1024 * 1024; // 1 PiB: more is a typo
constexpr std::size_t kBatch = 4096;
/// Names tried for one file before giving up (every one of them exists).
constexpr std::uint64_t kMaxNameTries = 100'000;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

std::string_view liveSaveFormatName(LiveSaveFormat format) {
    return format == LiveSaveFormat::TextLog ? "text" : "pcapng";
}

std::optional<LiveSaveFormat> liveSaveFormatFromName(std::string_view name) {
    const std::string n = lower(name);
    if (n == "pcapng") {
        return LiveSaveFormat::Pcapng;
    }
    if (n == "text" || n == "log") {
        return LiveSaveFormat::TextLog;
    }
    return std::nullopt;
}

Result<std::uint64_t> parseByteSize(std::string_view text) {
    const auto bad = [&] {
        return fail(inputError(SL_TR("socklab", "parse size"), codec_detail::quotedVisible(text),
                               SL_TR("socklab", "expected a size like 10M, 512k or 4096 (bytes)")));
    };
    std::string_view t = text;
    while (!t.empty() && t.front() == ' ') {
        t.remove_prefix(1);
    }
    while (!t.empty() && t.back() == ' ') {
        t.remove_suffix(1);
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc{} || t.empty() || !std::isdigit(static_cast<unsigned char>(t.front()))) {
        return bad();
    }
    std::string unit = lower(std::string_view(end, t.data() + t.size() - end));
    if (!unit.empty() && unit.front() == ' ') {
        unit.erase(0, 1);
    }
    std::uint64_t scale = 0;
    if (unit.empty() || unit == "b") {
        scale = 1;
    } else if (unit == "k" || unit == "kb" || unit == "kib") {
        scale = kKiB;
    } else if (unit == "m" || unit == "mb" || unit == "mib") {
        scale = kMiB;
    } else if (unit == "g" || unit == "gb" || unit == "gib") {
        scale = kGiB;
    } else {
        return bad();
    }
    const double bytes = std::floor(value * static_cast<double>(scale));
    if (!(bytes >= 0) || bytes > static_cast<double>(kMaxSize)) {
        return fail(inputError(SL_TR("socklab", "parse size"), codec_detail::quotedVisible(text),
                               SL_TR("socklab", "more than 1 PiB")));
    }
    return static_cast<std::uint64_t>(bytes);
}

std::string byteSizeText(std::uint64_t bytes) {
    if (bytes == 0) {
        return "0";
    }
    if (bytes % kGiB == 0) {
        return std::to_string(bytes / kGiB) + "G";
    }
    if (bytes % kMiB == 0) {
        return std::to_string(bytes / kMiB) + "M";
    }
    if (bytes % kKiB == 0) {
        return std::to_string(bytes / kKiB) + "k";
    }
    return std::to_string(bytes);
}

std::string liveSaveFileName(const std::string& path, std::uint64_t index) {
    if (index == 0) {
        return path;
    }
    const std::size_t slash = path.rfind('/');
    const std::size_t nameStart = slash == std::string::npos ? 0 : slash + 1;
    std::size_t dot = path.rfind('.');
    // No extension when the only dot starts the name (".cap") or is in a directory name.
    if (dot == std::string::npos || dot <= nameStart) {
        dot = path.size();
    }
    return path.substr(0, dot) + "." + std::to_string(index) + path.substr(dot);
}

struct LiveSave::Impl {
    Impl(std::shared_ptr<const TrafficStore> s, LiveSaveOptions o)
        : store(std::move(s)), options(std::move(o)),
          op(options.format == LiveSaveFormat::Pcapng ? SL_TR("socklab", "save pcapng")
                                                      : SL_TR("socklab", "save text log")) {
        if (options.format == LiveSaveFormat::Pcapng) {
            PcapngOptions p;
            p.transport = options.transport;
            p.local = options.local;
            p.relay = options.relay;
            p.learnLocal = true;
            pcapng = std::make_unique<detail::PcapngRecordWriter>(
                *store, p, [this](std::span<const std::byte> block) {
                    pending.insert(pending.end(), block.begin(), block.end());
                });
        }
    }

    // ---- worker side (and start() before the worker runs) ----

    Status openNextFile() {
        for (std::uint64_t tries = 0; tries < kMaxNameTries; ++tries) {
            const std::uint64_t index = nextIndex++;
            std::string name = liveSaveFileName(options.path, index);
            auto next = std::make_unique<detail::ExportFile>(op, name);
            // The path as given may be a device or a FIFO; a numbered name never is ours then.
            if (auto opened = next->openNew(index > 0); !opened) {
                if (opened.error().sysErrno() == EEXIST) {
                    continue; // never overwrite: the next number
                }
                return opened;
            }
            file = std::move(next);
            fileHasRecords = false;
            ++filesStarted;
            if (pcapng) {
                pending.clear();
                pcapng->writeHeader();
                file->write(pending);
                pending.clear();
            }
            std::lock_guard lock(mutex);
            current = name;
            if (file->isRegularFile()) {
                kept.push_back(std::move(name));
            }
            while (options.maxFiles > 0 && kept.size() > options.maxFiles) {
                ::unlink(kept.front().c_str()); // ours; gone already is fine
                kept.pop_front();
            }
            return {};
        }
        return fail(sysError(EEXIST, op, options.path, SL_TR("socklab", "no free file name")));
    }

    Status rotate() {
        const std::uint64_t written = file->bytesWritten();
        if (auto done = file->finish(); !done) {
            return done;
        }
        bytesClosed += written;
        file.reset(); // its bytes are in bytesClosed now, whether the next file opens or not
        return openNextFile();
    }

    // The blocks (or line) of one record, in pending, into the file: a new file first when
    // this one would grow beyond the rotation size and already holds a record.
    void commit() {
        if (pending.empty()) {
            return;
        }
        std::vector<std::byte> blocks;
        blocks.swap(pending);
        if (options.rotateBytes > 0 && fileHasRecords && file->isRegularFile() &&
            file->bytesWritten() + blocks.size() > options.rotateBytes) {
            if (auto rotated = rotate(); !rotated) {
                error = rotated.error();
                return;
            }
        }
        file->write(blocks);
        fileHasRecords = true;
        if (file->failed()) {
            error = file->flushNow().error();
        }
        blocks.clear();
        pending.swap(blocks); // keep the capacity
    }

    void visit(const Record& r) {
        ++records;
        if (pcapng) {
            const std::uint64_t evicted = summary.evictedRecords;
            pcapng->visit(r, summary);
            missed += summary.evictedRecords - evicted;
        } else {
            const std::string line = textLogLine(*store, r, options.maxBytesPerRecord) + "\n";
            const auto bytes = std::as_bytes(std::span(line.data(), line.size()));
            pending.assign(bytes.begin(), bytes.end());
            ++summary.packets;
            if (r.kind == RecordKind::Data && r.length > 0 && !store->bytesAvailable(r)) {
                ++missed;
            }
        }
        commit();
    }

    void drain() {
        std::uint64_t seq = std::max(next, store->beginSeq());
        missed += seq - next;
        next = seq;
        const std::uint64_t end = store->endSeq();
        while (!error && seq < end) {
            const auto batch = store->records(
                seq, static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, end - seq)));
            if (batch.empty()) {
                break;
            }
            for (const Record& r : batch) {
                missed += r.seq - next; // dropped by the store's record limit meanwhile
                next = r.seq + 1;
                visit(r);
                if (error) {
                    break;
                }
            }
            seq = next;
        }
        if (!error) {
            if (auto flushed = file->flushNow(); !flushed) {
                error = flushed.error();
            }
        }
    }

    void publish(bool running) {
        std::lock_guard lock(mutex);
        shared.running = running;
        shared.currentFile = current;
        shared.files = filesStarted;
        shared.bytes = bytesClosed + (file ? file->bytesWritten() : 0);
        shared.records = records;
        shared.packets = summary.packets;
        shared.nextSeq = next;
        shared.missedRecords = missed;
        shared.skippedNoAddress = summary.skippedNoAddress;
        shared.error = error;
    }

    void run(const std::stop_token& stop) {
        for (;;) {
            const bool last = stop.stop_requested();
            drain();
            publish(true);
            if (error || last) {
                break;
            }
            std::unique_lock lock(waitMutex);
            wake.wait_for(lock, stop, options.pollInterval, [] { return false; });
        }
        if (!error) {
            const std::uint64_t written = file->bytesWritten();
            if (auto done = file->finish(); !done) {
                error = done.error();
            } else {
                bytesClosed += written;
                file.reset();
            }
        } else if (file) {
            file->discard(); // closes; a live file stays as far as it was valid
        }
        publish(false);
    }

    const std::shared_ptr<const TrafficStore> store;
    const LiveSaveOptions options;
    const std::string op;

    // Worker state (start() uses it before the worker exists).
    std::unique_ptr<detail::PcapngRecordWriter> pcapng;
    std::unique_ptr<detail::ExportFile> file;
    std::vector<std::byte> pending;
    std::uint64_t nextIndex = 0;
    bool fileHasRecords = false;
    ExportSummary summary;
    std::uint64_t bytesClosed = 0;
    std::uint64_t next = 0;
    std::uint64_t missed = 0;
    std::uint64_t records = 0;
    std::uint64_t filesStarted = 0;
    std::optional<Error> error;

    // Shared with other threads, under mutex.
    mutable std::mutex mutex;
    LiveSaveStatus shared;
    std::string current;
    std::deque<std::string> kept;

    std::mutex waitMutex;
    std::condition_variable_any wake;
    std::mutex stopMutex;
    std::jthread worker; // last: joined before the rest goes
};

Status checkLiveSaveSettings(const LiveSaveSettings& settings) {
    if (settings.path.empty()) {
        return fail(
            inputError(SL_TR("socklab", "save"), "", SL_TR("socklab", "no file name given")));
    }
    for (std::size_t i = 0; i < settings.path.size(); ++i) {
        const auto b = static_cast<unsigned char>(settings.path[i]);
        if (b < 0x20 || b == 0x7f) {
            // A NUL would cut the name the kernel gets; a line break hides in messages.
            return fail(inputError(SL_TR("socklab", "save"),
                                   codec_detail::quotedInput(settings.path),
                                   trArgs(SL_TR("socklab", "control character %1 at position %2"),
                                          codec_detail::describeChar(settings.path[i]), i)));
        }
    }
    if (settings.rotateBytes > 0 && settings.rotateBytes < kMinRotateBytes) {
        return fail(
            inputError(SL_TR("socklab", "save"), settings.path,
                       trArgs(SL_TR("socklab", "rotation size %1 bytes is below the smallest, %2"),
                              settings.rotateBytes, byteSizeText(kMinRotateBytes))));
    }
    if (settings.maxFiles > kMaxLiveSaveFiles) {
        return fail(
            inputError(SL_TR("socklab", "save"), settings.path,
                       trArgs(SL_TR("socklab", "more than %1 files kept"), kMaxLiveSaveFiles)));
    }
    return {};
}

Result<LiveSaveOptions> liveSaveOptionsFor(const LiveSaveSettings& settings, const SocketSpec& spec,
                                           bool relay) {
    if (auto ok = checkLiveSaveSettings(settings); !ok) {
        return fail(ok.error());
    }
    const CatalogEntry* unixFamily = familyByName("AF_UNIX");
    if (settings.format == LiveSaveFormat::Pcapng && unixFamily != nullptr &&
        spec.family == unixFamily->value) {
        return fail(inputError(SL_TR("socklab", "save pcapng"), settings.path,
                               SL_TR("socklab", "Unix-domain traffic has no IP addresses to put "
                                                "in packets; save it as text")));
    }
    LiveSaveOptions options;
    static_cast<LiveSaveSettings&>(options) = settings;
    options.transport = isStreamType(spec.type) ? PcapTransport::Tcp : PcapTransport::Udp;
    options.relay = relay;
    return options;
}

Result<std::unique_ptr<LiveSave>> LiveSave::start(std::shared_ptr<const TrafficStore> store,
                                                  LiveSaveOptions options) {
    if (auto ok = checkLiveSaveSettings(options); !ok) {
        return fail(ok.error());
    }
    if (!store) {
        return fail(inputError(SL_TR("socklab", "save"), options.path,
                               SL_TR("socklab", "there is no capture to save")));
    }
    if (options.pollInterval.count() <= 0) {
        options.pollInterval = std::chrono::milliseconds(200);
    }
    auto impl = std::make_unique<Impl>(std::move(store), std::move(options));
    if (auto opened = impl->openNextFile(); !opened) {
        return fail(opened.error());
    }
    if (auto flushed = impl->file->flushNow(); !flushed) {
        return fail(flushed.error());
    }
    impl->publish(true);
    Impl* raw = impl.get();
    impl->worker = std::jthread([raw](std::stop_token stop) { raw->run(stop); });
    return std::unique_ptr<LiveSave>(new LiveSave(std::move(impl)));
}

LiveSave::LiveSave(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

LiveSave::~LiveSave() {
    stop();
}

void LiveSave::stop() {
    std::lock_guard lock(m_impl->stopMutex);
    if (m_impl->worker.joinable()) {
        m_impl->worker.request_stop();
        m_impl->worker.join();
    }
}

void LiveSave::requestStop() {
    std::lock_guard lock(m_impl->stopMutex);
    if (m_impl->worker.joinable()) {
        m_impl->worker.request_stop(); // thread-safe; wakes the worker's wait
    }
}

namespace {

/// Saves finishing on their own threads (finishInBackground), for waitForBackgroundFinishes.
struct Finishers {
    std::mutex mutex;
    std::condition_variable done;
    std::size_t running = 0;
};

Finishers& finishers() {
    // Never destroyed: a detached finisher may still end while main() returns.
    static auto* f = new Finishers;
    return *f;
}

} // namespace

void LiveSave::finishInBackground(std::unique_ptr<LiveSave> save) {
    if (!save) {
        return;
    }
    save->requestStop();
    Finishers& f = finishers();
    {
        std::lock_guard lock(f.mutex);
        ++f.running;
    }
    std::thread([s = std::move(save)]() mutable {
        s.reset(); // joins the worker: the backlog written, the file closed
        Finishers& fin = finishers();
        {
            std::lock_guard lock(fin.mutex);
            --fin.running;
        }
        fin.done.notify_all();
    }).detach();
}

bool LiveSave::waitForBackgroundFinishes(std::chrono::milliseconds timeout) {
    Finishers& f = finishers();
    std::unique_lock lock(f.mutex);
    return f.done.wait_for(lock, timeout, [&] { return f.running == 0; });
}

LiveSaveStatus LiveSave::status() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->shared;
}

std::vector<std::string> LiveSave::files() const {
    std::lock_guard lock(m_impl->mutex);
    return {m_impl->kept.begin(), m_impl->kept.end()};
}

const LiveSaveOptions& LiveSave::options() const {
    return m_impl->options;
}

} // namespace socklab
