#include "ui/models/connection_model.h"

#include "core/net/endpoint.h"
#include "ui/views/record_text.h"

#include <QLocale>
#include <QTimer>
#include <algorithm>
#include <climits>
#include <cstring>
#include <tuple>

namespace socklab::ui {

namespace {

constexpr int kFrameMs = 33;
constexpr int kFullReadFrames = 1000 / kFrameMs;

bool isFinal(SessionState s) {
    return s == SessionState::Closed || s == SessionState::Failed;
}

template <class T> int threeWay(const T& a, const T& b) {
    return a < b ? -1 : (b < a ? 1 : 0);
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
    m_slotOf.clear();
    m_total = {};
    m_totalSettled = false;
    // A continued capture's connections come in the reset: one sort, no signal per row.
    if (m_store) {
        for (std::uint32_t id : m_store->connectionIds()) {
            if (id != 0 && !m_slotOf.contains(id)) {
                m_slotOf[id] = m_rows.size();
                m_rows.push_back(newRow(id, {}, false));
            }
        }
    }
    m_order.reset(m_rows.size());
    if (m_sortColumn >= 0) {
        sortRows();
    }
    endResetModel();
    refresh();
}

ConnectionModel::Row ConnectionModel::newRow(ConnectionId id, const QString& peer,
                                             bool known) const {
    Row r;
    r.id = id;
    setPeer(r, peer);
    if (known) {
        r.state = SessionState::Connected;
        r.age.start();
        r.shownSeconds = 0;
    }
    if (m_store) {
        r.counters = m_store->counters(id);
    }
    return r;
}

int ConnectionModel::addRow(ConnectionId id, const QString& peer, bool known) {
    // The row's keys are in place before its position is chosen; rowCount() follows m_order.
    const std::size_t slot = m_rows.size();
    m_rows.push_back(newRow(id, peer, known));
    const std::size_t pos =
        m_sortColumn < 0 ? slot
                         : m_order.insertPosition(
                               slot, [this](std::size_t a, std::size_t b) { return before(a, b); });
    const int row = static_cast<int>(pos);
    beginInsertRows({}, row, row);
    m_order.insert(pos, slot);
    m_slotOf[id] = slot; // listed only now: rowForConnection() before this says -1
    endInsertRows();
    return row;
}

void ConnectionModel::setPeer(Row& row, const QString& peer) {
    row.peer = peer;
    row.peerRank = peer.isEmpty() ? 3 : 2;
    row.peerAddress.fill(0);
    row.peerPort = 0;
    const auto ep = Endpoint::parse(peer.toStdString());
    if (!ep || (ep->kind() != AddressKind::Inet4 && ep->kind() != AddressKind::Inet6)) {
        return;
    }
    const std::span<const std::byte> bytes = ep->addressBytes();
    // An IPv4-mapped IPv6 peer (a dual-stack listener) sorts with the IPv4 peers.
    static constexpr std::array<std::uint8_t, 12> kMapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    const bool mapped = bytes.size() == 16 && std::memcmp(bytes.data(), kMapped.data(), 12) == 0;
    const std::span<const std::byte> address = mapped ? bytes.subspan(12) : bytes;
    row.peerRank = address.size() == 4 ? 0 : 1;
    std::memcpy(row.peerAddress.data(), address.data(), address.size());
    row.peerPort = ep->port();
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
    m_rows[m_order.slotAt(std::size_t(row))].upstream = upstream;
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
    const std::size_t slot = m_order.slotAt(static_cast<std::size_t>(row));
    Row& r = m_rows[slot];
    bool keyChanged = false;
    if (!peer.isEmpty() && peer != r.peer) {
        setPeer(r, peer);
        keyChanged = keyChanged || m_sortColumn == PeerColumn;
    }
    if (!r.age.isValid()) {
        r.age.start();
        r.shownSeconds = 0;
        keyChanged = keyChanged || m_sortColumn == AgeColumn;
    }
    if (state) {
        keyChanged = keyChanged || (m_sortColumn == StateColumn && r.state != state);
        r.state = *state;
        if (isFinal(*state) && r.endedMs < 0) {
            r.endedMs = r.age.elapsed();
            // The age stops at what it is now, in the unit it is shown (and sorted) in.
            keyChanged =
                keyChanged || (m_sortColumn == AgeColumn && r.endedMs / 1000 != r.shownSeconds);
            r.shownSeconds = r.endedMs / 1000;
        }
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (keyChanged) {
        reorder({slot});
    }
}

bool ConnectionModel::countersMayHaveChanged() {
    if (!m_store) {
        return false;
    }
    // Counters only grow, and the store counts a record in its total before the connection's:
    // a total equal to the one of the previous frame, which itself read every connection
    // after the total had stopped moving, means no connection changed since. Skipping the
    // per-connection reads (a lock each, ~6 ms a frame for 19,000 connections) then is safe;
    // a full read still runs once a second.
    const TrafficCounters total = m_store->counters();
    const bool same = total.bytesIn == m_total.bytesIn && total.bytesOut == m_total.bytesOut;
    const bool read = !same || !m_totalSettled || ++m_quietFrames >= kFullReadFrames;
    m_totalSettled = same;
    m_total = total;
    if (read) {
        m_quietFrames = 0;
    }
    return read;
}

void ConnectionModel::refresh() {
    std::vector<std::size_t> changed;
    const bool readCounters = countersMayHaveChanged();
    // One clock read for every row's age.
    QElapsedTimer now;
    now.start();
    for (std::size_t slot = 0; slot < m_rows.size(); ++slot) {
        Row& r = m_rows[slot];
        bool keyChanged = false;
        if (readCounters) {
            const TrafficCounters c = m_store->counters(r.id);
            if (c.bytesIn != r.counters.bytesIn || c.bytesOut != r.counters.bytesOut) {
                keyChanged = (m_sortColumn == BytesInColumn && c.bytesIn != r.counters.bytesIn) ||
                             (m_sortColumn == BytesOutColumn && c.bytesOut != r.counters.bytesOut);
                r.counters = c;
                const int row = static_cast<int>(m_order.rowOf(slot));
                emit dataChanged(index(row, BytesInColumn), index(row, BytesOutColumn));
            }
        }
        if (r.age.isValid() && r.endedMs < 0) {
            const qint64 seconds = r.age.msecsTo(now) / 1000;
            if (seconds != r.shownSeconds) {
                r.shownSeconds = seconds;
                keyChanged = keyChanged || m_sortColumn == AgeColumn;
                const int row = static_cast<int>(m_order.rowOf(slot));
                emit dataChanged(index(row, AgeColumn), index(row, AgeColumn));
            }
        }
        if (keyChanged) {
            changed.push_back(slot);
        }
    }
    reorder(changed);
}

int ConnectionModel::compare(const Row& a, const Row& b) const {
    switch (m_sortColumn) {
    case PeerColumn: {
        if (a.peerRank != b.peerRank) {
            return threeWay(a.peerRank, b.peerRank);
        }
        if (a.peerRank == 2) {
            return a.peer.compare(b.peer);
        }
        if (const int c = std::memcmp(a.peerAddress.data(), b.peerAddress.data(), 16); c != 0) {
            return c;
        }
        return threeWay(a.peerPort, b.peerPort);
    }
    case StateColumn: {
        // Unknown states last; the others in their life-cycle order.
        const int sa = a.state ? static_cast<int>(*a.state) : INT_MAX;
        const int sb = b.state ? static_cast<int>(*b.state) : INT_MAX;
        return threeWay(sa, sb);
    }
    case BytesInColumn:
        return threeWay(a.counters.bytesIn, b.counters.bytesIn);
    case BytesOutColumn:
        return threeWay(a.counters.bytesOut, b.counters.bytesOut);
    case AgeColumn:
        if (const int c = threeWay(a.shownSeconds, b.shownSeconds); c != 0) {
            return c;
        }
        return threeWay(b.id, a.id); // the same second shown: the newer one is younger
    default:
        return 0;
    }
}

bool ConnectionModel::before(std::size_t a, std::size_t b) const {
    if (m_sortOrder == Qt::DescendingOrder && m_sortColumn >= 0) {
        std::swap(a, b);
    }
    const int c = compare(m_rows[a], m_rows[b]);
    return c != 0 ? c < 0 : a < b;
}

template <class Change> void ConnectionModel::relayout(Change change) {
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    std::vector<std::size_t> rowSlots;
    rowSlots.reserve(static_cast<std::size_t>(from.size()));
    for (const QModelIndex& i : from) {
        rowSlots.push_back(m_order.slotAt(static_cast<std::size_t>(i.row())));
    }
    change();
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const auto row = static_cast<int>(m_order.rowOf(rowSlots[static_cast<std::size_t>(i)]));
        to.append(index(row, from[i].column()));
    }
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void ConnectionModel::reorder(const std::vector<std::size_t>& changed) {
    const auto less = [this](std::size_t a, std::size_t b) { return before(a, b); };
    if (m_sortColumn < 0 || changed.empty() || m_order.inOrder(changed, less)) {
        return;
    }
    relayout([&] { m_order.repair(changed, less); });
}

void ConnectionModel::sort(int column, Qt::SortOrder order) {
    if (column < -1 || column >= ColumnCount) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    relayout([this] { sortRows(); });
}

void ConnectionModel::sortRows() {
    std::optional<std::vector<std::size_t>> sorted = sortedByKeys();
    if (sorted) {
        m_order.assign(std::move(*sorted));
    } else {
        m_order.sort([this](std::size_t a, std::size_t b) { return before(a, b); });
    }
}

std::optional<std::vector<std::size_t>> ConnectionModel::sortedByKeys() const {
    // The same order as before(), from keys packed next to each other: a sort of 19,000 rows
    // then reads 24 bytes a row instead of scattered Row structures.
    struct Key {
        std::uint64_t a = 0;
        std::uint64_t b = 0;
        std::uint32_t c = 0;
        std::uint32_t slot = 0;
        bool operator<(const Key& o) const {
            return std::tie(a, b, c, slot) < std::tie(o.a, o.b, o.c, o.slot);
        }
    };
    std::vector<Key> keys(m_rows.size());
    for (std::size_t slot = 0; slot < m_rows.size(); ++slot) {
        const Row& r = m_rows[slot];
        Key& k = keys[slot];
        k.slot = static_cast<std::uint32_t>(slot);
        switch (m_sortColumn) {
        case PeerColumn: {
            if (r.peerRank == 2) {
                return std::nullopt; // names that are not addresses compare as text
            }
            // rank, address bytes 0-6 | bytes 7-14 | byte 15, port: compare() in three words.
            const auto& p = r.peerAddress;
            k.a = std::uint64_t(r.peerRank) << 56;
            for (int i = 0; i < 7; ++i) {
                k.a |= std::uint64_t(p[std::size_t(i)]) << (8 * (6 - i));
            }
            for (int i = 7; i < 15; ++i) {
                k.b = (k.b << 8) | p[std::size_t(i)];
            }
            k.c = (std::uint32_t(p[15]) << 16) | r.peerPort;
            break;
        }
        case StateColumn:
            k.a = r.state ? static_cast<std::uint64_t>(*r.state) : std::uint64_t(INT_MAX);
            break;
        case BytesInColumn:
            k.a = r.counters.bytesIn;
            break;
        case BytesOutColumn:
            k.a = r.counters.bytesOut;
            break;
        case AgeColumn:
            k.a = static_cast<std::uint64_t>(r.shownSeconds + 1); // unknown (-1) first
            k.b = UINT64_MAX - r.id;                              // newer first
            break;
        default:
            break;
        }
    }
    std::sort(keys.begin(), keys.end());
    std::vector<std::size_t> out(keys.size());
    // Descending is ascending reversed, ties included (as in before()).
    const bool down = m_sortOrder == Qt::DescendingOrder && m_sortColumn >= 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        out[down ? keys.size() - 1 - i : i] = keys[i].slot;
    }
    return out;
}

const ConnectionModel::Row& ConnectionModel::rowAt(int row) const {
    return m_rows[m_order.slotAt(static_cast<std::size_t>(row))];
}

std::optional<ConnectionId> ConnectionModel::connectionAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return std::nullopt;
    }
    return rowAt(row).id;
}

int ConnectionModel::rowForConnection(ConnectionId connection) const {
    const auto it = m_slotOf.find(connection);
    return it == m_slotOf.end() ? -1 : static_cast<int>(m_order.rowOf(it->second));
}

std::optional<SessionState> ConnectionModel::stateOf(ConnectionId id) const {
    const auto it = m_slotOf.find(id);
    return it == m_slotOf.end() ? std::nullopt : m_rows[it->second].state;
}

int ConnectionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_order.size());
}

int ConnectionModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Row& r = rowAt(index.row());
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
