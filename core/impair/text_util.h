#pragma once

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace socklab::impair_detail {

/// text without leading and trailing blanks.
inline std::string_view trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return text;
}

/// ASCII lower case.
inline std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// A non-negative decimal number at the start of text ("2.5", ".5", "10"), locale-independent;
/// rest gets what follows it. No sign, no exponent, no inf/nan.
inline std::optional<double> leadingNumber(std::string_view text, std::string_view& rest) {
    std::size_t n = 0;
    bool digits = false;
    bool dot = false;
    while (n < text.size()) {
        const char c = text[n];
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
        ++n;
    }
    if (!digits) {
        return std::nullopt;
    }
    double value = 0;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + n, value, std::chars_format::fixed);
    if (ec != std::errc{} || end != text.data() + n || !std::isfinite(value)) {
        return std::nullopt;
    }
    rest = text.substr(n);
    return value;
}

/// value with at most `decimals` decimals, trailing zeros dropped: "1.5", "512", "0.25".
inline std::string decimalText(double value, int decimals) {
    char buf[64];
    const auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    std::string out(buf, ec == std::errc{} ? end : buf);
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') {
            out.pop_back();
        }
        if (out.back() == '.') {
            out.pop_back();
        }
    }
    return out;
}

} // namespace socklab::impair_detail
