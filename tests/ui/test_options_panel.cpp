// OptionsPanel: rows that do not apply to the socket are greyed out with the reason and left out
// of the request; effective values are formatted per option and marked when the kernel changed
// what was asked; a getsockopt error is a value-less row. End to end, an open UDP tab shows the
// kernel's SO_SNDBUF (never requested) as python reads it on its own UDP socket.

#include "a11y.h"
#include "core/engine/engine.h"
#include "core/net/options.h"
#include "core/net/socket_spec.h"
#include "ui/bridge/core_bridge.h"
#include "ui/session/session_router.h"
#include "ui/startup_gate.h"
#include "ui/widgets/options_panel.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QVBoxLayout>
#include <algorithm>

using namespace socklab;
using namespace socklab::ui;

namespace {

SocketSpec specOf(const char* family, const char* type, const char* protocol = "0") {
    return SocketSpec{familyByName(family)->value, typeByName(type)->value,
                      protocolByName(protocol)->value};
}

QLabel* effectiveLabel(QWidget* root, const char* option) {
    return a11y::widget<QLabel>(root, QStringLiteral("%1 effective").arg(QLatin1String(option)));
}

QCheckBox* rowBox(QWidget* root, const char* option) {
    return a11y::widget<QCheckBox>(root, QLatin1String(option));
}

OptionReadback readOnly(OptionId id, int value) {
    OptionReadback r{id, 0, value};
    r.wasSet = false;
    return r;
}

/// Closes the start-up gate for its lifetime (released even when a check fails).
struct ClosedGate {
    ClosedGate() { StartupGate::close(); }
    ~ClosedGate() { StartupGate::release(); }
    ClosedGate(const ClosedGate&) = delete;
    ClosedGate& operator=(const ClosedGate&) = delete;
};

/// The name of the panel's first row (the catalog's first option).
QString firstOptionName() {
    const std::string_view name = optionCatalog().front().name;
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

/// Every row of two panels alike: ticks, enabled states, tooltips, values, Apply buttons.
QString rowDifference(QWidget* a, QWidget* b) {
    for (const OptionInfo& o : optionCatalog()) {
        const QString name = QString::fromUtf8(o.name.data(), qsizetype(o.name.size()));
        QCheckBox* tickA = a11y::widget<QCheckBox>(a, name);
        QCheckBox* tickB = a11y::widget<QCheckBox>(b, name);
        if (!tickA || !tickB) {
            return name + QStringLiteral(": row missing");
        }
        if (tickA->isChecked() != tickB->isChecked() || tickA->isEnabled() != tickB->isEnabled() ||
            tickA->toolTip() != tickB->toolTip()) {
            return name + QStringLiteral(": tick differs");
        }
        const QString requested = name + QStringLiteral(" requested");
        if (o.boolean) {
            if (a11y::widget<QCheckBox>(a, requested)->isChecked() !=
                a11y::widget<QCheckBox>(b, requested)->isChecked()) {
                return name + QStringLiteral(": value differs");
            }
        } else if (a11y::widget<QSpinBox>(a, requested)->value() !=
                   a11y::widget<QSpinBox>(b, requested)->value()) {
            return name + QStringLiteral(": value differs");
        }
        const QString apply = QStringLiteral("Apply ") + name;
        if (a11y::widget<QPushButton>(a, apply)->isHidden() !=
            a11y::widget<QPushButton>(b, apply)->isHidden()) {
            return name + QStringLiteral(": Apply differs");
        }
    }
    return {};
}

bool sameSettings(const std::vector<OptionSetting>& a, const std::vector<OptionSetting>& b) {
    return std::ranges::equal(a, b, [](const OptionSetting& x, const OptionSetting& y) {
        return x.id == y.id && x.value == y.value;
    });
}

} // namespace

class TestOptionsPanel : public QObject {
    Q_OBJECT
private slots:
    void rowsThatDoNotApplyAreDisabledWithTheReason() {
        OptionsPanel panel;
        panel.show();
        panel.setSpec(specOf("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP"));
        QCheckBox* nodelay = rowBox(&panel, "TCP_NODELAY");
        QVERIFY(nodelay);
        QVERIFY(!nodelay->isEnabled());
        QVERIFY(
            nodelay->toolTip().contains(QStringLiteral("Nagle's algorithm exists only in TCP")));
        QVERIFY(nodelay->toolTip().contains(QStringLiteral("AF_INET, SOCK_DGRAM, IPPROTO_UDP")));
        QCOMPARE(nodelay->accessibleDescription(), nodelay->toolTip());
        QVERIFY(!rowBox(&panel, "IPV6_V6ONLY")->isEnabled());
        QVERIFY(rowBox(&panel, "SO_RCVBUF")->isEnabled());
        QVERIFY(rowBox(&panel, "IP_MULTICAST_TTL")->isEnabled());
        QVERIFY(rowBox(&panel, "SO_BROADCAST")->isEnabled());
        QVERIFY(!effectiveLabel(&panel, "TCP_NODELAY")->isEnabled());

        panel.setSpec(specOf("AF_INET6", "SOCK_STREAM", "IPPROTO_TCP"));
        QVERIFY(nodelay->isEnabled());
        QVERIFY(!nodelay->toolTip().contains(QStringLiteral("Does not apply")));
        QVERIFY(rowBox(&panel, "IPV6_V6ONLY")->isEnabled());
        QVERIFY(!rowBox(&panel, "IP_MULTICAST_TTL")->isEnabled());
        QVERIFY(!rowBox(&panel, "SO_BROADCAST")->isEnabled());

        panel.setSpec(specOf("AF_UNIX", "SOCK_STREAM"));
        for (const OptionInfo& o : optionCatalog()) {
            const bool buffer = o.id == OptionId::RcvBuf || o.id == OptionId::SndBuf;
            const std::string name(o.name);
            QCOMPARE(rowBox(&panel, name.c_str())->isEnabled(), buffer);
        }
    }

