// TCP over time in a lab run (see lab_timeline.h).
#include "core/lab/lab_timeline.h"

#include "core/capture/traffic_store.h"
#include "core/packet/packet.h"

#include <algorithm>
#include <array>

namespace socklab {

namespace {

/// Thousandths with three decimals ("-12.345"), whatever the C locale says about the point.
std::string thousandths(std::int64_t units) {
    const std::uint64_t magnitude =
        units < 0 ? std::uint64_t(-(units + 1)) + 1 : std::uint64_t(units);
    const std::string fraction = std::to_string(magnitude % 1000);
    std::string out;
    if (units < 0) {
        out.push_back('-');
    }
    out.append(std::to_string(magnitude / 1000));
    out.push_back('.');
    out.append(3 - fraction.size(), '0');
    out.append(fraction);
    return out;
}

std::string millis(std::int64_t ns) {
    // Rounded to the microsecond, half away from zero.
    const std::int64_t us = ns >= 0 ? (ns + 500) / 1000 : -((-ns + 500) / 1000);
    return thousandths(us);
}

std::string microsAsMillis(std::uint32_t us) {
    return thousandths(us);
}

} // namespace

void LabTimelineBuilder::extend(std::int64_t atNs) {
    m_timeline.firstNs = std::min(m_timeline.firstNs, atNs);
    m_timeline.lastNs = std::max(m_timeline.lastNs, atNs);
}

void LabTimelineBuilder::update(std::int64_t originNs, std::span<const LabTcpInfoSample> samples,
                                const TrafficStore* wire) {
    if (originNs != m_originNs) {
        m_originNs = originNs;
        m_nextSeq = 0;
        m_timeline = {};
    }
    if (originNs == 0) {
        return; // not sending yet: no time 0 to measure from
    }
    m_timeline.tcpInfo.clear();
    for (const LabTcpInfoSample& s : samples) {
        m_timeline.tcpInfo.push_back({s.atNs - m_originNs, s.info});
        extend(s.atNs - m_originNs);
    }
    if (wire == nullptr) {
        return;
    }
    m_nextSeq = forEachRecord(
        *wire,
        [this, wire](const Record& r) {
            if (r.kind != RecordKind::Data) {
                return;
            }
            const bool aToB = wireDirectionOf(r.direction) == WireDirection::AtoB;
            const std::int64_t at = r.monoNs - m_originNs;
            if ((r.flags & RecordFlag::WireResent) != 0) {
                (aToB ? m_timeline.resentAtoB : m_timeline.resentBtoA).push_back(at);
                extend(at);
            }
            if ((r.flags & RecordFlag::WireDropped) != 0) {
                const DecodedPacket p = decodePacket(wire->recordBytes(r), r.wireLength);
                if (p.ip.protocol == IpProto::Tcp) {
                    (aToB ? m_timeline.droppedAtoB : m_timeline.droppedBtoA).push_back(at);
                    extend(at);
                }
            }
        },
        m_nextSeq);
}

std::string formatLabTimelineCsv(const LabTimeline& t) {
    struct Row {
        std::int64_t atNs;
        int kind; ///< 0 TCP_INFO, 1 resent A->B, 2 resent B->A, 3 dropped A->B, 4 dropped B->A
        std::size_t index;
    };
    std::vector<Row> rows;
    for (std::size_t i = 0; i < t.tcpInfo.size(); ++i) {
        rows.push_back({t.tcpInfo[i].atNs, 0, i});
    }
    const std::array<const std::vector<std::int64_t>*, 4> wire = {&t.resentAtoB, &t.resentBtoA,
                                                                  &t.droppedAtoB, &t.droppedBtoA};
    for (std::size_t k = 0; k < wire.size(); ++k) {
        for (std::size_t i = 0; i < wire[k]->size(); ++i) {
            rows.push_back({(*wire[k])[i], int(k) + 1, i});
        }
    }
    // Wire rows before a TCP_INFO sample at the same time: the sample then counts them.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.atNs != b.atNs ? a.atNs < b.atNs : (a.kind != 0) > (b.kind != 0);
    });
    static constexpr std::array<const char*, 5> kEvents = {
        "tcp_info", "resent_a_to_b", "resent_b_to_a", "dropped_a_to_b", "dropped_b_to_a"};
    std::string out = "time_ms,source,event,rtt_ms,rttvar_ms,cwnd,unacked,retransmits,"
                      "total_retrans,wire_resent_a_to_b,wire_resent_b_to_a,wire_dropped_a_to_b,"
                      "wire_dropped_b_to_a\n";
    std::array<std::uint64_t, 4> counts{};
    for (const Row& r : rows) {
        out += millis(r.atNs);
        if (r.kind == 0) {
            const TcpInfoSnapshot& i = t.tcpInfo[r.index].info;
            out += ",tcp_info,sample," + microsAsMillis(i.rttUs) + "," +
                   microsAsMillis(i.rttVarUs) + "," + std::to_string(i.sndCwnd) + "," +
                   std::to_string(i.unacked) + "," + std::to_string(i.retransmits) + "," +
                   std::to_string(i.totalRetrans);
        } else {
            ++counts[std::size_t(r.kind) - 1];
            out.append(",wire,").append(kEvents[std::size_t(r.kind)]).append(",,,,,,");
        }
        for (const std::uint64_t c : counts) {
            out.push_back(',');
            out.append(std::to_string(c));
        }
        out += "\n";
    }
    return out;
}

} // namespace socklab
