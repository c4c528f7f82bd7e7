#pragma once

// The Qt application of a GUI benchmark: offscreen unless QT_QPA_PLATFORM says otherwise, no
// fontconfig noise in the figures, and a throw-away settings scope (no demo workspace, the user's
// settings untouched). Construct it first in main(), before any widget.

#include <QApplication>
#include <QTemporaryDir>

namespace socklab::bench {

class BenchApp {
public:
    /// name: the application name, under the organisation "SockLabBench".
    BenchApp(int& argc, char** argv, const char* name);

private:
    // Sets the environment in its constructor, so it must be constructed before m_app.
    struct Environment {
        Environment();
        QTemporaryDir settingsDir;
    };
    Environment m_env;
    QApplication m_app;
};

/// The value after argv[i] as a number (advances i); exits with status 2 when there is none.
std::uint64_t nextArgValue(int argc, char** argv, int& i);

} // namespace socklab::bench
