#include "ui/export/live_save_dialog.h"

#include "ui/export/capture_export.h"
#include "ui/widgets/form_labels.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace socklab::ui {

namespace {

CaptureFormat exportFormat(LiveSaveFormat f) {
    return f == LiveSaveFormat::TextLog ? CaptureFormat::TextLog : CaptureFormat::Pcapng;
}

} // namespace

LiveSaveDialog::LiveSaveDialog(const LiveSaveSettings& initial, const SocketSpec& spec,
                               QWidget* parent)
    : QDialog(parent), m_spec(spec), m_path(new QLineEdit(this)), m_format(new QComboBox(this)),
      m_rotate(new QLineEdit(this)), m_keep(new QSpinBox(this)),
      m_problem(problemLabel(tr("Live save problem"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Save continuously"));
    setAccessibleName(tr("Save continuously"));

    m_path->setText(QString::fromStdString(initial.path));
    m_path->setClearButtonEnabled(true);
    m_path->setToolTip(tr("The capture is written here as it happens, a few times a second, so "
                          "a crash loses at most the last moment. An existing file is never "
                          "replaced: saving then goes on in the next free name (cap.1.pcapng…)."));
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    browseButton->setAccessibleName(tr("Browse for the file"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    m_format->addItem(tr("pcapng for Wireshark"), int(LiveSaveFormat::Pcapng));
    m_format->addItem(tr("Text log"), int(LiveSaveFormat::TextLog));
    m_format->setCurrentIndex(m_format->findData(int(initial.format)));

    m_rotate->setText(initial.rotateBytes > 0
                          ? QString::fromStdString(byteSizeText(initial.rotateBytes))
                          : QString());
    m_rotate->setPlaceholderText(tr("never (one file)"));
    m_rotate->setToolTip(tr("Go on in a new file (cap.1.pcapng, cap.2.pcapng…) before one grows "
                            "past this size, e.g. 10M or 512k (K, M, G are 1024-based). Every "
                            "file opens in Wireshark on its own."));

    m_keep->setRange(0, int(kMaxLiveSaveFiles));
    m_keep->setSpecialValueText(tr("all files"));
    m_keep->setSuffix(tr(" files"));
    m_keep->setValue(int(initial.maxFiles));
    m_keep->setToolTip(tr("With a rotation size: remove the oldest files this save wrote beyond "
                          "this many (a ring buffer)."));

    auto* form = new QFormLayout;
    form->addRow(buddyLabel(tr("&File"), m_path, this), pathRow);
    form->addRow(buddyLabel(tr("F&ormat"), m_format, this), m_format);
    form->addRow(buddyLabel(tr("New file &at"), m_rotate, this), m_rotate);
    form->addRow(buddyLabel(tr("&Keep"), m_keep, this), m_keep);
    form->addRow(QString(), m_problem);

    layOutFormDialog(this, form,
                     tr("Saving starts when the socket is open and includes what the tab "
                        "captured before. A write error (a full disk) stops it; the tab keeps "
                        "its capture."),
                     m_buttons);
    connect(browseButton, &QPushButton::clicked, this, &LiveSaveDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &LiveSaveDialog::onFormatChanged);
    connect(m_path, &QLineEdit::textChanged, this, &LiveSaveDialog::revalidate);
    connect(m_rotate, &QLineEdit::textChanged, this, &LiveSaveDialog::revalidate);
    connect(m_keep, &QSpinBox::valueChanged, this, &LiveSaveDialog::revalidate);
    revalidate();
}

LiveSaveSettings LiveSaveDialog::settings() const {
    LiveSaveSettings s;
    s.path = m_path->text().trimmed().toStdString();
    s.format = LiveSaveFormat(m_format->currentData().toInt());
    if (const auto size = parseByteSize(m_rotate->text().toStdString());
        size && !m_rotate->text().trimmed().isEmpty()) {
        s.rotateBytes = *size;
    }
    s.maxFiles = std::uint32_t(m_keep->value());
    return s;
}

QString LiveSaveDialog::problem() const {
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void LiveSaveDialog::onFormatChanged() {
    // The file name says what is in it: x.pcapng <-> x.log.
    if (!m_path->text().trimmed().isEmpty()) {
        m_path->setText(
            withCaptureSuffix(m_path->text().trimmed(),
                              exportFormat(LiveSaveFormat(m_format->currentData().toInt()))));
    }
    revalidate();
}

void LiveSaveDialog::browse() {
    const LiveSaveFormat format = LiveSaveFormat(m_format->currentData().toInt());
    // Never replaced anyway, so no overwrite question.
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save continuously to"), m_path->text(),
                                     captureFilters(), nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty()) {
        m_path->setText(withCaptureSuffix(path, exportFormat(format)));
    }
}

void LiveSaveDialog::revalidate() {
    QString problem;
    const QString rotate = m_rotate->text().trimmed();
    const auto size = parseByteSize(rotate.toStdString());
    const LiveSaveSettings s = settings();
    if (m_path->text().trimmed().isEmpty()) {
        problem = tr("Choose the file to save to.");
    } else if (!rotate.isEmpty() && !size) {
        problem = tr("New file at: %1").arg(QString::fromStdString(size.error().message()));
    } else if (const Status ok = checkLiveSaveSettings(s); !ok) {
        // Core's check, as the CLI and a workspace get it (rotation size, the file name).
        problem = QString::fromStdString(ok.error().message());
    } else if (s.maxFiles > 0 && s.rotateBytes == 0) {
        problem = tr("Keep: needs a size to start new files at (one file is all there is).");
    } else if (!liveSaveOptionsFor(s, m_spec)) {
        problem = tr("Unix-domain traffic has no IP addresses to put in pcapng packets; choose "
                     "the text log.");
    }
    showProblem(m_problem, problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace socklab::ui
