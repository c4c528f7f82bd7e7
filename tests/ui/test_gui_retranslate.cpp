// Live language switch: the main window open on a tab of every kind (the demo's echo server
// with its connection, client with traffic and UDP endpoints; a new tab's socket form; a relay;
// a Unix server; a TCP vs UDP lab; an imported capture replaying; Show code), with texts made
// from state (a filter problem, a composer error). Installing a translator that wraps every
// source text in ⟦⟧ must retranslate every text shown (menus, actions, tab titles, labels,
// buttons, names, tooltips, combo items, headers and cells) at once, keeping every choice;
// removing it must bring the English back with the sessions still open. Any text not ⟦wrapped⟧
// that is more than data (numbers, addresses, identifiers such as AF_INET, what a capture
// recorded or the user typed) was forgotten: the failure lists them all.
#include "core/support/packet_builder.h"
#include "core/support/pcap_writer.h"
#include "support/gui_driver.h"
#include "ui/dialogs/show_code_dialog.h"
#include "ui/import/capture_import_dialog.h"
#include "ui/import/capture_tab.h"
#include "ui/import/replay_panel.h"
#include "ui/lab/lab_tab.h"
#include "ui/models/responder_rules_model.h"
#include "ui/models/traffic_model.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_status.h"
#include "ui/widgets/socket_form.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTranslator>
#include <QtTest>

#ifndef Q_MOC_RUN // moc cannot parse <concepts>
#include "core/base/translate.h"
#endif

using namespace socklab;
using namespace socklab::ui;
using namespace socklab::test;

