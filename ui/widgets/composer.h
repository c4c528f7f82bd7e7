#pragma once

#include "core/base/result.h"
#include "core/codec/bytes.h"
#include "core/workspace/workspace.h"

#include <QByteArray>
#include <QWidget>
#include <cstdint>
#include <vector>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;

namespace socklab::ui {

/// Writes messages: text / hex / escapes with live validation, line endings, history, repeat,
/// send a file, urgent data, half-close, and a send-to destination for datagram sockets.
/// It only turns what the user typed into bytes (through core/codec) and asks for them to be sent.
class Composer : public QWidget {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    /// What the socket can do; hides controls that would not apply.
    struct Capabilities {
        bool stream = false;           ///< half-close applies
        bool urgent = false;           ///< MSG_OOB applies (TCP)
        bool needsDestination = false; ///< unconnected datagram: send-to field shown
        bool ping = false;             ///< ICMP echo socket: Ping controls shown
        bool relay = false;            ///< relay: Send injects toward the chosen side
        socklab::SocketSpec spec{};    ///< the socket: how the destination is checked
    };
    void setCapabilities(const Capabilities& caps);
    /// Enable sending (socket open and able to send).
    void setSendEnabled(bool enabled);
    /// The encoding of Text mode (the tab's; UTF-8 by default): a character with no form in it
    /// is an error shown under the editor, and nothing is sent.
    void setTextEncoding(socklab::TextEncoding encoding);
    [[nodiscard]] socklab::TextEncoding textEncoding() const { return m_encoding; }

    /// The bytes the editor describes now (mode + line ending + text encoding + fields, rendered
    /// by core's renderMessage as `socklab-cli run --send-saved` renders the same saved
    /// message; fields as the next send would fill them), or the parse error.
    [[nodiscard]] Result<ByteVector> currentBytes() const;
    /// Messages sent from the editor since the tab opened (Send and each repeat): the next
    /// send's {seq} is one more.
    [[nodiscard]] std::uint64_t sendCount() const { return m_sendCount; }
    void setMessage(const SavedMessage& message);
    [[nodiscard]] SavedMessage message() const;
    [[nodiscard]] std::vector<SavedMessage> history() const { return m_history; }
    void setHistory(std::vector<SavedMessage> history);
    [[nodiscard]] QString destination() const;
    void setDestination(const QString& destination);
    [[nodiscard]] bool isRepeating() const;
    /// Relay: which direction sends inject into ("toward server" = client -> server).
    [[nodiscard]] socklab::RelayDirection injectDirection() const;
    /// The validation text shown under the editor ("" when the input is valid).
    [[nodiscard]] QString validationText() const;
    /// What is wrong with the destination, shown under it ("" when valid or not needed).
    [[nodiscard]] QString destinationProblem() const;

public slots:
    /// Send what the editor holds (Ctrl+Enter); returns false when invalid or disabled.
    bool send();
    void stopRepeat();

signals:
    void sendRequested(const QByteArray& bytes, bool urgent, const QString& destination);
    void halfCloseRequested();
    void pingRequested(int count);
    /// Something the user should know about (unreadable file...) for the tab's banner.
    void problem(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    /// An Insert field entry: its title (source text; nullptr: a checksum's, from core) and token.
    struct FieldAction {
        QAction* action;
        const char* title;
        QString token;
    };

    /// Every text the composer sets itself, in the current language (composer_text.cpp).
    void retranslate();
    /// Send or Inject, as the capabilities say.
    void updateSendText();
    /// Start or Stop repeat, as the repeat is.
    void updateRepeatText();
    /// A history entry as the History box lists it ("hex: de ad").
    [[nodiscard]] static QString historyText(const SavedMessage& message);
    void revalidate();
    /// Checks the destination (core's checkDestination) and shows the problem under it.
    void revalidateDestination();
    void startRepeat();
    void repeatTick();
    void sendFile();
    void recordHistory(const SavedMessage& message);
    void browseHistory(int step);
    void updateButtons();
    void insertField(const QString& token);
    /// The bytes of message with its fields filled for send number seq.
    [[nodiscard]] Result<ByteVector> bytesFor(const SavedMessage& message, std::uint64_t seq) const;
    [[nodiscard]] MessageMode mode() const;
    [[nodiscard]] LineEnding lineEnding() const;

    QComboBox* m_mode;
    QLabel* m_modeLabel;
    QComboBox* m_lineEnding;
    QLabel* m_endingLabel;
    QLabel* m_historyLabel;
    QLabel* m_repeatLabel;
    QLabel* m_everyLabel;
    QList<FieldAction> m_fieldActions;
    QCheckBox* m_fields;
    QToolButton* m_insertField;
    QPlainTextEdit* m_editor;
    QLabel* m_validation;
    QComboBox* m_historyCombo;
    QLabel* m_destinationLabel;
    QLineEdit* m_destination;
    QLabel* m_destinationProblem;
    QCheckBox* m_urgent;
    QLabel* m_injectLabel;
    QComboBox* m_inject;
    QPushButton* m_send;
    QSpinBox* m_repeatCount;
    QSpinBox* m_repeatInterval;
    QPushButton* m_repeat;
    QPushButton* m_file;
    QPushButton* m_halfClose;
    QSpinBox* m_pingCount;
    QPushButton* m_ping;
    QTimer* m_repeatTimer;
    QByteArray m_repeatBytes;     ///< what each repeat sends (a message without fields)
    SavedMessage m_repeatMessage; ///< rendered again for each repeat when it has fields
    bool m_repeatUrgent = false;
    QString m_repeatDestination;
    int m_repeatLeft = 0;
    std::uint64_t m_sendCount = 0;
    std::vector<SavedMessage> m_history;
    int m_historyPos = -1; ///< -1: editing a new message
    Capabilities m_caps;
    bool m_sendEnabled = false;
    bool m_valid = true;
    bool m_destinationValid = true;
    /// Send was tried with no destination: say so in red (until one is typed). Before that
    /// an empty destination is no error, only the placeholder's request.
    bool m_destinationWanted = false;
    TextEncoding m_encoding = TextEncoding::Utf8;
};

} // namespace socklab::ui
