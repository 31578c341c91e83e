// SPDX-License-Identifier: MIT
#include "status/statusindicators.h"

#include "status/elidedlabel.h"
#include "status/statusicons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QStatusBar>

namespace qonvex::ui {

StatusIndicators::StatusIndicators(QStatusBar *bar)
    : QObject(bar), m_bar(bar), m_dot(new QLabel(bar)), m_texts(new QWidget(bar)),
      m_connection(new ElidedLabel(m_texts)), m_auth(new ElidedLabel(m_texts)), m_pending(new QLabel(bar))
{
    m_connection->setObjectName(QStringLiteral("statusConnection"));
    m_auth->setObjectName(QStringLiteral("statusAuth"));
    m_pending->setObjectName(QStringLiteral("statusPending"));
    m_dot->setAccessibleName(tr("Connection indicator"));
    // The sign-in text gives way first: it takes what the connection text leaves.
    m_auth->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    // Connection and sign-in text share one field: the status bar's own spacing between fields
    // (6 px) plus the separator's look like a double space; inside, the gap is one space.
    m_texts->setObjectName(QStringLiteral("statusTexts"));
    auto *texts = new QHBoxLayout(m_texts);
    texts->setContentsMargins(0, 0, 0, 0);
    texts->setSpacing(m_auth->fontMetrics().horizontalAdvance(u' '));
    texts->addWidget(m_connection);
    texts->addWidget(m_auth, 1);
    bar->addWidget(m_dot);
    bar->addWidget(m_texts, 1);
    bar->addPermanentWidget(m_pending);
}

void StatusIndicators::setStatus(const qonvex::app::AppStatus &status)
{
    m_dot->setPixmap(connectionIcon(status.connection).pixmap(12, 12));
    m_dot->setAccessibleDescription(status.connectionText);
    m_connection->setText(status.connectionText, withoutTrailingParenthesis(status.connectionText));
    m_connection->setAccessibleName(tr("Connection: %1").arg(status.connectionText));
    m_authText = status.authText;
    const QString separator = status.authText.isEmpty() ? QString() : QStringLiteral("· ");
    const QString shorter = withoutTrailingParenthesis(status.authText);
    m_auth->setText(separator + status.authText, shorter.isEmpty() ? QString() : separator + shorter);
    m_auth->setToolTip(status.authText);
    m_auth->setAccessibleDescription(status.authText);
    m_auth->setAccessibleName(tr("Account: %1").arg(status.authText));
    m_pending->setText(status.pendingText);
    m_pending->setAccessibleName(status.pendingText.isEmpty() ? tr("No changes pending") : status.pendingText);
    m_pending->setVisible(!status.pendingText.isEmpty());
    // Lay the fields out now rather than on the next event-loop pass, so the bar is never
    // painted (or grabbed) with the new text squeezed into the old text's width.
    if (m_bar->isVisible() && m_bar->layout()) {
        m_texts->layout()->activate();
        m_bar->layout()->activate();
        // The bar may leave the field's size as it was; its own layout still has to move.
        m_texts->layout()->activate();
    }
}

QString StatusIndicators::connectionText() const { return m_connection->text(); }
QString StatusIndicators::authText() const { return m_authText; }
QString StatusIndicators::pendingText() const { return m_pending->text(); }

} // namespace qonvex::ui
