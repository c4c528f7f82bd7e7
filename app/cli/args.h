#pragma once

#include "core/base/result.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace socklab::cli {

/// One option a subcommand accepts.
struct OptionSpec {
    std::string_view name;      ///< long name without dashes: "hex"
    char shortName = 0;         ///< 'c' for -c; 0 = none
    std::string_view valueName; ///< "N", "TEXT"; empty = a flag without value
    std::string_view help;      ///< one line
};

/// A subcommand's command line after parsing. Options keep their order, because
/// --send/--send-hex/--oob are sent in the order given.
class Args {
public:
    struct Item {
        std::string name;
        std::string value;
    };

    [[nodiscard]] bool has(std::string_view name) const;
    /// Last value given for name.
    [[nodiscard]] std::optional<std::string> value(std::string_view name) const;
    [[nodiscard]] const std::vector<Item>& items() const { return m_items; }
    [[nodiscard]] const std::vector<std::string>& positionals() const { return m_positionals; }

    void add(std::string name, std::string value) {
        m_items.push_back({std::move(name), std::move(value)});
    }
    void addPositional(std::string text) { m_positionals.push_back(std::move(text)); }

private:
    std::vector<Item> m_items;
    std::vector<std::string> m_positionals;
};

/// A subcommand's description for parsing and --help.
struct CommandSpec {
    std::string_view name;     ///< "connect"
    std::string_view synopsis; ///< "HOST:PORT [options]"
    std::string_view summary;  ///< one line
    std::string_view details;  ///< paragraphs after the option list; may be empty
    std::span<const OptionSpec> options;
};

/// Parse args (after the subcommand name). "--name=value", "--name value", "-c value", "-cvalue"
/// and "--" are understood; --help/-h is always accepted.
/// Error example: "parse arguments --frobnicate: unknown option".
Result<Args> parseArgs(const CommandSpec& spec, std::span<const std::string> args);

/// The --help text of a subcommand.
std::string helpText(const CommandSpec& spec);

/// Integer in [min, max]; name is the option for the message ("--count").
Result<long long> parseInteger(std::string_view name, std::string_view text, long long min,
                               long long max);

/// The integer value of option --name in [min, max], or fallback when the option is absent.
Result<int> intOption(const Args& args, std::string_view name, long long min, long long max,
                      int fallback);

} // namespace socklab::cli
