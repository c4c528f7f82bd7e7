#include "ui/widgets/error_banner.h"

#include <QAccessible>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace socklab::ui {

ErrorBanner::ErrorBanner(QWidget* parent)
    : QWidget(parent), m_text(new QLabel(this)), m_dismiss(new QToolButton(this)) {
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xf8, 0xd7, 0xda));
    pal.setColor(QPalette::WindowText, QColor(0x58, 0x15, 0x1c));
    setPalette(pal);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 4, 6, 4);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    retranslate();
    row->addWidget(m_text, 1);
    row->addWidget(m_dismiss);
    hide();
    connect(m_dismiss, &QToolButton::clicked, this, &ErrorBanner::dismiss);
}

void ErrorBanner::showError(const QString& text) {
    m_text->setText(text);
    m_text->setAccessibleDescription(text);
    show();
    // Screen readers announce an alert; a changed label alone is read only when visited.
    QAccessibleEvent alert(m_text, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

void ErrorBanner::dismiss() {
    m_text->clear();
    hide();
}

QString ErrorBanner::text() const {
    return isHidden() ? QString() : m_text->text();
}

void ErrorBanner::retranslate() {
    m_text->setAccessibleName(tr("Error"));
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
}

void ErrorBanner::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
}

} // namespace socklab::ui
