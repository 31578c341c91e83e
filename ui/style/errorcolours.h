// SPDX-License-Identifier: MIT
#pragma once
// Error colours derived from the palette, shared by every place that shows an error message
// (the task input's strip, the settings dialog's per-field errors): one red, readable in light,
// dark and unusual palettes alike.

#include <QColor>

class QPalette;
class QWidget;

namespace qonvex::ui {

//! Colours for an error message drawn over the window background.
struct ErrorColours {
    QColor foreground;
    QColor background;
};

//! Error colours that suit \a palette: a red tint of its window colour with a red text dark
//! enough (light palettes) or light enough (dark palettes) to read; never the selection colour.
//! The text meets WCAG's 4.5:1 contrast against the tint.
ErrorColours errorColoursFor(const QPalette &palette);

//! WCAG 2 contrast ratio of two colours (1 to 21).
double contrastRatio(const QColor &a, const QColor &b);

//! Gives \a widget the error colours of the palette it inherits (its parent's): Window and
//! WindowText of the active and inactive groups, with its background filled. Returns them.
//! It sends the widget a PaletteChange: a caller handling that event must not recurse.
ErrorColours applyErrorColours(QWidget *widget);

//! applyErrorColours() now and again whenever \a widget's palette or style changes (a switch
//! between light and dark at run time), for widgets that do not handle changeEvent themselves.
void followErrorColours(QWidget *widget);

} // namespace qonvex::ui
