#pragma once

#include "core/capture/record.h"

#include <QColor>
#include <QPalette>
#include <initializer_list>

namespace socklab::ui {

/// Text colour of a record's direction, readable on the palette's base (light or dark); the
/// log and the byte views use the same hues so a record looks the same everywhere. Local
/// (lifecycle events) is a dim text colour. Every colour has a WCAG contrast of at least
/// kMinContrast against Base, AlternateBase (header rows) and the direction's tint.
[[nodiscard]] QColor directionColor(const QPalette& palette, Direction direction);
/// Text colour of lifecycle events (opened, connected, closed): directionColor(Local).
[[nodiscard]] QColor eventColor(const QPalette& palette);
/// Text colour of error and reset records.
[[nodiscard]] QColor errorColor(const QPalette& palette);
/// A faint wash of the direction colour over the base, for whole-row backgrounds.
[[nodiscard]] QColor directionTint(const QPalette& palette, Direction direction);

/// WCAG 2 minimum contrast for normal text (level AA).
inline constexpr qreal kMinContrast = 4.5;
/// WCAG 2 contrast ratio of two colours (1 to 21), alpha ignored.
[[nodiscard]] qreal contrastRatio(const QColor& a, const QColor& b);
/// color, moved towards black or white (whichever the first background is further from) just
/// far enough to reach minRatio against every background; alpha is flattened onto the first.
[[nodiscard]] QColor readableOn(QColor color, std::initializer_list<QColor> backgrounds,
                                qreal minRatio = kMinContrast);

} // namespace socklab::ui
