#pragma once

// Internal to core/workspace: a tab's responders and sequences in the workspace document.

#include "core/respond/responder.h"
#include "core/respond/sequence.h"
#include "core/workspace/json_reader.h"

#include <string>

namespace socklab::workspace_detail {

/// Writes the tab's responders into tab: "echo": true for the echo preset (as builds before
/// responders wrote it), a "responders" object otherwise, nothing when there are none.
void writeResponders(Json& tab, const ResponderConfig& config);

/// Reads "responders" (framing in parseFraming's short form, rules checked with validateRule)
/// or the older "echo": true; an error names the JSON pointer of the bad value.
Status readResponders(const Reader& r, const Json& tab, const std::string& pointer,
                      ResponderConfig& out);

/// Writes "sequences": [{"name": ..., "steps": ["send PING", "expect PONG within 500"]}] (each
/// step in the text form of formatSequenceText), nothing when there are none.
void writeSequences(Json& tab, const std::vector<Sequence>& sequences);

/// Reads "sequences"; a bad step is named by the pointer of its line and the step's problem.
Status readSequences(const Reader& r, const Json& tab, const std::string& pointer,
                     std::vector<Sequence>& out);

} // namespace socklab::workspace_detail
