#pragma once

// Live language switch for what is not a widget: models are told by their view's owner (on
// its QEvent::LanguageChange) that their translated texts changed.

class QAbstractItemModel;

namespace socklab::ui {

/// Every header and cell of model may read differently now (the language changed): emits
/// headerDataChanged for both orientations and dataChanged over all cells, so views (and the
/// accessibility tree) read them again. Rows, selection and current index stay.
void retranslateModel(QAbstractItemModel* model);

} // namespace socklab::ui
