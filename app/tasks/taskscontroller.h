// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/functionresult.h>

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>

namespace convex {
class Client;
}

namespace qonvex::tasks {

class TasksModel;

//! \brief The user's task actions: add, toggle done, delete with undo, retry.
//!
//! Every write is visible until it is settled: an add is a local row until the server
//! confirms it; a toggle shows the requested state as pending; a delete first waits for
//! its undo window (the row stays, flagged DeleteScheduledRole), then sends `tasks:remove`
//! and stays pending until the server list drops the row. A write that fails keeps its row
//! with ErrorRole and can be retried (retry()) or dismissed (dismiss()); nothing is dropped
//! silently. An add the server rejects as INVALID (empty or too long) instead gives its
//! text back through inputRejected(), so the input shows the error and keeps the text.
class TasksController : public QObject {
    Q_OBJECT
public:
    //! Runs a Convex mutation (Client::mutation, or a fake in tests).
    using MutationRunner =
        std::function<QFuture<convex::FunctionResult>(const QString &name, const convex::Value &args)>;
    //! Calls \a fire after \a delay (QTimer by default; tests fire by hand).
    using Scheduler = std::function<void(std::chrono::milliseconds delay, std::function<void()> fire)>;

    static constexpr std::chrono::milliseconds DefaultUndoWindow{5000};

    TasksController(MutationRunner runMutation, TasksModel *model, QObject *parent = nullptr);
    //! Uses \a client's mutations (the client must outlive nothing: calls after it is gone
    //! fail visibly with a client error).
    TasksController(convex::Client *client, TasksModel *model, QObject *parent = nullptr);
    //! Deletes still inside their undo window are sent now: the user asked for them.
    ~TasksController() override;

    void setScheduler(Scheduler scheduler) { m_scheduler = std::move(scheduler); }
    void setUndoWindow(std::chrono::milliseconds window) { m_undoWindow = window; }
    std::chrono::milliseconds undoWindow() const { return m_undoWindow; }

    TasksModel *model() const { return m_model; }

public Q_SLOTS:
    //! Sends `tasks:add {text}` with a pending local row.
    void add(const QString &text);
    //! Sends `tasks:setDone {id, done}`; the row shows \a done as pending meanwhile.
    void setDone(const QString &id, bool done);
    //! Flips the done state of the row \a id.
    void toggle(const QString &id);
    //! Schedules `tasks:remove {id}` after the undo window (a failed local add is simply
    //! dismissed). Emits deleteScheduled().
    void remove(const QString &id);
    //! Cancels the scheduled delete of \a id; returns false if it is no longer undoable.
    bool undoDelete(const QString &id);
    //! Cancels the most recent scheduled delete still undoable.
    bool undoLastDelete();
    //! Sends every delete still in its undo window now.
    void commitScheduledDeletes();
    //! Sends the failed write of row \a id again.
    void retry(const QString &id);
    //! Forgets the failed write of row \a id (a failed add's row goes away).
    void dismiss(const QString &id);

public:
    bool canUndo() const { return !m_undoOrder.isEmpty(); }
    bool hasFailedWrite(const QString &id) const { return m_failed.contains(id); }

Q_SIGNALS:
    //! The server rejected an add as invalid: show \a message next to the input, which
    //! should get \a text back if it is empty.
    void inputRejected(const QString &message, const QString &text);
    //! The server confirmed an add (its row is in the list now).
    void addSucceeded(const QString &text);
    //! A delete entered its undo window.
    void deleteScheduled(const QString &id, const QString &text);
    //! canUndo() may have changed.
    void undoAvailableChanged(bool available);
    //! A write failed (also shown on the row).
    void writeFailed(const QString &id, const QString &message);

private:
    struct Write {
        enum class Kind : quint8 { Add, SetDone, Remove } kind;
        QString text;  // Add
        bool done = false;  // SetDone
    };
    void send(const QString &rowId, const Write &write);
    void finished(const QString &rowId, const Write &write, const convex::FunctionResult &result);
    void commitDelete(const QString &id);
    void setUndoOrder(QStringList order);

    MutationRunner m_run;
    QPointer<TasksModel> m_model;
    Scheduler m_scheduler;
    std::chrono::milliseconds m_undoWindow = DefaultUndoWindow;
    QHash<QString, quint64> m_scheduledDeletes;  // id -> generation
    QStringList m_undoOrder;                     // oldest first
    quint64 m_generation = 0;
    QHash<QString, Write> m_failed;
};

//! The message to show for a failed write: a ConvexError's `message` field if it has
//! one, else the error message.
QString userMessage(const convex::FunctionResult &result);

} // namespace qonvex::tasks
