// One table of shortcuts, and mnemonics that do not collide: the table has no two keys that can
// be active together, the real main window (a TCP client, a listener and a UDP tab) uses only
// keys of the table without ambiguity, and the Alt+letter mnemonics visible together in the
// window (menu bar titles, buttons, labels with buddies, group boxes, tab titles) are distinct.
#include "ui/shortcuts.h"
#include "ui/support/gui_driver.h"
#include "ui/views/traffic_pane.h"

#include <QAbstractButton>
#include <QAction>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QShortcut>
#include <QTabBar>
#include <QtTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

const char* kTcpPeer = "import socket\n"
                       "s=socket.socket()\n"
                       "s.bind(('127.0.0.1',0))\n"
                       "s.listen(4)\n"
                       "print(s.getsockname()[1],flush=True)\n"
                       "s.settimeout(30)\n"
                       "c,a=s.accept()\n"
                       "c.settimeout(30)\n"
                       "c.recv(1)\n";

/// The mnemonic letter of a text ("Se&nd" -> 'N'), or nothing ("&&" is a literal ampersand).
std::optional<QChar> mnemonicOf(const QString& text) {
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == u'&') {
            if (text[i + 1] == u'&') {
                ++i;
                continue;
            }
            return text[i + 1].toUpper();
        }
    }
    return std::nullopt;
}

/// Every Alt+letter of the window that a user can see now, with where it comes from.
QMultiMap<QChar, QString> visibleMnemonics(QMainWindow& window) {
    QMultiMap<QChar, QString> out;
    const auto add = [&](const QString& text, const QString& what) {
        if (const auto m = mnemonicOf(text)) {
            out.insert(*m, what + QStringLiteral(" '") + text + QLatin1Char('\''));
        }
    };
    for (QAction* a : window.menuBar()->actions()) {
        if (a->isVisible()) {
            add(a->text(), QStringLiteral("menu"));
        }
    }
    for (QWidget* w : window.findChildren<QWidget*>()) {
        if (!w->isVisibleTo(&window) || w->window() != &window) {
            continue;
        }
        if (auto* button = qobject_cast<QAbstractButton*>(w)) {
            add(button->text(), QStringLiteral("button"));
        } else if (auto* label = qobject_cast<QLabel*>(w); label && label->buddy()) {
            add(label->text(), QStringLiteral("label"));
        } else if (auto* box = qobject_cast<QGroupBox*>(w)) {
            add(box->title(), QStringLiteral("group box"));
        } else if (auto* bar = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < bar->count(); ++i) {
                add(bar->tabText(i), QStringLiteral("tab"));
            }
        }
    }
    return out;
}

QString collisions(const QMultiMap<QChar, QString>& mnemonics) {
    QStringList out;
    for (const QChar key : mnemonics.uniqueKeys()) {
        if (mnemonics.count(key) > 1) {
            out << QStringLiteral("Alt+%1: %2").arg(key).arg(mnemonics.values(key).join(u','));
        }
    }
    return out.join(u'\n');
}

/// Where a shortcut can fire: a widget, alone or with its children.
struct Region {
    QWidget* root = nullptr;
    bool children = false;
    [[nodiscard]] bool contains(QWidget* w) const {
        return w == root || (children && root->isAncestorOf(w));
    }
    [[nodiscard]] bool overlaps(const Region& other) const {
        return contains(other.root) || other.contains(root);
    }
};

struct Bound {
    QString what;
    QList<QKeySequence> keys;
    Region region;
    Qt::ShortcutContext context;
};

/// Every shortcut of the window: actions (menus, widgets) and QShortcut objects.
QList<Bound> windowShortcuts(QMainWindow& window) {
    QList<Bound> out;
    const auto regionOf = [&](QWidget* owner, Qt::ShortcutContext context) {
        switch (context) {
        case Qt::WidgetShortcut:
            return Region{owner, false};
        case Qt::WidgetWithChildrenShortcut:
            return Region{owner, true};
        default:
            return Region{&window, true};
        }
    };
    for (QAction* a : window.findChildren<QAction*>()) {
        if (a->shortcuts().isEmpty()) {
            continue;
        }
        QWidget* owner = nullptr;
        for (QObject* o : a->associatedObjects()) {
            if (auto* w = qobject_cast<QWidget*>(o)) {
                owner = w;
                break;
            }
        }
        if (!owner) {
            owner = &window;
        }
        out.append({a->text().isEmpty() ? owner->objectName() : a->text(), a->shortcuts(),
                    regionOf(owner, a->shortcutContext()), a->shortcutContext()});
    }
    for (QShortcut* s : window.findChildren<QShortcut*>()) {
        auto* owner = qobject_cast<QWidget*>(s->parent());
        out.append({s->objectName(), s->keys(), regionOf(owner ? owner : &window, s->context()),
                    s->context()});
    }
    return out;
}

} // namespace

class TestShortcuts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_shortcuts")); }
    void tableHasNoAmbiguousKeys();
    void windowUsesTheTableWithoutAmbiguity();
    void mnemonicsAreDistinctInEachKindOfTab();

private:
    /// A TCP client (connected to a python3 peer), a listener and a UDP tab.
    bool openThreeTabs(e2e::Gui& gui, QProcess& peer);
};