    // A ticked row that stops applying is not requested (what is greyed out is not sent).
    void tickedRowsThatDoNotApplyAreNotRequested() {
        OptionsPanel panel;
        panel.setSpec(specOf("AF_INET", "SOCK_STREAM"));
        QSignalSpy changed(&panel, &OptionsPanel::settingsChanged);
        panel.setSettings({{OptionId::TcpNoDelay, 1}, {OptionId::RcvBuf, 5000}});
        QVERIFY(changed.count() > 0);
        QCOMPARE(panel.settings().size(), std::size_t(2));
        panel.setSpec(specOf("AF_INET", "SOCK_DGRAM"));
        const auto udp = panel.settings();
        QCOMPARE(udp.size(), std::size_t(1));
        QCOMPARE(udp[0].id, OptionId::RcvBuf);
        QCOMPARE(udp[0].value, 5000);
        panel.setSpec(specOf("AF_INET", "SOCK_STREAM"));
        QCOMPARE(panel.settings().size(), std::size_t(2));
    }

    void effectiveValuesAreFormattedPerOption() {
        OptionsPanel panel;
        panel.show();
        panel.setSpec(specOf("AF_INET", "SOCK_STREAM"));
        QCOMPARE(panel.effectiveText(OptionId::RcvBuf), QString());
        panel.setEffective(readOnly(OptionId::RcvBuf, 131072));
        panel.setEffective(readOnly(OptionId::ReuseAddr, 0));
        panel.setEffective(readOnly(OptionId::KeepAlive, 1));
        panel.setEffective(readOnly(OptionId::Linger, -1));
        panel.setEffective(readOnly(OptionId::IpTtl, 64));
        QCOMPARE(panel.effectiveText(OptionId::RcvBuf), QStringLiteral("131072"));
        QCOMPARE(panel.effectiveText(OptionId::ReuseAddr), QStringLiteral("off"));
        QCOMPARE(panel.effectiveText(OptionId::KeepAlive), QStringLiteral("on"));
        QCOMPARE(panel.effectiveText(OptionId::Linger), QStringLiteral("off"));
        QCOMPARE(panel.effectiveText(OptionId::IpTtl), QStringLiteral("64"));
        QLabel* rcvbuf = effectiveLabel(&panel, "SO_RCVBUF");
        QVERIFY(rcvbuf);
        QCOMPARE(rcvbuf->text(), QStringLiteral("131072"));
        QVERIFY(!rcvbuf->font().bold());
        QVERIFY(rcvbuf->toolTip().contains(QStringLiteral("did not set")));
        panel.setEffective(OptionReadback{OptionId::Linger, 5, 5});
        QCOMPARE(panel.effectiveText(OptionId::Linger), QStringLiteral("5 s"));
        QVERIFY(!effectiveLabel(&panel, "SO_LINGER")->font().bold());
        panel.clearEffective();
        QCOMPARE(panel.effectiveText(OptionId::RcvBuf), QString());
        QCOMPARE(rcvbuf->text(), QStringLiteral("—"));
    }

