#pragma once

#include "core/net/socket_spec.h"
#include "core/vocab/commands.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace socklab::ui {

class LabNetworks;
class OptionsPanel;
class SocketSpecModel;

/// The socket() form: family/type/protocol dropdowns with explanations and the kernel's live
/// verdict, role, addresses validated as typed, interface picker, Unix path and options.
class SocketForm : public QWidget {
    Q_OBJECT
public:
    explicit SocketForm(QWidget* parent = nullptr);

    /// The request the form describes (valid or not; see isValid()).
    [[nodiscard]] OpenSession request() const;
    void setRequest(const OpenSession& request);
    /// True when the kernel accepts the triple and every address field parses.
    [[nodiscard]] bool isValid() const { return m_problem.isEmpty(); }
    /// First reason the form cannot be opened, "" when valid.
    [[nodiscard]] QString problem() const { return m_problem; }
    /// Lock the socket() choices while a socket is open (options stay available).
    void setLocked(bool locked);
    [[nodiscard]] OptionsPanel* optionsPanel() const { return m_options; }
    /// The verdict text currently shown (for tests and the status line).
    [[nodiscard]] QString verdictText() const;
    /// Offer the window's lab networks as where the socket is made (This machine, or host A or
    /// B of a lab network; IPv4/IPv6 only). The choice follows the list as labs come and go.
    void setLabNetworks(LabNetworks* networks);

signals:
    /// Any field changed; validity may have changed too.
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the form sets itself, in the current language (socket_form_text.cpp).
    void retranslate();
    /// The catalog's explanations of the current choices, under each dropdown.
    void showExplanations();
    /// The kernel's verdict v on the current triple, in the current language.
    void showVerdict(const ProbeVerdict& v);
    void onSpecChanged();
    void onRoleChanged();
    void revalidate();
    void fillInterfaces();
    void onInterfaceChosen(int index);
    /// Rebuild the Network choices from the lab networks, keeping the chosen one if still there.
    void fillNetworks(LabPlacement keep);
    [[nodiscard]] LabPlacement placement() const;
    /// Fills the address fields the user has not typed into with defaultAddresses().
    void applyDefaultAddresses();
    /// Shows in the Interface box the address the local field binds to.
    void syncInterface();
    QString validateAddress(QLineEdit* edit, QLabel* message, bool required);
    /// The socket file mode row (socket_form_unix.cpp): shown while the socket binds a Unix path
    /// (not an @abstract name); returns its problem, "" when valid or hidden.
    QString validateMode();
    /// The send queue limit row (socket_form_queue.cpp): shown for stream and seqpacket
    /// sockets that connect or listen; returns its problem, "" when valid, empty or hidden.
    QString validateQueue();
    /// Whether the socket's connections have a send queue (stream/seqpacket, connect/listen).
    [[nodiscard]] bool hasSendQueue() const;
    /// Whether the socket binds a Unix path, so that a socket file is made.
    [[nodiscard]] bool bindsUnixPath() const;
    /// The exposure warning (core's exposureWarning) under the local address, when the field
    /// has no problem of its own (socket_form_unix.cpp).
    void showExposure();
    [[nodiscard]] SocketSpec spec() const;
    [[nodiscard]] Role role() const;
    [[nodiscard]] bool unixFamily() const;
    [[nodiscard]] bool inetFamily() const;

    SocketSpecModel* m_familyModel;
    SocketSpecModel* m_typeModel;
    SocketSpecModel* m_protocolModel;
    QComboBox* m_family;
    QComboBox* m_type;
    QComboBox* m_protocol;
    QLabel* m_familyHelp;
    QLabel* m_typeHelp;
    QLabel* m_protocolHelp;
    QLabel* m_verdict;
    QLabel* m_familyLabel;
    QLabel* m_typeLabel;
    QLabel* m_protocolLabel;
    QLabel* m_verdictLabel;
    QLabel* m_roleLabel;
    QComboBox* m_role;
    QLabel* m_networkLabel;
    QComboBox* m_network;
    QLabel* m_networkHint;
    QPointer<LabNetworks> m_labNetworks;
    QLabel* m_remoteLabel;
    QLineEdit* m_remote;
    QLabel* m_remoteMessage;
    QLabel* m_localLabel;
    QLineEdit* m_local;
    QLabel* m_localMessage;
    QLabel* m_interfaceLabel;
    QComboBox* m_interface;
    QLabel* m_pathLabel;
    QLineEdit* m_path;
    QLabel* m_pathMessage;
    QLabel* m_modeLabel;
    QLineEdit* m_mode;
    QLabel* m_modeMessage;
    QLabel* m_queueLabel;
    QLineEdit* m_queue;
    QLabel* m_queueMessage;
    /// The last send queue limit that parsed (0 = default): request() while the text does not.
    std::size_t m_queueKept = 0;
    QGroupBox* m_optionsBox;
    OptionsPanel* m_options;
    QString m_problem;
    bool m_verdictOk = false;
    int m_verdictErr = 0; ///< errno of the last probe (0: accepted), explained again on demand
    bool m_updating = false;
    // Whether the user chose the role / typed an address: defaults never overwrite those.
    bool m_roleChosen = false;
    bool m_applyingRequest = false; ///< setRequest(): its role is kept as given
    bool m_remoteEdited = false;
    bool m_localEdited = false;
    bool m_pathEdited = false;
};

} // namespace socklab::ui
