// SPDX-License-Identifier: MIT
#include "tasks/taskscontroller.h"

#include "tasks/tasksmodel.h"

#include <convexclient/client.h>

#include <QLoggingCategory>
#include <QPointer>
#include <QPromise>
#include <QTimer>

Q_LOGGING_CATEGORY(lcTasksController, "qonvex.tasks.controller")

namespace qonvex::tasks {

using convex::FunctionResult;
using convex::Value;
using convex::ValueObject;

QString userMessage(const FunctionResult &result)
{
    if (result.isConvexError()) {
        const QString message = result.errorData()[u"message"_qs].toString();
        if (!message.isEmpty())
            return message;
        if (result.errorData().isString())
            return result.errorData().toString();
    }
    return result.errorMessage();
}

namespace {
QFuture<FunctionResult> failedFuture(const QString &message)
{
    QPromise<FunctionResult> promise;
    promise.start();
    promise.addResult(FunctionResult::clientError(message));
    promise.finish();
    return promise.future();
}
} // namespace

TasksController::TasksController(MutationRunner runMutation, TasksModel *model, QObject *parent)
    : QObject(parent), m_run(std::move(runMutation)), m_model(model)
{
    m_scheduler = [this](std::chrono::milliseconds delay, std::function<void()> fire) {
        QTimer::singleShot(delay, this, std::move(fire));
    };
    connect(model, &TasksModel::toggleRequested, this, &TasksController::setDone);
}

TasksController::TasksController(convex::Client *client, TasksModel *model, QObject *parent)
    : TasksController(
          [client = QPointer<convex::Client>(client)](const QString &name, const Value &args) {
              if (!client)
                  return failedFuture(tr("Not connected"));
              return client->mutation(name, args);
          },
          model, parent)
{
}

TasksController::~TasksController()
{
    commitScheduledDeletes();
}

void TasksController::add(const QString &text)
{
    if (!m_model)
        return;
    const QString localId = m_model->addLocalRow(text);
    send(localId, Write{Write::Kind::Add, text});
}

void TasksController::setDone(const QString &id, bool done)
{
    if (!m_model || m_model->rowOfId(id) < 0 || m_model->data(m_model->index(m_model->rowOfId(id)),
                                                               TasksModel::LocalRole).toBool())
        return;
    m_failed.remove(id);
    m_model->setDoneOverride(id, done);
    send(id, Write{Write::Kind::SetDone, {}, done});
}

void TasksController::toggle(const QString &id)
{
    if (!m_model)
        return;
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    setDone(id, !m_model->data(m_model->index(row), TasksModel::DoneRole).toBool());
}

void TasksController::remove(const QString &id)
{
    if (!m_model)
        return;
    const int row = m_model->rowOfId(id);
    if (row < 0 || m_scheduledDeletes.contains(id))
        return;
    const QModelIndex index = m_model->index(row);
    if (index.data(TasksModel::LocalRole).toBool()) {
        // An add still in flight cannot be deleted yet; a failed one is just dismissed.
        if (m_failed.contains(id))
            dismiss(id);
        return;
    }
    const quint64 generation = ++m_generation;
    m_scheduledDeletes.insert(id, generation);
    m_model->setDeleteScheduled(id, true);
    QStringList order = m_undoOrder;
    order.append(id);
    setUndoOrder(order);
    Q_EMIT deleteScheduled(id, index.data(TasksModel::TextRole).toString());
    m_scheduler(m_undoWindow, [this, id, generation] {
        if (m_scheduledDeletes.value(id) == generation)
            commitDelete(id);
    });
}

bool TasksController::undoDelete(const QString &id)
{
    if (!m_scheduledDeletes.remove(id))
        return false;
    if (m_model)
        m_model->setDeleteScheduled(id, false);
    QStringList order = m_undoOrder;
    order.removeAll(id);
    setUndoOrder(order);
    return true;
}

bool TasksController::undoLastDelete()
{
    return !m_undoOrder.isEmpty() && undoDelete(m_undoOrder.constLast());
}

void TasksController::commitScheduledDeletes()
{
    const QStringList ids = m_undoOrder;
    for (const QString &id : ids)
        commitDelete(id);
}

void TasksController::commitDelete(const QString &id)
{
    if (!m_scheduledDeletes.remove(id))
        return;
    QStringList order = m_undoOrder;
    order.removeAll(id);
    setUndoOrder(order);
    if (m_model && m_model->rowOfId(id) < 0)
        return;  // already gone on the server (e.g. deleted elsewhere)
    send(id, Write{Write::Kind::Remove});
}

void TasksController::retry(const QString &id)
{
    const auto it = m_failed.constFind(id);
    if (it == m_failed.cend())
        return;
    const Write write = it.value();
    m_failed.erase(it);
    if (write.kind == Write::Kind::SetDone && m_model)
        m_model->setDoneOverride(id, write.done);
    send(id, write);
}

void TasksController::dismiss(const QString &id)
{
    const auto it = m_failed.constFind(id);
    if (it == m_failed.cend())
        return;
    const bool wasAdd = it->kind == Write::Kind::Add;
    m_failed.erase(it);
    if (!m_model)
        return;
    if (wasAdd)
        m_model->removeLocalRow(id);
    else
        m_model->setRowState(id, false, {});
}

void TasksController::send(const QString &rowId, const Write &write)
{
    ValueObject args;
    QString name;
    switch (write.kind) {
    case Write::Kind::Add:
        name = u"tasks:add"_qs;
        args.insert(u"text"_qs, write.text);
        break;
    case Write::Kind::SetDone:
        name = u"tasks:setDone"_qs;
        args.insert(u"id"_qs, rowId);
        args.insert(u"done"_qs, write.done);
        break;
    case Write::Kind::Remove:
        name = u"tasks:remove"_qs;
        args.insert(u"id"_qs, rowId);
        break;
    }
    if (m_model)
        m_model->setRowState(rowId, true, {});
    // Not then(this, ...): Qt 6.4 asserts that the context is alive when the future resolves,
    // and a write may still be pending when the controller goes (sign-out, window closed).
    // The futures resolve in this (the client's) thread, so the guard suffices.
    m_run(name, Value(std::move(args)))
        .then([self = QPointer<TasksController>(this), rowId, write](const FunctionResult &result) {
            if (self)
                self->finished(rowId, write, result);
        });
}

void TasksController::finished(const QString &rowId, const Write &write, const FunctionResult &result)
{
    if (!m_model)
        return;
    if (result.isSuccess()) {
        // The mutation resolves only once the live list reflects it: the server row is
        // already there (add) or gone (remove), so the local state can go.
        if (write.kind == Write::Kind::Add)
            m_model->removeLocalRow(rowId);
        else if (write.kind == Write::Kind::SetDone)
            m_model->setDoneOverride(rowId, std::nullopt);
        if (m_model->rowOfId(rowId) >= 0)
            m_model->setRowState(rowId, false, {});
        if (write.kind == Write::Kind::Add)
            Q_EMIT addSucceeded(write.text);
        return;
    }
    const QString code = result.isConvexError() ? result.errorData()[u"code"_qs].toString() : QString();
    if (write.kind == Write::Kind::Remove && code == u"NOT_FOUND"_qs) {
        // Already deleted (elsewhere): what the user wanted has happened.
        m_model->setDeleteScheduled(rowId, false);
        m_model->setRowState(rowId, false, {});
        return;
    }
    const QString message = userMessage(result);
    qCInfo(lcTasksController) << "write failed:" << static_cast<int>(write.kind)
                              << (result.isClientError() ? "client error" : "function error");
    if (write.kind == Write::Kind::Add && code == u"INVALID"_qs) {
        // Invalid input: the text goes back to the input with the error next to it.
        m_model->removeLocalRow(rowId);
        Q_EMIT inputRejected(message, write.text);
        return;
    }
    if (write.kind == Write::Kind::SetDone)
        m_model->setDoneOverride(rowId, std::nullopt);
    if (write.kind == Write::Kind::Remove)
        m_model->setDeleteScheduled(rowId, false);
    m_failed.insert(rowId, write);
    m_model->setRowState(rowId, false, message);
    Q_EMIT writeFailed(rowId, message);
}

void TasksController::setUndoOrder(QStringList order)
{
    const bool before = !m_undoOrder.isEmpty();
    m_undoOrder = std::move(order);
    if (before != !m_undoOrder.isEmpty())
        Q_EMIT undoAvailableChanged(!m_undoOrder.isEmpty());
}

} // namespace qonvex::tasks
