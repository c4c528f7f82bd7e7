#pragma once

#include "core/capture/record.h"

#include <QColor>
#include <QPalette>

namespace socklab::ui {

/// Text colour of a record's direction, readable on the palette's base (light or dark); the
/// log and the byte views use the same hues so a record looks the same everywhere.
[[nodiscard]] QColor directionColor(const QPalette& palette, Direction direction);
/// Text colour of error and reset records.
[[nodiscard]] QColor errorColor(const QPalette& palette);
/// A faint wash of the direction colour over the base, for whole-row backgrounds.
[[nodiscard]] QColor directionTint(const QPalette& palette, Direction direction);

} // namespace socklab::ui
