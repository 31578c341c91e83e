// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace qonvex::ui {

//! \brief One line of text that never shows a clipped word: when the full text does not fit it
//! shows a shorter form, and failing that elides with "…".
//!
//! The size hint is the full text, so a layout gives it all the room it can; the minimum is
//! a few characters, so a narrow window still fits. The tooltip and the accessible
//! description always carry the full text.
class ElidedLabel : public QWidget {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    //! Shows \a full when it fits, else \a shorter (if not empty) when that fits, else the
    //! shorter form (or the full one) elided at the end.
    void setText(const QString &full, const QString &shorter = {});
    //! The full text.
    QString text() const { return m_full; }
    //! What is painted at the current width.
    QString displayedText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_full;
    QString m_shorter;
};

//! The text without a trailing parenthesised part: "Reconnecting in 4 s (attempt 3)" →
//! "Reconnecting in 4 s". Returns an empty string when there is no such part.
QString withoutTrailingParenthesis(const QString &text);

} // namespace qonvex::ui
