// The bad-input table (tests/data/bad_inputs.json), rows of front end "gui": each input is typed
// into the real field, found through the accessibility tree, and the message must read exactly
// as the row says in the label named by the row, where the user sees it. A row's "where" is
// `SETUP: type into "FIELD", message in "LABEL"`; SETUP names how the field is reached (see
// reach()). Inputs are committed as an input method does, so any character can be typed.
// A row that ends `, "BUTTON" refuses it (accepts "GOOD")` also checks that the button that
// would take the value (OK, Send...) is enabled with GOOD typed and disabled with the input.
// File rows, `SETUP, file chosen: message box "TITLE"` or `..., message in "LABEL"`, give the
// file the menu entry's file dialog returns ({dir} holds missing.* (absent), notpcap.txt,
// notjson.json, version99.json, empty.pcap): the message must show there, and the tab that
// was open stays, with what was typed in it.
//
// Note: ordinary string literals only (moc misreads raw strings with unbalanced braces).
#include "core/net/socket_spec.h"
#include "support/gui_driver.h"
#include "ui/dialogs/held_edit_dialog.h"
#include "ui/dialogs/preferences_dialog.h"
#include "ui/dialogs/replay_dialog.h"
#include "ui/dialogs/responder_rule_dialog.h"
#include "ui/export/live_save_dialog.h"
#include "ui/import/capture_import_dialog.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/multicast_panel.h"
#include "ui/widgets/relay_direction_box.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

using namespace socklab;
using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

QJsonArray readTable() {
    QFile f(QStringLiteral(SOCKLAB_SOURCE_DIR "/tests/data/bad_inputs.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).array();
}

const QRegularExpression& wherePattern() {
    static const QRegularExpression re(
        QStringLiteral("^(.*): type into \"(.*?)\", message in \"(.*?)\""
                       "(?:, \"(.*?)\" refuses it \\(accepts \"(.*)\"\\))?$"));
    return re;
}

const QRegularExpression& filePattern() {
    static const QRegularExpression re(
        QStringLiteral("^(.*), file chosen: message (box|in) \"(.*)\"$"));
    return re;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// The button called name below root (nullptr when there is none).
QAbstractButton* buttonNamed(QWidget* root, const QString& name) {
    QAccessibleInterface* iface = a11y::find(root, name, QAccessible::PushButton);
    return iface ? qobject_cast<QAbstractButton*>(iface->object()) : nullptr;
}

CaptureConversation tcpConversation() {
    CaptureConversation c;
    c.index = 1;
    c.protocol = CaptureProtocol::Tcp;
    c.client = *Endpoint::parse("127.0.0.1:40000", 0);
    c.server = *Endpoint::parse("127.0.0.1:7000", 0);
    return c;
}

HeldMessage heldMessage() {
    HeldMessage m;
    m.id = 1;
    m.connection = 1;
    const char text[] = "PING";
    for (const char c : std::string_view(text)) {
        m.bytes.push_back(std::byte(c));
    }
    return m;
}

/// Closes the next modal message box, keeping its title and text (a warning blocks in exec()).
struct MessageBoxCatcher {
    QString title;
    QString text;
    QTimer timer;
    MessageBoxCatcher() {
        timer.setInterval(20);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                title = box->windowTitle();
                text = box->text();
                box->accept();
                timer.stop();
            }
        });
        timer.start();
    }
};

/// The text a label shows (its accessible description mirrors it; a QLabel has no text
/// interface), "" while it is hidden (an empty message hides it).
QString shownText(QWidget* root, const QString& name) {
    QAccessibleInterface* iface = a11y::find(root, name);
    if (!iface) {
        return {};
    }
    if (auto* label = qobject_cast<QLabel*>(iface->object())) {
        return label->isVisibleTo(root) ? label->text() : QString();
    }
    return a11y::text(root, name);
}

/// Fields that carry their problem as their own accessible description too.
bool describesItsProblem(const QString& field) {
    return field == QStringLiteral("Destination") || field == QStringLiteral("Sequence name");
}

