// MulticastPanel and MembershipModel: the model under QAbstractItemModelTester through every
// transition, the panel's validation and requests, and an end-to-end join through the
// accessibility tree: an engine UDP session joins a group on lo from the panel and a python3
// sender's datagram to the group arrives in the store; leaving stops delivery.
#include "a11y.h"
#include "core/engine/engine.h"
#include "core/net/socket_spec.h"
#include "ui/bridge/core_bridge.h"
#include "ui/models/membership_model.h"
#include "ui/session/session_handle.h"
#include "ui/session/session_router.h"
#include "ui/widgets/multicast_link.h"
#include "ui/widgets/multicast_panel.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/session_tab.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace socklab;
using socklab::ui::CoreBridge;
using socklab::ui::MembershipModel;
using socklab::ui::MulticastLink;
using socklab::ui::MulticastPanel;
using socklab::ui::SessionHandle;
using socklab::ui::SessionRouter;
using State = MembershipModel::State;

namespace {

int family(const char* name) {
    return familyByName(name)->value;
}

// python3 sends each (address, text) pair of argv[2:] to port argv[1], multicast out of lo.
bool sendFromPython(const QString& port, const QStringList& pairs) {
    QProcess py;
    py.start(
        QStringLiteral("python3"),
        QStringList{QStringLiteral("-c"),
                    QStringLiteral("import socket, sys\n"
                                   "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                                   "s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,"
                                   " socket.inet_aton('127.0.0.1'))\n"
                                   "s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)\n"
                                   "for i in range(2, len(sys.argv), 2):\n"
                                   "    s.sendto(sys.argv[i + 1].encode(), (sys.argv[i], "
                                   "int(sys.argv[1])))\n"),
                    port} +
            pairs);
    if (!py.waitForFinished(15000)) {
        py.kill();
        py.waitForFinished(3000);
        return false;
    }
    if (py.exitCode() != 0) {
        qWarning() << py.readAllStandardError();
    }
    return py.exitStatus() == QProcess::NormalExit && py.exitCode() == 0;
}

QList<QByteArray> dataIn(const TrafficStore& store) {
    QList<QByteArray> out;
    for (std::uint64_t seq = store.beginSeq(); seq < store.endSeq(); ++seq) {
        const auto r = store.record(seq);
        if (r && r->kind == RecordKind::Data && r->direction == Direction::In) {
            const auto bytes = store.recordBytes(*r);
            out.push_back(
                QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())));
        }
    }
    return out;
}

} // namespace

class TestMulticastPanel : public QObject {
    Q_OBJECT
private slots:
    void modelThroughEveryTransition();
    void tabJoinsItsGroupsWhenItOpensAndSavesThem();
    void panelValidatesTheGroup();
    void panelRequestsJoinAndLeave();
    void panelAppliesOnlyToDatagramIp();
    void joinThroughThePanelReceivesTheGroup();
};

