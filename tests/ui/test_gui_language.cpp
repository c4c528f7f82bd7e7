// The GUI in Chinese: started with LANG=zh_CN.UTF-8 (set by ctest for this test), the socket
// form's Family/Type/Protocol, the catalog's explanations and the kernel verdict read in Chinese
// through the accessibility tree; Edit > Preferences > Language switches to English and back
// without closing tabs or losing what they captured; and at 1000 px the Chinese form and
// toolbar show their labels whole.
#include "core/net/socket_spec.h"
#include "support/gui_driver.h"
#include "ui/dialogs/preferences_dialog.h"
#include "ui/i18n/core_text.h"
#include "ui/i18n/language.h"
#include "ui/settings/preferences.h"
#include "ui/widgets/presets.h"

#include <QAbstractButton>
#include <QLabel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QtTest>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace socklab;
using namespace socklab::ui;

namespace {

bool hasCjk(const QString& text) {
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

/// What a user reads for a source string of `context` in the current language, without the
/// mnemonic marker (as menus and accessible names show it).
QString shown(const char* context, const char* source) {
    return QCoreApplication::translate(context, source).remove(u'&');
}

QString formText(const char* source) { return shown("socklab::ui::SocketForm", source); }

QString explanationOf(int family) { return coreText(findFamily(family)->explanation); }

/// Accessible description of the combo box called `name` (the catalog explanation).
QString descriptionOf(QWidget* root, const QString& name) {
    QAccessibleInterface* iface = a11y::find(root, name, QAccessible::ComboBox);
    return iface ? iface->text(QAccessible::Description) : QString();
}

/// Answers Edit > Preferences by choosing `entry` in its Language box, then OK.
bool chooseLanguageInPreferences(QMainWindow& window, const QString& entry) {
    bool answered = false;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<PreferencesDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            return;
        }
        const QString name = shown("socklab::ui::PreferencesDialog", "Lan&guage");
        if (!a11y::choose(dialog, name, entry)) {
            qWarning("no '%s' in the '%s' box", qPrintable(entry), qPrintable(name));
            dialog->reject();
            return;
        }
        QTest::keyClick(a11y::widget<QComboBox>(dialog, name), Qt::Key_Return);
        answered = true;
    });
    const bool triggered = e2e::triggerMenu(
        window, {shown("socklab::ui::MainWindow", "&Edit"),
                 shown("socklab::ui::MainWindow", "&Preferences…")});
    return triggered && answered;
}

} // namespace

