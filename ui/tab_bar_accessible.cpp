#include "ui/tab_bar_accessible.h"

#include <QAbstractButton>
#include <QAccessibleActionInterface>
#include <QPointer>
#include <QTabBar>
#include <QWindow>

namespace socklab::ui {

namespace {

/// "Se&nd" -> "Send", "a && b" -> "a & b".
QString stripMnemonic(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'&' && i + 1 < text.size()) {
            ++i;
        }
        out.append(text[i]);
    }
    return out;
}

/// One page tab of a TabBarAccessible, addressed by its index.
class PageTabAccessible : public QAccessibleInterface, public QAccessibleActionInterface {
public:
    PageTabAccessible(QTabBar* bar, int index) : m_bar(bar), m_index(index) {}

    [[nodiscard]] bool isValid() const override { return m_bar && m_index < m_bar->count(); }
    [[nodiscard]] QObject* object() const override { return nullptr; }
    [[nodiscard]] QWindow* window() const override {
        return m_bar ? m_bar->window()->windowHandle() : nullptr;
    }
    [[nodiscard]] QAccessible::Role role() const override { return QAccessible::PageTab; }
    [[nodiscard]] QAccessible::State state() const override {
        QAccessible::State s;
        if (!isValid()) {
            s.invalid = true;
            return s;
        }
        s.selectable = true;
        s.focusable = true;
        s.selected = m_index == m_bar->currentIndex();
        s.focused = s.selected && m_bar->hasFocus();
        s.disabled = !m_bar->isTabEnabled(m_index);
        s.invisible = !m_bar->isVisible() || !m_bar->isTabVisible(m_index);
        s.offscreen = !m_bar->rect().intersects(m_bar->tabRect(m_index));
        return s;
    }
    [[nodiscard]] QString text(QAccessible::Text t) const override {
        if (!isValid()) {
            return {};
        }
        switch (t) {
        case QAccessible::Name:
            return stripMnemonic(m_bar->tabText(m_index));
        case QAccessible::Description:
            return m_bar->tabToolTip(m_index);
        case QAccessible::Help:
            return m_bar->tabWhatsThis(m_index);
        default:
            return {};
        }
    }
    void setText(QAccessible::Text, const QString&) override {}
    [[nodiscard]] QRect rect() const override {
        if (!isValid()) {
            return {};
        }
        const QRect r = m_bar->tabRect(m_index);
        return {m_bar->mapToGlobal(r.topLeft()), r.size()};
    }
    [[nodiscard]] QAccessibleInterface* parent() const override {
        return QAccessible::queryAccessibleInterface(m_bar.data());
    }
    [[nodiscard]] int childCount() const override { return closeButton() ? 1 : 0; }
    [[nodiscard]] QAccessibleInterface* child(int index) const override {
        QWidget* button = closeButton();
        return index == 0 && button ? QAccessible::queryAccessibleInterface(button) : nullptr;
    }
    [[nodiscard]] int indexOfChild(const QAccessibleInterface* c) const override {
        return c && closeButton() && c->object() == closeButton() ? 0 : -1;
    }
    [[nodiscard]] QAccessibleInterface* childAt(int x, int y) const override {
        QAccessibleInterface* c = child(0);
        return c && c->rect().contains(x, y) ? c : nullptr;
    }
    void* interface_cast(QAccessible::InterfaceType type) override {
        return type == QAccessible::ActionInterface ? static_cast<QAccessibleActionInterface*>(this)
                                                    : nullptr;
    }

    // QAccessibleActionInterface: pressing a tab shows its page.
    [[nodiscard]] QStringList actionNames() const override { return {pressAction()}; }
    void doAction(const QString& name) override {
        if (isValid() && name == pressAction()) {
            m_bar->setCurrentIndex(m_index);
        }
    }
    [[nodiscard]] QStringList keyBindingsForAction(const QString&) const override { return {}; }

    [[nodiscard]] int index() const { return m_index; }

private:
    [[nodiscard]] QWidget* closeButton() const {
        if (!isValid()) {
            return nullptr;
        }
        QWidget* w = m_bar->tabButton(m_index, QTabBar::RightSide);
        return w ? w : m_bar->tabButton(m_index, QTabBar::LeftSide);
    }

    QPointer<QTabBar> m_bar;
    int m_index;
};

QAccessibleInterface* tabBarFactory(const QString&, QObject* object) {
    if (auto* bar = qobject_cast<QTabBar*>(object)) {
        return new TabBarAccessible(bar);
    }
    return nullptr;
}

} // namespace

TabBarAccessible::TabBarAccessible(QTabBar* bar)
    : QAccessibleWidget(bar, QAccessible::PageTabList) {}

TabBarAccessible::~TabBarAccessible() {
    for (const QAccessible::Id id : std::as_const(m_children)) {
        QAccessible::deleteAccessibleInterface(id);
    }
}

void TabBarAccessible::install() {
    static const bool installed = [] {
        QAccessible::installFactory(&tabBarFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

QTabBar* TabBarAccessible::tabBar() const {
    return static_cast<QTabBar*>(widget());
}

int TabBarAccessible::childCount() const {
    return tabBar()->count();
}

QAccessibleInterface* TabBarAccessible::child(int index) const {
    if (index < 0 || index >= tabBar()->count()) {
        return nullptr;
    }
    if (const auto it = m_children.constFind(index); it != m_children.constEnd()) {
        return QAccessible::accessibleInterface(*it);
    }
    auto* tab = new PageTabAccessible(tabBar(), index);
    m_children.insert(index, QAccessible::registerAccessibleInterface(tab));
    return tab;
}

int TabBarAccessible::indexOfChild(const QAccessibleInterface* c) const {
    if (c && c->role() == QAccessible::PageTab) {
        for (auto it = m_children.constBegin(); it != m_children.constEnd(); ++it) {
            if (QAccessible::accessibleInterface(it.value()) == c) {
                return it.key() < tabBar()->count() ? it.key() : -1;
            }
        }
    }
    return -1;
}

QAccessibleInterface* TabBarAccessible::childAt(int x, int y) const {
    const QPoint local = tabBar()->mapFromGlobal(QPoint(x, y));
    const int index = tabBar()->tabAt(local);
    return index >= 0 ? child(index) : nullptr;
}

} // namespace socklab::ui
