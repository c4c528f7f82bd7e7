#pragma once

// A pcap or pcapng file read through libpcap, one IP packet at a time: the link framing
// (Ethernet with 802.1Q/802.1ad tags, Linux cooked v1/v2, BSD loopback, raw IP) is taken off
// here; the IP layer is core/packet's.

#include "core/base/result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

struct pcap; // libpcap's pcap_t, kept out of the header

namespace socklab {

/// One packet of a capture file whose link payload is IPv4 or IPv6.
struct CapturedPacket {
    std::uint64_t number = 0;      ///< 1-based position in the file (every packet counts)
    std::int64_t timeNs = 0;       ///< capture time, ns since the epoch
    std::span<const std::byte> ip; ///< the IP packet as captured (valid until the next read)
    std::size_t ipWireLength = 0;  ///< its length on the wire (> ip.size() when cut by snaplen)
};

/// Reads a capture file; move-only.
class CaptureReader {
public:
    /// Open path. Errors: "import <path>: No such file or directory (ENOENT)",
    /// "import <path>: not a pcap or pcapng file (libpcap: unknown file format)",
    /// "import <path>: link type 9 (PPP) is not supported (supported: ...)".
    static Result<CaptureReader> open(const std::string& path);

    CaptureReader(CaptureReader&&) noexcept;
    CaptureReader& operator=(CaptureReader&&) noexcept;
    ~CaptureReader();

    /// The next IP packet: true, false at the end of the file, or an error naming the record's
    /// offset: "import <path>: truncated packet record at offset 1234 (the file ends inside
    /// packet 17): libpcap: truncated dump file; ...". Packets of other link protocols (ARP,
    /// LLDP...) are skipped and counted.
    Result<bool> next(CapturedPacket& out);

    [[nodiscard]] int linkType() const { return m_linkType; }
    /// "EN10MB (Ethernet)": libpcap's name and description.
    [[nodiscard]] std::string linkTypeText() const;
    [[nodiscard]] std::uint64_t packetsRead() const { return m_number; }
    [[nodiscard]] std::uint64_t nonIpPackets() const { return m_nonIp; }
    [[nodiscard]] const std::string& path() const { return m_path; }
    /// Bytes of the file read so far, and its size (for progress).
    [[nodiscard]] std::uint64_t offset() const;
    [[nodiscard]] std::uint64_t fileSize() const { return m_fileSize; }

    /// The link types this reader understands, as libpcap names them.
    [[nodiscard]] static std::string supportedLinkTypes();

private:
    CaptureReader() = default;

    std::string m_path;
    pcap* m_pcap = nullptr;
    int m_linkType = 0;
    std::uint64_t m_number = 0;
    std::uint64_t m_nonIp = 0;
    std::uint64_t m_fileSize = 0;
};

} // namespace socklab
