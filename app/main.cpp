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
#include <chrono>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SockLab"));
    QApplication::setApplicationName(QStringLiteral("SockLab"));
    QApplication::setApplicationVersion(
        QString::fromUtf8(socklab::version().data(), qsizetype(socklab::version().size())));
    QApplication::setDesktopFileName(QStringLiteral("socklab"));
    QIcon icon;
    for (const char* size : {"32", "64", "256"}) {
        icon.addFile(QStringLiteral(":/icons/socklab-%1.png").arg(QLatin1String(size)));
    }
    QApplication::setWindowIcon(icon);

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
        QApplication::translate(
            "main", "Workspace file (.socklab, or .json) to open; its sockets are opened."),
        QStringLiteral("[WORKSPACE]"));
    parser.process(app);
    const QStringList args = parser.positionalArguments();

    socklab::Engine engine;
    socklab::ui::CoreBridge bridge(engine);
    engine.start();
    int rc = 0;
    {
        socklab::ui::MainWindow window(bridge);
        window.show();
        window.startup(args.isEmpty() ? QString() : args.front());
        rc = QApplication::exec();
    }
    // Stop the engine thread before the bridge it notifies goes away.
    engine.stop();
    // Continuous saves of tabs closed last still write their backlog: let them complete.
    socklab::LiveSave::waitForBackgroundFinishes(std::chrono::seconds(30));
    return rc;
}
