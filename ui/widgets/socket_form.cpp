#include "ui/widgets/socket_form.h"

#include "core/net/endpoint.h"
#include "core/net/interfaces.h"
#include "core/net/resolver.h"
#include "core/net/unix_socket_file.h"
#include "ui/lab/lab_networks.h"
#include "ui/models/socket_spec_model.h"
#include "ui/widgets/options_panel.h"
#include "ui/widgets/presets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QLabel* helpLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    QPalette pal = l->palette();
    pal.setColor(QPalette::WindowText, parent->palette().color(QPalette::PlaceholderText));
    l->setPalette(pal);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

void setMessage(QLabel* label, const QString& text, bool error) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
    // Errors in red; hints in the palette's placeholder colour so dark themes stay readable.
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText,
                 error ? QColor(0xd0, 0x30, 0x30)
                       : label->parentWidget()->palette().color(QPalette::PlaceholderText));
    label->setPalette(pal);
    label->setAccessibleDescription(text);
}

// A combo box whose entries come from a catalog model (named for screen readers by
// retranslate()).
QComboBox* catalogCombo(SocketSpecModel* model, QWidget* parent) {
    auto* combo = new QComboBox(parent);
    combo->setModel(model);
    // Long catalog entries must not force the form wider than its pane.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    return combo;
}

} // namespace

