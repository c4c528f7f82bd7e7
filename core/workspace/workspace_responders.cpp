#include "core/workspace/workspace_responders.h"

#include <array>
#include <limits>

namespace socklab::workspace_detail {

namespace {

struct MatchName {
    MatchKind kind;
    std::string_view name;
};
// Document names: stable identifiers, not the user-facing texts of matchKindName().
constexpr std::array<MatchName, 5> kMatchNames{{{MatchKind::Any, "any"},
                                                {MatchKind::Contains, "contains"},
                                                {MatchKind::StartsWith, "startsWith"},
                                                {MatchKind::Regex, "regex"},
                                                {MatchKind::HexPattern, "hexPattern"}}};

std::string_view matchDocName(MatchKind kind) {
    for (const MatchName& m : kMatchNames) {
        if (m.kind == kind) {
            return m.name;
        }
    }
    return "contains";
}

Json ruleToJson(const ResponderRule& rule) {
    return Json{{"name", rule.name},
                {"enabled", rule.enabled},
                {"match", std::string(matchDocName(rule.match))},
                {"pattern", rule.pattern},
                {"reply", rule.reply},
                {"replySyntax", rule.replySyntax == TemplateSyntax::Hex ? "hex" : "text"},
                {"delayMs", rule.delayMs},
                {"once", rule.once}};
}

Status readRule(const Reader& r, const Json& j, const std::string& here, std::size_t index,
                ResponderRule& rule) {
    if (auto st = r.requireObject(
            j, here,
            {"name", "enabled", "match", "pattern", "reply", "replySyntax", "delayMs", "once"});
        !st) {
        return st;
    }
    std::string match = "contains";
    std::string syntax = "text";
    Status st = r.readString(j, "name", here, rule.name);
    const auto next = [&st](auto&& read) {
        if (st) {
            st = read();
        }
    };
    next([&] { return r.readBool(j, "enabled", here, rule.enabled); });
    next([&] { return r.readString(j, "match", here, match); });
    next([&] { return r.readString(j, "pattern", here, rule.pattern); });
    next([&] { return r.readString(j, "reply", here, rule.reply); });
    next([&] { return r.readString(j, "replySyntax", here, syntax); });
    next([&] { return r.readCount(j, "delayMs", here, rule.delayMs, kMaxMs); });
    next([&] { return r.readBool(j, "once", here, rule.once); });
    if (!st) {
        return st;
    }
    bool known = false;
    for (const MatchName& m : kMatchNames) {
        if (m.name == match) {
            rule.match = m.kind;
            known = true;
        }
    }
    if (!known) {
        return fail(r.fail(here + "/match",
                           trArgs(SL_TR("socklab", "unknown match \"%1\" (expected any, contains, "
                                                   "startsWith, regex or hexPattern)"),
                                  match)));
    }
    if (syntax != "text" && syntax != "hex") {
        return fail(r.fail(
            here + "/replySyntax",
            trArgs(SL_TR("socklab", "unknown syntax \"%1\" (expected text or hex)"), syntax)));
    }
    rule.replySyntax = syntax == "hex" ? TemplateSyntax::Hex : TemplateSyntax::Text;
    if (auto ok = validateRule(rule, index); !ok) {
        return fail(r.fail(here, ok.error().detail));
    }
    return {};
}

} // namespace

void writeResponders(Json& tab, const ResponderConfig& config) {
    if (config.empty()) {
        return;
    }
    if (config.isEcho()) {
        tab["echo"] = true;
        return;
    }
    Json j = Json::object();
    j["framing"] = formatFraming(config.framing);
    j["halfCloseWithPeer"] = config.halfCloseWithPeer;
    j["rules"] = Json::array();
    for (const ResponderRule& rule : config.rules) {
        j["rules"].push_back(ruleToJson(rule));
    }
    tab["responders"] = std::move(j);
}

Status readResponders(const Reader& r, const Json& tab, const std::string& pointer,
                      ResponderConfig& out) {
    bool echo = false;
    if (auto st = r.readBool(tab, "echo", pointer, echo); !st) {
        return st;
    }
    const auto it = tab.find("responders");
    if (it == tab.end()) {
        out = echo ? ResponderConfig::echo() : ResponderConfig{};
        return {};
    }
    const std::string here = pointer + "/responders";
    if (echo) {
        return fail(
            r.fail(pointer + "/echo",
                   SL_TR("socklab", "a tab has either \"echo\" or \"responders\" (echo is a "
                                    "responder rule)")));
    }
    if (auto st = r.requireObject(*it, here, {"framing", "halfCloseWithPeer", "rules"}); !st) {
        return st;
    }
    ResponderConfig config;
    std::string framing = "raw";
    Status st = r.readString(*it, "framing", here, framing);
    if (st) {
        st = r.readBool(*it, "halfCloseWithPeer", here, config.halfCloseWithPeer);
    }
    if (!st) {
        return st;
    }
    auto spec = parseFraming(framing);
    if (!spec) {
        return fail(r.fail(here + "/framing", spec.error().detail));
    }
    config.framing = *spec;
    const auto rules = it->find("rules");
    if (rules != it->end()) {
        if (!rules->is_array()) {
            return fail(r.wrongType(here + "/rules", "array", *rules));
        }
        for (std::size_t i = 0; i < rules->size(); ++i) {
            ResponderRule rule;
            if (auto rs =
                    readRule(r, (*rules)[i], here + "/rules/" + std::to_string(i), i + 1, rule);
                !rs) {
                return rs;
            }
            config.rules.push_back(std::move(rule));
        }
    }
    out = std::move(config);
    return {};
}

void writeSequences(Json& tab, const std::vector<Sequence>& sequences) {
    if (sequences.empty()) {
        return;
    }
    Json list = Json::array();
    for (const Sequence& seq : sequences) {
        Json steps = Json::array();
        const std::string text = formatSequenceText(seq);
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t nl = text.find('\n', start);
            steps.push_back(text.substr(start, nl - start));
            start = nl + 1;
        }
        list.push_back(Json{{"name", seq.name}, {"steps", std::move(steps)}});
    }
    tab["sequences"] = std::move(list);
}

