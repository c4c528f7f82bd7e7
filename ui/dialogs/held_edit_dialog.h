#pragma once

#include "core/codec/bytes.h"
#include "core/codec/message_encoding.h"
#include "core/vocab/relay.h"

#include <QByteArray>
#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace socklab::ui {

/// Edit a held message before it is released: its bytes as escapes (exact, the default), hex
/// or text, encoded by core's encodeMessage (no line ending is added: what is typed is sent).
/// "Release" is enabled while the content parses.
class HeldEditDialog : public QDialog {
    Q_OBJECT
public:
    HeldEditDialog(const socklab::HeldMessage& message, QWidget* parent = nullptr);

    /// The bytes the editor describes (valid only while isValid()).
    [[nodiscard]] QByteArray bytes() const;
    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] QPlainTextEdit* editor() const { return m_editor; }

private:
    [[nodiscard]] socklab::MessageMode mode() const;
    void render(const socklab::ByteVector& bytes);
    void onModeChanged();
    void revalidate();

    QComboBox* m_mode;
    QPlainTextEdit* m_editor;
    QLabel* m_validation;
    QLabel* m_note; ///< why the chosen notation was changed, if it was
    QDialogButtonBox* m_buttons;
    socklab::MessageMode m_shownMode = socklab::MessageMode::Escapes;
    bool m_valid = true;
};

} // namespace socklab::ui
