// SPDX-License-Identifier: MIT
#include "tasks/inlineerror.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace qonvex::ui {

InlineError::InlineError(QWidget *parent) : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setAccessibleName(tr("Error"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    m_icon->setAccessibleName(tr("Error icon"));
    m_text->setAccessibleName(tr("Error message"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    updateColours();
    hide();
}

void InlineError::setMessage(const QString &message)
{
    m_text->setText(message);
    setAccessibleDescription(message);
    setVisible(!message.isEmpty());
}

QString InlineError::message() const { return m_text->text(); }

void InlineError::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColours();
}

void InlineError::updateColours()
{
    if (m_updating)
        return; // setPalette() below sends a PaletteChange of its own
    m_updating = true;
    m_colours = applyErrorColours(this);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(side, side));
    m_updating = false;
}

} // namespace qonvex::ui
