#include "ui/settings/dialog_folders.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace socklab::ui {

QString dialogFolder(const char* lastUsedKey) {
    const QString last = QSettings().value(QLatin1String(lastUsedKey)).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir()) {
        return last;
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir()) {
        return documents;
    }
    return QDir::homePath();
}

QString dialogPath(const char* lastUsedKey, const QString& fileName) {
    return QDir(dialogFolder(lastUsedKey)).filePath(fileName);
}

void rememberDialogFolder(const char* lastUsedKey, const QString& file) {
    const QFileInfo info(file);
    QSettings().setValue(QLatin1String(lastUsedKey),
                         info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

} // namespace socklab::ui
