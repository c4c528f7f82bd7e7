#include "ui/import/conversation_model.h"

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

QString conversationEndpoints(const CaptureConversation& c) {
    return ConversationModel::tr("%1 -> %2").arg(qs(c.client.toString()), qs(c.server.toString()));
}

ConversationModel::ConversationModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConversationModel::setConversations(std::vector<CaptureConversation> conversations) {
    beginResetModel();
    m_rows = std::move(conversations);
    endResetModel();
}

const CaptureConversation* ConversationModel::conversationAt(int row) const {
    return row >= 0 && std::size_t(row) < m_rows.size() ? &m_rows[std::size_t(row)] : nullptr;
}

int ConversationModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConversationModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(ColumnCount);
}

QVariant ConversationModel::display(const CaptureConversation& c, int column) const {
    switch (column) {
    case Index:
        return c.index;
    case Protocol:
        return qs(captureProtocolName(c.protocol));
    case Endpoints:
        return conversationEndpoints(c);
    case Packets:
        return QVariant::fromValue(c.packetsOut + c.packetsIn);
    case BytesOut:
        return QVariant::fromValue(c.bytesOut);
    case BytesIn:
        return QVariant::fromValue(c.bytesIn);
    case Duration:
        return qs(captureDurationText(c.lastNs - c.firstNs));
    case Notes:
        return qs(conversationNotes(c));
    default:
        return {};
    }
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CaptureConversation& c = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(c, index.column());
    case Qt::ToolTipRole:
        return index.column() == Notes || index.column() == Endpoints ? display(c, index.column())
                                                                      : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Index || index.column() == Packets || index.column() == BytesOut ||
            index.column() == BytesIn || index.column() == Duration) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant ConversationModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Index:
        return tr("#");
    case Protocol:
        return tr("Protocol");
    case Endpoints:
        return tr("Client -> server");
    case Packets:
        return tr("Packets");
    case BytesOut:
        return tr("Bytes c->s");
    case BytesIn:
        return tr("Bytes s->c");
    case Duration:
        return tr("Duration");
    case Notes:
        return tr("Notes");
    default:
        return {};
    }
}

} // namespace socklab::ui
