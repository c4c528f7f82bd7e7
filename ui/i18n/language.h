#pragma once

// The interface language: English (the source) or Simplified Chinese. Follows the system
// locale unless chosen in Preferences; switching installs the translators on the application,
// which sends QEvent::LanguageChange to every widget (they retranslate in changeEvent).

#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>
#include <memory>

class QTranslator;

namespace socklab::ui {

/// One language offered in Preferences.
struct LanguageChoice {
    QString code;       ///< "en", "zh_CN"
    QString nativeName; ///< "English", "简体中文" (each in its own language, never translated)
};

/// The languages SockLab ships, English first.
[[nodiscard]] QList<LanguageChoice> availableLanguages();

/// The language to use for a Preferences setting: the setting when it names a shipped language,
/// else (empty = "follow the system") the system locale's when shipped (any zh locale of the
/// Simplified script: zh_CN, zh_SG, zh_Hans...), else English.
[[nodiscard]] QString resolveLanguage(const QString& setting,
                                      const QLocale& system = QLocale::system());

/// Owns SockLab's and Qt's translators and installs them on the running application; also
/// routes core's marked strings (core/base/translate.h) through Qt's translation, so a verdict
/// or an error made on the engine thread comes out in the interface language.
class LanguageManager : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    /// Switches to code ("en", "zh_CN"); widgets get LanguageChange. False (and English) when
    /// the translation cannot be loaded.
    bool apply(const QString& code);
    /// The language in use.
    [[nodiscard]] QString current() const { return m_current; }

    /// The manager of the running GUI (nullptr before one exists, e.g. in most tests).
    static LanguageManager* instance();

signals:
    void languageChanged(const QString& code);

private:
    void removeTranslators();

    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current = QStringLiteral("en");
};

} // namespace socklab::ui
