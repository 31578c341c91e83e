// SPDX-License-Identifier: MIT
#include "mainwindow/workspace.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

// The slots are filled when the build has those modules (see ui/shell.cmake); the header
// check keeps the shell building while a module is half-way in.
#if defined(QONVEX_HAVE_TASKS) && __has_include("tasks/taskswidget.h")
#include "tasks/taskswidget.h"
#define QONVEX_SHELL_TASKS 1
#endif
#if defined(QONVEX_HAVE_IDENTITY) && __has_include("identity/identitymodel.h")
#include "identity/identitymodel.h"
#define QONVEX_SHELL_IDENTITY 1
#endif
#if defined(QONVEX_HAVE_CONSOLE) && __has_include("console/functionconsolewidget.h")
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

#ifdef QONVEX_SHELL_TASKS
    m_taskView = new TasksWidget(client, m_tabs);
#else
    m_taskView = slotPlaceholder(tr("The task list"), QStringLiteral("ui/tasks"), m_tabs);
#endif
    m_taskView->setObjectName(QStringLiteral("taskView"));
    m_tabs->addTab(m_taskView, tr("&Tasks"));

#ifdef QONVEX_SHELL_CONSOLE
    QWidget *console = new FunctionConsoleWidget(client, m_tabs);
#else
    QWidget *console = slotPlaceholder(tr("The function console"), QStringLiteral("ui/console"), m_tabs);
#endif
    console->setObjectName(QStringLiteral("functionConsole"));
    m_tabs->addTab(console, tr("&Console"));

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
