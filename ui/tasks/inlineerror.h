// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QFrame>

class QLabel;
class QPalette;

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

//! \brief A one-line error strip with an icon, shown under an input; hidden while empty.
//!
//! Colours follow the palette (errorColoursFor), also when it changes at run time.
class InlineError : public QFrame {
    Q_OBJECT
public:
    explicit InlineError(QWidget *parent = nullptr);

    //! Shows \a message; an empty one hides the strip.
    void setMessage(const QString &message);
    QString message() const;
    //! The colours in use (for tests).
    ErrorColours colours() const { return m_colours; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColours();

    QLabel *m_icon;
    QLabel *m_text;
    ErrorColours m_colours;
    bool m_updating = false;
};

} // namespace qonvex::ui
