#pragma once

#include "core/codegen/socket_code.h"

#include <QDialog>

class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace socklab::ui {

/// Shows the Python and C equivalent of a tab's socket, ready to copy.
class ShowCodeDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShowCodeDialog(const CodeRequest& request, QWidget* parent = nullptr);

    [[nodiscard]] QString pythonText() const;
    [[nodiscard]] QString cText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the dialog sets itself, in the current language.
    void retranslate();

    void copyCurrent();

    QTabWidget* m_tabs;
    QPlainTextEdit* m_python;
    QPlainTextEdit* m_c;
    QPushButton* m_copy;
};

} // namespace socklab::ui
