#pragma once

#include "core/vocab/events.h"

#include <QFrame>
#include <optional>

class QLabel;
class QToolButton;

namespace socklab::ui {

/// One line that stands for the socket form while the socket is open:
/// `socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) · TCP client · 127.0.0.1:5000 -> 127.0.0.1:80 ·
/// Connected`, with a toggle that shows the (read-only) form again, and under it a warning
/// when the socket listens or is bound where other machines can reach it.
class SocketSummary : public QFrame {
    Q_OBJECT
public:
    explicit SocketSummary(QWidget* parent = nullptr);

    void setSummary(const socklab::OpenSession& request, std::optional<socklab::SessionState> state,
                    const QString& local, const QString& peer);
    [[nodiscard]] QString text() const;
    /// The exposure warning under the line ("" while hidden): core's exposureWarning for the
    /// address a listening or bound socket has.
    [[nodiscard]] QString exposureWarningText() const;
    /// Whether the form is shown below the summary (the toggle is checked).
    [[nodiscard]] bool isExpanded() const;
    void setExpanded(bool expanded);
    [[nodiscard]] QToolButton* toggle() const { return m_toggle; }

    /// "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) · TCP client · local -> peer · state".
    [[nodiscard]] static QString summaryText(const socklab::OpenSession& request,
                                             std::optional<socklab::SessionState> state,
                                             const QString& local, const QString& peer);

signals:
    void expandedChanged(bool expanded);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void updateToggle();

    QLabel* m_text;
    QToolButton* m_toggle;
    QLabel* m_exposure;
};

} // namespace socklab::ui
