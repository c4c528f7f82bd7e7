#include "core/vocab/events.h"

#include "core/base/translate.h"

namespace socklab {

std::string_view stateName(SessionState s) {
    switch (s) {
    case SessionState::Resolving:
        return SL_N("socklab", "Resolving");
    case SessionState::Connecting:
        return SL_N("socklab", "Connecting");
    case SessionState::Connected:
        return SL_N("socklab", "Connected");
    case SessionState::Listening:
        return SL_N("socklab", "Listening");
    case SessionState::Bound:
        return SL_N("socklab", "Bound");
    case SessionState::HalfClosed:
        return SL_N("socklab", "Half-closed");
    case SessionState::PeerClosed:
        return SL_N("socklab", "Peer closed");
    case SessionState::Closed:
        return SL_N("socklab", "Closed");
    case SessionState::Failed:
        return SL_N("socklab", "Failed");
    }
    return SL_N("socklab", "Unknown");
}

} // namespace socklab
