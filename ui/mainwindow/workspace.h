// SPDX-License-Identifier: MIT
#pragma once
// The signed-in part of the window: the task list and the function console in tabs. Created
// when a session becomes active and destroyed on sign-out, so nothing of one user's data
// outlives their session.

#include <QPointer>
#include <QWidget>

class QTabWidget;

namespace convex {
class Client;
class QuerySubscription;
}

namespace qonvex::console {
class FunctionConsoleController;
}

namespace qonvex::ui {

//! \brief Task list + function console for one signed-in session.
class Workspace : public QWidget {
    Q_OBJECT
public:
    explicit Workspace(convex::Client *client, QWidget *parent = nullptr);
    ~Workspace() override;

    //! The task list widget (the slot's placeholder until ui/tasks is integrated).
    QWidget *taskView() const { return m_taskView; }
    //! Whether the real task list (ui/tasks) is in place.
    static bool hasTaskList();
    QTabWidget *tabs() const { return m_tabs; }
    //! The function console, built on first use (opening its tab builds it too); nullptr when
    //! this build has no console.
    QWidget *ensureConsole();
    //! Sends the deletes still in their undo window now (before a sign-out takes the user's
    //! identity away from the requests).
    void commitScheduledDeletes();

Q_SIGNALS:
    //! The server-confirmed identity (`users:me`) arrived or changed.
    void identityChanged(const QString &name, const QString &email);

protected:
    //! The first time the workspace appears (after sign-in, or a restored session), the
    //! keyboard goes to the task input rather than the tab bar, the first control in tab order.
    void showEvent(QShowEvent *event) override;

private:
    void onIdentity();

    convex::Client *m_client;
    QTabWidget *m_tabs;
    QWidget *m_taskView = nullptr;
    console::FunctionConsoleController *m_consoleController = nullptr;
    QWidget *m_consoleSlot = nullptr;
    QWidget *m_console = nullptr;
    convex::QuerySubscription *m_me = nullptr;
    bool m_shownBefore = false;
};

} // namespace qonvex::ui
