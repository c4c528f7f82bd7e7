// Through the accessibility tree: the page tab of the current session reports the selected
// state (and only it), and the find field's clear button has a name and clears the field.
#include "ui/support/gui_driver.h"
#include "ui/views/find_bar.h"

#include <QAccessibleActionInterface>
#include <QLineEdit>
#include <QTabWidget>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

QAccessibleInterface* tabList(QWidget* root) {
    QList<QAccessibleInterface*> todo{QAccessible::queryAccessibleInterface(root)};
    for (int guard = 0; !todo.isEmpty() && guard < 100000; ++guard) {
        QAccessibleInterface* i = todo.takeFirst();
        if (!i) {
            continue;
        }
        if (i->role() == QAccessible::PageTabList) {
            return i;
        }
        for (int c = 0; c < i->childCount(); ++c) {
            todo.append(i->child(c));
        }
    }
    return nullptr;
}

/// The names of the page tabs that report `selected`.
QStringList selectedTabs(QAccessibleInterface* list) {
    QStringList out;
    for (int c = 0; c < list->childCount(); ++c) {
        QAccessibleInterface* tab = list->child(c);
        if (tab && tab->role() == QAccessible::PageTab && tab->state().selected) {
            out << tab->text(QAccessible::Name);
        }
    }
    return out;
}

int pageTabCount(QAccessibleInterface* list) {
    int n = 0;
    for (int c = 0; c < list->childCount(); ++c) {
        n += list->child(c) && list->child(c)->role() == QAccessible::PageTab ? 1 : 0;
    }
    return n;
}

} // namespace

class TestA11yTabsAndFind : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_a11y_tabs_and_find")); }
    void currentPageTabIsSelected();
    void clearButtonHasAName();
};

void TestA11yTabsAndFind::currentPageTabIsSelected() {
    e2e::Gui gui;
    QVERIFY(gui.start());
    for (int i = 0; i < 3; ++i) {
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
    }
    QCOMPARE(gui->tabCount(), 3);
    QAccessibleInterface* list = tabList(&gui.window());
    QVERIFY(list);
    QCOMPARE(pageTabCount(list), 3);
    const QTabWidget* tabs = gui->tabs();
    for (int current : {0, 2, 1}) {
        gui->tabs()->setCurrentIndex(current);
        const QStringList selected = selectedTabs(list);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.front(), tabs->tabText(current).remove(u'&'));
        for (int c = 0; c < list->childCount(); ++c) {
            QAccessibleInterface* tab = list->child(c);
            QVERIFY(tab->state().selectable);
        }
    }
    // Ctrl+PageDown moves the selection with the page.
    QTest::keyClick(&gui.window(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(tabs->currentIndex(), 2);
    QCOMPARE(selectedTabs(list), QStringList{tabs->tabText(2).remove(u'&')});
    gui.stop();
}

void TestA11yTabsAndFind::clearButtonHasAName() {
    FindBar bar;
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QVERIFY(a11y::type(&bar, QStringLiteral("Find"), QStringLiteral("de ad")));
    QAccessibleInterface* clear =
        a11y::find(&bar, QStringLiteral("Clear"), QAccessible::PushButton);
    QVERIFY2(clear, "no button called Clear");
    QVERIFY(!clear->text(QAccessible::Description).isEmpty() ||
            !clear->text(QAccessible::Help).isEmpty() || !clear->text(QAccessible::Name).isEmpty());
    QAccessibleActionInterface* action = clear->actionInterface();
    QVERIFY(action);
    action->doAction(QAccessibleActionInterface::pressAction());
    QTRY_COMPARE(a11y::text(&bar, QStringLiteral("Find"), QAccessible::EditableText), QString());
}

QTEST_MAIN(TestA11yTabsAndFind)
#include "test_a11y_tabs_and_find.moc"
