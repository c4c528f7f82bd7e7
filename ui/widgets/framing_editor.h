#pragma once

#include "core/respond/framing.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace socklab::ui {

/// How received bytes are cut into messages for the responders: a mode and the fields of that
/// mode (delimiter with C escapes, fixed length, length prefix width/order/header, idle gap),
/// checked as typed with the problem shown under the fields.
class FramingEditor : public QWidget {
    Q_OBJECT
public:
    explicit FramingEditor(QWidget* parent = nullptr);

    /// The spec the fields describe (check problem() first).
    [[nodiscard]] socklab::FramingSpec spec() const;
    void setSpec(const socklab::FramingSpec& spec);
    /// Why the fields do not make a usable framing ("" when they do).
    [[nodiscard]] QString problem() const;
    [[nodiscard]] QComboBox* modeBox() const { return m_mode; }
    [[nodiscard]] QLineEdit* delimiterEdit() const { return m_delimiter; }

signals:
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the editor sets itself, in the current language.
    void retranslate();
    void validate();

    QComboBox* m_mode;
    QLabel* m_modeLabel;
    QLabel* m_delimiterLabel;
    QLabel* m_lengthLabel;
    QLabel* m_prefixLabel;
    QLabel* m_idleLabel;
    QStackedWidget* m_pages;
    QLineEdit* m_delimiter;
    QSpinBox* m_length;
    QComboBox* m_prefixBytes;
    QComboBox* m_prefixOrder;
    QCheckBox* m_prefixHeader;
    QSpinBox* m_idle;
    QLabel* m_problem;
    bool m_updating = false;
    /// The spec last set: what the fields do not show (the message limit) is kept from it.
    socklab::FramingSpec m_base;
};

} // namespace socklab::ui
