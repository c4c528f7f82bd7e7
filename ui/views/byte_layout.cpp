#include "ui/views/byte_layout.h"

#include <algorithm>
#include <cstring>

namespace socklab::ui {

namespace {

constexpr std::size_t kBatch = 256;
constexpr std::size_t kLruSize = 256;
// A filter that matches nothing must not freeze a paint: give up after this many records.
constexpr std::uint64_t kMaxScan = 1u << 22;

} // namespace

ByteLayout::ByteLayout(Mode mode, std::uint32_t width)
    : m_mode(mode), m_width(std::max(1u, width)) {}

void ByteLayout::setStore(std::shared_ptr<const TrafficStore> store) {
    m_store = std::move(store);
    clearCache();
}

void ByteLayout::setFilter(std::optional<std::uint32_t> connectionId) {
    m_filter = connectionId;
}

void ByteLayout::setWidth(std::uint32_t width) {
    width = std::max(1u, width);
    if (width != m_width) {
        m_width = width;
        clearCache();
    }
}

void ByteLayout::setTextOptions(const TextDecodeOptions& options) {
    m_textOptions = options;
    clearCache();
}

void ByteLayout::clearCache() {
    m_lru.clear();
    m_lruIndex.clear();
}

bool ByteLayout::accepts(const Record& r) const {
    return !m_filter || r.connectionId == *m_filter;
}

std::vector<std::uint32_t> ByteLayout::rowStarts(const Record& r) const {
    if (r.length == 0) {
        return {};
    }
    if (m_mode == Mode::FixedWidth || !m_store || !m_store->bytesAvailable(r)) {
        std::vector<std::uint32_t> starts;
        starts.reserve((r.length + m_width - 1) / m_width);
        for (std::uint32_t off = 0; off < r.length; off += m_width) {
            starts.push_back(off);
        }
        return starts;
    }
    if (auto it = m_lruIndex.find(r.seq); it != m_lruIndex.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it->second);
        return it->second->second;
    }
    auto starts = computeTextRows(r);
    m_lru.emplace_front(r.seq, starts);
    m_lruIndex[r.seq] = m_lru.begin();
    if (m_lru.size() > kLruSize) {
        m_lruIndex.erase(m_lru.back().first);
        m_lru.pop_back();
    }
    return starts;
}

namespace {

bool isUtf16(TextEncoding encoding) {
    return encoding == TextEncoding::Utf16Le || encoding == TextEncoding::Utf16Be;
}

// One past the first line break in bytes[at, limit), or nullopt. `at` starts a character.
// UTF-16: a '\n' code unit at an even distance from `at`. The other encodings here have
// no trail byte 0x0a, so every 0x0a byte is a line break.
std::optional<std::size_t> lineBreakEnd(std::span<const std::byte> bytes, std::size_t at,
                                        std::size_t limit, TextEncoding encoding) {
    if (isUtf16(encoding)) {
        const std::size_t low = encoding == TextEncoding::Utf16Le ? 0 : 1;
        for (std::size_t i = at; i + 1 < limit; i += 2) {
            if (bytes[i + low] == std::byte{'\n'} && bytes[i + 1 - low] == std::byte{0}) {
                return i + 2;
            }
        }
        return std::nullopt;
    }
    const void* nl = std::memchr(bytes.data() + at, '\n', limit - at);
    if (!nl) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(static_cast<const std::byte*>(nl) - bytes.data()) + 1;
}

// Row starts of a large record without decoding it: a row ends after a line break or after
// `width` bytes, moved back to the start of the character there (alignToCharStart) so a row
// starts on a character. With pictures for controls and one dot per invalid byte, a character
// never needs more cells than it has bytes in any of the encodings, so a row fits; wide
// characters leave some of the row empty.
std::vector<std::uint32_t> byteRowStarts(std::span<const std::byte> bytes, std::size_t width,
                                         TextEncoding encoding) {
    std::vector<std::uint32_t> starts{0};
    std::size_t at = 0;
    while (at < bytes.size()) {
        const std::size_t limit = std::min(bytes.size(), at + width);
        std::size_t next = limit;
        if (const auto nl = lineBreakEnd(bytes, at, limit, encoding)) {
            next = std::min(*nl, bytes.size());
        } else if (limit < bytes.size()) {
            // From the row's start, which starts a character: the look-back stays in the row.
            std::size_t aligned = at + alignToCharStart(bytes.subspan(at), limit - at, encoding);
            if (isUtf16(encoding) && (aligned - at) % 2 != 0) {
                --aligned; // a byte of a lone surrogate: keep rows on code units
            }
            if (aligned > at) {
                next = aligned; // else a character wider than the row: cut it (never loop)
            }
        }
        if (next >= bytes.size()) {
            break;
        }
        starts.push_back(static_cast<std::uint32_t>(next));
        at = next;
    }
    return starts;
}

} // namespace