SocketForm::SocketForm(QWidget* parent)
    : QWidget(parent), m_familyModel(new SocketSpecModel(SocketSpecModel::Axis::Family, this)),
      m_typeModel(new SocketSpecModel(SocketSpecModel::Axis::Type, this)),
      m_protocolModel(new SocketSpecModel(SocketSpecModel::Axis::Protocol, this)) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    outer->addLayout(form);

    // Texts: retranslate().
    const auto rowLabel = [this](QWidget* buddy) {
        auto* label = new QLabel(this);
        label->setBuddy(buddy);
        return label;
    };
    m_family = catalogCombo(m_familyModel, this);
    m_type = catalogCombo(m_typeModel, this);
    m_protocol = catalogCombo(m_protocolModel, this);
    m_familyHelp = helpLabel(this);
    m_typeHelp = helpLabel(this);
    m_protocolHelp = helpLabel(this);
    m_familyLabel = rowLabel(m_family);
    m_typeLabel = rowLabel(m_type);
    m_protocolLabel = rowLabel(m_protocol);
    form->addRow(m_familyLabel, m_family);
    form->addRow(QString(), m_familyHelp);
    form->addRow(m_typeLabel, m_type);
    form->addRow(QString(), m_typeHelp);
    form->addRow(m_protocolLabel, m_protocol);
    form->addRow(QString(), m_protocolHelp);

    m_verdict = new QLabel(this);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for a verdict plus its remedy, so the fields below do not jump as choices change.
    m_verdict->setMinimumHeight(m_verdict->fontMetrics().lineSpacing() * 4 + 8);
    m_verdict->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_verdict->setFrameShape(QFrame::StyledPanel);
    m_verdict->setMargin(4);
    m_verdictLabel = new QLabel(this);
    form->addRow(m_verdictLabel, m_verdict);

    m_role = new QComboBox(this);
    for (Role r : {Role::Connect, Role::Listen, Role::Bind, Role::Relay}) {
        m_role->addItem(QString(), int(r));
    }
    m_roleLabel = rowLabel(m_role);
    form->addRow(m_roleLabel, m_role);

    // Where socket() runs: this machine, or a host of a lab network (shown once a lab is up).
    m_network = new QComboBox(this);
    m_networkLabel = rowLabel(m_network);
    m_networkHint = helpLabel(this);
    form->addRow(m_networkLabel, m_network);
    form->addRow(QString(), m_networkHint);
    m_network->addItem(QString());

    // The remote and local fields' labels, names and hints depend on the role: onRoleChanged().
    m_remote = new QLineEdit(this);
    m_remoteMessage = helpLabel(this);
    m_remoteLabel = rowLabel(m_remote);
    form->addRow(m_remoteLabel, m_remote);
    form->addRow(QString(), m_remoteMessage);

    m_local = new QLineEdit(this);
    m_localMessage = helpLabel(this);
    m_localLabel = rowLabel(m_local);
    form->addRow(m_localLabel, m_local);
    form->addRow(QString(), m_localMessage);

    m_interface = new QComboBox(this);
    m_interfaceLabel = rowLabel(m_interface);
    form->addRow(m_interfaceLabel, m_interface);

    m_path = new QLineEdit(this);
    m_pathMessage = helpLabel(this);
    m_pathLabel = rowLabel(m_path);
    form->addRow(m_pathLabel, m_path);
    form->addRow(QString(), m_pathMessage);

    // Texts: retranslate(); shown by validateMode() while a Unix path is bound.
    m_mode = new QLineEdit(this);
    m_mode->setMaxLength(4);
    m_modeMessage = helpLabel(this);
    m_modeLabel = rowLabel(m_mode);
    form->addRow(m_modeLabel, m_mode);
    form->addRow(QString(), m_modeMessage);

    // Texts: validateQueue(); shown for stream and seqpacket sockets that connect or listen.
    m_queue = new QLineEdit(this);
    m_queue->setMaxLength(32);
    m_queueMessage = helpLabel(this);
    m_queueLabel = rowLabel(m_queue);
    form->addRow(m_queueLabel, m_queue);
    form->addRow(QString(), m_queueMessage);

    m_optionsBox = new QGroupBox(this);
    m_optionsBox->setCheckable(false);
    auto* optLayout = new QVBoxLayout(m_optionsBox);
    m_options = new OptionsPanel(m_optionsBox);
    optLayout->addWidget(m_options);
    outer->addWidget(m_optionsBox);
    outer->addStretch(1);

    connect(m_family, &QComboBox::currentIndexChanged, this, &SocketForm::onSpecChanged);
    connect(m_type, &QComboBox::currentIndexChanged, this, &SocketForm::onSpecChanged);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &SocketForm::onSpecChanged);
    connect(m_role, &QComboBox::currentIndexChanged, this, &SocketForm::onRoleChanged);
    connect(m_network, &QComboBox::currentIndexChanged, this, &SocketForm::onRoleChanged);
    for (QLineEdit* e : {m_remote, m_local, m_path, m_mode, m_queue}) {
        connect(e, &QLineEdit::textChanged, this, &SocketForm::revalidate);
    }
    connect(m_interface, &QComboBox::activated, this, &SocketForm::onInterfaceChosen);
    connect(m_role, &QComboBox::activated, this, [this] { m_roleChosen = true; });
    connect(m_remote, &QLineEdit::textEdited, this, [this] { m_remoteEdited = true; });
    connect(m_local, &QLineEdit::textEdited, this, [this] { m_localEdited = true; });
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_pathEdited = true; });
    connect(m_options, &OptionsPanel::settingsChanged, this, &SocketForm::changed);

    setFocusProxy(m_family);
    setTabOrder(m_family, m_type);
    setTabOrder(m_type, m_protocol);
    setTabOrder(m_protocol, m_role);
    setTabOrder(m_role, m_network);
    setTabOrder(m_network, m_remote);
    setTabOrder(m_remote, m_local);
    setTabOrder(m_local, m_interface);
    setTabOrder(m_interface, m_path);
    setTabOrder(m_path, m_mode);
    setTabOrder(m_mode, m_queue);

    retranslate();
    setRequest(presetRequest(Preset::TcpClient));
}

SocketSpec SocketForm::spec() const {
    return SocketSpec{m_familyModel->valueAt(m_family->currentIndex()),
                      m_typeModel->valueAt(m_type->currentIndex()),
                      m_protocolModel->valueAt(m_protocol->currentIndex())};
}

Role SocketForm::role() const {
    return static_cast<Role>(m_role->currentData().toInt());
}

bool SocketForm::unixFamily() const {
    return isFamily(spec().family, "AF_UNIX");
}

