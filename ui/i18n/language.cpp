#include "ui/i18n/language.h"

#include "core/base/translate.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace socklab::ui {

namespace {

LanguageManager* g_instance = nullptr;

// core's marked strings go through Qt's translators; without an application (after it is
// gone, or in a thread racing its end) they stay English.
void installCoreTranslator() {
    socklab::setTranslator([](std::string_view context, std::string_view source) {
        if (QCoreApplication::instance() == nullptr) {
            return std::string(source);
        }
        const std::string ctx(context);
        const std::string src(source);
        return QCoreApplication::translate(ctx.c_str(), src.c_str()).toStdString();
    });
}

} // namespace

QList<LanguageChoice> availableLanguages() {
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString resolveLanguage(const QString& setting, const QLocale& system) {
    for (const auto& choice : availableLanguages()) {
        if (choice.code == setting) {
            return setting;
        }
    }
    if (system.language() == QLocale::Chinese &&
        system.script() != QLocale::TraditionalChineseScript &&
        system.territory() != QLocale::Taiwan && system.territory() != QLocale::HongKong &&
        system.territory() != QLocale::Macau) {
        return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {
    g_instance = this;
    installCoreTranslator();
}

LanguageManager::~LanguageManager() {
    // Core's strings go back to English before Qt's translators (and later the application)
    // go away; threads still running then (a continuous save finishing) print English.
    socklab::setTranslator({});
    removeTranslators();
    if (g_instance == this) {
        g_instance = nullptr;
    }
}

LanguageManager* LanguageManager::instance() { return g_instance; }

void LanguageManager::removeTranslators() {
    if (m_app) {
        QCoreApplication::removeTranslator(m_app.get());
        m_app.reset();
    }
    if (m_qt) {
        QCoreApplication::removeTranslator(m_qt.get());
        m_qt.reset();
    }
}

bool LanguageManager::apply(const QString& code) {
    if (code == m_current) {
        return true;
    }
    removeTranslators();
    bool ok = true;
    if (code != QLatin1String("en")) {
        auto app = std::make_unique<QTranslator>();
        // Compiled into the resources (qt_add_translations), so no install path can lose it.
        if (app->load(QStringLiteral(":/i18n/socklab_%1.qm").arg(code))) {
            // Qt's own texts (standard buttons, file dialogs): compiled in from Debian's
            // qt6-translations-l10n at build time, else the system's copy.
            auto qt = std::make_unique<QTranslator>();
            if (qt->load(QStringLiteral(":/i18n/qtbase_%1.qm").arg(code)) ||
                qt->load(QStringLiteral("qtbase_%1").arg(code),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
                QCoreApplication::installTranslator(qt.get());
                m_qt = std::move(qt);
            }
            QCoreApplication::installTranslator(app.get());
            m_app = std::move(app);
        } else {
            ok = false;
        }
    }
    // Installing or removing a translator sends LanguageChange to every widget.
    m_current = ok ? code : QStringLiteral("en");
    emit languageChanged(m_current);
    return ok;
}

} // namespace socklab::ui
