#include "core/pcapimport/capture_reader.h"

#include "core/base/translate.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <pcap/pcap.h>
#include <sys/stat.h>
#include <utility>

namespace socklab {

namespace {

// Link types as the file says them. DLT_RAW is 12 on Linux but 14 on OpenBSD; the file's 101
// (LINKTYPE_RAW) is mapped to DLT_RAW by libpcap, which is what SockLab's own exports use.
constexpr int kLinkRawFile = 101;

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86dd;
constexpr std::uint16_t kEtherVlan = 0x8100;
constexpr std::uint16_t kEtherQinQ = 0x88a8;
constexpr std::uint16_t kEtherQinQOld = 0x9100;

std::uint16_t be16(const std::byte* p) {
    return static_cast<std::uint16_t>((std::to_integer<unsigned>(p[0]) << 8) |
                                      std::to_integer<unsigned>(p[1]));
}

std::uint32_t be32(const std::byte* p) {
    return (std::uint32_t{be16(p)} << 16) | be16(p + 2);
}

std::uint32_t le32(const std::byte* p) {
    return std::to_integer<std::uint32_t>(p[0]) | std::to_integer<std::uint32_t>(p[1]) << 8 |
           std::to_integer<std::uint32_t>(p[2]) << 16 | std::to_integer<std::uint32_t>(p[3]) << 24;
}

bool ipVersionIs(std::span<const std::byte> b, std::size_t at) {
    if (b.size() <= at) {
        return false;
    }
    const unsigned v = std::to_integer<unsigned>(b[at]) >> 4;
    return v == 4 || v == 6;
}

// Offset of the IP header after an ethertype at `typeAt`, or nullopt when not IP.
std::optional<std::size_t> afterEthertype(std::span<const std::byte> b, std::size_t typeAt) {
    // Up to two VLAN tags (802.1Q, 802.1ad QinQ).
    for (int tags = 0; tags <= 2; ++tags) {
        if (b.size() < typeAt + 2) {
            return std::nullopt;
        }
        const std::uint16_t type = be16(b.data() + typeAt);
        if (type == kEtherIpv4 || type == kEtherIpv6) {
            return typeAt + 2;
        }
        if (type != kEtherVlan && type != kEtherQinQ && type != kEtherQinQOld) {
            return std::nullopt;
        }
        typeAt += 4;
    }
    return std::nullopt;
}

// BSD loopback: the address family, in the capturing host's order (NULL) or network order
// (LOOP). AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 depending on the BSD, 10 on Linux.
bool loopbackFamilyIsIp(std::uint32_t family) {
    switch (family) {
    case 2:
    case 10:
    case 24:
    case 28:
    case 30:
        return true;
    default:
        return false;
    }
}

// Where the IP packet starts in a frame of link type dlt; nullopt when the frame carries
// something else (ARP, LLDP, IPX...) or is too short to say.
std::optional<std::size_t> ipOffset(int dlt, std::span<const std::byte> b) {
    switch (dlt) {
    case DLT_EN10MB:
        return afterEthertype(b, 12);
    case DLT_LINUX_SLL:
        // 16 bytes: packet type, ARPHRD type, address length, 8 address bytes, protocol.
        return afterEthertype(b, 14);
    case DLT_LINUX_SLL2:
        // 20 bytes, the protocol first; no VLAN tags inside (the kernel strips them).
        if (b.size() < 20) {
            return std::nullopt;
        }
        if (const std::uint16_t type = be16(b.data()); type == kEtherIpv4 || type == kEtherIpv6) {
            return std::size_t{20};
        }
        return std::nullopt;
    case DLT_NULL:
    case DLT_LOOP: {
        if (b.size() < 4) {
            return std::nullopt;
        }
        const std::uint32_t big = be32(b.data());
        const std::uint32_t little = le32(b.data());
        if (loopbackFamilyIsIp(big) || loopbackFamilyIsIp(little)) {
            return std::size_t{4};
        }
        return std::nullopt;
    }
    case DLT_RAW:
    case kLinkRawFile:
    case DLT_IPV4:
    case DLT_IPV6:
        return ipVersionIs(b, 0) ? std::optional<std::size_t>(0) : std::nullopt;
    default:
        return std::nullopt;
    }
}

bool linkTypeSupported(int dlt) {
    switch (dlt) {
    case DLT_EN10MB:
    case DLT_LINUX_SLL:
    case DLT_LINUX_SLL2:
    case DLT_NULL:
    case DLT_LOOP:
    case DLT_RAW:
    case kLinkRawFile:
    case DLT_IPV4:
    case DLT_IPV6:
        return true;
    default:
        return false;
    }
}

std::string linkText(int dlt) {
    std::string out = std::to_string(dlt);
    const char* name = pcap_datalink_val_to_name(dlt);
    const char* description = pcap_datalink_val_to_description(dlt);
    if (name != nullptr) {
        out = std::string(name);
        if (description != nullptr) {
            out += " (" + std::string(description) + ")";
        }
    }
    return out;
}

} // namespace

Result<CaptureReader> CaptureReader::open(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno; // read before the translator runs
        return fail(sysError(err, SL_TR("socklab", "import"), path));
    }
    if (S_ISDIR(st.st_mode)) {
        return fail(sysError(EISDIR, SL_TR("socklab", "import"), path));
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        const int err = errno; // read before the translator runs
        return fail(sysError(err, SL_TR("socklab", "import"), path));
    }
    if (S_ISREG(st.st_mode) && st.st_size == 0) { // a pipe's size says nothing
        std::fclose(file);
        return fail(inputError(SL_TR("socklab", "import"), path,
                               SL_TR("socklab", "the file is empty (not a pcap or pcapng file)")));
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap* p = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (p == nullptr) {
        std::fclose(file);
        return fail(
            inputError(SL_TR("socklab", "import"), path,
                       trArgs(SL_TR("socklab", "not a readable pcap or pcapng file (libpcap: %1)"),
                              std::string_view(errbuf))));
    }
    CaptureReader reader;
    reader.m_path = path;
    reader.m_pcap = p;
    reader.m_linkType = pcap_datalink(p);
    reader.m_fileSize = std::uint64_t(st.st_size);
    if (!linkTypeSupported(reader.m_linkType)) {
        return fail(inputError(
            SL_TR("socklab", "import"), path,
            trArgs(SL_TR("socklab", "link type %1 %2 is not supported (supported: %3)"),
                   reader.m_linkType, linkText(reader.m_linkType), supportedLinkTypes())));
    }
    return reader;
}

CaptureReader::CaptureReader(CaptureReader&& o) noexcept
    : m_path(std::move(o.m_path)), m_pcap(std::exchange(o.m_pcap, nullptr)),
      m_linkType(o.m_linkType), m_number(o.m_number), m_nonIp(o.m_nonIp), m_fileSize(o.m_fileSize) {
}

CaptureReader& CaptureReader::operator=(CaptureReader&& o) noexcept {
    if (this != &o) {
        if (m_pcap != nullptr) {
            pcap_close(m_pcap);
        }
        m_path = std::move(o.m_path);
        m_pcap = std::exchange(o.m_pcap, nullptr);
        m_linkType = o.m_linkType;
        m_number = o.m_number;
        m_nonIp = o.m_nonIp;
        m_fileSize = o.m_fileSize;
    }
    return *this;
}

CaptureReader::~CaptureReader() {
    if (m_pcap != nullptr) {
        pcap_close(m_pcap); // closes the FILE too
    }
}

std::uint64_t CaptureReader::offset() const {
    const long at = m_pcap != nullptr ? std::ftell(pcap_file(m_pcap)) : -1;
    return at < 0 ? 0 : std::uint64_t(at);
}

Result<bool> CaptureReader::next(CapturedPacket& out) {
    for (;;) {
        // Where the next record starts (stdio keeps the logical position across its buffer).
        const long offset = std::ftell(pcap_file(m_pcap));
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int rc = pcap_next_ex(m_pcap, &header, &data);
        if (rc == PCAP_ERROR_BREAK) {
            return false;
        }
        if (rc != 1) {
            const std::string why = pcap_geterr(m_pcap);
            if (why.find("truncated") != std::string::npos) {
                return fail(inputError(
                    SL_TR("socklab", "import"), m_path,
                    trArgs(SL_TR("socklab", "truncated packet record at offset %1 (the file ends "
                                            "inside packet %2): libpcap: %3"),
                           offset, m_number + 1, why)));
            }
            return fail(inputError(
                SL_TR("socklab", "import"), m_path,
                trArgs(SL_TR("socklab", "corrupt record at offset %1 (packet %2): libpcap: %3"),
                       offset, m_number + 1, why)));
        }
        ++m_number;
        const std::span<const std::byte> frame(reinterpret_cast<const std::byte*>(data),
                                               header->caplen);
        const auto at = ipOffset(m_linkType, frame);
        if (!at || *at > frame.size()) {
            ++m_nonIp;
            continue;
        }
        out.number = m_number;
        // With nanosecond precision requested, tv_usec holds nanoseconds.
        out.timeNs = static_cast<std::int64_t>(header->ts.tv_sec) * 1'000'000'000 +
                     static_cast<std::int64_t>(header->ts.tv_usec);
        out.ip = frame.subspan(*at);
        const std::size_t wire = std::max<std::size_t>(header->len, header->caplen);
        out.ipWireLength = wire > *at ? wire - *at : 0;
        return true;
    }
}

std::string CaptureReader::linkTypeText() const {
    return linkText(m_linkType);
}

std::string CaptureReader::supportedLinkTypes() {
    return SL_TR("socklab", "EN10MB (Ethernet, 802.1Q tags), LINUX_SLL and LINUX_SLL2 (tcpdump -i "
                            "any), NULL and LOOP (BSD loopback), RAW, IPV4, IPV6");
}

} // namespace socklab
