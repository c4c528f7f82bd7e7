// The connection list of a real listener tab, sorted: python3 clients from several 127.x source
// addresses connect and send different byte counts; a click on a column header (found through
// the accessibility tree) sorts the rows, a new connection lands in its place, "Sort by" /
// "Descending" sort from the keyboard, and a send and a reset of the selected row after a sort
// reach the peer that row names (seen on the python side).
#include "support/gui_driver.h"
#include "ui/models/connection_model.h"

#include <QComboBox>
#include <QHeaderView>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>

using namespace socklab::ui;
using e2e::kWaitMs;

namespace {

// The clients: one line per command on stdin. "c ADDR N": connect from ADDR (bound first) and
// send N bytes, print "ok". "w": wait (10 s at most) for sockets with something to read and
// print, for each, "ADDR data TEXT", "ADDR eof" or "ADDR reset" (sorted, joined by '|').
constexpr const char* kClients =
    "import socket,sys,select\n"
    "port=int(sys.argv[1]); socks={}\n"
    "for line in sys.stdin:\n"
    "    cmd=line.split()\n"
    "    if cmd[0]=='c':\n"
    "        s=socket.socket(); s.bind((cmd[1],0)); s.connect(('127.0.0.1',port))\n"
    "        s.sendall(b'x'*int(cmd[2])); socks[cmd[1]]=s\n"
    "        print('ok',flush=True)\n"
    "    elif cmd[0]=='w':\n"
    "        r,_,_=select.select(list(socks.values()),[],[],10)\n"
    "        out=[]\n"
    "        for s in r:\n"
    "            name=[k for k,v in socks.items() if v is s][0]\n"
    "            try:\n"
    "                d=s.recv(65536)\n"
    "                out.append(name+(' data '+d.decode() if d else ' eof'))\n"
    "            except ConnectionResetError:\n"
    "                out.append(name+' reset')\n"
    "        print('|'.join(sorted(out)) or 'none',flush=True)\n";

// One command to the clients; their answer line (empty after 10 s without one).
QString ask(QProcess& clients, const QByteArray& command) {
    clients.write(command + '\n');
    QElapsedTimer waited;
    waited.start();
    while (!clients.canReadLine() && waited.elapsed() < 12000 &&
           clients.state() == QProcess::Running) {
        clients.waitForReadyRead(100);
    }
    return QString::fromUtf8(clients.readLine()).trimmed();
}

// The port of the tab's local address, from its state text ("… · local 127.0.0.1:PORT").
int localPort(QWidget* tab) {
    const auto m =
        QRegularExpression(QStringLiteral("local [^ :]+:(\\d+)")).match(e2e::stateText(tab));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QStringList connectionRows(QWidget* tab) {
    return e2e::tableText(tab, QStringLiteral("Connections")).split(u'\n', Qt::SkipEmptyParts);
}

// The source address of each row ("conn 3 127.0.0.10:41234 | …" -> "127.0.0.10"), in order.
QStringList peersInOrder(QWidget* tab) {
    QStringList out;
    static const QRegularExpression peer(QStringLiteral("^conn \\d+ ([0-9.]+):\\d+ \\|"));
    for (const QString& row : connectionRows(tab)) {
        const auto m = peer.match(row);
        out << (m.hasMatch() ? m.captured(1) : row);
    }
    return out;
}

// The "Bytes in" cell of each row, in order.
QStringList bytesInOrder(QWidget* tab) {
    QStringList out;
    for (const QString& row : connectionRows(tab)) {
        out << row.section(QStringLiteral(" | "), 2, 2);
    }
    return out;
}

// Click the column header called `name` of the "Connections" table: the header cell is found
// in the accessibility tree (role ColumnHeader), clicked where it says it is.
bool clickHeader(QWidget* tab, const QString& name) {
    QAccessibleInterface* table =
        a11y::find(tab, QStringLiteral("Connections"), QAccessible::Table);
    auto* view = table ? qobject_cast<QTableView*>(table->object()) : nullptr;
    if (!view) {
        return false;
    }
    for (int i = 0; i < table->childCount(); ++i) {
        QAccessibleInterface* cell = table->child(i);
        if (cell && cell->role() == QAccessible::ColumnHeader &&
            cell->text(QAccessible::Name) == name) {
            QWidget* header = view->horizontalHeader()->viewport();
            QTest::mouseClick(header, Qt::LeftButton, {},
                              header->mapFromGlobal(cell->rect().center()));
            return true;
        }
    }
    return false;
}

// Click the row whose peer is `address` (as a user picks the connection to act on).
bool selectPeer(QWidget* tab, const QString& address) {
    auto* view = a11y::widget<QTableView>(tab, QStringLiteral("Connections"));
    const int row = int(peersInOrder(tab).indexOf(address));
    if (!view || row < 0) {
        return false;
    }
    const QRect cell = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    return view->currentIndex().row() == row;
}

} // namespace

class TestGuiConnectionSort : public QObject {
    Q_OBJECT
private:
    e2e::Gui m_gui;

private slots:
    void initTestCase() { e2e::useFreshSettings(QStringLiteral("test_gui_connection_sort")); }
    void init() { QVERIFY(m_gui.start()); }
    void cleanup() { m_gui.stop(); }
    void headerAndKeyboardSortRealConnections();
};

void TestGuiConnectionSort::headerAndKeyboardSortRealConnections() {
    SessionTab* tab = e2e::openAndWait(
        m_gui.window(),
        {QStringLiteral("AF_INET"), QStringLiteral("SOCK_STREAM"), QStringLiteral("IPPROTO_TCP"),
         QStringLiteral("Listen"), QStringLiteral("Local address"), QStringLiteral("127.0.0.1:0")},
        QStringLiteral("Listening"));
    QVERIFY(tab);
    const int port = localPort(tab);
    QVERIFY2(port > 0, qPrintable(e2e::stateText(tab)));
    auto* view = a11y::widget<QTableView>(tab, QStringLiteral("Connections"));
    QVERIFY(view);
    QHeaderView* header = view->horizontalHeader();

    const QString k1000 = QLocale().toString(1000); // as the table shows it
    QProcess clients;
    clients.start(QStringLiteral("python3"),
                  {QStringLiteral("-c"), QString::fromLatin1(kClients), QString::number(port)});
    QVERIFY(clients.waitForStarted(5000));
    // Accept order .10, .2, .3, .1: as text "127.0.0.10" would sort first; 5 / 300 / 40 / 1000
    // bytes: as text "1000" < "300" < "40" < "5".
    const std::pair<const char*, int> sent[] = {
        {"127.0.0.10", 5}, {"127.0.0.2", 300}, {"127.0.0.3", 40}, {"127.0.0.1", 1000}};
    for (const auto& [address, bytes] : sent) {
        QCOMPARE(ask(clients, QByteArray("c ") + address + ' ' + QByteArray::number(bytes)),
                 QStringLiteral("ok"));
        QTRY_VERIFY_WITH_TIMEOUT(peersInOrder(tab).contains(QLatin1String(address)), kWaitMs);
    }
    QTRY_COMPARE_WITH_TIMEOUT(bytesInOrder(tab), QStringList({"5", "300", "40", k1000}), kWaitMs);
    QCOMPARE(peersInOrder(tab), QStringList({"127.0.0.10", "127.0.0.2", "127.0.0.3", "127.0.0.1"}));
    QCOMPARE(a11y::text(tab, QStringLiteral("Sort by"), QAccessible::ComboBox),
             QStringLiteral("Accept order"));

    // Header clicks: Peer ascending (by address, not text), then descending. Each sort is
    // one relayout of the list.
    QSignalSpy relayouts(tab->connectionModel(), &QAbstractItemModel::layoutChanged);
    QVERIFY(clickHeader(tab, QStringLiteral("Peer")));
    QTRY_COMPARE_WITH_TIMEOUT(peersInOrder(tab),
                              QStringList({"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.10"}),
                              kWaitMs);
    QCOMPARE(relayouts.count(), 1);
    QVERIFY(header->isSortIndicatorShown());
    QCOMPARE(header->sortIndicatorSection(), 0);
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(a11y::text(tab, QStringLiteral("Sort by"), QAccessible::ComboBox),
             QStringLiteral("Peer"));
    QVERIFY(clickHeader(tab, QStringLiteral("Peer")));
    QCOMPARE(peersInOrder(tab), QStringList({"127.0.0.10", "127.0.0.3", "127.0.0.2", "127.0.0.1"}));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QVERIFY(a11y::find(tab, QStringLiteral("Descending"), QAccessible::CheckBox)->state().checked);

    // Bytes in, ascending: numbers as numbers.
    QVERIFY(clickHeader(tab, QStringLiteral("Bytes in")));
    QCOMPARE(bytesInOrder(tab), QStringList({"5", "40", "300", k1000}));
    QCOMPARE(header->sortIndicatorSection(), 2);

    // A new connection (100 bytes) lands between 40 and 300 once its bytes are counted.
    QCOMPARE(ask(clients, "c 127.0.0.4 100"), QStringLiteral("ok"));
    QTRY_COMPARE_WITH_TIMEOUT(bytesInOrder(tab), QStringList({"5", "40", "100", "300", k1000}),
                              kWaitMs);
    QCOMPARE(peersInOrder(tab),
             QStringList({"127.0.0.10", "127.0.0.3", "127.0.0.4", "127.0.0.2", "127.0.0.1"}));

    // The keyboard path: "Descending" (a check box in the tab order) reverses the sort, and the
    // header shows it.
    relayouts.clear();
    QVERIFY(a11y::press(tab, QStringLiteral("Descending")));
    QCOMPARE(bytesInOrder(tab), QStringList({k1000, "300", "100", "40", "5"}));
    QCOMPARE(relayouts.count(), 1);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(header->sortIndicatorSection(), 2);

    // Pick 127.0.0.2 (second row now) and send: only that peer reads it.
    QVERIFY(selectPeer(tab, QStringLiteral("127.0.0.2")));
    QVERIFY(e2e::sendText(tab, QStringLiteral("hello")));
    QCOMPARE(ask(clients, "w"), QStringLiteral("127.0.0.2 data hello"));

    // Sort by peer, descending, with the keyboard: the selected row moves (fourth row) and
    // stays selected; "Reset connection" resets 127.0.0.2 and no other.
    // Alt+Y (the label's mnemonic) puts the focus on "Sort by".
    auto* sortBy = a11y::widget<QComboBox>(tab, QStringLiteral("Sort by"));
    QVERIFY(sortBy);
    QTest::keyClick(&m_gui.window(), Qt::Key_Y, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), sortBy, kWaitMs);
    QVERIFY(a11y::choose(tab, QStringLiteral("Sort by"), QStringLiteral("Peer")));
    QCOMPARE(peersInOrder(tab),
             QStringList({"127.0.0.10", "127.0.0.4", "127.0.0.3", "127.0.0.2", "127.0.0.1"}));
    QCOMPARE(header->sortIndicatorSection(), 0);
    QCOMPARE(view->currentIndex().row(), 3);
    QVERIFY(a11y::press(tab, QStringLiteral("Reset connection")));
    QCOMPARE(ask(clients, "w"), QStringLiteral("127.0.0.2 reset"));
    QTRY_VERIFY2_WITH_TIMEOUT(!connectionRows(tab).at(3).contains(QLatin1String("| Connected |")),
                              qPrintable(connectionRows(tab).join(u'\n')), kWaitMs);
    QVERIFY(connectionRows(tab).at(3).contains(QLatin1String(" 127.0.0.2:")));

    // A click on the header sorted descending: back to the accept order.
    QVERIFY(clickHeader(tab, QStringLiteral("Peer")));
    QCOMPARE(header->sortIndicatorSection(), -1);
    QCOMPARE(peersInOrder(tab),
             QStringList({"127.0.0.10", "127.0.0.2", "127.0.0.3", "127.0.0.1", "127.0.0.4"}));
    QCOMPARE(a11y::text(tab, QStringLiteral("Sort by"), QAccessible::ComboBox),
             QStringLiteral("Accept order"));
    clients.closeWriteChannel();
    QVERIFY(clients.waitForFinished(kWaitMs));
}

QTEST_MAIN(TestGuiConnectionSort)
#include "test_gui_connection_sort.moc"
