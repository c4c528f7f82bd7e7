#include "ui/lab/lab_result_model.h"

#include <QCoreApplication>

namespace socklab::ui {

namespace {

/// The figure names of core's table, translated here (core keeps English).
QString figureText(const std::string& label) {
    static const char* const kKnown[] = {
        QT_TRANSLATE_NOOP("socklab::LabFigure", "delivered"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "unsent"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "in flight"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "lost"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "duplicated"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "out of order"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "late"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "garbled"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "latency p50"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "latency p99"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "wire retransmissions"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "TCP retransmits"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "rtt"),
        QT_TRANSLATE_NOOP("socklab::LabFigure", "cwnd"),
    };
    for (const char* known : kKnown) {
        if (label == known) {
            return QCoreApplication::translate("socklab::LabFigure", known);
        }
    }
    return QString::fromStdString(label);
}

} // namespace

LabResultModel::LabResultModel(QObject* parent) : QAbstractTableModel(parent) {}

void LabResultModel::setRows(std::vector<LabTableRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void LabResultModel::clear() {
    setRows({});
}

int LabResultModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LabResultModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LabResultModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.row() >= int(m_rows.size())) {
        return {};
    }
    const LabTableRow& r = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case FigureColumn:
            return figureText(r.label);
        case TcpColumn:
            return QString::fromStdString(r.tcp);
        case UdpColumn:
            return QString::fromStdString(r.udp);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != FigureColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant LabResultModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FigureColumn:
        return tr("Figure");
    case TcpColumn:
        return tr("TCP");
    case UdpColumn:
        return tr("UDP");
    default:
        return {};
    }
}

} // namespace socklab::ui
