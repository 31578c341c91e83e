// SPDX-License-Identifier: MIT
// Against the real stand-ins (devstack/run, real sockets): the task list follows
// `tasks:list` while another client adds, toggles and removes; an INVALID add shows the
// inline error; the identity follows `users:me`; the console runs `debug:echo` with int64
// and bytes and `debug:slowEcho` with its log line. Screenshots go to artifactsDir().
#include "devstackprocess.h"

#include "console/functionconsolecontroller.h"
#include "console/functionconsolewidget.h"
#include "identity/identitybadge.h"
#include "identity/identitymodel.h"
#include "tasks/tasksmodel.h"
#include "tasks/taskswidget.h"
#include "style/errorcolours.h"

#include <convexclient/client.h>

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QLabel>
#include <QTest>
#include <QTimer>

using convex::Client;
using convex::FunctionResult;
using convex::Value;
using convex::ValueObject;
using qonvex::tasks::TasksModel;
using qonvex::test::DevStackProcess;

namespace {
constexpr int kTimeout = 30000;

int rowWithText(const TasksModel &model, const QString &text)
{
    for (int i = 0; i < model.rowCount(); ++i) {
        if (model.index(i).data(TasksModel::TextRole).toString() == text
            && !model.index(i).data(TasksModel::LocalRole).toBool())
            return i;
    }
    return -1;
}
} // namespace

class TestModelsDevstack : public QObject {
    Q_OBJECT
private:
    DevStackProcess m_stack;

    //! Signs Ada in on the Clerk stand-in and mints a `convex` JWT, from a zero timer so
    //! the blocking control call does not nest inside the client's callbacks.
    Client::TokenFetcher tokenFetcher(QObject *context)
    {
        return [this, context](bool, std::function<void(std::optional<QString>)> done) {
            QTimer::singleShot(0, context, [this, done] {
                QString error;
                const QJsonObject signIn = m_stack.control(
                    u"/__devstack/sign-in"_qs, {{u"email"_qs, u"ada@example.com"_qs}}, false, &error);
                const QJsonObject minted = m_stack.control(
                    u"/__devstack/tokens"_qs, {{u"sessionId"_qs, signIn.value(u"sessionId"_qs)}},
                    false, &error);
                const QString jwt = minted.value(u"jwt"_qs).toString();
                if (jwt.isEmpty())
                    done(std::nullopt);
                else
                    done(jwt);
            });
        };
    }

