// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/value.h>

#include <QList>
#include <QString>

namespace qonvex::tasks {

//! One task as the server's `tasks:list` returns it (the fields the app shows).
struct TaskRow {
    QString id;              //!< `_id`, opaque
    QString text;
    bool done = false;
    double creationTime = 0; //!< `_creationTime`, milliseconds since the Unix epoch

    bool operator==(const TaskRow &other) const = default;
};

//! Parses the value of `tasks:list` (an array of task documents). Elements that are not
//! objects with a string `_id` are skipped (and counted in \a skipped, if given), so one
//! malformed document never hides the others.
QList<TaskRow> taskRowsFromValue(const convex::Value &list, int *skipped = nullptr);

} // namespace qonvex::tasks

// Strings and a double: safe to memmove, so row inserts and moves in a 10,000-row
// QList are one memmove instead of 10,000 move constructions.
Q_DECLARE_TYPEINFO(qonvex::tasks::TaskRow, Q_RELOCATABLE_TYPE);
