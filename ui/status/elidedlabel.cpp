// SPDX-License-Identifier: MIT
#include "status/elidedlabel.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>

namespace qonvex::ui {

ElidedLabel::ElidedLabel(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString &full, const QString &shorter)
{
    if (full == m_full && shorter == m_shorter)
        return;
    m_full = full;
    m_shorter = shorter;
    setToolTip(full);
    setAccessibleDescription(full);
    updateGeometry();
    update();
}

QString ElidedLabel::displayedText() const
{
    const QFontMetrics metrics = fontMetrics();
    const int available = contentsRect().width();
    if (metrics.horizontalAdvance(m_full) <= available)
        return m_full;
    if (!m_shorter.isEmpty() && metrics.horizontalAdvance(m_shorter) <= available)
        return m_shorter;
    return metrics.elidedText(m_shorter.isEmpty() ? m_full : m_shorter, Qt::ElideRight, available);
}

QSize ElidedLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const QMargins margins = contentsMargins();
    // +1: horizontalAdvance rounds down on fractional font sizes; never lose the last pixel.
    return {metrics.horizontalAdvance(m_full) + 1 + margins.left() + margins.right(),
            metrics.height() + margins.top() + margins.bottom()};
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const QMargins margins = contentsMargins();
    // Enough for a word and the ellipsis; less than that says nothing.
    const int least = std::min(metrics.horizontalAdvance(m_full),
                               metrics.horizontalAdvance(QStringLiteral("Wwwww…")));
    return {least + 1 + margins.left() + margins.right(), metrics.height() + margins.top() + margins.bottom()};
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    style()->drawItemText(&painter, contentsRect(), Qt::AlignLeft | Qt::AlignVCenter, palette(), isEnabled(),
                          displayedText(), foregroundRole());
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateGeometry();
}

QString withoutTrailingParenthesis(const QString &text)
{
    if (!text.endsWith(u')'))
        return {};
    const qsizetype open = text.lastIndexOf(QStringLiteral(" ("));
    return open > 0 ? text.left(open) : QString();
}

} // namespace qonvex::ui
