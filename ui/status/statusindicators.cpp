// SPDX-License-Identifier: MIT
#include "status/statusindicators.h"

#include "status/statusicons.h"

#include <QLabel>
#include <QStatusBar>

namespace qonvex::ui {

StatusIndicators::StatusIndicators(QStatusBar *bar)
    : QObject(bar), m_dot(new QLabel(bar)), m_connection(new QLabel(bar)), m_auth(new QLabel(bar)),
      m_pending(new QLabel(bar))
{
    m_connection->setObjectName(QStringLiteral("statusConnection"));
    m_auth->setObjectName(QStringLiteral("statusAuth"));
    m_pending->setObjectName(QStringLiteral("statusPending"));
    m_dot->setAccessibleName(tr("Connection indicator"));
    bar->addWidget(m_dot);
    bar->addWidget(m_connection);
    bar->addWidget(m_auth, 1);
    bar->addPermanentWidget(m_pending);
}

void StatusIndicators::setStatus(const qonvex::app::AppStatus &status)
{
    m_dot->setPixmap(connectionIcon(status.connection).pixmap(12, 12));
    m_dot->setAccessibleDescription(status.connectionText);
    m_connection->setText(status.connectionText);
    m_connection->setAccessibleName(tr("Connection: %1").arg(status.connectionText));
    m_auth->setText(QStringLiteral("· ") + status.authText);
    m_auth->setAccessibleName(tr("Account: %1").arg(status.authText));
    m_pending->setText(status.pendingText);
    m_pending->setAccessibleName(status.pendingText.isEmpty() ? tr("No changes pending") : status.pendingText);
    m_pending->setVisible(!status.pendingText.isEmpty());
}

QString StatusIndicators::connectionText() const { return m_connection->text(); }
QString StatusIndicators::authText() const { return m_auth->text().mid(2); }
QString StatusIndicators::pendingText() const { return m_pending->text(); }

} // namespace qonvex::ui
