// SPDX-License-Identifier: MIT
#include "status/statusbanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace qonvex::ui {

using qonvex::app::AppStatus;

StatusBanner::StatusBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_retry(new QPushButton(tr("Retry"), this)),
      m_sessionOnly(new QPushButton(tr("Stay signed in for this session only"), this))
{
    setObjectName(QStringLiteral("statusBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Problem"));
    m_text->setObjectName(QStringLiteral("statusBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(QStringLiteral("statusBannerRetry"));
    m_retry->setAccessibleName(tr("Retry now"));
    m_sessionOnly->setObjectName(QStringLiteral("statusBannerSessionOnly"));
    m_sessionOnly->setAccessibleName(tr("Stay signed in for this session only"));
    m_sessionOnly->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_sessionOnly, 0, Qt::AlignVCenter);
    layout->addWidget(m_retry, 0, Qt::AlignVCenter);

    connect(m_retry, &QPushButton::clicked, this, &StatusBanner::retryClicked);
    connect(m_sessionOnly, &QPushButton::clicked, this, &StatusBanner::sessionOnlyClicked);
    hide();
}

void StatusBanner::setStatus(const AppStatus &status)
{
    m_kind = status.banner;
    switch (status.banner) {
    case AppStatus::BannerKind::None:
        hide();
        return;
    // What a screen reader announces first: what kind of problem this is.
    case AppStatus::BannerKind::Offline: setAccessibleName(tr("Offline")); break;
    case AppStatus::BannerKind::Connection: setAccessibleName(tr("Connection problem")); break;
    case AppStatus::BannerKind::Auth: setAccessibleName(tr("Sign-in problem")); break;
    case AppStatus::BannerKind::Stopped: setAccessibleName(tr("Connection stopped")); break;
    }
    QString text = status.bannerText;
    if (status.banner == AppStatus::BannerKind::Connection || status.banner == AppStatus::BannerKind::Offline)
        text += QStringLiteral("\n") + status.connectionText;
    m_text->setText(text);
    m_text->setAccessibleName(text);
    m_retry->setVisible(status.bannerRetry);
    const QStyle::StandardPixmap pixmap = status.banner == AppStatus::BannerKind::Stopped
        ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning;
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(22, 22));
    updateColours();
    show();
}

void StatusBanner::setSessionOnlyOffered(bool offered)
{
    m_sessionOnly->setVisible(offered);
}

QString StatusBanner::text() const
{
    return isVisible() ? m_text->text() : QString();
}

void StatusBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColours();
}

void StatusBanner::updateColours()
{
    // A warm tint over the window colour: readable in light and dark palettes alike.
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    const QColor window = base.color(QPalette::Window);
    const QColor tint = m_kind == AppStatus::BannerKind::Stopped ? QColor(0xcf, 0x22, 0x2e) : QColor(0xd9, 0x8e, 0x04);
    const auto mix = [](const QColor &a, const QColor &b, qreal t) {
        return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                                a.blueF() * (1 - t) + b.blueF() * t);
    };
    QPalette p = palette();
    p.setColor(QPalette::Window, mix(window, tint, 0.18));
    setPalette(p);
}

} // namespace qonvex::ui
