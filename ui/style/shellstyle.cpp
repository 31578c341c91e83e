// SPDX-License-Identifier: MIT
#include "style/shellstyle.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

#include <algorithm>

namespace qonvex::ui {

namespace {

// "»" as two chevrons, pointing right (horizontal bars) or down (vertical bars), in the
// palette's text colour at the time of painting, so dark and light themes both work.
class ExtensionArrowEngine final : public QIconEngine {
public:
    explicit ExtensionArrowEngine(Qt::Orientation orientation) : m_orientation(orientation) {}

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal side = std::min(rect.width(), rect.height());
        if (side <= 0)
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.center().x() + 0.5 - side / 2, rect.center().y() + 0.5 - side / 2);
        if (m_orientation == Qt::Vertical) { // the same drawing, turned a quarter clockwise
            painter->translate(side, 0);
            painter->rotate(90);
        } else if (QApplication::isRightToLeft()) { // overflow lies to the left
            painter->translate(side, 0);
            painter->scale(-1, 1);
        }
        const QPalette palette = QApplication::palette();
        QPen pen(palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText),
                 std::max(1.0, side / 10));
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        painter->setPen(pen);
        for (qreal x : {0.25, 0.5}) {
            const QPointF chevron[] = {{x * side, 0.3 * side}, {(x + 0.2) * side, 0.5 * side}, {x * side, 0.7 * side}};
            painter->drawPolyline(chevron, 3);
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QString key() const override { return QStringLiteral("qonvex-extension-arrow"); }
    QIconEngine *clone() const override { return new ExtensionArrowEngine(m_orientation); }

private:
    Qt::Orientation m_orientation;
};

} // namespace

ShellStyle::ShellStyle(const QString &baseStyleName)
    : QProxyStyle(baseStyleName)
{
}

QIcon ShellStyle::standardIcon(StandardPixmap standardIcon, const QStyleOption *option, const QWidget *widget) const
{
    switch (standardIcon) {
    case SP_ToolBarHorizontalExtensionButton: return QIcon(new ExtensionArrowEngine(Qt::Horizontal));
    case SP_ToolBarVerticalExtensionButton: return QIcon(new ExtensionArrowEngine(Qt::Vertical));
    default: return QProxyStyle::standardIcon(standardIcon, option, widget);
    }
}

void ShellStyle::install()
{
    if (qobject_cast<ShellStyle *>(QApplication::style()))
        return;
    QApplication::setStyle(new ShellStyle(QApplication::style()->name()));
}

} // namespace qonvex::ui
