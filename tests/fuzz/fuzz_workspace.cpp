// Workspace documents (core/workspace): parseWorkspace on any bytes; a workspace that loads
// serializes to text that loads back to the same workspace.
#include "core/workspace/workspace_json.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto workspace = parseWorkspace(fuzz::textOf(data, size), "<fuzz>");
    if (!workspace) {
        check(workspace.error().message().find("<fuzz>") != std::string::npos,
              "a load error names the document");
        return 0;
    }
    const std::string text = serializeWorkspace(*workspace);
    const auto again = parseWorkspace(text, "<fuzz>");
    check(again.has_value(), "a serialized workspace loads");
    check(*again == *workspace, "serialize then parse gives the same workspace");
    return 0;
}
