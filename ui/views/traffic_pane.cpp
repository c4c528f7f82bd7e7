#include "ui/views/traffic_pane.h"

#include "core/codec/text_encode.h"
#include "ui/background_task.h"
#include "ui/models/traffic_model.h"
#include "ui/shortcuts.h"
#include "ui/views/byte_finder.h"
#include "ui/views/byte_selection.h"
#include "ui/views/filter_bar.h"
#include "ui/views/find_bar.h"
#include "ui/views/hex_view.h"
#include "ui/views/log_table_view.h"
#include "ui/views/record_text.h"
#include "ui/views/text_view.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace socklab::ui {

namespace {

constexpr int kLogRows = 6;

constexpr int kFrameMs = 33;
constexpr std::uint64_t kMaxCopyBytes = 64u << 20;

} // namespace

TrafficPane::TrafficPane(QWidget* parent)
    : QWidget(parent), m_selection(new ByteSelection(this)), m_model(new TrafficModel(this)),
      m_findTask(new BackgroundTask(this)), m_local(new QLabel(this)), m_find(new FindBar(this)),
      m_filterBar(new FilterBar(this)), m_filterButton(new QToolButton(this)),
      m_follow(new QToolButton(this)), m_layoutCombo(new QComboBox(this)),
      m_encodingCombo(new QComboBox(this)), m_copy(new QToolButton(this)),
      m_copyMenu(new QMenu(this)), m_split(new QSplitter(Qt::Vertical, this)),
      m_bytesSplit(new QSplitter(Qt::Horizontal, m_split)), m_log(new LogTableView(m_split)),
      m_hex(new HexView(m_bytesSplit)), m_text(new TextView(m_bytesSplit)),
      m_status(new QLabel(this)), m_timer(new QTimer(this)) {
    // A long label ("SockLab as the client, to ...") must not set the pane's width (two panes
    // side by side in a capture tab with a replay): it gives way, the tooltip has it whole.
    m_local->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_local->setMinimumWidth(m_local->fontMetrics().averageCharWidth() * 12);
    m_filterButton->setCheckable(true);
    m_filterBar->hide();
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    // Item texts: retranslate().
    for (ViewLayout layout : {ViewLayout::SideBySide, ViewLayout::HexOnly, ViewLayout::TextOnly}) {
        m_layoutCombo->addItem(QString(), static_cast<int>(layout));
    }
    m_layoutLabel = new QLabel(this);
    m_layoutLabel->setBuddy(m_layoutCombo);
    for (TextEncoding encoding : allEncodings()) {
        m_encodingCombo->addItem(QString(), static_cast<int>(encoding));
    }
    m_encodingLabel = new QLabel(this);
    m_encodingLabel->setBuddy(m_encodingCombo);
    m_copy->setPopupMode(QToolButton::InstantPopup);
    m_copy->setMenu(m_copyMenu);

    m_log->setObjectName(QStringLiteral("log"));
    m_log->setModel(m_model);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->setSelectionMode(QAbstractItemView::SingleSelection);
    m_log->setTabKeyNavigation(false); // arrows move between rows; Tab leaves the table
    m_log->verticalHeader()->hide();
    m_log->verticalHeader()->setDefaultSectionSize(m_log->fontMetrics().lineSpacing() + 4);
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setWordWrap(false);
    m_log->setAlternatingRowColors(true);
    // Fixed widths from the font: ResizeToContents would measure rows on every insert.
    const QFontMetrics fm = m_log->fontMetrics();
    const auto widthOf = [&fm](const char* sample) {
        return fm.horizontalAdvance(QLatin1String(sample)) + 16;
    };
    m_log->setColumnWidth(TrafficModel::TimeColumn, widthOf("00:00:00.000000"));
    m_log->setColumnWidth(TrafficModel::DirectionColumn, widthOf("peer-closed"));
    m_log->setColumnWidth(TrafficModel::ConnectionColumn, widthOf("conn 99 127.255.255.255:65535"));
    m_log->setColumnWidth(TrafficModel::LengthColumn, widthOf("1000000"));
    m_log->setColumnWidth(TrafficModel::FlagsColumn, widthOf("OOB TRUNC"));
    m_hex->setSelectionModel(m_selection);
    m_text->setSelectionModel(m_selection);
    m_split->insertWidget(0, m_log); // log above the byte views
    m_split->setObjectName(QStringLiteral("trafficSplit"));
    m_bytesSplit->setObjectName(QStringLiteral("bytesSplit"));
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 3);
    // A log that shows a handful of rows is no log: keep room for kLogRows of them.
    m_log->setMinimumHeight(m_log->horizontalHeader()->sizeHint().height() +
                            kLogRows * m_log->verticalHeader()->defaultSectionSize() +
                            2 * m_log->frameWidth());

    // Find on top, then the log and the byte views, then the view controls and the status:
    // the visual order is the Tab order. The view controls get their own row so the find
    // field keeps its room in a narrow pane.
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_local, 1); // takes the spare width (and gives it up first)
    controls->addWidget(m_filterButton);
    controls->addWidget(m_follow);
    controls->addWidget(m_layoutLabel);
    controls->addWidget(m_layoutCombo);
    controls->addWidget(m_encodingLabel);
    controls->addWidget(m_encodingCombo);
    controls->addWidget(m_copy);
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_find);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_split, 1);
    layout->addLayout(controls);
    layout->addWidget(m_status);

    setTabOrder(m_find->nextButton(), m_filterBar->inBox());
    setTabOrder(m_filterBar->peerEdit(), m_log);
    setTabOrder(m_log, m_hex);
    setTabOrder(m_hex, m_text);
    setTabOrder(m_text, m_filterButton);
    setTabOrder(m_filterButton, m_follow);
    setTabOrder(m_follow, m_layoutCombo);
    setTabOrder(m_layoutCombo, m_encodingCombo);
    setTabOrder(m_encodingCombo, m_copy);

    buildActions();
    retranslate();
    connect(m_filterButton, &QToolButton::toggled, this, &TrafficPane::setFilterEnabled);
    // A click means "I want to filter": the content pattern takes the keyboard.
    connect(m_filterButton, &QToolButton::clicked, this, [this](bool on) {
        if (on) {
            m_filterBar->focusPattern();
        }
    });
    connect(m_filterBar, &FilterBar::viewChanged, this, &TrafficPane::applyView);
    connect(m_find, &FindBar::findNextRequested, this, &TrafficPane::findNext);
    connect(m_find, &FindBar::findPreviousRequested, this, &TrafficPane::findPrevious);
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        for (ByteViewBase* view :
             {static_cast<ByteViewBase*>(m_hex), static_cast<ByteViewBase*>(m_text)}) {
            view->setFollowTail(on);
        }
        if (on) {
            m_log->scrollToBottom();
        }
    });
    connect(m_hex, &ByteViewBase::followTailChanged, m_follow, &QToolButton::setChecked);
    connect(m_layoutCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        setViewLayout(static_cast<ViewLayout>(m_layoutCombo->itemData(index).toInt()));
    });
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        setTextEncoding(static_cast<TextEncoding>(m_encodingCombo->itemData(index).toInt()));
    });
    connect(m_log->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficPane::onLogCurrentChanged);
    connect(m_selection, &ByteSelection::changed, this, &TrafficPane::onSelectionChanged);
    connect(m_timer, &QTimer::timeout, this, &TrafficPane::onTick);
    m_timer->start(kFrameMs);
    updateStatus();
}

