// TrafficPane's texts (labels, names, tooltips, the Copy as menu), set again in the new
// language on a language change; and the mnemonics a second pane drops.
#include "ui/views/copy_kind.h"
#include "ui/views/find_bar.h"
#include "ui/views/hex_view.h"
#include "ui/views/log_table_view.h"
#include "ui/views/record_text.h"
#include "ui/views/text_view.h"
#include "ui/views/traffic_pane.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace socklab::ui {

void TrafficPane::retranslate() {
    m_local->setAccessibleName(tr("Local address"));
    setLocalLabel(m_localLabel);
    m_filterButton->setText(tr("Filter"));
    m_filterButton->setAccessibleName(tr("Filter"));
    m_filterButton->setToolTip(tr("Show only some records, or messages instead of reads "
                                  "(Ctrl+Shift+F); off: every record as captured"));
    m_follow->setText(tr("Follow tail"));
    m_follow->setAccessibleName(tr("Follow tail"));
    m_follow->setToolTip(tr("Keep the newest traffic in view (End)"));
    const QString layouts[] = {tr("Hex and text"), tr("Hex only"), tr("Text only")};
    for (int i = 0; i < m_layoutCombo->count(); ++i) {
        m_layoutCombo->setItemText(i, layouts[i]);
    }
    m_layoutCombo->setAccessibleName(tr("Layout"));
    m_layoutCombo->setToolTip(tr("Layout of the byte views"));
    m_layoutLabel->setText(tr("Layo&ut"));
    for (int i = 0; i < m_encodingCombo->count(); ++i) {
        m_encodingCombo->setItemText(
            i, encodingText(static_cast<TextEncoding>(m_encodingCombo->itemData(i).toInt())));
    }
    m_encodingCombo->setAccessibleName(tr("Encoding"));
    m_encodingCombo->setToolTip(tr("How this tab reads bytes as text (text view, log, copy as "
                                   "text, find) and encodes the composer's text"));
    m_encodingLabel->setText(tr("Encoding"));
    m_copy->setText(tr("Copy as"));
    m_copy->setAccessibleName(tr("Copy as"));
    m_copy->setToolTip(tr("Copy the selected bytes (Ctrl+Shift+C)"));
    m_copyMenu->setTitle(tr("Copy as"));
    const auto kinds = copyKinds();
    for (qsizetype i = 0; i < m_copyActions.size(); ++i) {
        m_copyActions[i]->setText(copyKindLabel(kinds[std::size_t(i)]));
    }
    m_log->setAccessibleName(tr("Log"));
    m_status->setAccessibleName(tr("Capture status"));
    const QString keys = tr("Ctrl+F: find; F6 / Shift+F6: next / previous of find field, log, "
                            "hex view and text view");
    for (QWidget* view : {static_cast<QWidget*>(m_log), static_cast<QWidget*>(m_hex),
                          static_cast<QWidget*>(m_text)}) {
        view->setAccessibleDescription(keys);
    }
    m_find->setKeysHint(keys);
}

void TrafficPane::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateStatus();
        if (m_noMnemonics) {
            // After the children (find and filter bars) have set their texts again.
            QMetaObject::invokeMethod(this, &TrafficPane::dropMnemonics, Qt::QueuedConnection);
        }
    }
}

void TrafficPane::dropMnemonics() {
    m_noMnemonics = true;
    const auto plain = [](QString text) {
        // "&&" is a literal ampersand: keep one of it.
        return text.replace(QStringLiteral("&&"), QStringLiteral("\x01"))
            .remove(QLatin1Char('&'))
            .replace(QStringLiteral("\x01"), QStringLiteral("&&"));
    };
    for (QLabel* label : findChildren<QLabel*>()) {
        if (label->buddy()) {
            label->setText(plain(label->text()));
        }
    }
    for (QAbstractButton* button : findChildren<QAbstractButton*>()) {
        button->setText(plain(button->text()));
    }
}

} // namespace socklab::ui
