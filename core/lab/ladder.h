#pragma once

#include "core/lab/interval_index.h"
#include "core/lab/ladder_scale.h"
#include "core/vocab/lab.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace socklab {

/// A socket call at one end of the lab: "connect()", "accept()", "send 100", "recv 300",
/// "shutdown(SHUT_WR)", "close()", "RST" ...
struct LadderCall {
    std::int64_t timeNs = 0;   ///< CLOCK_MONOTONIC, the same clock as the wire's records
    LabHost host = LabHost::A; ///< its column (anything but B is drawn at A)
    std::string label;         ///< shown as is
    std::uint64_t ref = 0;     ///< the record's seq in that host session's store
};

/// One IP packet on the wire.
struct LadderPacket {
    std::int64_t departNs = 0; ///< entered the wire (the wire record's monoNs)
    /// Left the wire (record monoNs + wireDelayUs * 1000); ignored when dropped.
    std::int64_t arriveNs = 0;
    WireDirection direction = WireDirection::AtoB;
    std::string label;      ///< "SYN", "PSH,ACK seq=1 len=100", "UDP 100", "ICMP port unreachable"
    std::uint16_t fate = 0; ///< the record's RecordFlag::Wire* and Truncated bits
    bool retransmission = false; ///< TCP: the analysis marks it as retransmitted
    bool tcp = true;             ///< false: UDP, ICMP, anything else
    std::uint64_t ref = 0;       ///< the wire record's seq (click-to-bytes)

    [[nodiscard]] bool dropped() const { return (fate & RecordFlag::WireDropped) != 0; }
};

/// The label as drawn: the packet's label, then what happened to it in brackets, in this
/// order: "PSH,ACK seq=1 len=100 [retransmission, dropped]". Notes: retransmission, duplicate
/// (WireDuplicated), dropped, corrupted, truncated, reordered.
[[nodiscard]] std::string ladderPacketText(const LadderPacket& packet);

/// How time runs down the page.
enum class LadderMode : std::uint8_t {
    Time = 1, ///< y proportional to time (pxPerMs), idle stretches optionally compressed
    /// Every departure, arrival and call its own row (rowPx apart), by time; at the same time
    /// departures, arrivals, calls, then by ref. Crossing arrows show reordering.
    Sequence,
};

/// Everything the geometry depends on. Lengths in px (double), y growing downwards from the
/// top of the drawing, x from its left edge. Out-of-range values are clamped (see each).
struct LadderSettings {
    double width = 640;    ///< whole drawing; >= axisWidth + 40
    double axisWidth = 96; ///< strip at the left for the time labels
    double top = 56;       ///< y of the first event (room for the host names above)
    double bottom = 32;    ///< below the last drawn item
    LadderMode mode = LadderMode::Time;
    double pxPerMs = 4;        ///< Time: zoom (> 0, at least 1e-9)
    double gapMs = 0;          ///< Time: compress idle stretches longer than this; 0 = never
    double gapPx = 24;         ///< Time: height of a compressed stretch (>= 1)
    double rowPx = 24;         ///< Sequence: distance between rows (>= 1)
    double tickSpacingPx = 48; ///< Time: ticks at least this far apart (>= 1)
    double labelPx = 14;       ///< height of a line of text (extents, hit areas)
    double charPx = 6.5;       ///< estimated average character width (extents, hit areas)
    double headPx = 8;         ///< arrowhead length (its half width is headPx * 0.4)
    double markPx = 5;         ///< half size of a drop cross and margin around lines
    double dropDescentPx = 12; ///< how far below its departure a dropped packet's arrow ends
    double callGapPx = 8;      ///< between a column and its call labels
    /// The time labelled "0 ms"; default the earliest event. The drawing starts at the earlier
    /// of the two.
    std::optional<std::int64_t> originNs;
};

struct LadderPoint {
    double x = 0;
    double y = 0;
    friend bool operator==(const LadderPoint&, const LadderPoint&) = default;
};

/// Which part of a text is at its anchor point (as SVG text-anchor).
enum class LadderTextAnchor : std::uint8_t { Start = 1, Middle, End };

