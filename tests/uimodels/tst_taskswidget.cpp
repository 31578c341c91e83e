// SPDX-License-Identifier: MIT
// TasksWidget driven by the keyboard against a fake backend: Enter adds, Space toggles,
// Delete deletes with undo, an INVALID add shows the inline error and keeps the text,
// empty state, accessible names; saves a screenshot with a few rows.
#include "devstackprocess.h"
#include "fakemutations.h"
#include "tasks/inlineerror.h"
#include "tasks/taskscontroller.h"
#include "tasks/tasksmodel.h"
#include "tasks/taskswidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTest>

using namespace qonvex::tasks;
using convex::FunctionResult;
using convex::Value;
using convex::ValueObject;
using qonvex::test::FakeMutations;
using qonvex::ui::TasksWidget;

class TestTasksWidget : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        FakeMutations server;
        TasksModel model;
        TasksController controller{server.runner(), &model};
        QList<std::function<void()>> timers;
        TasksWidget widget{&controller};
        Fixture()
        {
            controller.setScheduler([this](std::chrono::milliseconds, std::function<void()> fire) {
                timers.append(std::move(fire));
            });
            widget.resize(480, 320);
            widget.show();
            widget.activateWindow();  // shortcuts (Ctrl+Z) need the active window
        }
        void serve(const QList<TaskRow> &rows) { model.applyServerRows(rows); }
    };

    static QList<TaskRow> sampleRows()
    {
        return {TaskRow{u"t3"_qs, u"Water the plants"_qs, false, 3e12},
                TaskRow{u"t2"_qs, u"Write the quarterly report"_qs, true, 2e12},
                TaskRow{u"t1"_qs, u"Buy oat milk"_qs, false, 1e12}};
    }