bool SocketForm::inetFamily() const {
    return isFamily(spec().family, "AF_INET") || isFamily(spec().family, "AF_INET6");
}

OpenSession SocketForm::request() const {
    OpenSession r;
    r.spec = spec();
    r.role = role();
    if (unixFamily()) {
        const std::string path = m_path->text().trimmed().toStdString();
        (r.role == Role::Connect ? r.remote : r.local) = path;
        if (r.role == Role::Relay) {
            r.remote = m_remote->text().trimmed().toStdString(); // the upstream path
        }
    } else {
        if (r.role == Role::Connect || r.role == Role::Relay) {
            r.remote = m_remote->text().trimmed().toStdString();
        }
        r.local = m_local->text().trimmed().toStdString();
    }
    r.options = m_options->settings();
    if (bindsUnixPath()) {
        if (auto mode = parseUnixMode(m_mode->text().trimmed().toStdString())) {
            r.unixMode = *mode;
        }
    }
    if (hasSendQueue() && !m_queue->text().trimmed().isEmpty()) {
        // While the text does not parse (the form is invalid, nothing opens) a saved workspace
        // keeps the last valid limit rather than the default.
        auto limit = parseSendQueueLimit(m_queue->text().trimmed().toStdString());
        r.sendQueueBytes = limit ? *limit : m_queueKept;
    }
    if (inetFamily()) {
        r.placement = placement();
    }
    return r;
}

void SocketForm::setRequest(const OpenSession& r) {
    m_updating = true;
    auto select = [](QComboBox* combo, SocketSpecModel* model, int value) {
        const int row = model->rowOfValue(value);
        combo->setCurrentIndex(row >= 0 ? row : 0);
    };
    select(m_family, m_familyModel, r.spec.family);
    select(m_type, m_typeModel, r.spec.type);
    select(m_protocol, m_protocolModel, r.spec.protocol);
    m_role->setCurrentIndex(m_role->findData(int(r.role)));
    if (isFamily(r.spec.family, "AF_UNIX")) {
        m_path->setText(QString::fromStdString(r.role == Role::Connect ? r.remote : r.local));
        m_remote->setText(r.role == Role::Relay ? QString::fromStdString(r.remote) : QString());
        m_local->clear();
    } else {
        m_remote->setText(QString::fromStdString(r.remote));
        m_local->setText(QString::fromStdString(r.local));
        m_path->clear();
    }
    m_options->setSettings(r.options);
    m_mode->setText(qs(formatUnixMode(r.unixMode)));
    m_queueKept = r.sendQueueBytes;
    m_queue->setText(r.sendQueueBytes == 0 ? QString() : qs(sendQueueLimitText(r.sendQueueBytes)));
    {
        const QSignalBlocker block(m_network);
        const int index = r.placement.wire == 0
                              ? 0
                              : m_network->findData(QVariantList{
                                    r.placement.wire, r.placement.host == LabHost::A ? 0 : 1});
        m_network->setCurrentIndex(std::max(index, 0));
    }
    // What the request brings counts as typed unless it is what the defaults would give.
    const AddressDefaults d = defaultAddresses(r.spec, r.role);
    m_roleChosen = r.role != defaultRole(r.spec, r.role);
    const bool unix = isFamily(r.spec.family, "AF_UNIX");
    m_remoteEdited = (!unix || r.role == Role::Relay) && r.remote != d.remote;
    m_localEdited = !unix && r.local != d.local;
    m_pathEdited = unix && (r.role == Role::Relay ? r.local != d.local
                                                  : r.remote != d.remote || r.local != d.local);
    m_updating = false;
    m_applyingRequest = true;
    onSpecChanged();
    m_applyingRequest = false;
}

void SocketForm::setLocked(bool locked) {
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_family, m_type, m_protocol, m_role, m_network, m_remote,
                                         m_local, m_interface, m_path, m_mode, m_queue}) {
        w->setEnabled(!locked);
    }
    m_options->setLive(locked);
}

QString SocketForm::verdictText() const {
    return m_verdict->text();
}