/// A packet as drawn: a line from its source column at departure to its destination column at
/// arrival (dropped: to the middle of the wire, dropDescentPx below the departure, where the
/// cross is centred, and no arrowhead).
struct LadderArrow {
    LadderPacket packet;
    LadderPoint from;
    LadderPoint to;
    std::array<LadderPoint, 3> head{}; ///< tip (== to), then the two back corners; not dropped
    std::string text;                  ///< ladderPacketText(packet)
    /// The label: its baseline goes through labelAt, rotated by labelAngleDeg (degrees,
    /// clockwise on screen, as SVG rotate() and QPainter::rotate(); within (-90, 90), so it
    /// reads left to right along the line), 3 px above the line. labelAnchor says which part
    /// of the text is at labelAt: its middle (the line's middle), or for a dropped packet its
    /// start (A -> B) or end (B -> A) near the source column, so the text runs past the cross
    /// instead of over the source's call labels.
    LadderPoint labelAt;
    double labelAngleDeg = 0;
    LadderTextAnchor labelAnchor = LadderTextAnchor::Middle;
    double top = 0; ///< vertical extent of line, head, cross and (estimated) label
    double bottom = 0;
};

/// A call as drawn: a dot on its column and the label beside it (A: to the left, ending at
/// textAt.x; B: to the right, starting at textAt.x), baseline textAt.y.
struct LadderCallMark {
    LadderCall call;
    LadderPoint at;
    LadderPoint textAt;
    bool textEndsAtAnchor = false; ///< true at A (right-aligned text)
    double left = 0;               ///< estimated box of dot and label (hit area, extent)
    double right = 0;
    double top = 0;
    double bottom = 0;
};

/// What intersects a horizontal band of the drawing.
struct LadderBand {
    std::vector<std::size_t> arrows; ///< indices into LadderLayout::arrows(), in no order
    std::vector<std::size_t> calls;  ///< indices into LadderLayout::calls(), in no order
    std::vector<LadderTick> ticks;   ///< top to bottom
    std::vector<LadderBreak> breaks; ///< top to bottom (Time mode with gap compression)
};

enum class LadderItem : std::uint8_t { Packet = 1, Call };

/// The item nearest to a point.
struct LadderHit {
    LadderItem kind = LadderItem::Packet;
    std::size_t index = 0; ///< into arrows() or calls()
    std::uint64_t ref = 0; ///< LadderPacket::ref (a wire record) or LadderCall::ref
    double distance = 0;   ///< px, to the line (packet) or the dot-and-label box (call)
};

/// The ladder (sequence) diagram of a lab run: host A's column on the left, B's on the right,
/// time downwards. Append calls and packets in any order, any time (live); the first query
/// after appends lays out what they change:
///  - appends whose events are all recent (none before the latest ~1024 events or the last
///    second before the latest event, whichever reaches further back) only shape the new items
///    and those whose y moved (Sequence: the rows after the earliest new event; Time: nothing,
///    or what follows a compressed stretch a new event split): O(k log n + moved + t log t)
///    for t recent items;
///  - anything else (an event further back, a settings change, clear()) lays out everything
///    again: O(n log n).
/// On an up-to-date layout itemsIn() and hitTest() are O(log n + k) for k items in the band.
/// Each item's geometry depends only on the inputs and the settings, not on the append order
/// or on when queries happened (ties in time are broken by ref, then by append order).
///
/// Not thread-safe; a const call may lay out (and invalidates references returned before).
class LadderLayout {
public:
    explicit LadderLayout(LadderSettings settings = {});

    void setSettings(const LadderSettings& settings);
    /// As clamped.
    [[nodiscard]] const LadderSettings& settings() const { return m_settings; }

    void add(LadderPacket packet);
    void add(LadderCall call);
    void clear();

    /// One per packet / call, in append order.
    [[nodiscard]] const std::vector<LadderArrow>& arrows() const;
    [[nodiscard]] const std::vector<LadderCallMark>& calls() const;
    /// Time mode's compressed stretches, top to bottom (none in Sequence mode).
    [[nodiscard]] const std::vector<LadderBreak>& breaks() const;

