#include "ui/lab/lab_palette.h"

#include <QCoreApplication>

namespace socklab::ui {

QColor fateColor(LabFate fate) {
    switch (fate) {
    case LabFate::Delivered:
        return QColor(0x4c, 0xaf, 0x50);
    case LabFate::Late:
        return QColor(0xff, 0xb3, 0x00);
    case LabFate::OutOfOrder:
        return QColor(0x8e, 0x44, 0xad);
    case LabFate::Duplicated:
        return QColor(0x1e, 0x88, 0xe5);
    case LabFate::Lost:
        return QColor(0xe5, 0x39, 0x35);
    case LabFate::Garbled:
        return QColor(0x8d, 0x1e, 0x1e);
    case LabFate::Unsent:
        return QColor(0x9e, 0x9e, 0x9e);
    case LabFate::Pending:
        return QColor(0xb0, 0xbe, 0xc5);
    }
    return Qt::gray;
}

QString fateText(LabFate fate) {
    switch (fate) {
    case LabFate::Delivered:
        return QCoreApplication::translate("socklab::LabFate", "delivered");
    case LabFate::Late:
        return QCoreApplication::translate("socklab::LabFate", "late");
    case LabFate::OutOfOrder:
        return QCoreApplication::translate("socklab::LabFate", "out of order");
    case LabFate::Duplicated:
        return QCoreApplication::translate("socklab::LabFate", "duplicated");
    case LabFate::Lost:
        return QCoreApplication::translate("socklab::LabFate", "lost");
    case LabFate::Garbled:
        return QCoreApplication::translate("socklab::LabFate", "garbled");
    case LabFate::Unsent:
        return QCoreApplication::translate("socklab::LabFate", "unsent");
    case LabFate::Pending:
        return QCoreApplication::translate("socklab::LabFate", "in flight");
    }
    return {};
}

} // namespace socklab::ui
