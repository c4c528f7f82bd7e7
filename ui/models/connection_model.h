#pragma once

#include "core/capture/traffic_store.h"
#include "core/vocab/events.h"
#include "ui/models/row_order.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <array>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QTimer;

namespace socklab::ui {

/// The accepted connections of a listener tab: peer, state, bytes in/out (from the store's
/// per-connection counters) and age. Rows are added from Accepted events; counters and ages
/// are refreshed at frame rate, emitting dataChanged only for cells that changed.
/// Sortable by any column (sort(); column -1 is the accept order) without a proxy: the model
/// keeps the order itself, places new rows by binary search and, when keys change at frame
/// rate, moves only the rows that left their place (a layout change, persistent indexes
/// following their connections). Numbers sort as numbers, peers by address (IPv4, then IPv6,
/// then other names) and port.
class ConnectionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PeerColumn = 0,
        StateColumn,
        BytesInColumn,
        BytesOutColumn,
        AgeColumn,
        ColumnCount
    };
    enum Role { ConnectionIdRole = Qt::UserRole + 1 };

    explicit ConnectionModel(QObject* parent = nullptr);

    /// The listener's store; connections already in it are listed (peer and age unknown).
    void setStore(std::shared_ptr<const socklab::TrafficStore> store);
    /// Feed the session's events (Accepted adds a row, StateChanged updates one).
    void handleEvent(const socklab::EngineEvent& event);
    /// A listener accepted `connection` (SessionHandle::accepted).
    void onAccepted(socklab::ConnectionId connection, const QString& peer);
    /// A child connection changed state (SessionHandle::stateChanged; connection 0 ignored).
    void onStateChanged(socklab::ConnectionId connection, socklab::SessionState state,
                        const QString& local, const QString& peer);
    /// A relay pair's/mapping's upstream side (SessionHandle::upstreamChanged), shown after
    /// its client: "conn 1 127.0.0.1:5000 → 127.0.0.1:41000 -> 127.0.0.1:9000".
    void onUpstream(socklab::ConnectionId connection, const QString& upstream);
    /// A relay's rows: the byte columns read "→ server" / "→ client" instead of in/out.
    void setRelay(bool relay);
    /// The language changed: headers and cells (state names, ages) are shown again.
    void retranslate();
    [[nodiscard]] bool isRelay() const { return m_relay; }
    /// Re-read counters and ages now (the model's own timer does this ~30 times a second).
    void refresh();

    [[nodiscard]] std::optional<socklab::ConnectionId> connectionAt(int row) const;
    /// Row of a connection, or -1.
    [[nodiscard]] int rowForConnection(socklab::ConnectionId connection) const;
    [[nodiscard]] std::optional<socklab::SessionState> stateOf(socklab::ConnectionId id) const;

    /// The column sorted by (-1: accept order) and its direction.
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        socklab::ConnectionId id = 0;
        QString peer;
        QString upstream; ///< relay pairs/mappings only
        std::optional<socklab::SessionState> state;
        socklab::TrafficCounters counters;
        QElapsedTimer age;   ///< invalid when the accept time is unknown
        qint64 endedMs = -1; ///< age frozen when the connection closed
        qint64 shownSeconds = -1;
        /// The peer as a sort key: family rank (IPv4 0, IPv6 1, other text 2, none 3),
        /// address bytes (network order) and port.
        std::uint8_t peerRank = 3;
        std::array<std::uint8_t, 16> peerAddress{};
        std::uint16_t peerPort = 0;
    };
    int addRow(socklab::ConnectionId id, const QString& peer, bool known);
    /// A new row's data (not yet listed).
    [[nodiscard]] Row newRow(socklab::ConnectionId id, const QString& peer, bool known) const;
    /// Puts every row in the order of the sort column (no signals: the caller's).
    void sortRows();
    void update(socklab::ConnectionId connection, const QString& peer,
                std::optional<socklab::SessionState> state);
    static void setPeer(Row& row, const QString& peer);
    [[nodiscard]] const Row& rowAt(int row) const;
    /// Whether the row in slot a is shown before the one in slot b (the sort, with ties in
    /// accept order; ages tie newest first so that open connections never swap).
    [[nodiscard]] bool before(std::size_t a, std::size_t b) const;
    [[nodiscard]] int compare(const Row& a, const Row& b) const;
    /// Every row in the sort order, by packed keys; nullopt when they cannot express it.
    [[nodiscard]] std::optional<std::vector<std::size_t>> sortedByKeys() const;
    /// Whether this frame must read every connection's counters (see the .cpp).
    bool countersMayHaveChanged();
    /// Rows whose sort key changed: moved back into order if they left it.
    void reorder(const std::vector<std::size_t>& changed);
    /// Re-order through `change` as one layout change, persistent indexes following their rows.
    template <class Change> void relayout(Change change);

    std::shared_ptr<const socklab::TrafficStore> m_store;
    std::vector<Row> m_rows; ///< in accept order (slots); shown through m_order
    RowOrder m_order;
    std::unordered_map<socklab::ConnectionId, std::size_t> m_slotOf;
    socklab::TrafficCounters m_total; ///< the store's total at the last refresh
    bool m_totalSettled = false;      ///< ... equal to the one before it
    int m_quietFrames = 0;            ///< refreshes without reading every connection
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QTimer* m_timer;
    bool m_relay = false;
};

} // namespace socklab::ui
