// --save FILE [--save-format pcapng|text] [--rotate SIZE] [--save-keep N]: the continuous save
// of listen, connect, unix and udp (core/capture/live_save does the writing).
#include "app/cli/common.h"

namespace socklab::cli {

namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "parse --rotate \"5x\": ..." as intOption words it.
Error optionError(std::string_view option, const std::string& value, std::string detail) {
    return inputError("parse --" + std::string(option), value.empty() ? "" : "\"" + value + "\"",
                      std::move(detail));
}

} // namespace

Result<std::optional<LiveSaveSettings>> saveFromArgs(const Args& args, const SocketSpec& spec) {
    const auto path = args.value("save");
    if (!path) {
        for (const char* companion : {"save-format", "rotate", "save-keep"}) {
            if (args.has(companion)) {
                return fail(optionError(companion, {}, "needs --save FILE"));
            }
        }
        return std::optional<LiveSaveSettings>{};
    }
    LiveSaveSettings settings;
    settings.path = *path;
    if (settings.path.empty()) {
        return fail(optionError("save", {}, "expected a file name"));
    }
    // Without --save-format the name says it: a .log or .txt file is a text log.
    if (endsWith(settings.path, ".log") || endsWith(settings.path, ".txt")) {
        settings.format = LiveSaveFormat::TextLog;
    }
    if (const auto format = args.value("save-format")) {
        const auto parsed = liveSaveFormatFromName(*format);
        if (!parsed) {
            return fail(optionError("save-format", *format, "expected pcapng or text"));
        }
        settings.format = *parsed;
    }
    if (const auto rotate = args.value("rotate")) {
        const auto size = parseByteSize(*rotate);
        if (!size) {
            return fail(optionError("rotate", *rotate, size.error().detail));
        }
        settings.rotateBytes = *size;
    }
    if (args.has("save-keep")) {
        if (settings.rotateBytes == 0) {
            return fail(optionError("save-keep", {}, "needs --rotate SIZE (one file is all)"));
        }
        const auto keep = intOption(args, "save-keep", 1, kMaxLiveSaveFiles, 0);
        if (!keep) {
            return fail(keep.error());
        }
        settings.maxFiles = static_cast<std::uint32_t>(*keep);
    }
    if (settings.rotateBytes > 0 && settings.rotateBytes < kMinRotateBytes) {
        return fail(
            optionError("rotate", *args.value("rotate"),
                        "below the smallest rotation size, " + byteSizeText(kMinRotateBytes)));
    }
    if (auto options = liveSaveOptionsFor(settings, spec); !options) {
        // Only pcapng of a Unix-domain socket is left to refuse here.
        return fail(optionError("save-format", std::string(liveSaveFormatName(settings.format)),
                                options.error().detail + " (--save-format text)"));
    }
    return std::optional<LiveSaveSettings>(std::move(settings));
}

} // namespace socklab::cli
