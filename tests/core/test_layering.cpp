// The architecture's two walls, checked on the source tree: core/ knows nothing of Qt, and
// ui/ + app/ never touch sockets directly (they go through the engine).
#include <QTest>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Violation {
    std::string file;
    int line = 0;
    std::string text;
};

// Blank comments (and, when asked, string/char literals) but keep every newline so line
// numbers stay right. Text inside a comment is not code and must not trip the checks.
std::string stripCpp(const std::string& in, bool blankStrings) {
    std::string out = in;
    enum { Code, Line, Block, Str, Chr, Raw } st = Code;
    std::string rawEnd;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const char c = in[i];
        const char n = i + 1 < in.size() ? in[i + 1] : '\0';
        const auto blank = [&](std::size_t k) {
            if (out[k] != '\n') {
                out[k] = ' ';
            }
        };
        switch (st) {
        case Code:
            if (c == '/' && n == '/') {
                st = Line;
                blank(i);
            } else if (c == '/' && n == '*') {
                st = Block;
                blank(i);
                blank(++i);
            } else if (c == 'R' && n == '"' &&
                       (i == 0 || !(std::isalnum((unsigned char)in[i - 1]) || in[i - 1] == '_'))) {
                const auto paren = in.find('(', i + 2);
                if (paren == std::string::npos) {
                    break;
                }
                rawEnd = ")" + in.substr(i + 2, paren - i - 2) + "\"";
                st = Raw;
                i = paren;
            } else if (c == '"') {
                st = Str;
            } else if (c == '\'' && !(i > 0 && std::isxdigit((unsigned char)in[i - 1]))) {
                st = Chr; // digit separators (1'000) are not char literals
            }
            break;
        case Line:
            if (c == '\n') {
                st = Code;
            } else {
                blank(i);
            }
            break;
        case Block:
            if (c == '*' && n == '/') {
                blank(i);
                blank(++i);
                st = Code;
            } else {
                blank(i);
            }
            break;
        case Str:
        case Chr:
            if (c == '\\') {
                if (blankStrings) {
                    blank(i);
                    if (i + 1 < in.size()) {
                        blank(i + 1);
                    }
                }
                ++i;
            } else if ((st == Str && c == '"') || (st == Chr && c == '\'')) {
                st = Code;
            } else if (blankStrings) {
                blank(i);
            }
            break;
        case Raw:
            if (in.compare(i, rawEnd.size(), rawEnd) == 0) {
                i += rawEnd.size() - 1;
                st = Code;
            } else if (blankStrings) {
                blank(i);
            }
            break;
        }
    }
    return out;
}

std::vector<Violation> scanText(const std::string& file, const std::string& text,
                                const std::regex& pattern) {
    std::vector<Violation> found;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        if (std::regex_search(line, pattern)) {
            found.push_back({file, number, line});
        }
    }
    return found;
}

const std::regex& qtInclude() {
    static const std::regex re(R"(^\s*#\s*include\s*[<"](Q[A-Za-z]|Qt))");
    return re;
}

const std::regex& socketInclude() {
    static const std::regex re(
        R"(^\s*#\s*include\s*[<"](sys/socket\.h|netinet/|arpa/inet\.h|netdb\.h|sys/un\.h|)"
        R"(ifaddrs\.h|net/if\.h|linux/|sys/epoll\.h))");
    return re;
}

// Names that also exist as Qt/std members (QObject::connect, std::bind, QTcpServer::listen)
// only count when called at global scope: "::connect(" not preceded by a qualifier.
// Names nothing else uses count as any free call.
const std::regex& socketCall() {
    static const std::regex re(
        R"((^|[^A-Za-z0-9_:>])::(socket|bind|connect|listen|accept|send|recv|shutdown)\s*\()"
        R"(|(^|[^A-Za-z0-9_.:>])(::)?(accept4|sendto|sendmsg|sendmmsg|recvfrom|recvmsg|)"
        R"(recvmmsg|setsockopt|getsockopt|getsockname|getpeername|getaddrinfo|socketpair|)"
        R"(epoll_create1?|epoll_ctl|epoll_wait|inet_pton|inet_ntop|if_nametoindex)\s*\()");
    return re;
}

