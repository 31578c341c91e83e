// SPDX-License-Identifier: MIT
#include "status/statustrayicon.h"

#include "status/statusicons.h"

#include <QMenu>

namespace qonvex::ui {

StatusTrayIcon::StatusTrayIcon(QObject *parent) : QSystemTrayIcon(parent)
{
    // The menu is parentless (QSystemTrayIcon does not own it): tie its life to ours.
    auto *menu = new QMenu();
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    m_state = menu->addAction(QString());
    m_state->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("Show Qonvex"), this, &StatusTrayIcon::showWindowRequested);
    menu->addAction(tr("Quit"), this, &StatusTrayIcon::quitRequested);
    setContextMenu(menu);
    setIcon(appIcon());
    setToolTip(QStringLiteral("Qonvex"));
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            Q_EMIT showWindowRequested();
    });
}

void StatusTrayIcon::setStatus(const qonvex::app::AppStatus &status)
{
    setIcon(trayIcon(status));
    setToolTip(QStringLiteral("Qonvex — %1").arg(status.summary()));
    m_state->setText(status.summary());
}

} // namespace qonvex::ui
