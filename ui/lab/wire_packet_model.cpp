#include "ui/lab/wire_packet_model.h"

#include "core/packet/packet.h"

#include <QColor>
#include <algorithm>

namespace socklab::ui {

namespace {

constexpr std::size_t kBatch = 4096; // records read per refresh step

} // namespace

WirePacketModel::WirePacketModel(QObject* parent) : QAbstractTableModel(parent) {}

void WirePacketModel::setStore(std::shared_ptr<const TrafficStore> store) {
    beginResetModel();
    m_store = std::move(store);
    m_rows.clear();
    m_nextSeq = 0;
    m_firstNs = 0;
    m_tcp.reset();
    endResetModel();
    refresh();
}

void WirePacketModel::refresh() {
    if (!m_store) {
        return;
    }
    std::vector<std::byte> bytes;
    const int before = int(m_rows.size());
    for (;;) {
        const std::uint64_t begin = std::max(m_nextSeq, m_store->beginSeq());
        const std::vector<Record> batch = m_store->records(begin, kBatch);
        if (batch.empty()) {
            break;
        }
        std::vector<Row> added;
        for (const Record& r : batch) {
            m_nextSeq = r.seq + 1;
            if (r.kind != RecordKind::Data) {
                continue;
            }
            bytes.resize(r.length);
            bytes.resize(m_store->readArena(r.arenaOffset, bytes));
            const DecodedPacket packet = decodePacket(bytes, r.wireLength);
            const TcpMarks marks = m_tcp.feed(packet, r.monoNs);
            if (m_rows.empty() && added.empty()) {
                m_firstNs = r.monoNs;
            }
            added.push_back({r.seq, r.monoNs, r.direction,
                             QString::fromStdString(packetSummary(packet, &marks)),
                             marks.tcp && marks.anyMark()});
        }
        if (!added.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(added.size()) - 1);
            m_rows.insert(m_rows.end(), std::make_move_iterator(added.begin()),
                          std::make_move_iterator(added.end()));
            endInsertRows();
        }
        if (batch.size() < kBatch) {
            break;
        }
    }
    // The wire fills in how long it held a packet when it leaves: the fates of the rows that
    // were already shown may have changed.
    if (before > 0) {
        emit dataChanged(index(0, FateColumn), index(before - 1, FateColumn));
    }
}

int WirePacketModel::rowOfRecord(std::uint64_t seq) const {
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), seq,
                                     [](const Row& r, std::uint64_t s) { return r.seq < s; });
    return it != m_rows.end() && it->seq == seq ? int(it - m_rows.begin()) : -1;
}

int WirePacketModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WirePacketModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString WirePacketModel::fateOf(const Row& row) const {
    const auto r = m_store ? m_store->record(row.seq) : std::nullopt;
    if (!r) {
        return {};
    }
    QStringList parts;
    if (r->flags & RecordFlag::WireDropped) {
        parts << tr("dropped");
    }
    if (r->flags & RecordFlag::WireDuplicated) {
        parts << tr("duplicated");
    }
    if (r->flags & RecordFlag::WireCorrupted) {
        parts << tr("corrupted");
    }
    if (r->flags & RecordFlag::WireReordered) {
        parts << tr("reordered");
    }
    if (r->flags & RecordFlag::Truncated) {
        parts << tr("truncated");
    }
    if (r->wireDelayUs > 0) {
        parts << tr("held %1 ms").arg(r->wireDelayUs / 1000.0, 0, 'f', 1);
    } else if ((r->flags & RecordFlag::WireDropped) == 0) {
        parts << tr("in flight");
    }
    return parts.join(QStringLiteral(", "));
}

QVariant WirePacketModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.row() >= int(m_rows.size())) {
        return {};
    }
    const Row& row = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NumberColumn:
            return index.row() + 1;
        case TimeColumn:
            return QString::number(double(row.monoNs - m_firstNs) / 1e6, 'f', 3);
        case DirectionColumn:
            return row.direction == Direction::In ? tr("A → B") : tr("B → A");
        case SummaryColumn:
            return row.summary;
        case FateColumn:
            return fateOf(row);
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == FateColumn && m_store) {
            const auto r = m_store->record(row.seq);
            if (r && (r->flags & RecordFlag::WireDropped) != 0) {
                return QColor(0xc6, 0x28, 0x28);
            }
        }
        if (index.column() == SummaryColumn && row.marked) {
            return QColor(0xb2, 0x5e, 0x00);
        }
        return {};
    case RecordSeqRole:
        return QVariant::fromValue(quint64(row.seq));
    case MarkedRole:
        return row.marked;
    default:
        return {};
    }
}

QVariant WirePacketModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NumberColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time (ms)");
    case DirectionColumn:
        return tr("Direction");
    case SummaryColumn:
        return tr("Packet");
    case FateColumn:
        return tr("Fate on the wire");
    default:
        return {};
    }
}

} // namespace socklab::ui