TrafficPane::~TrafficPane() {
    // The search reads a copy of the store pointer and stops at its next block when cancelled;
    // wait for it before the views go.
    m_findTask->cancel();
    m_findTask->wait();
}

void TrafficPane::buildActions() {
    for (CopyKind kind : copyKinds()) {
        QAction* action = m_copyMenu->addAction(QString());
        m_copyActions.append(action);
        connect(action, &QAction::triggered, this, [this, kind] { copySelection(kind); });
    }
    const auto bind = [this](QWidget* owner, Shortcut id, auto slot) {
        connect(addShortcutAction(owner, id), &QAction::triggered, this, slot);
    };
    bind(this, Shortcut::Find, [this] { m_find->focusPattern(); });
    bind(this, Shortcut::Filter, [this] {
        setFilterEnabled(true);
        m_filterBar->focusPattern();
    });
    bind(this, Shortcut::NextView, [this] { cycleFocus(1); });
    bind(this, Shortcut::PreviousView, [this] { cycleFocus(-1); });
    bind(this, Shortcut::FindNext, [this] { findNext(); });
    bind(this, Shortcut::FindPrevious, [this] { findPrevious(); });
    bind(this, Shortcut::CopyAs, [this] {
        // popup(), not showMenu(): no nested event loop.
        m_copyMenu->popup(m_copy->mapToGlobal(m_copy->rect().bottomLeft()));
    });
    bind(m_hex, Shortcut::CopySelection, [this] { copySelection(CopyKind::Hex); });
    bind(m_log, Shortcut::CopySelection, [this] { copySelection(CopyKind::Hex); });
    bind(m_text, Shortcut::CopySelection, [this] { copySelection(CopyKind::Text); });
}

