#pragma once

// Translatable text in core, which never includes Qt.
//
// Core keeps English source strings. Two markers, both declared to lupdate (see
// ui/CMakeLists.txt, LUPDATE_OPTIONS -tr-function-alias), so its strings land in the .ts files:
//
//   SL_TR("socklab", "Connection refused")  -> std::string, looked up at run time through the
//       translator a front end installed (the GUI installs Qt's; socklab-cli installs none and
//       stays English). Use it where core composes a message a person reads.
//   SL_N("socklab", "Stream")               -> the literal itself (for constexpr tables). The
//       front end translates it where it shows it: socklab::translate("socklab", text).
//
// The context is always "socklab" so any marked string can be translated at the edge without
// knowing which module made it. Placeholders are %1..%9, filled by trArgs (a translation may
// reorder them). Never mark words that are parsed back (JSON keys, CLI words, option names,
// identifiers such as AF_INET or EPROTONOSUPPORT): they stay as they are in every language.

#include <concepts>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#define SL_TR(context, source) ::socklab::translate(context, source)
#define SL_N(context, source) source

namespace socklab {

/// Translator function: (context, English source) -> text in the user's language, or the
/// source itself when it has none. Called from any thread (the engine's too).
using Translator = std::function<std::string(std::string_view context, std::string_view source)>;

/// Installs the translator core's marked strings go through (empty = English). Meant to be
/// called once at start-up, before other threads run; the GUI calls it again when the user
/// switches language (the translator itself must then be thread-safe, as Qt's is).
void setTranslator(Translator translator);

/// True once a translator is installed.
[[nodiscard]] bool hasTranslator();

/// The source in the user's language (the source itself without a translator).
[[nodiscard]] std::string translate(std::string_view context, std::string_view source);

/// Replaces %1..%9 in text by args[0..8] in one pass (an argument containing "%2" stays as it
/// is). A placeholder without an argument, and a lone %, stay as they are.
[[nodiscard]] std::string substituteArgs(std::string_view text,
                                         std::initializer_list<std::string_view> args);

namespace detail {
template <class T> std::string argText(const T& value) {
    if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        return std::string(std::string_view(value));
    } else if constexpr (std::same_as<T, char>) {
        return std::string(1, value);
    } else {
        static_assert(std::is_integral_v<T>,
                      "trArgs takes text and integers; format other values yourself");
        return std::to_string(value);
    }
}
template <class... S> std::string substituteAll(std::string_view text, const S&... texts) {
    return substituteArgs(text, {std::string_view(texts)...});
}
} // namespace detail

/// trArgs(SL_TR("socklab", "listen %1: %2 connections"), address, count): text and integers
/// (as std::to_string prints them); format floating values yourself.
template <class... Args> [[nodiscard]] std::string trArgs(std::string_view text, const Args&... args) {
    return detail::substituteAll(text, detail::argText(args)...);
}

} // namespace socklab
