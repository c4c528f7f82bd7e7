#include "core/lab/ladder_svg.h"

#include "core/base/translate.h"
#include "core/codec/utf8.h"
#include "core/lab/lab_table.h"

#include <charconv>
#include <cmath>
#include <span>

namespace socklab {

namespace {

constexpr std::string_view kTcpColour = "#1f4e9c";
constexpr std::string_view kOtherColour = "#2e7d32";
constexpr std::string_view kRetransmissionColour = "#e67e00";
constexpr std::string_view kDuplicateColour = "#8e24aa";
constexpr std::string_view kDamagedColour = "#795548";
constexpr std::string_view kDropColour = "#d32f2f";
constexpr std::string_view kInkColour = "#333333";
constexpr std::string_view kFaintColour = "#777777";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD in UTF-8

// A coordinate: fixed, at most two decimals, no "-0".
std::string num(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    if (!std::isfinite(v) || ec != std::errc{}) {
        return std::string(1, '0');
    }
    std::string_view text(buf, static_cast<std::size_t>(end - buf)); // always has a '.'
    while (text.back() == '0') {
        text.remove_suffix(1);
    }
    if (text.back() == '.') {
        text.remove_suffix(1);
    }
    return text == "-0" ? std::string(1, '0') : std::string(text);
}

std::string point(LadderPoint p) {
    return num(p.x) + "," + num(p.y);
}

bool damaged(const LadderPacket& p) {
    return (p.fate & (RecordFlag::WireCorrupted | RecordFlag::Truncated)) != 0;
}

std::string_view colourOf(const LadderPacket& p) {
    if (p.retransmission) {
        return kRetransmissionColour;
    }
    if ((p.fate & RecordFlag::WireDuplicated) != 0) {
        return kDuplicateColour;
    }
    if (damaged(p)) {
        return kDamagedColour;
    }
    return p.tcp ? kTcpColour : kOtherColour;
}

std::string classesOf(const LadderPacket& p) {
    std::string out = p.tcp ? "packet tcp" : "packet other";
    if (p.retransmission) {
        out += " retransmission";
    }
    const std::pair<std::uint16_t, const char*> fates[] = {
        {RecordFlag::WireDuplicated, " duplicate"}, {RecordFlag::WireDropped, " dropped"},
        {RecordFlag::WireCorrupted, " corrupted"},  {RecordFlag::Truncated, " truncated"},
        {RecordFlag::WireReordered, " reordered"},
    };
    for (const auto& [bit, name] : fates) {
        if ((p.fate & bit) != 0) {
            out += name;
        }
    }
    return out;
}

std::string anchorName(LadderTextAnchor anchor) {
    switch (anchor) {
    case LadderTextAnchor::Start:
        return "start";
    case LadderTextAnchor::End:
        return "end";
    case LadderTextAnchor::Middle:
        break;
    }
    return "middle";
}

class SvgWriter {
public:
    SvgWriter(const LadderLayout& layout, const LadderSvgOptions& options)
        : m_layout(layout), m_options(options), m_settings(layout.settings()) {}

    std::string write() {
        const double width = m_layout.width();
        const double height = m_layout.height();
        m_out += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n";
        m_out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width) +
                 "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(width) + " " +
                 num(height) + "\" font-family=\"sans-serif\" font-size=\"" +
                 num(m_options.fontPx) + "\">\n";
        m_out += "<title>" +
                 xmlEscape(m_options.title.empty() ? SL_TR("socklab", "Ladder") : m_options.title) +
                 "</title>\n";
        m_out += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + num(width) +
                 "\" height=\"" + num(height) + "\" fill=\"#ffffff\"/>\n";
        const LadderBand band = m_layout.itemsIn(0, height);
        breaks(band);
        heading(height);
        axis(band, height);
        for (const auto& arrow : m_layout.arrows()) {
            packet(arrow);
        }
        for (const auto& mark : m_layout.calls()) {
            call(mark);
        }
        m_out += "</svg>\n";
        return std::move(m_out);
    }

private:
    void heading(double height) {
        const double y = m_settings.top - 22;
        if (!m_options.title.empty()) {
            m_out += "<text class=\"title\" x=\"8\" y=\"" + num(m_options.fontPx + 4) +
                     "\" font-weight=\"bold\" fill=\"" + std::string(kInkColour) + "\">" +
                     xmlEscape(m_options.title) + "</text>\n";
        }
        m_out += "<g class=\"hosts\">\n";
        const std::pair<LabHost, const std::string*> hosts[] = {{LabHost::A, &m_options.hostA},
                                                                {LabHost::B, &m_options.hostB}};
        for (const auto& [host, name] : hosts) {
            const double x = m_layout.columnX(host);
            m_out += "<text class=\"host\" x=\"" + num(x) + "\" y=\"" + num(y) +
                     "\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"" +
                     std::string(kInkColour) + "\">" + xmlEscape(*name) + "</text>\n";
            m_out += "<line class=\"column\" x1=\"" + num(x) + "\" y1=\"" +
                     num(m_settings.top - 14) + "\" x2=\"" + num(x) + "\" y2=\"" +
                     num(height - m_settings.bottom / 2) + "\" stroke=\"" +
                     std::string(kInkColour) + "\" stroke-width=\"2\"/>\n";
        }
        m_out += "</g>\n";
    }