void SocketForm::onSpecChanged() {
    if (m_updating) {
        return;
    }
    showExplanations();
    m_options->setSpec(spec());

    // The kernel is the authority: ask it about this exact triple now, before the user commits.
    const ProbeVerdict v = probe(spec());
    m_verdictOk = v.ok;
    m_verdictErr = v.ok ? 0 : v.err;
    showVerdict(v);
    fillInterfaces();
    // The role follows the type unless the user chose it and the type can take it (listen()
    // needs a connection type); a request's role (a workspace, a preset) is kept as it is.
    const bool listenFits =
        isType(spec().type, "SOCK_STREAM") || isType(spec().type, "SOCK_SEQPACKET");
    const bool misfit =
        (role() == Role::Listen && !listenFits) || (role() == Role::Relay && !relayFits(spec()));
    if (!m_applyingRequest && (!m_roleChosen || misfit)) {
        m_roleChosen = false;               // overridden: it follows the type from now on
        const QSignalBlocker block(m_role); // onRoleChanged() runs once, below
        m_role->setCurrentIndex(m_role->findData(int(defaultRole(spec(), role()))));
    }
    onRoleChanged();
}

void SocketForm::onRoleChanged() {
    if (m_updating) {
        return;
    }
    const bool isUnix = unixFamily();
    const bool inet = inetFamily();
    const Role r = role();
    const bool relay = r == Role::Relay;
    applyDefaultAddresses();
    // A relay listens on the local address and forwards to the remote one: both are named
    // for what they do there.
    m_remoteLabel->setText(relay ? tr("&Upstream address") : tr("&Remote address"));
    m_remote->setAccessibleName(relay ? tr("Upstream address") : tr("Remote address"));
    // The line below the field that says what is wrong with it, found by this name.
    m_remoteMessage->setAccessibleName(relay ? tr("Upstream address problem")
                                             : tr("Remote address problem"));
    m_remote->setPlaceholderText(
        relay ? (isUnix ? tr("the server's path, e.g. /tmp/server.sock or @name")
                        : tr("the server's host:port, e.g. 127.0.0.1:8080"))
              : tr("server host:port, e.g. 127.0.0.1:8080 or example.com:80"));
    m_remote->setToolTip(relay ? tr("Every client of the relay gets its own connection (stream) "
                                    "or socket (datagram) to this address.")
                               : tr("Where connect() goes. Nothing listens on a fresh machine, "
                                    "so there is no default: start a server first (a TCP server "
                                    "tab, or python3 -m http.server 8080) and type its address."));
    m_localLabel->setText(relay ? tr("Listen a&ddress") : tr("Local a&ddress"));
    m_local->setAccessibleName(relay ? tr("Listen address") : tr("Local address"));
    m_localMessage->setAccessibleName(relay ? tr("Listen address problem")
                                            : tr("Local address problem"));
    m_remoteLabel->setVisible((inet && r == Role::Connect) || relay);
    m_remote->setVisible((inet && r == Role::Connect) || relay);
    m_localLabel->setVisible(inet);
    m_local->setVisible(inet);
    // A lab host has its own interfaces (wire0 and lo): this machine's list does not apply.
    const LabPlacement lab = inet ? placement() : LabPlacement{};
    m_interfaceLabel->setVisible(inet && lab.wire == 0);
    m_interface->setVisible(inet && lab.wire == 0);
    const bool labs = m_network->count() > 1;
    m_networkLabel->setVisible(inet && labs);
    m_network->setVisible(inet && labs);
    const bool gone = lab.wire != 0 && (!m_labNetworks || !m_labNetworks->find(lab.wire));
    const bool hostA = lab.host == LabHost::A;
    const auto text = [](std::string_view v) { return QString::fromLatin1(v.data(), v.size()); };
    setMessage(m_networkHint,
               lab.wire == 0 ? QString()
               : gone        ? tr("That lab's network is gone (the lab ran again, stopped or "
                                         "closed): a socket made there is cut off. Choose a network.")
                             : tr("The socket is made inside lab host %1: its addresses there are "
                                         "%2 and %3, and 127.0.0.1 is that host's own loopback.")
                            .arg(hostA ? QStringLiteral("A") : QStringLiteral("B"),
                                 text(hostA ? kLabAddressA4 : kLabAddressB4),
                                 text(hostA ? kLabAddressA6 : kLabAddressB6)),
               gone);
    m_pathLabel->setVisible(isUnix);
    m_path->setVisible(isUnix);
    m_pathLabel->setText(r == Role::Connect ? tr("Uni&x path (connect to)")
                         : relay            ? tr("Uni&x path (listen on)")
                                            : tr("Uni&x path (bind to)"));
    revalidate();
}

