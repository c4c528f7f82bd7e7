#include "ui/dialogs/show_code_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QPlainTextEdit* codeView(const std::string& text, QWidget* parent) {
    auto* view = new QPlainTextEdit(QString::fromStdString(text), parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

} // namespace

ShowCodeDialog::ShowCodeDialog(const CodeRequest& request, QWidget* parent) : QDialog(parent) {
    // Texts: retranslate() (the dialog stays open beside its tab while the language changes).
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_python = codeView(pythonCode(request), m_tabs);
    m_c = codeView(cCode(request), m_tabs);
    m_tabs->addTab(m_python, QString());
    m_tabs->addTab(m_c, QString());
    layout->addWidget(m_tabs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    retranslate();
    connect(m_copy, &QPushButton::clicked, this, &ShowCodeDialog::copyCurrent);
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

void ShowCodeDialog::retranslate() {
    setWindowTitle(tr("Equivalent code"));
    m_tabs->setAccessibleName(tr("Language"));
    m_python->setAccessibleName(tr("Python code"));
    m_c->setAccessibleName(tr("C code"));
    m_tabs->setTabText(0, tr("&Python"));
    m_tabs->setTabText(1, tr("&C"));
    m_copy->setText(tr("C&opy"));
    m_copy->setAccessibleName(tr("Copy"));
}

void ShowCodeDialog::changeEvent(QEvent* event) {
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
}

} // namespace socklab::ui
