#include "core/workspace/workspace_live_save.h"

namespace socklab::workspace_detail {

void writeLiveSave(Json& tab, const std::optional<LiveSaveSettings>& settings) {
    if (!settings) {
        return;
    }
    tab["liveSave"] = Json{{"path", settings->path},
                           {"format", std::string(liveSaveFormatName(settings->format))},
                           {"rotateBytes", settings->rotateBytes},
                           {"maxFiles", settings->maxFiles}};
}

Status readLiveSave(const Reader& r, const Json& tab, const std::string& pointer,
                    std::optional<LiveSaveSettings>& out) {
    const auto it = tab.find("liveSave");
    if (it == tab.end()) {
        return {};
    }
    const std::string here = pointer + "/liveSave";
    if (auto st = r.requireObject(*it, here, {"path", "format", "rotateBytes", "maxFiles"}); !st) {
        return st;
    }
    LiveSaveSettings settings;
    if (auto st = r.readString(*it, "path", here, settings.path, true); !st) {
        return st;
    }
    std::string format(liveSaveFormatName(settings.format));
    if (auto st = r.readString(*it, "format", here, format); !st) {
        return st;
    }
    const auto parsed = liveSaveFormatFromName(format);
    if (!parsed) {
        return fail(r.fail(
            here + "/format",
            trArgs(SL_TR("socklab", "unknown format \"%1\" (expected pcapng or text)"), format)));
    }
    settings.format = *parsed;
    if (auto st = r.readCount(*it, "rotateBytes", here, settings.rotateBytes, 1ull << 50); !st) {
        return st;
    }
    if (auto st = r.readCount(*it, "maxFiles", here, settings.maxFiles, kMaxLiveSaveFiles); !st) {
        return st;
    }
    if (auto ok = checkLiveSaveSettings(settings); !ok) {
        return fail(r.fail(here, ok.error().detail));
    }
    out = std::move(settings);
    return {};
}

} // namespace socklab::workspace_detail
