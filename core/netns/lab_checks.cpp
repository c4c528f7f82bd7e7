#include "core/netns/lab_checks.h"

#include "core/base/error.h"

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace socklab {

namespace {

/// The integer in a sysctl file; nullopt when it does not exist (the kernel has no such knob).
std::optional<long> readSysctl(const std::string& path) {
    std::ifstream in(path);
    long value = 0;
    if (!in || !(in >> value)) {
        return std::nullopt;
    }
    return value;
}

LabCheck userNamespaces(const LabConfig& config) {
    LabCheck check{"user namespaces", true, "available", {}};
    const std::string sys = config.procRoot + "/sys/";
    if (const auto max = readSysctl(sys + "user/max_user_namespaces"); max && *max <= 0) {
        check.ok = false;
        check.detail = "user.max_user_namespaces is " + std::to_string(*max);
        check.remedy = "allow user namespaces: sysctl -w user.max_user_namespaces=10000 (as root)";
        return check;
    }
    const bool privileged = ::geteuid() == 0;
    if (const auto clone = readSysctl(sys + "kernel/unprivileged_userns_clone");
        clone && *clone == 0 && !privileged) {
        check.ok = false;
        check.detail = "kernel.unprivileged_userns_clone is 0 (unprivileged user namespaces are "
                       "disabled)";
        check.remedy = "enable them: sysctl -w kernel.unprivileged_userns_clone=1 (as root)";
        return check;
    }
    if (const auto apparmor = readSysctl(sys + "kernel/apparmor_restrict_unprivileged_userns");
        apparmor && *apparmor != 0 && !privileged) {
        // Only a warning: an AppArmor profile may allow SockLab; if not, the setup's refusal
        // names AppArmor and the remedy.
        check.detail = "available unless AppArmor refuses it "
                       "(kernel.apparmor_restrict_unprivileged_userns is " +
                       std::to_string(*apparmor) + ")";
    }
    return check;
}

LabCheck tunDevice(const LabConfig& config) {
    LabCheck check{"TUN device", true, config.tunDevice, {}};
    struct stat st {};
    if (::stat(config.tunDevice.c_str(), &st) < 0) {
        const int err = errno;
        check.ok = false;
        check.detail = config.tunDevice + ": " + errnoText(err) + " (" + errnoName(err) + ")";
        check.remedy = "load the TUN driver: modprobe tun (as root)";
        return check;
    }
    if (!S_ISCHR(st.st_mode)) {
        check.ok = false;
        check.detail = config.tunDevice + " is not a character device";
        check.remedy = "recreate it: mknod /dev/net/tun c 10 200 (as root)";
        return check;
    }
    if (::access(config.tunDevice.c_str(), R_OK | W_OK) < 0) {
        const int err = errno;
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        check.ok = false;
        check.detail =
            config.tunDevice + ": " + errnoText(err) + " (" + errnoName(err) + "), mode " + mode;
        check.remedy = "make it usable by users, as most desktop distributions do: chmod 0666 " +
                       config.tunDevice + " (as root)";
        return check;
    }
    // Only an unprivileged user inside its own user namespace is checked against the "other"
    // permission bits (root's own mapping keeps owner access).
    if (::geteuid() != 0 && (st.st_mode & 0006) != 0006) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        check.ok = false;
        check.detail = config.tunDevice + " has mode " + mode +
                       ": inside a user namespace only its 'other' permissions count";
        check.remedy = "chmod 0666 " + config.tunDevice +
                       " (as root), as most desktop "
                       "distributions ship it";
    }
    return check;
}

} // namespace

std::vector<LabCheck> checkLabSupport(const LabConfig& config) {
    std::vector<LabCheck> checks;
#ifdef __linux__
    checks.push_back({"Linux", true, "network namespaces and TUN are Linux features", {}});
    checks.push_back(userNamespaces(config));
    checks.push_back(tunDevice(config));
#else
    checks.push_back({"Linux", false, "this system is not Linux",
                      "run the lab on Linux; elsewhere use the relay on loopback"});
#endif
    return checks;
}

const LabCheck* firstFailure(const std::vector<LabCheck>& checks) {
    for (const auto& c : checks) {
        if (!c.ok) {
            return &c;
        }
    }
    return nullptr;
}

std::string labFallbackText() {
    return "The lab runs over relays on loopback instead: UDP datagrams are lost, duplicated, "
           "reordered and delayed as set, but TCP then sees only delay and re-segmentation, no "
           "real packet loss (the kernel's loopback never loses a segment, so there is nothing "
           "to retransmit).";
}

} // namespace socklab
