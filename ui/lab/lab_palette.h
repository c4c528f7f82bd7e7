#pragma once

#include "core/lab/lab_report.h"

#include <QColor>
#include <QString>

namespace socklab::ui {

/// The colour of a message fate, shared by every lab view (lanes, message table, ladder).
[[nodiscard]] QColor fateColor(socklab::LabFate fate);
/// The fate's translated name ("delivered", "lost", "out of order"...).
[[nodiscard]] QString fateText(socklab::LabFate fate);

} // namespace socklab::ui
