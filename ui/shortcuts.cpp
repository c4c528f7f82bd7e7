#include "ui/shortcuts.h"

#include <QAction>
#include <QWidget>
#include <algorithm>

namespace socklab::ui {

namespace {

QKeySequence keys(QKeyCombination combination) {
    return QKeySequence(combination);
}

} // namespace

const QList<ShortcutEntry>& shortcutTable() {
    using S = Shortcut;
    using W = ShortcutScope;
    static const QList<ShortcutEntry> table = {
        {S::NewTab,
         QT_TRANSLATE_NOOP("Shortcuts", "New tab"),
         W::Window,
         {keys(Qt::CTRL | Qt::Key_T)}},
        {S::OpenWorkspace, QT_TRANSLATE_NOOP("Shortcuts", "Open workspace"), W::Window,
         QKeySequence::keyBindings(QKeySequence::Open)},
        {S::SaveWorkspace, QT_TRANSLATE_NOOP("Shortcuts", "Save workspace"), W::Window,
         QKeySequence::keyBindings(QKeySequence::Save)},
        // Explicit: QKeySequence::SaveAs has no binding on some platforms.
        {S::SaveWorkspaceAs,
         QT_TRANSLATE_NOOP("Shortcuts", "Save workspace as"),
         W::Window,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}},
        {S::ExportCapture,
         QT_TRANSLATE_NOOP("Shortcuts", "Export capture"),
         W::Window,
         {keys(Qt::CTRL | Qt::Key_E)}},
        // Explicit: QKeySequence::Close is only Ctrl+F4 on some platforms.
        {S::CloseTab,
         QT_TRANSLATE_NOOP("Shortcuts", "Close tab"),
         W::Window,
         {keys(Qt::CTRL | Qt::Key_W), keys(Qt::CTRL | Qt::Key_F4)}},
        {S::Quit, QT_TRANSLATE_NOOP("Shortcuts", "Quit"), W::Window, {keys(Qt::CTRL | Qt::Key_Q)}},
        {S::Preferences,
         QT_TRANSLATE_NOOP("Shortcuts", "Preferences"),
         W::Window,
         {keys(Qt::CTRL | Qt::Key_Comma)}},
        {S::ToggleSocket,
         QT_TRANSLATE_NOOP("Shortcuts", "Open / close socket"),
         W::Window,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}},
        {S::StartAllTabs,
         QT_TRANSLATE_NOOP("Shortcuts", "Start all tabs"),
         W::Window,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_A)}},
        {S::ClearCapture,
         QT_TRANSLATE_NOOP("Shortcuts", "Clear capture"),
         W::Window,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_K)}},
        // Not Ctrl+Shift+C: that is "Copy as" in the traffic pane (inside the window).
        {S::ShowCode,
         QT_TRANSLATE_NOOP("Shortcuts", "Show code"),
         W::Window,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_D)}},
        {S::NextTab,
         QT_TRANSLATE_NOOP("Shortcuts", "Next tab"),
         W::Window,
         {keys(Qt::CTRL | Qt::Key_PageDown), keys(Qt::CTRL | Qt::Key_Tab)}},
        {S::PreviousTab,
         QT_TRANSLATE_NOOP("Shortcuts", "Previous tab"),
         W::Window,
         {keys(Qt::CTRL | Qt::Key_PageUp), keys(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
          keys(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)}},
        {S::Find, QT_TRANSLATE_NOOP("Shortcuts", "Find in the capture"), W::TrafficPane,
         QKeySequence::keyBindings(QKeySequence::Find)},
        {S::FindNext,
         QT_TRANSLATE_NOOP("Shortcuts", "Find next"),
         W::TrafficPane,
         {keys(Qt::Key_F3)}},
        {S::FindPrevious,
         QT_TRANSLATE_NOOP("Shortcuts", "Find previous"),
         W::TrafficPane,
         {keys(Qt::SHIFT | Qt::Key_F3)}},
        {S::NextView,
         QT_TRANSLATE_NOOP("Shortcuts", "Focus the next view"),
         W::TrafficPane,
         {keys(Qt::Key_F6)}},
        {S::PreviousView,
         QT_TRANSLATE_NOOP("Shortcuts", "Focus the previous view"),
         W::TrafficPane,
         {keys(Qt::SHIFT | Qt::Key_F6)}},
        {S::CopyAs,
         QT_TRANSLATE_NOOP("Shortcuts", "Copy as…"),
         W::TrafficPane,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}},
        {S::Filter,
         QT_TRANSLATE_NOOP("Shortcuts", "Filter the capture"),
         W::TrafficPane,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_F)}},
        {S::CopySelection, QT_TRANSLATE_NOOP("Shortcuts", "Copy the selected bytes"), W::ByteView,
         QKeySequence::keyBindings(QKeySequence::Copy)},
        {S::NewLab,
         QT_TRANSLATE_NOOP("Shortcuts", "New TCP vs UDP lab"),
         W::Window,
         {keys(Qt::CTRL | Qt::SHIFT | Qt::Key_L)}},
        {S::Send,
         QT_TRANSLATE_NOOP("Shortcuts", "Send"),
         W::Composer,
         {keys(Qt::CTRL | Qt::Key_Return), keys(Qt::CTRL | Qt::Key_Enter)}},
    };
    return table;
}

const ShortcutEntry& shortcutEntry(Shortcut id) {
    const auto& table = shortcutTable();
    const auto it =
        std::ranges::find_if(table, [id](const ShortcutEntry& e) { return e.id == id; });
    Q_ASSERT(it != table.end());
    return *it;
}

QList<QKeySequence> shortcutKeys(Shortcut id) {
    return shortcutEntry(id).keys;
}

Qt::ShortcutContext shortcutContext(Shortcut id) {
    switch (shortcutEntry(id).scope) {
    case ShortcutScope::Window:
        return Qt::WindowShortcut;
    case ShortcutScope::ByteView:
        return Qt::WidgetShortcut;
    case ShortcutScope::TrafficPane:
    case ShortcutScope::Composer:
        return Qt::WidgetWithChildrenShortcut;
    }
    return Qt::WidgetShortcut;
}

QString shortcutActionText(Shortcut id) {
    return QCoreApplication::translate("Shortcuts", shortcutEntry(id).action);
}

bool scopesOverlap(ShortcutScope a, ShortcutScope b) {
    const auto contains = [](ShortcutScope outer, ShortcutScope inner) {
        return outer == inner || outer == ShortcutScope::Window ||
               (outer == ShortcutScope::TrafficPane && inner == ShortcutScope::ByteView);
    };
    return contains(a, b) || contains(b, a);
}

void applyShortcut(QAction* action, Shortcut id) {
    action->setShortcuts(shortcutKeys(id));
    action->setShortcutContext(shortcutContext(id));
}

namespace {
constexpr auto kShortcutProperty = "socklabShortcut";
} // namespace

QAction* addShortcutAction(QWidget* owner, Shortcut id) {
    auto* action = new QAction(shortcutActionText(id), owner);
    action->setProperty(kShortcutProperty, int(id));
    applyShortcut(action, id);
    owner->addAction(action);
    return action;
}

void retranslateShortcutActions(QObject* root) {
    for (QAction* action : root->findChildren<QAction*>()) {
        if (const QVariant id = action->property(kShortcutProperty); id.isValid()) {
            action->setText(shortcutActionText(static_cast<Shortcut>(id.toInt())));
        }
    }
}

} // namespace socklab::ui
