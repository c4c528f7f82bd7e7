#include "core/support/stream_pattern.h"

#include <cstdint>

namespace socklab::test {

namespace {

// A prime block length and a prime period, neither aligned with chunk or read sizes.
constexpr std::uint64_t kBlock = 65521;
constexpr std::uint64_t kPeriod = 251;

} // namespace

std::byte streamPatternAt(std::uint64_t p) {
    return static_cast<std::byte>(((p % kBlock) % kPeriod + p / kBlock) & 0xff);
}

std::size_t streamPatternMismatch(std::uint64_t p, std::span<const std::byte> bytes) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] != streamPatternAt(p + i)) {
            return i;
        }
    }
    return SIZE_MAX;
}

QString streamPatternSender() {
    return QStringLiteral(R"(
        import hashlib, socket, sys
        port, total = int(sys.argv[1]), int(sys.argv[2])
        B = 65521
        base = bytes(i % 251 for i in range(B))
        tables = [bytes((i + k) & 0xff for i in range(256)) for k in range(256)]
        s = socket.create_connection(('127.0.0.1', port))
        h = hashlib.sha256()
        sizes = [1, 700, 4096, 65521, 100000, 262144, 1 << 20]
        sent, n = 0, 0
        pending = b''
        while sent < total:
            want = min(sizes[n % len(sizes)], total - sent)
            n += 1
            while len(pending) < want:
                k = (sent + len(pending)) // B
                pending += base.translate(tables[k & 0xff])
            block, pending = pending[:want], pending[want:]
            s.sendall(block)
            h.update(block)
            sent += want
        s.close()
        print(h.hexdigest(), flush=True)
    )");
}

} // namespace socklab::test