void TestShortcuts::tableHasNoAmbiguousKeys() {
    const auto& table = shortcutTable();
    QVERIFY(table.size() >= 20);
    QSet<Shortcut> ids;
    for (const ShortcutEntry& e : table) {
        QVERIFY2(!ids.contains(e.id), e.action);
        ids.insert(e.id);
        QVERIFY2(!e.keys.isEmpty(), e.action);
    }
    QStringList clashes;
    for (qsizetype i = 0; i < table.size(); ++i) {
        for (qsizetype j = i; j < table.size(); ++j) {
            const ShortcutEntry& a = table[i];
            const ShortcutEntry& b = table[j];
            for (qsizetype ka = 0; ka < a.keys.size(); ++ka) {
                for (qsizetype kb = i == j ? ka + 1 : 0; kb < b.keys.size(); ++kb) {
                    if (a.keys[ka] == b.keys[kb] && scopesOverlap(a.scope, b.scope)) {
                        clashes << QStringLiteral("%1: %2 / %3")
                                       .arg(a.keys[ka].toString(), QString::fromUtf8(a.action),
                                            QString::fromUtf8(b.action));
                    }
                }
            }
        }
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
    // The clash the issue reported: Copy as and Show code both on Ctrl+Shift+C.
    QVERIFY(shortcutKeys(Shortcut::CopyAs) != shortcutKeys(Shortcut::ShowCode));
}

bool TestShortcuts::openThreeTabs(e2e::Gui& gui, QProcess& peer) {
    const int port = e2e::startPeer(peer, kTcpPeer);
    if (port <= 0) {
        return false;
    }
    return e2e::openAndWait(gui.window(),
                            {QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                             QStringLiteral("IPPROTO_TCP"), QStringLiteral("Connect"),
                             QStringLiteral("Remote address"),
                             QStringLiteral("127.0.0.1:%1").arg(port)},
                            QStringLiteral("Connected")) &&
           e2e::openAndWait(gui.window(),
                            {QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"),
                             QStringLiteral("IPPROTO_TCP"), QStringLiteral("Listen"),
                             QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")},
                            QStringLiteral("Listening")) &&
           e2e::openAndWait(gui.window(),
                            {QStringLiteral("AF_INET"), QStringLiteral("SOCK_DGRAM"),
                             QStringLiteral("IPPROTO_UDP"), QStringLiteral("Bind"),
                             QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")},
                            QStringLiteral("Bound"));
}

void TestShortcuts::windowUsesTheTableWithoutAmbiguity() {
    e2e::Gui gui;
    QVERIFY(gui.start());
    QProcess peer;
    QVERIFY(openThreeTabs(gui, peer));

    QSet<QKeySequence> tableKeys;
    for (const ShortcutEntry& e : shortcutTable()) {
        for (const QKeySequence& k : e.keys) {
            tableKeys.insert(k);
        }
    }
    const QList<Bound> bound = windowShortcuts(gui.window());
    QVERIFY(bound.size() >= shortcutTable().size());
    QStringList problems;
    for (const Bound& b : bound) {
        for (const QKeySequence& k : b.keys) {
            if (!tableKeys.contains(k)) {
                problems << QStringLiteral("%1 (%2) is not in the table").arg(k.toString(), b.what);
            }
        }
    }
    for (qsizetype i = 0; i < bound.size(); ++i) {
        for (qsizetype j = i + 1; j < bound.size(); ++j) {
            if (!bound[i].region.overlaps(bound[j].region)) {
                continue;
            }
            for (const QKeySequence& k : bound[i].keys) {
                if (bound[j].keys.contains(k)) {
                    problems << QStringLiteral("%1 is both '%2' and '%3'")
                                    .arg(k.toString(), bound[i].what, bound[j].what);
                }
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    gui.stop();
    peer.kill();
    peer.waitForFinished(5000);
}

void TestShortcuts::mnemonicsAreDistinctInEachKindOfTab() {
    e2e::Gui gui;
    QVERIFY(gui.start());
    // A new tab, before opening: the whole socket form is enabled.
    QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(gui->tabCount(), 1);
    auto mnemonics = visibleMnemonics(gui.window());
    QVERIFY(mnemonics.size() >= 12); // menus, form, composer, pane: they are there at all
    QVERIFY2(collisions(mnemonics).isEmpty(), qPrintable(collisions(mnemonics)));
    gui->closeTab(0);

    QProcess peer;
    QVERIFY(openThreeTabs(gui, peer));
    QCOMPARE(gui->tabCount(), 3);
    for (int i = 0; i < gui->tabCount(); ++i) {
        gui->tabs()->setCurrentIndex(i);
        mnemonics = visibleMnemonics(gui.window());
        QVERIFY2(collisions(mnemonics).isEmpty(),
                 qPrintable(gui->tabs()->tabText(i) + QLatin1Char('\n') + collisions(mnemonics)));
        // With the filter bar shown too.
        gui->currentTab()->trafficPane()->setFilterEnabled(true);
        mnemonics = visibleMnemonics(gui.window());
        QVERIFY2(collisions(mnemonics).isEmpty(),
                 qPrintable(gui->tabs()->tabText(i) + QStringLiteral(" (filter)\n") +
                            collisions(mnemonics)));
    }
    gui.stop();
    peer.kill();
    peer.waitForFinished(5000);
}

QTEST_MAIN(TestShortcuts)
#include "test_shortcuts.moc"
