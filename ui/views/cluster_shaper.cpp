#include "ui/views/cluster_shaper.h"

#include <QGlyphRun>
#include <QPainter>
#include <QTextLayout>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

namespace socklab::ui {

namespace {

constexpr qsizetype kMaxShaped = 4096;

// QTextLayout picks fallback fonts and positions marks; the glyphs are drawn once into a mask.
// Runs on the worker thread (Qt renders text into a QImage in any thread with fontconfig).
std::optional<ClusterShaper::Shape> render(const QString& cluster, const QFont& font, qreal dpr) {
    QTextLayout layout(cluster, font);
    QTextOption option;
    option.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    layout.endLayout();
    if (!line.isValid() || line.naturalTextWidth() <= 0) {
        return std::nullopt;
    }
    const QList<QGlyphRun> runs = layout.glyphRuns();
    if (runs.isEmpty()) {
        return std::nullopt;
    }
    QRectF bounds;
    for (const QGlyphRun& run : runs) {
        if (run.glyphIndexes().contains(0u)) {
            return std::nullopt; // .notdef: no font has this character
        }
        bounds |= run.boundingRect();
    }
    const qreal baseline = line.y() + line.ascent();
    QRect box = bounds.toAlignedRect().adjusted(-2, -2, 2, 2);
    if (box.isEmpty()) {
        box = QRect(0, 0, 1, 1);
    }
    ClusterShaper::Shape shape;
    shape.advance = line.naturalTextWidth();
    shape.mask = QImage((QSizeF(box.size()) * dpr).toSize().expandedTo(QSize(1, 1)),
                        QImage::Format_ARGB32_Premultiplied);
    shape.mask.setDevicePixelRatio(dpr);
    shape.mask.fill(Qt::transparent);
    {
        QPainter p(&shape.mask);
        p.setPen(Qt::white);
        p.translate(-box.topLeft());
        for (const QGlyphRun& run : runs) {
            p.drawGlyphRun(QPointF(0, 0), run);
        }
    }
    shape.origin = QPointF(-box.left(), baseline - box.top());
    return shape;
}

} // namespace

struct ClusterShaper::Shared {
    struct Job {
        QString cluster;
        QString font;
        qreal dpr = 1.0;
        std::uint64_t generation = 0;
    };
    struct Result {
        QString cluster;
        std::uint64_t generation = 0;
        std::optional<Shape> shape;
    };
    std::mutex mutex;
    std::condition_variable work;
    std::condition_variable done;
    std::deque<Job> jobs;
    std::vector<Result> results;
    int inFlight = 0;
    std::uint64_t generation = 0;
    bool stop = false;
    bool notifyPosted = false;
};

ClusterShaper::ClusterShaper(QObject* parent)
    : QObject(parent), m_shared(std::make_shared<Shared>()) {}

void ClusterShaper::startWorker() {
    if (m_worker.joinable()) {
        return;
    }
    // Started with the first cluster to shape: a view that only ever shows ASCII (most
    // captures) never has the thread.
    m_worker = std::thread([this, shared = m_shared] {
        QFont font;
        QString fontDescription;
        for (;;) {
            Shared::Job job;
            {
                std::unique_lock lk(shared->mutex);
                shared->work.wait(lk, [&] { return shared->stop || !shared->jobs.empty(); });
                if (shared->stop) {
                    return;
                }
                job = std::move(shared->jobs.front());
                shared->jobs.pop_front();
                ++shared->inFlight;
            }
            if (job.font != fontDescription) {
                fontDescription = job.font;
                font = QFont();
                font.fromString(fontDescription);
            }
            std::optional<Shape> shape = render(job.cluster, font, job.dpr);
            bool post = false;
            {
                std::lock_guard lk(shared->mutex);
                shared->results.push_back(
                    {std::move(job.cluster), job.generation, std::move(shape)});
                --shared->inFlight;
                post = !shared->notifyPosted;
                shared->notifyPosted = true;
            }
            shared->done.notify_all();
            if (post) {
                // The destructor joins this thread first, so `this` outlives the call; a call
                // still queued when it is destroyed is dropped with its posted events.
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        if (collect()) {
                            emit ready(); // not when a paint's wait() took them already
                        }
                    },
                    Qt::QueuedConnection);
            }
        }
    });
}

