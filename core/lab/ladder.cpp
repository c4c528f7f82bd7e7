#include "core/lab/ladder.h"

#include "core/base/translate.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <numbers>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace socklab {

namespace {

constexpr double kLabelLiftPx = 3;      // between a line and its label's baseline
constexpr double kDotPx = 3;            // radius of a call's dot
constexpr double kDropLabelInsetPx = 6; // a dropped packet's label starts this far from its source

// v within [lo, hi]; NaN becomes lo.
double clampTo(double v, double lo, double hi) {
    if (!(v >= lo)) {
        return lo;
    }
    return v <= hi ? v : hi;
}

LadderSettings clamped(LadderSettings s) {
    constexpr double kBig = 1e9;
    s.axisWidth = clampTo(s.axisWidth, 0, kBig);
    s.width = clampTo(s.width, s.axisWidth + 40, kBig);
    s.top = clampTo(s.top, 0, kBig);
    s.bottom = clampTo(s.bottom, 0, kBig);
    s.pxPerMs = clampTo(s.pxPerMs, 1e-9, kBig);
    s.gapMs = clampTo(s.gapMs, 0, kBig);
    s.gapPx = clampTo(s.gapPx, 1, kBig);
    s.rowPx = clampTo(s.rowPx, 1, kBig);
    s.tickSpacingPx = clampTo(s.tickSpacingPx, 1, kBig);
    s.labelPx = clampTo(s.labelPx, 0, kBig);
    s.charPx = clampTo(s.charPx, 0, kBig);
    s.headPx = clampTo(s.headPx, 0, kBig);
    s.markPx = clampTo(s.markPx, 0, kBig);
    s.dropDescentPx = clampTo(s.dropDescentPx, 0, kBig);
    s.callGapPx = clampTo(s.callGapPx, 0, kBig);
    return s;
}

double distanceToSegment(LadderPoint p, LadderPoint a, LadderPoint b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0;
    if (lengthSquared > 0) {
        t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0.0, 1.0);
    }
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double distanceToBox(LadderPoint p, const LadderCallMark& m) {
    const double dx = std::max({m.left - p.x, 0.0, p.x - m.right});
    const double dy = std::max({m.top - p.y, 0.0, p.y - m.bottom});
    return std::hypot(dx, dy);
}

} // namespace

std::string ladderPacketText(const LadderPacket& packet) {
    // What happened to the packet, in brackets after its (protocol) label.
    std::vector<std::string> notes;
    if (packet.retransmission) {
        notes.push_back(SL_TR("socklab", "retransmission"));
    }
    if ((packet.fate & RecordFlag::WireDuplicated) != 0) {
        notes.push_back(SL_TR("socklab", "duplicate"));
    }
    if (packet.dropped()) {
        notes.push_back(SL_TR("socklab", "dropped"));
    }
    if ((packet.fate & RecordFlag::WireCorrupted) != 0) {
        notes.push_back(SL_TR("socklab", "corrupted"));
    }
    if ((packet.fate & RecordFlag::Truncated) != 0) {
        notes.push_back(SL_TR("socklab", "truncated"));
    }
    if ((packet.fate & RecordFlag::WireReordered) != 0) {
        notes.push_back(SL_TR("socklab", "reordered"));
    }
    std::string out = packet.label;
    for (std::size_t i = 0; i < notes.size(); ++i) {
        out += i == 0 ? (out.empty() ? "[" : " [") : ", ";
        out += notes[i];
    }
    if (!notes.empty()) {
        out += "]";
    }
    return out;
}

LadderLayout::LadderLayout(LadderSettings settings) : m_settings(clamped(std::move(settings))) {}

void LadderLayout::setSettings(const LadderSettings& settings) {
    m_settings = clamped(settings);
    m_full = true;
}

void LadderLayout::add(LadderPacket packet) {
    LadderArrow arrow;
    arrow.text = ladderPacketText(packet);
    arrow.packet = std::move(packet);
    m_arrows.push_back(std::move(arrow));
}

void LadderLayout::add(LadderCall call) {
    LadderCallMark mark;
    mark.call = std::move(call);
    m_calls.push_back(std::move(mark));
}

void LadderLayout::clear() {
    m_arrows.clear();
    m_calls.clear();
    m_full = true;
}

const std::vector<LadderArrow>& LadderLayout::arrows() const {
    refresh();
    return m_arrows;
}

