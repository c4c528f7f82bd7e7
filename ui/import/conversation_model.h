#pragma once

#include "core/pcapimport/capture_import.h"

#include <QAbstractTableModel>
#include <vector>

namespace socklab::ui {

/// The conversations of a capture file as a table: #, protocol, client -> server, packets,
/// bytes each way, duration, notes (the columns of `socklab-cli import`). Read-only.
class ConversationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column : std::uint8_t {
        Index = 0,
        Protocol,
        Endpoints,
        Packets,
        BytesOut,
        BytesIn,
        Duration,
        Notes,
        ColumnCount
    };

    explicit ConversationModel(QObject* parent = nullptr);

    void setConversations(std::vector<CaptureConversation> conversations);
    [[nodiscard]] const std::vector<CaptureConversation>& conversations() const { return m_rows; }
    /// The conversation of a row (rows are in file order); nullptr when out of range.
    [[nodiscard]] const CaptureConversation* conversationAt(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    [[nodiscard]] QVariant display(const CaptureConversation& c, int column) const;

    std::vector<CaptureConversation> m_rows;
};

/// "client -> server" of a conversation, as the list and the tab title show it.
[[nodiscard]] QString conversationEndpoints(const CaptureConversation& c);

} // namespace socklab::ui