ClusterShaper::~ClusterShaper() {
    {
        std::lock_guard lk(m_shared->mutex);
        m_shared->stop = true;
    }
    m_shared->work.notify_all();
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

void ClusterShaper::setFont(const QFont& font, qreal devicePixelRatio) {
    const QString description = font.toString();
    if (description == m_fontDescription && devicePixelRatio == m_dpr) {
        return;
    }
    m_fontDescription = description;
    m_dpr = devicePixelRatio;
    m_cache.clear();
    m_pending.clear();
    std::lock_guard lk(m_shared->mutex);
    ++m_shared->generation;
    m_shared->jobs.clear();
    m_shared->results.clear();
}

bool ClusterShaper::collect() {
    std::vector<Shared::Result> results;
    std::uint64_t generation = 0;
    bool taken = false;
    {
        std::lock_guard lk(m_shared->mutex);
        results.swap(m_shared->results);
        generation = m_shared->generation;
        m_shared->notifyPosted = false;
    }
    for (Shared::Result& r : results) {
        if (r.generation != generation || !m_pending.remove(r.cluster)) {
            continue; // shaped with a font no longer used
        }
        if (m_cache.size() >= kMaxShaped) {
            m_cache.clear();
        }
        m_cache.insert(r.cluster, std::move(r.shape));
        taken = true;
    }
    return taken;
}

std::pair<ClusterShaper::State, const ClusterShaper::Shape*>
ClusterShaper::lookup(const QString& cluster) {
    if (auto it = m_cache.constFind(cluster); it != m_cache.constEnd()) {
        return it->has_value() ? std::pair{State::Ready, &**it}
                               : std::pair{State::Missing, nullptr};
    }
    if (!m_pending.contains(cluster)) {
        startWorker();
        m_pending.insert(cluster);
        {
            std::lock_guard lk(m_shared->mutex);
            m_shared->jobs.push_back({cluster, m_fontDescription, m_dpr, m_shared->generation});
        }
        m_shared->work.notify_one();
    }
    return {State::Pending, nullptr};
}

bool ClusterShaper::wait(int ms) {
    if (m_pending.isEmpty()) {
        return true;
    }
    {
        std::unique_lock lk(m_shared->mutex);
        m_shared->done.wait_for(lk, std::chrono::milliseconds(ms),
                                [&] { return m_shared->jobs.empty() && m_shared->inFlight == 0; });
    }
    collect();
    return m_pending.isEmpty();
}

const ClusterShaper::Shape* ClusterShaper::shapeNow(const QString& cluster) {
    for (int i = 0; i < 100; ++i) { // at most 10 s: a fallback search takes milliseconds
        const auto [state, shape] = lookup(cluster);
        if (state != State::Pending) {
            return shape;
        }
        wait(100);
    }
    return nullptr;
}

void ClusterShaper::draw(QPainter& painter, const Shape& shape, qreal x, qreal baseline,
                         qreal width, const QColor& color) {
    auto it = shape.tinted.find(color.rgba());
    if (it == shape.tinted.end()) {
        QImage tinted(shape.mask.size(), QImage::Format_ARGB32_Premultiplied);
        tinted.setDevicePixelRatio(shape.mask.devicePixelRatio());
        tinted.fill(color);
        QPainter p(&tinted);
        p.setCompositionMode(QPainter::CompositionMode_DestinationIn);
        p.drawImage(QPointF(0, 0), shape.mask);
        p.end();
        it = shape.tinted.insert(color.rgba(), tinted);
    }
    // Wider than its cells (some fallback fonts): squeeze rather than overlap a neighbour.
    const qreal scale = shape.advance > width ? width / shape.advance : 1.0;
    const qreal pen = shape.advance > width ? x : x + (width - shape.advance) / 2;
    const QSizeF size = shape.mask.deviceIndependentSize();
    painter.drawImage(QRectF(pen - shape.origin.x() * scale, baseline - shape.origin.y(),
                             size.width() * scale, size.height()),
                      *it);
}

} // namespace socklab::ui
