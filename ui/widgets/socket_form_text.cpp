// SocketForm's texts: labels, names and hints, the catalog's explanations and the kernel's
// verdict, set again in the new language on a language change (the choices stay).
#include "ui/i18n/core_text.h"
#include "ui/models/socket_spec_model.h"
#include "ui/widgets/socket_form.h"

#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace

void SocketForm::retranslate() {
    m_family->setAccessibleName(tr("Family"));
    m_type->setAccessibleName(tr("Type"));
    m_protocol->setAccessibleName(tr("Protocol"));
    m_familyLabel->setText(tr("Fa&mily"));
    m_typeLabel->setText(tr("T&ype"));
    m_protocolLabel->setText(tr("&Protocol"));
    m_verdict->setAccessibleName(tr("Kernel verdict"));
    m_verdictLabel->setText(tr("Kernel verdict"));
    const QString roles[] = {tr("Connect (client)"), tr("Listen (server)"),
                             tr("Bind only (datagram endpoint)"),
                             tr("Relay (listen, forward to upstream)")};
    for (int i = 0; i < m_role->count(); ++i) {
        m_role->setItemText(i, roles[i]);
    }
    m_role->setAccessibleName(tr("Role"));
    m_roleLabel->setText(tr("Ro&le"));
    m_network->setAccessibleName(tr("Network"));
    m_network->setToolTip(tr("Make the socket on this machine, or inside host A or B of a TCP vs "
                             "UDP lab (File > New TCP vs UDP lab), where its packets cross the "
                             "lab's impaired wire."));
    m_networkLabel->setText(tr("Networ&k"));
    m_network->setItemText(0, tr("This machine"));
    m_local->setPlaceholderText(tr("bind address, e.g. 127.0.0.1:0 (empty: no bind)"));
    m_local->setToolTip(tr("The address bind() takes. Port 0: the kernel picks a free port "
                           "(shown once the socket is open); 0.0.0.0 or [::]: every interface."));
    m_interface->setAccessibleName(tr("Interface"));
    m_interfaceLabel->setText(tr("&Interface"));
    m_path->setAccessibleName(tr("Unix path"));
    m_pathMessage->setAccessibleName(tr("Unix path problem"));
    m_path->setPlaceholderText(tr("/tmp/name.sock, or @name for an abstract name"));
    m_optionsBox->setTitle(tr("Socket options"));
}

void SocketForm::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange) {
        return;
    }
    retranslate();
    for (SocketSpecModel* model : {m_familyModel, m_typeModel, m_protocolModel}) {
        model->retranslate();
    }
    showExplanations();
    showVerdict(explainOutcome(spec(), m_verdictErr));
    fillInterfaces();
    // Lab network names, the role's labels and hints, field messages and the problem.
    fillNetworks(placement());
}

void SocketForm::showExplanations() {
    auto help = [](QComboBox* combo, QLabel* label) {
        const QString text = combo->currentData(SocketSpecModel::ExplanationRole).toString();
        label->setText(text);
        combo->setToolTip(text);
        combo->setAccessibleDescription(text);
    };
    help(m_family, m_familyHelp);
    help(m_type, m_typeHelp);
    help(m_protocol, m_protocolHelp);
}

void SocketForm::showVerdict(const ProbeVerdict& v) {
    QString text;
    if (v.ok) {
        text =
            tr("✔ %1: socket(%2) works on this machine.").arg(qs(v.summary), qs(describe(spec())));
    } else {
        text = tr("✘ Refused: %1 (%2).").arg(qs(v.summary), qs(v.errnoName));
        if (!v.explanation.empty()) {
            text += QLatin1Char(' ') + qs(v.explanation);
        }
        if (!v.remedy.empty()) {
            text += tr("\nTo make it work: %1").arg(qs(v.remedy));
        }
    }
    m_verdict->setText(text);
    m_verdict->setAccessibleDescription(text);
    QPalette pal = m_verdict->palette();
    pal.setColor(QPalette::WindowText, v.ok ? QColor(0x2e, 0x8b, 0x3e) : QColor(0xd0, 0x30, 0x30));
    m_verdict->setPalette(pal);
}

} // namespace socklab::ui
