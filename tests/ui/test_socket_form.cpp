#include "a11y.h"
#include "core/net/socket_spec.h"
#include "ui/widgets/options_panel.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/socket_form.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace socklab;
using namespace socklab::ui;

class TestSocketForm : public QObject {
    Q_OBJECT
private slots:
    void dropdownsBuildTheTripleAndTheKernelAccepts() {
        SocketForm form;
        form.show();
        QVERIFY(a11y::choose(&form, QStringLiteral("Family"), QStringLiteral("AF_INET6")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Type"), QStringLiteral("SOCK_DGRAM")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_UDP")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Role"), QStringLiteral("Bind")));
        QVERIFY(a11y::type(&form, QStringLiteral("Local address"), QStringLiteral("[::1]:0")));
        const OpenSession r = form.request();
        QCOMPARE(r.spec.family, familyByName("AF_INET6")->value);
        QCOMPARE(r.spec.type, typeByName("SOCK_DGRAM")->value);
        QCOMPARE(r.spec.protocol, protocolByName("IPPROTO_UDP")->value);
        QCOMPARE(r.role, Role::Bind);
        QCOMPARE(r.local, std::string("[::1]:0"));
        // The verdict is the kernel's, so compare with a probe of the same triple.
        const ProbeVerdict v = probe(r.spec);
        QCOMPARE(form.verdictText().startsWith(QStringLiteral("✔")), v.ok);
        QCOMPARE(form.isValid(), v.ok);
        // Explanations follow the choice (tooltip + accessible description).
        auto* type = a11y::widget<QComboBox>(&form, QStringLiteral("Type"));
        QCOMPARE(type->toolTip(), QString::fromUtf8(findType(r.spec.type)->explanation.data(),
                                                    findType(r.spec.type)->explanation.size()));
    }

    void refusedCombinationExplainsWhy() {
        SocketForm form;
        OpenSession r = presetRequest(Preset::TcpClient);
        r.spec.protocol = protocolByName("IPPROTO_UDP")->value; // stream + UDP: EPROTONOSUPPORT
        form.setRequest(r);
        const ProbeVerdict v = probe(r.spec);
        QVERIFY(!v.ok);
        QVERIFY(form.verdictText().startsWith(QStringLiteral("✘")));
        QVERIFY2(form.verdictText().contains(QString::fromStdString(v.errnoName)),
                 qPrintable(form.verdictText()));
        QVERIFY(form.verdictText().contains(QString::fromStdString(v.explanation)));
        QVERIFY(!form.isValid());
        QVERIFY(!form.problem().isEmpty());
    }

    void addressesAreValidatedAsTyped() {
        SocketForm form;
        form.show();
        form.setRequest(presetRequest(Preset::TcpClient));
        // No server is guessed: the remote starts empty and says so.
        QVERIFY(!form.isValid());
        QVERIFY2(form.problem().contains(QStringLiteral("Required")), qPrintable(form.problem()));
        QSignalSpy changed(&form, &SocketForm::changed);
        QVERIFY(
            a11y::type(&form, QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:70000")));
        QVERIFY(changed.count() > 0);
        QVERIFY(!form.isValid());
        QVERIFY2(form.problem().contains(QStringLiteral("70000")), qPrintable(form.problem()));
        // The message sits at the field: the label right below the remote address.
        const auto labels = form.findChildren<QLabel*>();
        bool shown = false;
        for (QLabel* l : labels) {
            shown = shown || (l->isVisible() && l->text().contains(QStringLiteral("70000")));
        }
        QVERIFY(shown);
        QVERIFY(
            a11y::type(&form, QStringLiteral("Remote address"), QStringLiteral("127.0.0.1:7000")));
        QVERIFY2(form.isValid(), qPrintable(form.problem()));
        // Host names are fine as typed (resolved later), but need a port.
        QVERIFY(a11y::type(&form, QStringLiteral("Remote address"), QStringLiteral("localhost")));
        QVERIFY(!form.isValid());
        QVERIFY(a11y::type(&form, QStringLiteral("Remote address"), QStringLiteral("localhost:7")));
        QVERIFY2(form.isValid(), qPrintable(form.problem()));
        QVERIFY(a11y::type(&form, QStringLiteral("Remote address"), QString()));
        QVERIFY(!form.isValid());
    }

    void datagramTypeBindsToAUsableLocalAddress() {
        SocketForm form;
        form.show();
        QCOMPARE(form.request().role, Role::Connect); // the first tab: a TCP client
        QVERIFY(a11y::choose(&form, QStringLiteral("Type"), QStringLiteral("SOCK_DGRAM")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_UDP")));
        // The role follows the type: a datagram endpoint binds, to a free port on loopback.
        QCOMPARE(form.request().role, Role::Bind);
        QVERIFY(a11y::text(&form, QStringLiteral("Role"), QAccessible::ComboBox)
                    .contains(QStringLiteral("Bind")));
        QCOMPARE(a11y::text(&form, QStringLiteral("Local address")), QStringLiteral("127.0.0.1:0"));
        QVERIFY(a11y::find(&form, QStringLiteral("Remote address")) == nullptr);
        QVERIFY2(form.isValid(), qPrintable(form.problem()));
        // IPv6: the same on ::1.
        QVERIFY(a11y::choose(&form, QStringLiteral("Family"), QStringLiteral("AF_INET6")));
        QCOMPARE(a11y::text(&form, QStringLiteral("Local address")), QStringLiteral("[::1]:0"));
        // Back to a stream: a client again, with no local bind and no guessed server.
        QVERIFY(a11y::choose(&form, QStringLiteral("Family"), QStringLiteral("AF_INET")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Type"), QStringLiteral("SOCK_STREAM")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_TCP")));
        QCOMPARE(form.request().role, Role::Connect);
        QCOMPARE(form.request().local, std::string());
        auto* remote = a11y::widget<QLineEdit>(&form, QStringLiteral("Remote address"));
        QVERIFY(remote);
        QVERIFY(remote->text().isEmpty());
        QVERIFY(remote->placeholderText().contains(QStringLiteral("host:port")));
        QVERIFY(remote->toolTip().contains(QStringLiteral("Nothing listens")));
        // A listener binds to a free loopback port.
        QVERIFY(a11y::choose(&form, QStringLiteral("Role"), QStringLiteral("Listen")));
        QCOMPARE(form.request().local, std::string("127.0.0.1:0"));
        QVERIFY2(form.isValid(), qPrintable(form.problem()));
        // Ping: no port, the loopback always answers.
        QVERIFY(a11y::choose(&form, QStringLiteral("Type"), QStringLiteral("SOCK_DGRAM")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_ICMP")));
        QCOMPARE(form.request().role, Role::Connect);
        QCOMPARE(form.request().remote, std::string("127.0.0.1"));
    }

    void typedAddressesAndAChosenRoleAreKept() {
        SocketForm form;
        form.show();
        QVERIFY(a11y::type(&form, QStringLiteral("Remote address"), QStringLiteral("10.1.2.3:99")));
        QVERIFY(
            a11y::type(&form, QStringLiteral("Local address"), QStringLiteral("127.0.0.1:4000")));
        QVERIFY(a11y::choose(&form, QStringLiteral("Type"), QStringLiteral("SOCK_DGRAM")));
        QCOMPARE(form.request().role, Role::Bind); // the role was not chosen: it follows
        QCOMPARE(form.request().local, std::string("127.0.0.1:4000")); // typed: kept
        QVERIFY(a11y::choose(&form, QStringLiteral("Role"), QStringLiteral("Connect")));
        QCOMPARE(form.request().remote, std::string("10.1.2.3:99"));
        // Chosen by the user: a change of protocol keeps the role.
        QVERIFY(a11y::choose(&form, QStringLiteral("Protocol"), QStringLiteral("IPPROTO_UDP")));
        QCOMPARE(form.request().role, Role::Connect);
        // A workspace's addresses count as typed.
        OpenSession r = presetRequest(Preset::UdpEndpoint);
        r.local = "127.0.0.1:5353";
        form.setRequest(r);
        QVERIFY(a11y::choose(&form, QStringLiteral("Family"), QStringLiteral("AF_INET6")));
        QCOMPARE(form.request().local, std::string("127.0.0.1:5353"));
    }

    // A send queue limit that does not parse makes the form invalid (nothing opens with it);
    // meanwhile the request, which a saved workspace takes, keeps the last valid limit.
    void badSendQueueLimitKeepsTheLastValidOne() {
        SocketForm form;
        form.show();
        OpenSession r = presetRequest(Preset::TcpClient);
        r.remote = "127.0.0.1:9";
        r.sendQueueBytes = 64u << 10;
        form.setRequest(r);
        QVERIFY(form.isValid());
        QCOMPARE(a11y::text(&form, QStringLiteral("Send queue limit")), QStringLiteral("64k"));
        QVERIFY(a11y::type(&form, QStringLiteral("Send queue limit"), QStringLiteral("512k")));
        QCOMPARE(form.request().sendQueueBytes, std::size_t(512u << 10));
        QVERIFY(a11y::type(&form, QStringLiteral("Send queue limit"), QStringLiteral("512kk")));
        QVERIFY(!form.isValid());
        QVERIFY2(form.problem().startsWith(QStringLiteral("Send queue limit: ")),
                 qPrintable(form.problem()));
        QCOMPARE(form.request().sendQueueBytes, std::size_t(512u << 10));
        QVERIFY(a11y::type(&form, QStringLiteral("Send queue limit"), QString()));
        QVERIFY(form.isValid());
        QCOMPARE(form.request().sendQueueBytes, std::size_t(0)); // empty: the default
        QVERIFY(a11y::type(&form, QStringLiteral("Send queue limit"), QStringLiteral("1x")));
        QCOMPARE(form.request().sendQueueBytes, std::size_t(0));
    }

    void interfaceBoxShowsTheBindAddress() {
        SocketForm form;
        form.show();
        form.setRequest(presetRequest(Preset::UdpEndpoint)); // 127.0.0.1:0
        auto* box = a11y::widget<QComboBox>(&form, QStringLiteral("Interface"));
        QVERIFY(box);
        QCOMPARE(box->currentData().toString(), QStringLiteral("127.0.0.1"));
        QVERIFY2(box->currentText().contains(QStringLiteral("127.0.0.1")),
                 qPrintable(box->currentText()));
        QVERIFY(!box->currentText().contains(QStringLiteral("Any address")));
        QVERIFY(a11y::type(&form, QStringLiteral("Local address"), QStringLiteral("0.0.0.0:7000")));
        QVERIFY(box->currentText().contains(QStringLiteral("Any address")));
        // An address of no interface here: shown as typed, not as another entry.
        QVERIFY(a11y::type(&form, QStringLiteral("Local address"), QStringLiteral("192.0.2.7:0")));
        QCOMPARE(box->currentIndex(), -1);
        QVERIFY2(box->placeholderText().contains(QStringLiteral("192.0.2.7")),
                 qPrintable(box->placeholderText()));
        QVERIFY(a11y::type(&form, QStringLiteral("Local address"), QString()));
        QCOMPARE(box->currentIndex(), -1);
        QVERIFY(box->placeholderText().contains(QStringLiteral("No bind")));
    }

    void unixFamilyUsesThePathField() {
        SocketForm form;
        form.show();
        form.setRequest(presetRequest(Preset::UnixStream));
        QVERIFY(a11y::find(&form, QStringLiteral("Unix path")) != nullptr);
        QVERIFY(a11y::find(&form, QStringLiteral("Remote address")) == nullptr);
        QCOMPARE(form.request().local, std::string("@socklab-stream"));
        QVERIFY(a11y::choose(&form, QStringLiteral("Role"), QStringLiteral("Connect")));
        QVERIFY(a11y::type(&form, QStringLiteral("Unix path"), QStringLiteral("/tmp/x.sock")));
        QCOMPARE(form.request().remote, std::string("/tmp/x.sock"));
        QVERIFY(form.request().local.empty());
        QVERIFY(a11y::type(&form, QStringLiteral("Unix path"), QString(200, QLatin1Char('a'))));
        QVERIFY(!form.isValid()); // longer than sun_path
    }

    void listenNeedsAConnectionType() {
        SocketForm form;
        form.setRequest(presetRequest(Preset::UdpEndpoint));
        QVERIFY(form.isValid());
        OpenSession r = form.request();
        r.role = Role::Listen;
        form.setRequest(r);
        QVERIFY(!form.isValid());
        QVERIFY(form.problem().contains(QStringLiteral("listen")));
    }

    void interfacePickerFillsTheLocalAddress() {
        SocketForm form;
        form.show();
        form.setRequest(presetRequest(Preset::TcpServer));
        auto* iface = a11y::widget<QComboBox>(&form, QStringLiteral("Interface"));
        QVERIFY(iface);
        QVERIFY(iface->count() >= 2); // "any" + at least lo's 127.0.0.1
        const int lo = iface->findData(QStringLiteral("127.0.0.1"));
        QVERIFY(lo > 0);
        QVERIFY(a11y::type(&form, QStringLiteral("Local address"), QStringLiteral("0.0.0.0:4242")));
        iface->setFocus();
        iface->setCurrentIndex(0);
        for (int i = 0; i < lo; ++i) {
            QTest::keyClick(iface, Qt::Key_Down);
        }
        QCOMPARE(form.request().local, std::string("127.0.0.1:4242"));
    }

    void optionsRoundTrip() {
        SocketForm form;
        OpenSession r = presetRequest(Preset::TcpServer);
        r.options = {{OptionId::ReuseAddr, 1}, {OptionId::RcvBuf, 100000}};
        form.setRequest(r);
        const auto got = form.request().options;
        QCOMPARE(got.size(), std::size_t(2));
        QCOMPARE(got[0].id, OptionId::ReuseAddr);
        QCOMPARE(got[1].id, OptionId::RcvBuf);
        QCOMPARE(got[1].value, 100000);
    }

    void everyControlHasAnAccessibleName() {
        SocketForm form;
        form.show();
        for (QWidget* w : form.findChildren<QWidget*>()) {
            if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus || qobject_cast<QLabel*>(w) ||
                w->inherits("QScrollBar") || w->parent()->inherits("QComboBox") ||
                w->parent()->inherits("QAbstractSpinBox") || w->inherits("QComboBoxListView")) {
                continue;
            }
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
        }
    }
};

QTEST_MAIN(TestSocketForm)
#include "test_socket_form.moc"
