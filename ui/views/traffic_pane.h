#pragma once

#include "core/capture/traffic_store.h"
#include "core/codec/text_decode.h"
#include "core/inspect/derived_capture.h"
#include "core/vocab/commands.h"
#include "ui/views/copy_kind.h"

#include <QWidget>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QMenu;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

namespace socklab::ui {

class BackgroundTask;
class ByteSelection;
class FilterBar;
class FindBar;
class HexView;
class TextView;
class TrafficModel;

/// The traffic area of a session tab: log table, hex view and text view over one
/// TrafficStore, with shared byte selection, follow-tail, find and "Copy as". Refreshes from
/// the store with its own ~30 Hz timer, only when the store changed and the pane is visible.
/// The Filter button shows the filter bar: the views then show a derived capture (core/inspect:
/// messages cut by a framing, records kept by a filter) built on a worker thread that follows
/// the tab's capture; counts, find and copy work on what is shown, the raw records stay.
/// Keyboard: Tab goes find bar, filter bar, log, hex view, text view, view controls (the visual
/// order); Ctrl+F focuses the find field, Ctrl+Shift+F the filter's content pattern; F6 /
/// Shift+F6 step between find field, log, hex and text.
class TrafficPane : public QWidget {
    Q_OBJECT
public:
    /// How the hex and text views share the space below the log.
    enum class ViewLayout : std::uint8_t { SideBySide = 1, HexOnly, TextOnly };

    explicit TrafficPane(QWidget* parent = nullptr);
    ~TrafficPane() override;

    /// The tab's capture (what the filter bar derives from; shown as is without a filter).
    void setStore(std::shared_ptr<const socklab::TrafficStore> store);
    /// The capture will not grow (an imported conversation): framing ends its last messages.
    void setSourceComplete(bool complete);
    /// Every Data record of the capture is one datagram (framed alone in message views).
    void setDatagramCapture(bool datagrams);
    /// A second pane in the same window (a replay's live view): its labels and buttons give up
    /// their Alt+letter mnemonics to the first pane's (Tab and the mouse still reach them).
    void dropMnemonics();
    /// Filter on (the bar shown and applied) or off (every record, as captured).
    void setFilterEnabled(bool enabled);
    [[nodiscard]] bool filterEnabled() const;
    /// What the views show: the capture, or the filter's derived capture.
    [[nodiscard]] const std::shared_ptr<const socklab::TrafficStore>& shownStore() const {
        return m_store;
    }
    /// The filter's derivation has read every record of the capture there is (true without one).
    [[nodiscard]] bool filterCaughtUp() const;
    /// nullopt = every connection (listener tabs pick one accepted connection).
    void setConnectionFilter(std::optional<socklab::ConnectionId> connection);
    /// Names the local end ("127.0.0.1:5000") above the views.
    void setLocalLabel(QString label);
    /// A relay's capture: directions read "client->server" / "server->client".
    void setRelayDirections(bool relay);
    void setViewLayout(ViewLayout layout);
    [[nodiscard]] ViewLayout viewLayout() const { return m_layout; }
    /// How bytes are read as text here: the text view, the log's preview, "Copy as Text" and
    /// text patterns in the find bar (the tab saves it; the composer follows it).
    void setTextEncoding(socklab::TextEncoding encoding);
    [[nodiscard]] socklab::TextEncoding textEncoding() const { return m_encoding; }

    /// Look for the find bar's pattern after/before the selection. Captures up to
    /// syncFindLimit() bytes are searched at once (returns whether it was found); larger ones
    /// on a worker thread so the GUI keeps painting (returns false; findFinished() reports).
    bool findNext();
    bool findPrevious();
    void setSyncFindLimit(std::uint64_t bytes) { m_syncFindBytes = bytes; }
    [[nodiscard]] std::uint64_t syncFindLimit() const { return m_syncFindBytes; }
    [[nodiscard]] bool isSearching() const;
    /// Copy the selected bytes to the clipboard; false when nothing is selected.
    bool copySelection(CopyKind kind);
    /// Do a frame's work now (the timer calls this; tests too).
    void refreshNow();

