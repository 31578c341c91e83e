// SPDX-License-Identifier: MIT
#include "tasks/taskitemdelegate.h"

#include "tasks/tasksmodel.h"

#include <QApplication>
#include <QStyle>

namespace qonvex::ui {

using tasks::TasksModel;

void TaskItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString error = index.data(TasksModel::ErrorRole).toString();
    const bool deleteScheduled = index.data(TasksModel::DeleteScheduledRole).toBool();
    const bool pending = index.data(TasksModel::PendingRole).toBool();
    if (deleteScheduled) {
        option->font.setStrikeOut(true);
        option->text = tr("%1 — deleted (Ctrl+Z to undo)").arg(option->text);
    } else if (pending) {
        option->text = tr("%1 — saving…").arg(option->text);
    }
    if (deleteScheduled || pending) {
        // Greyed with the system palette's own disabled colour, not a hard-coded one.
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text));
    }
    if (!error.isEmpty()) {
        option->text = tr("%1 — failed: %2 (Ctrl+R to retry)").arg(option->text, error);
        option->features |= QStyleOptionViewItem::HasDecoration;
        const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
        option->icon = style->standardIcon(QStyle::SP_MessageBoxWarning);
        const int side = style->pixelMetric(QStyle::PM_SmallIconSize, option, option->widget);
        option->decorationSize = QSize(side, side);
    }
}

} // namespace qonvex::ui
