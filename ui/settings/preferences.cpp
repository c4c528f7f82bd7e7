#include "ui/settings/preferences.h"

#include "core/capture/spill_file.h"
#include "ui/i18n/language.h"

#include <QCoreApplication>
#include <QSettings>

namespace socklab::ui {

namespace {

constexpr auto kMemoryCap = "preferences/captureMemoryMiB";
constexpr auto kPolicy = "preferences/capturePolicy";
constexpr auto kDiskCap = "preferences/captureDiskGiB";
constexpr auto kSpillDir = "preferences/spillDir";
constexpr auto kLanguage = "preferences/language";

constexpr auto kSpill = "spill";
constexpr auto kDropOldest = "dropOldest";

int boundedInt(const QSettings& s, const char* key, int fallback, int lo, int hi) {
    bool ok = false;
    const int v = s.value(key, fallback).toInt(&ok);
    return ok && v >= lo && v <= hi ? v : fallback;
}

// lupdate files tr() outside a class under the enclosing namespace: the same context here.
QString tr(const char* text) {
    return QCoreApplication::translate("socklab::ui", text);
}

} // namespace

Preferences loadPreferences() {
    const QSettings s;
    Preferences p;
    p.memoryCapMiB = boundedInt(s, kMemoryCap, p.memoryCapMiB, Preferences::kMinMemoryMiB,
                                Preferences::kMaxMemoryMiB);
    p.diskCapGiB =
        boundedInt(s, kDiskCap, p.diskCapGiB, Preferences::kMinDiskGiB, Preferences::kMaxDiskGiB);
    const QString policy = s.value(kPolicy, QString::fromLatin1(kSpill)).toString();
    p.policy =
        policy == QLatin1String(kDropOldest) ? OverflowPolicy::DropOldest : OverflowPolicy::Spill;
    p.spillDir = s.value(kSpillDir).toString();
    const QString language = s.value(kLanguage).toString();
    for (const auto& choice : availableLanguages()) {
        if (choice.code == language) {
            p.language = language;
        }
    }
    return p;
}

QString savePreferences(const Preferences& p) {
    QSettings s;
    s.setValue(kMemoryCap, p.memoryCapMiB);
    s.setValue(kDiskCap, p.diskCapGiB);
    s.setValue(kPolicy,
               QString::fromLatin1(p.policy == OverflowPolicy::DropOldest ? kDropOldest : kSpill));
    s.setValue(kSpillDir, p.spillDir);
    s.setValue(kLanguage, p.language);
    s.sync();
    switch (s.status()) {
    case QSettings::NoError:
        return {};
    case QSettings::AccessError:
        return tr("save preferences %1: cannot write the file (access denied or read-only)")
            .arg(s.fileName());
    case QSettings::FormatError:
        return tr("save preferences %1: the file is malformed").arg(s.fileName());
    }
    return {};
}

TrafficStore::Config storeConfig(const Preferences& p) {
    TrafficStore::Config c;
    c.memoryCapBytes = std::size_t(p.memoryCapMiB) << 20;
    c.policy = p.policy;
    c.diskCapBytes = std::uint64_t(p.diskCapGiB) << 30;
    c.spillDir = p.spillDir.toStdString();
    return c;
}

QString spillDirProblem(const QString& dir) {
    // core tries a spill file there: the check is the real thing, worded as a spill error.
    const Status ok = checkSpillDirectory(dir.toStdString());
    return ok ? QString() : QString::fromStdString(ok.error().message());
}

QString spillDirTypedProblem(const QString& dir) {
    const Status ok = checkSpillDirectoryTyped(dir.toStdString());
    return ok ? QString() : QString::fromStdString(ok.error().message());
}

} // namespace socklab::ui
