#pragma once

// Test helpers for TextView cell geometry, shared by test_text_view_cells and
// test_text_view_wide: show a view on a store, and where cells and rows are on screen.
// Header-only (QVERIFY in showView: callers stop on QTest::currentTestFailed()).

#include "core/capture/traffic_store.h"
#include "ui/views/byte_selection.h"
#include "ui/views/text_view.h"

#include <QFontMetricsF>
#include <QTest>
#include <memory>

namespace socklab::test {

/// Resize to width x 300, show and wait until exposed.
inline void showView(QWidget& view, int width = 600) {
    view.resize(width, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
}

/// Give view the store (and the shared selection, when not null), then showView().
inline void showStore(ui::TextView& view, std::shared_ptr<TrafficStore> store,
                      ui::ByteSelection* selection = nullptr, int width = 600) {
    if (selection) {
        view.setSelectionModel(selection);
    }
    view.setStore(std::move(store));
    showView(view, width);
}

/// Width of one cell (the monospace font's '0').
inline qreal cellWidth(const ui::TextView& view) {
    return QFontMetricsF(view.font()).horizontalAdvance(QLatin1Char('0'));
}

/// Viewport x of the middle of cell `cell` (4 px margin).
inline int cellX(const ui::TextView& view, int cell) {
    return static_cast<int>(4 + (cell + 0.5) * cellWidth(view));
}

/// y of the middle of display row `row` (row 0 is the first record's header).
inline int rowY(const ui::TextView& view, int row) {
    return row * view.rowHeight() + view.rowHeight() / 2;
}

} // namespace socklab::test
