// SocketForm's safety hints: the socket file mode of a bound Unix path, and the exposure
// warning of a listening or bound IP address (both decided in core).
#include "core/net/unix_socket_file.h"
#include "ui/widgets/socket_form.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>

namespace socklab::ui {

namespace {

enum class Tone : std::uint8_t { Hint = 1, Warning, Error };

void showMessage(QLabel* label, const QString& text, Tone tone) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
    QPalette pal = label->palette();
    const QColor hint = label->parentWidget()->palette().color(QPalette::PlaceholderText);
    pal.setColor(QPalette::WindowText, tone == Tone::Error     ? QColor(0xd0, 0x30, 0x30)
                                       : tone == Tone::Warning ? QColor(0xb8, 0x5c, 0x00)
                                                               : hint);
    label->setPalette(pal);
    label->setAccessibleDescription(text);
}

} // namespace

bool SocketForm::bindsUnixPath() const {
    if (!unixFamily() || role() == Role::Connect) {
        return false;
    }
    const QString path = m_path->text().trimmed();
    return !path.isEmpty() && !path.startsWith(QLatin1Char('@'));
}

QString SocketForm::validateMode() {
    const bool shown = bindsUnixPath();
    m_modeLabel->setVisible(shown);
    m_mode->setVisible(shown);
    m_modeLabel->setText(tr("Socket file &mode"));
    m_mode->setAccessibleName(tr("Socket file mode"));
    m_modeMessage->setAccessibleName(tr("Socket file mode problem"));
    m_mode->setPlaceholderText(QStringLiteral("0600"));
    m_mode->setToolTip(tr("Permissions of the socket file bind() creates, in octal. 0600 (the "
                          "default): only you can connect. 0660: your group too. 0666: every "
                          "user of this machine. Connecting needs write permission."));
    if (!shown) {
        showMessage(m_modeMessage, QString(), Tone::Hint);
        return {};
    }
    auto mode = parseUnixMode(m_mode->text().trimmed().toStdString());
    if (!mode) {
        const QString problem = QString::fromStdString(mode.error().message());
        showMessage(m_modeMessage, problem, Tone::Error);
        return problem;
    }
    showMessage(m_modeMessage,
                (*mode & 0077) == 0 ? QString()
                                    : tr("Other users can reach this socket: %1 lets them in.")
                                          .arg(QString::fromStdString(formatUnixMode(*mode))),
                Tone::Warning);
    return {};
}

void SocketForm::showExposure() {
    const std::string local = m_local->text().trimmed().toStdString();
    const std::string warning = exposureWarning(request(), local);
    if (!warning.empty()) {
        showMessage(m_localMessage, QString::fromStdString(warning), Tone::Warning);
    }
}

} // namespace socklab::ui
