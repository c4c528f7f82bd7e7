// Core's translation markers: SL_TR goes through the installed translator (English without one,
// as in socklab-cli), trArgs fills %1..%9 in one pass in the translation's order, and a
// translator can be replaced while other threads translate.
#include "core/base/error.h"
#include "core/base/translate.h"

#include <QTest>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <thread>
#include <vector>

using namespace socklab;

namespace {

// A translator that knows two sentences and marks everything else, like a partial .qm would not.
std::string toyTranslator(std::string_view context, std::string_view source) {
    if (context != "socklab") {
        return "wrong context: " + std::string(context);
    }
    if (source == "%1 of %2 datagrams lost") {
        return "丢失 %2 个数据报中的 %1 个";
    }
    if (source == "Connection refused") {
        return "连接被拒绝";
    }
    return std::string(source);
}

} // namespace

class TestTranslate : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { setTranslator({}); }

    void englishWithoutTranslator() {
        QVERIFY(!hasTranslator());
        QCOMPARE(SL_TR("socklab", "%1 of %2 datagrams lost"), std::string("%1 of %2 datagrams lost"));
        QCOMPARE(trArgs(SL_TR("socklab", "%1 of %2 datagrams lost"), 3, std::string("10")),
                 std::string("3 of 10 datagrams lost"));
        // SL_N is the literal itself, usable in constant tables.
        constexpr std::string_view table[] = {SL_N("socklab", "Stream")};
        QCOMPARE(table[0], std::string_view("Stream"));
    }

    void translatorReordersArguments() {
        setTranslator(toyTranslator);
        QVERIFY(hasTranslator());
        QCOMPARE(trArgs(SL_TR("socklab", "%1 of %2 datagrams lost"), 3, 10),
                 std::string("丢失 10 个数据报中的 3 个"));
        setTranslator({});
        QCOMPARE(trArgs(SL_TR("socklab", "%1 of %2 datagrams lost"), 3, 10),
                 std::string("3 of 10 datagrams lost"));
    }

    void substitutionIsOnePass() {
        // An argument that itself contains a placeholder is not substituted again.
        QCOMPARE(trArgs(std::string_view("%1 then %2"), std::string("%2"), 'x'),
                 std::string("%2 then x"));
        // Missing arguments and lone percent signs stay as written.
        QCOMPARE(trArgs(std::string_view("100% of %1, %3 and %"), "all"),
                 std::string("100% of all, %3 and %"));
        QCOMPARE(trArgs(std::string_view("%9"), 1, 2, 3, 4, 5, 6, 7, 8, -9), std::string("-9"));
        QCOMPARE(substituteArgs("no placeholders", {"a"}), std::string("no placeholders"));
    }

    void errnoCausesAreTranslated() {
        QCOMPARE(errnoText(ECONNREFUSED), std::string("Connection refused"));
        setTranslator(toyTranslator);
        QCOMPARE(errnoText(ECONNREFUSED), std::string("连接被拒绝"));
        // The errno name is an identifier and stays.
        const auto text = sysError(ECONNREFUSED, "connect", "127.0.0.1:9").message();
        QVERIFY2(text.find("连接被拒绝") != std::string::npos, text.c_str());
        QVERIFY2(text.find("ECONNREFUSED") != std::string::npos, text.c_str());
    }

    void replacedWhileOtherThreadsTranslate() {
        std::atomic<bool> stop{false};
        std::atomic<long> done{0};
        std::vector<std::thread> readers;
        for (int i = 0; i < 2; ++i) {
            readers.emplace_back([&] {
                while (!stop.load()) {
                    const auto t = SL_TR("socklab", "Connection refused");
                    if (t != "Connection refused" && t != "连接被拒绝") {
                        std::abort();
                    }
                    done.fetch_add(1);
                }
            });
        }
        for (int i = 0; i < 2000; ++i) {
            setTranslator(i % 2 ? Translator(toyTranslator) : Translator());
        }
        for (int i = 0; i < 500 && done.load() < 1000; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        stop = true;
        for (auto& t : readers) {
            t.join();
        }
        QVERIFY(done.load() >= 1000);
    }
};

QTEST_APPLESS_MAIN(TestTranslate)
#include "test_translate.moc"
