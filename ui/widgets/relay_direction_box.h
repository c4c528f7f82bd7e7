#pragma once

#include "core/vocab/relay.h"

#include <QGroupBox>
#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace socklab::ui {

class ImpairmentEditor;

/// One direction of a relay (client -> server or server -> client): its figures (what entered,
/// what the impairment did, what left, held, injected, backpressure), its Hold switch and its
/// impairment with an Apply button that changes it while the relay runs.
class RelayDirectionBox : public QGroupBox {
    Q_OBJECT
public:
    RelayDirectionBox(socklab::RelayDirection direction, QWidget* parent = nullptr);

    [[nodiscard]] socklab::RelayDirection direction() const { return m_direction; }
    [[nodiscard]] ImpairmentEditor* editor() const { return m_editor; }
    [[nodiscard]] QCheckBox* holdBox() const { return m_hold; }
    [[nodiscard]] QPushButton* applyButton() const { return m_apply; }
    /// The figure shown under `name` ("Dropped", "Delivered"...), for tests and status.
    [[nodiscard]] QString figureText(const QString& name) const;

    void setDatagram(bool datagram);
    /// The relay runs: Apply and Hold act on it at once (else they are settings for the open).
    void setLive(bool live);
    /// One direction's part of RelayFigures.
    struct Figures {
        socklab::ImpairmentCounters counters;
        std::uint64_t held = 0;
        std::uint64_t injected = 0;
        std::uint64_t heldDropped = 0;
        std::uint64_t unsent = 0;
        bool backpressure = false;
    };
    void setFigures(const Figures& figures);
    /// What the relay reports in effect (RelaySettings).
    void setSettings(bool holding, const socklab::Impairment& impairment);
    /// Settings shown before the relay runs are not in effect: forget the last "in effect".
    void forgetEffect();
    /// Put `text` under the Apply button ("" clears it); error colours it.
    void setMessage(const QString& text, bool error);

signals:
    void applyRequested(socklab::RelayDirection direction, const socklab::Impairment& impairment);
    void holdRequested(socklab::RelayDirection direction, bool hold);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// A figure's name (source text) with its label and value.
    struct Figure {
        const char* name;
        QLabel* label;
        QLabel* value;
    };

    /// Every text the box sets itself, in the current language.
    void retranslate();
    /// "in effect: …" for impairment, in the current language.
    [[nodiscard]] QString effectText(const socklab::Impairment& impairment) const;
    QLabel* addFigure(const char* name, int row, int column);
    void apply();

    socklab::RelayDirection m_direction;
    QLabel* m_received;
    QLabel* m_dropped;
    QLabel* m_duplicated;
    QLabel* m_reordered;
    QLabel* m_delayed;
    QLabel* m_corrupted;
    QLabel* m_delivered;
    QLabel* m_bytes;
    QLabel* m_held;
    QLabel* m_injected;
    QLabel* m_backpressure;
    QLabel* m_truncated;
    QLabel* m_waiting;
    QLabel* m_heldDropped;
    QLabel* m_unsent;
    /// The impairment last reported in effect: a RelaySettings event that only changes the
    /// hold switch must not overwrite edits not applied yet.
    std::optional<socklab::Impairment> m_inEffect;
    QString m_effectText; ///< "in effect: ..." of the last RelaySettings, shown when live
    QCheckBox* m_hold;
    ImpairmentEditor* m_editor;
    QPushButton* m_apply;
    QLabel* m_message;
    QList<Figure> m_figureLabels;
    Figures m_figures; ///< the last shown
    bool m_live = false;
};

} // namespace socklab::ui
