#pragma once

#include <QString>

class QDialog;
class QDialogButtonBox;
class QLabel;
class QLayout;
class QWidget;

namespace socklab::ui {

/// A form row's label for field: its buddy (the mnemonic focuses the field), and its text
/// without the mnemonic becomes the field's accessible name, as a screen reader announces it.
QLabel* buddyLabel(const QString& text, QWidget* field, QWidget* parent);

/// An inline problem line of a dialog: word-wrapped, in the error colour, hidden while empty.
QLabel* problemLabel(const QString& accessibleName, QWidget* parent);
/// Show text in a problemLabel (also as its accessible description); "" hides it.
void showProblem(QLabel* label, const QString& text);

/// A settings dialog's layout: the form, a word-wrapped note below it, then the buttons, whose
/// accepted/rejected close the dialog.
void layOutFormDialog(QDialog* dialog, QLayout* form, const QString& note,
                      QDialogButtonBox* buttons);

} // namespace socklab::ui
