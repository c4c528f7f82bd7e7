#pragma once

#include "core/codec/bytes.h"
#include "core/codec/pattern.h"
#include "core/codec/text_decode.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace socklab::ui {

/// Find controls: pattern field (validated as the user types), pattern kind (text, hex,
/// escapes), previous/next buttons and a status line for hits, "not found" and input errors.
/// Text patterns are looked for in the tab's text encoding (a character with no form in it is
/// an input error).
class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(QWidget* parent = nullptr);

    [[nodiscard]] QLineEdit* patternEdit() const { return m_edit; }
    [[nodiscard]] QComboBox* kindCombo() const { return m_kind; }
    [[nodiscard]] QToolButton* nextButton() const { return m_next; }
    [[nodiscard]] QToolButton* previousButton() const { return m_previous; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

    void setPattern(const QString& text, PatternKind kind);
    [[nodiscard]] PatternKind kind() const;
    /// The encoding a Text pattern is encoded in before the bytes are searched.
    void setTextEncoding(TextEncoding encoding);
    [[nodiscard]] TextEncoding textEncoding() const { return m_encoding; }
    /// The bytes to look for, or nullopt after showing the input error.
    [[nodiscard]] std::optional<ByteVector> patternBytes();
    void showStatus(const QString& text, bool problem = false);
    void focusPattern();
    /// Keyboard help added to the pattern field's tooltip and description (the pane's keys).
    void setKeysHint(const QString& keys);

signals:
    void findNextRequested();
    void findPreviousRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void validate();
    [[nodiscard]] Result<ByteVector> encodePattern() const;

    QLineEdit* m_edit;
    QComboBox* m_kind;
    QToolButton* m_previous;
    QToolButton* m_next;
    QLabel* m_status;
    QLabel* m_label;
    QLabel* m_kindLabel;
    QString m_keysHint;
    TextEncoding m_encoding = TextEncoding::Utf8;
};

} // namespace socklab::ui