    void axis(const LadderBand& band, double height) {
        const double x = std::max(m_settings.axisWidth - 6, 0.0);
        m_out += "<g class=\"axis\" fill=\"" + std::string(kFaintColour) + "\" stroke=\"" +
                 std::string(kFaintColour) + "\">\n";
        m_out += "<line class=\"axis-line\" x1=\"" + num(x) + "\" y1=\"" +
                 num(m_settings.top - 14) + "\" x2=\"" + num(x) + "\" y2=\"" +
                 num(height - m_settings.bottom / 2) + "\"/>\n";
        for (const auto& tick : band.ticks) {
            m_out += "<line class=\"tick\" x1=\"" + num(x - 4) + "\" y1=\"" + num(tick.y) +
                     "\" x2=\"" + num(x) + "\" y2=\"" + num(tick.y) + "\"/>\n";
            m_out += "<text class=\"tick-label\" x=\"" + num(x - 6) + "\" y=\"" +
                     num(tick.y + m_options.fontPx * 0.35) +
                     "\" text-anchor=\"end\" stroke=\"none\">" + xmlEscape(tick.label) +
                     "</text>\n";
        }
        m_out += "</g>\n";
    }

    void breaks(const LadderBand& band) {
        if (band.breaks.empty()) {
            return;
        }
        const double left = std::max(m_settings.axisWidth - 12, 0.0);
        const double right = m_layout.width() - 4;
        m_out += "<g class=\"breaks\">\n";
        for (const auto& br : band.breaks) {
            const double h = br.bottom - br.top;
            m_out += "<rect class=\"break\" x=\"" + num(left) + "\" y=\"" + num(br.top) +
                     "\" width=\"" + num(right - left) + "\" height=\"" + num(h) +
                     "\" fill=\"#eeeeee\"/>\n";
            // Two zigzags across the axis: the scale is interrupted here.
            std::string d;
            for (const double y : {br.top + h * 0.3, br.top + h * 0.7}) {
                d += 'M';
                d += point({left, y + 3});
                d += " l4,-6 l4,6 l4,-6 ";
            }
            m_out += "<path class=\"break-mark\" d=\"" + d + "\" fill=\"none\" stroke=\"" +
                     std::string(kFaintColour) + "\"/>\n";
            // Beside column A, where no line crosses an idle stretch.
            m_out +=
                "<text class=\"break-label\" x=\"" +
                num(m_layout.columnX(LabHost::A) - m_settings.callGapPx) + "\" y=\"" +
                num(br.top + h / 2 + m_options.fontPx * 0.35) + "\" text-anchor=\"end\" fill=\"" +
                std::string(kFaintColour) + "\">" +
                xmlEscape(trArgs(SL_TR("socklab", "%1 idle"), labMillisText(br.toNs - br.fromNs))) +
                "</text>\n";
        }
        m_out += "</g>\n";
    }

