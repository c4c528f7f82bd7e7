#include "ui/dialogs/preferences_dialog.h"

#include "ui/i18n/language.h"
#include "ui/widgets/form_labels.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <algorithm>

namespace socklab::ui {

PreferencesDialog::PreferencesDialog(const Preferences& current, QWidget* parent)
    : QDialog(parent), m_memory(new QSpinBox(this)), m_policy(new QComboBox(this)),
      m_language(new QComboBox(this)), m_disk(new QSpinBox(this)), m_spillDir(new QLineEdit(this)),
      m_spillProblem(problemLabel(tr("Spill directory problem"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Preferences"));
    setAccessibleName(tr("Preferences"));

    // Each language is named in its own script, so it can be found whatever is shown now.
    const QString system = resolveLanguage(QString());
    for (const auto& choice : availableLanguages()) {
        if (choice.code == system) {
            m_language->addItem(tr("System language (%1)").arg(choice.nativeName), QString());
        }
    }
    for (const auto& choice : availableLanguages()) {
        m_language->addItem(choice.nativeName, choice.code);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(current.language)));
    m_language->setToolTip(tr("Language of menus, forms, explanations and messages. Applies at "
                              "once; open tabs and captures stay as they are."));

    m_memory->setRange(Preferences::kMinMemoryMiB, Preferences::kMaxMemoryMiB);
    m_memory->setSuffix(tr(" MiB"));
    m_memory->setValue(current.memoryCapMiB);
    m_memory->setToolTip(tr("Payload bytes each tab keeps in RAM. Counters stay exact beyond it."));

    m_policy->addItem(tr("Spill oldest bytes to a temporary file"), int(OverflowPolicy::Spill));
    m_policy->addItem(tr("Drop oldest bytes (records and counts are kept)"),
                      int(OverflowPolicy::DropOldest));
    m_policy->setCurrentIndex(m_policy->findData(int(current.policy)));
    m_policy->setToolTip(tr("What a tab does with captured bytes beyond the memory limit."));

    m_disk->setRange(Preferences::kMinDiskGiB, Preferences::kMaxDiskGiB);
    m_disk->setSuffix(tr(" GiB"));
    m_disk->setValue(current.diskCapGiB);
    m_disk->setToolTip(tr("Spill file size per tab; beyond it the oldest bytes are dropped."));

    m_spillDir->setText(current.spillDir);
    m_spillDir->setPlaceholderText(tr("system temporary directory"));
    m_spillDir->setClearButtonEnabled(true);
    m_spillDir->setToolTip(tr("Directory of the spill file. The file is unlinked at once, so it "
                              "disappears when SockLab exits, even after a crash."));
    m_browse = new QPushButton(tr("&Browse…"), this);
    QPushButton* browse = m_browse;
    browse->setAccessibleName(tr("Browse for spill directory"));
    auto* dirRow = new QHBoxLayout;
    dirRow->addWidget(m_spillDir, 1);
    dirRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(buddyLabel(tr("Lan&guage"), m_language, this), m_language);
    form->addRow(buddyLabel(tr("Capture &memory per tab"), m_memory, this), m_memory);
    form->addRow(buddyLabel(tr("When &full"), m_policy, this), m_policy);
    form->addRow(buddyLabel(tr("Spill file &limit"), m_disk, this), m_disk);
    form->addRow(buddyLabel(tr("Spill &directory"), m_spillDir, this), dirRow);
    form->addRow(QString(), m_spillProblem);

    layOutFormDialog(this, form,
                     tr("Capture limits apply to new captures: new tabs, and tabs after "
                        "Session > Clear capture. A tab that reopens its socket continues its "
                        "capture with the limits it has."),
                     m_buttons);
    connect(m_policy, &QComboBox::currentIndexChanged, this, &PreferencesDialog::revalidate);
    connect(m_spillDir, &QLineEdit::textChanged, this, &PreferencesDialog::revalidate);
    connect(browse, &QPushButton::clicked, this, [this] {
        // Empty means the system temporary directory ($TMPDIR or /tmp): start there.
        const QString current = m_spillDir->text().trimmed();
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Spill directory"), current.isEmpty() ? QDir::tempPath() : current);
        if (!dir.isEmpty()) {
            m_spillDir->setText(dir);
        }
    });
    revalidate();
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.memoryCapMiB = m_memory->value();
    p.policy = OverflowPolicy(m_policy->currentData().toInt());
    p.diskCapGiB = m_disk->value();
    p.spillDir = m_spillDir->text().trimmed();
    p.language = m_language->currentData().toString();
    return p;
}

QString PreferencesDialog::problem() const {
    return m_spillProblem->isHidden() ? QString() : m_spillProblem->text();
}

void PreferencesDialog::revalidate() {
    const bool spill = OverflowPolicy(m_policy->currentData().toInt()) == OverflowPolicy::Spill;
    m_disk->setEnabled(spill);
    m_spillDir->setEnabled(spill);
    m_browse->setEnabled(spill);
    // Each keystroke: no file is made (OK tries one, accept()).
    const QString problem = spill ? spillDirTypedProblem(m_spillDir->text().trimmed()) : QString();
    showProblem(m_spillProblem, problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void PreferencesDialog::accept() {
    const bool spill = OverflowPolicy(m_policy->currentData().toInt()) == OverflowPolicy::Spill;
    if (spill) {
        if (const QString problem = spillDirProblem(m_spillDir->text().trimmed());
            !problem.isEmpty()) {
            showProblem(m_spillProblem, problem);
            m_spillDir->setFocus();
            return;
        }
    }
    QDialog::accept();
}

} // namespace socklab::ui
