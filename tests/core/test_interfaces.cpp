#include "core/net/interfaces.h"

#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <net/if.h>
#include <sys/socket.h>

using socklab::InterfaceAddress;

namespace {

// "name family address/prefix" with the IPv6 scope suffix removed (ip prints none).
QString key(const QString& name, int family, QString address, int prefix) {
    address = address.section(QLatin1Char('%'), 0, 0);
    return QStringLiteral("%1 %2 %3/%4")
        .arg(name, family == AF_INET ? QStringLiteral("inet") : QStringLiteral("inet6"), address)
        .arg(prefix);
}

} // namespace

class TestInterfaces : public QObject {
    Q_OBJECT

private slots:
    void loopbackListed();
    void scopesOnLinkLocal();
    void matchesIpCommand();
};

void TestInterfaces::loopbackListed() {
    auto list = socklab::listInterfaces();
    QVERIFY2(list.has_value(), list ? "" : list.error().message().c_str());
    const InterfaceAddress* lo = nullptr;
    for (const auto& a : *list) {
        QVERIFY(a.family == AF_INET || a.family == AF_INET6);
        QVERIFY(!a.interface.empty());
        QVERIFY(a.index != 0);
        QVERIFY(a.prefixLength >= 0 && a.prefixLength <= (a.family == AF_INET ? 32 : 128));
        if (a.interface == "lo" && a.family == AF_INET && a.address == "127.0.0.1") {
            lo = &a;
        }
    }
    QVERIFY2(lo != nullptr, "lo 127.0.0.1 not listed");
    QVERIFY(lo->loopback);
    QVERIFY(lo->up);
    QCOMPARE(lo->prefixLength, 8);
    QCOMPARE(lo->index, if_nametoindex("lo"));
}

void TestInterfaces::scopesOnLinkLocal() {
    auto list = socklab::listInterfaces();
    QVERIFY(list.has_value());
    for (const auto& a : *list) {
        if (a.family == AF_INET6 && a.address.starts_with("fe80:")) {
            // Link-local addresses are only usable with their scope.
            const std::string bare = a.address.substr(0, a.address.find('%'));
            QCOMPARE(a.address, bare + "%" + a.interface);
        } else {
            QVERIFY2(a.address.find('%') == std::string::npos, a.address.c_str());
        }
    }
}

void TestInterfaces::matchesIpCommand() {
    const QString ip = QStandardPaths::findExecutable(QStringLiteral("ip"));
    if (ip.isEmpty()) {
        QSKIP("the ip command (iproute2) is not installed");
    }
    QProcess proc;
    proc.start(ip, {QStringLiteral("-o"), QStringLiteral("addr"), QStringLiteral("show")});
    QVERIFY(proc.waitForFinished(10000));
    QCOMPARE(proc.exitCode(), 0);

    // "1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft ..."
    QSet<QString> fromIp;
    QHash<QString, unsigned> indexFromIp;
    const auto lines = QString::fromUtf8(proc.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QStringList f = line.simplified().split(QLatin1Char(' '));
        if (f.size() < 4 || (f[2] != QLatin1String("inet") && f[2] != QLatin1String("inet6"))) {
            continue;
        }
        const QString name = f[1].section(QLatin1Char('@'), 0, 0);
        fromIp.insert(name + QLatin1Char(' ') + f[2] + QLatin1Char(' ') + f[3]);
        indexFromIp.insert(name, f[0].chopped(1).toUInt());
    }
    QVERIFY2(!fromIp.isEmpty(), "ip -o addr printed no addresses");

    auto list = socklab::listInterfaces();
    QVERIFY(list.has_value());
    QSet<QString> ours;
    for (const auto& a : *list) {
        const QString name = QString::fromStdString(a.interface);
        ours.insert(key(name, a.family, QString::fromStdString(a.address), a.prefixLength));
        if (indexFromIp.contains(name)) {
            QCOMPARE(a.index, indexFromIp.value(name));
        }
    }
    for (const QString& k : fromIp) {
        QVERIFY2(ours.contains(k), qPrintable("missing from listInterfaces: " + k));
    }
    for (const QString& k : ours) {
        QVERIFY2(fromIp.contains(k), qPrintable("not printed by ip: " + k));
    }
}

QTEST_APPLESS_MAIN(TestInterfaces)
#include "test_interfaces.moc"
