#pragma once

#include "core/lab/ladder.h"

#include <string>
#include <string_view>

namespace socklab {

struct LadderSvgOptions {
    std::string hostA = "A " + std::string(kLabAddressA4); ///< heading of the left column
    std::string hostB = "B " + std::string(kLabAddressB4); ///< and of the right one
    std::string title; ///< optional: drawn at the top left and as the document's <title>
    double fontPx = 12;
};

/// The whole ladder as a standalone SVG 1.1 document (UTF-8, presentation attributes only, no
/// CSS or scripts), as large as the layout (width() x height()):
///  - the host names above their columns, the columns as vertical lines;
///  - the time axis at the left: a tick and a label in ms per LadderTick;
///  - Time mode's compressed stretches as a grey band with zigzags on the axis, labelled
///    "<duration> idle" left of column A;
///  - each packet a <g class="packet ..."> (classes tcp or other, and retransmission,
///    duplicate, dropped, corrupted, truncated, reordered as they apply) holding a <title>
///    tooltip, its line, an arrowhead polygon (class head) or, when dropped, a red cross
///    (path class cross), and its label (ladderPacketText) along the line. TCP is blue, other
///    packets green; retransmissions orange and dashed, duplicates purple and dotted,
///    corrupted or truncated ones brown;
///  - each call a <g class="call"> with a <title>, a dot on its column and its label.
/// Every text is XML-escaped (xmlEscape). Coordinates with at most two decimals.
[[nodiscard]] std::string ladderSvg(const LadderLayout& layout,
                                    const LadderSvgOptions& options = {});

/// Text for XML character data or a quoted attribute: & < > " ' as entities; bytes that are
/// not well-formed UTF-8, control characters (but tab) and U+FFFE/U+FFFF become U+FFFD.
[[nodiscard]] std::string xmlEscape(std::string_view text);

} // namespace socklab