namespace {

const QChar kOpen = QChar(0x27E6);  // ⟦
const QChar kClose = QChar(0x27E7); // ⟧

/// Every text, in every context, comes back as ⟦source⟧.
class WrappingTranslator : public QTranslator {
public:
    [[nodiscard]] bool isEmpty() const override { return false; }
    [[nodiscard]] QString translate(const char* /*context*/, const char* sourceText,
                                    const char* /*disambiguation*/, int /*n*/) const override {
        return kOpen + QString::fromUtf8(sourceText) + kClose;
    }
};

/// The text outside ⟦…⟧ (nested pairs included), without markup.
QString unwrapped(const QString& text) {
    QString out;
    int depth = 0;
    for (const QChar c : text) {
        if (c == kOpen) {
            ++depth;
        } else if (c == kClose) {
            depth = std::max(0, depth - 1);
        } else if (depth == 0) {
            out += c;
        }
    }
    // Markup, the {field} placeholders of the composer (typed as they are) and what the user
    // typed, quoted in a message ("zz": bad hex digit).
    static const QRegularExpression tags(QStringLiteral("<[^>]*>|&[a-z]+;|\\{[^}]*\\}|\"[^\"]*\""));
    return out.remove(tags);
}

/// Words that are data in every language: identifiers and acronyms (AF_INET, SOCK_STREAM,
/// EPROTONOSUPPORT, TCP, UDP) and single letters (host A or B).
bool isDataWord(const QString& word) {
    static const QRegularExpression identifier(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    return identifier.match(word).hasMatch() || word.size() == 1;
}

/// True when the text shows no English outside ⟦⟧: what is left is numbers, addresses,
/// punctuation, identifiers and function names ("socket(AF_INET, …)"), and the data given
/// (texts a capture recorded, catalog names such as "0 (default)").
bool translated(const QString& text, const QStringList& data) {
    static const QRegularExpression words(QStringLiteral("\\w+(\\()?"));
    QString rest = unwrapped(text);
    for (const QString& d : data) {
        rest.remove(d);
    }
    for (auto it = words.globalMatch(rest); it.hasNext();) {
        const auto match = it.next();
        const QString word = match.captured();
        if (word.front().isLetter() && !word.endsWith(u'(') && !isDataWord(word)) {
            return false;
        }
    }
    return true;
}

/// Qt's own parts of its widgets, named once by Qt from its own translation (qtbase): the tab
/// bar's scroll and close buttons, a line edit's clear button.
bool isQtInternal(const QObject* o) {
    static const QStringList classes = {QStringLiteral("CloseButton"),
                                        QStringLiteral("QLineEditIconButton")};
    static const QStringList names = {QStringLiteral("ScrollLeftButton"),
                                      QStringLiteral("ScrollRightButton")};
    return classes.contains(QString::fromLatin1(o->metaObject()->className())) ||
           names.contains(o->objectName());
}

/// Every user-visible text of a window, with where it is shown.
class TextWalk {
public:
    explicit TextWalk(QWidget* root) : m_root(root) {}

    /// Widgets whose texts are data (what the user typed or the capture holds), not skipped
    /// for their tooltips and names. A combo's first item is still checked when firstItem.
    void skipContent(QObject* object, bool firstItem = false) {
        m_skipContent.insert(object);
        if (firstItem) {
            m_firstItem.insert(object);
        }
    }
    /// A column of a view's model that is data (a rule's name, as the user gave it).
    void skipColumn(QObject* view, int column) { m_skipColumns[view].insert(column); }
    /// Texts that are data wherever they show (longest first).
    void setData(QStringList data) {
        std::ranges::sort(data,
                          [](const QString& a, const QString& b) { return a.size() > b.size(); });
        m_data = std::move(data);
    }
    [[nodiscard]] const QStringList& data() const { return m_data; }

    [[nodiscard]] QList<QPair<QString, QString>> collect() {
        m_texts.clear();
        walkWidgets();
        walkAccessible(QAccessible::queryAccessibleInterface(m_root), QStringLiteral("a11y"), 0);
        return m_texts;
    }

private:
    void add(const QString& where, const QString& text) {
        if (!text.trimmed().isEmpty()) {
            m_texts.append({where, text});
        }
    }

    static QString nameOf(QObject* o) {
        QString name = QString::fromLatin1(o->metaObject()->className());
        if (!o->objectName().isEmpty()) {
            name += u'#' + o->objectName();
        }
        // The nearest named ancestor says where it is.
        for (QObject* p = o->parent(); p; p = p->parent()) {
            if (auto* w = qobject_cast<QWidget*>(p); w && !w->accessibleName().isEmpty()) {
                return name + QStringLiteral(" in '") + w->accessibleName() + u'\'';
            }
        }
        return name;
    }

    void addActions(const QString& where, const QList<QAction*>& actions) {
        for (QAction* a : actions) {
            if (a->isSeparator()) {
                continue;
            }
            add(where + QStringLiteral(" action"), a->text());
            add(where + QStringLiteral(" action tooltip"), a->toolTip());
            add(where + QStringLiteral(" action status tip"), a->statusTip());
            add(where + QStringLiteral(" action what's this"), a->whatsThis());
            add(where + QStringLiteral(" action icon text"), a->iconText());
        }
    }

    void addModel(const QString& where, QAbstractItemModel* model, bool content,
                  const QSet<int>& skipColumns) {
        if (!model) {
            return;
        }
        for (Qt::Orientation o : {Qt::Horizontal, Qt::Vertical}) {
            const int n = o == Qt::Horizontal ? model->columnCount() : model->rowCount();
            if (o == Qt::Vertical && n > 50) {
                continue; // row numbers
            }
            for (int s = 0; s < n; ++s) {
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                    add(where + QStringLiteral(" header %1").arg(s),
                        model->headerData(s, o, role).toString());
                }
            }
        }
        if (!content) {
            return;
        }
        const int rows = std::min(model->rowCount(), 200);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < model->columnCount(); ++c) {
                if (skipColumns.contains(c)) {
                    continue;
                }
                const QModelIndex i = model->index(r, c);
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole),
                                 int(Qt::AccessibleTextRole), int(Qt::AccessibleDescriptionRole)}) {
                    add(where + QStringLiteral(" cell %1,%2").arg(r).arg(c),
                        model->data(i, role).toString());
                }
            }
        }
    }

    static bool insideCombo(QWidget* w) {
        for (QWidget* p = w->parentWidget(); p; p = p->parentWidget()) {
            if (qobject_cast<QComboBox*>(p)) {
                return true;
            }
        }
        return false;
    }

    void walkWidgets() {
        QList<QWidget*> widgets = m_root->findChildren<QWidget*>();
        widgets.prepend(m_root);
        for (QWidget* w : widgets) {
            if (insideCombo(w) || isQtInternal(w)) {
                continue; // a combo's list: its items, below
            }
            const QString where = nameOf(w);
            const bool content = !m_skipContent.contains(w);
            add(where + QStringLiteral(" tooltip"), w->toolTip());
            add(where + QStringLiteral(" status tip"), w->statusTip());
            add(where + QStringLiteral(" what's this"), w->whatsThis());
            add(where + QStringLiteral(" accessible name"), w->accessibleName());
            add(where + QStringLiteral(" accessible description"), w->accessibleDescription());
            if (w->isWindow() || qobject_cast<QMenu*>(w)) {
                add(where + QStringLiteral(" window title"), w->windowTitle());
            }
            addActions(where, w->actions());
            if (auto* menu = qobject_cast<QMenu*>(w)) {
                add(where + QStringLiteral(" title"), menu->title());
            }
            if (auto* b = qobject_cast<QAbstractButton*>(w); b && content) {
                add(where + QStringLiteral(" text"), b->text());
            }
            if (auto* l = qobject_cast<QLabel*>(w); l && content) {
                add(where + QStringLiteral(" text"), l->text());
            }
            if (auto* g = qobject_cast<QGroupBox*>(w)) {
                add(where + QStringLiteral(" title"), g->title());
            }
            if (auto* e = qobject_cast<QLineEdit*>(w)) {
                add(where + QStringLiteral(" placeholder"), e->placeholderText());
            }
            if (auto* e = qobject_cast<QPlainTextEdit*>(w)) {
                add(where + QStringLiteral(" placeholder"), e->placeholderText());
            }
            if (auto* e = qobject_cast<QTextEdit*>(w)) {
                add(where + QStringLiteral(" placeholder"), e->placeholderText());
            }
            if (auto* s = qobject_cast<QAbstractSpinBox*>(w)) {
                add(where + QStringLiteral(" special value"), s->specialValueText());
            }
            if (auto* s = qobject_cast<QSpinBox*>(w)) {
                add(where + QStringLiteral(" prefix"), s->prefix());
                add(where + QStringLiteral(" suffix"), s->suffix());
            }
            if (auto* s = qobject_cast<QDoubleSpinBox*>(w)) {
                add(where + QStringLiteral(" prefix"), s->prefix());
                add(where + QStringLiteral(" suffix"), s->suffix());
            }
            if (auto* c = qobject_cast<QComboBox*>(w)) {
                add(where + QStringLiteral(" placeholder"), c->placeholderText());
                const int items = content ? c->count() : m_firstItem.contains(c) ? 1 : 0;
                for (int i = 0; i < std::min(items, c->count()); ++i) {
                    add(where + QStringLiteral(" item %1").arg(i), c->itemText(i));
                    add(where + QStringLiteral(" item %1 tooltip").arg(i),
                        c->itemData(i, Qt::ToolTipRole).toString());
                }
            }
            if (auto* bar = qobject_cast<QTabBar*>(w)) {
                for (int i = 0; i < bar->count(); ++i) {
                    add(where + QStringLiteral(" tab %1").arg(i), bar->tabText(i));
                    add(where + QStringLiteral(" tab %1 tooltip").arg(i), bar->tabToolTip(i));
                }
            }
            if (auto* bar = qobject_cast<QStatusBar*>(w)) {
                add(where + QStringLiteral(" message"), bar->currentMessage());
            }
            if (auto* view = qobject_cast<QAbstractItemView*>(w);
                view && !qobject_cast<QHeaderView*>(view)) { // a header: its table's model
                addModel(where, view->model(), content, m_skipColumns.value(view));
            }
        }
    }

    void walkAccessible(QAccessibleInterface* iface, const QString& path, int depth) {
        if (!iface || depth > 40) {
            return;
        }
        const QAccessible::Role role = iface->role();
        QObject* object = iface->object();
        if (object && isQtInternal(object)) {
            return;
        }
        const bool content = !(object && m_skipContent.contains(object));
        // Cells are covered through the models; their texts are the models' data.
        const bool cell = role == QAccessible::Cell || role == QAccessible::ListItem ||
                          role == QAccessible::TreeItem || role == QAccessible::Row;
        if (!cell) {
            const QString where = path + QStringLiteral(" (") +
                                  (object ? nameOf(object) : QStringLiteral("?")) + u')';
            // A combo box is named after its current item (Qt on Linux): data when its items are.
            if (content || role != QAccessible::ComboBox) {
                add(where + QStringLiteral(" name"), iface->text(QAccessible::Name));
            }
            add(where + QStringLiteral(" description"), iface->text(QAccessible::Description));
            add(where + QStringLiteral(" help"), iface->text(QAccessible::Help));
            // Values are data (what a field holds), except on labels and buttons.
            if (content && (role == QAccessible::StaticText || role == QAccessible::PushButton)) {
                add(where + QStringLiteral(" value"), iface->text(QAccessible::Value));
            }
        }
        if (role == QAccessible::Table || role == QAccessible::List || role == QAccessible::Tree) {
            return; // cells: above
        }
        for (int i = 0; i < iface->childCount(); ++i) {
            walkAccessible(iface->child(i), path + u'/' + QString::number(i), depth + 1);
        }
    }

    QWidget* m_root;
    QSet<QObject*> m_skipContent;
    QSet<QObject*> m_firstItem;
    QHash<QObject*, QSet<int>> m_skipColumns;
    QStringList m_data;
    QList<QPair<QString, QString>> m_texts;
};

