#pragma once

// Internal to core/workspace: a tab's continuous save settings in the workspace document.

#include "core/capture/live_save.h"
#include "core/workspace/json_reader.h"

#include <optional>
#include <string>

namespace socklab::workspace_detail {

/// Writes "liveSave": {"path", "format" ("pcapng" / "text"), "rotateBytes", "maxFiles"} when
/// the tab saves continuously, nothing otherwise.
void writeLiveSave(Json& tab, const std::optional<LiveSaveSettings>& settings);

/// Reads "liveSave" (path required; checked with checkLiveSaveSettings); an error names the
/// JSON pointer of the bad value. Reading only describes the save: nothing is written until
/// the tab's socket is opened.
Status readLiveSave(const Reader& r, const Json& tab, const std::string& pointer,
                    std::optional<LiveSaveSettings>& out);

} // namespace socklab::workspace_detail
