// SocketForm's send queue limit: how much a stream or seqpacket connection may hold that the
// kernel has not taken yet (OpenSession::sendQueueBytes, parsed and bounded in core).
#include "core/vocab/open_request.h"
#include "ui/widgets/presets.h"
#include "ui/widgets/socket_form.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>

namespace socklab::ui {

bool SocketForm::hasSendQueue() const {
    const int type = spec().type;
    return (isType(type, "SOCK_STREAM") || isType(type, "SOCK_SEQPACKET")) &&
           (role() == Role::Connect || role() == Role::Listen);
}

QString SocketForm::validateQueue() {
    const bool shown = hasSendQueue();
    m_queueLabel->setVisible(shown);
    m_queue->setVisible(shown);
    m_queueLabel->setText(tr("Send &queue limit"));
    m_queue->setAccessibleName(tr("Send queue limit"));
    m_queueMessage->setAccessibleName(tr("Send queue limit problem"));
    m_queue->setPlaceholderText(tr("4M (default)"));
    m_queue->setToolTip(tr("How much one connection may hold that the kernel has not taken yet "
                           "(the peer reads slower than you send): 64k to 1G, e.g. 64k, 512k, "
                           "16M. A send beyond it is refused as \"send queue full\" and the tab "
                           "shows backpressure. Empty: 4M."));
    const QString text = m_queue->text().trimmed();
    if (!shown || text.isEmpty()) {
        if (shown) {
            m_queueKept = 0; // the default
        }
        m_queueMessage->clear();
        m_queueMessage->setAccessibleDescription(QString());
        m_queueMessage->setVisible(false);
        return {};
    }
    auto limit = parseSendQueueLimit(text.toStdString());
    if (limit) {
        m_queueKept = *limit;
    } else {
        const QString problem = QString::fromStdString(limit.error().message());
        m_queueMessage->setText(problem);
        m_queueMessage->setAccessibleDescription(problem);
        QPalette pal = m_queueMessage->palette();
        pal.setColor(QPalette::WindowText, QColor(0xd0, 0x30, 0x30));
        m_queueMessage->setPalette(pal);
        m_queueMessage->setVisible(true);
        return problem;
    }
    return {};
}

} // namespace socklab::ui
