// What `socklab-cli lab` prints and writes after a run (see lab_output.h).
#include "app/cli/lab_output.h"

#include "app/cli/output.h"
#include "core/capture/export_file.h"
#include "core/capture/exporters.h"
#include "core/capture/traffic_store.h"
#include "core/lab/lab_wire_packets.h"
#include "core/lab/ladder_svg.h"
#include "core/packet/tcp_analysis.h"

#include <cstdio>

namespace socklab::cli {

namespace {

/// "0.7" for 0.7 ms, from microseconds, rounded to 0.1 ms (as the pcapng comments).
std::string tenthsOfMs(std::uint32_t us) {
    const std::uint64_t tenths = (std::uint64_t{us} + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

/// Atomically, as the exports: FILE.part, then renamed over FILE.
bool writeTextFile(const char* operation, const std::string& path, std::string_view text) {
    detail::ExportFile file(operation, path);
    if (auto st = file.open(); !st) {
        notice(st.error().message());
        return false;
    }
    file.write(text);
    if (auto st = file.finish(); !st) {
        notice(st.error().message());
        return false;
    }
    return true;
}

bool writeWirePcapng(const TrafficStore& wire, const std::string& path) {
    PcapngOptions options;
    options.wire = true;
    auto summary = exportPcapng(wire, path, options);
    if (!summary) {
        notice(summary.error().message());
        return false;
    }
    notice("wrote " + std::to_string(summary->packets) + " wire packets to " + path);
    return true;
}

bool writeLadderSvg(const LabWireOutputs& outputs, const TrafficStore& wire,
                    std::span<const LabLadderSocket> sockets) {
    const LabLadderInput input = labLadderInput(&wire, sockets);
    LadderSettings settings;
    settings.mode = outputs.ladderMode;
    settings.width = 900;
    settings.gapMs = 100; // Time mode: idle stretches (timeouts) drawn short
    LadderLayout layout(settings);
    addLadderInput(layout, input);
    LadderSvgOptions options;
    if (outputs.ipv6) {
        options.hostA = "A " + std::string(kLabAddressA6);
        options.hostB = "B " + std::string(kLabAddressB6);
    }
    options.title = outputs.title;
    const std::string svg = ladderSvg(layout, options);
    if (!writeTextFile("export ladder svg", outputs.ladderSvg, svg)) {
        return false;
    }
    notice("wrote the ladder diagram (" + std::to_string(input.packets.size()) + " packets, " +
           std::to_string(input.calls.size()) + " socket calls) to " + outputs.ladderSvg);
    return true;
}

} // namespace

bool writeTimelineCsv(const LabTimeline& timeline, const std::string& path) {
    if (!writeTextFile("export timeline", path, formatLabTimelineCsv(timeline))) {
        return false;
    }
    notice("wrote TCP over time (" + std::to_string(timeline.tcpInfo.size()) +
           " TCP_INFO samples, " + std::to_string(timeline.resentAtoB.size()) + " resent and " +
           std::to_string(timeline.droppedAtoB.size()) + " dropped segments from A) to " + path);
    return true;
}

std::string wireFateText(std::uint16_t flags, std::uint32_t wireDelayUs) {
    std::string out;
    auto add = [&](std::string_view what) {
        out += out.empty() ? "" : ", ";
        out += what;
    };
    const bool dropped = (flags & RecordFlag::WireDropped) != 0;
    if (dropped) {
        add("dropped");
    }
    if (flags & RecordFlag::WireDuplicated) {
        add("duplicated");
    }
    if (flags & RecordFlag::WireCorrupted) {
        add("corrupted");
    }
    if (flags & RecordFlag::WireReordered) {
        add("reordered");
    }
    if (flags & RecordFlag::Truncated) {
        add("truncated");
    }
    if (!dropped) {
        add(wireDelayUs > 0 ? "held " + tenthsOfMs(wireDelayUs) + " ms" : std::string("in flight"));
    }
    return out;
}

void printWirePackets(const TrafficStore& wire) {
    const std::vector<LabWirePacket> packets = labWirePackets(wire);
    std::printf("wire packets:\n");
    TcpAnalyzer analyzer;
    const std::int64_t first = packets.empty() ? 0 : packets.front().monoNs;
    for (const LabWirePacket& p : packets) {
        const TcpMarks marks = analyzer.feed(p.packet, p.monoNs);
        const double ms = double(p.monoNs - first) / 1e6;
        std::printf(
            "%10.3f ms  %s  %s  => %s\n", ms, p.direction == WireDirection::AtoB ? "A->B" : "B->A",
            packetSummary(p.packet, &marks).c_str(), wireFateText(p.flags, p.wireDelayUs).c_str());
    }
}

bool emitWireOutputs(const LabWireOutputs& outputs, const TrafficStore* wire,
                     std::span<const LabLadderSocket> sockets) {
    if (!wire) {
        if (outputs.any()) {
            notice("lab: no wire in the fallback, so no packets to print or write");
            return false;
        }
        return true;
    }
    bool ok = true;
    if (outputs.packets) {
        printWirePackets(*wire);
    }
    std::fflush(stdout);
    if (!outputs.pcapng.empty()) {
        ok = writeWirePcapng(*wire, outputs.pcapng) && ok;
    }
    if (!outputs.ladderSvg.empty()) {
        ok = writeLadderSvg(outputs, *wire, sockets) && ok;
    }
    return ok;
}

std::string wrapText(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t column = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        if (text[i] == '\n') {
            out += '\n';
            column = 0;
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n') {
            ++end;
        }
        const std::string_view word = text.substr(i, end - i);
        if (column > 0 && column + 1 + word.size() > width) {
            out += '\n';
            column = 0;
        } else if (column > 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        i = end;
    }
    return out;
}

void printExperimentHeading(const LabExperiment& e) {
    std::printf("%.*s (experiment %.*s)\n%s\n\n", int(e.title.size()), e.title.data(),
                int(e.id.size()), e.id.data(), wrapText(e.explanation, 78).c_str());
    std::fflush(stdout);
}

void printClaim(const LabClaim& claim) {
    std::printf("%s: %s\n", claim.holds ? "claim holds" : "claim does not hold",
                claim.text.c_str());
    std::fflush(stdout);
}

} // namespace socklab::cli