const std::regex& cmakeQt() {
    static const std::regex re(R"(Qt[56]?::|find_package\s*\(\s*Qt|AUTOMOC|AUTOUIC|AUTORCC)");
    return re;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool isSource(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".h" || ext == ".hpp" || ext == ".cpp" || ext == ".cc" || ext == ".cxx";
}

// Every file of a folder of the tree that passes the filter; hidden folders are skipped.
std::vector<fs::path> filesUnder(const std::string& folder, bool (*keep)(const fs::path&)) {
    std::vector<fs::path> out;
    const fs::path root = fs::path(SOCKLAB_SOURCE_DIR) / folder;
    if (!fs::exists(root)) {
        return out;
    }
    for (auto it = fs::recursive_directory_iterator(root); it != fs::end(it); ++it) {
        if (it->is_directory() && it->path().filename().string().starts_with(".")) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && keep(it->path())) {
            out.push_back(it->path());
        }
    }
    return out;
}

std::string sourceRelative(const fs::path& p) {
    return fs::relative(p, SOCKLAB_SOURCE_DIR).string();
}

std::string report(const std::vector<Violation>& vs) {
    std::string out;
    for (const auto& v : vs) {
        out += "\n  " + v.file + ":" + std::to_string(v.line) + ": " + v.text;
    }
    return out;
}

std::vector<Violation> scanCpp(const std::string& name, const std::string& text,
                               bool socketChecks) {
    // Includes are checked with strings intact ("foo.h" is a string literal to the lexer).
    const std::string noComments = stripCpp(text, false);
    if (!socketChecks) {
        return scanText(name, noComments, qtInclude());
    }
    auto found = scanText(name, noComments, socketInclude());
    auto calls = scanText(name, stripCpp(text, true), socketCall());
    found.insert(found.end(), calls.begin(), calls.end());
    return found;
}

// The architecture of core/: each module and the modules it may use directly (a DAG, lowest
// first). A module may include its own headers and those of anything it reaches through this
// table; core/CMakeLists.txt must declare exactly these DEPS. Change the table, the CMake file
// and docs/ARCHITECTURE.md together.
const std::map<std::string, std::set<std::string>>& allowedModuleDeps() {
    static const std::map<std::string, std::set<std::string>> table{
        {"base", {}},
        {"codec", {"base"}},
        {"net", {"base", "codec"}},
        {"capture", {"base", "net", "codec"}},
        {"loop", {"base"}},
        {"impair", {"base"}},
        {"packet", {"base"}},
        {"pcapimport", {"capture", "packet"}},
        {"respond", {"base", "codec"}},
        {"vocab", {"base", "net", "capture", "impair", "respond"}},
        {"netns", {"vocab"}},
        {"session", {"vocab", "loop", "netns", "lab", "packet"}},
        {"engine", {"session"}},
        {"workspace", {"vocab"}},
        {"codegen", {"vocab"}},
        {"play", {"vocab", "pcapimport"}},
        {"inspect", {"capture", "respond"}},
        {"lab", {"vocab", "netns", "packet"}},
    };
    return table;
}

// Everything a module reaches through the table (itself included); empty when the table has a
// cycle through it.
std::set<std::string> reachable(const std::map<std::string, std::set<std::string>>& table,
                                const std::string& from,
                                std::vector<std::string>* cycle = nullptr) {
    std::set<std::string> done;
    std::vector<std::string> path;
    bool cyclic = false;
    auto visit = [&](auto&& self, const std::string& m) -> void {
        if (std::find(path.begin(), path.end(), m) != path.end()) {
            cyclic = true;
            if (cycle != nullptr && cycle->empty()) {
                *cycle = path;
                cycle->push_back(m);
            }
            return;
        }
        if (!done.insert(m).second) {
            return;
        }
        path.push_back(m);
        if (auto it = table.find(m); it != table.end()) {
            for (const auto& d : it->second) {
                self(self, d);
            }
        }
        path.pop_back();
    };
    visit(visit, from);
    return cyclic ? std::set<std::string>{} : done;
}

// `#include "core/<module>/..."` lines of one core file that the table does not allow.
std::vector<Violation> moduleViolations(const std::map<std::string, std::set<std::string>>& table,
                                        const std::string& module, const std::string& name,
                                        const std::string& text) {
    // \x22 is the quote: moc's lexer does not know raw strings and must see balanced quotes.
    static const std::regex inc(R"(^\s*#\s*include\s*\x22core/([A-Za-z0-9_]+)/)");
    const auto allowed = reachable(table, module);
    std::vector<Violation> found;
    std::istringstream lines(stripCpp(text, false));
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        std::smatch m;
        if (std::regex_search(line, m, inc) && !allowed.contains(m[1].str())) {
            found.push_back(
                {name, number, line + "   (" + module + " may not use " + m[1].str() + ")"});
        }
    }
    return found;
}

