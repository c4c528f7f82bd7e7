#include "ui/i18n/retranslate.h"

#include <QAbstractItemModel>

namespace socklab::ui {

void retranslateModel(QAbstractItemModel* model) {
    if (!model) {
        return;
    }
    const int rows = model->rowCount();
    const int columns = model->columnCount();
    if (columns > 0) {
        emit model->headerDataChanged(Qt::Horizontal, 0, columns - 1);
    }
    if (rows > 0) {
        emit model->headerDataChanged(Qt::Vertical, 0, rows - 1);
        if (columns > 0) {
            emit model->dataChanged(model->index(0, 0), model->index(rows - 1, columns - 1));
        }
    }
}

} // namespace socklab::ui
