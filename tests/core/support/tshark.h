#pragma once

// Test helper: tshark (Wireshark's reader, an implementation the project did not write) run on
// a capture file.
//
//   const QStringList lines = tsharkFields(file, {"tcp.dstport", "tcp.payload"});
//   // one line per packet, fields separated by tabs; on failure one "<tshark failed: ...>" line

#include <QString>
#include <QStringList>

namespace socklab::test {

/// True when tshark is on PATH.
bool tsharkAvailable();
/// `tshark -r file -T fields -e f1 -e f2...`: stdout lines (empty ones dropped), or one line
/// starting "<tshark failed" with its stderr.
QStringList tsharkFields(const QString& file, const QStringList& fields);

} // namespace socklab::test