QString SocketForm::validateAddress(QLineEdit* edit, QLabel* message, bool required) {
    const QString text = edit->text().trimmed();
    // Raw and ICMP sockets have no ports: "127.0.0.1" is complete for them.
    const std::string s = withPortForPortless(text.toStdString(), spec());
    const int family = spec().family;
    if (text.isEmpty()) {
        const QString msg = required ? tr("Required") : QString();
        setMessage(message, msg, required);
        return msg;
    }
    if (!unixFamily() && needsResolution(s, family)) {
        // A host name: valid as typed, resolved off the GUI thread when the socket opens.
        auto hp = splitHostPort(s);
        if (!hp) {
            const QString msg = qs(hp.error().message());
            setMessage(message, msg, true);
            return msg;
        }
        if (hp->port.empty() && text.contains(u':')) {
            // "1.2.3.4:5:6" splits as one host (colons, as in a bare IPv6 address), and is
            // no host name: say what the address parser says, not "add a port".
            auto ep = parseForFamily(s, family);
            if (!ep) {
                const QString msg = qs(ep.error().message());
                setMessage(message, msg, true);
                return msg;
            }
        }
        if (hp->port.empty()) {
            const QString msg = tr("Add a port: %1:PORT").arg(text);
            setMessage(message, msg, true);
            return msg;
        }
        setMessage(message, tr("Host name: resolved when the socket opens"), false);
        return {};
    }
    auto ep = parseForFamily(s, family);
    if (!ep) {
        const QString msg = qs(ep.error().message());
        setMessage(message, msg, true);
        return msg;
    }
    setMessage(message, QString(), false);
    return {};
}

void SocketForm::revalidate() {
    if (m_updating) {
        return;
    }
    const SocketSpec s = spec();
    const Role r = role();
    QString problem;
    if (!m_verdictOk) {
        problem = tr("The kernel refuses this socket() combination");
    }
    if (problem.isEmpty() && r == Role::Listen && !isType(s.type, "SOCK_STREAM") &&
        !isType(s.type, "SOCK_SEQPACKET")) {
        problem = tr("listen() needs a connection-based type (SOCK_STREAM or SOCK_SEQPACKET)");
    }
    if (problem.isEmpty() && r == Role::Relay && !relayFits(s)) {
        problem = tr("A relay forwards SOCK_STREAM or SOCK_DGRAM sockets (not ICMP)");
    }
    if (problem.isEmpty() && inetFamily() && placement().wire != 0 &&
        (!m_labNetworks || !m_labNetworks->find(placement().wire))) {
        problem = tr("The chosen lab network is gone: choose another network");
    }
    if (problem.isEmpty() && r == Role::Relay && inetFamily() && placement().wire != 0) {
        problem = tr("A relay runs on this machine: put its client or server in the lab instead");
    }
    // A field this socket does not use keeps no message from an earlier choice.
    for (QLabel* message :
         {m_remoteMessage, m_localMessage, m_pathMessage, m_modeMessage, m_queueMessage}) {
        setMessage(message, QString(), false);
    }
    QString field;
    const QString modeProblem = validateMode(); // also shows or hides the row
    const bool relay = r == Role::Relay;
    if (unixFamily()) {
        field = validateAddress(m_path, m_pathMessage, r != Role::Bind);
        if (!field.isEmpty()) {
            field = tr("Unix path: %1").arg(field);
        }
        if (field.isEmpty() && !modeProblem.isEmpty()) {
            field = tr("Socket file mode: %1").arg(modeProblem);
        }
        if (relay) {
            const QString upstream = validateAddress(m_remote, m_remoteMessage, true);
            if (field.isEmpty() && !upstream.isEmpty()) {
                field = tr("Upstream address: %1").arg(upstream);
            }
        }
    } else if (inetFamily()) {
        QString remote;
        if (r == Role::Connect || relay) {
            remote = validateAddress(m_remote, m_remoteMessage, true);
        }
        const QString local = validateAddress(m_local, m_localMessage, r == Role::Listen || relay);
        if (local.isEmpty()) {
            showExposure();
        }
        // A relay's listen address comes first: it is the field above in the user's mind.
        if (relay && !local.isEmpty()) {
            field = tr("Listen address: %1").arg(local);
        } else if (!remote.isEmpty()) {
            field = relay ? tr("Upstream address: %1").arg(remote)
                          : tr("Remote address: %1").arg(remote);
        } else if (!local.isEmpty()) {
            field = tr("Local address: %1").arg(local);
        }
    }
    const QString queueProblem = validateQueue(); // also shows or hides the row
    if (field.isEmpty() && !queueProblem.isEmpty()) {
        field = tr("Send queue limit: %1").arg(queueProblem);
    }
    if (problem.isEmpty()) {
        problem = field;
    }
    m_problem = problem;
    syncInterface();
    emit changed();
}

