// SPDX-License-Identifier: MIT
#include "status/statusicons.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QPluginLoader>
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

QPixmap paintAppMark(int size)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size / 128.0;
    QLinearGradient bg(0, 0, size, size);
    bg.setColorAt(0, QColor(0x6c, 0x5c, 0xe7));
    bg.setColorAt(1, QColor(0x3b, 0x82, 0xf6));
    p.setPen(Qt::NoPen);
    p.setBrush(bg);
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 112 * s, 112 * s), 26 * s, 26 * s);
    QPen white(Qt::white, 12 * s);
    white.setCapStyle(Qt::RoundCap);
    p.setPen(white);
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(60 * s, 60 * s), 30 * s, 30 * s);
    white.setWidthF(13 * s);
    p.setPen(white);
    p.drawLine(QPointF(78 * s, 78 * s), QPointF(100 * s, 100 * s));
    return pm;
}

// Whether an SVG icon engine plugin is where Qt looks for plugins. Without one, QIcon would
// read the .svg with the pixmap engine, which probes (loads) every image format plugin at start
// only to fail.
bool svgIconEnginePluginPresent()
{
    const auto staticPlugins = QPluginLoader::staticPlugins();
    for (const QStaticPlugin &plugin : staticPlugins) {
        if (plugin.metaData().value(QStringLiteral("className")).toString().contains(QStringLiteral("Svg")))
            return true;
    }
    const QStringList paths = QCoreApplication::libraryPaths();
    for (const QString &path : paths) {
        const QDir dir(path + QStringLiteral("/iconengines"));
        if (!dir.entryList({QStringLiteral("*svg*")}, QDir::Files).isEmpty())
            return true;
    }
    return false;
}

// The scalable icon from the resources when Qt's SVG icon engine is installed (Debian:
// libqt6svg6, a run-time plugin: nothing to link); a null icon otherwise.
const QIcon &scalableAppIcon()
{
    static const QIcon icon = [] {
        if (!svgIconEnginePluginPresent())
            return QIcon();
        QIcon svg(QStringLiteral(":/qonvex/icons/qonvex.svg"));
        return svg.pixmap(QSize(32, 32)).isNull() ? QIcon() : svg;
    }();
    return icon;
}

QPixmap appMark(int size)
{
    if (!scalableAppIcon().isNull())
        return scalableAppIcon().pixmap(QSize(size, size));
    return paintAppMark(size);
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

bool hasScalableAppIcon() { return !scalableAppIcon().isNull(); }

QIcon appIcon()
{
    const QIcon fallback = hasScalableAppIcon() ? scalableAppIcon() : QIcon(new PaintedAppIconEngine);
    return QIcon::fromTheme(QStringLiteral("io.github.qonvex.Qonvex"), fallback);
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
        QPixmap pm = appMark(size);
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
