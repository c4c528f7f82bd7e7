#pragma once

#include "core/codec/bytes.h"
#include "core/codec/text_decode.h"

#include <QList>
#include <QString>

namespace socklab::ui {

/// What "Copy as" offers; the text itself always comes from core/codec.
enum class CopyKind : std::uint8_t { Hex = 1, Text, EscapedText, CArray, PythonBytes };

/// Menu label: "Hex", "Text", "Escaped text", "C array", "Python bytes".
QString copyKindLabel(CopyKind kind);
/// Every kind, in menu order.
QList<CopyKind> copyKinds();
/// The clipboard text for bytes; Text decodes them in encoding (invalid bytes as U+FFFD).
QString formatForClipboard(ByteView bytes, CopyKind kind,
                           TextEncoding encoding = TextEncoding::Utf8);

} // namespace socklab::ui
