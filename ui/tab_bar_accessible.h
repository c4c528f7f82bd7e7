#pragma once

#include <QAccessibleWidget>
#include <QHash>

class QTabBar;

namespace socklab::ui {

/// What a screen reader sees of a tab bar: one page tab per tab (name, tooltip, position) that
/// reports `selected` for the current tab, which Qt 6.4's own tab bar interface does not, and
/// can be pressed to switch to it; a tab's close button is its child.
class TabBarAccessible : public QAccessibleWidget {
public:
    explicit TabBarAccessible(QTabBar* bar);
    ~TabBarAccessible() override;

    /// Registers the factory that gives every QTabBar this interface (idempotent).
    static void install();

    [[nodiscard]] int childCount() const override;
    [[nodiscard]] QAccessibleInterface* child(int index) const override;
    [[nodiscard]] int indexOfChild(const QAccessibleInterface* child) const override;
    [[nodiscard]] QAccessibleInterface* childAt(int x, int y) const override;

    [[nodiscard]] QTabBar* tabBar() const;

private:
    mutable QHash<int, QAccessible::Id> m_children;
};

} // namespace socklab::ui
