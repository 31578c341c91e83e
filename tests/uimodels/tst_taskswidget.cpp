// SPDX-License-Identifier: MIT
// TasksWidget driven by the keyboard against a fake backend: Enter adds, Space toggles,
// Delete deletes with undo, an INVALID add shows the inline error and keeps the text,
// empty state, accessible names; saves a screenshot with a few rows.
#include "devstackprocess.h"
#include "fakemutations.h"
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
