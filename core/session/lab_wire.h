#pragma once

#include "core/impair/datagram_pipeline.h"
#include "core/netns/lab_network.h"
#include "core/packet/tcp_analysis.h"
#include "core/session/session.h"

#include <array>
#include <map>
#include <memory>
#include <unordered_map>

namespace socklab {

/// The lab wire (Role::Wire): builds the lab network (LabNetwork) and is the only link between
/// its two hosts. Every IP packet a host sends is read from its TUN, passed through that
/// direction's DatagramPipeline and written to the other host's TUN when due. The capture holds
/// one Data record per packet, appended when it entered the wire (so in the order the hosts
/// sent them, as a capture at the sender shows them: AtoB as Direction::In, BtoA as Out), with
/// the bytes as sent and its fate in RecordFlag::Wire* (dropped, delivered twice, one bit
/// flipped on delivery, held back and reordered; Truncated when cut). When it left the wire,
/// Record::wireDelayUs is set to how long the wire held it (TrafficStore::setWireDelay); it stays
/// 0 for a dropped packet and for one still in flight.
class LabWire final : public Session {
public:
    LabWire(SessionHost& host, SessionId id, OpenSession request,
            std::shared_ptr<TrafficStore> store);
    ~LabWire() override;

    void start() override;
    void close(ConnectionId connection, bool abortive) override;
    void setImpairment(const SetImpairment& command) override;
    void queryRelayFigures() override;

    /// The running network; nullptr before start() succeeded and after close.
    [[nodiscard]] LabNetwork* network() { return m_network.get(); }

protected:
    int fdOf(ConnectionId) const override { return -1; }

private:
    /// A packet inside the pipeline: when it entered and what was done to it so far.
    struct InFlight {
        std::int64_t entryNs = 0;
        std::uint64_t recordSeq = 0;
    };
    struct Way {
        explicit Way(const Impairment& settings, std::uint64_t seed) : pipeline(settings, seed) {}
        DatagramPipeline pipeline;
        EventLoop::TimerId timer = 0;
        std::uint64_t packets = 0;
        std::unordered_map<std::uint64_t, InFlight> inFlight; ///< by pipeline index
    };

    Way& way(WireDirection d) { return *m_ways[d == WireDirection::AtoB ? 0 : 1]; }
    void readFrom(WireDirection d);
    void admit(WireDirection d, std::span<const std::byte> packet, std::int64_t nowNs);
    std::uint64_t record(WireDirection d, std::span<const std::byte> packet, std::int64_t nowNs,
                         std::uint16_t flags);
    void pump(WireDirection d);
    void schedule(WireDirection d);
    void shutdown();
    void touch();
    void emitFigures();

    std::unique_ptr<LabNetwork> m_network;
    std::array<std::unique_ptr<Way>, 2> m_ways;
    std::vector<ImpairmentNote> m_notes;
    std::vector<DatagramPipeline::Output> m_due;
    WireFigures m_figures;
    /// Every recorded packet in capture order: the figures' retransmissions, duplicate ACKs...
    TcpAnalyzer m_tcp;
    EventLoop::TimerId m_figuresTimer = 0;
    bool m_figuresDirty = false;
    bool m_open = false;
};

} // namespace socklab