    void packet(const LadderArrow& a) {
        const LadderPacket& p = a.packet;
        const std::string colour(colourOf(p));
        const bool aToB = p.direction == WireDirection::AtoB;
        // The tooltip: "SYN - A to B, left 0 ms, arrived 40 ms, wire record 3".
        const std::string left = ladderExactMsText(p.departNs - m_layout.originNs());
        std::string tip;
        if (p.dropped()) {
            //: A dropped packet's tooltip: %1 its label, %2 when it left, %3 its record number.
            tip = aToB ? trArgs(SL_TR("socklab", "%1 - A to B, left %2, wire record %3"), a.text,
                                left, p.ref)
                       : trArgs(SL_TR("socklab", "%1 - B to A, left %2, wire record %3"), a.text,
                                left, p.ref);
        } else {
            const std::string arrived = ladderExactMsText(p.arriveNs - m_layout.originNs());
            //: A packet's tooltip: %1 its label, %2 when it left, %3 when it arrived, %4 its
            //: record number.
            tip = aToB
                      ? trArgs(SL_TR("socklab", "%1 - A to B, left %2, arrived %3, wire record %4"),
                               a.text, left, arrived, p.ref)
                      : trArgs(SL_TR("socklab", "%1 - B to A, left %2, arrived %3, wire record %4"),
                               a.text, left, arrived, p.ref);
        }
        m_out += "<g class=\"" + classesOf(p) + "\">\n<title>" + xmlEscape(tip) + "</title>\n";
        std::string dash;
        if (p.retransmission) {
            dash = " stroke-dasharray=\"6,4\"";
        } else if ((p.fate & RecordFlag::WireDuplicated) != 0) {
            dash = " stroke-dasharray=\"2,3\"";
        }
        m_out += "<line class=\"wire\" x1=\"" + num(a.from.x) + "\" y1=\"" + num(a.from.y) +
                 "\" x2=\"" + num(a.to.x) + "\" y2=\"" + num(a.to.y) + "\" stroke=\"" + colour +
                 "\" stroke-width=\"1.5\"" + dash + "/>\n";
        if (p.dropped()) {
            const double m = m_settings.markPx;
            const LadderPoint c = a.to;
            m_out += "<path class=\"cross\" d=\"M" + point({c.x - m, c.y - m}) + " L" +
                     point({c.x + m, c.y + m}) + " M" + point({c.x - m, c.y + m}) + " L" +
                     point({c.x + m, c.y - m}) + "\" stroke=\"" + std::string(kDropColour) +
                     "\" stroke-width=\"2.5\" fill=\"none\"/>\n";
        } else {
            m_out += "<polygon class=\"head\" points=\"" + point(a.head[0]) + " " +
                     point(a.head[1]) + " " + point(a.head[2]) + "\" fill=\"" + colour + "\"/>\n";
        }
        m_out += "<text class=\"packet-label\" x=\"" + num(a.labelAt.x) + "\" y=\"" +
                 num(a.labelAt.y) + "\" text-anchor=\"" + anchorName(a.labelAnchor) +
                 "\" transform=\"rotate(" + num(a.labelAngleDeg) + " " + num(a.labelAt.x) + " " +
                 num(a.labelAt.y) + ")\" fill=\"" +
                 (p.dropped() ? std::string(kDropColour) : colour) + "\">" + xmlEscape(a.text) +
                 "</text>\n</g>\n";
    }

    void call(const LadderCallMark& m) {
        const bool atB = m.call.host == LabHost::B;
        //: A socket call's tooltip: %1 the call ("send 100"), %2 when, %3 its record number.
        const std::string tip = trArgs(
            atB ? SL_TR("socklab", "%1 - host B, %2, record %3")
                : SL_TR("socklab", "%1 - host A, %2, record %3"),
            m.call.label, ladderExactMsText(m.call.timeNs - m_layout.originNs()), m.call.ref);
        m_out += "<g class=\"call\">\n<title>" + xmlEscape(tip) + "</title>\n";
        m_out += "<circle cx=\"" + num(m.at.x) + "\" cy=\"" + num(m.at.y) + "\" r=\"3\" fill=\"" +
                 std::string(kInkColour) + "\"/>\n";
        m_out += "<text class=\"call-label\" x=\"" + num(m.textAt.x) + "\" y=\"" + num(m.textAt.y) +
                 "\" text-anchor=\"" + (m.textEndsAtAnchor ? "end" : "start") + "\" fill=\"" +
                 std::string(kInkColour) + "\">" + xmlEscape(m.call.label) + "</text>\n</g>\n";
    }

    const LadderLayout& m_layout;
    const LadderSvgOptions& m_options;
    const LadderSettings& m_settings;
    std::string m_out;
};

} // namespace

std::string xmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
    std::size_t i = 0;
    while (i < text.size()) {
        const Utf8Step step = decodeUtf8Step(ByteView(bytes + i, text.size() - i));
        if (step.status != Utf8Status::Valid) {
            out += kReplacement;
            i += step.status == Utf8Status::Incomplete ? step.length : 1;
            continue;
        }
        const char32_t cp = step.codePoint;
        switch (cp) {
        case U'&':
            out += "&amp;";
            break;
        case U'<':
            out += "&lt;";
            break;
        case U'>':
            out += "&gt;";
            break;
        case U'"':
            out += "&quot;";
            break;
        case U'\'':
            out += "&apos;";
            break;
        default:
            if ((isControlCodePoint(cp) && cp != U'\t') || cp == 0xFFFE || cp == 0xFFFF) {
                out += kReplacement;
            } else {
                out.append(text.substr(i, step.length));
            }
        }
        i += step.length;
    }
    return out;
}

std::string ladderSvg(const LadderLayout& layout, const LadderSvgOptions& options) {
    return SvgWriter(layout, options).write();
}

} // namespace socklab