void TestMulticastPanel::modelThroughEveryTransition() {
    MembershipModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Group"));

    QCOMPARE(model.setPending("239.1.2.3", "lo"), 0);
    QCOMPARE(model.setPending("FF15::1", ""), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, MembershipModel::GroupColumn)).toString(), "ff15::1");
    QCOMPARE(model.data(model.index(1, MembershipModel::InterfaceColumn)).toString(), "default");
    QCOMPARE(model.data(model.index(0, MembershipModel::StateColumn)).toString(), "pending");
    // Any spelling of the address finds the row.
    QCOMPARE(model.find("ff15:0::1", ""), 1);
    QCOMPARE(model.find("239.1.2.3", "eth0"), -1);

    model.applyChange("239.1.2.3", "lo", true);
    QCOMPARE(model.stateAt(0), State::Joined);
    QCOMPARE(model.data(model.index(0, MembershipModel::StateColumn)).toString(), "joined");
    model.applyError("ff15::1", "", true, "join multicast ff15::1: No such device (ENODEV)");
    QCOMPARE(model.stateAt(1), State::Failed);
    QCOMPARE(model.data(model.index(1, MembershipModel::StateColumn)).toString(),
             "failed: join multicast ff15::1: No such device (ENODEV)");
    QCOMPARE(model.data(model.index(1, 0), Qt::ToolTipRole).toString(),
             "join multicast ff15::1: No such device (ENODEV)");
    // Failed rows are not kept in the workspace.
    QCOMPARE(model.memberships().size(), std::size_t(1));
    QCOMPARE(model.memberships()[0], (MulticastGroup{"239.1.2.3", "lo"}));

    model.setLeaving(0);
    QCOMPARE(model.stateAt(0), State::Leaving);
    model.applyError("239.1.2.3", "lo", false, "leave multicast: EADDRNOTAVAIL");
    QCOMPARE(model.stateAt(0), State::Joined);
    QVERIFY(model.data(model.index(0, 2)).toString().startsWith("joined (leave failed"));
    model.setLeaving(0);
    model.applyChange("239.1.2.3", "lo", false);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.stateAt(0), State::Failed);

    // A join the engine reports without a request is listed.
    model.applyChange("224.0.0.251", "", true);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.stateAt(1), State::Joined);
    model.setPending("239.9.9.9", "lo");
    model.setLeaving(2);
    model.sessionClosed(); // joined -> pending, leaving -> gone, failed stays
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.stateAt(0), State::Failed);
    QCOMPARE(model.stateAt(1), State::Pending);

    model.setMemberships({{"239.4.4.4", "lo"}, {"[ff02::2]", ""}, {"239.4.4.4", "lo"}});
    QCOMPARE(model.rowCount(), 2); // the duplicate is dropped
    QCOMPARE(model.groupAt(1).group, std::string("ff02::2"));
    QCOMPARE(model.stateAt(0), State::Pending);
    model.removeRow(0);
    model.removeRow(7);
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestMulticastPanel::panelValidatesTheGroup() {
    MulticastPanel panel;
    panel.setFamily(family("AF_INET"));
    panel.setSessionOpen(true);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* join = a11y::widget<QPushButton>(&panel, "Join group");
    QVERIFY(join);

    const auto check = [&](const QString& text, const QString& expected) {
        if (!a11y::type(&panel, "Multicast group", text)) {
            return QStringLiteral("could not type");
        }
        return panel.problem() == expected ? QString() : panel.problem();
    };
    QCOMPARE(
        check("10.0.0.1", "10.0.0.1 is not a multicast address (IPv4 224.0.0.0/4, IPv6 ff00::/8)."),
        QString());
    QVERIFY(!join->isEnabled());
    // The message is a visible label next to the field and the field's description.
    auto* problem = a11y::widget<QLabel>(&panel, "Multicast group problem");
    QVERIFY(problem);
    QCOMPARE(problem->text(), panel.problem());
    QCOMPARE(a11y::widget<QLineEdit>(&panel, "Multicast group")->accessibleDescription(),
             panel.problem());
    QCOMPARE(check("ff02::1", "ff02::1 is an IPv6 group; this socket is IPv4."), QString());
    QVERIFY(!join->isEnabled());
    QCOMPARE(check("239.1.2.3:5000", "\"239.1.2.3:5000\" is not an IP address: give a group "
                                     "such as 239.1.2.3 or ff15::1234, without a port."),
             QString());
    QCOMPARE(check("group.example", "\"group.example\" is not an IP address: give a group "
                                    "such as 239.1.2.3 or ff15::1234, without a port."),
             QString());
    QCOMPARE(check("239.1.2.3", ""), QString());
    QVERIFY(join->isEnabled());
    QVERIFY(!a11y::widget<QLabel>(&panel, "Multicast group problem")); // hidden when fine

    // Closed socket: a valid group can still be listed (it is joined when the socket opens).
    QVERIFY(a11y::type(&panel, "Multicast group", "239.1.2.3"));
    panel.setSessionOpen(false);
    QVERIFY(join->isEnabled());
    QVERIFY(a11y::type(&panel, "Multicast group", "10.0.0.1"));
    QVERIFY(!join->isEnabled());

    // An IPv6 socket takes IPv6 groups and refuses IPv4 ones.
    panel.setFamily(family("AF_INET6"));
    panel.setSessionOpen(true);
    QCOMPARE(check("239.1.2.3", "239.1.2.3 is an IPv4 group; this socket is IPv6."), QString());
    QCOMPARE(check("FF15::1234", ""), QString());
    QVERIFY(join->isEnabled());
}