// socklab_core_module(<name> DEPS socklab_a socklab_b ...) lines of core/CMakeLists.txt, with
// the socklab_ prefix dropped and system libraries left out.
std::map<std::string, std::set<std::string>> declaredModuleDeps(const std::string& cmake) {
    std::map<std::string, std::set<std::string>> out;
    static const std::regex call(R"(socklab_core_module\s*\(([^)]*)\))");
    for (auto it = std::sregex_iterator(cmake.begin(), cmake.end(), call);
         it != std::sregex_iterator(); ++it) {
        std::istringstream words((*it)[1].str());
        std::string name;
        words >> name;
        auto& deps = out[name];
        bool inDeps = false;
        for (std::string w; words >> w;) {
            if (w == "DEPS" || w == "SYSLIBS") {
                inDeps = w == "DEPS";
            } else if (inDeps && w.starts_with("socklab_")) {
                deps.insert(w.substr(8));
            }
        }
    }
    return out;
}

} // namespace

class TestLayering : public QObject {
    Q_OBJECT

private slots:
    // The scanners themselves: a check that cannot fail protects nothing.
    void scannersCatchViolations() {
        QCOMPARE(scanCpp("a.cpp", "#include <QString>\n", false).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "int x;\n  #  include \"QtCore/qglobal.h\"\n", false).at(0).line,
                 2);
        QCOMPARE(scanCpp("a.cpp", "#include <QtCore>\n", false).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "#include <sys/socket.h>\n", true).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "#include <linux/tcp.h>\n", true).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "#include <netinet/in.h>\n", true).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "int fd = ::socket(2, 1, 0);\n", true).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "x(::connect (fd, sa, n));\n", true).size(), std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "n = recvfrom(fd, b, 4, 0, 0, 0);\n", true).size(),
                 std::size_t(1));
        QCOMPARE(scanCpp("a.cpp", "::setsockopt(fd, 1, 2, &v, 4);\n", true).size(), std::size_t(1));
    }

    void scannersIgnoreLookalikes() {
        const char* clean[] = {
            "QObject::connect(a, &A::x, b, &B::y);\n",
            "connect(button, &QPushButton::clicked, this, &W::go);\n",
            "auto f = std::bind(&X::y, this);\n",
            "server.listen(QHostAddress::LocalHost);\n",
            "m_socket->connect(x);\n",
            "// we never call ::socket( here\n",
            "/* ::bind( in a comment\n #include <sys/socket.h> */\n",
            "const char* s = \"::connect(\";\n",
            "auto s = R\"(recvfrom(fd))\";\n",
            "engine.post(SendData{});\n",
            "#include \"core/net/socket_spec.h\"\n",
            "void sendTo(int);\n",
        };
        for (const char* text : clean) {
            const auto found = scanCpp("a.cpp", text, true);
            QVERIFY2(found.empty(), text);
        }
        QVERIFY(scanCpp("a.cpp", "#include \"core/base/result.h\"\n#include <string>\n", false)
                    .empty());
    }

    void coreIncludesNoQt() {
        const auto files = filesUnder("core", &isSource);
        QVERIFY2(files.size() >= 5, "core/ not found under SOCKLAB_SOURCE_DIR");
        std::vector<Violation> found;
        for (const auto& f : files) {
            auto v = scanCpp(sourceRelative(f), readFile(f), false);
            found.insert(found.end(), v.begin(), v.end());
        }
        QVERIFY2(found.empty(), ("core/ includes Qt:" + report(found)).c_str());
    }

    // The module checker itself: a wrong include and a cycle must be caught.
    void moduleCheckerCatchesViolations() {
        const auto& table = allowedModuleDeps();
        QCOMPARE(
            moduleViolations(table, "session", "s.h", "#include \"core/engine/engine.h\"\n").size(),
            std::size_t(1));
        QCOMPARE(moduleViolations(table, "workspace", "w.h", "#include \"core/loop/x.h\"\n").size(),
                 std::size_t(1));
        QCOMPARE(
            moduleViolations(table, "codec", "c.h", "#include \"core/net/endpoint.h\"\n").size(),
            std::size_t(1));
        // Transitive use is allowed (session -> vocab -> capture), comments are not code.
        QVERIFY(moduleViolations(
                    table, "session", "s.h",
                    "#include \"core/capture/record.h\"\n// #include \"core/engine/x.h\"\n")
                    .empty());
        auto cyclic = table;
        cyclic["net"].insert("session");
        std::vector<std::string> cycle;
        QVERIFY(reachable(cyclic, "engine", &cycle).empty());
        QVERIFY(!cycle.empty());
        const auto declared =
            declaredModuleDeps("socklab_core_module(a DEPS socklab_b Threads::Threads)\n"
                               "socklab_core_module(b SYSLIBS socklab_zzz)\n");
        QCOMPARE(declared.at("a"), (std::set<std::string>{"b"}));
        QVERIFY(declared.at("b").empty());
    }

    void moduleTableIsADag() {
        for (const auto& [module, deps] : allowedModuleDeps()) {
            std::vector<std::string> cycle;
            const auto r = reachable(allowedModuleDeps(), module, &cycle);
            std::string path;
            for (const auto& m : cycle) {
                path += m + " ";
            }
            QVERIFY2(!r.empty(), ("cycle: " + path).c_str());
            for (const auto& d : deps) {
                QVERIFY2(allowedModuleDeps().contains(d), (module + " -> unknown " + d).c_str());
            }
        }
    }

    void cmakeDeclaresTheTable() {
        const auto declared =
            declaredModuleDeps(readFile(fs::path(SOCKLAB_SOURCE_DIR) / "core/CMakeLists.txt"));
        QCOMPARE(declared.size(), allowedModuleDeps().size());
        for (const auto& [module, deps] : allowedModuleDeps()) {
            QVERIFY2(declared.contains(module), ("not declared in CMake: " + module).c_str());
            // CMake may list fewer direct deps when they are reached transitively, never more.
            const auto viaCmake = reachable(declared, module);
            QVERIFY2(viaCmake == reachable(allowedModuleDeps(), module),
                     ("core/CMakeLists.txt and the table disagree on " + module).c_str());
        }
    }

    void coreIncludesFollowTheModuleTable() {
        const fs::path root = fs::path(SOCKLAB_SOURCE_DIR) / "core";
        std::vector<Violation> found;
        std::set<std::string> seen;
        for (const auto& f : filesUnder("core", &isSource)) {
            const std::string module = fs::relative(f, root).begin()->string();
            seen.insert(module);
            if (!allowedModuleDeps().contains(module)) {
                found.push_back({sourceRelative(f), 0, "module not in the table: " + module});
                continue;
            }
            auto v = moduleViolations(allowedModuleDeps(), module, sourceRelative(f), readFile(f));
            found.insert(found.end(), v.begin(), v.end());
        }
        QCOMPARE(seen.size(), allowedModuleDeps().size());
        QVERIFY2(found.empty(),
                 ("core/ include outside the module table:" + report(found)).c_str());
    }

    void coreLinksNoQt() {
        const auto files = filesUnder("core", [](const fs::path& p) {
            return p.filename() == "CMakeLists.txt" || p.extension() == ".cmake";
        });
        QVERIFY2(!files.empty(), "core/CMakeLists.txt not found");
        std::vector<Violation> found;
        for (const auto& f : files) {
            // CMake comments start with '#'; blank them so prose may mention Qt.
            std::string text = readFile(f);
            std::string cleaned;
            std::istringstream lines(text);
            for (std::string line; std::getline(lines, line);) {
                const auto hash = line.find('#');
                cleaned += (hash == std::string::npos ? line : line.substr(0, hash)) + "\n";
            }
            auto v = scanText(sourceRelative(f), cleaned, cmakeQt());
            found.insert(found.end(), v.begin(), v.end());
        }
        QVERIFY2(found.empty(), ("core/ CMake links Qt:" + report(found)).c_str());
    }

    void uiAndAppUseNoSockets() {
        std::vector<Violation> found;
        std::size_t scanned = 0;
        for (const char* folder : {"ui", "app"}) {
            for (const auto& f : filesUnder(folder, &isSource)) {
                ++scanned;
                auto v = scanCpp(sourceRelative(f), readFile(f), true);
                found.insert(found.end(), v.begin(), v.end());
            }
        }
        qInfo("scanned %zu files under ui/ and app/", scanned);
        QVERIFY2(found.empty(), ("ui/ or app/ touches sockets directly:" + report(found)).c_str());
    }
};

QTEST_APPLESS_MAIN(TestLayering)
#include "test_layering.moc"
