#include "core/vocab/events.h"

namespace socklab {

std::string_view stateName(SessionState s) {
    switch (s) {
    case SessionState::Resolving:
        return "Resolving";
    case SessionState::Connecting:
        return "Connecting";
    case SessionState::Connected:
        return "Connected";
    case SessionState::Listening:
        return "Listening";
    case SessionState::Bound:
        return "Bound";
    case SessionState::HalfClosed:
        return "Half-closed";
    case SessionState::PeerClosed:
        return "Peer closed";
    case SessionState::Closed:
        return "Closed";
    case SessionState::Failed:
        return "Failed";
    }
    return "Unknown";
}

} // namespace socklab