std::vector<std::uint32_t> ByteLayout::computeTextRows(const Record& r) const {
    const std::vector<std::byte> bytes = m_store->recordBytes(r);
    // Decoding is far slower than a byte scan; a flood of large records would keep the GUI thread
    // busy decoding just to count rows. Large records are cut by bytes instead.
    if (bytes.size() > kExactTextRowsLimit) {
        return byteRowStarts(bytes, m_width, m_textOptions.encoding);
    }
    // Cut by cells as the text view draws them: a character and the marks drawn over it stay
    // on one row, and a row never takes more than `width` cells. A view that decodes one row
    // from its first byte gets the same units, since every row starts where a unit starts.
    // Decoded in slices: the units of a whole large record would take ~50 bytes per byte.
    constexpr std::size_t kSlice = 16 * 1024;
    TextDecoder decoder(m_textOptions, 0);
    // UTF-16 rows start on code units: a lone surrogate's two bytes are two units, and a row
    // decoded from the second would pair the bytes differently.
    const bool utf16 = isUtf16(m_textOptions.encoding);
    std::vector<std::uint32_t> starts{0};
    std::size_t column = 0;
    bool lineEnded = false;
    for (std::size_t at = 0; at < bytes.size(); at += kSlice) {
        const std::size_t n = std::min(kSlice, bytes.size() - at);
        const DecodedText decoded =
            decoder.decode(ByteView(bytes).subspan(at, n), at + n == bytes.size());
        for (const DecodedUnit& u : decoded.units) {
            const auto offset = static_cast<std::uint32_t>(u.byteOffset);
            const bool cut = lineEnded || (column > 0 && column + u.columns > m_width);
            if (cut && (!utf16 || offset % 2 == 0)) {
                starts.push_back(offset);
                column = 0;
            }
            column += u.columns;
            lineEnded = u.lineBreak; // '\n' in any encoding (two bytes in UTF-16)
        }
    }
    return starts;
}

std::uint32_t ByteLayout::rowCount(const Record& r) const {
    if (r.length == 0) {
        return 1;
    }
    if (m_mode == Mode::FixedWidth) {
        return 1 + (r.length + m_width - 1) / m_width;
    }
    return 1 + static_cast<std::uint32_t>(rowStarts(r).size());
}

bool ByteLayout::empty() const {
    return !first().has_value();
}

std::optional<Record> ByteLayout::nextAccepted(std::uint64_t seq) const {
    if (!m_store) {
        return std::nullopt;
    }
    seq = std::max(seq, m_store->beginSeq());
    const std::uint64_t limit = seq + kMaxScan;
    while (seq < m_store->endSeq() && seq < limit) {
        auto batch = m_store->records(seq, kBatch);
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            if (accepts(r)) {
                return r;
            }
        }
        seq = batch.back().seq + 1;
    }
    return std::nullopt;
}

std::optional<Record> ByteLayout::prevAccepted(std::uint64_t seq) const {
    if (!m_store || m_store->endSeq() == 0) {
        return std::nullopt;
    }
    const std::uint64_t begin = m_store->beginSeq();
    seq = std::min(seq, m_store->endSeq() - 1);
    std::uint64_t scanned = 0;
    while (seq >= begin && scanned < kMaxScan) {
        const std::uint64_t from = seq + 1 >= begin + kBatch ? seq + 1 - kBatch : begin;
        auto batch = m_store->records(from, static_cast<std::size_t>(seq + 1 - from));
        for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
            if (it->seq <= seq && accepts(*it)) {
                return *it;
            }
        }
        scanned += seq + 1 - from;
        if (from == begin || batch.empty()) {
            break;
        }
        seq = from - 1;
    }
    return std::nullopt;
}

std::optional<RowRef> ByteLayout::first() const {
    if (!m_store) {
        return std::nullopt;
    }
    if (auto r = nextAccepted(m_store->beginSeq())) {
        return RowRef{r->seq, 0};
    }
    return std::nullopt;
}

std::optional<RowRef> ByteLayout::last() const {
    if (!m_store || m_store->endSeq() == 0) {
        return std::nullopt;
    }
    if (auto r = prevAccepted(m_store->endSeq() - 1)) {
        return RowRef{r->seq, rowCount(*r) - 1};
    }
    return std::nullopt;
}

