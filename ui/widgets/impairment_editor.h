#pragma once

#include "core/impair/impairment.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace socklab::ui {

/// The impairment of one relay direction as form fields: only those of the socket kind
/// (datagram: loss, burst loss, duplication, reorder, delay, jitter, rate, corruption,
/// truncation; stream: delay, jitter, rate, re-segmentation, coalescing, stall, reset after N
/// bytes, slow close). Typed values (rate, segment range, byte counts) are parsed by core's
/// parsers; their errors show under the field.
class ImpairmentEditor : public QWidget {
    Q_OBJECT
public:
    explicit ImpairmentEditor(QWidget* parent = nullptr);

    /// Show the datagram fields (true) or the stream fields.
    void setDatagram(bool datagram);
    [[nodiscard]] bool isDatagram() const { return m_datagram; }
    /// Show `impairment` (fields the editor has no control for are kept as given).
    void setImpairment(const socklab::Impairment& impairment);
    /// What the fields describe, or nullopt (with problem() and the message under the field)
    /// when a typed value does not parse.
    [[nodiscard]] std::optional<socklab::Impairment> impairment() const;
    /// The first parse error, "" when every field parses.
    [[nodiscard]] QString problem() const;

signals:
    /// A field changed (typed or chosen).
    void edited();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the editor sets itself, in the current language.
    void retranslate();
    /// A field named name (source text, translated by retranslate()).
    QDoubleSpinBox* percentBox(const char* name);
    QSpinBox* msBox(const char* name);
    void addField(int row, int column, const char* label, QWidget* field,
                  QLabel* message = nullptr);
    void revalidate();

    bool m_datagram = false;
    socklab::Impairment m_base; ///< fields without a control (queue limit, reorder timeout...)
    QSpinBox* m_delay;
    QSpinBox* m_jitter;
    QLineEdit* m_rate;
    QLabel* m_rateMessage;
    QDoubleSpinBox* m_loss;
    QCheckBox* m_burst;
    QDoubleSpinBox* m_burstEnter;
    QDoubleSpinBox* m_burstLeave;
    QDoubleSpinBox* m_duplicate;
    QDoubleSpinBox* m_reorder;
    QSpinBox* m_reorderDepth;
    QDoubleSpinBox* m_corrupt;
    QSpinBox* m_truncate;
    QLineEdit* m_segment;
    QLabel* m_segmentMessage;
    QSpinBox* m_coalesce;
    QCheckBox* m_stall;
    QLineEdit* m_resetAfter;
    QLabel* m_resetMessage;
    QSpinBox* m_slowClose;
    QList<QWidget*> m_datagramOnly; ///< fields and their labels
    QList<QWidget*> m_streamOnly;
    QList<QPair<QWidget*, const char*>> m_names; ///< accessible names (source texts)
    QList<QPair<QLabel*, const char*>> m_labels; ///< field labels (source texts)
};

} // namespace socklab::ui
