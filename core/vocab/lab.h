#pragma once

#include "core/capture/record.h"
#include "core/impair/impairment.h"
#include "core/vocab/ids.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace socklab {

/// The two hosts of the lab network: network namespaces joined by SockLab's wire.
enum class LabHost : std::uint8_t {
    None = 0, ///< not a lab socket: created in SockLab's own network namespace
    A = 1,    ///< 192.0.2.1 / 2001:db8::1 (the client side of the lab's experiments)
    B = 2,    ///< 192.0.2.2 / 2001:db8::2 (the server side)
};

/// The hosts' addresses (documentation ranges, RFC 5737 / RFC 3849), without ports.
inline constexpr std::string_view kLabAddressA4 = "192.0.2.1";
inline constexpr std::string_view kLabAddressB4 = "192.0.2.2";
inline constexpr std::string_view kLabAddressA6 = "2001:db8::1";
inline constexpr std::string_view kLabAddressB6 = "2001:db8::2";

/// The two directions of the lab wire. In the wire's capture every IP packet is one Data
/// record as it entered the wire (see LabWire): AtoB recorded as Direction::In,
/// BtoA as Direction::Out (as a relay records client -> server as In), its fate in
/// RecordFlag::Wire* and Record::wireDelayUs.
enum class WireDirection : std::uint8_t {
    AtoB = 1,
    BtoA,
};

[[nodiscard]] constexpr Direction captureDirection(WireDirection d) {
    return d == WireDirection::AtoB ? Direction::In : Direction::Out;
}
[[nodiscard]] constexpr WireDirection wireDirectionOf(Direction d) {
    return d == Direction::Out ? WireDirection::BtoA : WireDirection::AtoB;
}

/// The lab network (OpenSession::lab, used when role is Role::Wire): two namespaces with a TUN
/// each, and the impairment the wire applies per direction.
struct LabConfig {
    Impairment aToB;        ///< what the wire does to packets from A to B
    Impairment bToA;        ///< and from B to A
    std::uint64_t seed = 1; ///< the same seed, settings and packets give the same fates
    int mtu = 1500;         ///< of both TUN devices (576..65535)
    /// Where the checks and the helper look; tests point them elsewhere to simulate a machine
    /// without TUN or user namespaces.
    std::string tunDevice = "/dev/net/tun";
    std::string procRoot = "/proc";
    friend bool operator==(const LabConfig&, const LabConfig&) = default;
};

/// Where a session's socket is created: in SockLab's own namespace (default) or inside a lab
/// host of a running wire session.
struct LabPlacement {
    SessionId wire = 0; ///< the Role::Wire session whose network to use; 0 = none
    LabHost host = LabHost::None;
    friend bool operator==(const LabPlacement&, const LabPlacement&) = default;
};

/// What the wire did so far, per direction (events WireFigures).
struct WireFigures {
    ImpairmentCounters aToB;
    ImpairmentCounters bToA;
    std::uint64_t packetsAtoB = 0; ///< packets read from A's TUN
    std::uint64_t packetsBtoA = 0;
    std::uint64_t unwritten = 0; ///< delivered by the pipeline but refused by the TUN
    /// TCP segments with data that carry sequence numbers already seen on the wire in their
    /// direction: what the senders retransmitted (tcpi_total_retrans counts the same, plus
    /// resent SYNs and FINs, which carry no data).
    std::uint64_t resentSegments = 0;
    std::uint64_t resentAtoB = 0; ///< of those, sent by host A (the lab's TCP sender)
    /// Wireshark's marks over the wire (see TcpAnalyzer): retransmission, fast and spurious
    /// retransmission (a resent segment within 3 ms of the previous one is out of order there).
    std::uint64_t retransmissions = 0;
    std::uint64_t duplicateAcks = 0;
    std::uint64_t outOfOrder = 0;
    std::uint64_t zeroWindow = 0;
    friend bool operator==(const WireFigures&, const WireFigures&) = default;
};

} // namespace socklab