QString fieldDescription(QWidget* root, const QString& name) {
    QAccessibleInterface* iface = a11y::find(root, name, QAccessible::EditableText);
    auto* widget = iface ? qobject_cast<QWidget*>(iface->object()) : nullptr;
    return widget ? widget->accessibleDescription() : QStringLiteral("(no field %1)").arg(name);
}

} // namespace

class TestGuiBadInputs : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;
    std::unique_ptr<QWidget> m_standalone;

    /// The widget below which the field and its message are, reached as SETUP says.
    QWidget* reach(const QString& setup, QString& why) {
        const auto newTab = [&]() -> SessionTab* {
            QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
            return m_gui->currentTab();
        };
        if (setup.startsWith(QStringLiteral("New tab"))) {
            SessionTab* tab = newTab();
            if (!tab) {
                why = QStringLiteral("Ctrl+T opened no tab");
                return nullptr;
            }
            bool ok = true;
            if (setup.endsWith(QStringLiteral("TCP listener"))) {
                ok = a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Listen"));
            } else if (setup.endsWith(QStringLiteral("Unix stream client"))) {
                ok = a11y::choose(tab, QStringLiteral("Family"), QStringLiteral("AF_UNIX")) &&
                     a11y::choose(tab, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")) &&
                     a11y::choose(tab, QStringLiteral("Role"), QStringLiteral("Connect"));
            } else if (setup.endsWith(QStringLiteral("Messages: end with a delimiter"))) {
                ok = a11y::choose(tab, QStringLiteral("Messages"),
                                  QStringLiteral("end with a delimiter"));
            } else if (setup.contains(QStringLiteral("Filter, Data: "))) {
                ok = a11y::press(tab, QStringLiteral("Filter")) &&
                     a11y::choose(tab, QStringLiteral("Data"),
                                  setup.section(QStringLiteral("Data: "), 1));
            } else if (setup.contains(QStringLiteral("Sequences, steps: "))) {
                ok = a11y::type(tab, QStringLiteral("Sequence steps"),
                                setup.section(QStringLiteral("steps: "), 1));
            } else if (setup.contains(QStringLiteral("Find as: "))) {
                tab->trafficPane()->logView()->setFocus();
                QTest::keyClick(tab->trafficPane()->logView(), Qt::Key_F, Qt::ControlModifier);
                ok = a11y::choose(tab, QStringLiteral("Find as"),
                                  setup.section(QStringLiteral("Find as: "), 1));
            }
            if (!ok) {
                why = QStringLiteral("cannot set up: ") + setup;
            }
            return ok ? tab : nullptr;
        }
        if (setup.startsWith(QStringLiteral("Bound UDP tab, Mode: "))) {
            SessionTab* tab = e2e::openBoundUdp(m_gui.window(), why);
            if (tab &&
                !(a11y::choose(tab, QStringLiteral("Mode"),
                               setup.section(QStringLiteral("Mode: "), 1)) &&
                  a11y::choose(tab, QStringLiteral("Line ending"), QStringLiteral("No line")))) {
                why = QStringLiteral("cannot choose the mode: ") + setup;
                return nullptr;
            }
            return tab;
        }
        if (setup == QStringLiteral("Bound UDP tab")) {
            return e2e::openBoundUdp(m_gui.window(), why);
        }
        if (setup == QStringLiteral("Multicast panel of an AF_INET datagram socket")) {
            auto* panel = new MulticastPanel;
            panel->setFamily(familyByName("AF_INET")->value);
            panel->setSessionOpen(true);
            m_standalone.reset(panel);
        } else if (setup == QStringLiteral("Relay tab, client to server box")) {
            m_standalone = std::make_unique<RelayDirectionBox>(RelayDirection::ToServer);
        } else if (setup.startsWith(QStringLiteral("Replay dialog of a TCP conversation"))) {
            ReplayRequest initial;
            initial.address = QStringLiteral("127.0.0.1:7000");
            auto* dialog = new ReplayDialog(tcpConversation(), initial);
            m_standalone.reset(dialog);
            dialog->show();
            if (setup.contains(QStringLiteral("Timing: ")) &&
                !a11y::choose(dialog, QStringLiteral("Timing"),
                              setup.section(QStringLiteral("Timing: "), 1))) {
                why = QStringLiteral("cannot choose the timing: ") + setup;
                return nullptr;
            }
        } else if (setup == QStringLiteral("Save continuously dialog of a TCP tab")) {
            LiveSaveSettings initial;
            initial.path = "/tmp/socklab-bad.pcapng";
            const SocketSpec tcp{familyByName("AF_INET")->value, typeByName("SOCK_STREAM")->value,
                                 0};
            m_standalone = std::make_unique<LiveSaveDialog>(initial, tcp);
        } else if (setup == QStringLiteral("Preferences dialog")) {
            m_standalone = std::make_unique<PreferencesDialog>(Preferences{});
        } else if (setup.startsWith(QStringLiteral("Held message edit dialog, Mode: "))) {
            auto* dialog = new HeldEditDialog(heldMessage());
            m_standalone.reset(dialog);
            dialog->show();
            if (!a11y::choose(dialog, QStringLiteral("Mode"),
                              setup.section(QStringLiteral("Mode: "), 1))) {
                why = QStringLiteral("cannot choose the mode: ") + setup;
                return nullptr;
            }
        } else if (setup.startsWith(QStringLiteral("Responder rule dialog, Match: "))) {
            ResponderRule rule;
            rule.name = "r";
            rule.match = MatchKind::Contains;
            rule.pattern = "x";
            rule.reply = "y";
            auto* dialog = new ResponderRuleDialog(rule);
            m_standalone.reset(dialog);
            dialog->show();
            if (!a11y::choose(dialog, QStringLiteral("Match"),
                              setup.section(QStringLiteral("Match: "), 1))) {
                why = QStringLiteral("cannot choose the match: ") + setup;
                return nullptr;
            }
        } else {
            why = QStringLiteral("unknown setup: ") + setup;
            return nullptr;
        }
        m_standalone->show();
        if (!QTest::qWaitForWindowExposed(m_standalone.get())) {
            why = QStringLiteral("not exposed");
            return nullptr;
        }
        return m_standalone.get();
    }

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_bad_inputs")); }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() {
        m_standalone.reset();
        m_gui.stop();
    }

    void messageShowsWhereTyped_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("button");
        QTest::addColumn<QString>("good");
        QSet<QString> seen;
        for (const auto& v : readTable()) {
            const QJsonObject row = v.toObject();
            if (row["frontend"].toString() != QStringLiteral("gui") ||
                filePattern().match(row["where"].toString()).hasMatch()) {
                continue;
            }
            const auto m = wherePattern().match(row["where"].toString());
            QVERIFY2(m.hasMatch(), qPrintable(row["where"].toString()));
            const QString base = row["area"].toString() + QStringLiteral(" / ") +
                                 row["field"].toString() + QStringLiteral(" / ") +
                                 row["input"].toString().left(40);
            QString name = base;
            for (int n = 2; seen.contains(name); ++n) {
                name = base + QStringLiteral(" #%1").arg(n);
            }
            seen.insert(name);
            QTest::newRow(qPrintable(name))
                << m.captured(1) << m.captured(2) << m.captured(3) << row["input"].toString()
                << row["message"].toString() << m.captured(4) << m.captured(5);
        }
    }
    void messageShowsWhereTyped() {
        QFETCH(QString, setup);
        QFETCH(QString, field);
        QFETCH(QString, label);
        QFETCH(QString, input);
        QFETCH(QString, message);
        QFETCH(QString, button);
        QFETCH(QString, good);
        QString why;
        QWidget* root = reach(setup, why);
        QVERIFY2(root, qPrintable(why));
        QAbstractButton* take = nullptr;
        if (!button.isEmpty()) {
            // The button takes a good value first, so that a refusal below is the input's.
            take = buttonNamed(root, button);
            QVERIFY2(take, qPrintable("no button " + button));
            QVERIFY2(a11y::imeType(root, field, good), qPrintable("cannot type into " + field));
            QTRY_VERIFY2_WITH_TIMEOUT(
                take->isEnabled(),
                qPrintable(button + " refuses " + good + ": " + shownText(root, label)), kWaitMs);
        }
        QVERIFY2(a11y::imeType(root, field, input), qPrintable("cannot type into " + field));
        if (qgetenv("SOCKLAB_BAD_INPUTS_SHOW") == "1") {
            QTest::qWait(200);
            qWarning("SHOWN %s", qPrintable(shownText(root, label)));
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(shownText(root, label), message, kWaitMs);
        if (describesItsProblem(field)) {
            QCOMPARE(fieldDescription(root, field), message); // read with the field
        }
        if (take) {
            QVERIFY2(!take->isEnabled(), qPrintable(button + " accepts the input"));
        }
    }

    void fileMessageShowsInGui_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<bool>("box");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("message");
        for (const auto& v : readTable()) {
            const QJsonObject row = v.toObject();
            const auto m = filePattern().match(row["where"].toString());
            if (row["frontend"].toString() != QStringLiteral("gui") || !m.hasMatch()) {
                continue;
            }
            QTest::newRow(qPrintable(row["area"].toString() + QStringLiteral(" / ") +
                                     row["input"].toString()))
                << m.captured(1) << (m.captured(2) == QStringLiteral("box")) << m.captured(3)
                << row["input"].toString() << row["message"].toString();
        }
    }
    void fileMessageShowsInGui() {
        QFETCH(QString, setup);
        QFETCH(bool, box);
        QFETCH(QString, label);
        QFETCH(QString, input);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath("notpcap.txt"), "not a capture\n"));
        QVERIFY(writeFile(dir.filePath("notjson.json"), "not json"));
        QVERIFY(writeFile(dir.filePath("version99.json"),
                          "{\"format\": \"socklab-workspace\", \"version\": 99}"));
        QVERIFY(writeFile(dir.filePath("empty.pcap"), ""));
        const QString path = QString(input).replace(QStringLiteral("{dir}"), dir.path());
        const QString expected = QString(message).replace(QStringLiteral("{dir}"), dir.path());

        // A tab is open, with something typed in it: a bad file must not cost it.
        QTest::keyClick(&m_gui.window(), Qt::Key_T, Qt::ControlModifier);
        SessionTab* tab = m_gui->currentTab();
        QVERIFY(tab);
        const QString typed = QStringLiteral("127.0.0.1:7");
        QVERIFY(a11y::type(tab, QStringLiteral("Remote address"), typed));
        const int tabs = m_gui->tabCount();

        if (setup.startsWith(QStringLiteral("File > Open workspace"))) {
            QVERIFY(box);
            MessageBoxCatcher catcher;
            QVERIFY(!m_gui->openWorkspaceFile(path));
            QCOMPARE(catcher.title, label);
            QCOMPARE(catcher.text, expected);
        } else if (setup.startsWith(QStringLiteral("File > Open capture"))) {
            QVERIFY(!box);
            CaptureImportDialog* dialog = m_gui->openCaptureFile(path);
            QVERIFY(dialog);
            QTRY_COMPARE_WITH_TIMEOUT(shownText(dialog, label), expected, kWaitMs);
            QVERIFY(!dialog->isReading());
            dialog->reject();
        } else {
            QFAIL(qPrintable("unknown setup: " + setup));
        }
        QCOMPARE(m_gui->tabCount(), tabs);
        QCOMPARE(m_gui->currentTab(), tab);
        QCOMPARE(a11y::text(tab, QStringLiteral("Remote address"), QAccessible::EditableText),
                 typed);
    }
};

QTEST_MAIN(TestGuiBadInputs)
#include "test_gui_bad_inputs.moc"
