#include "a11y.h"
#include "core/net/socket_spec.h"
#include "ui/widgets/composer.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace socklab;
using namespace socklab::ui;

namespace {

QLabel* problemLabel(const Composer& c) {
    for (auto* label : c.findChildren<QLabel*>()) {
        if (label->accessibleName() == QStringLiteral("Destination problem")) {
            return label;
        }
    }
    return nullptr;
}

QAbstractButton* buttonNamed(const Composer& c, const QString& name) {
    for (auto* button : c.findChildren<QAbstractButton*>()) {
        if (button->accessibleName() == name ||
            (button->accessibleName().isEmpty() && button->text().remove(u'&') == name)) {
            return button;
        }
    }
    return nullptr;
}

QLineEdit* destinationField(const Composer& c) {
    for (auto* edit : c.findChildren<QLineEdit*>()) {
        if (edit->accessibleName() == QStringLiteral("Destination")) {
            return edit;
        }
    }
    return nullptr;
}

} // namespace

class TestComposer : public QObject {
    Q_OBJECT
private:
    static QByteArray sentBytes(const QSignalSpy& spy, int i) {
        return spy.at(i).at(0).toByteArray();
    }

private slots:
    void choosingHexDropsTheLineEnding() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        QVERIFY(a11y::choose(&c, QStringLiteral("Line ending"), QStringLiteral("LF")));
        QVERIFY(a11y::choose(&c, QStringLiteral("Mode"), QStringLiteral("Hex")));
        QVERIFY(a11y::text(&c, QStringLiteral("Line ending")).isEmpty() ||
                a11y::widget<QComboBox>(&c, QStringLiteral("Line ending"))
                    ->currentText()
                    .startsWith(QStringLiteral("No line")));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("de ad be ef")));
        QSignalSpy spy(&c, &Composer::sendRequested);
        QVERIFY(a11y::press(&c, QStringLiteral("Send")));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toByteArray(), QByteArray::fromHex("deadbeef"));
        // Still the user's choice afterwards.
        QVERIFY(a11y::choose(&c, QStringLiteral("Line ending"), QStringLiteral("CR LF")));
        QCOMPARE(c.currentBytes()->size(), std::size_t(6));
    }

    void hexModeShowsTheBadDigitPosition() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        QVERIFY(a11y::choose(&c, QStringLiteral("Mode"), QStringLiteral("Hex")));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("de ad zz")));
        QVERIFY(!c.currentBytes());
        QVERIFY2(c.validationText().contains(QStringLiteral("position 6")),
                 qPrintable(c.validationText()));
        QVERIFY(!a11y::press(&c, QStringLiteral("Send"))); // disabled while invalid
        QSignalSpy spy(&c, &Composer::sendRequested);
        QVERIFY(!c.send());
        QCOMPARE(spy.count(), 0);
        // The bad character is highlighted in the editor.
        auto* editor = a11y::widget<QPlainTextEdit>(&c, QStringLiteral("Message"));
        QCOMPARE(editor->extraSelections().size(), 1);
        QCOMPARE(editor->extraSelections().front().cursor.selectionStart(), 6);

        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("de ad be ef")));
        QVERIFY(c.validationText().isEmpty());
        QVERIFY(a11y::press(&c, QStringLiteral("Send")));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(sentBytes(spy, 0), QByteArray::fromHex("deadbeef"));
    }

    void ctrlEnterSendsTextWithLineEnding() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        QSignalSpy spy(&c, &Composer::sendRequested);
        QVERIFY(a11y::choose(&c, QStringLiteral("Line ending"), QStringLiteral("CR LF")));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("GET /")));
        auto* editor = a11y::widget<QPlainTextEdit>(&c, QStringLiteral("Message"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(sentBytes(spy, 0), QByteArray("GET /\r\n"));
        QCOMPARE(spy.at(0).at(1).toBool(), false);
    }

    void escapesMode() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        QVERIFY(a11y::choose(&c, QStringLiteral("Mode"), QStringLiteral("Escapes")));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("a\\x00\\n")));
        QCOMPARE(c.currentBytes().value().size(), std::size_t(3));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("ok \\q")));
        // Unknown escapes are kept as typed by the codec or reported; either way no crash and
        // the position (if any) is inside the text.
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("\\xZZ")));
        QVERIFY(!c.currentBytes());
        QVERIFY(c.validationText().contains(QStringLiteral("0")));
    }

    void historyWithUpAndDown() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        for (const char* m : {"one", "two", "three"}) {
            QVERIFY(a11y::type(&c, QStringLiteral("Message"), QString::fromLatin1(m)));
            QVERIFY(c.send());
        }
        QCOMPARE(c.history().size(), std::size_t(3));
        QCOMPARE(c.history().front().content, std::string("three"));
        auto* editor = a11y::widget<QPlainTextEdit>(&c, QStringLiteral("Message"));
        editor->clear();
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Up);
        QCOMPARE(editor->toPlainText(), QStringLiteral("three"));
        QTest::keyClick(editor, Qt::Key_Up);
        QCOMPARE(editor->toPlainText(), QStringLiteral("two"));
        QTest::keyClick(editor, Qt::Key_Down);
        QCOMPARE(editor->toPlainText(), QStringLiteral("three"));
        // And through the dropdown.
        auto* combo = a11y::widget<QComboBox>(&c, QStringLiteral("History"));
        QCOMPARE(combo->count(), 3);
        QVERIFY(a11y::choose(&c, QStringLiteral("History"), QStringLiteral("one")));
        emit combo->activated(combo->currentIndex());
        QCOMPARE(editor->toPlainText(), QStringLiteral("one"));
    }

    void historyBoxListsSentMessagesNewestFirst() {
        Composer c;
        c.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c));
        c.setSendEnabled(true);
        auto* combo = a11y::widget<QComboBox>(&c, QStringLiteral("History"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 0);
        QVERIFY(!combo->placeholderText().isEmpty()); // empty box: says why
        for (const char* m : {"one", "two", "three"}) {
            QVERIFY(a11y::type(&c, QStringLiteral("Message"), QString::fromLatin1(m)));
            QVERIFY(a11y::press(&c, QStringLiteral("Send")));
            // Not blank after a send: the box shows what was just sent.
            QCOMPARE(combo->currentText(), QString::fromLatin1(m));
        }
        QCOMPARE(combo->count(), 3);
        QCOMPARE(combo->itemText(0), QStringLiteral("three"));
        QCOMPARE(combo->itemText(1), QStringLiteral("two"));
        QCOMPARE(combo->itemText(2), QStringLiteral("one"));
        // Keyboard: Tab from Mode reaches it (Mode, Line ending, History); Down puts the next
        // older message into the editor.
        auto* mode = a11y::widget<QComboBox>(&c, QStringLiteral("Mode"));
        QVERIFY(mode);
        mode->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), combo);
        QTest::keyClick(combo, Qt::Key_Down);
        auto* editor = a11y::widget<QPlainTextEdit>(&c, QStringLiteral("Message"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("two"));
        QCOMPARE(a11y::text(&c, QStringLiteral("History"), QAccessible::ComboBox),
                 QStringLiteral("two"));
    }

    void repeatSendsNTimesAndStops() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        QSignalSpy spy(&c, &Composer::sendRequested);
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("tick")));
        auto* count = a11y::widget<QSpinBox>(&c, QStringLiteral("Repeat"));
        auto* every = a11y::widget<QSpinBox>(&c, QStringLiteral("every"));
        QVERIFY(count && every);
        count->setValue(4);
        every->setValue(20);
        QVERIFY(a11y::press(&c, QStringLiteral("Start repeat")));
        QVERIFY(c.isRepeating());
        QTRY_COMPARE(spy.count(), 4);
        QTRY_VERIFY(!c.isRepeating());
        QTest::qWait(100);
        QCOMPARE(spy.count(), 4);

        // Stoppable: a long series stops when asked.
        count->setValue(1000);
        every->setValue(10);
        QVERIFY(a11y::press(&c, QStringLiteral("Start repeat")));
        QTRY_VERIFY(spy.count() >= 6);
        QVERIFY(a11y::press(&c, QStringLiteral("Stop repeat")));
        const int stoppedAt = spy.count();
        QTest::qWait(100);
        QCOMPARE(spy.count(), stoppedAt);
        QVERIFY(stoppedAt < 100);
    }

    void capabilitiesShowTheRightControls() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        QVERIFY(!a11y::find(&c, QStringLiteral("Destination")));
        QVERIFY(!a11y::find(&c, QStringLiteral("Urgent (MSG_OOB)")));
        c.setCapabilities({.stream = true, .urgent = true});
        QVERIFY(a11y::find(&c, QStringLiteral("Urgent (MSG_OOB)")));
        QSignalSpy half(&c, &Composer::halfCloseRequested);
        QVERIFY(a11y::press(&c, QStringLiteral("Half-close")));
        QCOMPARE(half.count(), 1);
        QSignalSpy spy(&c, &Composer::sendRequested);
        QVERIFY(a11y::press(&c, QStringLiteral("Urgent (MSG_OOB)")));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("!")));
        QVERIFY(c.send());
        QCOMPARE(spy.at(0).at(1).toBool(), true);

        c.setCapabilities({.needsDestination = true});
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QStringLiteral("127.0.0.1:9")));
        QVERIFY(c.send());
        QCOMPARE(spy.at(1).at(2).toString(), QStringLiteral("127.0.0.1:9"));
        QCOMPARE(spy.at(1).at(1).toBool(), false); // urgent hidden -> off

        c.setSendEnabled(false);
        QVERIFY(!c.send());
        QCOMPARE(spy.count(), 2);
    }
    // The destination is checked as typed (core's checkDestination for the socket): a bad one
    // is named under the field and nothing is sent, a host name waits for the send to resolve,
    // and a raw or ICMP socket needs no port.
    void destinationIsCheckedForTheSocket() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        const int inet = familyByName("AF_INET")->value;
        c.setCapabilities(
            {.needsDestination = true, .spec = {inet, typeByName("SOCK_DGRAM")->value, 0}});
        QSignalSpy spy(&c, &Composer::sendRequested);
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("x")));
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QStringLiteral("127.0.0.1")));
        QCOMPARE(a11y::text(&c, QStringLiteral("Destination problem")),
                 QStringLiteral("parse address \"127.0.0.1\": missing port: write a.b.c.d:port"));
        QVERIFY(!c.send());
        QVERIFY(!a11y::press(&c, QStringLiteral("Send")));
        QCOMPARE(spy.count(), 0);
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QStringLiteral("localhost:9")));
        QVERIFY(c.destinationProblem().isEmpty());
        QVERIFY(c.send());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(2).toString(), QStringLiteral("localhost:9"));

        c.setCapabilities(
            {.needsDestination = true,
             .spec = {inet, typeByName("SOCK_RAW")->value, protocolByName("IPPROTO_ICMP")->value}});
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QStringLiteral("127.0.0.1")));
        QVERIFY2(c.destinationProblem().isEmpty(), qPrintable(c.destinationProblem()));
        QVERIFY(c.send());
        QCOMPARE(spy.count(), 2);
        // A connected socket has no destination to check.
        c.setCapabilities({});
        QVERIFY(c.destinationProblem().isEmpty());
    }
    // An unconnected datagram socket with no destination yet is no mistake: Send, Repeat and
    // File wait and say why; the red message comes when Send is tried (Ctrl+Enter) anyway.
    void emptyDestinationIsNeutralUntilSendIsTried() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        const int inet = familyByName("AF_INET")->value;
        c.setCapabilities(
            {.needsDestination = true, .spec = {inet, typeByName("SOCK_DGRAM")->value, 0}});
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("x")));
        auto* problem = problemLabel(c);
        auto* send = buttonNamed(c, QStringLiteral("Send"));
        auto* field = destinationField(c);
        QVERIFY(problem && send && field);
        QVERIFY(problem->isHidden());
        QVERIFY(c.destinationProblem().isEmpty());
        QVERIFY(!send->isEnabled());
        QVERIFY(!buttonNamed(c, QStringLiteral("Start repeat"))->isEnabled());
        QCOMPARE(send->toolTip(), QStringLiteral("Type a destination address"));
        QVERIFY2(field->placeholderText().startsWith(QStringLiteral("Type a destination address")),
                 qPrintable(field->placeholderText()));
        QVERIFY(field->accessibleDescription().isEmpty());

        QSignalSpy spy(&c, &Composer::sendRequested);
        QTest::keyClick(c.findChild<QPlainTextEdit*>(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(spy.count(), 0);
        const QString empty =
            QStringLiteral("parse address \"\": address is empty: write a.b.c.d:port");
        QCOMPARE(problem->text(), empty);
        QVERIFY(!problem->isHidden());
        QCOMPARE(field->accessibleDescription(), empty);

        // A bad address shows as typed; a good one clears it and Send takes it.
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QStringLiteral("127.0.0.1:")));
        QCOMPARE(field->accessibleDescription(),
                 QStringLiteral("parse address \"127.0.0.1:\": missing port after ':'"));
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QStringLiteral("127.0.0.1:9")));
        QVERIFY(problem->isHidden());
        QVERIFY(field->accessibleDescription().isEmpty());
        QVERIFY(send->isEnabled());
        QCOMPARE(send->toolTip(), QStringLiteral("Send (Ctrl+Enter)"));
        // Cleared again after a destination was given: neutral again until the next try.
        QVERIFY(a11y::type(&c, QStringLiteral("Destination"), QString()));
        QVERIFY(problem->isHidden());
        QVERIFY(!send->isEnabled());
    }
    void tabOrderReachesSendThenHalfClose() {
        Composer c;
        c.show();
        c.setSendEnabled(true);
        c.setCapabilities({.stream = true, .urgent = true});
        c.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&c));
        QVERIFY(a11y::type(&c, QStringLiteral("Message"), QStringLiteral("hi")));
        auto* mode = a11y::widget<QComboBox>(&c, QStringLiteral("Mode"));
        mode->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(mode));
        // Walk the chain as a keyboard user does, bounded by the number of controls.
        QStringList visited = {mode->accessibleName()};
        for (int i = 0; i < 20; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget* w = QApplication::focusWidget();
            QVERIFY(w);
            if (w == mode) {
                break;
            }
            visited << w->accessibleName();
        }
        const QStringList expected = {
            QStringLiteral("Mode"),      QStringLiteral("Line ending"),
            QStringLiteral("History"),   QStringLiteral("Message"),
            QStringLiteral("Send"),      QStringLiteral("Urgent (MSG_OOB)"),
            QStringLiteral("Half-close")};
        qsizetype at = -1;
        for (const QString& name : expected) {
            const qsizetype next = visited.indexOf(name);
            QVERIFY2(next > at, qPrintable(name + QStringLiteral(" out of order in: ") +
                                           visited.join(QStringLiteral(", "))));
            at = next;
        }
    }
};

QTEST_MAIN(TestComposer)
#include "test_composer.moc"
