#pragma once

#include "core/vocab/relay.h"

#include <QByteArray>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace socklab::ui {

class HeldEditDialog;
class HeldQueueModel;

/// The relay's hold queue as a table (held id, connection, direction, size, preview) with
/// Release, Edit & release (a dialog), Drop and Release all. It asks; the tab's handle acts.
class HoldQueuePanel : public QWidget {
    Q_OBJECT
public:
    explicit HoldQueuePanel(QWidget* parent = nullptr);

    [[nodiscard]] HeldQueueModel* model() const { return m_model; }
    [[nodiscard]] QTableView* view() const { return m_view; }
    /// The relay runs: the buttons act (held messages of a closed relay are gone).
    void setLive(bool live);
    /// The held message under the table's cursor (the first one when none is current).
    [[nodiscard]] const socklab::HeldMessage* current() const;

public slots:
    void releaseCurrent();
    /// Opens the edit dialog for the current message; released when the dialog is accepted.
    void editCurrent();
    void dropCurrent();
    void releaseAll();

signals:
    /// Release (edited: with `bytes`) or drop held message `id`; id 0 = all of `direction`.
    void releaseRequested(socklab::RelayDirection direction, quint64 id, bool drop, bool edited,
                          const QByteArray& bytes);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Every text the widget sets itself, in the current language.
    void retranslate();

    void updateButtons();

    HeldQueueModel* m_model;
    QTableView* m_view;
    QPushButton* m_release;
    QPushButton* m_edit;
    QPushButton* m_drop;
    QPushButton* m_releaseAll;
    QLabel* m_count;
    QPointer<HeldEditDialog> m_dialog;
    bool m_live = false;
    QLabel* m_queueLabel;
};

} // namespace socklab::ui