    /// Arrows and calls whose [top, bottom] intersects [yTop, yBottom], ticks whose label
    /// (y +- labelPx / 2) does, and breaks that do. Swapped bounds are swapped back.
    [[nodiscard]] LadderBand itemsIn(double yTop, double yBottom) const;
    /// The packet or call nearest to (x, y) within `tolerance` px; on equal distance a packet
    /// before a call, then the lower index. nullopt when nothing is that close.
    [[nodiscard]] std::optional<LadderHit> hitTest(double x, double y, double tolerance) const;

    [[nodiscard]] double width() const { return m_settings.width; }
    /// Bottom of the lowest item (at least the latest event's y) + settings().bottom; top +
    /// bottom when empty.
    [[nodiscard]] double height() const;
    [[nodiscard]] double columnX(LabHost host) const;
    /// Middle of the wire, where dropped packets end.
    [[nodiscard]] double wireX() const;
    /// Follow-live: the y of the latest event (the last row in Sequence mode); top when empty.
    [[nodiscard]] double latestY() const;
    /// Time: the axis at ns. Sequence: the row of the first event at or after ns (one row past
    /// the last when none).
    [[nodiscard]] double yAt(std::int64_t ns) const;
    /// The time labelled "0 ms" (settings().originNs, else the earliest event; 0 when empty).
    [[nodiscard]] std::int64_t originNs() const;
    /// Events in the layout: calls, departures, arrivals (a dropped packet has no arrival).
    [[nodiscard]] std::size_t eventCount() const;
    /// How many times everything was laid out so far (diagnostics: live appends should not).
    [[nodiscard]] std::uint64_t fullLayoutCount() const { return m_fullLayouts; }

private:
    /// A departure, arrival or call; m_events holds them all in this order (Sequence mode's
    /// rows): by time; at the same time departures, then arrivals (so a packet the wire held
    /// for less than a microsecond still goes down), then calls; then by ref, then by index.
    struct Event {
        std::int64_t ns = 0;
        std::uint8_t kind = 0; ///< 0 departure, 1 arrival, 2 call
        std::uint64_t ref = 0;
        std::uint32_t item = 0; ///< index into m_arrows (kind 0, 1) or m_calls (kind 2)
        [[nodiscard]] auto key() const { return std::tie(ns, kind, ref, item); }
        [[nodiscard]] bool operator<(const Event& o) const { return key() < o.key(); }
    };

    void refresh() const;
    void layoutAll() const;
    [[nodiscard]] bool layoutAppended() const;
    [[nodiscard]] std::vector<Event> eventsOf(std::size_t firstArrow, std::size_t firstCall) const;
    [[nodiscard]] LadderTimeScale::Params scaleParams() const;
    void shapeArrow(LadderArrow& arrow, double yDepart, double yArrive) const;
    void shapeCall(LadderCallMark& mark, double y) const;
    [[nodiscard]] SettledIntervalIndex::Item indexItem(std::uint32_t id) const;
    void settle() const;
    [[nodiscard]] double rowY(std::size_t row) const;
    void updateLatest() const;

    LadderSettings m_settings;
    // The inputs live in the arrows and marks; their geometry is a cache, made again lazily.
    mutable std::vector<LadderArrow> m_arrows;
    mutable std::vector<LadderCallMark> m_calls;
    mutable std::size_t m_laidArrows = 0; ///< how many have geometry
    mutable std::size_t m_laidCalls = 0;
    mutable bool m_full = true; ///< the next refresh lays out everything
    mutable std::vector<Event> m_events;
    mutable std::int64_t m_origin = 0;
    mutable LadderTimeScale m_scale;      ///< Time mode
    mutable SettledIntervalIndex m_index; ///< ids: arrow i = 2i, call j = 2j + 1
    mutable std::size_t m_recentAfterSettle = 0;
    mutable double m_latestY = 0;
    mutable std::uint64_t m_fullLayouts = 0;
};

} // namespace socklab
