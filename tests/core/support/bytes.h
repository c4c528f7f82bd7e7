#pragma once

// Test helpers: bytes between std::string_view, QByteArray and the core's byte types, and the
// port of an address text, shared by the core tests (one definition instead of one per file).
//
//   SendData d; d.bytes = bytesOf("hello");     // an owned copy (ByteVector)
//   store.appendData(0, Direction::Out, asBytes(text)); // a view: socklab::asBytes (codec)
//   QCOMPARE(toQt(unescape(view(input))), expected);    // QByteArray <-> ByteView / ByteVector
//   portOf("127.0.0.1:5000") == 5000;           // also "[::1]:5000"

#include "core/codec/bytes.h"

#include <QByteArray>
#include <cstdint>
#include <string>
#include <string_view>

namespace socklab::test {

/// An owned copy of text's bytes.
ByteVector bytesOf(std::string_view text);
/// a's bytes as a view (a must outlive it).
ByteView view(const QByteArray& a);
/// A QByteArray copy of bytes (a ByteVector converts to ByteView).
QByteArray toQt(ByteView bytes);
/// The port after the last ':' of an address text ("127.0.0.1:5000", "[::1]:5000").
std::uint16_t portOf(const std::string& address);

} // namespace socklab::test
