#pragma once

#include "core/capture/traffic_store.h"
#include "core/packet/tcp_analysis.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace socklab::ui {

/// The lab wire's packets, one row per IP packet in the order the hosts sent them: number, time
/// since the first, direction, the decoded one-line summary with Wireshark-style TCP marks
/// (core's packetSummary + TcpAnalyzer), and the fate (dropped, duplicated, corrupted,
/// reordered, how long the wire held it). Rows are decoded once, as records arrive (append()),
/// in order, because the TCP marks depend on every packet before; the fate column is read from
/// the store each time (the delay is filled in when a packet leaves the wire).
class WirePacketModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NumberColumn = 0,
        TimeColumn,
        DirectionColumn,
        SummaryColumn,
        FateColumn,
        ColumnCount
    };
    /// Extra roles: the record's seq in the wire's store, and whether TCP marks are present.
    enum Role { RecordSeqRole = Qt::UserRole + 1, MarkedRole };

    explicit WirePacketModel(QObject* parent = nullptr);

    /// Show this store's packets (nullptr: none); rows for what it already holds are added.
    void setStore(std::shared_ptr<const socklab::TrafficStore> store);
    /// Decode records appended since the last call (cheap when nothing is new).
    void refresh();
    /// The row of a record seq, or -1.
    [[nodiscard]] int rowOfRecord(std::uint64_t seq) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        std::uint64_t seq = 0;
        std::int64_t monoNs = 0;
        socklab::Direction direction = socklab::Direction::In;
        QString summary;
        bool marked = false;
    };
    [[nodiscard]] QString fateOf(const Row& row) const;

    std::shared_ptr<const socklab::TrafficStore> m_store;
    std::uint64_t m_nextSeq = 0;
    std::int64_t m_firstNs = 0;
    socklab::TcpAnalyzer m_tcp;
    std::vector<Row> m_rows;
};

} // namespace socklab::ui
