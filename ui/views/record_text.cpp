#include "ui/views/record_text.h"

#include "core/capture/record_text.h"
#include "core/codec/text_encode.h"
#include "ui/i18n/core_text.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace socklab::ui {

QString timeText(std::int64_t wallNs) {
    const qint64 ms = wallNs / 1'000'000;
    const auto micros = static_cast<int>((wallNs / 1000) % 1'000'000);
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    return t.toString(QStringLiteral("hh:mm:ss.")) +
           QStringLiteral("%1").arg(micros, 6, 10, QLatin1Char('0'));
}

QString relayDirectionName(Direction direction) {
    return coreText(relayDirectionText(direction));
}

QString directionText(Direction direction, DirectionNames names) {
    if (names == DirectionNames::Relay && direction != Direction::Local) {
        return relayDirectionName(direction);
    }
    switch (direction) {
    case Direction::In:
        return QCoreApplication::translate("socklab::ui::RecordText", "in");
    case Direction::Out:
        return QCoreApplication::translate("socklab::ui::RecordText", "out");
    case Direction::Local:
        break;
    }
    return {};
}

QString directionArrow(Direction direction, DirectionNames names) {
    if (names == DirectionNames::Relay && direction != Direction::Local) {
        // Toward the server reads left to right, as the direction boxes draw it.
        return (direction == Direction::In ? QStringLiteral("\u25b6 ")
                                           : QStringLiteral("\u25c0 ")) +
               relayDirectionName(direction);
    }
    switch (direction) {
    case Direction::In:
    case Direction::Out:
        return (direction == Direction::In ? QStringLiteral("\u25c0 ")
                                           : QStringLiteral("\u25b6 ")) +
               directionText(direction, names);
    case Direction::Local:
        break;
    }
    return QStringLiteral("\u25cf");
}

QString kindText(RecordKind kind) {
    return coreText(recordKindName(kind));
}

QString stateText(SessionState state) {
    return coreText(stateName(state));
}

QString encodingText(TextEncoding encoding) {
    const std::string title(encodingTitle(encoding));
    return QCoreApplication::translate("socklab::TextEncoding", title.c_str());
}

QString flagsText(std::uint16_t flags) {
    return QString::fromStdString(recordFlagsText(flags))
        .replace(QLatin1Char('|'), QLatin1Char(' '));
}

QString connectionText(const TrafficStore& store, const Record& record) {
    const QString peer = QString::fromStdString(store.peer(record).toString());
    if (record.connectionId == 0) {
        return peer;
    }
    const QString conn =
        QCoreApplication::translate("socklab::ui::RecordText", "conn %1").arg(record.connectionId);
    return peer.isEmpty() ? conn : conn + QLatin1Char(' ') + peer;
}

QString recordHeaderText(const TrafficStore& store, const Record& record, DirectionNames names) {
    QStringList parts;
    parts << QStringLiteral("#%1").arg(record.seq) << timeText(record.wallNs)
          << directionArrow(record.direction, names);
    if (record.kind != RecordKind::Data) {
        parts << kindText(record.kind);
    }
    if (const QString conn = connectionText(store, record); !conn.isEmpty()) {
        parts << conn;
    }
    if (record.kind == RecordKind::Data) {
        parts << QCoreApplication::translate("socklab::ui::RecordText", "%1 bytes")
                     .arg(record.length);
        if (record.wireLength > record.length) {
            parts << QCoreApplication::translate("socklab::ui::RecordText", "(%1 on the wire)")
                         .arg(record.wireLength);
        }
    }
    if (const QString flags = flagsText(record.flags); !flags.isEmpty()) {
        parts << flags;
    }
    if (const std::string text = store.text(record); !text.empty()) {
        parts << QString::fromStdString(readableRecordText(text));
    }
    return parts.join(QStringLiteral("  "));
}

} // namespace socklab::ui
