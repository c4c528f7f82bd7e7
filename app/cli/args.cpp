#include "app/cli/args.h"

#include <charconv>

namespace socklab::cli {

namespace {

constexpr OptionSpec kHelp{"help", 'h', "", "show this help and exit"};

const OptionSpec* findLong(const CommandSpec& spec, std::string_view name) {
    if (name == kHelp.name) {
        return &kHelp;
    }
    for (const auto& o : spec.options) {
        if (o.name == name) {
            return &o;
        }
    }
    return nullptr;
}

const OptionSpec* findShort(const CommandSpec& spec, char c) {
    if (c == kHelp.shortName) {
        return &kHelp;
    }
    for (const auto& o : spec.options) {
        if (o.shortName != 0 && o.shortName == c) {
            return &o;
        }
    }
    return nullptr;
}

Error argError(std::string object, std::string detail) {
    return inputError("parse arguments", std::move(object), std::move(detail));
}

} // namespace

bool Args::has(std::string_view name) const {
    for (const auto& i : m_items) {
        if (i.name == name) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> Args::value(std::string_view name) const {
    std::optional<std::string> out;
    for (const auto& i : m_items) {
        if (i.name == name) {
            out = i.value;
        }
    }
    return out;
}

Result<Args> parseArgs(const CommandSpec& spec, std::span<const std::string> args) {
    Args out;
    bool onlyPositionals = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (onlyPositionals || a.size() < 2 || a[0] != '-' ||
            (a[1] != '-' && !findShort(spec, a[1]) && std::isdigit((unsigned char)a[1]))) {
            // A lone "-" or a negative number is a positional.
            out.addPositional(a);
            continue;
        }
        if (a == "--") {
            onlyPositionals = true;
            continue;
        }
        const OptionSpec* opt = nullptr;
        std::optional<std::string> inlineValue;
        if (a[1] == '-') {
            std::string name = a.substr(2);
            if (const auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name.resize(eq);
            }
            opt = findLong(spec, name);
            if (!opt) {
                return fail(argError("--" + name, "unknown option"));
            }
        } else {
            opt = findShort(spec, a[1]);
            if (!opt) {
                return fail(argError(a.substr(0, 2), "unknown option"));
            }
            if (a.size() > 2) {
                if (opt->valueName.empty()) {
                    return fail(argError(a, "-" + std::string(1, a[1]) + " takes no value"));
                }
                inlineValue = a.substr(2);
            }
        }
        const std::string shown = "--" + std::string(opt->name);
        if (opt->valueName.empty()) {
            if (inlineValue) {
                return fail(argError(shown, "takes no value"));
            }
            out.add(std::string(opt->name), "");
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                return fail(argError(shown, "needs a value (" + std::string(opt->valueName) + ")"));
            }
            inlineValue = args[++i];
        }
        out.add(std::string(opt->name), *inlineValue);
    }
    return out;
}

std::string helpText(const CommandSpec& spec) {
    std::string out = "usage: socklab-cli " + std::string(spec.name) + " " +
                      std::string(spec.synopsis) + "\n\n" + std::string(spec.summary) + "\n";
    out += "\noptions:\n";
    auto line = [&](const OptionSpec& o) {
        std::string left = "  ";
        left += o.shortName ? "-" + std::string(1, o.shortName) + ", " : "    ";
        left += "--" + std::string(o.name);
        if (!o.valueName.empty()) {
            left += " " + std::string(o.valueName);
        }
        if (left.size() < 28) {
            left.resize(28, ' ');
        } else {
            left += "\n" + std::string(28, ' ');
        }
        out += left + std::string(o.help) + "\n";
    };
    for (const auto& o : spec.options) {
        line(o);
    }
    line(kHelp);
    if (!spec.details.empty()) {
        out += "\n" + std::string(spec.details);
        if (out.back() != '\n') {
            out += "\n";
        }
    }
    return out;
}

Result<long long> parseInteger(std::string_view name, std::string_view text, long long min,
                               long long max) {
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec == std::errc::invalid_argument || ptr != text.data() + text.size()) {
        return fail(inputError("parse " + std::string(name), "\"" + std::string(text) + "\"",
                               "not an integer"));
    }
    if (ec == std::errc::result_out_of_range || v < min || v > max) {
        return fail(inputError("parse " + std::string(name), "\"" + std::string(text) + "\"",
                               "out of range " + std::to_string(min) + ".." + std::to_string(max)));
    }
    return v;
}

Result<int> intOption(const Args& args, std::string_view name, long long min, long long max,
                      int fallback) {
    const auto v = args.value(name);
    if (!v) {
        return fallback;
    }
    auto n = parseInteger("--" + std::string(name), *v, min, max);
    if (!n) {
        return fail(n.error());
    }
    return int(*n);
}

} // namespace socklab::cli
