#pragma once

#include "core/lab/lab_report.h"

#include <QAbstractTableModel>

namespace socklab::ui {

/// Every message of a lab run, TCP and UDP side by side: # / TCP fate / TCP latency / UDP fate
/// / UDP latency (the text equivalent of the lanes, and what the lanes' clicks select).
class LabMessagesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SeqColumn = 0,
        TcpFateColumn,
        TcpLatencyColumn,
        UdpFateColumn,
        UdpLatencyColumn,
        ColumnCount
    };

    explicit LabMessagesModel(QObject* parent = nullptr);

    void setReports(const socklab::LabProtocolReport& tcp, const socklab::LabProtocolReport& udp);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<socklab::LabMessageFate> m_tcp;
    std::vector<socklab::LabMessageFate> m_udp;
};

} // namespace socklab::ui
