#pragma once

#include "core/capture/traffic_store.h"
#include "ui/views/record_text.h"

#include <QAbstractTableModel>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace socklab::ui {

/// The capture log as a table: one row per record (data and lifecycle events). It grows with
/// beginInsertRows and shrinks from the front with beginRemoveRows when the store drops old
/// records; refresh() is called at frame rate, never per packet. Without a connection filter a
/// row is just seq - beginSeq; with one, the matching seqs are collected incrementally.
class TrafficModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn = 0,
        DirectionColumn,
        ConnectionColumn,
        LengthColumn,
        FlagsColumn,
        PreviewColumn,
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole + 1, ///< quint64 record seq
        ArenaOffsetRole,            ///< quint64 first arena offset of the record's bytes
        LengthRole,                 ///< quint32 captured bytes
        KindRole,                   ///< int RecordKind
        DirectionRole,              ///< int Direction
    };

    explicit TrafficModel(QObject* parent = nullptr);

    void setStore(std::shared_ptr<const TrafficStore> store);
    [[nodiscard]] const std::shared_ptr<const TrafficStore>& store() const { return m_store; }
    /// nullopt = every connection.
    void setConnectionFilter(std::optional<std::uint32_t> connectionId);
    /// Name directions as a socket's (in/out) or a relay's (client->server...).
    void setDirectionNames(DirectionNames names);
    /// How the preview column reads bytes as text (UTF-8 by default).
    void setTextEncoding(TextEncoding encoding);
    /// Pick up records appended or dropped since the last call.
    void refresh();

    [[nodiscard]] std::optional<Record> recordAt(int row) const;
    [[nodiscard]] std::optional<std::uint64_t> seqAt(int row) const;
    /// Row of a record, or -1 when it is not shown.
    [[nodiscard]] int rowForSeq(std::uint64_t seq) const;
    /// Row of the record holding an arena offset, or -1.
    [[nodiscard]] int rowForArenaOffset(std::uint64_t offset) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    DirectionNames m_directionNames = DirectionNames::Socket;
    TextEncoding m_encoding = TextEncoding::Utf8;
    [[nodiscard]] const Record* cachedRecord(std::uint64_t seq) const;
    [[nodiscard]] QString previewText(const Record& r) const;
    void reset();

    std::shared_ptr<const TrafficStore> m_store;
    std::optional<std::uint32_t> m_filter;
    // Unfiltered: rows are [m_begin, m_end). Filtered: rows are m_seqs, scanned up to m_end.
    std::uint64_t m_begin = 0;
    std::uint64_t m_end = 0;
    std::deque<std::uint64_t> m_seqs;
    // A window of records around the last rows asked for; dropped at each refresh.
    mutable std::vector<Record> m_cache;
};

} // namespace socklab::ui
