#include "core/base/translate.h"
#include "core/capture/export_file.h"
#include "core/capture/exporters.h"
#include "core/capture/record_batches.h"
#include "core/capture/record_text.h"
#include "core/codec/hexdump.h"

#include <algorithm>

namespace socklab {

namespace {

constexpr char kHex[] = "0123456789abcdef";

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
                                 const std::string& path, const TextExportOptions& options,
                                 Fn&& entry) {
    const detail::ExportControl control{options.cancel, &options.progress};
    if (control.cancelled()) {
        return fail(detail::cancelledError(op, path));
    }
    detail::ExportFile file(op, path);
    if (auto opened = file.open(); !opened) {
        return fail(opened.error());
    }
    ExportSummary summary;
    const detail::RunEnd end =
        detail::forEachRecord(store, options.range, control, [&](const Record& r) {
            ++summary.records;
            if (r.kind == RecordKind::Data && (r.flags & RecordFlag::Evicted)) {
                ++summary.evictedRecords;
            }
            file.write(entry(r));
            ++summary.packets;
            return !file.failed();
        });
    if (end == detail::RunEnd::Cancelled) {
        file.discard();
        return fail(detail::cancelledError(op, path));
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
    out += hexdumpText(bytes); // xxd layout: 16 bytes per row in groups of 2, offsets from 0
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
    return exportEach(store, SL_TR("socklab", "export hexdump"), path, options,
                      [&](const Record& r) { return hexdumpRecord(store, r); });
}

Result<ExportSummary> exportTextLog(const TrafficStore& store, const std::string& path,
                                    const TextExportOptions& options) {
    return exportEach(
        store, SL_TR("socklab", "export text log"), path, options,
        [&](const Record& r) { return textLogLine(store, r, options.maxBytesPerRecord) + "\n"; });
}

} // namespace socklab
