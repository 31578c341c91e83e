// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace qonvex::ui {

//! Draws a task row with the system style, marking writes in flight (greyed, "saving…"),
//! scheduled deletes (struck out) and failed writes (warning icon and the error).
class TaskItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace qonvex::ui
