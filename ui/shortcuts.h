#pragma once

#include <QCoreApplication>
#include <QKeySequence>
#include <QList>
#include <QString>
#include <cstdint>

class QAction;
class QWidget;

namespace socklab::ui {

/// Every keyboard shortcut of the application, in one table (shortcuts.cpp): the menus and the
/// widgets take their keys from here, and a test checks that no two shortcuts that can be
/// active at the same time share a key.
enum class Shortcut : std::uint8_t {
    NewTab = 1,
    OpenWorkspace,
    SaveWorkspace,
    SaveWorkspaceAs,
    ExportCapture,
    CloseTab,
    Quit,
    Preferences,
    ToggleSocket,
    ClearCapture,
    ShowCode,
    NextTab,
    PreviousTab,
    Find,
    FindNext,
    FindPrevious,
    NextView,
    PreviousView,
    CopyAs,
    Filter,
    CopySelection,
    Send,
    NewLab,
    StartAllTabs,
};

/// Where a shortcut is active: the whole main window, or while the focus is inside a part of
/// it. Scopes nest: Window contains TrafficPane and Composer; TrafficPane contains ByteView.
enum class ShortcutScope : std::uint8_t {
    Window = 1,  ///< Qt::WindowShortcut on the main window's menu actions
    TrafficPane, ///< Qt::WidgetWithChildrenShortcut on the traffic pane
    ByteView,    ///< Qt::WidgetShortcut on the log, hex or text view that has the focus
    Composer,    ///< Qt::WidgetWithChildrenShortcut on the composer
};

struct ShortcutEntry {
    Shortcut id;
    const char* action; ///< what it does (untranslated; shortcutActionText() translates)
    ShortcutScope scope;
    QList<QKeySequence> keys; ///< the first is the one menus show
};

/// The table, one entry per Shortcut.
[[nodiscard]] const QList<ShortcutEntry>& shortcutTable();
[[nodiscard]] const ShortcutEntry& shortcutEntry(Shortcut id);
[[nodiscard]] QList<QKeySequence> shortcutKeys(Shortcut id);
[[nodiscard]] Qt::ShortcutContext shortcutContext(Shortcut id);
[[nodiscard]] QString shortcutActionText(Shortcut id);
/// Whether shortcuts of the two scopes can be active at the same time (one contains the other).
[[nodiscard]] bool scopesOverlap(ShortcutScope a, ShortcutScope b);
/// Gives an action the table's keys and context for id.
void applyShortcut(QAction* action, Shortcut id);
/// A new action owned by and added to owner, with the table's keys and context for id.
QAction* addShortcutAction(QWidget* owner, Shortcut id);
/// The language changed: the actions addShortcutAction() made under root get their text again.
void retranslateShortcutActions(QObject* root);

} // namespace socklab::ui
