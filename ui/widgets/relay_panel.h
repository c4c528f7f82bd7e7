#pragma once

#include "core/vocab/relay.h"

#include <QWidget>
#include <optional>

class QLabel;
class QLineEdit;

namespace socklab::ui {

class RelayDirectionBox;

/// A relay's settings and figures, one box per direction (client -> server, server -> client)
/// and the seed. Before the relay opens its values are the relay's settings (config()); while
/// it runs Apply and Hold change it at once and the boxes show what the relay reports.
class RelayPanel : public QWidget {
    Q_OBJECT
public:
    explicit RelayPanel(QWidget* parent = nullptr);

    [[nodiscard]] RelayDirectionBox* box(socklab::RelayDirection direction) const;
    /// Show the fields of a datagram relay (true) or a stream relay.
    void setDatagram(bool datagram);
    /// The relay runs (Apply/Hold act; the seed is fixed).
    void setLive(bool live);
    void setConfig(const socklab::RelayConfig& config);
    /// The settings the panel describes (typed values that do not parse keep the last ones;
    /// problem() says which).
    [[nodiscard]] socklab::RelayConfig config() const;
    /// The first value that does not parse or validate, "" when none.
    [[nodiscard]] QString problem() const;

public slots:
    void setFigures(const socklab::RelayFigures& figures);
    void setSettings(socklab::RelayDirection direction, bool holding,
                     const socklab::Impairment& impairment);

signals:
    void applyRequested(socklab::RelayDirection direction, const socklab::Impairment& impairment);
    void holdRequested(socklab::RelayDirection direction, bool hold);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    /// The totals line from the last figures, in the current language.
    void showTotals();
    RelayDirectionBox* m_toServer;
    RelayDirectionBox* m_toClient;
    QLabel* m_totals; ///< pairs/mappings open and in all, upstream failures, expired
    bool m_datagram = false;
    QLineEdit* m_seed;
    socklab::RelayConfig m_config; ///< what setConfig gave (fields without a control)
    QLabel* m_seedLabel;
    std::optional<RelayFigures> m_figures; ///< the last figures shown in the totals
};

} // namespace socklab::ui
