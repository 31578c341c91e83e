// SPDX-License-Identifier: MIT
#pragma once

#include "tasks/taskrow.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>

#include <optional>

namespace convex {
class QuerySubscription;
}

namespace qonvex::tasks {

//! \brief The live task list: the `tasks:list` result plus the user's writes in flight.
//!
//! Rows are [local adds not yet confirmed…, server tasks… (newest first)]. Every server
//! update is applied as a row diff keyed by `_id` (inserts, removals, moves, dataChanged
//! with the changed roles); after the first load the model is never reset, so selections,
//! current index and scroll position survive updates.
//!
//! Writes are shown, never hidden: a pending add is a row of its own (PendingRole), a
//! toggle shows the requested state with PendingRole until the server confirms it, a
//! delete waiting for its undo window has DeleteScheduledRole, and a failed write keeps its
//! row with ErrorRole set. TasksController drives these states.
class TasksModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY statusChanged)
    Q_PROPERTY(QString queryError READ queryError NOTIFY statusChanged)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1, //!< QString: the `_id`, or "local:<n>" for an unconfirmed add
        TextRole,                  //!< QString
        DoneRole,                  //!< bool (the requested value while a toggle is pending)
        CreatedAtRole,             //!< QDateTime (UTC); invalid for an unconfirmed add
        PendingRole,               //!< bool: a write for this row is in flight
        ErrorRole,                 //!< QString: why the last write for this row failed
        DeleteScheduledRole,       //!< bool: deleted, undo still possible
        LocalRole,                 //!< bool: an add the server has not confirmed
    };
    Q_ENUM(Roles)

    explicit TasksModel(QObject *parent = nullptr);
    ~TasksModel() override;

    //! Follows \a subscription (not owned; may be null to detach). The first result fills
    //! the model; later results are diffed.
    void setSubscription(convex::QuerySubscription *subscription);

    //! Applies a new server list (what a subscription update does). Public for tests.
    void applyServerRows(QList<TaskRow> rows);
    //! The server rows as currently shown (without local adds), for tests.
    const QList<TaskRow> &serverRows() const { return m_server; }

    //! No server result yet.
    bool isLoading() const { return m_loading; }
    //! The query failed (e.g. UNAUTHENTICATED); empty otherwise. Rows keep the last list.
    QString queryError() const { return m_queryError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    //! The row showing \a id (server or local), or -1.
    int rowOfId(const QString &id) const;
    //! The id at \a row, empty if out of range.
    QString idAt(int row) const;

    // ---- write states, driven by TasksController -------------------------------------
    //! Adds a local row for an add in flight at the top; returns its local id.
    QString addLocalRow(const QString &text);
    //! Removes a local row (confirmed or discarded).
    void removeLocalRow(const QString &localId);
    //! Pending/error state of a local or server row.
    void setRowState(const QString &id, bool pending, const QString &error);
    //! The done value to show until the server confirms (nullopt: show the server's).
    void setDoneOverride(const QString &id, std::optional<bool> done);
    void setDeleteScheduled(const QString &id, bool scheduled);
    //! Text of a row (server or local), empty if unknown.
    QString textOf(const QString &id) const;

Q_SIGNALS:
    void statusChanged();
    //! The user ticked or unticked a row's checkbox (setData on Qt::CheckStateRole).
    void toggleRequested(const QString &id, bool done);

private:
    struct LocalRow {
        QString localId;
        QString text;
    };
    struct RowState {
        bool pending = false;
        bool deleteScheduled = false;
        std::optional<bool> doneOverride;
        QString error;
        bool isEmpty() const { return !pending && !deleteScheduled && !doneOverride && error.isEmpty(); }
    };

    void onSubscriptionResult();
    void emitRowChanged(const QString &id, const QList<int> &roles);
    RowState &stateFor(const QString &id);

    QPointer<convex::QuerySubscription> m_subscription;
    QList<LocalRow> m_local;
    QList<TaskRow> m_server;
    QHash<QString, RowState> m_states;
    bool m_loading = true;
    bool m_loaded = false;
    QString m_queryError;
    int m_nextLocalId = 1;
};

} // namespace qonvex::tasks
