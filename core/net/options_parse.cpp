// "name=value" as typed for a socket option (the CLI's -o; one parser for every front end that
// takes option text).
#include "core/net/options.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace socklab {

namespace {

Error optionError(std::string_view text, std::string detail) {
    return inputError("parse -o", "\"" + std::string(text) + "\"", std::move(detail));
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

Result<OptionSetting> parseOptionSetting(std::string_view text) {
    const auto eq = text.find('=');
    const std::string name(text.substr(0, eq));
    const OptionInfo* info = findOptionByName(name);
    if (!info) {
        return fail(optionError(text, "unknown option \"" + name + "\" (see socklab-cli catalog)"));
    }
    const std::string cliName(info->cliName);
    if (eq == std::string_view::npos) {
        if (!info->boolean) {
            return fail(optionError(text, cliName + " needs a value: " + cliName + "=N"));
        }
        return OptionSetting{info->id, 1};
    }
    const std::string value(text.substr(eq + 1));
    if (info->boolean) {
        for (std::string_view on : {"on", "true", "yes"}) {
            if (equalsIgnoreCase(value, on)) {
                return OptionSetting{info->id, 1};
            }
        }
        for (std::string_view off : {"off", "false", "no"}) {
            if (equalsIgnoreCase(value, off)) {
                return OptionSetting{info->id, 0};
            }
        }
    }
    // Flags are 0 or 1; values are counts, bytes or seconds (Linger: -1 = off).
    const long long min = info->boolean ? 0 : -1;
    const long long max = info->boolean ? 1 : 0x7fffffff;
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    const std::string op = "parse -o " + cliName;
    if (value.empty() || ec == std::errc::invalid_argument || ptr != value.data() + value.size()) {
        return fail(inputError(op, "\"" + value + "\"", "not an integer"));
    }
    if (ec == std::errc::result_out_of_range || v < min || v > max) {
        return fail(inputError(op, "\"" + value + "\"",
                               "out of range " + std::to_string(min) + ".." + std::to_string(max)));
    }
    return OptionSetting{info->id, static_cast<int>(v)};
}

} // namespace socklab
