#pragma once

#include "core/lab/lab_table.h"

#include <QAbstractTableModel>
#include <vector>

namespace socklab::ui {

/// The lab's side-by-side figures (core's labTableRows): one row per figure, columns
/// Figure / TCP / UDP. Empty until a run finished.
class LabResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FigureColumn = 0, TcpColumn, UdpColumn, ColumnCount };

    explicit LabResultModel(QObject* parent = nullptr);

    void setRows(std::vector<socklab::LabTableRow> rows);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<socklab::LabTableRow> m_rows;
};

} // namespace socklab::ui
