#include "ui/views/byte_selection.h"

#include <utility>

namespace socklab::ui {

void ByteSelection::select(std::uint64_t begin, std::uint64_t end, Origin origin) {
    if (end < begin) {
        std::swap(begin, end);
    }
    if (begin == end) {
        begin = end = 0;
    }
    if (begin == m_begin && end == m_end) {
        return;
    }
    m_begin = begin;
    m_end = end;
    emit changed(origin);
}

} // namespace socklab::ui
