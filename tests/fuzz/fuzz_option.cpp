// Socket option values as typed (core/net/options: parseOptionSetting, findOptionByName).
#include "core/net/options.h"
#include "tests/fuzz/fuzz_check.h"

using namespace socklab;
using socklab::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::textOf(data, size);
    (void)findOptionByName(text);
    const auto setting = parseOptionSetting(text);
    if (!setting) {
        check(!setting.error().message().empty(), "an error says why");
        return 0;
    }
    const OptionInfo* info = findOption(setting->id);
    check(info != nullptr, "a parsed option is in the catalog");
    if (info->boolean) {
        check(setting->value == 0 || setting->value == 1, "a flag is 0 or 1");
    } else {
        check(setting->value >= -1, "a value is -1 or more");
    }
    // The canonical spelling parses to the same setting.
    const auto again =
        parseOptionSetting(std::string(info->cliName) + "=" + std::to_string(setting->value));
    check(again && again->id == setting->id && again->value == setting->value,
          "name=value reads back");
    return 0;
}