void TrafficPane::cycleFocus(int step) {
    QList<QWidget*> stops;
    for (QWidget* w : {static_cast<QWidget*>(m_find->patternEdit()), static_cast<QWidget*>(m_log),
                       static_cast<QWidget*>(m_hex), static_cast<QWidget*>(m_text)}) {
        if (w->isVisibleTo(this)) {
            stops.append(w); // a view hidden by the layout choice is skipped
        }
    }
    const QWidget* focus = QApplication::focusWidget();
    qsizetype current = -1;
    for (qsizetype i = 0; i < stops.size(); ++i) {
        if (focus && (stops[i] == focus || stops[i]->isAncestorOf(focus))) {
            current = i;
        }
    }
    const qsizetype n = stops.size();
    const qsizetype next = current < 0 ? (step > 0 ? 0 : n - 1) : (current + step + n) % n;
    if (stops[next] == m_find->patternEdit()) {
        m_find->focusPattern();
    } else {
        stops[next]->setFocus(Qt::ShortcutFocusReason);
    }
}

void TrafficPane::setStore(std::shared_ptr<const TrafficStore> store) {
    if (store != m_source) {
        m_live.reset(); // its derivation is of the other capture
    }
    m_source = std::move(store);
    applyView();
}

void TrafficPane::setSourceComplete(bool complete) {
    if (complete != m_sourceComplete) {
        m_sourceComplete = complete;
        if (m_live) {
            m_live.reset(); // its worker was told otherwise: derive afresh
            applyView();
        }
    }
}

void TrafficPane::setDatagramCapture(bool datagrams) {
    m_filterBar->setDatagrams(datagrams); // applies through viewChanged when it matters
}

void TrafficPane::setFilterEnabled(bool enabled) {
    if (m_filterButton->isChecked() != enabled) {
        m_filterButton->setChecked(enabled); // comes back here through toggled
        return;
    }
    m_filterBar->setVisible(enabled);
    applyView();
}

bool TrafficPane::filterEnabled() const {
    return m_filterButton->isChecked();
}

bool TrafficPane::filterCaughtUp() const {
    return !m_live || m_live->caughtUp();
}

void TrafficPane::applyView() {
    std::shared_ptr<const TrafficStore> shown = m_source;
    std::unique_ptr<LiveDerivedCapture> live;
    if (m_source && m_filterButton->isChecked()) {
        if (const auto view = m_filterBar->view(); view && !view->identity()) {
            if (m_live && m_live->view() == *view && m_store == m_live->store()) {
                return; // already shown
            }
            auto derived = DerivedCapture::create(m_source, *view);
            if (derived) {
                live = std::make_unique<LiveDerivedCapture>(std::move(*derived), m_sourceComplete);
                shown = live->store();
            } else {
                m_filterBar->showProblem(QString::fromStdString(derived.error().message()));
            }
        }
    }
    m_live = std::move(live); // the previous derivation stops here
    m_seenDone = 0;
    m_seenCaughtUp = false;
    showStore(std::move(shown));
}

void TrafficPane::showStore(std::shared_ptr<const TrafficStore> store) {
    if (store != m_store) {
        m_findTask->cancel(); // its result would be about the other capture
    }
    m_store = std::move(store);
    m_selection->clear(ByteSelection::Origin::Program);
    m_model->setStore(m_store);
    m_hex->setStore(m_store);
    m_text->setStore(m_store);
    m_seenBegin = m_seenEnd = 0;
    refreshNow();
}

void TrafficPane::setRelayDirections(bool relay) {
    const DirectionNames names = relay ? DirectionNames::Relay : DirectionNames::Socket;
    m_filterBar->setDirectionNames(names);
    m_model->setDirectionNames(names);
    m_hex->setDirectionNames(names);
    m_text->setDirectionNames(names);
    if (relay) {
        // "server->client" (translated) is wider than any record kind name.
        const QFontMetrics fm = m_log->fontMetrics();
        const int wanted =
            std::max(fm.horizontalAdvance(directionText(Direction::In, DirectionNames::Relay)),
                     fm.horizontalAdvance(directionText(Direction::Out, DirectionNames::Relay))) +
            16;
        m_log->setColumnWidth(TrafficModel::DirectionColumn,
                              std::max(m_log->columnWidth(TrafficModel::DirectionColumn), wanted));
    }
}

void TrafficPane::setConnectionFilter(std::optional<ConnectionId> connection) {
    if (connection == m_filter) {
        return;
    }
    m_filter = connection;
    m_model->setConnectionFilter(connection);
    m_hex->setConnectionFilter(connection);
    m_text->setConnectionFilter(connection);
    updateStatus();
}

