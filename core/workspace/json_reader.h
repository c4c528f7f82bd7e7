#pragma once

// Internal to core/workspace: the JSON reader shared by the workspace document's parts (not a
// public API).

#include "core/base/error.h"
#include "core/base/result.h"
#include "core/base/translate.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

namespace socklab::workspace_detail {

using Json = nlohmann::ordered_json;

/// The operation of every load error: "load workspace", in the user's language.
inline std::string loadOp() {
    return SL_TR("socklab", "load workspace");
}
/// The longest duration a document may give in milliseconds: an hour, as parseDurationMs accepts.
constexpr int kMaxMs = 3'600'000;

// Every semantic check reports the JSON pointer of the offending value, so a user can find it
// in a long file; the root has no pointer text, so it gets a word instead.
class Reader {
public:
    explicit Reader(std::string_view source) : m_source(source) {}

    Error fail(const std::string& pointer, const std::string& what) const {
        return inputError(loadOp(), m_source,
                          (pointer.empty() ? SL_TR("socklab", "(root)") : pointer) + ": " + what);
    }

    Error wrongType(const std::string& pointer, std::string_view expected, const Json& j) const {
        // The JSON type names stay as JSON spells them.
        return fail(pointer, trArgs(SL_TR("socklab", "expected %1, got %2"), expected,
                                    std::string_view(j.type_name())));
    }

    Status requireObject(const Json& j, const std::string& pointer,
                         std::initializer_list<std::string_view> allowed) const {
        if (!j.is_object()) {
            return socklab::fail(wrongType(pointer, "object", j));
        }
        for (const auto& [key, value] : j.items()) {
            bool known = false;
            for (std::string_view a : allowed) {
                known = known || a == key;
            }
            if (!known) {
                return socklab::fail(
                    fail(pointer + "/" + escape(key), SL_TR("socklab", "unknown key")));
            }
        }
        return {};
    }

    /// Missing optional keys leave out untouched.
    Status readString(const Json& obj, std::string_view key, const std::string& pointer,
                      std::string& out, bool required = false) const {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            return missing(pointer, key, required);
        }
        if (!it->is_string()) {
            return socklab::fail(wrongType(pointer + "/" + std::string(key), "string", *it));
        }
        out = it->get<std::string>();
        return {};
    }

    Status readBool(const Json& obj, std::string_view key, const std::string& pointer,
                    bool& out) const {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            return {};
        }
        if (!it->is_boolean()) {
            return socklab::fail(wrongType(pointer + "/" + std::string(key), "boolean", *it));
        }
        out = it->get<bool>();
        return {};
    }

    Status readInt(const Json& obj, std::string_view key, const std::string& pointer, int& out,
                   bool required = false) const {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            return missing(pointer, key, required);
        }
        const std::string here = pointer + "/" + std::string(key);
        if (!it->is_number_integer()) {
            return socklab::fail(wrongType(here, "integer", *it));
        }
        // Unsigned values above INT64_MAX would wrap in get<int64_t>, so check them first.
        if (it->is_number_unsigned() &&
            it->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<int>::max())) {
            return socklab::fail(fail(here, SL_TR("socklab", "integer out of range")));
        }
        const auto v = it->get<std::int64_t>();
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
            return socklab::fail(fail(here, SL_TR("socklab", "integer out of range")));
        }
        out = int(v);
        return {};
    }

    /// A number in [min, max] (integers are numbers too).
    Status readNumber(const Json& obj, std::string_view key, const std::string& pointer,
                      double& out, double min, double max) const {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            return {};
        }
        const std::string here = pointer + "/" + std::string(key);
        if (!it->is_number()) {
            return socklab::fail(wrongType(here, "number", *it));
        }
        const double v = it->get<double>();
        if (!(v >= min && v <= max)) { // also refuses NaN
            return socklab::fail(fail(here, trArgs(SL_TR("socklab", "%1 out of range (%2..%3)"),
                                                   it->dump(), plain(min), plain(max))));
        }
        out = v;
        return {};
    }

    /// A non-negative integer up to max.
    template <class T>
    Status readCount(const Json& obj, std::string_view key, const std::string& pointer, T& out,
                     std::uint64_t max) const {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            return {};
        }
        const std::string here = pointer + "/" + std::string(key);
        if (!it->is_number_integer()) {
            return socklab::fail(wrongType(here, "integer", *it));
        }
        if (!it->is_number_unsigned() || it->get<std::uint64_t>() > max) {
            return socklab::fail(
                fail(here, trArgs(SL_TR("socklab", "%1 out of range (0..%2)"), it->dump(), max)));
        }
        out = static_cast<T>(it->get<std::uint64_t>());
        return {};
    }

    static std::string plain(double v) {
        std::ostringstream out;
        out << v;
        return out.str();
    }

    static std::string escape(std::string_view key) {
        std::string out;
        for (char c : key) {
            if (c == '~') {
                out += "~0";
            } else if (c == '/') {
                out += "~1";
            } else {
                out += c;
            }
        }
        return out;
    }

private:
    Status missing(const std::string& pointer, std::string_view key, bool required) const {
        if (required) {
            return socklab::fail(
                fail(pointer + "/" + std::string(key), SL_TR("socklab", "missing")));
        }
        return {};
    }

    std::string m_source;
};

} // namespace socklab::workspace_detail
