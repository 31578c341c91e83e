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
