// SPDX-License-Identifier: MIT
#include "identity/identitybadge.h"

#include "identity/identitymodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace qonvex::ui {

using identity::IdentityModel;

InitialsAvatar::InitialsAvatar(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(tr("Avatar"));
}

void InitialsAvatar::setInitials(const QString &initials)
{
    m_initials = initials;
    setAccessibleDescription(tr("Initials %1").arg(initials));
    update();
}

QSize InitialsAvatar::sizeHint() const
{
    const int side = fontMetrics().height() * 2 + 4;
    return {side, side};
}

void InitialsAvatar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int side = qMin(width(), height());
    const QRectF circle((width() - side) / 2.0 + 1, (height() - side) / 2.0 + 1, side - 2, side - 2);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    painter.drawEllipse(circle);
    QFont font = this->font();
    font.setBold(true);
    font.setPixelSize(qMax(8, side * 2 / 5));
    painter.setFont(font);
    painter.setPen(palette().color(QPalette::HighlightedText));
    painter.drawText(circle, Qt::AlignCenter, m_initials);
}

IdentityBadge::IdentityBadge(IdentityModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_avatar(new InitialsAvatar(this)),
      m_name(new QLabel(this)), m_email(new QLabel(this))
{
    setAccessibleName(tr("Signed-in user"));
    m_name->setAccessibleName(tr("User name"));
    m_email->setAccessibleName(tr("User email"));
    m_name->setTextFormat(Qt::PlainText);
    m_email->setTextFormat(Qt::PlainText);
    m_email->setForegroundRole(QPalette::PlaceholderText);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_email->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);

    auto *text = new QVBoxLayout;
    text->setSpacing(0);
    text->addWidget(m_name);
    text->addWidget(m_email);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_avatar);
    layout->addLayout(text, 1);

    connect(model, &IdentityModel::changed, this, &IdentityBadge::refresh);
    refresh();
}

QString IdentityBadge::nameText() const
{
    return m_name->text();
}

QString IdentityBadge::emailText() const
{
    return m_email->text();
}

void IdentityBadge::refresh()
{
    m_avatar->setInitials(m_model->initials());
    switch (m_model->state()) {
    case IdentityModel::State::Loading:
        m_name->setText(tr("Loading…"));
        m_email->clear();
        break;
    case IdentityModel::State::SignedOut:
        m_name->setText(tr("Not signed in"));
        m_email->setText(tr("The server does not see a signed-in user"));
        break;
    case IdentityModel::State::Error:
        m_name->setText(tr("Identity unavailable"));
        m_email->setText(m_model->errorMessage());
        break;
    case IdentityModel::State::SignedIn:
        m_name->setText(m_model->displayName());
        m_email->setText(m_model->name().isEmpty() ? QString() : m_model->email());
        break;
    }
    setToolTip(m_email->text().isEmpty() ? m_name->text() : tr("%1 <%2>").arg(m_name->text(), m_email->text()));
}

} // namespace qonvex::ui
