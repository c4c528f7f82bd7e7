#pragma once

#include "core/vocab/lab.h"

#include <string>
#include <vector>

namespace socklab {

/// One condition the lab network needs, checked before anything is created.
struct LabCheck {
    std::string name; ///< "user namespaces", "TUN device"
    bool ok = false;
    std::string detail; ///< what was found: "/dev/net/tun: Permission denied (EACCES), mode 0600"
    std::string remedy; ///< what would enable it; empty when ok
};

/// The lab's preconditions on this machine, in the order they matter: Linux, user namespaces
/// (kernel.unprivileged_userns_clone on Debian kernels, user.max_user_namespaces, Ubuntu's
/// kernel.apparmor_restrict_unprivileged_userns), the TUN device (exists, readable and
/// writable). Reads config.procRoot and config.tunDevice only; changes nothing.
[[nodiscard]] std::vector<LabCheck> checkLabSupport(const LabConfig& config);

/// The first failing check, if any.
[[nodiscard]] const LabCheck* firstFailure(const std::vector<LabCheck>& checks);

/// The lab's fallback, said the same way by every front end.
[[nodiscard]] std::string labFallbackText();

} // namespace socklab
