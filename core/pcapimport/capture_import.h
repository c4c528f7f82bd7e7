#pragma once

// Import of a pcap/pcapng capture (tcpdump, Wireshark, SockLab's own exports) read through
// libpcap: its TCP connections and UDP exchanges as conversations, and one conversation replayed
// into a TrafficStore the way a live session fills one, for the same views, find and export.
//
//   auto summary = listCaptureConversations("/tmp/x.pcap");     // one pass, no bytes kept
//   for (const CaptureConversation& c : summary->conversations) ... conversationNotes(c) ...
//   TrafficStore store;
//   auto one = importCaptureConversation("/tmp/x.pcap", 3, store); // conversation #3
//
// Direction convention: the store is the CLIENT's view, as if SockLab had been the client
// (a `socklab-cli connect`): Direction::Out = client -> server, Direction::In = server ->
// client. The client is the side that sent the SYN (TCP; when the handshake is not in the
// capture, the receiver of a SYN-ACK, else the first sender) or the first sender (UDP).
//
// What the store gets (every record at its packet's capture time, connection id 0):
//   TCP   Connecting (client SYN), Connected (SYN-ACK), Data per delivered segment in stream
//         order, HalfClosed (client FIN first), PeerClosed (server FIN), Closed (client FIN
//         after the server's), Reset (RST; RecordFlag::Remote and ECONNRESET when the server
//         sent it), Info records for what reassembly found:
//           "gap server->client: 1448 bytes missing at seq 1001 (not captured)"
//           "retransmission client->server: 536 bytes at seq 2001 already delivered (same
//            bytes)"   -- or "(different bytes: the first copy is kept)", "(not compared)"
//           "out of order client->server: 100 bytes at seq 201 held until seq 101 arrives"
//            (once per hole: the segments held behind the first one are only counted)
//         (seq: relative, the first data byte of each direction is 1, as Wireshark shows it).
//   UDP   one Data record per datagram, peer = the server; a datagram cut by the snapshot
//         length has RecordFlag::Truncated and its wire length.

#include "core/base/result.h"
#include "core/capture/traffic_store.h"
#include "core/net/endpoint.h"
#include "core/net/socket_spec.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace socklab {

/// The transport of a conversation.
enum class CaptureProtocol : std::uint8_t { Tcp = 1, Udp };

/// Which end of a conversation did something.
enum class CaptureSide : std::uint8_t { None = 0, Client, Server };

/// One TCP connection (SYN-delimited: a 4-tuple reused after a new SYN is a new one) or one UDP
/// address pair (datagrams both ways).
struct CaptureConversation {
    std::uint32_t index = 0; ///< 1-based, in order of the first packet
    CaptureProtocol protocol = CaptureProtocol::Tcp;
    Endpoint client;
    Endpoint server;
    std::int64_t firstNs = 0; ///< capture time of the first and last packet
    std::int64_t lastNs = 0;
    std::uint64_t packetsOut = 0; ///< client -> server
    std::uint64_t packetsIn = 0;  ///< server -> client
    /// TCP: stream bytes delivered (each byte once; gaps not counted). UDP: payload captured.
    std::uint64_t bytesOut = 0;
    std::uint64_t bytesIn = 0;
    // TCP only.
    bool synSeen = false;       ///< the client's SYN is in the capture
    bool handshakeSeen = false; ///< SYN and SYN-ACK
    bool finFromClient = false;
    bool finFromServer = false;
    CaptureSide resetBy = CaptureSide::None;
    std::uint64_t gaps = 0; ///< holes in either stream
    std::uint64_t gapBytes = 0;
    std::uint64_t retransmittedBytes = 0;       ///< bytes seen again after being delivered
    std::uint64_t retransmissionsDiffering = 0; ///< retransmissions with other bytes (import)
    /// Segments that arrived ahead of a hole (held until it filled or was declared a gap).
    std::uint64_t outOfOrderSegments = 0;
    bool bufferLimitHit = false; ///< the out-of-order budget ran out in this conversation
    // UDP only.
    std::uint64_t truncatedDatagrams = 0; ///< cut by the snapshot length
};