void SocketForm::applyDefaultAddresses() {
    const AddressDefaults d = defaultAddresses(spec(), role());
    if (unixFamily()) {
        if (!m_pathEdited) {
            m_path->setText(QString::fromStdString(role() == Role::Connect ? d.remote : d.local));
        }
        if (role() == Role::Relay && !m_remoteEdited) {
            m_remote->setText(QString::fromStdString(d.remote));
        }
        return;
    }
    if (!m_remoteEdited) {
        m_remote->setText(QString::fromStdString(d.remote));
    }
    if (!m_localEdited) {
        m_local->setText(QString::fromStdString(d.local));
    }
}

void SocketForm::syncInterface() {
    const QString text = m_local->text().trimmed();
    // Shown only without a current entry; kept current so a language change leaves none behind.
    m_interface->setPlaceholderText(tr("No bind: the kernel picks the address"));
    if (text.isEmpty()) {
        m_interface->setCurrentIndex(-1);
        return;
    }
    auto hp = splitHostPort(text.toStdString());
    const QString host = hp ? qs(hp->host) : text;
    const int index = m_interface->findData(host);
    if (index < 0) {
        m_interface->setPlaceholderText(tr("%1 (as typed)").arg(host));
    }
    m_interface->setCurrentIndex(index);
}

void SocketForm::fillInterfaces() {
    m_interface->clear();
    const int family = spec().family;
    const bool v6 = isFamily(family, "AF_INET6");
    m_interface->addItem(v6 ? tr("Any address (::)") : tr("Any address (0.0.0.0)"),
                         v6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0"));
    auto list = listInterfaces();
    if (!list) {
        m_interface->setToolTip(qs(list.error().message()));
        return;
    }
    for (const InterfaceAddress& a : *list) {
        if (a.family != family) {
            continue;
        }
        const QString addr = qs(a.address);
        m_interface->addItem(QStringLiteral("%1 — %2%3")
                                 .arg(qs(a.interface), addr, a.up ? QString() : tr(" (down)")),
                             addr);
    }
}

void SocketForm::onInterfaceChosen(int index) {
    const QString host = m_interface->itemData(index).toString();
    std::string port = "0";
    if (auto hp = splitHostPort(m_local->text().trimmed().toStdString()); hp && !hp->port.empty()) {
        port = hp->port;
    }
    const bool v6 = host.contains(QLatin1Char(':'));
    m_local->setText((v6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
                         .arg(host, QString::fromStdString(port)));
    m_localEdited = true; // the user's choice: a later type change must not undo it
}

} // namespace socklab::ui
