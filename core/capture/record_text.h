#pragma once

#include "core/capture/record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace socklab {

/// The one name of a record kind shown by every front end and export: "data", "connected",
/// "half-closed", "peer-closed"... (lower case, hyphenated: one word in a log line). Marked
/// SL_N: the GUI translates this string at its edge (socklab::ui::coreText).
[[nodiscard]] std::string_view recordKindName(RecordKind kind);
/// "In", "Out", "Local".
[[nodiscard]] std::string_view directionName(Direction dir);
/// The same direction as seen in a relay's capture: "client->server" (In), "server->client"
/// (Out), "relay" (Local). Marked SL_N: the GUI translates it at its edge (coreText).
[[nodiscard]] std::string_view relayDirectionText(Direction dir);
/// The Info text an imported capture gives a hole in a TCP stream (bytes the capture lacks),
/// from the client's view: "gap client->server: 1448 bytes missing at seq 1001 (not captured)"
/// is a hole in the Out stream. Consumers that join a stream's bytes (message framing) stop at
/// it instead of gluing the bytes on either side.
[[nodiscard]] std::string streamGapText(Direction dir, std::string_view what);
/// The direction whose stream has the hole when text is a streamGapText, else nullopt.
[[nodiscard]] std::optional<Direction> streamGapDirection(std::string_view text);
/// A stored record text as a person reads it in the interface language: an imported gap note,
/// kept in English because replay and framing read it back, is translated here (through
/// core/base/translate.h); any other text, and every text without a translator, is unchanged.
[[nodiscard]] std::string readableRecordText(std::string_view text);
/// Flag names joined by '|', e.g. "OOB|TRUNC"; "" when none.
[[nodiscard]] std::string recordFlagsText(std::uint16_t flags);
/// UTC time with nanoseconds: "2026-11-24T05:04:06.123456789Z".
[[nodiscard]] std::string formatWallTime(std::int64_t wallNs);

} // namespace socklab
