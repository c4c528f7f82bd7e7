#include "ui/views/copy_kind.h"

#include "core/codec/copy_format.h"
#include "core/codec/text_decode.h"

#include <QObject>

namespace socklab::ui {

QString copyKindLabel(CopyKind kind) {
    switch (kind) {
    case CopyKind::Hex:
        return QObject::tr("Hex");
    case CopyKind::Text:
        return QObject::tr("Text");
    case CopyKind::EscapedText:
        return QObject::tr("Escaped text");
    case CopyKind::CArray:
        return QObject::tr("C array");
    case CopyKind::PythonBytes:
        return QObject::tr("Python bytes");
    }
    return {};
}

QList<CopyKind> copyKinds() {
    return {CopyKind::Hex, CopyKind::Text, CopyKind::EscapedText, CopyKind::CArray,
            CopyKind::PythonBytes};
}

QString formatForClipboard(ByteView bytes, CopyKind kind, TextEncoding encoding) {
    switch (kind) {
    case CopyKind::Hex:
        return QString::fromStdString(formatForCopy(bytes, CopyFormat::Hex));
    case CopyKind::Text:
        return QString::fromStdString(
            decodeText(bytes, TextDecodeOptions{.encoding = encoding}).text);
    case CopyKind::EscapedText:
        return QString::fromStdString(formatForCopy(bytes, CopyFormat::EscapedText));
    case CopyKind::CArray:
        return QString::fromStdString(formatForCopy(bytes, CopyFormat::CArray));
    case CopyKind::PythonBytes:
        return QString::fromStdString(formatForCopy(bytes, CopyFormat::PythonBytes));
    }
    return {};
}

} // namespace socklab::ui
