#include "ui/models/traffic_model.h"

#include "core/capture/record_text.h"
#include "core/codec/escapes.h"
#include "ui/views/direction_palette.h"
#include "ui/views/record_text.h"

#include <QFont>
#include <QGuiApplication>
#include <algorithm>
#include <array>

namespace socklab::ui {

namespace {

constexpr std::size_t kPreviewBytes = 48;
constexpr std::size_t kCacheWindow = 128;
constexpr std::size_t kScanBatch = 4096;

} // namespace

TrafficModel::TrafficModel(QObject* parent) : QAbstractTableModel(parent) {}

void TrafficModel::setStore(std::shared_ptr<const TrafficStore> store) {
    beginResetModel();
    m_store = std::move(store);
    reset();
    endResetModel();
    refresh();
}

void TrafficModel::setDirectionNames(DirectionNames names) {
    if (names == m_directionNames) {
        return;
    }
    m_directionNames = names;
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
}

void TrafficModel::setTextEncoding(TextEncoding encoding) {
    if (encoding == m_encoding) {
        return;
    }
    m_encoding = encoding;
    if (rowCount() > 0) {
        emit dataChanged(index(0, PreviewColumn), index(rowCount() - 1, PreviewColumn));
    }
}

void TrafficModel::setConnectionFilter(std::optional<std::uint32_t> connectionId) {
    if (connectionId == m_filter) {
        return;
    }
    beginResetModel();
    m_filter = connectionId;
    reset();
    endResetModel();
    refresh();
}

void TrafficModel::reset() {
    m_begin = m_end = m_store ? m_store->beginSeq() : 0;
    m_seqs.clear();
    m_cache.clear();
}

void TrafficModel::refresh() {
    m_cache.clear();
    if (!m_store) {
        return;
    }
    const std::uint64_t begin = m_store->beginSeq();
    const std::uint64_t end = m_store->endSeq();
    if (!m_filter) {
        if (begin > m_begin) {
            const std::uint64_t dropped = std::min(begin, m_end) - m_begin;
            if (dropped > 0) {
                beginRemoveRows({}, 0, static_cast<int>(dropped) - 1);
                m_begin += dropped;
                endRemoveRows();
            }
            m_begin = begin;
            m_end = std::max(m_end, begin);
        }
        if (end > m_end) {
            const int first = rowCount();
            beginInsertRows({}, first, first + static_cast<int>(end - m_end) - 1);
            m_end = end;
            endInsertRows();
        }
        return;
    }
    std::size_t dropped = 0;
    while (dropped < m_seqs.size() && m_seqs[dropped] < begin) {
        ++dropped;
    }
    if (dropped > 0) {
        beginRemoveRows({}, 0, static_cast<int>(dropped) - 1);
        m_seqs.erase(m_seqs.begin(), m_seqs.begin() + static_cast<std::ptrdiff_t>(dropped));
        endRemoveRows();
    }
    // Scan only the records appended since the last frame.
    std::vector<std::uint64_t> added;
    std::uint64_t seq = std::max(m_end, begin);
    while (seq < end) {
        const auto batch = m_store->records(seq, kScanBatch);
        if (batch.empty()) {
            break;
        }
        for (const Record& r : batch) {
            if (r.connectionId == *m_filter) {
                added.push_back(r.seq);
            }
        }
        seq = batch.back().seq + 1;
    }
    m_end = seq;
    if (!added.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        m_seqs.insert(m_seqs.end(), added.begin(), added.end());
        endInsertRows();
    }
}

int TrafficModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) {
        return 0;
    }
    return m_filter ? static_cast<int>(m_seqs.size()) : static_cast<int>(m_end - m_begin);
}

int TrafficModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<std::uint64_t> TrafficModel::seqAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return std::nullopt;
    }
    return m_filter ? m_seqs[static_cast<std::size_t>(row)]
                    : m_begin + static_cast<std::uint64_t>(row);
}

int TrafficModel::rowForSeq(std::uint64_t seq) const {
    if (!m_filter) {
        return seq >= m_begin && seq < m_end ? static_cast<int>(seq - m_begin) : -1;
    }
    auto it = std::lower_bound(m_seqs.begin(), m_seqs.end(), seq);
    return it != m_seqs.end() && *it == seq ? static_cast<int>(it - m_seqs.begin()) : -1;
}

int TrafficModel::rowForArenaOffset(std::uint64_t offset) const {
    if (!m_store) {
        return -1;
    }
    auto seq = m_store->recordAtArenaOffset(offset);
    return seq ? rowForSeq(*seq) : -1;
}