void TestMulticastPanel::panelRequestsJoinAndLeave() {
    MulticastPanel panel;
    panel.setFamily(family("AF_INET6"));
    panel.setSessionOpen(true);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy joins(&panel, &MulticastPanel::joinRequested);
    QSignalSpy leaves(&panel, &MulticastPanel::leaveRequested);

    QVERIFY(a11y::type(&panel, "Multicast group", "FF15::1234"));
    QVERIFY(a11y::choose(&panel, "Network interface", "lo"));
    QVERIFY(a11y::press(&panel, "Join group"));
    QCOMPARE(joins.count(), 1);
    QCOMPARE(joins.at(0).at(0).toString(), QStringLiteral("ff15::1234")); // canonical
    QCOMPARE(joins.at(0).at(1).toString(), QStringLiteral("lo"));
    QCOMPARE(panel.model()->rowCount(), 1);
    QCOMPARE(panel.model()->stateAt(0), State::Pending);
    QVERIFY(a11y::text(&panel, "Multicast group").isEmpty());

    // The same membership again is refused next to the field.
    QVERIFY(a11y::type(&panel, "Multicast group", "ff15::1234"));
    QCOMPARE(panel.problem(),
             QStringLiteral("ff15::1234 on %1 is already in the list.")
                 .arg(a11y::widget<QComboBox>(&panel, "Network interface")->currentText()));
    QVERIFY(!a11y::press(&panel, "Join group"));

    panel.onMembershipChanged("ff15::1234", "lo", true);
    QCOMPARE(panel.model()->stateAt(0), State::Joined);
    QCOMPARE(panel.memberships(), (std::vector<MulticastGroup>{{"ff15::1234", "lo"}}));

    // Leave acts on the selected row; nothing is selected yet.
    QVERIFY(!a11y::press(&panel, "Leave group"));
    auto* list = a11y::widget<QTableView>(&panel, "Multicast memberships");
    QVERIFY(list);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(list->selectionModel()->selectedRows().size(), 1); // reached by keyboard
    QVERIFY(a11y::press(&panel, "Leave group"));
    QCOMPARE(leaves.count(), 1);
    QCOMPARE(leaves.at(0).at(0).toString(), QStringLiteral("ff15::1234"));
    QCOMPARE(leaves.at(0).at(1).toString(), QStringLiteral("lo"));
    QCOMPARE(panel.model()->stateAt(0), State::Leaving);
    QVERIFY(panel.memberships().empty());
    panel.onMembershipChanged("ff15::1234", "lo", false);
    QCOMPARE(panel.model()->rowCount(), 0);

    // A failed join stays listed with its error; Leave forgets it without a request.
    QVERIFY(a11y::type(&panel, "Multicast group", "ff02::77"));
    QVERIFY(a11y::press(&panel, "Join group"));
    panel.onError("ff02::77", panel.model()->groupAt(0).interface.c_str(), true,
                  "join multicast ff02::77 on lo: No such device (ENODEV)");
    QCOMPARE(panel.model()->stateAt(0), State::Failed);
    list->selectRow(0);
    QVERIFY(a11y::press(&panel, "Leave group"));
    QCOMPARE(leaves.count(), 1);
    QCOMPARE(panel.model()->rowCount(), 0);

    // Workspace: set, then closing keeps the rows as pending for the next open.
    panel.setMemberships({{"ff15::9", "lo"}});
    panel.onMembershipChanged("ff15::9", "lo", true);
    panel.setSessionOpen(false);
    QCOMPARE(panel.model()->stateAt(0), State::Pending);
    QCOMPARE(panel.memberships(), (std::vector<MulticastGroup>{{"ff15::9", "lo"}}));

    // Closed: Join lists a pending row without asking the engine, Leave forgets a row.
    QVERIFY(a11y::type(&panel, "Multicast group", "ff15::a"));
    QVERIFY(a11y::press(&panel, "Join group"));
    QCOMPARE(joins.count(), 2); // only the two joins made while open
    QCOMPARE(panel.memberships(),
             (std::vector<MulticastGroup>{{"ff15::9", "lo"}, {"ff15::a", "lo"}}));
    list->selectRow(0);
    QVERIFY(a11y::press(&panel, "Leave group"));
    QCOMPARE(leaves.count(), 1);
    QCOMPARE(panel.memberships(), (std::vector<MulticastGroup>{{"ff15::a", "lo"}}));
}

void TestMulticastPanel::panelAppliesOnlyToDatagramIp() {
    const int dgram = typeByName("SOCK_DGRAM")->value;
    const int stream = typeByName("SOCK_STREAM")->value;
    QVERIFY(MulticastPanel::appliesTo({family("AF_INET"), dgram, 0}));
    QVERIFY(MulticastPanel::appliesTo({family("AF_INET6"), dgram, 0}));
    QVERIFY(!MulticastPanel::appliesTo({family("AF_INET"), stream, 0}));
    QVERIFY(!MulticastPanel::appliesTo({family("AF_UNIX"), dgram, 0}));
    QVERIFY(MulticastPanel::appliesTo(
        {family("AF_INET"), dgram, protocolByName("IPPROTO_UDP")->value}));
    // An ICMP ping socket is SOCK_DGRAM too.
    QVERIFY(!MulticastPanel::appliesTo(
        {family("AF_INET"), dgram, protocolByName("IPPROTO_ICMP")->value}));
}

