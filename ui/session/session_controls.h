#pragma once

#include "core/vocab/events.h"

#include <optional>

namespace socklab::ui {

/// What a session tab knows when it decides which controls apply.
struct SessionFacts {
    bool hasSession = false;           ///< the tab opened a session that is not forgotten yet
    std::optional<SessionState> state; ///< the session's own socket, when known
    OpenSession request;               ///< what was opened (or the form's request before)
    bool formValid = true;             ///< the form describes a socket that can be opened
};

/// The state rules of a session tab: which controls are enabled or shown in which state.
/// A plain value computed from SessionFacts, so the rules are tested without widgets.
struct SessionControls {
    bool open = false;             ///< the session's socket is live (not closed, not failed)
    bool openEnabled = false;      ///< the Open/Close button can be pressed
    bool formLocked = false;       ///< the socket form is read-only (and collapses to a summary)
    bool canSend = false;          ///< the composer may send now
    bool showReset = false;        ///< abortive close (RST) applies: an open stream socket
    bool showConnections = false;  ///< the listener's connections / the relay's pairs are shown
    bool listener = false;         ///< sends and closes address accepted connections
    bool relay = false;            ///< a relay: the composer injects into a pair or all
    bool stream = false;           ///< half-close applies
    bool urgent = false;           ///< MSG_OOB applies (TCP)
    bool ping = false;             ///< ICMP echo socket
    bool needsDestination = false; ///< unconnected datagram: every send names a destination
    bool tcpInfo = false;          ///< TCP_INFO is worth polling for this session

    [[nodiscard]] static SessionControls decide(const SessionFacts& facts);
    /// Not closed and not failed.
    [[nodiscard]] static bool isLive(SessionState state);
    /// States in which the socket can send.
    [[nodiscard]] static bool canSendIn(SessionState state);
    /// States in which a (non-listener) TCP socket has a connection to report TCP_INFO for.
    [[nodiscard]] static bool hasTcpConnection(SessionState state);
};

} // namespace socklab::ui