Status readSequences(const Reader& r, const Json& tab, const std::string& pointer,
                     std::vector<Sequence>& out) {
    const auto it = tab.find("sequences");
    if (it == tab.end()) {
        return {};
    }
    const std::string here = pointer + "/sequences";
    if (!it->is_array()) {
        return fail(r.wrongType(here, "array", *it));
    }
    std::vector<Sequence> sequences;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& j = (*it)[i];
        const std::string at = here + "/" + std::to_string(i);
        if (auto st = r.requireObject(j, at, {"name", "steps"}); !st) {
            return st;
        }
        std::string name;
        if (auto st = r.readString(j, "name", at, name); !st) {
            return st;
        }
        // As the GUI and the CLI name sequences: a blank name gets one, a bad one is refused.
        if (name.find_first_not_of(' ') == std::string::npos) {
            name = trArgs(SL_TR("socklab", "sequence %1"), i + 1);
        } else if (const Status named = checkSequenceName(name); !named) {
            return fail(r.fail(at + "/name", named.error().detail));
        }
        const auto steps = j.find("steps");
        if (steps == j.end() || !steps->is_array()) {
            return fail(steps == j.end() ? r.fail(at + "/steps", SL_TR("socklab", "missing"))
                                         : r.wrongType(at + "/steps", "array", *steps));
        }
        std::string text;
        for (std::size_t k = 0; k < steps->size(); ++k) {
            const Json& line = (*steps)[k];
            if (!line.is_string()) {
                return fail(r.wrongType(at + "/steps/" + std::to_string(k), "string", line));
            }
            // One step per element: a line break inside would hide a second step.
            if (line.get<std::string>().find('\n') != std::string::npos) {
                return fail(r.fail(at + "/steps/" + std::to_string(k),
                                   SL_TR("socklab", "one step per line (write a line break as "
                                                    "\\n)")));
            }
            text += line.get<std::string>() + "\n";
        }
        auto seq = parseSequenceText(text, name);
        if (!seq) {
            return fail(r.fail(at + "/steps", seq.error().detail));
        }
        sequences.push_back(std::move(*seq));
    }
    out = std::move(sequences);
    return {};
}

} // namespace socklab::workspace_detail