void TrafficPane::setLocalLabel(QString label) {
    m_localLabel = std::move(label);
    m_local->setText(m_localLabel.isEmpty() ? QString() : tr("Local %1").arg(m_localLabel));
    m_local->setToolTip(m_local->text());
    m_local->setAccessibleDescription(m_local->text());
}

void TrafficPane::setViewLayout(ViewLayout layout) {
    m_layout = layout;
    m_hex->setVisible(layout != ViewLayout::TextOnly);
    m_text->setVisible(layout != ViewLayout::HexOnly);
    const int index = m_layoutCombo->findData(static_cast<int>(layout));
    if (index != m_layoutCombo->currentIndex()) {
        m_layoutCombo->setCurrentIndex(index);
    }
}

void TrafficPane::setTextEncoding(TextEncoding encoding) {
    const int index = m_encodingCombo->findData(static_cast<int>(encoding));
    if (index < 0) {
        return;
    }
    if (index != m_encodingCombo->currentIndex()) {
        m_encodingCombo->setCurrentIndex(index); // comes back here through the signal
        return;
    }
    if (encoding == m_encoding) {
        return;
    }
    m_encoding = encoding;
    TextDecodeOptions options = m_text->decodeOptions();
    options.encoding = encoding;
    m_text->setDecodeOptions(options);
    m_model->setTextEncoding(encoding);
    m_find->setTextEncoding(encoding);
    m_filterBar->setTextEncoding(encoding);
    emit textEncodingChanged(encoding);
}

void TrafficPane::onTick() {
    if (!m_store || !isVisible()) {
        return;
    }
    if (m_live && (m_live->sourceDone() != m_seenDone || m_live->caughtUp() != m_seenCaughtUp)) {
        updateStatus(); // the filter's progress
    }
    if (m_store->endSeq() == m_seenEnd && m_store->beginSeq() == m_seenBegin) {
        return;
    }
    refreshNow();
}

void TrafficPane::refreshNow() {
    if (!m_store) {
        updateStatus();
        return;
    }
    m_seenBegin = m_store->beginSeq();
    m_seenEnd = m_store->endSeq();
    QScrollBar* bar = m_log->verticalScrollBar();
    const bool logAtBottom = bar->value() >= bar->maximum();
    m_model->refresh();
    if (logAtBottom && m_follow->isChecked()) {
        m_log->scrollToBottom();
    }
    m_hex->refresh();
    m_text->refresh();
    updateStatus();
}

void TrafficPane::onLogCurrentChanged() {
    if (m_syncingLog) {
        return;
    }
    const auto record = m_model->recordAt(m_log->currentIndex().row());
    if (!record) {
        return;
    }
    if (record->kind == RecordKind::Data && record->length > 0) {
        m_selection->select(record->arenaOffset, record->arenaOffset + record->length,
                            ByteSelection::Origin::Log);
    } else {
        m_hex->scrollToRecord(record->seq);
        m_text->scrollToRecord(record->seq);
    }
}

void TrafficPane::onSelectionChanged() {
    updateStatus();
    if (m_selection->isEmpty()) {
        return;
    }
    const int row = m_model->rowForArenaOffset(m_selection->begin());
    if (row < 0 || row == m_log->currentIndex().row()) {
        return;
    }
    m_syncingLog = true;
    const QModelIndex index = m_model->index(row, 0);
    m_log->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
    m_log->scrollTo(index);
    m_syncingLog = false;
}

bool TrafficPane::isSearching() const {
    return m_findTask->busy();
}

bool TrafficPane::findNext() {
    return find(true);
}

bool TrafficPane::findPrevious() {
    return find(false);
}

bool TrafficPane::find(bool forward) {
    if (!m_store) {
        return false;
    }
    if (m_findTask->busy()) {
        m_find->showStatus(tr("Still searching…"));
        return false;
    }
    auto pattern = m_find->patternBytes();
    if (!pattern) {
        emit findFinished(false);
        return false;
    }
    std::uint64_t from = 0;
    if (forward) {
        from = m_selection->isEmpty() ? m_store->arenaBegin() : m_selection->begin() + 1;
    } else {
        from = m_selection->isEmpty() ? m_store->arenaEnd() : m_selection->begin();
    }
    auto search = [store = m_store, filter = m_filter, bytes = *pattern, forward,
                   from](const std::atomic<bool>* cancel) {
        const ByteFinder finder(*store, filter, cancel);
        return forward ? finder.next(bytes, from) : finder.previous(bytes, from);
    };
    const std::size_t length = pattern->size();
    if (m_store->arenaEnd() - m_store->arenaBegin() <= m_syncFindBytes) {
        const auto hit = search(nullptr);
        applyFindResult(hit, length, forward);
        return hit.has_value();
    }
    m_find->showStatus(tr("Searching…"));
    m_findTask->start(
        [search, length, forward, store = m_store, this](const BackgroundTask::Control& control) {
            const auto hit = search(&control.cancelled);
            return std::function<void()>([this, hit, length, forward, store] {
                // A result for a capture this pane no longer shows (cleared or replaced) is void.
                if (store != m_store) {
                    m_find->showStatus({});
                    emit findFinished(false);
                    return;
                }
                applyFindResult(hit, length, forward);
            });
        });
    return false;
}

