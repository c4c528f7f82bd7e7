#pragma once

#include "core/codegen/socket_code.h"

#include <QDialog>

class QPlainTextEdit;
class QTabWidget;

namespace socklab::ui {

/// Shows the Python and C equivalent of a tab's socket, ready to copy.
class ShowCodeDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShowCodeDialog(const CodeRequest& request, QWidget* parent = nullptr);

    [[nodiscard]] QString pythonText() const;
    [[nodiscard]] QString cText() const;

private:
    void copyCurrent();

    QTabWidget* m_tabs;
    QPlainTextEdit* m_python;
    QPlainTextEdit* m_c;
};

} // namespace socklab::ui
