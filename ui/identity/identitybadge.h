// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;

namespace qonvex::identity {
class IdentityModel;
}

namespace qonvex::ui {

//! The round avatar alone: initials on a filled circle, sized by its font.
class InitialsAvatar : public QWidget {
    Q_OBJECT
public:
    explicit InitialsAvatar(QWidget *parent = nullptr);
    void setInitials(const QString &initials);
    QString initials() const { return m_initials; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_initials;
};

//! \brief A round initials avatar (drawn with QPainter in the palette's highlight colours)
//! next to the user's name and email, following an IdentityModel.
class IdentityBadge : public QWidget {
    Q_OBJECT
public:
    //! Shows \a model (not owned; must outlive the badge or be its child).
    explicit IdentityBadge(identity::IdentityModel *model, QWidget *parent = nullptr);

    QString nameText() const;
    QString emailText() const;

private:
    void refresh();

    identity::IdentityModel *m_model;
    InitialsAvatar *m_avatar;
    QLabel *m_name;
    QLabel *m_email;
};

} // namespace qonvex::ui
