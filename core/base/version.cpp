#include "core/base/version.h"

namespace socklab {

std::string_view version() {
    return SOCKLAB_VERSION;
}

} // namespace socklab
