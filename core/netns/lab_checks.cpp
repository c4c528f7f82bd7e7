#include "core/netns/lab_checks.h"

#include "core/base/error.h"
#include "core/base/translate.h"

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
    LabCheck check{"user namespaces", true, SL_TR("socklab", "available"), {}};
    const std::string sys = config.procRoot + "/sys/";
    if (const auto max = readSysctl(sys + "user/max_user_namespaces"); max && *max <= 0) {
        check.ok = false;
        check.detail = trArgs(SL_TR("socklab", "user.max_user_namespaces is %1"), *max);
        check.remedy = SL_TR("socklab", "allow user namespaces: sysctl -w "
                                        "user.max_user_namespaces=10000 (as root)");
        return check;
    }
    const bool privileged = ::geteuid() == 0;
    if (const auto clone = readSysctl(sys + "kernel/unprivileged_userns_clone");
        clone && *clone == 0 && !privileged) {
        check.ok = false;
        check.detail = SL_TR("socklab", "kernel.unprivileged_userns_clone is 0 (unprivileged user "
                                        "namespaces are disabled)");
        check.remedy =
            SL_TR("socklab", "enable them: sysctl -w kernel.unprivileged_userns_clone=1 (as root)");
        return check;
    }
    if (const auto apparmor = readSysctl(sys + "kernel/apparmor_restrict_unprivileged_userns");
        apparmor && *apparmor != 0 && !privileged) {
        // Only a warning: an AppArmor profile may allow SockLab; if not, the setup's refusal
        // names AppArmor and the remedy.
        check.detail = trArgs(SL_TR("socklab", "available unless AppArmor refuses it "
                                               "(kernel.apparmor_restrict_unprivileged_userns is "
                                               "%1)"),
                              *apparmor);
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
        check.remedy = SL_TR("socklab", "load the TUN driver: modprobe tun (as root)");
        return check;
    }
    if (!S_ISCHR(st.st_mode)) {
        check.ok = false;
        check.detail = trArgs(SL_TR("socklab", "%1 is not a character device"), config.tunDevice);
        check.remedy = SL_TR("socklab", "recreate it: mknod /dev/net/tun c 10 200 (as root)");
        return check;
    }
    if (::access(config.tunDevice.c_str(), R_OK | W_OK) < 0) {
        const int err = errno;
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        check.ok = false;
        //: %1: the device's path; %2: why it cannot be opened; %3: the errno name; %4: "0600".
        check.detail = trArgs(SL_TR("socklab", "%1: %2 (%3), mode %4"), config.tunDevice,
                              errnoText(err), errnoName(err), mode);
        check.remedy = trArgs(SL_TR("socklab", "make it usable by users, as most desktop "
                                               "distributions do: chmod 0666 %1 (as root)"),
                              config.tunDevice);
        return check;
    }
    // Only an unprivileged user inside its own user namespace is checked against the "other"
    // permission bits (root's own mapping keeps owner access).
    if (::geteuid() != 0 && (st.st_mode & 0006) != 0006) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        check.ok = false;
        check.detail = trArgs(SL_TR("socklab", "%1 has mode %2: inside a user namespace only its "
                                               "'other' permissions count"),
                              config.tunDevice, mode);
        check.remedy = trArgs(SL_TR("socklab", "chmod 0666 %1 (as root), as most desktop "
                                               "distributions ship it"),
                              config.tunDevice);
    }
    return check;
}

} // namespace

std::vector<LabCheck> checkLabSupport(const LabConfig& config) {
    std::vector<LabCheck> checks;
#ifdef __linux__
    checks.push_back(
        {"Linux", true, SL_TR("socklab", "network namespaces and TUN are Linux features"), {}});
    checks.push_back(userNamespaces(config));
    checks.push_back(tunDevice(config));
#else
    checks.push_back(
        {"Linux", false, SL_TR("socklab", "this system is not Linux"),
         SL_TR("socklab", "run the lab on Linux; elsewhere use the relay on loopback")});
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
    return SL_TR("socklab", "The lab runs over relays on loopback instead: UDP datagrams are lost, "
                            "duplicated, reordered and delayed as set, but TCP then sees only "
                            "delay and re-segmentation, no real packet loss (the kernel's loopback "
                            "never loses a segment, so there is nothing to retransmit).");
}

} // namespace socklab
