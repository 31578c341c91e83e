// SPDX-License-Identifier: MIT
#include "status/statusicons.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QStyle>
#include <QStyleOption>

#include <algorithm>

namespace qonvex::ui {

using qonvex::app::AppStatus;

namespace {

QColor connectionColour(AppStatus::Connection c)
{
    switch (c) {
    case AppStatus::Connection::Connected: return QColor(0x2e, 0xa0, 0x43);
    case AppStatus::Connection::Connecting:
    case AppStatus::Connection::Reconnecting: return QColor(0xd9, 0x8e, 0x04);
    case AppStatus::Connection::Stopped: return QColor(0xcf, 0x22, 0x2e);
    case AppStatus::Connection::Offline:
    case AppStatus::Connection::NotConfigured: break;
    }
    return QColor(0x8c, 0x95, 0x9f);
}

// The mark of resources/icons/io.github.qonvex.Qonvex.svg (the icon the desktop menu,
// the .deb and the Windows .ico show), painted in code in the SVG's 128-unit coordinates: the
// window and tray then show the same icon as the menu without loading Qt's SVG module and image
// plugins at start-up. tst_shell_widgets compares it with rsvg-convert's rendering of the SVG.
QPixmap paintAppMark(int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 128.0, size / 128.0);
    const QColor gold(0xff, 0xd1, 0x66);
    QLinearGradient tile(0, 8, 0, 120); // objectBoundingBox units of the tile: top to bottom
    tile.setColorAt(0, QColor(0x5b, 0x6c, 0xf0));
    tile.setColorAt(1, QColor(0x33, 0x46, 0xc8));
    p.setPen(Qt::NoPen);
    p.setBrush(tile);
    p.drawRoundedRect(QRectF(8, 8, 112, 112), 24, 24);
    p.setBrush(QColor(255, 255, 255, 20)); // the top half's 8% white sheen
    p.drawRoundedRect(QRectF(8, 8, 112, 56), 24, 24);
    QPen hexagon(Qt::white, 11);
    hexagon.setJoinStyle(Qt::RoundJoin);
    p.setPen(hexagon);
    p.setBrush(Qt::NoBrush);
    const QPointF corners[] = {{60, 26}, {88, 42}, {88, 74}, {60, 90}, {32, 74}, {32, 42}};
    p.drawPolygon(corners, 6);
    QPen tail(gold, 12);
    tail.setCapStyle(Qt::RoundCap);
    p.setPen(tail);
    p.drawLine(QPointF(70, 78), QPointF(96, 100));
    p.setPen(Qt::NoPen);
    p.setBrush(gold);
    p.drawEllipse(QPointF(60, 58), 7, 7);
    return pm;
}

// The painted mark as an icon: drawn at the size asked for (sharp at any size) and only when
// asked, instead of seven pixmaps up to 256×256 painted and held from start-up.
class PaintedAppIconEngine final : public QIconEngine {
public:
    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const int side = std::min(rect.width(), rect.height());
        if (side <= 0)
            return;
        const QPixmap pm = pixmap(QSize(side, side), mode, state);
        painter->drawPixmap(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, pm);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State) override
    {
        const int side = std::min(size.width(), size.height());
        if (side <= 0)
            return {};
        const QString cacheKey = QStringLiteral("qonvex-app-mark-%1-%2").arg(side).arg(int(mode));
        QPixmap pm;
        if (QPixmapCache::find(cacheKey, &pm))
            return pm;
        pm = paintAppMark(side);
        // As Qt's pixmap engine does: other modes (e.g. disabled) are the style's rendering.
        if (mode != QIcon::Normal && qobject_cast<QApplication *>(QCoreApplication::instance())) {
            QStyleOption option;
            option.palette = QApplication::palette();
            const QPixmap styled = QApplication::style()->generatedIconPixmap(mode, pm, &option);
            if (!styled.isNull())
                pm = styled;
        }
        QPixmapCache::insert(cacheKey, pm);
        return pm;
    }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        QList<QSize> sizes;
        for (int side : {16, 22, 32, 48, 64, 128, 256})
            sizes << QSize(side, side);
        return sizes;
    }

    QString key() const override { return QStringLiteral("qonvex-painted-app-mark"); }
    QIconEngine *clone() const override { return new PaintedAppIconEngine; }
};

} // namespace

QIcon appIcon()
{
    return QIcon::fromTheme(QStringLiteral("io.github.qonvex.Qonvex"), QIcon(new PaintedAppIconEngine));
}

QIcon connectionIcon(AppStatus::Connection connection)
{
    QIcon icon;
    for (int size : {12, 16, 24}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QApplication::palette().color(QPalette::WindowText), 0.8));
        p.setBrush(connectionColour(connection));
        const qreal m = size * 0.18;
        p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m));
        icon.addPixmap(pm);
    }
    return icon;
}

QIcon trayIcon(const AppStatus &status)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pm = paintAppMark(size);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        QColor dot = connectionColour(status.connection);
        if (status.connection == AppStatus::Connection::Connected
            && (status.auth == AppStatus::Auth::Problem || status.auth == AppStatus::Auth::SignedOut))
            dot = connectionColour(AppStatus::Connection::Reconnecting);
        const qreal d = size * 0.42;
        p.setPen(QPen(Qt::white, std::max(1.0, size / 24.0)));
        p.setBrush(dot);
        p.drawEllipse(QRectF(size - d - 0.5, size - d - 0.5, d, d));
        icon.addPixmap(pm);
    }
    return icon;
}

QIcon initialsIcon(const QString &initials, const QString &seed, int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const int hue = int(qHash(seed) % 360);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor::fromHsl(hue, 120, 95));
    p.drawEllipse(QRectF(0, 0, size, size));
    QFont font = QApplication::font();
    font.setBold(true);
    font.setPixelSize(int(size * (initials.size() > 1 ? 0.38 : 0.46)));
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, initials);
    return QIcon(pm);
}

QString initialsFor(const QString &name, const QString &email)
{
    const QStringList words = name.simplified().split(u' ', Qt::SkipEmptyParts);
    QString out;
    if (!words.isEmpty()) {
        out += words.first().at(0).toUpper();
        if (words.size() > 1)
            out += words.last().at(0).toUpper();
        return out;
    }
    const QString trimmed = email.trimmed();
    if (!trimmed.isEmpty())
        return trimmed.at(0).toUpper();
    return QStringLiteral("?");
}

} // namespace qonvex::ui