    void effectiveValueStaysOnOneLine() {
        // A narrow pane (the form beside the traffic views in a 1280x800 window).
        OptionsPanel panel;
        panel.setSpec(specOf("AF_INET", "SOCK_DGRAM"));
        panel.setEffective(OptionReadback{OptionId::RcvBuf, 4194304, 8388608});
        panel.resize(panel.minimumSizeHint().width(), panel.sizeHint().height());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QLabel* rcvbuf = effectiveLabel(&panel, "SO_RCVBUF");
        QVERIFY(rcvbuf);
        QCOMPARE(rcvbuf->text(), QStringLiteral("8388608 (asked 4194304)")); // whole, for readers
        QVERIFY(!rcvbuf->wordWrap());
        QVERIFY2(rcvbuf->height() < 2 * rcvbuf->fontMetrics().lineSpacing(),
                 qPrintable(QString::number(rcvbuf->height())));
        // Every row keeps one line's height: no row grew for a long value.
        QLabel* ttl = effectiveLabel(&panel, "IP_TTL");
        QVERIFY(ttl);
        QVERIFY(std::abs(rcvbuf->height() - ttl->height()) <= 2);
    }

    void valuesTheKernelChangedAreMarked() {
        OptionsPanel panel;
        panel.show();
        panel.setSpec(specOf("AF_INET", "SOCK_DGRAM"));
        panel.setEffective(OptionReadback{OptionId::RcvBuf, 100000, 200000});
        QLabel* rcvbuf = effectiveLabel(&panel, "SO_RCVBUF");
        QCOMPARE(rcvbuf->text(), QStringLiteral("200000 (asked 100000)"));
        QVERIFY(rcvbuf->font().bold());
        QVERIFY(rcvbuf->toolTip().contains(QStringLiteral("doubled")));
        QVERIFY(rcvbuf->toolTip().contains(QStringLiteral("socket(7)")));
        QCOMPARE(rcvbuf->accessibleDescription(), rcvbuf->toolTip());

        panel.setEffective(OptionReadback{OptionId::SndBuf, 100000000, 8388608});
        QLabel* sndbuf = effectiveLabel(&panel, "SO_SNDBUF");
        QVERIFY(sndbuf->font().bold());
        QVERIFY(sndbuf->toolTip().contains(QStringLiteral("net.core.wmem_max")));

        panel.setEffective(OptionReadback{OptionId::MulticastLoop, 1, 1});
        QLabel* loop = effectiveLabel(&panel, "IP_MULTICAST_LOOP");
        QCOMPARE(loop->text(), QStringLiteral("on"));
        QVERIFY(!loop->font().bold());

        // A read-only value is never "differs", whatever requested says.
        panel.setEffective(readOnly(OptionId::RcvBuf, 212992));
        QCOMPARE(rcvbuf->text(), QStringLiteral("212992"));
        QVERIFY(!rcvbuf->font().bold());
    }

    void unreadableOptionIsARowWithTheError() {
        OptionsPanel panel;
        panel.show();
        panel.setSpec(specOf("AF_INET", "SOCK_STREAM", "IPPROTO_MPTCP"));
        OptionReadback r = readOnly(OptionId::IpTtl, 0);
        r.error = sysError(95, "getsockopt", "IP_TTL on fd 7");
        panel.setEffective(r);
        QLabel* ttl = effectiveLabel(&panel, "IP_TTL");
        QCOMPARE(ttl->text(), QString::fromStdString(r.error->message()));
        QVERIFY(ttl->text().startsWith(QStringLiteral("getsockopt IP_TTL on fd 7: ")));
        QCOMPARE(ttl->toolTip(), ttl->text());
        QVERIFY(!ttl->font().bold());
    }

    void anotherSpecClearsThePreviousSocketsValues() {
        OptionsPanel panel;
        panel.setSpec(specOf("AF_INET", "SOCK_DGRAM"));
        panel.setEffective(readOnly(OptionId::SndBuf, 212992));
        panel.setSpec(specOf("AF_INET", "SOCK_DGRAM")); // same socket kind: kept
        QCOMPARE(panel.effectiveText(OptionId::SndBuf), QStringLiteral("212992"));
        panel.setSpec(specOf("AF_INET6", "SOCK_DGRAM"));
        QCOMPARE(panel.effectiveText(OptionId::SndBuf), QString());
    }

