#include "ui/dialogs/show_code_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QPlainTextEdit* codeView(const std::string& text, const QString& name, QWidget* parent) {
    auto* view = new QPlainTextEdit(QString::fromStdString(text), parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setAccessibleName(name);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

} // namespace

ShowCodeDialog::ShowCodeDialog(const CodeRequest& request, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Equivalent code"));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setAccessibleName(tr("Language"));
    m_python = codeView(pythonCode(request), tr("Python code"), m_tabs);
    m_c = codeView(cCode(request), tr("C code"), m_tabs);
    m_tabs->addTab(m_python, tr("&Python"));
    m_tabs->addTab(m_c, tr("&C"));
    layout->addWidget(m_tabs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("C&opy"), QDialogButtonBox::ActionRole);
    copy->setAccessibleName(tr("Copy"));
    connect(copy, &QPushButton::clicked, this, &ShowCodeDialog::copyCurrent);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 560);
}

QString ShowCodeDialog::pythonText() const {
    return m_python->toPlainText();
}
QString ShowCodeDialog::cText() const {
    return m_c->toPlainText();
}

void ShowCodeDialog::copyCurrent() {
    const auto* view = static_cast<QPlainTextEdit*>(m_tabs->currentWidget());
    QApplication::clipboard()->setText(view->toPlainText());
}

} // namespace socklab::ui