/// Conversation 1: TCP 192.0.2.1:40000 -> 192.0.2.2:7000 (handshake, request, reply).
QString writeCapture(const QString& path) {
    namespace F = TcpFlag;
    std::vector<CaptureFrame> frames;
    std::int64_t t = 1'700'000'000'000'000'000;
    const auto add = [&](Packet p) { frames.push_back({std::move(p), t += 1000, 0}); };
    add(tcpPacket("192.0.2.1", 40000, "192.0.2.2", 7000, 1000, 0, F::Syn));
    add(tcpPacket("192.0.2.2", 7000, "192.0.2.1", 40000, 5000, 1001, F::Syn | F::Ack));
    add(tcpPacket("192.0.2.1", 40000, "192.0.2.2", 7000, 1001, 5001, F::Ack));
    add(tcpPacket("192.0.2.1", 40000, "192.0.2.2", 7000, 1001, 5001, F::Ack | F::Psh, "hello"));
    add(tcpPacket("192.0.2.2", 7000, "192.0.2.1", 40000, 5001, 1006, F::Ack | F::Psh, "hi"));
    return socklab::test::writeCapture(path, LinkFraming::Ethernet, frames);
}

} // namespace

class TestGuiRetranslate : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;
    QTemporaryDir m_dir;

    /// The texts of the window that are not translated, one per line.
    QStringList untranslated(TextWalk& walk) {
        QStringList out;
        for (const auto& [where, text] : walk.collect()) {
            if (!translated(text, walk.data())) {
                out << QStringLiteral("%1: \"%2\"").arg(where, text);
            }
        }
        out.removeDuplicates();
        return out;
    }

    /// The texts of the window that still carry a ⟦ after the translator is gone.
    QStringList stillWrapped(TextWalk& walk) {
        QStringList out;
        for (const auto& [where, text] : walk.collect()) {
            if (text.contains(kOpen) || text.contains(kClose)) {
                out << QStringLiteral("%1: \"%2\"").arg(where, text);
            }
        }
        out.removeDuplicates();
        return out;
    }

    /// Show every tab once (lazy views lay out when shown) and come back to the first.
    void visitTabs() {
        for (int i = 0; i < m_gui->tabCount(); ++i) {
            m_gui->tabs()->setCurrentIndex(i);
            QCoreApplication::processEvents();
        }
        m_gui->tabs()->setCurrentIndex(0);
        QCoreApplication::processEvents();
    }

    /// File > Open capture on path, its first conversation opened in a tab and imported.
    CaptureTab* openCapture(const QString& path) {
        const QPointer<CaptureImportDialog> dialog = m_gui->openCaptureFile(path);
        QSignalSpy listed(dialog, &CaptureImportDialog::listed);
        if (!listed.wait(e2e::kWaitMs) || !listed.first().first().toBool()) {
            return nullptr;
        }
        dialog->view()->selectRow(0);
        if (!a11y::press(dialog, QStringLiteral("Open"))) {
            return nullptr;
        }
        if (dialog) {
            dialog->close(); // deleted on close
        }
        CaptureTab* tab = m_gui->captureTabAt(m_gui->tabCount() - 1);
        const bool done =
            tab && QTest::qWaitFor([tab] { return !tab->isImporting(); }, e2e::kWaitMs);
        return done ? tab : nullptr;
    }