void TestMulticastPanel::joinThroughThePanelReceivesTheGroup() {
    Engine engine;
    engine.start();
    CoreBridge bridge(engine);
    SessionRouter router(bridge);
    SessionHandle handle(router);
    MulticastPanel panel;
    MulticastLink link(&panel, &handle);
    panel.setFamily(family("AF_INET"));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    OpenSession open;
    open.spec = SocketSpec{family("AF_INET"), typeByName("SOCK_DGRAM")->value, 0};
    open.role = Role::Bind;
    // The wildcard, not 127.0.0.1: a socket bound to a unicast address never matches a
    // datagram whose destination is the group.
    open.local = "0.0.0.0:0";
    handle.open(open);
    QTRY_VERIFY_WITH_TIMEOUT(handle.state() == SessionState::Bound, 15000);
    const std::string local = handle.localText().toStdString();
    const QString port = QString::fromStdString(local.substr(local.rfind(':') + 1));
    auto store = handle.store();
    QVERIFY(store);

    // Typing and clicking through the accessibility names only.
    QVERIFY(a11y::type(&panel, "Multicast group", "239.255.73.1"));
    QVERIFY(a11y::choose(&panel, "Network interface", "lo"));
    QVERIFY(a11y::press(&panel, "Join group"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->stateAt(0), State::Joined, 15000);
    QCOMPARE(panel.memberships(), (std::vector<MulticastGroup>{{"239.255.73.1", "lo"}}));
    QVERIFY(sendFromPython(port, {"239.255.73.1", "to the group"}));
    QTRY_COMPARE_WITH_TIMEOUT(store->counters().messagesIn, std::uint64_t(1), 15000);
    QCOMPARE(dataIn(*store), QList<QByteArray>{"to the group"});

    // Leave through the list; then a group datagram followed by a direct one: loopback keeps
    // their order, so once the direct one is in, the group one would have been too.
    auto* list = a11y::widget<QTableView>(&panel, "Multicast memberships");
    QVERIFY(list);
    list->setFocus();
    list->selectRow(0);
    QVERIFY(a11y::press(&panel, "Leave group"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 0, 15000);
    QVERIFY(sendFromPython(port, {"239.255.73.1", "after leave", "127.0.0.1", "direct"}));
    QTRY_COMPARE_WITH_TIMEOUT(store->counters().messagesIn, std::uint64_t(2), 15000);
    QCOMPARE(dataIn(*store), (QList<QByteArray>{"to the group", "direct"}));

    // Join again, then close the socket: the row waits as pending for the next open.
    QVERIFY(a11y::type(&panel, "Multicast group", "239.255.73.1"));
    QVERIFY(a11y::press(&panel, "Join group"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->stateAt(0), State::Joined, 15000);
    handle.close();
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->stateAt(0), State::Pending, 15000);
}

// The whole path in a tab: a group listed while the socket is closed is joined when it opens
// (through the open request), a python3 datagram to the group arrives, and the workspace tab
// keeps the group; a TCP tab shows no multicast box.
void TestMulticastPanel::tabJoinsItsGroupsWhenItOpensAndSavesThem() {
    Engine engine;
    engine.start();
    CoreBridge bridge(engine);
    SessionRouter router(bridge);
    socklab::ui::SessionTab tab(router);
    tab.resize(1280, 800);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    OpenSession r = socklab::ui::presetRequest(socklab::ui::Preset::UdpEndpoint);
    r.local = "0.0.0.0:0"; // the wildcard receives group datagrams (see above)
    r.remote.clear();
    tab.setRequest(r);
    QVERIFY(tab.multicastPanel()->isVisible());
    QVERIFY(a11y::type(&tab, "Multicast group", "239.255.74.1"));
    QVERIFY(a11y::choose(&tab, "Network interface", "lo"));
    QVERIFY(a11y::press(&tab, "Join group"));
    QCOMPARE(tab.multicastPanel()->model()->stateAt(0), State::Pending);

    QVERIFY(tab.openSocket());
    QTRY_VERIFY_WITH_TIMEOUT(tab.state() == SessionState::Bound, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(tab.multicastPanel()->model()->stateAt(0), State::Joined, 15000);
    const std::string local = tab.handle()->localText().toStdString();
    const QString port = QString::fromStdString(local.substr(local.rfind(':') + 1));
    QVERIFY(sendFromPython(port, {"239.255.74.1", "group via tab"}));
    auto store = tab.handle()->store();
    QTRY_COMPARE_WITH_TIMEOUT(store->counters().messagesIn, std::uint64_t(1), 15000);
    QCOMPARE(dataIn(*store), QList<QByteArray>{"group via tab"});

    const WorkspaceTab saved = tab.toWorkspaceTab();
    QCOMPARE(saved.multicastGroups, (std::vector<MulticastGroup>{{"239.255.74.1", "lo"}}));
    socklab::ui::SessionTab again(router);
    again.loadWorkspaceTab(saved);
    QCOMPARE(again.multicastPanel()->memberships(), saved.multicastGroups);
    tab.shutdown();

    socklab::ui::SessionTab tcp(router);
    tcp.setRequest(socklab::ui::presetRequest(socklab::ui::Preset::TcpClient));
    tcp.show();
    QVERIFY(!tcp.multicastPanel()->isVisible());
}

QTEST_MAIN(TestMulticastPanel)
#include "test_multicast_panel.moc"