std::vector<LayoutRow> ByteLayout::rows(RowRef from, int count) const {
    std::vector<LayoutRow> out;
    if (!m_store || count <= 0) {
        return out;
    }
    auto rec = nextAccepted(from.seq);
    if (!rec) {
        return out;
    }
    std::uint32_t row = rec->seq == from.seq ? from.row : 0;
    while (rec && static_cast<int>(out.size()) < count) {
        const auto starts = rowStarts(*rec);
        const auto total = static_cast<std::uint32_t>(starts.size()) + 1;
        for (; row < total && static_cast<int>(out.size()) < count; ++row) {
            LayoutRow lr{*rec, row, 0, 0};
            if (row > 0) {
                lr.byteBegin = starts[row - 1];
                lr.byteEnd = row < starts.size() ? starts[row] : rec->length;
            }
            out.push_back(lr);
        }
        if (static_cast<int>(out.size()) < count) {
            rec = nextAccepted(rec->seq + 1);
            row = 0;
        }
    }
    return out;
}

RowRef ByteLayout::move(RowRef from, std::int64_t delta) const {
    auto rec = m_store ? m_store->record(from.seq) : std::nullopt;
    if (!rec || !accepts(*rec)) {
        rec = nextAccepted(from.seq);
        if (!rec) {
            auto l = last();
            return l ? *l : from;
        }
        from = {rec->seq, 0};
    }
    std::int64_t row = std::min<std::int64_t>(from.row, rowCount(*rec) - 1);
    if (delta >= 0) {
        for (;;) {
            const std::int64_t count = rowCount(*rec);
            if (row + delta < count) {
                return {rec->seq, static_cast<std::uint32_t>(row + delta)};
            }
            auto next = nextAccepted(rec->seq + 1);
            if (!next) {
                return {rec->seq, static_cast<std::uint32_t>(count - 1)};
            }
            delta -= count - row;
            rec = next;
            row = 0;
        }
    }
    delta = -delta;
    for (;;) {
        if (delta <= row) {
            return {rec->seq, static_cast<std::uint32_t>(row - delta)};
        }
        auto prev = rec->seq > 0 ? prevAccepted(rec->seq - 1) : std::nullopt;
        if (!prev) {
            return {rec->seq, 0};
        }
        delta -= row + 1;
        rec = prev;
        row = rowCount(*rec) - 1;
    }
}

std::optional<RowRef> ByteLayout::rowForArenaOffset(std::uint64_t offset) const {
    if (!m_store) {
        return std::nullopt;
    }
    auto seq = m_store->recordAtArenaOffset(offset);
    if (!seq) {
        return std::nullopt;
    }
    auto rec = m_store->record(*seq);
    if (!rec || !accepts(*rec) || rec->length == 0) {
        return std::nullopt;
    }
    const auto inRecord = static_cast<std::uint32_t>(offset - rec->arenaOffset);
    const auto starts = rowStarts(*rec);
    auto it = std::upper_bound(starts.begin(), starts.end(), inRecord);
    return RowRef{rec->seq, static_cast<std::uint32_t>(it - starts.begin())};
}

std::optional<RowRef> ByteLayout::rowForSeq(std::uint64_t seq) const {
    if (auto r = nextAccepted(seq)) {
        return RowRef{r->seq, 0};
    }
    return std::nullopt;
}

std::int64_t ByteLayout::recordPosition(const Record& r) const {
    const std::uint64_t begin = m_store->beginSeq();
    const auto firstRec = m_store->record(begin);
    const std::uint64_t base = firstRec ? firstRec->arenaOffset : 0;
    const std::uint64_t bytes = r.arenaOffset >= base ? r.arenaOffset - base : 0;
    return static_cast<std::int64_t>(r.seq - begin) + static_cast<std::int64_t>(bytes / m_width);
}

std::int64_t ByteLayout::position(RowRef ref) const {
    if (!m_store) {
        return 0;
    }
    auto rec = m_store->record(ref.seq);
    if (!rec) {
        return 0;
    }
    return recordPosition(*rec) + ref.row;
}

RowRef ByteLayout::fromPosition(std::int64_t pos) const {
    auto f = first();
    if (!f) {
        return {};
    }
    // Largest seq whose record position is <= pos (positions grow with seq).
    std::uint64_t lo = m_store->beginSeq();
    std::uint64_t hi = m_store->endSeq(); // exclusive
    while (hi - lo > 1) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        auto rec = m_store->record(mid);
        if (rec && recordPosition(*rec) <= pos) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    auto rec = m_store->record(lo);
    if (!rec) {
        return *f;
    }
    if (!accepts(*rec)) {
        auto prev = prevAccepted(lo);
        if (!prev) {
            return *f;
        }
        return {prev->seq, rowCount(*prev) - 1};
    }
    const std::int64_t within = std::max<std::int64_t>(0, pos - recordPosition(*rec));
    const std::int64_t row = std::min<std::int64_t>(within, rowCount(*rec) - 1);
    return {rec->seq, static_cast<std::uint32_t>(row)};
}

} // namespace socklab::ui
