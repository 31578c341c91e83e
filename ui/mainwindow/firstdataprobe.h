// SPDX-License-Identifier: MIT
#pragma once
// For `qonvex --exit-after-first-data`: notices the first paint of the task list after the
// task query delivered data. Reads the app from outside (its own subscription, which shares
// the server query with the task list, plus an event filter); the UI has no hooks for it.

#include <QObject>
#include <QPointer>

namespace convex {
class Client;
class QuerySubscription;
}

namespace qonvex::ui {

//! \brief Emits painted() once \a view was painted after `tasks:list` had a result.
class FirstDataProbe : public QObject {
    Q_OBJECT
public:
    FirstDataProbe(convex::Client *client, QWidget *view, QObject *parent = nullptr);

Q_SIGNALS:
    //! \a error is the query's error message if the first result was an error.
    void painted(const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_view;
    convex::QuerySubscription *m_tasks;
    bool m_haveData = false;
    bool m_done = false;
};

} // namespace qonvex::ui
