#include "core/base/translate.h"
#include "core/base/unique_fd.h"
#include "core/codec/text_encode.h"
#include "core/workspace/workspace_json.h"
#include "core/workspace/workspace_live_save.h"
#include "core/workspace/workspace_responders.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

namespace socklab {

namespace {

using Json = nlohmann::ordered_json;

template <class Lookup> std::string specName(int value, const CatalogEntry* entry, Lookup byName) {
    // Only write the symbolic name when reading it back gives the same number.
    if (entry) {
        const CatalogEntry* back = byName(entry->name);
        if (back && back->value == value) {
            return std::string(entry->name);
        }
    }
    return std::to_string(value);
}

Json toJson(const Impairment& m) {
    // Every field, so a file shows what can be set; readers take missing keys as defaults.
    return Json{{"delayMs", m.delay_ms},
                {"jitterMs", m.jitter_ms},
                {"rateBytesPerSec", m.rateBytesPerSec},
                {"lossPercent", m.lossPercent},
                {"burst", Json{{"goodToBadPercent", m.burst.pGoodToBad},
                               {"badToGoodPercent", m.burst.pBadToGood},
                               {"lossGoodPercent", m.burst.lossGood},
                               {"lossBadPercent", m.burst.lossBad}}},
                {"duplicatePercent", m.duplicatePercent},
                {"reorderPercent", m.reorderPercent},
                {"reorderDepth", m.reorderDepth},
                {"reorderTimeoutMs", m.reorderTimeout_ms},
                {"corruptPercent", m.corruptPercent},
                {"truncateBytes", m.truncateBytes},
                {"queueLimit", m.queueLimit},
                {"segmentMin", m.segmentMin},
                {"segmentMax", m.segmentMax},
                {"coalesceMs", m.coalesce_ms},
                {"stall", m.stall},
                {"resetAfterBytes", m.resetAfterBytes},
                {"slowCloseMs", m.slowClose_ms}};
}

Json toJson(const RelayConfig& r) {
    return Json{{"toServer", toJson(r.toServer)},
                {"toClient", toJson(r.toClient)},
                {"seed", r.seed},
                {"holdToServer", r.holdToServer},
                {"holdToClient", r.holdToClient},
                {"idleTimeoutMs", r.idleTimeout_ms},
                {"bufferBytes", r.bufferBytes},
                {"holdLimit", r.holdLimit}};
}

Json toJson(const WorkspaceTab& tab) {
    Json j = Json::object();
    j["title"] = tab.title;
    j["family"] = specName(tab.spec.family, findFamily(tab.spec.family), &familyByName);
    j["type"] = specName(tab.spec.type, findType(tab.spec.type), &typeByName);
    j["protocol"] = specName(tab.spec.protocol, findProtocol(tab.spec.protocol), &protocolByName);
    j["role"] = std::string(roleName(tab.role));
    j["local"] = tab.local;
    j["remote"] = tab.remote;
    // Written only when not the default, so files stay as older builds wrote them.
    if (tab.unixMode != kDefaultUnixMode) {
        j["unixMode"] = formatUnixMode(tab.unixMode);
    }
    if (tab.sendQueueBytes != 0) {
        j["sendQueue"] = sendQueueLimitText(tab.sendQueueBytes);
    }
    j["options"] = Json::array();
    for (const OptionSetting& o : tab.options) {
        const OptionInfo* info = findOption(o.id);
        j["options"].push_back(
            Json{{"name", info ? std::string(info->cliName) : std::to_string(int(o.id))},
                 {"value", o.value}});
    }
    workspace_detail::writeResponders(j, tab.responders);
    workspace_detail::writeSequences(j, tab.sequences);
    j["messages"] = Json::array();
    for (const SavedMessage& m : tab.messages) {
        Json message{{"name", m.name},
                     {"mode", std::string(messageModeName(m.mode))},
                     {"content", m.content},
                     {"lineEnding", std::string(lineEndingName(m.lineEnding))}};
        // Written only when set, so files without fields stay as older builds wrote them.
        if (m.fields) {
            message["fields"] = true;
        }
        j["messages"].push_back(std::move(message));
    }
    j["destination"] = tab.destination;
    // Written only when not UTF-8, so files of UTF-8 tabs stay as older builds wrote them.
    if (tab.encoding != TextEncoding::Utf8) {
        j["encoding"] = std::string(encodingName(tab.encoding));
    }
    // Written only when there are groups, so files without them stay as older builds wrote them.
    if (!tab.multicastGroups.empty()) {
        j["multicastGroups"] = Json::array();
        for (const MulticastGroup& g : tab.multicastGroups) {
            j["multicastGroups"].push_back(Json{{"group", g.group}, {"interface", g.interface}});
        }
    }
    // Relay tabs only: other tabs are written as before relays existed.
    if (tab.role == Role::Relay) {
        j["relay"] = toJson(tab.relay);
    }
    workspace_detail::writeLiveSave(j, tab.liveSave);
    return j;
}

} // namespace

std::string serializeWorkspace(const Workspace& workspace) {
    Json doc = Json::object();
    doc["format"] = std::string(kWorkspaceFormat);
    doc["version"] = kWorkspaceVersion;
    doc["selectedTab"] = workspace.selectedTab;
    doc["tabs"] = Json::array();
    for (const WorkspaceTab& tab : workspace.tabs) {
        doc["tabs"].push_back(toJson(tab));
    }
    // Replace invalid UTF-8 instead of throwing: a title typed in another encoding must not
    // make the whole workspace unsavable.
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Status saveWorkspace(const Workspace& workspace, const std::string& path) {
    const std::string op = SL_TR("socklab", "save workspace");
    std::string text;
    try {
        text = serializeWorkspace(workspace);
    } catch (const std::exception& e) {
        return fail(inputError(op, path, e.what()));
    }
    std::string tmp = path + ".XXXXXX";
    UniqueFd fd(::mkstemp(tmp.data()));
    if (!fd) {
        const int err = errno; // read before the translator runs
        return fail(sysError(err, op, path, SL_TR("socklab", "create temporary file")));
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd.get(), text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            return fail(sysError(err, op, path));
        }
        done += std::size_t(n);
    }
    // mkstemp creates 0600; a workspace is an ordinary document.
    ::fchmod(fd.get(), 0644);
    const int syncErr = ::fsync(fd.get()) != 0 ? errno : 0;
    const int closeErr = fd.close();
    if (syncErr != 0 || closeErr != 0) {
        const int err = syncErr != 0 ? syncErr : closeErr;
        ::unlink(tmp.c_str());
        return fail(sysError(err, op, path));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return fail(sysError(err, op, path, "rename"));
    }
    return {};
}

} // namespace socklab
