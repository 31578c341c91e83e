// SPDX-License-Identifier: MIT
#include "style/errorcolours.h"

#include <QEvent>
#include <QPalette>
#include <QWidget>

#include <cmath>

namespace qonvex::ui {

namespace {
QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

// Re-applies the error colours on palette and style changes of the widget it watches.
class ErrorColourFollower : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        const bool change = event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange
            || event->type() == QEvent::ParentChange;
        if (change && !m_applying) {
            m_applying = true; // setPalette() below sends a PaletteChange of its own
            applyErrorColours(static_cast<QWidget *>(watched));
            m_applying = false;
        }
        return false;
    }

private:
    bool m_applying = false;
};
} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ErrorColours errorColoursFor(const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Active, QPalette::Window);
    const bool dark = window.lightnessF() < 0.5;
    const QColor red(0xd9, 0x30, 0x25);
    ErrorColours colours;
    colours.background = mix(window, red, dark ? 0.28 : 0.12);
    colours.foreground = dark ? QColor(0xff, 0xb4, 0xab) : QColor(0x9f, 0x1a, 0x14);
    // An unusual palette (high contrast, tinted themes): fall back to its own text colour, or
    // black or white, rather than paint an error nobody can read.
    for (const QColor &candidate : {palette.color(QPalette::Active, QPalette::WindowText), QColor(Qt::black),
                                    QColor(Qt::white)}) {
        if (contrastRatio(colours.foreground, colours.background) >= 4.5)
            break;
        if (contrastRatio(candidate, colours.background) > contrastRatio(colours.foreground, colours.background))
            colours.foreground = candidate;
    }
    return colours;
}

ErrorColours applyErrorColours(QWidget *widget)
{
    // Derived from the palette the widget inherits, not from the one set here last time.
    const QPalette inherited = widget->parentWidget() ? widget->parentWidget()->palette() : QPalette();
    const ErrorColours colours = errorColoursFor(inherited);
    QPalette p = inherited;
    // Only these two roles are the widget's own: a parent palette set explicitly (a theme
    // switch) must still reach the widget as a PaletteChange, or the colours stay stale.
    p.setResolveMask(0);
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, colours.background);
        p.setColor(group, QPalette::WindowText, colours.foreground);
    }
    widget->setPalette(p);
    if (widget->backgroundRole() != QPalette::Window)
        widget->setBackgroundRole(QPalette::Window);
    if (widget->foregroundRole() != QPalette::WindowText)
        widget->setForegroundRole(QPalette::WindowText);
    widget->setAutoFillBackground(true);
    return colours;
}

void followErrorColours(QWidget *widget)
{
    applyErrorColours(widget);
    widget->installEventFilter(new ErrorColourFollower(widget));
}

} // namespace qonvex::ui
