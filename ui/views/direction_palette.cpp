#include "ui/views/direction_palette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace socklab::ui {

namespace {

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor mix(const QColor& over, const QColor& base, qreal amount) {
    const auto channel = [amount](int a, int b) {
        return static_cast<int>(a * amount + b * (1.0 - amount) + 0.5);
    };
    return {channel(over.red(), base.red()), channel(over.green(), base.green()),
            channel(over.blue(), base.blue())};
}

// sRGB channel to linear light. Painting asks for direction colours per row and per log cell:
// a table of the 256 values instead of pow() each time.
qreal linear(int channel) {
    static const std::array<qreal, 256> table = [] {
        std::array<qreal, 256> t{};
        for (std::size_t i = 0; i < t.size(); ++i) {
            const qreal c = static_cast<qreal>(i) / 255.0;
            t[i] = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        }
        return t;
    }();
    return table[static_cast<std::size_t>(std::clamp(channel, 0, 255))];
}

qreal luminance(const QColor& c) {
    return 0.2126 * linear(c.red()) + 0.7152 * linear(c.green()) + 0.0722 * linear(c.blue());
}

qreal tintAmount(const QPalette& palette) {
    return isDark(palette) ? 0.16 : 0.08;
}

// The hue of a direction before any contrast correction.
QColor baseHue(const QPalette& palette, Direction direction) {
    const bool dark = isDark(palette);
    switch (direction) {
    case Direction::In:
        return dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x00, 0x4f, 0xb0);
    case Direction::Out:
        return dark ? QColor(0xff, 0x9e, 0x64) : QColor(0xa8, 0x36, 0x00);
    case Direction::Local:
        break;
    }
    // PlaceholderText is often half-transparent Text, or left at a light theme's grey by a
    // hand-made dark palette: readableOn() flattens and corrects it.
    return palette.color(QPalette::PlaceholderText);
}

} // namespace

qreal contrastRatio(const QColor& a, const QColor& b) {
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(QColor color, std::initializer_list<QColor> backgrounds, qreal minRatio) {
    if (backgrounds.size() == 0) {
        return color;
    }
    const QColor& first = *backgrounds.begin();
    if (color.alpha() < 255) {
        color = mix(color, first, color.alphaF());
    }
    const QColor target = luminance(first) < 0.18 ? QColor(Qt::white) : QColor(Qt::black);
    const auto worst = [&backgrounds](const QColor& c) {
        qreal ratio = 21;
        for (const QColor& bg : backgrounds) {
            ratio = std::min(ratio, contrastRatio(c, bg));
        }
        return ratio;
    };
    // Small steps keep the hue recognisable; 20 steps reach the target colour itself.
    QColor out = color;
    for (int step = 1; step <= 20 && worst(out) < minRatio; ++step) {
        out = mix(target, color, step / 20.0);
    }
    return out;
}

QColor directionColor(const QPalette& palette, Direction direction) {
    const QColor base = palette.color(QPalette::Base);
    const QColor hue = baseHue(palette, direction);
    // Text sits on the base, on AlternateBase (header rows) and on the direction's tint.
    return readableOn(
        hue, {base, palette.color(QPalette::AlternateBase), mix(hue, base, tintAmount(palette))});
}

QColor eventColor(const QPalette& palette) {
    return directionColor(palette, Direction::Local);
}

QColor errorColor(const QPalette& palette) {
    const QColor hue = isDark(palette) ? QColor(0xff, 0x70, 0x70) : QColor(0xc0, 0x00, 0x00);
    return readableOn(hue, {palette.color(QPalette::Base), palette.color(QPalette::AlternateBase),
                            palette.color(QPalette::Window)});
}

QColor directionTint(const QPalette& palette, Direction direction) {
    const QColor base = palette.color(QPalette::Base);
    if (direction == Direction::Local) {
        return palette.color(QPalette::AlternateBase);
    }
    return mix(baseHue(palette, direction), base, tintAmount(palette));
}

} // namespace socklab::ui
