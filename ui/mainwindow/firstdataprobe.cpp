// SPDX-License-Identifier: MIT
#include "mainwindow/firstdataprobe.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QEvent>
#include <QTimer>
#include <QWidget>

namespace qonvex::ui {

FirstDataProbe::FirstDataProbe(convex::Client *client, QWidget *view, QObject *parent)
    : QObject(parent), m_view(view), m_tasks(client->subscribe(QStringLiteral("tasks:list"), convex::ValueObject{}, this))
{
    view->installEventFilter(this);
    connect(m_tasks, &convex::QuerySubscription::resultChanged, this, [this] {
        if (m_haveData || m_tasks->isLoading())
            return;
        m_haveData = true;
        // The view got the same result in the same event-loop turn; its repaint is what we
        // wait for. Ask for one in case the result did not change what it shows.
        if (m_view)
            m_view->update();
    });
}

bool FirstDataProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Paint && m_haveData && !m_done) {
        m_done = true;
        const QString error = m_tasks->hasError() ? m_tasks->errorMessage() : QString();
        // Report after this paint has finished.
        QTimer::singleShot(0, this, [this, error] { Q_EMIT painted(error); });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace qonvex::ui
