// SPDX-License-Identifier: MIT
#include "tasks/tasksmodel.h"

#include "tasks/tasklistdiff.h"

#include <convexclient/querysubscription.h>

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTasksModel, "qonvex.tasks.model")

namespace qonvex::tasks {

namespace {
QList<int> rolesFor(quint8 fields)
{
    QList<int> roles;
    if (fields & TaskListOp::TextField)
        roles << Qt::DisplayRole << Qt::ToolTipRole << Qt::AccessibleTextRole << TasksModel::TextRole;
    if (fields & TaskListOp::DoneField)
        roles << Qt::CheckStateRole << Qt::AccessibleTextRole << TasksModel::DoneRole;
    if (fields & TaskListOp::CreationTimeField)
        roles << TasksModel::CreatedAtRole;
    return roles;
}
} // namespace

TasksModel::TasksModel(QObject *parent) : QAbstractListModel(parent) {}

TasksModel::~TasksModel() = default;

void TasksModel::setSubscription(convex::QuerySubscription *subscription)
{
    if (m_subscription)
        disconnect(m_subscription, nullptr, this, nullptr);
    m_subscription = subscription;
    if (!subscription)
        return;
    connect(subscription, &convex::QuerySubscription::resultChanged, this,
            &TasksModel::onSubscriptionResult);
    onSubscriptionResult();
}

void TasksModel::onSubscriptionResult()
{
    if (!m_subscription)
        return;
    const std::optional<convex::FunctionResult> result = m_subscription->result();
    const bool loading = !result.has_value();
    QString error;
    if (result && !result->isSuccess()) {
        error = result->errorMessage();
        if (result->isConvexError() && result->errorData().isObject()) {
            const QString message = result->errorData()[u"message"_qs].toString();
            if (!message.isEmpty())
                error = message;
        }
    }
    // A failing query keeps the last list on screen: the error is shown next to it.
    if (result && result->isSuccess()) {
        int skipped = 0;
        QList<TaskRow> rows = taskRowsFromValue(result->value(), &skipped);
        if (skipped || !result->value().isArray())
            qCWarning(lcTasksModel) << "tasks:list result had" << skipped << "malformed entries";
        applyServerRows(std::move(rows));
    }
    if (loading != m_loading || error != m_queryError) {
        m_loading = loading;
        m_queryError = error;
        Q_EMIT statusChanged();
    }
}

void TasksModel::applyServerRows(QList<TaskRow> rows)
{
    if (const int dropped = dedupeById(rows))
        qCWarning(lcTasksModel) << "dropped" << dropped << "duplicate task ids";
    const bool firstLoad = !m_loaded;
    m_loaded = true;
    if (m_loading) {
        m_loading = false;
        Q_EMIT statusChanged();
    }
    if (firstLoad && m_server.isEmpty()) {
        if (rows.isEmpty())
            return;
        // Rows come after the local adds; an insert (not a reset) keeps those rows' indexes.
        const int offset = static_cast<int>(m_local.size());
        beginInsertRows({}, offset, offset + static_cast<int>(rows.size()) - 1);
        m_server = std::move(rows);
        endInsertRows();
        return;
    }
    const QList<TaskListOp> ops = diffTaskLists(m_server, rows);
    // One allocation up front instead of a reallocation per inserted run.
    m_server.reserve(std::max(m_server.size(), rows.size()));
    const int offset = static_cast<int>(m_local.size());
    for (const TaskListOp &op : ops) {
        switch (op.kind) {
        case TaskListOp::Kind::Remove:
            beginRemoveRows({}, offset + op.first, offset + op.last);
            applyTaskListOp(m_server, op, rows);
            endRemoveRows();
            break;
        case TaskListOp::Kind::Insert:
            beginInsertRows({}, offset + op.first, offset + op.last);
            applyTaskListOp(m_server, op, rows);
            endInsertRows();
            break;
        case TaskListOp::Kind::Move:
            beginMoveRows({}, offset + op.first, offset + op.first, {}, offset + op.last);
            applyTaskListOp(m_server, op, rows);
            endMoveRows();
            break;
        case TaskListOp::Kind::Change: {
            applyTaskListOp(m_server, op, rows);
            const QModelIndex changed = index(offset + op.first);
            Q_EMIT dataChanged(changed, changed, rolesFor(op.changed));
            break;
        }
        }
    }
    Q_ASSERT(m_server == rows);
    // States of rows that are gone (e.g. a confirmed delete) have nothing left to show.
    if (!m_states.isEmpty()) {
        QSet<QString> present;
        for (const TaskRow &row : std::as_const(m_server))
            present.insert(row.id);
        for (const LocalRow &row : std::as_const(m_local))
            present.insert(row.localId);
        m_states.removeIf([&present](const auto &it) {
            return !present.contains(it.key()) && !it.value().pending && it.value().error.isEmpty();
        });
    }
}

int TasksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_local.size() + m_server.size());
}

