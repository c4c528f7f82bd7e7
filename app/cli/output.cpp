#include "app/cli/output.h"

#include "core/capture/record_text.h"
#include "core/codec/escapes.h"
#include "core/codec/hexdump.h"

#include <algorithm>
#include <ctime>

namespace socklab::cli {

namespace {

char directionChar(Direction d) {
    switch (d) {
    case Direction::In:
        return '<';
    case Direction::Out:
        return '>';
    case Direction::Local:
        return '*';
    }
    return '?';
}

// Local wall-clock time with microseconds: what a person compares with other logs.
std::string timeText(std::int64_t wallNs) {
    const std::time_t secs = std::time_t(wallNs / 1'000'000'000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%06lld", tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>((wallNs / 1000) % 1'000'000));
    return buf;
}

std::string flagText(const Record& r) {
    std::string out;
    if (r.flags & RecordFlag::Oob) {
        out += " OOB";
    }
    if (r.flags & RecordFlag::Truncated) {
        out += " truncated(wire " + std::to_string(r.wireLength) + ")";
    }
    if (r.flags & RecordFlag::Broadcast) {
        out += " broadcast";
    }
    if (r.flags & RecordFlag::Multicast) {
        out += " multicast";
    }
    if (r.flags & RecordFlag::Evicted) {
        out += " evicted";
    }
    if (r.flags & RecordFlag::Upstream) {
        out += " upstream";
    }
    if (r.flags & RecordFlag::Impaired) {
        out += " impaired";
    }
    if (r.flags & RecordFlag::Injected) {
        out += " injected";
    }
    if (r.flags & RecordFlag::Edited) {
        out += " edited";
    }
    return out;
}

} // namespace

std::string recordHeader(const Record& r, std::string_view label, const std::string& peer,
                         const std::string& text, bool relay) {
    std::string out = timeText(r.wallNs);
    if (!label.empty()) {
        out += " [" + std::string(label) + "]";
    }
    out += " #" + std::to_string(r.connectionId) + " ";
    if (relay) {
        out += relayDirectionText(r.direction);
    } else {
        out += directionChar(r.direction);
    }
    if (!peer.empty()) {
        out += " " + peer;
    }
    // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on the
    // temporaries of `" " + std::string(...)` here once inlined.
    out += ' ';
    out += recordKindName(r.kind);
    if (r.kind == RecordKind::Data) {
        out += ' ';
        out += std::to_string(r.length);
        out += r.length == 1 ? " byte" : " bytes";
    }
    out += flagText(r);
    if (!text.empty()) {
        out += ": " + text;
    }
    return out;
}

std::string formatLogRecord(const TrafficStore& store, const Record& r, std::string_view label,
                            bool relay) {
    const std::string peer = store.peer(r).toString();
    if (r.kind != RecordKind::Data) {
        return recordHeader(r, label, peer, store.text(r), relay) + "\n";
    }
    if (!store.bytesAvailable(r)) {
        return recordHeader(r, label, peer, "(bytes no longer held)", relay) + "\n";
    }
    const auto bytes = store.recordBytes(r);
    return recordHeader(r, label, peer, escapeBytes(bytes), relay) + "\n";
}

std::string formatHexRecord(const TrafficStore& store, const Record& r, std::string_view label,
                            bool relay) {
    const std::string peer = store.peer(r).toString();
    if (r.kind != RecordKind::Data) {
        return recordHeader(r, label, peer, store.text(r), relay) + "\n";
    }
    if (!store.bytesAvailable(r)) {
        return recordHeader(r, label, peer, "(bytes no longer held)", relay) + "\n";
    }
    std::string out = recordHeader(r, label, peer, {}, relay) + "\n";
    const auto bytes = store.recordBytes(r);
    const std::string dump = hexdumpText(bytes);
    // Indent the dump under its header so records stay visually separate.
    std::size_t start = 0;
    while (start < dump.size()) {
        const auto nl = dump.find('\n', start);
        const auto end = nl == std::string::npos ? dump.size() : nl + 1;
        out += "  " + dump.substr(start, end - start);
        start = end;
    }
    if (!out.ends_with('\n')) {
        out += '\n';
    }
    return out;
}

void RecordPrinter::track(SessionId id, std::shared_ptr<const TrafficStore> store,
                          std::string label, bool relay) {
    const std::uint64_t begin = store ? store->beginSeq() : 0;
    m_sessions[id] = Tracked{std::move(store), std::move(label), begin, relay};
}

void RecordPrinter::flush(SessionId id) {
    auto it = m_sessions.find(id);
    if (it == m_sessions.end() || !it->second.store) {
        return;
    }
    Tracked& t = it->second;
    const std::uint64_t end = t.store->endSeq();
    if (t.next < t.store->beginSeq()) {
        t.next = t.store->beginSeq(); // dropped by maxRecords: the store counts them
    }
    while (t.next < end) {
        const auto batch =
            t.store->records(t.next, std::size_t(std::min<std::uint64_t>(end - t.next, 4096)));
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            print(t, r);
        }
        t.next = batch.back().seq + 1;
    }
    std::fflush(m_out);
    std::fflush(m_err);
}

void RecordPrinter::flushAll() {
    for (const auto& [id, t] : m_sessions) {
        flush(id);
    }
}

void RecordPrinter::print(const Tracked& t, const Record& r) {
    const bool relay = m_options.relay || t.relay;
    switch (m_options.format) {
    case OutputFormat::Raw:
    case OutputFormat::Quiet:
        if (m_options.format == OutputFormat::Raw && r.kind == RecordKind::Data &&
            r.direction == Direction::In) {
            const auto bytes = t.store->recordBytes(r);
            std::fwrite(bytes.data(), 1, bytes.size(), m_out);
        } else if (m_options.verbose) {
            const std::string line = formatLogRecord(*t.store, r, t.label, relay);
            std::fputs(line.c_str(), m_err);
        }
        break;
    case OutputFormat::Log: {
        const std::string line = formatLogRecord(*t.store, r, t.label, relay);
        std::fwrite(line.data(), 1, line.size(), m_out);
        break;
    }
    case OutputFormat::Hex: {
        const std::string text = formatHexRecord(*t.store, r, t.label, relay);
        std::fwrite(text.data(), 1, text.size(), m_out);
        break;
    }
    }
}

void notice(std::string_view text) {
    std::fprintf(stderr, "socklab-cli: %.*s\n", int(text.size()), text.data());
    std::fflush(stderr);
}

} // namespace socklab::cli