    // Through the engine: nobody ticks SO_SNDBUF, yet the open tab shows the kernel's value.
    void openUdpTabShowsBuffersWithoutRequestingThem() {
        QProcess py;
        py.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"), QStringLiteral("import socket\n"
                                                       "s = socket.socket(socket.AF_INET, "
                                                       "socket.SOCK_DGRAM)\n"
                                                       "s.bind(('127.0.0.1', 0))\n"
                                                       "print(s.getsockopt(socket.SOL_SOCKET, "
                                                       "socket.SO_SNDBUF))\n")});
        if (!py.waitForStarted(5000)) {
            QSKIP("python3 is needed as the reference");
        }
        QVERIFY(py.waitForFinished(10000));
        const QString pythonSndBuf = QString::fromLatin1(py.readAllStandardOutput()).trimmed();
        QVERIFY(!pythonSndBuf.isEmpty());
        QFile rmem(QStringLiteral("/proc/sys/net/core/rmem_max"));
        QVERIFY(rmem.open(QIODevice::ReadOnly));
        const long long rmemMax = rmem.readAll().trimmed().toLongLong();

        Engine engine;
        engine.start();
        CoreBridge bridge(engine);
        SessionRouter router(bridge);
        SessionTab tab(router);
        tab.resize(1280, 800);
        tab.show();
        OpenSession r = presetRequest(Preset::UdpEndpoint);
        r.local = "127.0.0.1:0";
        r.options.clear();
        tab.setRequest(r);
        auto* panel = tab.findChild<OptionsPanel*>();
        QVERIFY(panel);
        QVERIFY(panel->settings().empty());
        QVERIFY(tab.openSocket());
        QTRY_COMPARE_WITH_TIMEOUT(panel->effectiveText(OptionId::SndBuf), pythonSndBuf, 10000);
        // SO_RCVBUF: the engine's datagram default (4 MiB asked), doubled by the kernel.
        QTRY_VERIFY_WITH_TIMEOUT(!panel->effectiveText(OptionId::RcvBuf).isEmpty(), 10000);
        QVERIFY(panel->effectiveText(OptionId::RcvBuf)
                    .startsWith(QString::number(2 * std::min<long long>(rmemMax, 4 << 20))));
        QCOMPARE(panel->effectiveText(OptionId::IpTtl), QStringLiteral("64"));
        QCOMPARE(panel->effectiveText(OptionId::MulticastLoop), QStringLiteral("on"));
        QCOMPARE(panel->effectiveText(OptionId::TcpNoDelay), QString()); // does not apply
        // The open socket's form is collapsed to a summary line: expand it as a user would.
        QVERIFY(!tab.isFormShown());
        QVERIFY(a11y::press(&tab, QStringLiteral("Show socket form")));
        QTRY_VERIFY(tab.isFormShown());
        // The doubled SO_RCVBUF with what was asked stays on one line in a 1280x800 window.
        QLabel* rcvbuf = effectiveLabel(&tab, "SO_RCVBUF");
        QVERIFY(rcvbuf);
        QVERIFY2(rcvbuf->height() < 2 * rcvbuf->fontMetrics().lineSpacing(),
                 qPrintable(QString::number(rcvbuf->height())));
        QLabel* nodelay = effectiveLabel(&tab, "TCP_NODELAY");
        QVERIFY(nodelay);
        QVERIFY(!nodelay->isEnabled());
        tab.shutdown();
    }

    // During start-up (StartupGate closed) the rows wait for the first frame. What the panel is
    // told meanwhile (spec, ticks, values, live state) is what its rows then show, and
    // settings() answers as built rows do: values held to their ranges, rows that do not apply
    // left out, a value kept when its row is unticked again.
    // Rows made after the first paint were appended to the end of the window's focus chain:
    // Tab from the field above the panel must reach the first option, and the field below the
    // panel must come after the last one.
    void rowsBuiltAfterStartUpKeepTheirTabOrder() {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        QLineEdit* above = nullptr;
        QLineEdit* below = nullptr;
        OptionsPanel* panel = nullptr;
        {
            ClosedGate gate; // as during start-up: the panel's rows wait for the first paint
            above = new QLineEdit(&window);
            layout->addWidget(above);
            panel = new OptionsPanel(&window);
            layout->addWidget(panel);
            below = new QLineEdit(&window);
            layout->addWidget(below);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(panel->findChildren<QCheckBox*>().isEmpty());
        } // released: the rows are made now, after every other widget of the window
        panel->setSpec(specOf("AF_INET", "SOCK_STREAM", "IPPROTO_TCP"));
        const auto tabStops = [](QWidget* from, QWidget* until) {
            QList<QWidget*> stops;
            for (QWidget* w = from->nextInFocusChain(); w != nullptr && w != from && w != until;
                 w = w->nextInFocusChain()) {
                if ((w->focusPolicy() & Qt::TabFocus) != 0) {
                    stops.append(w);
                }
            }
            return stops;
        };
        const QList<QWidget*> between = tabStops(above, below);
        QVERIFY(!between.isEmpty());
        QCOMPARE(between.first()->accessibleName(), firstOptionName());
        const QList<QCheckBox*> checks = panel->findChildren<QCheckBox*>();
        for (QCheckBox* check : checks) {
            QVERIFY2(between.contains(check), qPrintable(check->accessibleName()));
        }
        // And Tab itself moves there.
        above->setFocus();
        QTRY_VERIFY(above->hasFocus());
        QTest::keyClick(above, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget()->accessibleName(), firstOptionName());
    }

    void rowsBuiltAfterStartUpMatchRowsBuiltAtOnce() {
        OptionsPanel built;
        built.show();
        ClosedGate gate;
        OptionsPanel deferred;
        deferred.show();
        QVERIFY(deferred.findChildren<QCheckBox*>().isEmpty());
        QSignalSpy builtChanged(&built, &OptionsPanel::settingsChanged);
        QSignalSpy deferredChanged(&deferred, &OptionsPanel::settingsChanged);
        for (OptionsPanel* panel : {&built, &deferred}) {
            panel->setSettings({{OptionId::IpTtl, 9}, {OptionId::KeepAlive, 0}});
            panel->setSpec(specOf("AF_INET", "SOCK_STREAM", "IPPROTO_TCP"));
            panel->setSettings({{OptionId::TcpNoDelay, 7},
                                {OptionId::RcvBuf, -5},
                                {OptionId::SndBuf, 100},
                                {OptionId::SndBuf, 1 << 31},
                                {OptionId::MulticastTtl, 3}});
            panel->setLive(true);
        }
        QVERIFY(deferred.findChildren<QCheckBox*>().isEmpty()); // still waiting
        QVERIFY(builtChanged.count() > 0);
        QVERIFY(deferredChanged.count() > 0);
        const std::vector<OptionSetting> expected{
            {OptionId::SndBuf, 1}, {OptionId::RcvBuf, 1}, {OptionId::TcpNoDelay, 1}};
        QVERIFY(sameSettings(built.settings(), deferred.settings()));
        QCOMPARE(built.settings().size(), expected.size());
        for (const OptionSetting& s : expected) {
            QVERIFY(std::ranges::any_of(built.settings(), [&s](const OptionSetting& b) {
                return b.id == s.id && b.value == s.value;
            }));
        }

        StartupGate::release();
        QVERIFY(!deferred.findChildren<QCheckBox*>().isEmpty());
        QVERIFY(sameSettings(built.settings(), deferred.settings()));
        const QString difference = rowDifference(&built, &deferred);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(a11y::widget<QSpinBox>(&deferred, QStringLiteral("IP_TTL requested"))->value(), 9);
        QVERIFY(!a11y::widget<QCheckBox>(&deferred, QStringLiteral("IP_TTL"))->isChecked());
        QVERIFY(
            !a11y::widget<QCheckBox>(&deferred, QStringLiteral("IP_MULTICAST_TTL"))->isEnabled());
        // Built rows take later calls directly.
        deferred.setSpec(specOf("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP"));
        built.setSpec(specOf("AF_INET", "SOCK_DGRAM", "IPPROTO_UDP"));
        QVERIFY(sameSettings(built.settings(), deferred.settings()));
        QVERIFY(std::ranges::any_of(deferred.settings(), [](const OptionSetting& s) {
            return s.id == OptionId::MulticastTtl && s.value == 3;
        }));
    }
};

QTEST_MAIN(TestOptionsPanel)
#include "test_options_panel.moc"
