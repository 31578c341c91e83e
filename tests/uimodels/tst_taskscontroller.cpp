// SPDX-License-Identifier: MIT
// TasksController with a fake mutation runner and a hand-fired undo scheduler: pending
// rows, optimistic toggles, delete with undo, failures kept visible with retry, INVALID
// going back to the input.
#include "fakemutations.h"
#include "tasks/taskscontroller.h"
#include "tasks/tasksmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace qonvex::tasks;
using convex::FunctionResult;
using convex::Value;
using convex::ValueObject;
using qonvex::test::FakeMutations;

namespace {
QList<TaskRow> serverList(std::initializer_list<std::pair<const char16_t *, bool>> items)
{
    QList<TaskRow> rows;
    double t = 1.7e12;
    for (const auto &[id, done] : items)
        rows.append(TaskRow{QString::fromUtf16(id), u"text of "_qs + QString::fromUtf16(id), done, t--});
    return rows;
}

FunctionResult invalid(const QString &message)
{
    return FunctionResult::functionError(
        u"Uncaught ConvexError"_qs,
        Value(ValueObject{{u"code"_qs, u"INVALID"_qs}, {u"message"_qs, message}}));
}

QVariant roleOf(const TasksModel &model, const QString &id, int role)
{
    return model.index(model.rowOfId(id)).data(role);
}
} // namespace

class TestTasksController : public QObject {
    Q_OBJECT
private:
    struct Fixture {
        FakeMutations server;
        TasksModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
        TasksController controller{server.runner(), &model};
        QList<std::function<void()>> timers;
        Fixture()
        {
            controller.setScheduler([this](std::chrono::milliseconds delay, std::function<void()> fire) {
                QCOMPARE(delay, TasksController::DefaultUndoWindow);
                timers.append(std::move(fire));
            });
            model.applyServerRows(serverList({{u"a", false}, {u"b", true}}));
        }
    };

private Q_SLOTS:
    void addShowsAPendingRowUntilConfirmed()
    {
        Fixture f;
        f.controller.add(u"buy milk"_qs);
        QCOMPARE(f.server.calls.size(), 1);
        QCOMPARE(f.server.calls[0].name, u"tasks:add"_qs);
        QCOMPARE(f.server.calls[0].args, Value(ValueObject{{u"text"_qs, u"buy milk"_qs}}));
        QCOMPARE(f.model.rowCount(), 3);
        QCOMPARE(f.model.index(0).data(TasksModel::TextRole).toString(), u"buy milk"_qs);
        QVERIFY(f.model.index(0).data(TasksModel::PendingRole).toBool());

        // The client resolves a mutation once the query reflects it: server row first.
        QList<TaskRow> next = serverList({{u"c", false}, {u"a", false}, {u"b", true}});
        next[0].text = u"buy milk"_qs;
        f.model.applyServerRows(next);
        f.server.finish(0, FunctionResult::success(Value(u"c"_qs)));
        QTRY_COMPARE(f.model.rowCount(), 3);
        QCOMPARE(f.model.index(0).data(TasksModel::IdRole).toString(), u"c"_qs);
        QVERIFY(!f.model.index(0).data(TasksModel::PendingRole).toBool());
    }

    void invalidAddGoesBackToTheInput()
    {
        Fixture f;
        QSignalSpy rejected(&f.controller, &TasksController::inputRejected);
        f.controller.add(QString());
        f.server.finish(0, invalid(u"Task text must be 1 to 500 characters"_qs));
        QTRY_COMPARE(rejected.size(), 1);
        QCOMPARE(rejected[0][0].toString(), u"Task text must be 1 to 500 characters"_qs);
        QCOMPARE(rejected[0][1].toString(), QString());
        QCOMPARE(f.model.rowCount(), 2);  // no orphan row
    }

    void failedAddStaysWithErrorAndRetries()
    {
        Fixture f;
        QSignalSpy failed(&f.controller, &TasksController::writeFailed);
        f.controller.add(u"offline task"_qs);
        f.server.finish(0, FunctionResult::clientError(u"Client closed"_qs));
        QTRY_COMPARE(failed.size(), 1);
        const QString localId = f.model.idAt(0);
        QCOMPARE(f.model.rowCount(), 3);
        QCOMPARE(roleOf(f.model, localId, TasksModel::ErrorRole).toString(), u"Client closed"_qs);
        QVERIFY(!roleOf(f.model, localId, TasksModel::PendingRole).toBool());
        QVERIFY(f.controller.hasFailedWrite(localId));

        f.controller.retry(localId);
        QCOMPARE(f.server.calls.size(), 2);
        QCOMPARE(f.server.calls[1].args[u"text"_qs].toString(), u"offline task"_qs);
        QVERIFY(roleOf(f.model, localId, TasksModel::PendingRole).toBool());
        QVERIFY(roleOf(f.model, localId, TasksModel::ErrorRole).toString().isEmpty());
        f.server.finish(1, FunctionResult::success(Value(u"x"_qs)));
        QTRY_COMPARE(f.model.rowOfId(localId), -1);
    }

    void dismissForgetsAFailedAdd()
    {
        Fixture f;
        f.controller.add(u"t"_qs);
        f.server.finish(0, FunctionResult::functionError(u"boom"_qs));
        QTRY_VERIFY(f.controller.hasFailedWrite(f.model.idAt(0)));
        f.controller.dismiss(f.model.idAt(0));
        QCOMPARE(f.model.rowCount(), 2);
    }

