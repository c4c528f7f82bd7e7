#include "ui/i18n/core_text.h"

#include <QCoreApplication>
#include <string>

namespace socklab::ui {

QString coreText(std::string_view source) {
    const std::string text(source);
    return QCoreApplication::translate("socklab", text.c_str());
}

} // namespace socklab::ui
