#pragma once

#include "core/base/result.h"
#include "core/workspace/workspace.h"

#include <string>
#include <string_view>

namespace socklab {

/// Parse a workspace document. source names it in errors (a path, or "<memory>").
/// Syntax errors carry "line L, column C"; semantic errors the JSON pointer of the bad value:
/// "load workspace /tmp/w.json: /tabs/2/family: unknown family \"AF_FOO\"".
Result<Workspace> parseWorkspace(std::string_view json, std::string_view source);

/// Read and parse a workspace file.
Result<Workspace> loadWorkspace(const std::string& path);

/// The document text (pretty-printed JSON, trailing newline).
std::string serializeWorkspace(const Workspace& workspace);

/// Write the document atomically (temporary file in the same folder, then rename).
Status saveWorkspace(const Workspace& workspace, const std::string& path);

} // namespace socklab
