#pragma once

#include "core/capture/record.h"
#include "core/capture/traffic_store.h"
#include "core/codec/text_decode.h"
#include "core/vocab/events.h"

#include <QString>

namespace socklab::ui {

/// Local wall-clock time of a record, "hh:mm:ss.zzzzzz" (microseconds).
QString timeText(std::int64_t wallNs);
/// How a capture's directions are named: a socket's own (in/out) or a relay's
/// (client->server / server->client, core's relayDirectionText, translated).
enum class DirectionNames : std::uint8_t { Socket = 1, Relay };
/// "in", "out" or "" for lifecycle records; a relay's "client->server" / "server->client".
QString directionText(Direction direction, DirectionNames names = DirectionNames::Socket);
/// Arrow shown before a record header: "◀ in", "▶ out", "●" (lifecycle); for a relay
/// "▶ client->server", "◀ server->client".
QString directionArrow(Direction direction, DirectionNames names = DirectionNames::Socket);
/// Core's record kind name (recordKindName: "data", "half-closed", "peer-closed"...),
/// translated.
QString kindText(RecordKind kind);
/// Core's readable state name (stateName: "Connected", "Peer closed"...), translated.
QString stateText(SessionState state);
/// Core's encoding title (encodingTitle: "UTF-8", "GBK/GB18030"...), translated.
QString encodingText(TextEncoding encoding);
/// Space-separated flag names ("OOB TRUNC"), "" when none.
QString flagsText(std::uint16_t flags);
/// "conn 3 127.0.0.1:5000" / "127.0.0.1:5000" / "conn 3" / "".
QString connectionText(const TrafficStore& store, const Record& record);
/// The one-line header a byte view shows above a record's bytes.
QString recordHeaderText(const TrafficStore& store, const Record& record,
                         DirectionNames names = DirectionNames::Socket);

} // namespace socklab::ui
