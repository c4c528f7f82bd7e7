#include "core/capture/export_file.h"
#include "core/capture/exporters.h"
#include "core/capture/record_text.h"

#include <algorithm>
#include <cstdio>

namespace socklab {

namespace {

constexpr std::size_t kBatch = 4096;
constexpr char kHex[] = "0123456789abcdef";

// Private xxd row formatter: core/codec's hexdump is being written in parallel; switch to it
// once it has settled.
void appendXxdRow(std::string& out, std::uint64_t offset, std::span<const std::byte> row) {
    char head[32];
    std::snprintf(head, sizeof head, "%08llx: ", static_cast<unsigned long long>(offset));
    out += head;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i < row.size()) {
            const auto b = static_cast<unsigned char>(row[i]);
            out += kHex[b >> 4];
            out += kHex[b & 15];
        } else {
            out += "  ";
        }
        if (i % 2 == 1) {
            out += ' ';
        }
    }
    out += ' ';
    for (std::byte b : row) {
        const auto c = static_cast<unsigned char>(b);
        out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
    }
    out += '\n';
}

void appendEscaped(std::string& out, std::span<const std::byte> bytes) {
    for (std::byte b : bytes) {
        const auto c = static_cast<unsigned char>(b);
        switch (c) {
        case '\r':
            out += "\\r";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                out += static_cast<char>(c);
            } else {
                out += "\\x";
                out += kHex[c >> 4];
                out += kHex[c & 15];
            }
        }
    }
}

template <class Fn>
Result<ExportSummary> exportEach(const TrafficStore& store, const std::string& op,
                                 const std::string& path, const ExportRange& range, Fn&& entry) {
    detail::ExportFile file(op, path);
    if (auto opened = file.open(); !opened) {
        return fail(opened.error());
    }
    ExportSummary summary;
    std::uint64_t seq = std::max(range.firstSeq, store.beginSeq());
    const std::uint64_t end = std::min(range.endSeq, store.endSeq());
    while (seq < end) {
        const auto batch = store.records(
            seq, static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, end - seq)));
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            ++summary.records;
            if (r.kind == RecordKind::Data && (r.flags & RecordFlag::Evicted)) {
                ++summary.evictedRecords;
            }
            file.write(entry(r));
            ++summary.packets;
        }
        seq = batch.back().seq + 1;
    }
    if (auto done = file.finish(); !done) {
        return fail(done.error());
    }
    return summary;
}

} // namespace

std::string recordHeaderLine(const TrafficStore& store, const Record& r) {
    std::string out = "#" + std::to_string(r.seq) + " " + formatWallTime(r.wallNs) + " ";
    out += r.kind == RecordKind::Data ? directionName(r.direction) : recordKindName(r.kind);
    out += " conn " + std::to_string(r.connectionId);
    if (const Endpoint p = store.peer(r); !p.empty()) {
        out += " peer " + p.toString();
    }
    if (r.kind == RecordKind::Data) {
        out += " len " + std::to_string(r.length);
        if (r.wireLength != r.length) {
            out += " wire " + std::to_string(r.wireLength);
        }
    }
    if (r.err != 0) {
        out += " err " + std::to_string(r.err);
    }
    if (const std::string flags = recordFlagsText(r.flags); !flags.empty()) {
        out += " flags " + flags;
    }
    if (const std::string text = store.text(r); !text.empty()) {
        out += " \"" + text + "\"";
    }
    return out;
}

std::string hexdumpRecord(const TrafficStore& store, const Record& r) {
    std::string out = recordHeaderLine(store, r);
    out += '\n';
    if (r.kind != RecordKind::Data || r.length == 0) {
        return out;
    }
    const std::vector<std::byte> bytes = store.recordBytes(r);
    if (bytes.size() < r.length) {
        out += "(" + std::to_string(r.length - bytes.size()) + " bytes evicted)\n";
    }
    for (std::size_t off = 0; off < bytes.size(); off += 16) {
        appendXxdRow(out, off,
                     std::span(bytes).subspan(off, std::min<std::size_t>(16, bytes.size() - off)));
    }
    return out;
}

std::string textLogLine(const TrafficStore& store, const Record& r, std::size_t maxBytes) {
    std::string out = formatWallTime(r.wallNs) + " conn " + std::to_string(r.connectionId) + " ";
    out += r.kind == RecordKind::Data ? directionName(r.direction) : recordKindName(r.kind);
    if (const Endpoint p = store.peer(r); !p.empty()) {
        out += " " + p.toString();
    }
    if (const std::string flags = recordFlagsText(r.flags); !flags.empty()) {
        out += " [" + flags + "]";
    }
    if (r.kind != RecordKind::Data) {
        if (const std::string text = store.text(r); !text.empty()) {
            out += " " + text;
        }
        return out;
    }
    out += " " + std::to_string(r.length) + " bytes";
    if (r.length == 0) {
        return out;
    }
    std::vector<std::byte> bytes(std::min<std::size_t>(r.length, maxBytes));
    bytes.resize(store.readRecordBytes(r, 0, bytes));
    if (bytes.empty()) {
        return out + " (evicted)";
    }
    out += ": ";
    appendEscaped(out, bytes);
    if (bytes.size() < r.length) {
        out += " ...(+" + std::to_string(r.length - bytes.size()) + " bytes)";
    }
    return out;
}

Result<ExportSummary> exportHexdump(const TrafficStore& store, const std::string& path,
                                    const TextExportOptions& options) {
    return exportEach(store, "export hexdump", path, options.range,
                      [&](const Record& r) { return hexdumpRecord(store, r); });
}

Result<ExportSummary> exportTextLog(const TrafficStore& store, const std::string& path,
                                    const TextExportOptions& options) {
    return exportEach(store, "export text log", path, options.range, [&](const Record& r) {
        return textLogLine(store, r, options.maxBytesPerRecord) + "\n";
    });
}

} // namespace socklab
