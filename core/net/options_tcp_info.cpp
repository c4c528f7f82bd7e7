// TCP_INFO needs the kernel's struct (glibc's copy stops before the byte counters).
#include "core/base/translate.h"
#include "core/net/options.h"

#include <cerrno>
#include <cstddef>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace socklab {

Result<TcpInfoSnapshot> readTcpInfo(int fd) {
    tcp_info info{};
    socklen_t len = sizeof info;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len) != 0) {
        const int err = errno; // before translating: the translator may touch errno
        // The object keeps the name TCP_INFO (the lab conductor looks for it).
        //: What a failed socket call was about: %1 an option ("SO_RCVBUF=100"), %2 the descriptor.
        return fail(
            sysError(err, "getsockopt", trArgs(SL_TR("socklab", "%1 on fd %2"), "TCP_INFO", fd)));
    }
    TcpInfoSnapshot s;
    s.state = info.tcpi_state;
    s.rttUs = info.tcpi_rtt;
    s.rttVarUs = info.tcpi_rttvar;
    s.sndCwnd = info.tcpi_snd_cwnd;
    s.sndMss = info.tcpi_snd_mss;
    s.retransmits = info.tcpi_retransmits;
    s.totalRetrans = info.tcpi_total_retrans;
    s.unacked = info.tcpi_unacked;
    // Older kernels return a shorter struct; fields they did not fill stay 0.
    if (len >= offsetof(tcp_info, tcpi_bytes_acked) + sizeof info.tcpi_bytes_acked) {
        s.bytesAcked = info.tcpi_bytes_acked;
    }
    if (len >= offsetof(tcp_info, tcpi_bytes_received) + sizeof info.tcpi_bytes_received) {
        s.bytesReceived = info.tcpi_bytes_received;
    }
    return s;
}

} // namespace socklab