    [[nodiscard]] HexView* hexView() const { return m_hex; }
    [[nodiscard]] TextView* textView() const { return m_text; }
    [[nodiscard]] QTableView* logView() const { return m_log; }
    [[nodiscard]] TrafficModel* model() const { return m_model; }
    [[nodiscard]] ByteSelection* selection() const { return m_selection; }
    [[nodiscard]] FindBar* findBar() const { return m_find; }
    [[nodiscard]] FilterBar* filterBar() const { return m_filterBar; }
    [[nodiscard]] QToolButton* filterButton() const { return m_filterButton; }
    [[nodiscard]] QToolButton* followButton() const { return m_follow; }
    [[nodiscard]] QToolButton* copyButton() const { return m_copy; }
    [[nodiscard]] QMenu* copyMenu() const { return m_copyMenu; }
    [[nodiscard]] QComboBox* layoutCombo() const { return m_layoutCombo; }
    [[nodiscard]] QComboBox* encodingCombo() const { return m_encodingCombo; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }

signals:
    /// A search ended (found or not), synchronous or not.
    void findFinished(bool found);
    /// The text encoding changed (by the user or setTextEncoding).
    void textEncodingChanged(socklab::TextEncoding encoding);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Builds the derived capture the filter bar describes (or none) and shows it.
    void applyView();
    /// Points the views at what to show.
    void showStore(std::shared_ptr<const TrafficStore> store);
    void applyFindResult(std::optional<std::uint64_t> hit, std::size_t length, bool forward);
    void buildActions();
    /// Every text the pane sets itself, in the current language (traffic_pane_text.cpp).
    void retranslate();
    /// F6 / Shift+F6: focus the next / previous of find field, log, hex and text view.
    void cycleFocus(int step);
    void onLogCurrentChanged();
    void onSelectionChanged();
    void onTick();
    bool find(bool forward);
    void updateStatus();
    void setStatusText(const QString& text);

    std::shared_ptr<const TrafficStore> m_source; ///< the tab's capture
    std::shared_ptr<const TrafficStore> m_store;  ///< what the views show
    std::unique_ptr<LiveDerivedCapture> m_live;   ///< the filter's, when one is applied
    bool m_sourceComplete = false;
    std::uint64_t m_seenDone = 0; ///< the derivation's progress at the last status
    bool m_seenCaughtUp = false;
    std::optional<ConnectionId> m_filter;
    ViewLayout m_layout = ViewLayout::SideBySide;
    TextEncoding m_encoding = TextEncoding::Utf8;
    ByteSelection* m_selection;
    TrafficModel* m_model;
    BackgroundTask* m_findTask; ///< searches bigger captures off the GUI thread
    QLabel* m_local;
    QString m_localLabel; ///< as given to setLocalLabel()
    QLabel* m_layoutLabel;
    QLabel* m_encodingLabel;
    QList<QAction*> m_copyActions; ///< one per copyKinds(), in that order
    bool m_noMnemonics = false;    ///< dropMnemonics() was called
    FindBar* m_find;
    FilterBar* m_filterBar;
    QToolButton* m_filterButton;
    QToolButton* m_follow;
    QComboBox* m_layoutCombo;
    QComboBox* m_encodingCombo;
    QToolButton* m_copy;
    QMenu* m_copyMenu;
    QSplitter* m_split;
    QSplitter* m_bytesSplit;
    QTableView* m_log;
    HexView* m_hex;
    TextView* m_text;
    QLabel* m_status;
    QTimer* m_timer;
    std::uint64_t m_seenBegin = 0;
    std::uint64_t m_seenEnd = 0;
    bool m_syncingLog = false;
    std::uint64_t m_syncFindBytes = 16u << 20;
};

} // namespace socklab::ui