    void toggleIsOptimisticAndRevertsOnFailure()
    {
        Fixture f;
        f.controller.toggle(u"a"_qs);
        QCOMPARE(f.server.calls[0].name, u"tasks:setDone"_qs);
        QCOMPARE(f.server.calls[0].args,
                 Value(ValueObject{{u"id"_qs, u"a"_qs}, {u"done"_qs, true}}));
        QCOMPARE(roleOf(f.model, u"a"_qs, TasksModel::DoneRole).toBool(), true);
        QVERIFY(roleOf(f.model, u"a"_qs, TasksModel::PendingRole).toBool());
        f.server.finish(0, FunctionResult::functionError(u"Server error"_qs));
        QTRY_VERIFY(!roleOf(f.model, u"a"_qs, TasksModel::ErrorRole).toString().isEmpty());
        QCOMPARE(roleOf(f.model, u"a"_qs, TasksModel::DoneRole).toBool(), false);

        f.controller.retry(u"a"_qs);
        QCOMPARE(f.server.calls.size(), 2);
        QCOMPARE(roleOf(f.model, u"a"_qs, TasksModel::DoneRole).toBool(), true);
        f.model.applyServerRows(serverList({{u"a", true}, {u"b", true}}));
        f.server.finish(1, FunctionResult::success({}));
        QTRY_VERIFY(!roleOf(f.model, u"a"_qs, TasksModel::PendingRole).toBool());
        QCOMPARE(roleOf(f.model, u"a"_qs, TasksModel::DoneRole).toBool(), true);
        QVERIFY(roleOf(f.model, u"a"_qs, TasksModel::ErrorRole).toString().isEmpty());
    }

    void checkboxRequestsAToggle()
    {
        Fixture f;
        QVERIFY(f.model.setData(f.model.index(1), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(f.server.calls.size(), 1);
        QCOMPARE(f.server.calls[0].args, Value(ValueObject{{u"id"_qs, u"b"_qs}, {u"done"_qs, false}}));
    }

    void deleteWaitsForTheUndoWindow()
    {
        Fixture f;
        QSignalSpy undoAvailable(&f.controller, &TasksController::undoAvailableChanged);
        f.controller.remove(u"a"_qs);
        QVERIFY(f.server.calls.isEmpty());
        QVERIFY(roleOf(f.model, u"a"_qs, TasksModel::DeleteScheduledRole).toBool());
        QVERIFY(f.controller.canUndo());
        QCOMPARE(f.timers.size(), 1);
        QVERIFY(f.controller.undoLastDelete());
        QVERIFY(!roleOf(f.model, u"a"_qs, TasksModel::DeleteScheduledRole).toBool());
        f.timers.takeFirst()();  // the window ends after the undo: nothing is sent
        QVERIFY(f.server.calls.isEmpty());
        QCOMPARE(undoAvailable.size(), 2);

        f.controller.remove(u"a"_qs);
        f.timers.takeFirst()();
        QCOMPARE(f.server.calls.size(), 1);
        QCOMPARE(f.server.calls[0].name, u"tasks:remove"_qs);
        QCOMPARE(f.server.calls[0].args, Value(ValueObject{{u"id"_qs, u"a"_qs}}));
        QVERIFY(!f.controller.undoDelete(u"a"_qs));  // too late
        QVERIFY(roleOf(f.model, u"a"_qs, TasksModel::PendingRole).toBool());
        f.model.applyServerRows(serverList({{u"b", true}}));
        f.server.finish(0, FunctionResult::success({}));
        QCOMPARE(f.model.rowCount(), 1);
    }

    void failedDeleteStaysVisible()
    {
        Fixture f;
        f.controller.remove(u"b"_qs);
        f.controller.commitScheduledDeletes();
        QCOMPARE(f.server.calls.size(), 1);
        f.server.finish(0, FunctionResult::clientError(u"Client closed"_qs));
        QTRY_VERIFY(f.controller.hasFailedWrite(u"b"_qs));
        QCOMPARE(roleOf(f.model, u"b"_qs, TasksModel::ErrorRole).toString(), u"Client closed"_qs);
        QVERIFY(!roleOf(f.model, u"b"_qs, TasksModel::DeleteScheduledRole).toBool());
        f.controller.retry(u"b"_qs);
        QCOMPARE(f.server.calls.size(), 2);
        QCOMPARE(f.server.calls[1].name, u"tasks:remove"_qs);
    }

    void destroyingTheControllerSendsScheduledDeletes()
    {
        FakeMutations server;
        TasksModel model;
        model.applyServerRows(serverList({{u"a", false}}));
        {
            TasksController controller(server.runner(), &model);
            controller.setScheduler([](std::chrono::milliseconds, std::function<void()>) {});
            controller.remove(u"a"_qs);
            QVERIFY(server.calls.isEmpty());
        }
        QCOMPARE(server.calls.size(), 1);
        QCOMPARE(server.calls[0].name, u"tasks:remove"_qs);
    }
};

QTEST_GUILESS_MAIN(TestTasksController)
#include "tst_taskscontroller.moc"
