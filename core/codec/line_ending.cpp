#include "core/codec/line_ending.h"

#include "core/base/translate.h"
#include "core/codec/codec_util.h"

#include <array>

namespace socklab {

namespace {

struct EndingInfo {
    LineEnding ending;
    std::string_view name;
    std::string_view chars;
};

constexpr std::array<EndingInfo, 4> kEndings{{
    {LineEnding::None, "none", ""},
    {LineEnding::Lf, "lf", "\n"},
    {LineEnding::Cr, "cr", "\r"},
    {LineEnding::CrLf, "crlf", "\r\n"},
}};

const EndingInfo& info(LineEnding ending) {
    for (const auto& e : kEndings) {
        if (e.ending == ending) {
            return e;
        }
    }
    return kEndings[0];
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string_view lineEndingChars(LineEnding ending) {
    return info(ending).chars;
}

std::string_view lineEndingName(LineEnding ending) {
    return info(ending).name;
}

Result<LineEnding> parseLineEnding(std::string_view name) {
    for (const auto& e : kEndings) {
        if (equalsIgnoreCase(name, e.name)) {
            return e.ending;
        }
    }
    return fail(inputError(SL_TR("socklab", "parse line ending"), codec_detail::quotedInput(name),
                           SL_TR("socklab", "expected none, lf, cr or crlf")));
}

std::string applyLineEnding(std::string_view text, LineEnding ending, bool appendFinal) {
    if (ending == LineEnding::None) {
        return std::string(text);
    }
    const std::string_view eol = lineEndingChars(ending);
    std::string out;
    out.reserve(text.size() + eol.size() * 4);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            out += eol;
        } else if (text[i] == '\n') {
            out += eol;
        } else {
            out += text[i];
        }
    }
    if (appendFinal) {
        out += eol;
    }
    return out;
}

} // namespace socklab
