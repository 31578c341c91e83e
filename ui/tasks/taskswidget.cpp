// SPDX-License-Identifier: MIT
#include "tasks/taskswidget.h"

#include "tasks/inlineerror.h"
#include "tasks/taskitemdelegate.h"
#include "tasks/taskscontroller.h"
#include "tasks/tasksmodel.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace qonvex::ui {

using tasks::TasksController;
using tasks::TasksModel;

TasksWidget::TasksWidget(convex::Client *client, QWidget *parent) : QWidget(parent)
{
    m_ownModel = new TasksModel(this);
    m_subscription = client->subscribe(u"tasks:list"_qs, convex::ValueObject{}, this);
    m_ownModel->setSubscription(m_subscription);
    m_controller = new TasksController(client, m_ownModel, this);
    build();
}

TasksWidget::TasksWidget(TasksController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    build();
}

TasksWidget::~TasksWidget()
{
    // The view must not touch the model while the owned objects go away in any order.
    m_list->setModel(nullptr);
}

TasksModel *TasksWidget::model() const
{
    return m_controller->model();
}

void TasksWidget::build()
{
    setAccessibleName(tr("Tasks"));
    m_input = new QLineEdit(this);
    m_input->setPlaceholderText(tr("New task — press Enter to add"));
    m_input->setAccessibleName(tr("New task"));
    m_input->setAccessibleDescription(tr("Type a task and press Enter to add it"));

    m_inputError = new InlineError(this);
    m_inputError->setObjectName(QStringLiteral("taskInputError"));
    m_inputError->setAccessibleName(tr("Task input error"));

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Task list status"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_list = new QListView(this);
    m_list->setAccessibleName(tr("Task list"));
    m_list->setAccessibleDescription(
        tr("Space toggles done, Delete deletes, Ctrl+Z undoes a delete, Ctrl+R retries"));
    m_list->setModel(model());
    m_list->setItemDelegate(new TaskItemDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);  // fast layout for long lists
    m_list->installEventFilter(this);

    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setAccessibleName(tr("Delete task"));
    m_retry = new QPushButton(tr("&Retry"), this);
    m_retry->setAccessibleName(tr("Retry failed write"));
    m_dismiss = new QPushButton(tr("Di&smiss"), this);
    m_dismiss->setAccessibleName(tr("Dismiss failed write"));
    m_undoLabel = new QLabel(this);
    m_undoLabel->setAccessibleName(tr("Undo status"));
    m_undoLabel->setTextFormat(Qt::PlainText);
    m_undo = new QPushButton(tr("&Undo"), this);
    m_undo->setAccessibleName(tr("Undo delete"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_delete);
    actions->addWidget(m_retry);
    actions->addWidget(m_dismiss);
    actions->addStretch(1);
    actions->addWidget(m_undoLabel);
    actions->addWidget(m_undo);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_input);
    layout->addWidget(m_inputError);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addLayout(actions);

    auto *undoAction = new QAction(tr("Undo delete"), this);
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undoAction);
    auto *retryAction = new QAction(tr("Retry failed write"), this);
    retryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    retryAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(retryAction);

    connect(m_input, &QLineEdit::returnPressed, this, &TasksWidget::submitInput);
    // The error is about the text that was rejected: any change to the input (typing,
    // clearing, a new add) makes it stale.
    connect(m_input, &QLineEdit::textChanged, this, [this] { showInputError({}); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            m_controller->remove(currentId());
    });
    connect(m_retry, &QPushButton::clicked, this, [this] { m_controller->retry(currentId()); });
    connect(retryAction, &QAction::triggered, this, [this] { m_controller->retry(currentId()); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { m_controller->dismiss(currentId()); });
    connect(m_undo, &QPushButton::clicked, m_controller, &TasksController::undoLastDelete);
    connect(undoAction, &QAction::triggered, m_controller, &TasksController::undoLastDelete);

    connect(m_controller, &TasksController::inputRejected, this,
            [this](const QString &message, const QString &text) {
                if (m_input->text().isEmpty())
                    m_input->setText(text);
                showInputError(message);
            });
    connect(m_controller, &TasksController::addSucceeded, this, [this] { showInputError({}); });
    connect(m_controller, &TasksController::deleteScheduled, this,
            [this](const QString &, const QString &text) {
                m_undoLabel->setText(tr("Deleted “%1”.").arg(text));
            });
    connect(m_controller, &TasksController::undoAvailableChanged, this, &TasksWidget::updateActions);

    TasksModel *tasks = model();
    connect(tasks, &TasksModel::statusChanged, this, &TasksWidget::updateStatus);
    connect(tasks, &QAbstractItemModel::rowsInserted, this, &TasksWidget::updateStatus);
    connect(tasks, &QAbstractItemModel::rowsRemoved, this, &TasksWidget::updateStatus);
    connect(tasks, &QAbstractItemModel::modelReset, this, &TasksWidget::updateStatus);
    connect(tasks, &QAbstractItemModel::dataChanged, this, &TasksWidget::updateActions);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TasksWidget::updateActions);
    setFocusProxy(m_input);
    setTabOrder(m_input, m_list);
    updateStatus();
}

void TasksWidget::submitInput()
{
    const QString text = m_input->text();
    showInputError({});
    m_controller->add(text);
    m_input->clear();
}

void TasksWidget::showInputError(const QString &message)
{
    m_inputError->setMessage(message.isEmpty() ? QString() : tr("Could not add the task: %1").arg(message));
}

QString TasksWidget::inputErrorText() const
{
    return m_inputError->isHidden() ? QString() : m_inputError->message();
}

QString TasksWidget::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void TasksWidget::updateStatus()
{
    const TasksModel *tasks = model();
    QString text;
    if (!tasks->queryError().isEmpty())
        text = tr("Could not load tasks: %1").arg(tasks->queryError());
    else if (tasks->isLoading())
        text = tr("Loading tasks…");
    else if (tasks->rowCount() == 0)
        text = tr("No tasks yet. Type one above and press Enter.");
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    updateActions();
}

void TasksWidget::updateActions()
{
    const QString id = currentId();
    const bool failed = !id.isEmpty() && m_controller->hasFailedWrite(id);
    m_delete->setEnabled(!id.isEmpty());
    m_retry->setVisible(failed);
    m_dismiss->setVisible(failed);
    const bool undo = m_controller->canUndo();
    m_undo->setVisible(undo);
    m_undoLabel->setVisible(undo);
}

QString TasksWidget::currentId() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(TasksModel::IdRole).toString() : QString();
}

bool TasksWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            if (!currentId().isEmpty())
                m_controller->remove(currentId());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace qonvex::ui
