#pragma once

// Test helpers: a TCP byte stream whose every byte is a function of its position, sent by a
// python3 peer, so a receiver can check any byte it reads on its own (after evictions too).
//
//   PythonPeer peer(streamPatternSender(), {QString::number(port), QString::number(total)});
//   peer.start();                  // connects to 127.0.0.1:port, sends total bytes, closes,
//   peer.readLine(30000);          // then prints the SHA-256 (hex) of what it sent
//   streamPatternAt(p);            // the byte at stream position p
//   streamPatternMismatch(p, buf); // index of the first wrong byte of buf, or SIZE_MAX

#include <QString>
#include <cstddef>
#include <cstdint>
#include <span>

namespace socklab::test {

/// The byte at position p of the stream streamPatternSender() sends.
std::byte streamPatternAt(std::uint64_t p);
/// Index of the first byte of bytes (read from stream position p on) that differs from the
/// pattern, or SIZE_MAX when all match.
std::size_t streamPatternMismatch(std::uint64_t p, std::span<const std::byte> bytes);
/// python3 script: argv[1] port on 127.0.0.1, argv[2] byte count; connects, sends the pattern
/// in blocks of varying size, closes, prints the hex SHA-256 of what it sent.
QString streamPatternSender();

} // namespace socklab::test
