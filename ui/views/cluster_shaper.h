#pragma once

#include <QFont>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

namespace socklab::ui {

/// Shapes text clusters the primary font cannot draw alone (wide characters, characters with
/// marks, other scripts) with Qt's font fallback on a worker thread, and renders each once into
/// a small mask image that the GUI thread tints and draws. Finding the fallback font of a script
/// not seen before can take tens of milliseconds (fontconfig, loading and rejecting candidate
/// faces); on the worker it never stalls a paint. Results are cached (bounded); the GUI thread
/// waits for them only as long as a paint can afford (wait()), the rest arrive with ready().
class ClusterShaper : public QObject {
    Q_OBJECT
public:
    /// A shaped cluster: white glyphs on transparent (the device pixel ratio set), the pen's
    /// position on the baseline inside the image (logical pixels), and its advance.
    struct Shape {
        QImage mask;
        QPointF origin;
        qreal advance = 0;
        mutable QHash<QRgb, QImage> tinted; ///< the mask in the colours it was drawn in
    };
    enum class State : std::uint8_t { Pending, Missing, Ready };

    explicit ClusterShaper(QObject* parent = nullptr);
    ~ClusterShaper() override;

    /// Font and device pixel ratio to shape with; a change forgets every shape.
    void setFont(const QFont& font, qreal devicePixelRatio);
    [[nodiscard]] qreal devicePixelRatio() const { return m_dpr; }
    /// A cluster's shape: Ready, Missing (no font draws all of it) or Pending (queued for the
    /// worker now or before).
    std::pair<State, const Shape*> lookup(const QString& cluster);
    /// The shape, waiting for the worker as long as it takes (tests, queries; not paints).
    const Shape* shapeNow(const QString& cluster);
    /// Waits up to ms for the queued clusters; true when none is left pending.
    bool wait(int ms);
    [[nodiscard]] bool pending() const { return !m_pending.isEmpty(); }
    /// Draws a shape centred in [x, x + width) on the baseline (squeezed when wider).
    static void draw(QPainter& painter, const Shape& shape, qreal x, qreal baseline, qreal width,
                     const QColor& color);

signals:
    /// Shapes queued earlier are ready (delivered on the GUI thread).
    void ready();

private:
    struct Shared;
    /// Moves finished results into the cache; whether there were any.
    bool collect();
    /// Starts the worker thread unless it runs already.
    void startWorker();

    std::shared_ptr<Shared> m_shared;
    std::thread m_worker;
    QString m_fontDescription;
    qreal m_dpr = 1.0;
    QHash<QString, std::optional<Shape>> m_cache;
    QSet<QString> m_pending;
};

} // namespace socklab::ui
