// The bad-input table (tests/data/bad_inputs.json), rows of front end "gui": each input is typed
// into the real field, found through the accessibility tree, and the message must read exactly
// as the row says in the label named by the row, where the user sees it. A row's "where" is
// `SETUP: type into "FIELD", message in "LABEL"`; SETUP names how the field is reached (see
// reach()). Inputs are committed as an input method does, so any character can be typed.
//
// Note: ordinary string literals only (moc misreads raw strings with unbalanced braces).
#include "core/net/socket_spec.h"
#include "support/gui_driver.h"
#include "ui/dialogs/responder_rule_dialog.h"
#include "ui/views/traffic_pane.h"
#include "ui/widgets/multicast_panel.h"
#include "ui/widgets/relay_direction_box.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

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
        QStringLiteral("^(.*): type into \"(.*)\", message in \"(.*)\"$"));
    return re;
}

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
        if (setup == QStringLiteral("Multicast panel of an AF_INET datagram socket")) {
            auto* panel = new MulticastPanel;
            panel->setFamily(familyByName("AF_INET")->value);
            panel->setSessionOpen(true);
            m_standalone.reset(panel);
        } else if (setup == QStringLiteral("Relay tab, client to server box")) {
            m_standalone = std::make_unique<RelayDirectionBox>(RelayDirection::ToServer);
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
        QSet<QString> seen;
        for (const auto& v : readTable()) {
            const QJsonObject row = v.toObject();
            if (row["frontend"].toString() != QStringLiteral("gui")) {
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
            QTest::newRow(qPrintable(name)) << m.captured(1) << m.captured(2) << m.captured(3)
                                            << row["input"].toString() << row["message"].toString();
        }
    }
    void messageShowsWhereTyped() {
        QFETCH(QString, setup);
        QFETCH(QString, field);
        QFETCH(QString, label);
        QFETCH(QString, input);
        QFETCH(QString, message);
        QString why;
        QWidget* root = reach(setup, why);
        QVERIFY2(root, qPrintable(why));
        QVERIFY2(a11y::imeType(root, field, input), qPrintable("cannot type into " + field));
        if (qgetenv("SOCKLAB_BAD_INPUTS_SHOW") == "1") {
            QTest::qWait(200);
            qWarning("SHOWN %s", qPrintable(shownText(root, label)));
            return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(shownText(root, label), message, kWaitMs);
    }
};

QTEST_MAIN(TestGuiBadInputs)
#include "test_gui_bad_inputs.moc"
