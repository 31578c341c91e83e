// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace convex {
class Client;
class QuerySubscription;
}

namespace qonvex::tasks {
class TasksController;
class TasksModel;
}

namespace qonvex::ui {

class InlineError;

//! \brief The live task list with its input line: the signed-in user's `tasks:list`.
//!
//! Keyboard: Enter in the input adds; in the list, Space toggles done, Delete deletes (with
//! a 5 s undo, Ctrl+Z or the Undo button), Ctrl+R retries a failed write. A write in flight
//! is shown greyed with "saving…", a failed one with its error and Retry/Dismiss; a rejected
//! add (INVALID) shows its error next to the input and keeps the text. Uses the system
//! palette and style; every control has an accessible name.
class TasksWidget : public QWidget {
    Q_OBJECT
public:
    //! Subscribes to `tasks:list` on \a client (which must outlive the widget).
    explicit TasksWidget(convex::Client *client, QWidget *parent = nullptr);
    //! Shows \a controller's model (tests with a fake backend). The controller is not owned.
    explicit TasksWidget(tasks::TasksController *controller, QWidget *parent = nullptr);
    ~TasksWidget() override;

    tasks::TasksModel *model() const;
    tasks::TasksController *controller() const { return m_controller; }
    QListView *listView() const { return m_list; }
    QLineEdit *input() const { return m_input; }
    //! The error shown under the input (empty if none). It goes away when the input changes
    //! or the next add succeeds.
    QString inputErrorText() const;
    //! The text shown instead of the list (loading, empty, query error); empty if hidden.
    QString statusText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void build();
    void submitInput();
    void updateStatus();
    void updateActions();
    void showInputError(const QString &message);
    QString currentId() const;

    convex::QuerySubscription *m_subscription = nullptr;
    tasks::TasksModel *m_ownModel = nullptr;
    tasks::TasksController *m_controller = nullptr;
    QLineEdit *m_input = nullptr;
    InlineError *m_inputError = nullptr;
    QLabel *m_status = nullptr;
    QListView *m_list = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_dismiss = nullptr;
    QLabel *m_undoLabel = nullptr;
    QPushButton *m_undo = nullptr;
};

} // namespace qonvex::ui
