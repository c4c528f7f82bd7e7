#pragma once

// Drive widgets the way assistive technology sees them: find controls by accessible name and
// role, then act through the accessibility interfaces or with key/mouse events on the widget
// the interface points to. Header-only so every GUI test can include it.

#include <QAbstractButton>
#include <QAccessible>
#include <QAccessibleInterface>
#include <QComboBox>
#include <QElapsedTimer>
#include <QInputMethodEvent>
#include <QPointer>
#include <QTest>
#include <QWidget>
#include <functional>
#include <optional>

namespace a11y {

/// The interface named `name`: the control itself, or the control a visible label of that text
/// labels (Qt on Linux names combo boxes after their current text, so screen readers reach them
/// through their label, as this does).
inline QAccessibleInterface* match(QAccessibleInterface* iface, const QString& name,
                                   std::optional<QAccessible::Role> role,
                                   const std::function<bool(QAccessibleInterface*)>& accept) {
    const auto ok = [&](QAccessibleInterface* i) {
        return i && !i->state().invisible && (!role || i->role() == *role) && accept(i);
    };
    const QString own = iface->text(QAccessible::Name);
    if (own != name) {
        return nullptr;
    }
    // A label and its buddy often share the name ("Des&tination"): the control is meant.
    if (iface->role() == QAccessible::StaticText) {
        for (const auto& rel : iface->relations(QAccessible::Labelled)) {
            if (ok(rel.first)) {
                return rel.first;
            }
        }
    }
    return ok(iface) ? iface : nullptr;
}

/// Depth-first search below root for a visible control called `name`.
inline QAccessibleInterface* find(
    QAccessibleInterface* root, const QString& name,
    std::optional<QAccessible::Role> role = std::nullopt,
    const std::function<bool(QAccessibleInterface*)>& accept =
        [](QAccessibleInterface*) { return true; },
    int depth = 0) {
    if (!root || depth > 64) {
        return nullptr;
    }
    for (int i = 0; i < root->childCount(); ++i) {
        QAccessibleInterface* child = root->child(i);
        if (!child || child->state().invisible) {
            continue;
        }
        if (QAccessibleInterface* hit = match(child, name, role, accept)) {
            return hit;
        }
        if (QAccessibleInterface* hit = find(child, name, role, accept, depth + 1)) {
            return hit;
        }
    }
    return nullptr;
}

inline QAccessibleInterface* find(QWidget* root, const QString& name,
                                  std::optional<QAccessible::Role> role = std::nullopt) {
    return find(QAccessible::queryAccessibleInterface(root), name, role);
}

/// The widget of class W behind a control called `name`, or nullptr.
template <class W = QWidget> W* widget(QWidget* root, const QString& name) {
    QAccessibleInterface* iface =
        find(QAccessible::queryAccessibleInterface(root), name, std::nullopt,
             [](QAccessibleInterface* i) { return qobject_cast<W*>(i->object()) != nullptr; });
    return iface ? qobject_cast<W*>(iface->object()) : nullptr;
}

/// Press a button through its accessible action interface.
inline bool press(QWidget* root, const QString& name) {
    QAccessibleInterface* iface = find(root, name, QAccessible::PushButton);
    if (!iface) {
        iface = find(root, name, QAccessible::CheckBox);
    }
    if (!iface || !iface->actionInterface() || !iface->state().focusable ||
        iface->state().disabled) {
        return false;
    }
    iface->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    // Qt animates the click: the button is released (and clicked) by a timer shortly after.
    // The click may close a dialog that deletes itself (and the button) meanwhile.
    if (QPointer<QAbstractButton> button = qobject_cast<QAbstractButton*>(iface->object())) {
        QElapsedTimer waited;
        waited.start();
        while (button && button->isDown() && waited.elapsed() < 2000) {
            QTest::qWait(10);
        }
    }
    return true;
}

/// Replace the text of an editable field by typing into it, as a user would.
inline bool type(QWidget* root, const QString& name, const QString& text) {
    QAccessibleInterface* iface = find(root, name, QAccessible::EditableText);
    if (!iface || iface->state().disabled) {
        return false;
    }
    auto* w = qobject_cast<QWidget*>(iface->object());
    if (!w) {
        return false;
    }
    w->setFocus();
    QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(w, Qt::Key_Delete);
    QTest::keyClicks(w, text);
    QAccessibleTextInterface* t = iface->textInterface();
    return !t || t->text(0, t->characterCount()) == text;
}

/// Replace the text of an editable field the way an input method commits it (QTest::keyClicks
/// types ASCII only; Chinese comes from an IME anyway).
inline bool imeType(QWidget* root, const QString& name, const QString& text) {
    QAccessibleInterface* iface = find(root, name, QAccessible::EditableText);
    auto* w = iface ? qobject_cast<QWidget*>(iface->object()) : nullptr;
    if (!w || iface->state().disabled) {
        return false;
    }
    w->setFocus();
    QTest::keyClick(w, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(w, Qt::Key_Delete);
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QCoreApplication::sendEvent(w, &commit);
    QAccessibleTextInterface* t = iface->textInterface();
    return !t || t->text(0, t->characterCount()) == text;
}

/// Set a spin box (or slider) called `name` through its accessible value interface.
inline bool setValue(QWidget* root, const QString& name, const QVariant& value) {
    QAccessibleInterface* iface = find(root, name, QAccessible::SpinBox);
    if (!iface || !iface->valueInterface() || iface->state().disabled) {
        return false;
    }
    iface->valueInterface()->setCurrentValue(value);
    return iface->valueInterface()->currentValue() == value;
}

/// Text of an editable field or a label through the accessibility tree.
inline QString text(QWidget* root, const QString& name,
                    std::optional<QAccessible::Role> role = std::nullopt) {
    QAccessibleInterface* iface = find(root, name, role);
    if (!iface) {
        return {};
    }
    if (QAccessibleTextInterface* t = iface->textInterface()) {
        return t->text(0, t->characterCount());
    }
    const QString value = iface->text(QAccessible::Value);
    return value.isEmpty() ? iface->text(QAccessible::Description) : value;
}

/// Choose the combo-box entry whose text contains `entry`, with arrow keys on the combo box.
inline bool choose(QWidget* root, const QString& name, const QString& entry) {
    QAccessibleInterface* iface = find(root, name, QAccessible::ComboBox);
    auto* combo = iface ? qobject_cast<QComboBox*>(iface->object()) : nullptr;
    if (!combo || !combo->isEnabled()) {
        return false;
    }
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i <= combo->count(); ++i) {
        if (iface->text(QAccessible::Value).contains(entry) ||
            iface->text(QAccessible::Name).contains(entry)) {
            return true;
        }
        QTest::keyClick(combo, Qt::Key_Down);
    }
    return false;
}

} // namespace a11y
