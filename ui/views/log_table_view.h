#pragma once

#include <QTableView>

namespace socklab::ui {

/// The traffic log table: a QTableView that, like the hex and text views, frames its viewport
/// in the highlight colour while it has keyboard focus, so the focus is visible in any style.
class LogTableView : public QTableView {
    Q_OBJECT
public:
    using QTableView::QTableView;

protected:
    void paintEvent(QPaintEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
};

} // namespace socklab::ui