class TestGuiLanguage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        e2e::useFreshSettings(QStringLiteral("test_gui_language"));
        QCOMPARE(QLocale::system().name(), QStringLiteral("zh_CN"));
    }

    void chineseFromTheLocaleSwitchedInPreferencesWithoutClosingTabs() {
        LanguageManager language;
        QVERIFY(language.apply(resolveLanguage(loadPreferences().language)));
        QCOMPARE(language.current(), QStringLiteral("zh_CN"));

        e2e::Gui gui;
        QVERIFY(gui.start());
        // A tab with a socket and a capture, which the switch must leave alone.
        SessionTab* udp = gui->newTab(Preset::UdpEndpoint);
        QVERIFY(udp->openSocket());
        QTRY_VERIFY(udp->captureSource().store);
        const auto store = udp->captureSource().store;
        QTRY_VERIFY(store->endSeq() > 0);
        const auto records = store->endSeq();

        // A new tab's form, in Chinese.
        const int before = gui->tabCount();
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(gui->tabCount(), before + 1);
        SessionTab* form = gui->currentTab();
        QVERIFY(form != udp);
        // Combo boxes are reached through their labels, as screen readers do: "地址族(M)".
        const QString family = formText("Fa&mily");
        QVERIFY2(hasCjk(family), qPrintable(family));
        QVERIFY(a11y::choose(form, family, QStringLiteral("AF_INET")));
        QVERIFY(a11y::choose(form, formText("T&ype"), QStringLiteral("SOCK_STREAM")));
        QVERIFY(a11y::choose(form, formText("&Protocol"), QStringLiteral("IPPROTO_UDP")));
        QCOMPARE(descriptionOf(form, family), explanationOf(AF_INET));
        QVERIFY2(hasCjk(explanationOf(AF_INET)), qPrintable(explanationOf(AF_INET)));
        const QString verdict = a11y::text(form, formText("Kernel verdict"));
        QVERIFY2(hasCjk(verdict) && verdict.contains(QStringLiteral("EPROTONOSUPPORT")),
                 qPrintable(verdict));
        QVERIFY(hasCjk(gui->menuBar()->actions().front()->text()));
        // The open tab's title says its state in Chinese too ("UDP 127.0.0.1:… — 已绑定").
        auto* tabWidget = gui->findChild<QTabWidget*>();
        QVERIFY(tabWidget && tabWidget->indexOf(udp) >= 0);
        QVERIFY(hasCjk(coreText("Bound")));
        QTRY_VERIFY2(tabWidget->tabText(tabWidget->indexOf(udp)).contains(coreText("Bound")),
                     qPrintable(tabWidget->tabText(tabWidget->indexOf(udp))));
        const int tabs = gui->tabCount();

        // Edit > Preferences > Language: English, applied at once.
        QVERIFY(chooseLanguageInPreferences(gui.window(), QStringLiteral("English")));
        QCOMPARE(loadPreferences().language, QStringLiteral("en"));
        QCOMPARE(language.current(), QStringLiteral("en"));
        QCOMPARE(gui->tabCount(), tabs);
        QCOMPARE(gui->currentTab(), form);
        // Qt posts LanguageChange to the windows: the texts change once events are processed.
        QTRY_COMPARE(descriptionOf(form, QStringLiteral("Family")),
                 QString::fromUtf8(findFamily(AF_INET)->explanation.data(),
                                   qsizetype(findFamily(AF_INET)->explanation.size())));
        const QString english = a11y::text(form, QStringLiteral("Kernel verdict"));
        QVERIFY2(english.contains(QStringLiteral("Refused")) && !hasCjk(english),
                 qPrintable(english));
        // The choices made before the switch stay chosen.
        QCOMPARE(descriptionOf(form, QStringLiteral("Protocol")),
                 QString::fromUtf8(findProtocol(IPPROTO_UDP)->explanation.data(),
                                   qsizetype(findProtocol(IPPROTO_UDP)->explanation.size())));
        // The open socket and its capture are untouched.
        QCOMPARE(udp->captureSource().store, store);
        QVERIFY(store->endSeq() >= records);
        QVERIFY(udp->isOpen());

        // And back to Chinese, the same way.
        QVERIFY(chooseLanguageInPreferences(gui.window(), QStringLiteral("简体中文")));
        QCOMPARE(language.current(), QStringLiteral("zh_CN"));
        QTRY_COMPARE(descriptionOf(form, family), explanationOf(AF_INET));
        QVERIFY(hasCjk(a11y::text(form, formText("Kernel verdict"))));
        QCOMPARE(gui->tabCount(), tabs);
    }

    // At 1000 px no page needs a wider window (a new tab's form, a UDP tab with its composer and
    // multicast box before and after it opens), in either language, and the Chinese labels and
    // buttons are shown whole.
    void labelsFitAt1000Pixels_data() {
        QTest::addColumn<QString>("code");
        QTest::newRow("English") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    void labelsFitAt1000Pixels() {
        QFETCH(QString, code);
        LanguageManager language;
        QVERIFY(language.apply(code));
        e2e::Gui gui;
        QVERIFY(gui.start());
        gui->resize(1000, 760);
        QTest::keyClick(&gui.window(), Qt::Key_T, Qt::ControlModifier);
        QVERIFY(settlesAt1000(gui.window()));
        SessionTab* udp = gui->newTab(Preset::UdpEndpoint);
        QVERIFY(settlesAt1000(gui.window()));
        QVERIFY(udp->openSocket());
        QTRY_VERIFY(udp->captureSource().store);
        QVERIFY(settlesAt1000(gui.window()));
    }

private:
    // A label whose text just changed is resized by a posted layout request: the check passes
    // once layouts have settled (bounded), and says what does not fit if they never do.
    static bool settlesAt1000(QMainWindow& window) {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 3000) {
            QTest::qWait(20);
            if (fitsAt1000(window, false)) {
                return true;
            }
        }
        return fitsAt1000(window, true);
    }

    static bool fitsAt1000(QMainWindow& window, bool report) {
        if (window.width() != 1000 || window.minimumSizeHint().width() > 1000) {
            if (!report) {
                return false;
            }
            qWarning("window %d px wide, needs %d", window.width(),
                     window.minimumSizeHint().width());
            for (QWidget* w : window.findChildren<QWidget*>()) {
                // What asks for the width, outermost first.
                if (w->isVisible() && w->minimumSizeHint().width() > 300) {
                    qWarning("  %s in %s: needs %d", w->metaObject()->className(),
                             w->parentWidget()->metaObject()->className(),
                             w->minimumSizeHint().width());
                }
            }
            return false;
        }
        QStringList cut;
        for (QWidget* w : window.findChildren<QWidget*>()) {
            // Qt's own line-edit buttons are icons; their names are not shown.
            if (!w->isVisible() || w->window() != &window ||
                QByteArray(w->metaObject()->className()).startsWith("QLineEdit")) {
                continue;
            }
            QString text;
            if (auto* label = qobject_cast<QLabel*>(w); label && !label->wordWrap()) {
                text = label->text();
            } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
                text = button->text();
            }
            if (text.isEmpty() || !hasCjk(text)) {
                continue;
            }
            if (w->width() < w->sizeHint().width()) {
                cut << QStringLiteral("%1 '%2': %3 px < %4 px")
                           .arg(QString::fromLatin1(w->metaObject()->className()), text)
                           .arg(w->width())
                           .arg(w->sizeHint().width());
            }
        }
        if (!cut.isEmpty() && report) {
            qWarning("%s", qPrintable(cut.join(u'\n')));
        }
        return cut.isEmpty();
    }
};

QTEST_MAIN(TestGuiLanguage)
#include "test_gui_language.moc"
