// SPDX-License-Identifier: MIT
#include "tasks/inlineerror.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

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
    // Derived from the palette we inherit, not from the one we set last time.
    const QPalette inherited = parentWidget() ? parentWidget()->palette() : QPalette();
    m_colours = errorColoursFor(inherited);
    QPalette p = inherited;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, m_colours.background);
        p.setColor(group, QPalette::WindowText, m_colours.foreground);
    }
    setPalette(p);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(side, side));
    m_updating = false;
}

} // namespace qonvex::ui
