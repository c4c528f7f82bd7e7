#pragma once

#include "core/capture/traffic_store.h"
#include "core/vocab/events.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace socklab::ui {

/// The accepted connections of a listener tab: peer, state, bytes in/out (from the store's
/// per-connection counters) and age. Rows are added from Accepted events; counters and ages
/// are refreshed at frame rate, emitting dataChanged only for cells that changed.
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
    };
    int addRow(socklab::ConnectionId id, const QString& peer, bool known);
    void update(socklab::ConnectionId connection, const QString& peer,
                std::optional<socklab::SessionState> state);

    std::shared_ptr<const socklab::TrafficStore> m_store;
    std::vector<Row> m_rows;
    QTimer* m_timer;
    bool m_relay = false;
};

} // namespace socklab::ui
