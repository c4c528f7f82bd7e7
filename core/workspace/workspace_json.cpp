#include "core/workspace/workspace_json.h"

#include "core/codec/text_encode.h"
#include "core/impair/impairment_text.h"
#include "core/net/multicast_group.h"
#include "core/workspace/json_reader.h"
#include "core/workspace/workspace_live_save.h"
#include "core/workspace/workspace_responders.h"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace socklab {

namespace {

using workspace_detail::Json;
using workspace_detail::kMaxMs;
using workspace_detail::loadOp;
using workspace_detail::Reader;

Status readSpecPart(const Reader& r, const Json& tab, std::string_view key,
                    const std::string& pointer, bool required, std::string_view what,
                    const CatalogEntry* (*lookup)(std::string_view), int& out) {
    std::string name;
    if (auto st = r.readString(tab, key, pointer, name, required); !st) {
        return st;
    }
    if (name.empty() && !required) {
        return {};
    }
    const CatalogEntry* entry = lookup(name);
    if (!entry) {
        return fail(r.fail(pointer + "/" + std::string(key), trArgs(what, name)));
    }
    out = entry->value;
    return {};
}

Status readOptions(const Reader& r, const Json& tab, const std::string& pointer,
                   std::vector<OptionSetting>& out) {
    const auto it = tab.find("options");
    if (it == tab.end()) {
        return {};
    }
    const std::string listPtr = pointer + "/options";
    if (!it->is_array()) {
        return fail(r.wrongType(listPtr, "array", *it));
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& item = (*it)[i];
        const std::string here = listPtr + "/" + std::to_string(i);
        if (auto st = r.requireObject(item, here, {"name", "value"}); !st) {
            return st;
        }
        std::string name;
        OptionSetting setting{};
        if (auto st = r.readString(item, "name", here, name, true); !st) {
            return st;
        }
        const OptionInfo* info = findOptionByName(name);
        if (!info) {
            return fail(
                r.fail(here + "/name", trArgs(SL_TR("socklab", "unknown option \"%1\""), name)));
        }
        setting.id = info->id;
        if (auto st = r.readInt(item, "value", here, setting.value, true); !st) {
            return st;
        }
        if (info->boolean && setting.value != 0 && setting.value != 1) {
            return fail(
                r.fail(here + "/value", trArgs(SL_TR("socklab", "option %1 takes 0 or 1, got %2"),
                                               info->cliName, setting.value)));
        }
        out.push_back(setting);
    }
    return {};
}

Status readMessages(const Reader& r, const Json& tab, const std::string& pointer,
                    std::vector<SavedMessage>& out) {
    const auto it = tab.find("messages");
    if (it == tab.end()) {
        return {};
    }
    const std::string listPtr = pointer + "/messages";
    if (!it->is_array()) {
        return fail(r.wrongType(listPtr, "array", *it));
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& item = (*it)[i];
        const std::string here = listPtr + "/" + std::to_string(i);
        if (auto st =
                r.requireObject(item, here, {"name", "mode", "content", "lineEnding", "fields"});
            !st) {
            return st;
        }
        SavedMessage msg;
        std::string mode = "text";
        std::string ending = "none";
        if (auto st = r.readString(item, "name", here, msg.name); !st) {
            return st;
        }
        if (auto st = r.readString(item, "mode", here, mode); !st) {
            return st;
        }
        if (!messageModeFromName(mode, msg.mode)) {
            return fail(r.fail(
                here + "/mode",
                trArgs(SL_TR("socklab", "unknown mode \"%1\" (expected text, hex or escapes)"),
                       mode)));
        }
        if (auto st = r.readString(item, "content", here, msg.content); !st) {
            return st;
        }
        if (auto st = r.readString(item, "lineEnding", here, ending); !st) {
            return st;
        }
        if (auto parsed = parseLineEnding(ending); parsed) {
            msg.lineEnding = *parsed;
        } else {
            return fail(r.fail(here + "/lineEnding",
                               trArgs(SL_TR("socklab", "unknown line ending \"%1\" (expected "
                                                       "none, lf, cr or crlf)"),
                                      ending)));
        }
        if (auto st = r.readBool(item, "fields", here, msg.fields); !st) {
            return st;
        }
        out.push_back(std::move(msg));
    }
    return {};
}

Status readMulticastGroups(const Reader& r, const Json& tab, const std::string& pointer, int family,
                           std::vector<MulticastGroup>& out) {
    const auto it = tab.find("multicastGroups");
    if (it == tab.end()) {
        return {};
    }
    const std::string listPtr = pointer + "/multicastGroups";
    if (!it->is_array()) {
        return fail(r.wrongType(listPtr, "array", *it));
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& item = (*it)[i];
        const std::string here = listPtr + "/" + std::to_string(i);
        if (auto st = r.requireObject(item, here, {"group", "interface"}); !st) {
            return st;
        }
        MulticastGroup g;
        if (auto st = r.readString(item, "group", here, g.group, true); !st) {
            return st;
        }
        if (auto ok = parseMulticastGroup(g.group, family, "join multicast"); !ok) {
            return fail(r.fail(here + "/group",
                               trArgs(SL_TR("socklab", "\"%1\": %2"), g.group, ok.error().detail)));
        }
        if (auto st = r.readString(item, "interface", here, g.interface); !st) {
            return st;
        }
        out.push_back(std::move(g));
    }
    return {};
}

Status readBurst(const Reader& r, const Json& m, const std::string& pointer, BurstLoss& out) {
    const auto it = m.find("burst");
    if (it == m.end()) {
        return {};
    }
    const std::string here = pointer + "/burst";
    if (auto st = r.requireObject(
            *it, here,
            {"goodToBadPercent", "badToGoodPercent", "lossGoodPercent", "lossBadPercent"});
        !st) {
        return st;
    }
    Status st = r.readNumber(*it, "goodToBadPercent", here, out.pGoodToBad, 0, 100);
    if (st) {
        st = r.readNumber(*it, "badToGoodPercent", here, out.pBadToGood, 0, 100);
    }
    if (st) {
        st = r.readNumber(*it, "lossGoodPercent", here, out.lossGood, 0, 100);
    }
    if (st) {
        st = r.readNumber(*it, "lossBadPercent", here, out.lossBad, 0, 100);
    }
    return st;
}

Status readImpairment(const Reader& r, const Json& relay, std::string_view key,
                      const std::string& pointer, Impairment& out) {
    const auto it = relay.find(key);
    if (it == relay.end()) {
        return {};
    }
    const std::string here = pointer + "/" + std::string(key);
    if (auto st = r.requireObject(*it, here,
                                  {"delayMs", "jitterMs", "rateBytesPerSec", "lossPercent", "burst",
                                   "duplicatePercent", "reorderPercent", "reorderDepth",
                                   "reorderTimeoutMs", "corruptPercent", "truncateBytes",
                                   "queueLimit", "segmentMin", "segmentMax", "coalesceMs", "stall",
                                   "resetAfterBytes", "slowCloseMs"});
        !st) {
        return st;
    }
    const Json& m = *it;
    constexpr auto kU64 = std::numeric_limits<std::uint64_t>::max();
    constexpr auto kSize = std::uint64_t(std::numeric_limits<std::size_t>::max());
    Status st = r.readCount(m, "delayMs", here, out.delay_ms, kMaxMs);
    const auto next = [&st](auto&& read) {
        if (st) {
            st = read();
        }
    };
    next([&] { return r.readCount(m, "jitterMs", here, out.jitter_ms, kMaxMs); });
    next([&] { return r.readCount(m, "rateBytesPerSec", here, out.rateBytesPerSec, kU64); });
    next([&] { return r.readNumber(m, "lossPercent", here, out.lossPercent, 0, 100); });
    next([&] { return readBurst(r, m, here, out.burst); });
    next([&] { return r.readNumber(m, "duplicatePercent", here, out.duplicatePercent, 0, 100); });
    next([&] { return r.readNumber(m, "reorderPercent", here, out.reorderPercent, 0, 100); });
    next([&] { return r.readCount(m, "reorderDepth", here, out.reorderDepth, 1'000'000); });
    next([&] { return r.readCount(m, "reorderTimeoutMs", here, out.reorderTimeout_ms, kMaxMs); });
    next([&] { return r.readNumber(m, "corruptPercent", here, out.corruptPercent, 0, 100); });
    next([&] { return r.readCount(m, "truncateBytes", here, out.truncateBytes, kSize); });
    next([&] { return r.readCount(m, "queueLimit", here, out.queueLimit, kSize); });
    next([&] { return r.readCount(m, "segmentMin", here, out.segmentMin, kSize); });
    next([&] { return r.readCount(m, "segmentMax", here, out.segmentMax, kSize); });
    next([&] { return r.readCount(m, "coalesceMs", here, out.coalesce_ms, kMaxMs); });
    next([&] { return r.readBool(m, "stall", here, out.stall); });
    next([&] { return r.readCount(m, "resetAfterBytes", here, out.resetAfterBytes, kU64); });
    next([&] { return r.readCount(m, "slowCloseMs", here, out.slowClose_ms, kMaxMs); });
    if (!st) {
        return st;
    }
    // Rules across fields (segmentMin <= segmentMax, depth >= 1...) are the impairment's own.
    if (auto valid = validate(out); !valid) {
        // "segments 9..2 is not a range ...": validate() names the field as its object.
        return fail(r.fail(here, valid.error().object + " " + valid.error().detail));
    }
    return {};
}

Status readRelay(const Reader& r, const Json& tab, const std::string& pointer, RelayConfig& out) {
    const auto it = tab.find("relay");
    if (it == tab.end()) {
        return {};
    }
    const std::string here = pointer + "/relay";
    if (auto st = r.requireObject(*it, here,
                                  {"toServer", "toClient", "seed", "holdToServer", "holdToClient",
                                   "idleTimeoutMs", "bufferBytes", "holdLimit"});
        !st) {
        return st;
    }
    const Json& j = *it;
    Status st = readImpairment(r, j, "toServer", here, out.toServer);
    const auto next = [&st](auto&& read) {
        if (st) {
            st = read();
        }
    };
    next([&] { return readImpairment(r, j, "toClient", here, out.toClient); });
    next([&] {
        return r.readCount(j, "seed", here, out.seed, std::numeric_limits<std::uint64_t>::max());
    });
    next([&] { return r.readBool(j, "holdToServer", here, out.holdToServer); });
    next([&] { return r.readBool(j, "holdToClient", here, out.holdToClient); });
    next([&] { return r.readCount(j, "idleTimeoutMs", here, out.idleTimeout_ms, kMaxMs); });
    next([&] { return r.readCount(j, "bufferBytes", here, out.bufferBytes, 1ull << 34); });
    next([&] { return r.readCount(j, "holdLimit", here, out.holdLimit, 10'000'000); });
    if (st && out.idleTimeout_ms == 0) {
        st = fail(r.fail(here + "/idleTimeoutMs",
                         SL_TR("socklab", "0: a mapping needs an idle timeout (ms > 0)")));
    }
    if (st && out.bufferBytes == 0) {
        st = fail(r.fail(here + "/bufferBytes",
                         SL_TR("socklab", "0: a relay needs a buffer (bytes > 0)")));
    }
    if (st && out.holdLimit == 0) {
        st = fail(r.fail(here + "/holdLimit",
                         SL_TR("socklab", "0: the hold queue needs room for a message (> 0)")));
    }
    return st;
}

// "encoding": an encodingName id (or a name encodingByName knows, for hand-written files).
Status readEncoding(const Reader& r, const Json& j, const std::string& pointer, TextEncoding& out) {
    std::string name;
    if (auto st = r.readString(j, "encoding", pointer, name); !st || !j.contains("encoding")) {
        return st;
    }
    if (const auto encoding = encodingByName(name)) {
        out = *encoding;
        return {};
    }
    std::string expected;
    for (TextEncoding e : allEncodings()) {
        expected += (expected.empty() ? "" : ", ") + std::string(encodingName(e));
    }
    return fail(
        r.fail(pointer + "/encoding",
               trArgs(SL_TR("socklab", "unknown encoding \"%1\" (expected %2)"), name, expected)));
}

// "unixMode": the octal text a user types ("0660"); missing = owner-only (0600).
Status readUnixMode(const Reader& r, const Json& j, const std::string& pointer,
                    std::uint32_t& out) {
    std::string text;
    if (auto st = r.readString(j, "unixMode", pointer, text); !st || !j.contains("unixMode")) {
        return st;
    }
    auto mode = parseUnixMode(text);
    if (!mode) {
        return fail(r.fail(pointer + "/unixMode", mode.error().detail));
    }
    out = *mode;
    return {};
}

// "sendQueue": a size as a user types it ("64k", "16M"); missing = the default (4 MiB).
Status readSendQueue(const Reader& r, const Json& j, const std::string& pointer, std::size_t& out) {
    std::string text;
    if (auto st = r.readString(j, "sendQueue", pointer, text); !st || !j.contains("sendQueue")) {
        return st;
    }
    auto limit = parseSendQueueLimit(text);
    if (!limit) {
        return fail(r.fail(pointer + "/sendQueue", limit.error().detail));
    }
    out = *limit;
    return {};
}

Result<WorkspaceTab> readTab(const Reader& r, const Json& j, const std::string& pointer) {
    if (auto st = r.requireObject(j, pointer,
                                  {"title", "family", "type", "protocol", "role", "local", "remote",
                                   "options", "echo", "responders", "messages", "destination",
                                   "multicastGroups", "relay", "encoding", "sequences", "liveSave",
                                   "unixMode", "sendQueue"});
        !st) {
        return fail(st.error());
    }
    WorkspaceTab tab;
    Status st = r.readString(j, "title", pointer, tab.title);
    if (st) {
        st = readSpecPart(r, j, "family", pointer, true, SL_TR("socklab", "unknown family \"%1\""),
                          &familyByName, tab.spec.family);
    }
    if (st) {
        st = readSpecPart(r, j, "type", pointer, true, SL_TR("socklab", "unknown type \"%1\""),
                          &typeByName, tab.spec.type);
    }
    if (st) {
        st = readSpecPart(r, j, "protocol", pointer, false,
                          SL_TR("socklab", "unknown protocol \"%1\""), &protocolByName,
                          tab.spec.protocol);
    }
    if (!st) {
        return fail(st.error());
    }
    std::string role;
    if (auto rs = r.readString(j, "role", pointer, role, true); !rs) {
        return fail(rs.error());
    }
    if (!roleFromName(role, tab.role)) {
        return fail(r.fail(pointer + "/role",
                           trArgs(SL_TR("socklab", "unknown role \"%1\" (expected connect, "
                                                   "listen, bind or relay)"),
                                  role)));
    }
    if (st) {
        st = r.readString(j, "local", pointer, tab.local);
    }
    if (st) {
        st = r.readString(j, "remote", pointer, tab.remote);
    }
    if (st) {
        st = readOptions(r, j, pointer, tab.options);
    }
    if (st) {
        st = readUnixMode(r, j, pointer, tab.unixMode);
    }
    if (st) {
        st = readSendQueue(r, j, pointer, tab.sendQueueBytes);
    }
    if (st) {
        st = workspace_detail::readResponders(r, j, pointer, tab.responders);
    }
    if (st) {
        st = workspace_detail::readSequences(r, j, pointer, tab.sequences);
    }
    if (st) {
        st = readMessages(r, j, pointer, tab.messages);
    }
    if (st) {
        st = r.readString(j, "destination", pointer, tab.destination);
    }
    if (st) {
        st = readEncoding(r, j, pointer, tab.encoding);
    }
    if (st) {
        st = readMulticastGroups(r, j, pointer, tab.spec.family, tab.multicastGroups);
    }
    if (st && j.contains("relay") && tab.role != Role::Relay) {
        st = fail(r.fail(pointer + "/relay",
                         SL_TR("socklab", "only a tab with role \"relay\" has relay settings")));
    }
    if (st) {
        st = readRelay(r, j, pointer, tab.relay);
    }
    if (st) {
        st = workspace_detail::readLiveSave(r, j, pointer, tab.liveSave);
    }
    if (!st) {
        return fail(st.error());
    }
    return tab;
}

Result<Workspace> readDocument(const Reader& r, const Json& doc) {
    if (!doc.is_object()) {
        return fail(r.wrongType("", "object", doc));
    }
    std::string format;
    if (auto st = r.readString(doc, "format", "", format, true); !st) {
        return fail(st.error());
    }
    if (format != kWorkspaceFormat) {
        return fail(r.fail("/format", trArgs(SL_TR("socklab", "not a SockLab workspace (format "
                                                              "\"%1\", expected \"%2\")"),
                                             format, kWorkspaceFormat)));
    }
    Workspace ws;
    if (auto st = r.readInt(doc, "version", "", ws.version, true); !st) {
        return fail(st.error());
    }
    if (ws.version != kWorkspaceVersion) {
        return fail(
            r.fail("/version",
                   trArgs(SL_TR("socklab", "unsupported version %1 (this build reads version %2)"),
                          ws.version, kWorkspaceVersion)));
    }
    if (auto st = r.requireObject(doc, "", {"format", "version", "selectedTab", "tabs"}); !st) {
        return fail(st.error());
    }
    const auto tabs = doc.find("tabs");
    if (tabs == doc.end()) {
        return fail(r.fail("/tabs", SL_TR("socklab", "missing")));
    }
    if (!tabs->is_array()) {
        return fail(r.wrongType("/tabs", "array", *tabs));
    }
    for (std::size_t i = 0; i < tabs->size(); ++i) {
        auto tab = readTab(r, (*tabs)[i], "/tabs/" + std::to_string(i));
        if (!tab) {
            return fail(tab.error());
        }
        ws.tabs.push_back(std::move(*tab));
    }
    if (auto st = r.readInt(doc, "selectedTab", "", ws.selectedTab); !st) {
        return fail(st.error());
    }
    const int count = int(ws.tabs.size());
    if (ws.selectedTab < 0 || (count > 0 && ws.selectedTab >= count) ||
        (count == 0 && ws.selectedTab != 0)) {
        return fail(r.fail("/selectedTab", trArgs(SL_TR("socklab", "%1 out of range (%2 tabs)"),
                                                  ws.selectedTab, count)));
    }
    return ws;
}

// nlohmann reports the byte index of the last character it read (1-based); people want
// line:column, counted from 1.
std::pair<std::size_t, std::size_t> lineColumn(std::string_view text, std::size_t byte) {
    const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
    std::size_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, end - lineStart + 1};
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
// "syntax error ...": our own position replaces theirs.
std::string parseReason(const char* what) {
    std::string_view w(what);
    const auto pe = w.find("parse error");
    if (pe != std::string_view::npos) {
        const auto colon = w.find(": ", pe);
        if (colon != std::string_view::npos) {
            return std::string(w.substr(colon + 2));
        }
    }
    return std::string(w);
}

} // namespace

Result<Workspace> parseWorkspace(std::string_view json, std::string_view source) {
    const Reader reader(source);
    try {
        const Json doc = Json::parse(json.begin(), json.end());
        return readDocument(reader, doc);
    } catch (const Json::parse_error& e) {
        const auto [line, column] = lineColumn(json, e.byte);
        return fail(inputError(loadOp(), std::string(source),
                               trArgs(SL_TR("socklab", "line %1, column %2: %3"), line, column,
                                      parseReason(e.what()))));
    } catch (const std::exception& e) {
        return fail(inputError(loadOp(), std::string(source), e.what()));
    }
}

Result<Workspace> loadWorkspace(const std::string& path) {
    // An ifstream opens a directory and reads nothing: name the real cause instead of a JSON
    // syntax error about an empty file.
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        return fail(sysError(EISDIR, loadOp(), path));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno ? errno : ENOENT; // read before the translator runs
        return fail(sysError(err, loadOp(), path));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        const int err = errno ? errno : EIO; // read before the translator runs
        return fail(sysError(err, loadOp(), path));
    }
    return parseWorkspace(text.str(), path);
}

} // namespace socklab
