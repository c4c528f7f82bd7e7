// The GUI: one engine thread, one bridge into the Qt thread, one main window.
#include "core/base/version.h"
#include "core/capture/live_save.h"
#include "core/engine/engine.h"
#include "ui/bridge/core_bridge.h"
#include "ui/i18n/language.h"
#include "ui/main_window.h"
#include "ui/settings/preferences.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>
#include <chrono>
#include <cstdio>

namespace {

// For tests/bench/bench_gui_startup only, off unless SOCKLAB_STARTUP_PROBE is set: once the
// first paint after start-up has been done, prints "socklab-first-paint <steady_clock ns>" on
// stderr (CLOCK_MONOTONIC, comparable across processes); with the value "quit", then quits.
class FirstPaintProbe : public QObject {
public:
    explicit FirstPaintProbe(bool quit) : m_quit(quit) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (!m_seen && event->type() == QEvent::Paint) {
            m_seen = true;
            // After the paint that is under way (the whole window's) has been done.
            QTimer::singleShot(0, this, [this] {
                const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::steady_clock::now().time_since_epoch());
                std::fprintf(stderr, "socklab-first-paint %lld\n",
                             static_cast<long long>(ns.count()));
                if (m_quit) {
                    QCoreApplication::quit();
                }
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_quit;
    bool m_seen = false;
};

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SockLab"));
    QApplication::setApplicationName(QStringLiteral("SockLab"));
    QApplication::setApplicationVersion(
        QString::fromUtf8(socklab::version().data(), qsizetype(socklab::version().size())));
    QApplication::setDesktopFileName(QStringLiteral("socklab"));

    // The interface language: the system locale's unless chosen in Preferences. Before any
    // widget or help text exists, so everything starts in it.
    socklab::ui::LanguageManager language;
    language.apply(socklab::ui::resolveLanguage(socklab::ui::loadPreferences().language));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "SockLab: a socket workbench."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("workspace"),
        QApplication::translate("main", "Workspace file (.socklab, or .json) to open. Its "
                                        "sockets stay closed until you start its tabs, unless "
                                        "--open-sockets is given."),
        QStringLiteral("[WORKSPACE]"));
    const QCommandLineOption openSockets(
        QStringLiteral("open-sockets"),
        QApplication::translate("main", "Open the sockets of the workspace's tabs at once "
                                        "(listen, bind, connect), in tab order."));
    parser.addOption(openSockets);
    parser.process(app);
    const QStringList args = parser.positionalArguments();

    socklab::Engine engine;
    socklab::ui::CoreBridge bridge(engine);
    engine.start();
    int rc = 0;
    {
        socklab::ui::MainWindow window(bridge);
        const QByteArray probe = qgetenv("SOCKLAB_STARTUP_PROBE");
        FirstPaintProbe firstPaint(probe == "quit");
        if (!probe.isEmpty()) {
            app.installEventFilter(&firstPaint);
        }
        window.show();
        // Reading the icons loads Qt's image format plugins: not before the first frame.
        window.afterFirstPaint([] {
            QIcon icon;
            for (const char* size : {"32", "64", "256"}) {
                icon.addFile(QStringLiteral(":/icons/socklab-%1.png").arg(QLatin1String(size)));
            }
            QApplication::setWindowIcon(icon);
        });
        window.startup(args.isEmpty() ? QString() : args.front(), parser.isSet(openSockets));
        rc = QApplication::exec();
    }
    // Stop the engine thread before the bridge it notifies goes away.
    engine.stop();
    // Continuous saves of tabs closed last still write their backlog: let them complete.
    socklab::LiveSave::waitForBackgroundFinishes(std::chrono::seconds(30));
    return rc;
}
