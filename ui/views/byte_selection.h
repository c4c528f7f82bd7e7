#pragma once

#include <QObject>
#include <cstdint>

namespace socklab::ui {

/// The selected byte range of a capture, in arena offsets, shared by the log, hex and text
/// views so that a selection made in one is highlighted in the others.
class ByteSelection : public QObject {
    Q_OBJECT
public:
    /// Who made the change: a view does not scroll itself in reaction to its own selection.
    enum class Origin : std::uint8_t { Hex = 1, Text, Log, Find, Program };
    Q_ENUM(Origin)

    using QObject::QObject;

    [[nodiscard]] std::uint64_t begin() const { return m_begin; }
    [[nodiscard]] std::uint64_t end() const { return m_end; } ///< exclusive
    [[nodiscard]] bool isEmpty() const { return m_end <= m_begin; }
    [[nodiscard]] bool contains(std::uint64_t offset) const {
        return offset >= m_begin && offset < m_end;
    }

    /// Select [begin, end) (order-insensitive); emits changed() when it differs.
    void select(std::uint64_t begin, std::uint64_t end, Origin origin);
    void clear(Origin origin) { select(0, 0, origin); }

signals:
    void changed(socklab::ui::ByteSelection::Origin origin);

private:
    std::uint64_t m_begin = 0;
    std::uint64_t m_end = 0;
};

} // namespace socklab::ui