const std::vector<LadderCallMark>& LadderLayout::calls() const {
    refresh();
    return m_calls;
}

const std::vector<LadderBreak>& LadderLayout::breaks() const {
    refresh();
    return m_scale.breaks();
}

std::size_t LadderLayout::eventCount() const {
    refresh();
    return m_events.size();
}

double LadderLayout::columnX(LabHost host) const {
    const double inner = m_settings.width - m_settings.axisWidth;
    return m_settings.axisWidth + inner * (host == LabHost::B ? 0.75 : 0.25);
}

double LadderLayout::wireX() const {
    return m_settings.axisWidth + (m_settings.width - m_settings.axisWidth) * 0.5;
}

std::int64_t LadderLayout::originNs() const {
    refresh();
    return m_origin;
}

double LadderLayout::latestY() const {
    refresh();
    return m_latestY;
}

double LadderLayout::height() const {
    refresh();
    if (m_events.empty()) {
        return m_settings.top + m_settings.bottom;
    }
    return std::max(m_index.maxBottom(), m_latestY) + m_settings.bottom;
}

double LadderLayout::yAt(std::int64_t ns) const {
    refresh();
    if (m_settings.mode == LadderMode::Time) {
        return m_scale.y(ns);
    }
    const auto row = std::lower_bound(m_events.begin(), m_events.end(), ns,
                                      [](const Event& e, std::int64_t v) { return e.ns < v; });
    return rowY(static_cast<std::size_t>(row - m_events.begin()));
}

double LadderLayout::rowY(std::size_t row) const {
    return m_settings.top + static_cast<double>(row) * m_settings.rowPx;
}

void LadderLayout::refresh() const {
    if (m_full || !layoutAppended()) {
        layoutAll();
    }
}

std::vector<LadderLayout::Event> LadderLayout::eventsOf(std::size_t firstArrow,
                                                        std::size_t firstCall) const {
    std::vector<Event> events;
    events.reserve((m_arrows.size() - firstArrow) * 2 + m_calls.size() - firstCall);
    for (std::size_t i = firstArrow; i < m_arrows.size(); ++i) {
        const auto& p = m_arrows[i].packet;
        const auto item = static_cast<std::uint32_t>(i);
        events.push_back(Event{p.departNs, 0, p.ref, item});
        if (!p.dropped()) {
            events.push_back(Event{p.arriveNs, 1, p.ref, item});
        }
    }
    for (std::size_t j = firstCall; j < m_calls.size(); ++j) {
        const auto& c = m_calls[j].call;
        events.push_back(Event{c.timeNs, 2, c.ref, static_cast<std::uint32_t>(j)});
    }
    std::sort(events.begin(), events.end());
    return events;
}

LadderTimeScale::Params LadderLayout::scaleParams() const {
    LadderTimeScale::Params params;
    params.originNs = m_origin;
    params.top = m_settings.top;
    params.pxPerMs = m_settings.pxPerMs;
    params.gapNs = static_cast<std::int64_t>(std::llround(m_settings.gapMs * 1e6));
    params.gapPx = m_settings.gapPx;
    return params;
}

void LadderLayout::layoutAll() const {
    m_full = false;
    ++m_fullLayouts;
    m_events = eventsOf(0, 0);
    m_origin = m_settings.originNs.value_or(m_events.empty() ? 0 : m_events.front().ns);
    m_laidArrows = m_arrows.size();
    m_laidCalls = m_calls.size();
    if (m_settings.mode == LadderMode::Time) {
        std::vector<std::int64_t> times;
        times.reserve(m_events.size());
        for (const auto& e : m_events) {
            times.push_back(e.ns);
        }
        m_scale = LadderTimeScale(std::move(times), scaleParams());
        for (auto& a : m_arrows) {
            const double depart = m_scale.y(a.packet.departNs);
            shapeArrow(a, depart, a.packet.dropped() ? depart : m_scale.y(a.packet.arriveNs));
        }
        for (auto& c : m_calls) {
            shapeCall(c, m_scale.y(c.call.timeNs));
        }
    } else {
        m_scale = LadderTimeScale();
        std::vector<double> departY(m_arrows.size());
        std::vector<double> arriveY(m_arrows.size());
        for (std::size_t r = 0; r < m_events.size(); ++r) {
            const Event& e = m_events[r];
            if (e.kind == 2) {
                shapeCall(m_calls[e.item], rowY(r));
            } else {
                (e.kind == 0 ? departY : arriveY)[e.item] = rowY(r);
            }
        }
        for (std::size_t i = 0; i < m_arrows.size(); ++i) {
            shapeArrow(m_arrows[i], departY[i], arriveY[i]);
        }
    }
    updateLatest();
    settle();
}

