#include "ui/lab/lab_messages_model.h"

#include "core/lab/lab_table.h"
#include "ui/lab/lab_palette.h"

#include <QBrush>

namespace socklab::ui {

namespace {

QString fateCell(const LabMessageFate& m) {
    QString text = fateText(m.fate);
    if (m.arrivals > 1) {
        text += QStringLiteral(" ×%1").arg(m.arrivals);
    }
    return text;
}

QString latencyCell(const LabMessageFate& m) {
    return m.latencyNs ? QString::fromStdString(labMillisText(*m.latencyNs)) : QStringLiteral("—");
}

} // namespace

LabMessagesModel::LabMessagesModel(QObject* parent) : QAbstractTableModel(parent) {}

void LabMessagesModel::setReports(const LabProtocolReport& tcp, const LabProtocolReport& udp) {
    beginResetModel();
    m_tcp = tcp.messages;
    m_udp = udp.messages;
    endResetModel();
}

void LabMessagesModel::clear() {
    beginResetModel();
    m_tcp.clear();
    m_udp.clear();
    endResetModel();
}

int LabMessagesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(std::max(m_tcp.size(), m_udp.size()));
}

int LabMessagesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LabMessagesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount()) {
        return {};
    }
    const auto row = std::size_t(index.row());
    const LabMessageFate* tcp = row < m_tcp.size() ? &m_tcp[row] : nullptr;
    const LabMessageFate* udp = row < m_udp.size() ? &m_udp[row] : nullptr;
    const LabMessageFate* m = index.column() <= TcpLatencyColumn ? tcp : udp;
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case SeqColumn:
            return QStringLiteral("#%1").arg(index.row() + 1);
        case TcpFateColumn:
        case UdpFateColumn:
            return m ? fateCell(*m) : QVariant();
        case TcpLatencyColumn:
        case UdpLatencyColumn:
            return m ? latencyCell(*m) : QVariant();
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && m &&
        (index.column() == TcpFateColumn || index.column() == UdpFateColumn)) {
        return fateColor(m->fate);
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == TcpLatencyColumn || index.column() == UdpLatencyColumn)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant LabMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeqColumn:
        return tr("Message");
    case TcpFateColumn:
        return tr("TCP");
    case TcpLatencyColumn:
        return tr("TCP latency");
    case UdpFateColumn:
        return tr("UDP");
    case UdpLatencyColumn:
        return tr("UDP latency");
    default:
        return {};
    }
}

} // namespace socklab::ui