void TrafficPane::applyFindResult(std::optional<std::uint64_t> hit, std::size_t length,
                                  bool forward) {
    if (!hit) {
        QString text =
            forward ? tr("Not found after the selection") : tr("Not found before the selection");
        if (!filterCaughtUp()) {
            text += tr(" (the filter has not read the whole capture yet)");
        }
        m_find->showStatus(text, true);
        emit findFinished(false);
        return;
    }
    if (!m_store) {
        return;
    }
    m_selection->select(*hit, *hit + length, ByteSelection::Origin::Find);
    const auto seq = m_store->recordAtArenaOffset(*hit);
    m_find->showStatus(seq ? tr("Found at offset %1 (record #%2)").arg(*hit).arg(*seq)
                           : tr("Found at offset %1").arg(*hit));
    emit findFinished(true);
}

bool TrafficPane::copySelection(CopyKind kind) {
    if (!m_store || m_selection->isEmpty()) {
        setStatusText(tr("Nothing selected to copy"));
        return false;
    }
    const std::uint64_t size = std::min(m_selection->end() - m_selection->begin(), kMaxCopyBytes);
    std::vector<std::byte> bytes(size);
    bytes.resize(m_store->readArena(m_selection->begin(), bytes));
    if (bytes.empty()) {
        setStatusText(tr("The selected bytes were evicted by the memory cap"));
        return false;
    }
    QApplication::clipboard()->setText(formatForClipboard(bytes, kind, m_encoding));
    setStatusText(tr("Copied %1 bytes as %2").arg(bytes.size()).arg(copyKindLabel(kind)));
    return true;
}

void TrafficPane::updateStatus() {
    if (!m_store) {
        setStatusText(tr("No capture"));
        return;
    }
    const QLocale locale;
    const TrafficCounters c = m_filter ? m_store->counters(*m_filter) : m_store->counters();
    QString text = tr("%1 records · in %2 bytes / %3 msgs · out %4 bytes / %5 msgs")
                       .arg(locale.toString(static_cast<qulonglong>(m_model->rowCount())))
                       .arg(locale.toString(static_cast<qulonglong>(c.bytesIn)))
                       .arg(locale.toString(static_cast<qulonglong>(c.messagesIn)))
                       .arg(locale.toString(static_cast<qulonglong>(c.bytesOut)))
                       .arg(locale.toString(static_cast<qulonglong>(c.messagesOut)));
    if (m_live && m_source) {
        // What the filter works from, and how far it got (a big capture takes a moment).
        const std::uint64_t begin = m_source->beginSeq();
        const std::uint64_t end = m_source->endSeq();
        m_seenDone = m_live->sourceDone();
        m_seenCaughtUp = m_live->caughtUp();
        text += tr(" · filtered from %1 records")
                    .arg(locale.toString(static_cast<qulonglong>(end - begin)));
        if (!m_seenCaughtUp && end > begin) {
            const std::uint64_t done = std::clamp(m_seenDone, begin, end) - begin;
            text += tr(" · filtering… %1%").arg(done * 100 / (end - begin));
        }
    }
    const TrafficStore::Stats stats = m_store->stats();
    if (stats.evictedBytes > 0 || stats.evictedRecords > 0) {
        text += tr(" · evicted %1 bytes, %2 records")
                    .arg(locale.toString(static_cast<qulonglong>(stats.evictedBytes)))
                    .arg(locale.toString(static_cast<qulonglong>(stats.evictedRecords)));
    }
    if (!m_selection->isEmpty()) {
        text += tr(" · selected %1 bytes at offset %2")
                    .arg(m_selection->end() - m_selection->begin())
                    .arg(m_selection->begin());
    }
    setStatusText(text);
}

void TrafficPane::setStatusText(const QString& text) {
    m_status->setText(text);
    m_status->setAccessibleDescription(text); // the name says what it is, this what it says
}

} // namespace socklab::ui