/// The protocol's name: "TCP", "UDP".
[[nodiscard]] std::string captureProtocolName(CaptureProtocol p);

/// The socket a live session of this conversation would have had (its family; SOCK_STREAM +
/// IPPROTO_TCP or SOCK_DGRAM + IPPROTO_UDP): what exporters and views of its store expect.
[[nodiscard]] SocketSpec captureSocketSpec(const CaptureConversation& c);

/// A conversation's duration for a list: "0.482 ms" below a second, "12.345 s" above.
[[nodiscard]] std::string captureDurationText(std::int64_t ns);

/// Short notes for a conversation list, joined by ", ", e.g. "handshake, FIN both ways",
/// "no handshake (mid-stream), RST from server, 2 gaps (2896 bytes), 536 bytes retransmitted".
[[nodiscard]] std::string conversationNotes(const CaptureConversation& c);

/// Import settings.
struct CaptureImportOptions {
    /// Bytes held for out-of-order TCP segments, all streams together. Beyond it, the held
    /// bytes of the stream that needs more are delivered with the hole marked as a gap
    /// (CaptureConversation::bufferLimitHit, an Info record).
    std::size_t outOfOrderLimitBytes = 64u << 20;
    /// Delivered bytes kept per direction (importCaptureConversation only) to tell whether a
    /// retransmission carries the same bytes.
    std::size_t retransmitCompareBytes = 4u << 20;
    /// Polled every few thousand packets; when set, the pass stops with "import <path>:
    /// Operation canceled (ECANCELED): cancelled" (the GUI's Cancel; may stay null).
    const std::atomic<bool>* cancel = nullptr;
    /// Called every few thousand packets, and once at the end, with the file bytes read so far
    /// and the file's size (on the importing thread).
    std::function<void(std::uint64_t doneBytes, std::uint64_t totalBytes)> progress;
};

/// What a pass over the file found.
struct CaptureSummary {
    std::string path;
    std::string linkType;               ///< "EN10MB (Ethernet)"
    std::uint64_t packets = 0;          ///< records in the file
    std::uint64_t nonIpPackets = 0;     ///< link frames that are not IP (ARP, LLDP...)
    std::uint64_t otherPackets = 0;     ///< IP but neither TCP nor UDP (ICMP...)
    std::uint64_t fragments = 0;        ///< IP fragments (not reassembled: skipped)
    std::uint64_t malformedPackets = 0; ///< IP/TCP/UDP headers that do not decode
    std::vector<CaptureConversation> conversations;
};

/// One line per kind of packet the conversations leave out, e.g. "3 IP fragments skipped (not
/// reassembled)"; empty when every packet belongs to a conversation.
[[nodiscard]] std::vector<std::string> captureSkippedNotes(const CaptureSummary& s);

/// List the conversations of a capture file in one pass without keeping bytes. Errors name the
/// file: "import /tmp/x.pcap: truncated packet record at offset 1234 (the file ends inside
/// packet 17): libpcap: ...", "import /tmp/x: not a readable pcap or pcapng file (libpcap:
/// unknown file format)", "import /tmp/x.pcap: link type 9 PPP (PPP) is not supported ...".
Result<CaptureSummary> listCaptureConversations(const std::string& path,
                                                const CaptureImportOptions& options = {});

/// Replay conversation `index` (1-based, as listed) into store (see the file comment for the
/// records). Returns the conversation with its figures. Error when the file is unreadable or
/// has no such conversation: "import /tmp/x.pcap: no conversation 7 (the capture has 5)".
/// On an error the store may hold what was appended before it.
Result<CaptureConversation> importCaptureConversation(const std::string& path, std::uint32_t index,
                                                      TrafficStore& store,
                                                      const CaptureImportOptions& options = {});

} // namespace socklab
