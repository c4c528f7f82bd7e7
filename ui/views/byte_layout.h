#pragma once

#include "core/capture/record.h"
#include "core/capture/traffic_store.h"
#include "core/codec/text_decode.h"

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace socklab::ui {

/// A display row of a byte view: row 0 of each record is its header line (timestamp,
/// direction, length); data rows follow.
struct RowRef {
    std::uint64_t seq = 0;
    std::uint32_t row = 0;
    friend bool operator==(const RowRef&, const RowRef&) = default;
};

/// One laid-out row: which record, and which of its bytes (offsets within the record).
struct LayoutRow {
    Record record;
    std::uint32_t row = 0;
    std::uint32_t byteBegin = 0;
    std::uint32_t byteEnd = 0;
    [[nodiscard]] bool isHeader() const { return row == 0; }
    [[nodiscard]] std::uint64_t arenaBegin() const { return record.arenaOffset + byteBegin; }
    [[nodiscard]] std::uint64_t arenaEnd() const { return record.arenaOffset + byteEnd; }
};

/// Maps a capture to display rows without a whole-capture index: rows are addressed relative
/// to a record (RowRef), so painting, scrolling and jumping touch only the records on screen.
/// The scroll bar uses an approximate position (records + bytes / width) that is inverted by a
/// binary search over seq, so a jump anywhere in a huge capture costs O(log n) record reads.
class ByteLayout {
public:
    enum class Mode : std::uint8_t {
        FixedWidth = 1, ///< hex: every row holds `width` bytes
        TextLines,      ///< text: a row ends after '\n' or when `width` cells are full
    };

    ByteLayout(Mode mode, std::uint32_t width);

    void setStore(std::shared_ptr<const TrafficStore> store);
    [[nodiscard]] const TrafficStore* store() const { return m_store.get(); }
    void setFilter(std::optional<std::uint32_t> connectionId);
    [[nodiscard]] std::optional<std::uint32_t> filter() const { return m_filter; }
    void setWidth(std::uint32_t width);
    [[nodiscard]] std::uint32_t width() const { return m_width; }
    [[nodiscard]] Mode mode() const { return m_mode; }
    /// How TextLines decodes bytes: rows are cut by the cells characters take (wide characters
    /// two, combining marks none, escapes one per output character), never inside one.
    void setTextOptions(const TextDecodeOptions& options);
    [[nodiscard]] const TextDecodeOptions& textOptions() const { return m_textOptions; }

    [[nodiscard]] bool accepts(const Record& r) const;
    /// Byte offsets (within the record) where each data row starts; empty for no bytes.
    [[nodiscard]] std::vector<std::uint32_t> rowStarts(const Record& r) const;
    /// Records up to this size are cut by decoded cells; larger ones by bytes (see .cpp).
    static constexpr std::size_t kExactTextRowsLimit = 16 * 1024;
    /// 1 (header) + number of data rows.
    [[nodiscard]] std::uint32_t rowCount(const Record& r) const;

    [[nodiscard]] bool empty() const;
    [[nodiscard]] std::optional<RowRef> first() const;
    [[nodiscard]] std::optional<RowRef> last() const;
    /// Up to count rows starting at from.
    [[nodiscard]] std::vector<LayoutRow> rows(RowRef from, int count) const;
    /// from moved by delta rows, clamped to the first/last row.
    [[nodiscard]] RowRef move(RowRef from, std::int64_t delta) const;
    /// The data row holding an arena offset (nullopt when the record is gone or filtered out).
    [[nodiscard]] std::optional<RowRef> rowForArenaOffset(std::uint64_t offset) const;
    /// The header row of a record (nearest accepted record at or after seq).
    [[nodiscard]] std::optional<RowRef> rowForSeq(std::uint64_t seq) const;

    /// Approximate scroll position of a row (monotonic in the row order).
    [[nodiscard]] std::int64_t position(RowRef ref) const;
    /// Inverse of position(): the row at or before an approximate position.
    [[nodiscard]] RowRef fromPosition(std::int64_t pos) const;

    /// Forget cached text row splits (after the store changed identity).
    void clearCache();

private:
    [[nodiscard]] std::optional<Record> nextAccepted(std::uint64_t seq) const; // >= seq
    [[nodiscard]] std::optional<Record> prevAccepted(std::uint64_t seq) const; // <= seq
    [[nodiscard]] std::int64_t recordPosition(const Record& r) const;
    std::vector<std::uint32_t> computeTextRows(const Record& r) const;

    Mode m_mode;
    std::uint32_t m_width;
    std::shared_ptr<const TrafficStore> m_store;
    std::optional<std::uint32_t> m_filter;
    TextDecodeOptions m_textOptions{TextEncoding::Utf8, InvalidByteStyle::Replacement,
                                    ControlStyle::Pictures};
    // Small LRU of text row splits, keyed by seq: only records near the screen are split.
    mutable std::list<std::pair<std::uint64_t, std::vector<std::uint32_t>>> m_lru;
    mutable std::unordered_map<std::uint64_t, decltype(m_lru)::iterator> m_lruIndex;
};

} // namespace socklab::ui
