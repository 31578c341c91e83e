// SPDX-License-Identifier: MIT
#pragma once

#include "style/errorcolours.h"

#include <QFrame>

class QLabel;

namespace qonvex::ui {

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
