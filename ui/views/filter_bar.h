#pragma once

#include "core/codec/text_decode.h"
#include "core/inspect/derived_capture.h"
#include "ui/views/record_text.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace socklab::ui {

/// The filter bar over a traffic pane: which records to show (In, Out, Events, Errors), the
/// peer's address, content (contains / starts with / regex / hex pattern, as responder rules
/// match) and the framing that turns reads into messages ("crlf", "len:2be"...). Inputs are
/// checked as typed: a problem is shown under the bar and the last valid view stays in force.
/// Typing applies after a short pause; Enter applies at once.
class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    /// The view the inputs describe (datagrams as set), or nullopt while one has a problem.
    [[nodiscard]] std::optional<CaptureView> view() const;
    /// Puts a view's settings in the inputs (applies at once).
    void setView(const CaptureView& view);
    /// Show every record again (the inputs' defaults).
    void clear();
    /// Every Data record of the capture is one datagram (framed alone).
    void setDatagrams(bool datagrams);
    /// Names the directions as a socket's (In / Out) or a relay's (client->server...).
    void setDirectionNames(DirectionNames names);
    /// Contains / starts with text without escapes is looked for in this encoding.
    void setTextEncoding(TextEncoding encoding);
    /// A problem to show under the bar (from the view's creation); "" hides it.
    void showProblem(const QString& text);
    [[nodiscard]] QString problem() const;
    void focusPattern();

    [[nodiscard]] QCheckBox* inBox() const { return m_in; }
    [[nodiscard]] QCheckBox* outBox() const { return m_out; }
    [[nodiscard]] QCheckBox* eventsBox() const { return m_events; }
    [[nodiscard]] QCheckBox* errorsBox() const { return m_errors; }
    [[nodiscard]] QLineEdit* peerEdit() const { return m_peer; }
    [[nodiscard]] QComboBox* matchCombo() const { return m_match; }
    [[nodiscard]] QLineEdit* patternEdit() const { return m_pattern; }
    [[nodiscard]] QLineEdit* framingEdit() const { return m_framing; }
    [[nodiscard]] QToolButton* clearButton() const { return m_clear; }
    [[nodiscard]] QLabel* problemLabel() const { return m_problem; }

signals:
    /// The inputs describe a new valid view (after the typing pause, or at once).
    void viewChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    /// Checks the inputs: shows the first problem, or schedules viewChanged.
    void onEdited(bool now);
    [[nodiscard]] Result<CaptureView> build() const;

    QCheckBox* m_in;
    QCheckBox* m_out;
    QCheckBox* m_events;
    QCheckBox* m_errors;
    QLineEdit* m_peer;
    QComboBox* m_match;
    QLineEdit* m_pattern;
    QLineEdit* m_framing;
    QToolButton* m_clear;
    QLabel* m_problem;
    QLabel* m_peerLabel;
    QLabel* m_matchLabel;
    QLabel* m_framingLabel;
    QLabel* m_showLabel = nullptr;
    DirectionNames m_names = DirectionNames::Socket;
    QTimer* m_debounce;
    bool m_datagrams = false;
    TextEncoding m_encoding = TextEncoding::Utf8;
    std::optional<CaptureView> m_applied; ///< the last view announced
};

} // namespace socklab::ui