private Q_SLOTS:
    void emptyStateAndLoading()
    {
        Fixture f;
        QCOMPARE(f.widget.statusText(), u"Loading tasks…"_qs);
        f.serve({});
        QVERIFY(f.widget.statusText().startsWith(u"No tasks yet"_qs));
        f.serve(sampleRows());
        QCOMPARE(f.widget.statusText(), QString());
    }

    void enterAddsAndInvalidShowsInlineError()
    {
        Fixture f;
        f.serve(sampleRows());
        f.widget.input()->setFocus();
        QTest::keyClicks(f.widget.input(), u"Call mum"_qs);
        QTest::keyClick(f.widget.input(), Qt::Key_Return);
        QCOMPARE(f.server.calls.size(), 1);
        QCOMPARE(f.server.calls[0].args, Value(ValueObject{{u"text"_qs, u"Call mum"_qs}}));
        QCOMPARE(f.widget.input()->text(), QString());
        QCOMPARE(f.model.rowCount(), 4);

        const QString tooLong(501, u'x');
        f.widget.input()->setText(tooLong);
        QTest::keyClick(f.widget.input(), Qt::Key_Return);
        f.server.finish(1, FunctionResult::functionError(
                               u"ConvexError"_qs, Value(ValueObject{{u"code"_qs, u"INVALID"_qs},
                                                                    {u"message"_qs, u"Too long"_qs}})));
        QTRY_VERIFY(f.widget.inputErrorText().contains(u"Too long"_qs));
        QCOMPARE(f.widget.input()->text(), tooLong);  // the text is not lost
        QTest::keyClick(f.widget.input(), Qt::Key_Backspace);
        QCOMPARE(f.widget.inputErrorText(), QString());  // editing clears the error
    }

    static FunctionResult invalid(const QString &message)
    {
        return FunctionResult::functionError(
            u"ConvexError"_qs, Value(ValueObject{{u"code"_qs, u"INVALID"_qs}, {u"message"_qs, message}}));
    }

    void inlineErrorClearsWhenInputClearedOrNextAddSucceeds()
    {
        Fixture f;
        f.serve(sampleRows());
        f.widget.input()->setFocus();
        // An empty task: the server says INVALID, the input stays empty.
        QTest::keyClick(f.widget.input(), Qt::Key_Return);
        f.server.finish(0, invalid(u"Task text must be 1 to 500 characters long"_qs));
        QTRY_VERIFY(!f.widget.inputErrorText().isEmpty());
        // The user types a proper task and presses Enter before looking: once it is added
        // the old error has nothing left to say.
        QTest::keyClicks(f.widget.input(), u"Call mum"_qs);
        QCOMPARE(f.widget.inputErrorText(), QString());

        // Rejected text given back, then the input is cleared (Select all + Delete, or by the
        // program): the error goes with it.
        const QString tooLong(501, u'x');
        f.widget.input()->setText(tooLong);
        QTest::keyClick(f.widget.input(), Qt::Key_Return);  // call 1 ("Call mum" was not sent)
        QCOMPARE(f.server.calls.size(), 2);
        f.server.finish(1, invalid(u"Too long"_qs));
        QTRY_VERIFY(f.widget.inputErrorText().contains(u"Too long"_qs));
        QCOMPARE(f.widget.input()->text(), tooLong);
        f.widget.input()->clear();
        QCOMPARE(f.widget.inputErrorText(), QString());

        // A rejected add followed by one that succeeds (the user typed on while the first
        // was in flight): the error is shown, then cleared by the success.
        QTest::keyClick(f.widget.input(), Qt::Key_Return);  // "" → call 2
        QTest::keyClicks(f.widget.input(), u"Water the garden"_qs);
        QTest::keyClick(f.widget.input(), Qt::Key_Return);  // call 3
        QCOMPARE(f.server.calls.size(), 4);
        f.server.finish(2, invalid(u"Empty"_qs));
        QTRY_VERIFY(f.widget.inputErrorText().contains(u"Empty"_qs));
        f.server.finish(3, FunctionResult::success(Value(u"t9"_qs)));
        QTRY_COMPARE(f.widget.inputErrorText(), QString());
    }

    void inlineErrorColoursAreLegibleAndNotTheSelection_data()
    {
        QTest::addColumn<QColor>("window");
        QTest::addColumn<QColor>("text");
        QTest::newRow("light") << QColor(0xef, 0xef, 0xef) << QColor(0x1f, 0x1f, 0x1f);
        QTest::newRow("white") << QColor(Qt::white) << QColor(Qt::black);
        QTest::newRow("dark") << QColor(0x2b, 0x2b, 0x2b) << QColor(0xe8, 0xe8, 0xe8);
        QTest::newRow("black") << QColor(Qt::black) << QColor(Qt::white);
        QTest::newRow("tinted red") << QColor(0xd9, 0x40, 0x30) << QColor(Qt::white);
    }

    void inlineErrorColoursAreLegibleAndNotTheSelection()
    {
        QFETCH(QColor, window);
        QFETCH(QColor, text);
        QPalette palette(text, window);  // buttons, text and window from these two
        palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        Fixture f;
        f.widget.setPalette(palette);
        auto *error = f.widget.findChild<qonvex::ui::InlineError *>();
        QVERIFY(error);
        f.server.calls.clear();
        f.widget.input()->setFocus();
        QTest::keyClick(f.widget.input(), Qt::Key_Return);
        f.server.finish(0, invalid(u"Task text must be 1 to 500 characters long"_qs));
        QTRY_VERIFY(error->isVisible());
        const QPalette shown = error->palette();
        const QColor fg = shown.color(QPalette::WindowText);
        const QColor bg = shown.color(QPalette::Window);
        QVERIFY2(qonvex::ui::contrastRatio(fg, bg) >= 4.5,
                 qPrintable(u"%1 on %2"_qs.arg(fg.name(), bg.name())));
        QVERIFY(bg != palette.color(QPalette::Highlight));
        QVERIFY(fg != palette.color(QPalette::HighlightedText) || bg != palette.color(QPalette::Highlight));
        // Reads as an error: the tint leans red compared with the window.
        QVERIFY2(bg.red() - bg.blue() >= window.red() - window.blue(), qPrintable(bg.name()));
        // Really painted that way: sample the strip's background next to its icon.
        const QImage image = error->grab().toImage();
        QCOMPARE(image.pixelColor(2, image.height() / 2).rgb(), bg.rgb());
        // Switching the palette at run time follows along.
        QPalette inverted(palette.color(QPalette::Window), palette.color(QPalette::WindowText));
        f.widget.setPalette(inverted);
        const QPalette after = error->palette();
        QVERIFY2(qonvex::ui::contrastRatio(after.color(QPalette::WindowText), after.color(QPalette::Window)) >= 4.5,
                 qPrintable(after.color(QPalette::Window).name()));
        image.save(qonvex::test::artifactsDir() + u"/taskswidget-inline-error-"_qs
                   + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".png"_qs);
    }

    void spaceTogglesAndDeleteSchedulesWithUndo()
    {
        Fixture f;
        f.serve(sampleRows());
        QListView *list = f.widget.listView();
        QVERIFY(QTest::qWaitForWindowActive(&f.widget));
        list->setFocus();
        list->setCurrentIndex(f.model.index(2));  // "Buy oat milk", not done
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(f.server.calls.size(), 1);
        QCOMPARE(f.server.calls[0].name, u"tasks:setDone"_qs);
        QCOMPARE(f.server.calls[0].args, Value(ValueObject{{u"id"_qs, u"t1"_qs}, {u"done"_qs, true}}));
        QCOMPARE(f.model.index(2).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

        list->setCurrentIndex(f.model.index(0));
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(f.model.index(0).data(TasksModel::DeleteScheduledRole).toBool());
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!f.model.index(0).data(TasksModel::DeleteScheduledRole).toBool());
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(f.timers.size(), 2);
        f.timers[1]();
        QCOMPARE(f.server.calls.size(), 2);
        QCOMPARE(f.server.calls[1].args, Value(ValueObject{{u"id"_qs, u"t3"_qs}}));
    }

    void everyControlHasAnAccessibleName()
    {
        Fixture f;
        const QList<QWidget *> controls = f.widget.findChildren<QWidget *>();
        int checked = 0;
        for (QWidget *w : controls) {
            if (qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                || qobject_cast<QListView *>(w) || qobject_cast<QLabel *>(w)) {
                QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
                ++checked;
            }
        }
        QVERIFY(checked >= 8);
    }

    void screenshotWithAFewRows()
    {
        Fixture f;
        f.serve(sampleRows());
        f.controller.add(u"Book the dentist"_qs);  // pending
        f.controller.remove(u"t1"_qs);              // in its undo window
        f.controller.toggle(u"t3"_qs);
        f.server.finish(1, FunctionResult::clientError(u"Connection lost"_qs));  // failed toggle
        QTRY_VERIFY(f.controller.hasFailedWrite(u"t3"_qs));
        f.widget.listView()->setCurrentIndex(f.model.index(1));
        const QImage image = f.widget.grab().toImage();
        const QString path = qonvex::test::artifactsDir() + u"/taskswidget-fake.png"_qs;
        QVERIFY(image.save(path));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_MAIN(TestTasksWidget)
#include "tst_taskswidget.moc"
