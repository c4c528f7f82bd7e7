#pragma once

// Where file dialogs start: the folder last used for that kind of file, else the user's
// documents folder. Never the process's working directory, which is $HOME or / when SockLab
// is started from the application menu.

#include <QString>

namespace socklab::ui {

/// The folder last used for this kind of file (QSettings key lastUsedKey, e.g.
/// "workspace/lastDir") while it still exists; else QStandardPaths::DocumentsLocation when it
/// exists; else the home folder.
[[nodiscard]] QString dialogFolder(const char* lastUsedKey);

/// fileName in dialogFolder(lastUsedKey): the initial selection of a save dialog.
[[nodiscard]] QString dialogPath(const char* lastUsedKey, const QString& fileName);

/// Remembers the folder of file (or file itself, when it is a folder) under lastUsedKey.
void rememberDialogFolder(const char* lastUsedKey, const QString& file);

} // namespace socklab::ui
