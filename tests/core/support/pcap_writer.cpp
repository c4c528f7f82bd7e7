#include "core/support/pcap_writer.h"

#include <cstring>
#include <pcap/pcap.h>

namespace socklab::test {

namespace {

int dltOf(LinkFraming f) {
    switch (f) {
    case LinkFraming::Raw:
        return DLT_RAW;
    case LinkFraming::Ipv4:
        return DLT_IPV4;
    case LinkFraming::Ethernet:
    case LinkFraming::EthernetVlan:
        return DLT_EN10MB;
    case LinkFraming::LinuxSll:
        return DLT_LINUX_SLL;
    case LinkFraming::LinuxSll2:
        return DLT_LINUX_SLL2;
    case LinkFraming::Null:
        return DLT_NULL;
    case LinkFraming::Loop:
        return DLT_LOOP;
    case LinkFraming::Ppp:
        return DLT_PPP;
    }
    return DLT_RAW;
}

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
    out.push_back(std::uint8_t(v >> 8));
    out.push_back(std::uint8_t(v & 0xff));
}

std::vector<std::uint8_t> linkHeader(LinkFraming f, bool v6) {
    const std::uint16_t type = v6 ? 0x86dd : 0x0800;
    std::vector<std::uint8_t> h;
    switch (f) {
    case LinkFraming::Raw:
    case LinkFraming::Ipv4:
        break;
    case LinkFraming::Ethernet:
    case LinkFraming::EthernetVlan:
        h = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
        if (f == LinkFraming::EthernetVlan) {
            put16(h, 0x8100);
            put16(h, 42); // VLAN id 42
        }
        put16(h, type);
        break;
    case LinkFraming::LinuxSll:
        put16(h, 0);   // packet type: to us
        put16(h, 772); // ARPHRD_LOOPBACK
        put16(h, 6);
        h.insert(h.end(), 8, 0);
        put16(h, type);
        break;
    case LinkFraming::LinuxSll2:
        put16(h, type);
        put16(h, 0);                     // reserved
        h.insert(h.end(), {0, 0, 0, 1}); // interface index
        put16(h, 772);
        h.push_back(0); // packet type
        h.push_back(6);
        h.insert(h.end(), 8, 0);
        break;
    case LinkFraming::Null: {
        const std::uint32_t family = v6 ? 10 : 2; // host order, as the capturing host wrote it
        std::uint8_t b[4];
        std::memcpy(b, &family, 4);
        h.assign(b, b + 4);
        break;
    }
    case LinkFraming::Loop:
        h = {0, 0, 0, std::uint8_t(v6 ? 24 : 2)};
        break;
    case LinkFraming::Ppp:
        h = {0xff, 0x03};
        put16(h, v6 ? 0x0057 : 0x0021);
        break;
    }
    return h;
}

} // namespace

QString writeCapture(const QString& path, LinkFraming framing,
                     const std::vector<CaptureFrame>& frames) {
    pcap_t* dead = pcap_open_dead(dltOf(framing), 262144);
    if (dead == nullptr) {
        return QStringLiteral("pcap_open_dead failed");
    }
    pcap_dumper_t* dumper = pcap_dump_open(dead, path.toLocal8Bit().constData());
    if (dumper == nullptr) {
        const QString why = QString::fromLocal8Bit(pcap_geterr(dead));
        pcap_close(dead);
        return QStringLiteral("pcap_dump_open: ") + why;
    }
    for (const CaptureFrame& f : frames) {
        const bool v6 = !f.ip.empty() && (std::to_integer<unsigned>(f.ip[0]) >> 4) == 6;
        std::vector<std::uint8_t> bytes = linkHeader(framing, v6);
        const std::size_t link = bytes.size();
        for (std::byte b : f.ip) {
            bytes.push_back(std::to_integer<std::uint8_t>(b));
        }
        pcap_pkthdr h{};
        h.ts.tv_sec = f.timeNs / 1'000'000'000;
        h.ts.tv_usec = (f.timeNs % 1'000'000'000) / 1000;
        h.len = static_cast<bpf_u_int32>(bytes.size());
        h.caplen =
            static_cast<bpf_u_int32>(f.capturedBytes == 0 ? bytes.size() : link + f.capturedBytes);
        pcap_dump(reinterpret_cast<u_char*>(dumper), &h, bytes.data());
    }
    pcap_dump_close(dumper);
    pcap_close(dead);
    return {};
}

} // namespace socklab::test
