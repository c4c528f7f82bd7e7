// Capture import (core/pcapimport): any bytes as a pcap or pcapng file (an in-memory file,
// memfd, opened by path through /proc/self/fd as the GUI and CLI open files) are listed, and
// the first conversations imported into a TrafficStore. Every outcome is a summary or an error
// naming the file; imported byte counts match the conversation's figures.
#include "core/pcapimport/capture_import.h"
#include "tests/fuzz/fuzz_check.h"

#include <sys/mman.h>
#include <unistd.h>

using namespace socklab;
using socklab::fuzz::check;

namespace {

/// The input as a file that lives in memory.
class MemoryFile {
public:
    MemoryFile(const std::uint8_t* data, std::size_t size)
        : m_fd(memfd_create("socklab-fuzz", MFD_CLOEXEC)) {
        check(m_fd >= 0, "memfd_create");
        std::size_t done = 0;
        while (done < size) {
            const ssize_t n = write(m_fd, data + done, size - done);
            check(n > 0, "write to memfd");
            done += static_cast<std::size_t>(n);
        }
        m_path = "/proc/self/fd/" + std::to_string(m_fd);
    }
    ~MemoryFile() { close(m_fd); }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    [[nodiscard]] const std::string& path() const { return m_path; }

private:
    int m_fd;
    std::string m_path;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const MemoryFile file(data, size);
    CaptureImportOptions options;
    options.outOfOrderLimitBytes = 1u << 16; // reach the budget's limit with small inputs
    options.retransmitCompareBytes = 1u << 12;
    const auto summary = listCaptureConversations(file.path(), options);
    if (!summary) {
        check(summary.error().op == "import" && summary.error().object == file.path(),
              "an import error names the file");
        return 0;
    }
    (void)captureSkippedNotes(*summary);
    check(summary->packets >= summary->nonIpPackets + summary->otherPackets, "packet counts");
    for (const CaptureConversation& c : summary->conversations) {
        (void)conversationNotes(c);
        (void)captureSocketSpec(c);
        if (c.index > 4) {
            continue;
        }
        TrafficStore::Config config;
        config.chunkBytes = 1u << 16;
        TrafficStore store(config);
        const auto one = importCaptureConversation(file.path(), c.index, store, options);
        check(one.has_value(), "a listed conversation imports");
        const TrafficCounters counters = store.counters();
        check(counters.bytesOut == one->bytesOut && counters.bytesIn == one->bytesIn,
              "the store holds the conversation's bytes");
        check(one->bytesOut == c.bytesOut && one->bytesIn == c.bytesIn,
              "import and listing agree on the bytes");
        forEachRecord(store, [&](const Record& r) { (void)store.recordBytes(r); });
    }
    return 0;
}
