#pragma once

#include "core/capture/live_save.h"
#include "core/codec/line_ending.h"
#include "core/codec/message_encoding.h"
#include "core/codec/text_decode.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"
#include "core/respond/reply_template.h"
#include "core/respond/sequence.h"
#include "core/vocab/open_request.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socklab {

/// The workspace document version this build reads and writes.
inline constexpr int kWorkspaceVersion = 1;
/// The document's "format" value.
inline constexpr std::string_view kWorkspaceFormat = "socklab-workspace";

/// A message the user keeps in a tab's composer to send again (its bytes: encodeMessage).
struct SavedMessage {
    std::string name;
    MessageMode mode = MessageMode::Text;
    std::string content; ///< as typed, in the notation given by mode
    LineEnding lineEnding = LineEnding::None;
    /// The content is a template with fields ({seq}, {time}, checksums; see renderMessage).
    bool fields = false;
    friend bool operator==(const SavedMessage&, const SavedMessage&) = default;
};

/// One tab of a session: the socket to open and the composer's state.
struct WorkspaceTab {
    std::string title;
    SocketSpec spec;
    Role role = Role::Connect;
    std::string local;                  ///< bind address text; "" = none
    std::string remote;                 ///< connect target text; "" = none
    std::vector<OptionSetting> options; ///< applied after socket()
    /// Mode of the socket file a Unix path bind creates (OpenSession::unixMode); saved as
    /// "unixMode" ("0660") only when not the default 0600, which a missing key means.
    std::uint32_t unixMode = kDefaultUnixMode;
    /// Per-connection send queue cap of stream and seqpacket sockets
    /// (OpenSession::sendQueueBytes, 0 = the default 4 MiB); saved as "sendQueue" ("64k",
    /// "16M") only when set, read back through parseSendQueueLimit (64k..1G).
    std::size_t sendQueueBytes = 0;
    ResponderConfig responders; ///< framing and auto-reply rules (echo is one)
    std::vector<SavedMessage> messages;
    std::string destination; ///< composer's sendto() target for datagrams; "" = connected peer
    /// Datagram IP tabs: groups joined after bind (OpenSession::multicastGroups).
    std::vector<MulticastGroup> multicastGroups;
    /// Relay tabs (role Relay: local = listen address, remote = upstream): impairments, seed,
    /// hold flags, idle timeout and buffer sizes (OpenSession::relay).
    RelayConfig relay;
    /// Scripts of sends, waits and expected replies the tab can run against its peer.
    std::vector<Sequence> sequences;
    /// How the tab reads bytes as text (text view, copy, find) and encodes the composer's Text
    /// mode; saved as "encoding" (encodingName) only when not UTF-8.
    TextEncoding encoding = TextEncoding::Utf8;
    /// Continuous save of the tab's capture (saved as "liveSave" when set). Loading a workspace
    /// writes nothing: the save starts when the tab's socket is opened.
    std::optional<LiveSaveSettings> liveSave;
    friend bool operator==(const WorkspaceTab&, const WorkspaceTab&);
};

/// A whole session: its tabs and window-level state.
struct Workspace {
    int version = kWorkspaceVersion;
    int selectedTab = 0; ///< index into tabs; 0 when there are none
    std::vector<WorkspaceTab> tabs;
    friend bool operator==(const Workspace&, const Workspace&) = default;
};

/// The open request a tab stands for: socket, role, addresses, options, responders, multicast
/// groups and relay settings (the request's other fields keep their defaults). What both front ends
/// open for a workspace tab.
[[nodiscard]] OpenSession tabOpenRequest(const WorkspaceTab& tab);
/// The reverse for the fields a request holds: spec, role, local, remote, options, unix mode,
/// send queue limit, echo,
/// multicast groups and relay settings are copied into tab; title, messages and destination are
/// left as they are.
void setTabOpenRequest(WorkspaceTab& tab, const OpenSession& request);
/// The bytes of a saved message (renderMessage with its mode, content, line ending and fields
/// flag; Text mode in encoding, which is the tab's; fields filled from context).
[[nodiscard]] Result<ByteVector> savedMessageBytes(const SavedMessage& message,
                                                   TextEncoding encoding = TextEncoding::Utf8,
                                                   const TemplateContext& context = {});

/// Text forms used in the document: "connect"/"listen"/"bind"/"relay", "text"/"hex"/"escapes"
/// (line endings use the codec's names: "none"/"lf"/"cr"/"crlf").
std::string_view roleName(Role role);
std::string_view messageModeName(MessageMode mode);
/// Inverse lookups (exact, lower case); false when the name is unknown.
bool roleFromName(std::string_view name, Role& out);
bool messageModeFromName(std::string_view name, MessageMode& out);

/// Loopback ports of the demo workspace.
struct DemoPorts {
    std::uint16_t tcp = 47001;  ///< echo server (and its client's target)
    std::uint16_t udpA = 47002; ///< UDP endpoint A, sends to B
    std::uint16_t udpB = 47003; ///< UDP endpoint B, sends to A
};

/// Built-in first-start workspace: a TCP echo server on 127.0.0.1:<tcp> with a client
/// connected to it, and two UDP endpoints on 127.0.0.1 pointed at each other.
Workspace demoWorkspace(const DemoPorts& ports = {});

/// The default demo ports where they are free now, else ports the kernel picks, so the demo
/// works while another SockLab (or anything else) holds 47001-47003. Falls back to the
/// defaults if probing fails (their bind error then shows in the demo tab).
[[nodiscard]] DemoPorts freeDemoPorts();

} // namespace socklab