const Record* TrafficModel::cachedRecord(std::uint64_t seq) const {
    auto hit = [&]() -> const Record* {
        if (m_cache.empty() || seq < m_cache.front().seq || seq > m_cache.back().seq) {
            return nullptr;
        }
        const Record& r = m_cache[seq - m_cache.front().seq];
        return r.seq == seq ? &r : nullptr;
    };
    if (const Record* r = hit()) {
        return r;
    }
    // Views ask row by row around the viewport: fetch a window, not one record at a time.
    const std::uint64_t from = seq > kCacheWindow / 4 ? seq - kCacheWindow / 4 : 0;
    m_cache = m_store->records(std::max(from, m_store->beginSeq()), kCacheWindow);
    return hit();
}

std::optional<Record> TrafficModel::recordAt(int row) const {
    const auto seq = seqAt(row);
    if (!seq || !m_store) {
        return std::nullopt;
    }
    if (const Record* r = cachedRecord(*seq)) {
        return *r;
    }
    return m_store->record(*seq);
}

QString TrafficModel::previewText(const Record& r) const {
    if (r.kind != RecordKind::Data) {
        const std::string text = readableRecordText(m_store->text(r));
        return text.empty()
                   ? kindText(r.kind)
                   : kindText(r.kind) + QStringLiteral(": ") + QString::fromStdString(text);
    }
    std::array<std::byte, kPreviewBytes> buf{};
    const std::size_t n = m_store->readRecordBytes(r, 0, buf);
    if (n == 0 && r.length > 0) {
        return tr("(evicted)");
    }
    const std::span<const std::byte> bytes(buf.data(), n);
    QString preview;
    if (m_encoding == TextEncoding::Utf8) {
        preview = QString::fromStdString(
            escapeBytes(bytes, EscapeOptions{.keepUtf8 = true, .placeholderForHidden = true}));
    } else {
        // Other encodings: the core decoder with escapes for controls and invalid bytes, as
        // escapeBytes shows them; a character cut by the preview's end is left out.
        TextDecoder decoder({m_encoding, InvalidByteStyle::HexEscape, ControlStyle::Escape});
        preview = QString::fromStdString(decoder.decode(bytes, r.length == n).text);
    }
    if (r.length > n) {
        preview += QChar(0x2026);
    }
    return preview;
}

QVariant TrafficModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_store) {
        return {};
    }
    const auto rec = recordAt(index.row());
    if (!rec) {
        return {};
    }
    const Record& r = *rec;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timeText(r.wallNs);
        case DirectionColumn:
            return r.kind == RecordKind::Data ? directionText(r.direction, m_directionNames)
                                              : kindText(r.kind);
        case ConnectionColumn:
            return connectionText(*m_store, r);
        case LengthColumn:
            return r.kind == RecordKind::Data ? QVariant(r.length) : QVariant();
        case FlagsColumn:
            return flagsText(r.flags);
        case PreviewColumn:
            return previewText(r);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return recordHeaderText(*m_store, r, m_directionNames);
    case Qt::ForegroundRole: {
        // The same hues as the byte views; read from the application palette at paint time, so
        // a light/dark switch needs no model reset.
        const QPalette palette = QGuiApplication::palette();
        if (r.kind == RecordKind::Error || r.kind == RecordKind::Reset) {
            return errorColor(palette);
        }
        return r.kind == RecordKind::Data ? directionColor(palette, r.direction)
                                          : eventColor(palette);
    }
    case Qt::BackgroundRole:
        return r.kind == RecordKind::Data
                   ? QVariant(directionTint(QGuiApplication::palette(), r.direction))
                   : QVariant();
    case Qt::FontRole:
        if (r.kind != RecordKind::Data) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LengthColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case SeqRole:
        return QVariant::fromValue<quint64>(r.seq);
    case ArenaOffsetRole:
        return QVariant::fromValue<quint64>(r.arenaOffset);
    case LengthRole:
        return QVariant::fromValue<quint32>(r.length);
    case KindRole:
        return static_cast<int>(r.kind);
    case DirectionRole:
        return static_cast<int>(r.direction);
    default:
        return {};
    }
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case ConnectionColumn:
        return tr("Connection / peer");
    case LengthColumn:
        return tr("Length");
    case FlagsColumn:
        return tr("Flags");
    case PreviewColumn:
        return tr("Preview");
    default:
        return {};
    }
}

} // namespace socklab::ui
