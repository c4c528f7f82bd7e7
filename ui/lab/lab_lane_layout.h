#pragma once

#include "core/lab/lab_report.h"

#include <QRectF>
#include <QString>
#include <vector>

namespace socklab::ui {

/// Geometry of the lab's lanes, without widgets: four rows (TCP writes, TCP reads, UDP writes,
/// UDP reads), each write or read one block at its time (x = ms since the run's first write x
/// pxPerMs), as wide as its bytes (messageWidth per scheduled message, at least minWidth), so
/// TCP's merged and split reads look different from UDP's one-block-per-datagram. Each block
/// carries the worst fate of the messages it touched; lost messages get a marker on their
/// protocol's reads row at their send time.
class LabLaneLayout {
public:
    enum class Lane { TcpWrites = 0, TcpReads, UdpWrites, UdpReads };
    static constexpr int kLanes = 4;

    struct Block {
        QRectF rect;
        Lane lane = Lane::TcpWrites;
        int firstSeq = 0;
        int lastSeq = 0;
        std::size_t bytes = 0;
        double timeMs = 0; ///< since the run's first write
        socklab::LabFate fate = socklab::LabFate::Delivered;
        bool damaged = false;
    };
    struct Marker {
        QPointF at;
        Lane lane = Lane::TcpReads;
        int seq = 0;
    };

    void setReports(const socklab::LabProtocolReport& tcp, const socklab::LabProtocolReport& udp);
    void clear();
    /// Horizontal scale (zoom) and the geometry constants.
    void setScale(double pxPerMs);
    [[nodiscard]] double pxPerMs() const { return m_pxPerMs; }
    void setLaneHeight(double height);
    [[nodiscard]] double laneHeight() const { return m_laneHeight; }
    [[nodiscard]] double laneTop(Lane lane) const;
    [[nodiscard]] double width() const { return m_width; }
    [[nodiscard]] double height() const { return m_laneHeight * kLanes + m_gap * 3; }

    [[nodiscard]] const std::vector<Block>& blocks() const { return m_blocks; }
    [[nodiscard]] const std::vector<Marker>& markers() const { return m_markers; }
    /// Blocks whose rect intersects [x0, x1), by binary search on the sorted starts (blocks are
    /// at most maxBlockWidth() wide).
    [[nodiscard]] std::vector<const Block*> blocksIn(double x0, double x1) const;
    [[nodiscard]] double maxBlockWidth() const { return m_maxWidth; }
    /// The block under a point, or nullptr.
    [[nodiscard]] const Block* blockAt(QPointF p) const;

    static constexpr double kMessageWidth = 6.0;
    static constexpr double kMinWidth = 3.0;

private:
    void rebuild();
    void addBlocks(const socklab::LabProtocolReport& r, const std::vector<socklab::LabBlock>& from,
                   Lane lane);

    socklab::LabProtocolReport m_tcp;
    socklab::LabProtocolReport m_udp;
    bool m_have = false;
    std::int64_t m_t0 = 0;
    double m_pxPerMs = 0.2;
    double m_laneHeight = 34;
    double m_gap = 6;
    double m_width = 0;
    double m_maxWidth = 0;
    std::vector<Block> m_blocks; ///< sorted by rect.left()
    std::vector<Marker> m_markers;
};

/// The worst fate among messages first..last of a report (the order of primaryLabFate).
[[nodiscard]] socklab::LabFate worstFate(const socklab::LabProtocolReport& report, int first,
                                         int last);

} // namespace socklab::ui