// The appends since the last layout, when they are all recent (see the class comment).
bool LadderLayout::layoutAppended() const {
    std::vector<Event> fresh = eventsOf(m_laidArrows, m_laidCalls);
    if (fresh.empty()) {
        return true;
    }
    if (m_events.empty() || fresh.front().ns < m_index.horizonNs() ||
        (m_settings.mode == LadderMode::Time && fresh.front().ns < m_scale.firstNs())) {
        return false;
    }
    const std::size_t firstNewArrow = m_laidArrows;
    const std::size_t firstNewCall = m_laidCalls;
    m_laidArrows = m_arrows.size();
    m_laidCalls = m_calls.size();

    // Merge: the events from the first new one on are [from, end).
    const auto from = static_cast<std::size_t>(
        std::lower_bound(m_events.begin(), m_events.end(), fresh.front()) - m_events.begin());
    std::vector<Event> tail;
    tail.reserve(m_events.size() - from + fresh.size());
    std::merge(m_events.begin() + static_cast<std::ptrdiff_t>(from), m_events.end(), fresh.begin(),
               fresh.end(), std::back_inserter(tail));
    m_events.erase(m_events.begin() + static_cast<std::ptrdiff_t>(from), m_events.end());
    m_events.insert(m_events.end(), tail.begin(), tail.end());

    // The events whose y may have changed: [moved, end). New items are shaped anyway.
    std::size_t moved = from;
    if (m_settings.mode == LadderMode::Time) {
        std::vector<std::int64_t> times;
        times.reserve(fresh.size());
        for (const auto& e : fresh) {
            times.push_back(e.ns);
        }
        const auto changedFrom = m_scale.insert(std::move(times));
        moved = m_events.size();
        if (changedFrom) {
            moved = static_cast<std::size_t>(
                std::upper_bound(m_events.begin(), m_events.end(), *changedFrom,
                                 [](std::int64_t v, const Event& e) { return v < e.ns; }) -
                m_events.begin());
        }
    }

    // Items to shape: their y per point, the unmoved point keeping its old y.
    std::vector<std::uint32_t> ids; // as in m_index
    for (std::size_t i = firstNewArrow; i < m_arrows.size(); ++i) {
        ids.push_back(static_cast<std::uint32_t>(2 * i));
    }
    for (std::size_t j = firstNewCall; j < m_calls.size(); ++j) {
        ids.push_back(static_cast<std::uint32_t>(2 * j + 1));
    }
    std::unordered_map<std::uint32_t, std::pair<double, double>> rowYs; // Sequence: arrow item
    for (std::size_t r = moved; r < m_events.size(); ++r) {
        const Event& e = m_events[r];
        const auto id = static_cast<std::uint32_t>(2 * e.item + (e.kind == 2 ? 1 : 0));
        ids.push_back(id);
        if (m_settings.mode == LadderMode::Sequence) {
            if (e.kind == 2) {
                shapeCall(m_calls[e.item], rowY(r));
                continue;
            }
            const LadderArrow& a = m_arrows[e.item];
            auto [it, added] = rowYs.try_emplace(e.item, a.from.y, a.to.y);
            (e.kind == 0 ? it->second.first : it->second.second) = rowY(r);
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<SettledIntervalIndex::Item> changed;
    changed.reserve(ids.size());
    for (const auto id : ids) {
        const std::size_t index = id / 2;
        if (m_settings.mode == LadderMode::Time) {
            if (id % 2 == 0) {
                LadderArrow& a = m_arrows[index];
                const double depart = m_scale.y(a.packet.departNs);
                shapeArrow(a, depart, a.packet.dropped() ? depart : m_scale.y(a.packet.arriveNs));
            } else {
                shapeCall(m_calls[index], m_scale.y(m_calls[index].call.timeNs));
            }
        } else if (id % 2 == 0) {
            const auto& [departY, arriveY] = rowYs.at(static_cast<std::uint32_t>(index));
            shapeArrow(m_arrows[index], departY, arriveY);
        }
        changed.push_back(indexItem(id));
    }
    updateLatest();
    m_index.update(changed);
    constexpr std::size_t kRecentMax = 4096;
    if (m_index.recentCount() > std::max(kRecentMax, 2 * m_recentAfterSettle)) {
        settle();
    }
    return true;
}

void LadderLayout::updateLatest() const {
    if (m_events.empty()) {
        m_latestY = m_settings.top;
    } else if (m_settings.mode == LadderMode::Time) {
        m_latestY = m_scale.y(m_events.back().ns);
    } else {
        m_latestY = rowY(m_events.size() - 1);
    }
}

SettledIntervalIndex::Item LadderLayout::indexItem(std::uint32_t id) const {
    if (id % 2 == 0) {
        const LadderArrow& a = m_arrows[id / 2];
        const std::int64_t last =
            a.packet.dropped() ? a.packet.departNs : std::max(a.packet.departNs, a.packet.arriveNs);
        return {a.top, a.bottom, id, last};
    }
    const LadderCallMark& c = m_calls[id / 2];
    return {c.top, c.bottom, id, c.call.timeNs};
}

// Items whose events are all older than the latest kRecentEvents events and kRecentNs before
// the latest go to the static part of the index: appends that recent cannot move them.
void LadderLayout::settle() const {
    constexpr std::size_t kRecentEvents = 1024;
    constexpr std::int64_t kRecentNs = 1'000'000'000;
    std::int64_t horizon = std::numeric_limits<std::int64_t>::min();
    if (m_events.size() > kRecentEvents) {
        horizon =
            std::min(m_events[m_events.size() - kRecentEvents].ns, m_events.back().ns - kRecentNs);
    } else if (!m_events.empty()) {
        horizon = m_events.front().ns;
    }
    std::vector<SettledIntervalIndex::Item> items;
    items.reserve(m_arrows.size() + m_calls.size());
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        items.push_back(indexItem(static_cast<std::uint32_t>(2 * i)));
    }
    for (std::size_t j = 0; j < m_calls.size(); ++j) {
        items.push_back(indexItem(static_cast<std::uint32_t>(2 * j + 1)));
    }
    m_index.rebuild(items, horizon);
    m_recentAfterSettle = m_index.recentCount();
}

void LadderLayout::shapeArrow(LadderArrow& arrow, double yDepart, double yArrive) const {
    const LadderPacket& p = arrow.packet;
    const bool aToB = p.direction == WireDirection::AtoB;
    arrow.from = {columnX(aToB ? LabHost::A : LabHost::B), yDepart};
    arrow.to = p.dropped() ? LadderPoint{wireX(), yDepart + m_settings.dropDescentPx}
                           : LadderPoint{columnX(aToB ? LabHost::B : LabHost::A), yArrive};
    const double dx = arrow.to.x - arrow.from.x;
    const double dy = arrow.to.y - arrow.from.y;
    const double length = std::hypot(dx, dy); // > 0: the columns are apart
    const double ux = dx / length;
    const double uy = dy / length;

    if (p.dropped()) {
        arrow.head = {arrow.to, arrow.to, arrow.to};
    } else {
        const double back = m_settings.headPx;
        const double half = m_settings.headPx * 0.4;
        const LadderPoint base{arrow.to.x - ux * back, arrow.to.y - uy * back};
        arrow.head = {arrow.to, LadderPoint{base.x - uy * half, base.y + ux * half},
                      LadderPoint{base.x + uy * half, base.y - ux * half}};
    }

    // Along the line, reading left to right, lifted off it on the upper side.
    const double angle = dx > 0 ? std::atan2(dy, dx) : std::atan2(-dy, -dx);
    arrow.labelAngleDeg = angle * 180 / std::numbers::pi;
    const double sine = std::sin(angle);
    const double cosine = std::cos(angle);
    const double textWidth = static_cast<double>(arrow.text.size()) * m_settings.charPx;
    LadderPoint on{(arrow.from.x + arrow.to.x) / 2, (arrow.from.y + arrow.to.y) / 2};
    double alongFrom = -textWidth / 2; // the text's extent along the line, from labelAt
    double alongTo = textWidth / 2;
    arrow.labelAnchor = LadderTextAnchor::Middle;
    if (p.dropped()) {
        on = {arrow.from.x + ux * kDropLabelInsetPx, arrow.from.y + uy * kDropLabelInsetPx};
        arrow.labelAnchor = aToB ? LadderTextAnchor::Start : LadderTextAnchor::End;
        alongFrom = aToB ? 0 : -textWidth;
        alongTo = aToB ? textWidth : 0;
    }
    arrow.labelAt = {on.x + kLabelLiftPx * sine, on.y - kLabelLiftPx * cosine};
    const double yFrom = arrow.labelAt.y + alongFrom * sine;
    const double yTo = arrow.labelAt.y + alongTo * sine;
    const double labelTop = std::min(yFrom, yTo) - m_settings.labelPx * cosine;
    const double labelBottom = std::max(yFrom, yTo);
    arrow.top = std::min({arrow.from.y, arrow.to.y}) - m_settings.markPx;
    arrow.bottom = std::max({arrow.from.y, arrow.to.y}) + m_settings.markPx;
    for (const auto& corner : arrow.head) {
        arrow.top = std::min(arrow.top, corner.y);
        arrow.bottom = std::max(arrow.bottom, corner.y);
    }
    arrow.top = std::min(arrow.top, labelTop);
    arrow.bottom = std::max(arrow.bottom, labelBottom);
}

void LadderLayout::shapeCall(LadderCallMark& mark, double y) const {
    const bool atB = mark.call.host == LabHost::B;
    const double x = columnX(atB ? LabHost::B : LabHost::A);
    const double textWidth = static_cast<double>(mark.call.label.size()) * m_settings.charPx;
    mark.at = {x, y};
    mark.textEndsAtAnchor = !atB;
    mark.textAt = {atB ? x + m_settings.callGapPx : x - m_settings.callGapPx,
                   y + m_settings.labelPx * 0.35};
    mark.left = atB ? x - kDotPx : mark.textAt.x - textWidth;
    mark.right = atB ? mark.textAt.x + textWidth : x + kDotPx;
    const double half = std::max(m_settings.labelPx / 2, kDotPx);
    mark.top = y - half;
    mark.bottom = y + half;
}

LadderBand LadderLayout::itemsIn(double yTop, double yBottom) const {
    refresh();
    if (yBottom < yTop) {
        std::swap(yTop, yBottom);
    }
    LadderBand band;
    std::vector<std::uint32_t> ids;
    m_index.query(yTop, yBottom, ids);
    for (const auto id : ids) {
        (id % 2 == 0 ? band.arrows : band.calls).push_back(id / 2);
    }
    if (m_events.empty()) {
        return band;
    }
    const double pad = m_settings.labelPx / 2;
    if (m_settings.mode == LadderMode::Time) {
        m_scale.ticksIn(yTop - pad, yBottom + pad,
                        ladderTickStepNs(m_settings.pxPerMs, m_settings.tickSpacingPx), band.ticks);
        m_scale.breaksIn(yTop, yBottom, band.breaks);
        return band;
    }
    const double rows = static_cast<double>(m_events.size());
    const double first = std::max(0.0, std::ceil((yTop - pad - m_settings.top) / m_settings.rowPx));
    const double last =
        std::min(rows - 1, std::floor((yBottom + pad - m_settings.top) / m_settings.rowPx));
    for (double r = first; r <= last; ++r) {
        const auto row = static_cast<std::size_t>(r);
        const std::int64_t ns = m_events[row].ns;
        band.ticks.push_back(LadderTick{rowY(row), ns, ladderExactMsText(ns - m_origin)});
    }
    return band;
}

std::optional<LadderHit> LadderLayout::hitTest(double x, double y, double tolerance) const {
    refresh();
    if (!(tolerance >= 0)) {
        return std::nullopt;
    }
    std::vector<std::uint32_t> ids;
    m_index.query(y - tolerance, y + tolerance, ids);
    std::optional<LadderHit> best;
    const LadderPoint p{x, y};
    for (const auto id : ids) {
        LadderHit hit;
        const std::size_t index = id / 2;
        if (id % 2 == 0) {
            const auto& a = m_arrows[index];
            hit = {LadderItem::Packet, index, a.packet.ref, distanceToSegment(p, a.from, a.to)};
        } else {
            const auto& c = m_calls[index];
            hit = {LadderItem::Call, index, c.call.ref, distanceToBox(p, c)};
        }
        if (hit.distance > tolerance) {
            continue;
        }
        const auto rank = [](const LadderHit& h) { return std::tie(h.distance, h.kind, h.index); };
        if (!best || rank(hit) < rank(*best)) {
            best = hit;
        }
    }
    return best;
}

} // namespace socklab
