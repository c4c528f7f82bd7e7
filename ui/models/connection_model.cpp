#include "ui/models/connection_model.h"

#include "ui/views/record_text.h"

#include <QLocale>
#include <QTimer>
#include <algorithm>

namespace socklab::ui {

namespace {

constexpr int kFrameMs = 33;

bool isFinal(SessionState s) {
    return s == SessionState::Closed || s == SessionState::Failed;
}

QString ageText(qint64 ms) {
    const qint64 s = ms / 1000;
    if (s < 60) {
        return ConnectionModel::tr("%1 s").arg(s);
    }
    if (s < 3600) {
        return ConnectionModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    }
    return ConnectionModel::tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
}

} // namespace

ConnectionModel::ConnectionModel(QObject* parent)
    : QAbstractTableModel(parent), m_timer(new QTimer(this)) {
    connect(m_timer, &QTimer::timeout, this, &ConnectionModel::refresh);
    m_timer->start(kFrameMs);
}

void ConnectionModel::setStore(std::shared_ptr<const TrafficStore> store) {
    beginResetModel();
    m_store = std::move(store);
    m_rows.clear();
    endResetModel();
    if (m_store) {
        for (std::uint32_t id : m_store->connectionIds()) {
            if (id != 0) {
                addRow(id, {}, false);
            }
        }
    }
    refresh();
}

int ConnectionModel::addRow(ConnectionId id, const QString& peer, bool known) {
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    Row r;
    r.id = id;
    r.peer = peer;
    if (known) {
        r.state = SessionState::Connected;
        r.age.start();
    }
    if (m_store) {
        r.counters = m_store->counters(id);
    }
    m_rows.push_back(std::move(r));
    endInsertRows();
    return row;
}

void ConnectionModel::handleEvent(const EngineEvent& event) {
    const QString peer = QString::fromStdString(event.peer);
    if (event.kind == EngineEvent::Kind::Accepted) {
        onAccepted(event.connection, peer);
    } else if (event.kind == EngineEvent::Kind::StateChanged) {
        onStateChanged(event.connection, event.state, {}, peer);
    }
}

void ConnectionModel::onAccepted(ConnectionId connection, const QString& peer) {
    if (connection == 0 || connection == kAllConnections) {
        return;
    }
    if (rowForConnection(connection) < 0) {
        addRow(connection, peer, true);
        return;
    }
    update(connection, peer, std::nullopt);
}

void ConnectionModel::onStateChanged(ConnectionId connection, SessionState state,
                                     const QString& /*local*/, const QString& peer) {
    if (connection == 0 || connection == kAllConnections) {
        return;
    }
    update(connection, peer, state);
}

void ConnectionModel::onUpstream(ConnectionId connection, const QString& upstream) {
    if (connection == 0 || connection == kAllConnections || upstream.isEmpty()) {
        return;
    }
    int row = rowForConnection(connection);
    if (row < 0) {
        row = addRow(connection, {}, true);
    }
    m_rows[std::size_t(row)].upstream = upstream;
    emit dataChanged(index(row, PeerColumn), index(row, PeerColumn));
}

void ConnectionModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
}

void ConnectionModel::setRelay(bool relay) {
    if (relay != m_relay) {
        m_relay = relay;
        emit headerDataChanged(Qt::Horizontal, BytesInColumn, BytesOutColumn);
    }
}

void ConnectionModel::update(ConnectionId connection, const QString& peer,
                             std::optional<SessionState> state) {
    int row = rowForConnection(connection);
    if (row < 0) {
        row = addRow(connection, peer, true);
    }
    Row& r = m_rows[static_cast<std::size_t>(row)];
    if (!peer.isEmpty()) {
        r.peer = peer;
    }
    if (!r.age.isValid()) {
        r.age.start();
    }
    if (state) {
        r.state = *state;
        if (isFinal(*state) && r.endedMs < 0) {
            r.endedMs = r.age.elapsed();
        }
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ConnectionModel::refresh() {
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        const int row = static_cast<int>(i);
        if (m_store) {
            const TrafficCounters c = m_store->counters(r.id);
            if (c.bytesIn != r.counters.bytesIn || c.bytesOut != r.counters.bytesOut) {
                r.counters = c;
                emit dataChanged(index(row, BytesInColumn), index(row, BytesOutColumn));
            }
        }
        if (r.age.isValid() && r.endedMs < 0) {
            const qint64 seconds = r.age.elapsed() / 1000;
            if (seconds != r.shownSeconds) {
                r.shownSeconds = seconds;
                emit dataChanged(index(row, AgeColumn), index(row, AgeColumn));
            }
        }
    }
}

std::optional<ConnectionId> ConnectionModel::connectionAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return std::nullopt;
    }
    return m_rows[static_cast<std::size_t>(row)].id;
}

int ConnectionModel::rowForConnection(ConnectionId connection) const {
    auto it = std::find_if(m_rows.begin(), m_rows.end(),
                           [connection](const Row& r) { return r.id == connection; });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

std::optional<SessionState> ConnectionModel::stateOf(ConnectionId id) const {
    const int row = rowForConnection(id);
    return row < 0 ? std::nullopt : m_rows[static_cast<std::size_t>(row)].state;
}

int ConnectionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ConnectionModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == ConnectionIdRole) {
        return QVariant::fromValue<quint32>(r.id);
    }
    if (role == Qt::TextAlignmentRole && index.column() >= BytesInColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case PeerColumn: {
        QString text =
            r.peer.isEmpty() ? tr("conn %1").arg(r.id) : tr("conn %1 %2").arg(r.id).arg(r.peer);
        if (!r.upstream.isEmpty()) {
            text = tr("%1 → %2").arg(text, r.upstream);
        }
        return text;
    }
    case StateColumn:
        return r.state ? stateText(*r.state) : QStringLiteral("?");
    case BytesInColumn:
        return locale.toString(static_cast<qulonglong>(r.counters.bytesIn));
    case BytesOutColumn:
        return locale.toString(static_cast<qulonglong>(r.counters.bytesOut));
    case AgeColumn:
        if (!r.age.isValid()) {
            return QStringLiteral("?");
        }
        return ageText(r.endedMs >= 0 ? r.endedMs : r.age.elapsed());
    default:
        return {};
    }
}

QVariant ConnectionModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case PeerColumn:
        return m_relay ? tr("Client → upstream") : tr("Peer");
    case StateColumn:
        return tr("State");
    case BytesInColumn:
        // A relay records client -> server as In and server -> client as Out.
        return m_relay ? tr("Bytes → server") : tr("Bytes in");
    case BytesOutColumn:
        return m_relay ? tr("Bytes → client") : tr("Bytes out");
    case AgeColumn:
        return tr("Age");
    default:
        return {};
    }
}

} // namespace socklab::ui