private slots:
    void initTestCase() {
        e2e::useFreshSettings(QStringLiteral("test_gui_retranslate"));
        // As LanguageManager does: core's marked strings go through Qt's translators.
        socklab::setTranslator([](std::string_view context, std::string_view source) {
            const std::string ctx(context);
            const std::string src(source);
            return QCoreApplication::translate(ctx.c_str(), src.c_str()).toStdString();
        });
        QVERIFY(m_dir.isValid());
    }

    void cleanupTestCase() {
        m_gui.stop();
        socklab::setTranslator({});
    }

    void everyTextRetranslatesAndComesBack() {
        QVERIFY(m_gui.start());
        MainWindow& window = m_gui.window();

        // The demo workspace of a first start: an echo server with its client connected (the
        // connection list, traffic) and two UDP endpoints. Then a new tab, its form unopened.
        window.startup(QString());
        QCOMPARE(window.tabCount(), 4);
        SessionTab* server = window.tabAt(0);
        SessionTab* client = window.tabAt(1);
        QVERIFY(e2e::waitForState(client, QStringLiteral("Connected")));
        QVERIFY(e2e::sendText(client, QStringLiteral("hello")));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return e2e::tableText(client, QStringLiteral("Log"))
                           .count(QStringLiteral("hello")) >= 2;
            },
            e2e::kWaitMs));
        SessionTab* fresh = window.newTab();

        // A TCP relay to the echo server, a Unix stream server, a lab, a capture.
        SessionTab* relay = window.newTab(Preset::Relay);
        QVERIFY(
            a11y::type(relay, QStringLiteral("Upstream address"), QStringLiteral("127.0.0.1:9")));
        QVERIFY(relay->openSocket());
        SessionTab* unixTab = window.newTab(Preset::UnixStream);
        QVERIFY(unixTab->openSocket());
        window.newLabTab();
        const QString capturePath = m_dir.filePath(QStringLiteral("two.pcap"));
        QCOMPARE(writeCapture(capturePath), QString());
        CaptureTab* capture = openCapture(capturePath);
        QVERIFY(capture);
        // Its replay panel: SockLab as the server, listening (no peer needed to show it).
        ReplayRequest replay;
        replay.side = ReplaySide::Server;
        replay.address = QStringLiteral("127.0.0.1:0");
        QVERIFY2(capture->startReplay(replay), qPrintable(capture->errorText()));
        QVERIFY(QTest::qWaitFor(
            [capture] { return capture->replayPanel()->statusText().contains(u':'); },
            e2e::kWaitMs));

        // Texts made from the state: a filter whose framing is wrong, a message that is not hex.
        m_gui->tabs()->setCurrentWidget(client);
        client->trafficPane()->setFilterEnabled(true);
        QVERIFY(a11y::type(client, QStringLiteral("Message framing"), QStringLiteral("len:9")));
        QVERIFY(a11y::choose(client, QStringLiteral("Mode"), QStringLiteral("Hex")));
        QVERIFY(a11y::type(client, QStringLiteral("Message"), QStringLiteral("zz")));
        QVERIFY(!client->composer()->validationText().isEmpty());
        // Show code stays open beside its tab (not modal).
        emit client->showCodeRequested();
        QVERIFY(window.codeDialog(client));
        visitTabs();

        TextWalk walk(&window);
        // Data, not text (an explicit, short list): the interfaces of this machine ("lo —
        // 127.0.0.1"; the first entry, "Any address" or "Default", is text), the messages sent,
        // the names the user gave responder rules.
        for (auto* combo : window.findChildren<QComboBox*>()) {
            const QString name = combo->accessibleName();
            if (name == QStringLiteral("Interface") ||
                name == QStringLiteral("Network interface")) {
                walk.skipContent(combo, true);
            } else if (name == QStringLiteral("History") || name == QStringLiteral("Sequence")) {
                walk.skipContent(combo); // messages sent, sequences' names
            }
        }
        for (auto* view : window.findChildren<QTableView*>()) {
            if (view->accessibleName() == QStringLiteral("Responder rules")) {
                walk.skipColumn(view, ResponderRulesModel::NameColumn);
            } else if (view->accessibleName() == QStringLiteral("Log")) {
                walk.skipColumn(view, TrafficModel::PreviewColumn); // the bytes, or a note
            }
        }
        // What the captures recorded (notes made when the event happened, kept as recorded),
        // and the catalog's names, which are identifiers ("0 (default)").
        QStringList data;
        for (const TrafficPane* pane : window.findChildren<TrafficPane*>()) {
            if (const auto& store = pane->shownStore()) {
                const auto begin = store->beginSeq();
                for (const Record& r : store->records(begin, store->endSeq() - begin)) {
                    if (const std::string text = store->text(r); !text.empty()) {
                        data << QString::fromStdString(text);
                    }
                }
            }
        }
        for (const auto& catalog : {families(), types(), protocols()}) {
            for (const CatalogEntry& e : catalog) {
                data << QString::fromUtf8(e.name.data(), qsizetype(e.name.size()));
            }
        }
        walk.setData(data);

        // English first: the walk sees the window, and nothing is wrapped yet.
        QCOMPARE(stillWrapped(walk).join(u'\n'), QString());

        // Choices stay as they are through the language changes.
        QHash<QComboBox*, int> chosen;
        for (auto* combo : window.findChildren<QComboBox*>()) {
            chosen.insert(combo, combo->currentIndex());
        }
        const auto changedChoices = [&] {
            QStringList out;
            for (auto it = chosen.cbegin(); it != chosen.cend(); ++it) {
                if (it.key()->currentIndex() != it.value()) {
                    out << QStringLiteral("%1: %2 -> %3")
                               .arg(it.key()->accessibleName())
                               .arg(it.value())
                               .arg(it.key()->currentIndex());
                }
            }
            return out.join(u'\n');
        };

        WrappingTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCoreApplication::processEvents();
        visitTabs();
        const QStringList offenders = untranslated(walk);
        if (!offenders.isEmpty()) {
            qWarning().noquote() << offenders.size() << "texts not retranslated:\n"
                                 << offenders.join(u'\n');
        }
        QVERIFY2(offenders.isEmpty(), "texts not retranslated (listed above)");
        const auto hasLabel = [fresh](const QString& text) {
            const auto labels = fresh->findChildren<QLabel*>();
            return std::ranges::any_of(labels, [&](QLabel* l) { return l->text() == text; });
        };
        QVERIFY(hasLabel(kOpen + QStringLiteral("Fa&mily") + kClose));
        QCOMPARE(changedChoices(), QString());

        // Back to English: nothing stays wrapped, and the sessions are still there.
        QVERIFY(QCoreApplication::removeTranslator(&translator));
        QCoreApplication::processEvents();
        visitTabs();
        const QStringList left = stillWrapped(walk);
        if (!left.isEmpty()) {
            qWarning().noquote() << left.size() << "texts still translated:\n" << left.join(u'\n');
        }
        QVERIFY2(left.isEmpty(), "texts still translated (listed above)");
        QVERIFY(hasLabel(QStringLiteral("Fa&mily")));
        QCOMPARE(changedChoices(), QString());
        QVERIFY(client->isOpen() && server->isOpen());
        QVERIFY2(client->status()->stateText().startsWith(QStringLiteral("Connected")),
                 qPrintable(client->status()->stateText()));
        QVERIFY2(server->status()->stateText().startsWith(QStringLiteral("Listening")),
                 qPrintable(server->status()->stateText()));
        QCOMPARE(window.tabCount(), 9);
    }
};

QTEST_MAIN(TestGuiRetranslate)
#include "test_gui_retranslate.moc"
