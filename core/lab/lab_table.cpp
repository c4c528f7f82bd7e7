#include "core/lab/lab_table.h"

#include <algorithm>
#include <array>
#include <vector>

namespace socklab {

namespace {

constexpr std::string_view kAbsent = "-";

template <class T> std::string optionalText(const std::optional<T>& value) {
    return value ? std::to_string(*value) : std::string(kAbsent);
}

std::string latencyText(const std::optional<std::int64_t>& ns) {
    return ns ? labMillisText(*ns) : std::string(kAbsent);
}

} // namespace

std::vector<LabTableRow> labTableRows(const LabProtocolReport& tcp, const LabProtocolReport& udp,
                                      const LabTableExtras& extras) {
    const LabTotals& t = tcp.totals;
    const LabTotals& u = udp.totals;
    const auto both = [](const char* label, int a, int b) {
        return LabTableRow{label, std::to_string(a), std::to_string(b)};
    };
    std::vector<LabTableRow> out;
    out.push_back({"delivered", std::to_string(t.delivered) + "/" + std::to_string(t.scheduled),
                   std::to_string(u.delivered) + "/" + std::to_string(u.scheduled)});
    if (t.unsent > 0 || u.unsent > 0) {
        out.push_back(both("unsent", t.unsent, u.unsent));
    }
    if (t.pending > 0 || u.pending > 0) {
        out.push_back(both("in flight", t.pending, u.pending));
    }
    out.push_back(both("lost", t.lost, u.lost));
    out.push_back(both("duplicated", t.duplicated, u.duplicated));
    out.push_back(both("out of order", t.outOfOrder, u.outOfOrder));
    out.push_back(both("late", t.late, u.late));
    out.push_back(both("garbled", t.garbled, u.garbled));
    out.push_back({"latency p50", latencyText(tcp.latency.p50Ns), latencyText(udp.latency.p50Ns)});
    out.push_back({"latency p99", latencyText(tcp.latency.p99Ns), latencyText(udp.latency.p99Ns)});
    const std::string na(kAbsent);
    out.push_back({"wire retransmissions", optionalText(extras.wireRetransmissions), na});
    out.push_back({"TCP retransmits", optionalText(extras.tcpRetransmits), na});
    out.push_back(
        {"rtt", extras.rttUs ? labMillisText(std::int64_t{*extras.rttUs} * 1000) : na, na});
    out.push_back({"cwnd", optionalText(extras.cwnd), na});
    return out;
}

namespace {

std::string padLeft(const std::string& s, std::size_t width) {
    return std::string(width - std::min(width, s.size()), ' ') + s;
}

std::string padRight(const std::string& s, std::size_t width) {
    return s + std::string(width - std::min(width, s.size()), ' ');
}

} // namespace

std::string labMillisText(std::int64_t ns) {
    constexpr std::int64_t kTenth = 100'000; // ns in 0.1 ms
    const bool negative = ns < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
    const std::uint64_t tenths = (magnitude + kTenth / 2) / kTenth;
    std::string out = negative && tenths > 0 ? "-" : "";
    return out + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " ms";
}

std::string formatLabTable(const LabProtocolReport& tcp, const LabProtocolReport& udp,
                           const LabTableExtras& extras) {
    const std::vector<LabTableRow> body = labTableRows(tcp, udp, extras);
    std::size_t labelWidth = 0;
    std::size_t tcpWidth = 3; // "TCP"
    std::size_t udpWidth = 3; // "UDP"
    for (const LabTableRow& r : body) {
        labelWidth = std::max(labelWidth, r.label.size());
        tcpWidth = std::max(tcpWidth, r.tcp.size());
        udpWidth = std::max(udpWidth, r.udp.size());
    }
    const auto line = [&](const std::string& label, const std::string& a, const std::string& b) {
        return padRight(label, labelWidth) + "  " + padLeft(a, tcpWidth) + "  " +
               padLeft(b, udpWidth) + "\n";
    };
    std::string out = line("", "TCP", "UDP");
    for (const LabTableRow& r : body) {
        out += line(r.label, r.tcp, r.udp);
    }
    return out;
}

} // namespace socklab
