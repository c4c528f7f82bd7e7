#include "tests/bench/support/bench_app.h"

#include <QSettings>
#include <cstdio>
#include <cstdlib>

namespace socklab::bench {

BenchApp::Environment::Environment() {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) {
        qputenv("QT_LOGGING_RULES", "qt.text.font.db=false"); // fontconfig noise, not figures
    }
    qputenv("XDG_CONFIG_HOME", settingsDir.path().toLocal8Bit());
}

BenchApp::BenchApp(int& argc, char** argv, const char* name) : m_app(argc, argv) {
    QApplication::setOrganizationName(QStringLiteral("SockLabBench"));
    QApplication::setApplicationName(QString::fromLatin1(name));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_env.settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_env.settingsDir.path());
}

std::uint64_t nextArgValue(int argc, char** argv, int& i) {
    if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", argv[i]);
        std::exit(2);
    }
    return std::strtoull(argv[++i], nullptr, 10);
}

} // namespace socklab::bench