    static FunctionResult await(QFuture<FunctionResult> future)
    {
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, kTimeout))
            return FunctionResult::clientError(u"timed out"_qs);
        return future.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_stack.start({}, 60000), qPrintable(m_stack.error()));
    }

    void init()
    {
        QString error;
        m_stack.control(u"/__devstack/reset"_qs, {}, true, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void taskListFollowsAnotherClient()
    {
        Client mine(m_stack.convexUrl());
        Client other(m_stack.convexUrl());
        mine.setAuth(tokenFetcher(&mine));
        other.setAuth(tokenFetcher(&other));
        qonvex::ui::TasksWidget widget(&mine);
        widget.resize(520, 340);
        widget.show();
        TasksModel *model = widget.model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->queryError().isEmpty()
                                     && mine.isAuthenticated(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(widget.statusText().startsWith(u"No tasks yet"_qs), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(other.isAuthenticated(), kTimeout);

        // The other client adds: the row appears here.
        for (const QString &text : {u"Buy oat milk"_qs, u"Write the quarterly report"_qs,
                                    u"Water the plants"_qs}) {
            const FunctionResult added = await(other.mutation(u"tasks:add"_qs, ValueObject{{u"text"_qs, text}}));
            QVERIFY2(added.isSuccess(), qPrintable(added.errorMessage()));
        }
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, kTimeout);
        QCOMPARE(model->index(0).data(TasksModel::TextRole).toString(), u"Water the plants"_qs);  // newest first
        QPersistentModelIndex report(model->index(rowWithText(*model, u"Write the quarterly report"_qs)));
        widget.listView()->setCurrentIndex(report);

        // Toggle elsewhere: dataChanged on the same row, selection kept.
        const QString reportId = report.data(TasksModel::IdRole).toString();
        QVERIFY(await(other.mutation(u"tasks:setDone"_qs,
                                     ValueObject{{u"id"_qs, reportId}, {u"done"_qs, true}})).isSuccess());
        QTRY_VERIFY_WITH_TIMEOUT(report.data(TasksModel::DoneRole).toBool(), kTimeout);
        QCOMPARE(widget.listView()->currentIndex(), QModelIndex(report));

        // Add through the widget: Enter in the input.
        QTest::keyClicks(widget.input(), u"Book the dentist"_qs);
        QTest::keyClick(widget.input(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(rowWithText(*model, u"Book the dentist"_qs) >= 0 && model->rowCount() == 4,
                                 kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!model->index(rowWithText(*model, u"Book the dentist"_qs))
                                      .data(TasksModel::PendingRole).toBool(), kTimeout);

        // An empty task: the server's INVALID error shows next to the input.
        QTest::keyClick(widget.input(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!widget.inputErrorText().isEmpty(), kTimeout);
        QVERIFY2(widget.inputErrorText().contains(u"Could not add"_qs), qPrintable(widget.inputErrorText()));
        QCOMPARE(model->rowCount(), 4);

        const QImage image = widget.grab().toImage();
        QVERIFY(image.save(qonvex::test::artifactsDir() + u"/taskswidget-devstack.png"_qs));

        // Removed elsewhere: the row goes, the selection stays on the report.
        const QString milkId = model->index(rowWithText(*model, u"Buy oat milk"_qs)).data(TasksModel::IdRole).toString();
        QVERIFY(await(other.mutation(u"tasks:remove"_qs, ValueObject{{u"id"_qs, milkId}})).isSuccess());
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, kTimeout);
        QCOMPARE(rowWithText(*model, u"Buy oat milk"_qs), -1);
        QCOMPARE(widget.listView()->currentIndex().data(TasksModel::IdRole).toString(), reportId);
    }

    void identityFollowsUsersMe()
    {
        Client client(m_stack.convexUrl());
        qonvex::identity::IdentityModel anonymous(&client);
        QTRY_COMPARE_WITH_TIMEOUT(anonymous.state(), qonvex::identity::IdentityModel::State::SignedOut, kTimeout);
        client.setAuth(tokenFetcher(&client));
        QTRY_COMPARE_WITH_TIMEOUT(anonymous.state(), qonvex::identity::IdentityModel::State::SignedIn, kTimeout);
        QCOMPARE(anonymous.email(), u"ada@example.com"_qs);
        QVERIFY(!anonymous.initials().isEmpty() && anonymous.initials() != u"?"_qs);
        qonvex::ui::IdentityBadge badge(&anonymous);
        badge.resize(280, 56);
        QVERIFY(badge.grab().toImage().save(qonvex::test::artifactsDir() + u"/identitybadge-devstack.png"_qs));
        qInfo("identity: %s <%s> initials %s", qPrintable(anonymous.name()), qPrintable(anonymous.email()),
              qPrintable(anonymous.initials()));
    }

    void consoleShowsInt64AndBytesFaithfully()
    {
        Client client(m_stack.convexUrl());
        qonvex::ui::FunctionConsoleWidget console(&client);
        console.resize(820, 480);
        console.show();
        // int64 2^53+1 (not representable as a double) and the bytes 00 ff 10.
        const Value value(ValueObject{{u"big"_qs, Value::int64(9007199254740993LL)},
                                      {u"raw"_qs, Value::bytes(QByteArray("\x00\xff\x10", 3))}});
        const QString args = u"{\"value\": %1}"_qs.arg(QString::fromUtf8(value.toJson().value()));

        // Invalid arguments are explained and not sent.
        console.pathEdit()->setText(u"debug:echo"_qs);
        console.argumentsEdit()->setPlainText(u"[1]"_qs);
        QVERIFY(console.validationText().contains(u"object"_qs));
        console.run();
        QCOMPARE(console.controller()->status(), qonvex::console::FunctionConsoleController::Status::Idle);

        console.argumentsEdit()->setPlainText(args);
        QCOMPARE(console.validationText(), QString());
        console.kindBox()->setCurrentIndex(0);  // live query
        QTest::mouseClick(console.runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(console.resultText(), value.toPrettyJson(), kTimeout);
        QVERIFY(console.resultText().contains(u"$integer"_qs));
        QVERIFY(console.resultText().contains(u"$bytes"_qs));
        QCOMPARE(Value::fromJson(console.resultText().toUtf8()).value(), value);
        QVERIFY(console.statusText().contains(u"live"_qs));

        // An action with a log line: in the call's log and in the server log.
        console.pathEdit()->setText(u"debug:slowEcho"_qs);
        console.argumentsEdit()->setPlainText(u"{\"value\": {\"$integer\": \"KgAAAAAAAAA=\"}, \"ms\": 5}"_qs);
        console.kindBox()->setCurrentIndex(2);
        console.run();
        QTRY_VERIFY_WITH_TIMEOUT(console.statusText().contains(u"succeeded"_qs), kTimeout);
        QCOMPARE(Value::fromJson(console.resultText().toUtf8()).value(), Value::int64(42));
        QVERIFY2(console.callLogText().contains(u"slowEcho waited 5 ms"_qs), qPrintable(console.callLogText()));
        QTRY_VERIFY_WITH_TIMEOUT(console.serverLogText().contains(u"debug:slowEcho"_qs), kTimeout);

        // A function error with ConvexError data (anonymous tasks:add).
        console.pathEdit()->setText(u"tasks:add"_qs);
        console.argumentsEdit()->setPlainText(u"{\"text\": \"x\"}"_qs);
        console.kindBox()->setCurrentIndex(1);
        console.run();
        QTRY_VERIFY_WITH_TIMEOUT(console.statusText().contains(u"failed"_qs), kTimeout);
        QVERIFY2(console.resultText().contains(u"UNAUTHENTICATED"_qs), qPrintable(console.resultText()));

        // Rejected arguments: the error, in the error colours, and nothing of the last call
        // (its result and "failed" would read as this input's outcome).
        console.argumentsEdit()->setPlainText(u"{\"text\": x}"_qs);
        console.run();
        QCOMPARE(console.controller()->status(), qonvex::console::FunctionConsoleController::Status::Idle);
        QCOMPARE(console.resultText(), QString());
        QVERIFY2(!console.statusText().contains(u"failed"_qs), qPrintable(console.statusText()));
        QVERIFY2(console.validationText().contains(u"double quotes"_qs), qPrintable(console.validationText()));
        auto *validation = console.findChild<QLabel *>(u"consoleValidation"_qs);
        QVERIFY(validation && validation->isVisible());
        QCOMPARE(validation->palette().color(QPalette::WindowText),
                 qonvex::ui::errorColoursFor(console.palette()).foreground);

        // Back to the echo for the screenshot.
        console.pathEdit()->setText(u"debug:echo"_qs);
        console.argumentsEdit()->setPlainText(args);
        console.kindBox()->setCurrentIndex(0);
        console.run();
        QTRY_COMPARE_WITH_TIMEOUT(console.resultText(), value.toPrettyJson(), kTimeout);
        QVERIFY(console.grab().toImage().save(qonvex::test::artifactsDir() + u"/functionconsole-devstack.png"_qs));
    }
};

QTEST_MAIN(TestModelsDevstack)
#include "tst_models_devstack.moc"