QVariant TasksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool local = row < m_local.size();
    const QString id = local ? m_local[row].localId : m_server[row - m_local.size()].id;
    const QString text = local ? m_local[row].text : m_server[row - m_local.size()].text;
    const RowState state = m_states.value(id);
    bool done = local ? false : m_server[row - m_local.size()].done;
    if (state.doneOverride)
        done = *state.doneOverride;

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case TextRole:
        return text;
    case Qt::ToolTipRole:
        return state.error.isEmpty() ? text : tr("%1\nError: %2").arg(text, state.error);
    case Qt::AccessibleTextRole: {
        QString description = done ? tr("%1, done").arg(text) : tr("%1, not done").arg(text);
        if (state.deleteScheduled)
            description = tr("%1, deleted (undo possible)").arg(description);
        else if (state.pending || local)
            description = tr("%1, saving").arg(description);
        if (!state.error.isEmpty())
            description = tr("%1, error: %2").arg(description, state.error);
        return description;
    }
    case Qt::CheckStateRole:
        if (local)
            return {};  // not on the server yet: nothing to tick
        return done ? Qt::Checked : Qt::Unchecked;
    case IdRole:
        return id;
    case DoneRole:
        return done;
    case CreatedAtRole:
        if (local)
            return QDateTime();
        return QDateTime::fromMSecsSinceEpoch(
            static_cast<qint64>(m_server[row - m_local.size()].creationTime), Qt::UTC);
    case PendingRole:
        return state.pending || (local && state.error.isEmpty());
    case ErrorRole:
        return state.error;
    case DeleteScheduledRole:
        return state.deleteScheduled;
    case LocalRole:
        return local;
    default:
        return {};
    }
}

bool TasksModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.row() < m_local.size())
        return false;
    // The model does not change itself: the controller sends the mutation and marks the
    // row pending with the requested state (setDoneOverride), which emits dataChanged.
    const bool done = value.toInt() == Qt::Checked;
    Q_EMIT toggleRequested(idAt(index.row()), done);
    return true;
}

Qt::ItemFlags TasksModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.row() >= m_local.size())
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QHash<int, QByteArray> TasksModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(TextRole, "text");
    names.insert(DoneRole, "done");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(PendingRole, "pending");
    names.insert(ErrorRole, "error");
    names.insert(DeleteScheduledRole, "deleteScheduled");
    names.insert(LocalRole, "local");
    return names;
}

int TasksModel::rowOfId(const QString &id) const
{
    for (qsizetype i = 0; i < m_local.size(); ++i) {
        if (m_local[i].localId == id)
            return static_cast<int>(i);
    }
    for (qsizetype i = 0; i < m_server.size(); ++i) {
        if (m_server[i].id == id)
            return static_cast<int>(i + m_local.size());
    }
    return -1;
}

QString TasksModel::idAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return row < m_local.size() ? m_local[row].localId : m_server[row - m_local.size()].id;
}

QString TasksModel::addLocalRow(const QString &text)
{
    const QString localId = u"local:%1"_qs.arg(m_nextLocalId++);
    beginInsertRows({}, 0, 0);
    m_local.prepend(LocalRow{localId, text});
    endInsertRows();
    return localId;
}

void TasksModel::removeLocalRow(const QString &localId)
{
    for (qsizetype i = 0; i < m_local.size(); ++i) {
        if (m_local[i].localId == localId) {
            beginRemoveRows({}, static_cast<int>(i), static_cast<int>(i));
            m_local.removeAt(i);
            m_states.remove(localId);
            endRemoveRows();
            return;
        }
    }
}

TasksModel::RowState &TasksModel::stateFor(const QString &id)
{
    return m_states[id];
}

void TasksModel::setRowState(const QString &id, bool pending, const QString &error)
{
    RowState &state = stateFor(id);
    state.pending = pending;
    state.error = error;
    if (state.isEmpty())
        m_states.remove(id);
    emitRowChanged(id, {PendingRole, ErrorRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

void TasksModel::setDoneOverride(const QString &id, std::optional<bool> done)
{
    RowState &state = stateFor(id);
    state.doneOverride = done;
    if (state.isEmpty())
        m_states.remove(id);
    emitRowChanged(id, {DoneRole, Qt::CheckStateRole, Qt::AccessibleTextRole});
}

void TasksModel::setDeleteScheduled(const QString &id, bool scheduled)
{
    RowState &state = stateFor(id);
    state.deleteScheduled = scheduled;
    if (state.isEmpty())
        m_states.remove(id);
    emitRowChanged(id, {DeleteScheduledRole, Qt::AccessibleTextRole});
}

QString TasksModel::textOf(const QString &id) const
{
    const int row = rowOfId(id);
    return row < 0 ? QString() : data(index(row), TextRole).toString();
}

void TasksModel::emitRowChanged(const QString &id, const QList<int> &roles)
{
    const int row = rowOfId(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), roles);
}

} // namespace qonvex::tasks
