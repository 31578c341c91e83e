// SPDX-License-Identifier: MIT
#include "mainwindow/workspace.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QLabel>
#include <QShowEvent>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

// The slots are filled when the build has those modules (see ui/shell.cmake); the header
// check keeps the shell building while a module is half-way in.
#if defined(QONVEX_HAVE_TASKS) && __has_include("tasks/taskswidget.h")
#include "tasks/taskscontroller.h"
#include "tasks/tasksmodel.h"
#include "tasks/taskswidget.h"
#define QONVEX_SHELL_TASKS 1
#endif
#if defined(QONVEX_HAVE_IDENTITY) && __has_include("identity/identitymodel.h")
#include "identity/identitymodel.h"
#define QONVEX_SHELL_IDENTITY 1
#endif
#if defined(QONVEX_HAVE_CONSOLE) && __has_include("console/functionconsolewidget.h")
#include "console/functionconsolecontroller.h"
#include "console/functionconsolewidget.h"
#define QONVEX_SHELL_CONSOLE 1
#endif

namespace qonvex::ui {

namespace {
// A clearly marked slot for a part that another module provides; never a fake list.
[[maybe_unused]] QWidget *slotPlaceholder(const QString &name, const QString &what, QWidget *parent)
{
    auto *label = new QLabel(QObject::tr("%1 goes here.\n(%2 is not part of this build yet.)").arg(name, what), parent);
    label->setObjectName(QStringLiteral("slotPlaceholder"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setAccessibleName(QObject::tr("%1 (not available)").arg(name));
    return label;
}
} // namespace

Workspace::Workspace(convex::Client *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("workspace"));
    m_tabs->setObjectName(QStringLiteral("workspaceTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setAccessibleName(tr("Workspace"));
    m_tabs->tabBar()->setAccessibleName(tr("Workspace tabs"));

#ifdef QONVEX_SHELL_TASKS
    m_taskView = new TasksWidget(client, m_tabs);
#else
    m_taskView = slotPlaceholder(tr("The task list"), QStringLiteral("ui/tasks"), m_tabs);
#endif
    m_taskView->setObjectName(QStringLiteral("taskView"));
    m_tabs->addTab(m_taskView, tr("&Tasks"));

#ifdef QONVEX_SHELL_CONSOLE
    // The console's widgets (editors, monospace font, splitter) are built when its tab is first
    // opened: the start-up path to the task list does not pay for them. Its controller exists
    // from the start so the server log covers the whole connection.
    m_consoleController = new console::FunctionConsoleController(client, this);
    m_consoleSlot = new QWidget(m_tabs);
    m_consoleSlot->setObjectName(QStringLiteral("functionConsoleSlot"));
    m_consoleSlot->setAccessibleName(tr("Function console"));
    auto *slotLayout = new QVBoxLayout(m_consoleSlot);
    slotLayout->setContentsMargins(0, 0, 0, 0);
    m_tabs->addTab(m_consoleSlot, tr("&Console"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_consoleSlot)
            ensureConsole();
    });
#else
    QWidget *console = slotPlaceholder(tr("The function console"), QStringLiteral("ui/console"), m_tabs);
    console->setObjectName(QStringLiteral("functionConsole"));
    m_tabs->addTab(console, tr("&Console"));
#endif

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    // The identity shown in the window is what the server says about our token, not what the
    // sign-in service claimed: it proves the Convex connection is authenticated as that user.
#ifdef QONVEX_SHELL_IDENTITY
    auto *identity = new identity::IdentityModel(client, this);
    connect(identity, &identity::IdentityModel::changed, this, [this, identity] {
        if (identity->state() == identity::IdentityModel::State::SignedIn)
            Q_EMIT identityChanged(identity->name(), identity->email());
    });
#else
    m_me = client->subscribe(QStringLiteral("users:me"), convex::ValueObject{}, this);
    connect(m_me, &convex::QuerySubscription::resultChanged, this, &Workspace::onIdentity);
    onIdentity();
#endif
}

Workspace::~Workspace() = default;

void Workspace::commitScheduledDeletes()
{
#ifdef QONVEX_SHELL_TASKS
    if (auto *list = qobject_cast<TasksWidget *>(m_taskView))
        list->controller()->commitScheduledDeletes();
#endif
}

void Workspace::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_shownBefore || event->spontaneous())
        return;
    m_shownBefore = true;
    // The page stack moves focus to the new page's focusWidget() once it is shown: this call
    // makes that the task input (its focus proxy) instead of the first tab stop.
    m_taskView->setFocus(Qt::OtherFocusReason);
}

QWidget *Workspace::ensureConsole()
{
#ifdef QONVEX_SHELL_CONSOLE
    if (!m_console) {
        auto *console = new FunctionConsoleWidget(m_consoleController, m_consoleSlot);
        console->setObjectName(QStringLiteral("functionConsole"));
        m_consoleSlot->layout()->addWidget(console);
        m_consoleSlot->setFocusProxy(console);
        console->show();
        m_console = console;
    }
#endif
    return m_console;
}

bool Workspace::hasTaskList()
{
#ifdef QONVEX_SHELL_TASKS
    return true;
#else
    return false;
#endif
}

void Workspace::onIdentity()
{
    if (!m_me || m_me->isLoading() || m_me->hasError())
        return;
    const convex::Value me = m_me->value();
    if (!me.isObject())
        return; // null: the server does not (yet) see our token
    Q_EMIT identityChanged(me[QStringLiteral("name")].toString(), me[QStringLiteral("email")].toString());
}

} // namespace qonvex::ui
