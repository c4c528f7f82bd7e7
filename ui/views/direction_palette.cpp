#include "ui/views/direction_palette.h"

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

} // namespace

QColor directionColor(const QPalette& palette, Direction direction) {
    // Fixed hues tuned for contrast on the palette's base colour (light or dark).
    const bool dark = isDark(palette);
    switch (direction) {
    case Direction::In:
        return dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x00, 0x4f, 0xb0);
    case Direction::Out:
        return dark ? QColor(0xff, 0x9e, 0x64) : QColor(0xa8, 0x36, 0x00);
    case Direction::Local:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QColor errorColor(const QPalette& palette) {
    return isDark(palette) ? QColor(0xff, 0x70, 0x70) : QColor(0xc0, 0x00, 0x00);
}

QColor directionTint(const QPalette& palette, Direction direction) {
    const QColor base = palette.color(QPalette::Base);
    if (direction == Direction::Local) {
        return palette.color(QPalette::AlternateBase);
    }
    return mix(directionColor(palette, direction), base, isDark(palette) ? 0.16 : 0.08);
}

} // namespace socklab::ui
