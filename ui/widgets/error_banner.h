#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace socklab::ui {

/// The error line of a tab: an error stays visible until dismissed or replaced.
class ErrorBanner : public QWidget {
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget* parent = nullptr);

    void showError(const QString& text);
    void dismiss();
    /// The error shown ("" when hidden).
    [[nodiscard]] QString text() const;
    [[nodiscard]] QToolButton* dismissButton() const { return m_dismiss; }

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    QLabel* m_text;
    QToolButton* m_dismiss;
};

} // namespace socklab::ui
