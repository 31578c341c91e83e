// SPDX-License-Identifier: MIT
#pragma once

#include "tasks/taskrow.h"

#include <QList>

namespace qonvex::tasks {

//! \brief One step that turns the old list into the new one, in the order it must be applied.
//!
//! Row numbers refer to the list as it is right before the step (Qt model semantics), so
//! a model can replay the steps one by one between begin…Rows()/end…Rows() calls.
struct TaskListOp {
    enum class Kind : quint8 {
        Remove, //!< rows [first, last] go away
        Insert, //!< newRows[source .. source+count-1] are inserted before row \a first
        Move,   //!< row \a first moves before row \a last (Qt's destinationChild numbering)
        Change, //!< row \a first now holds newRows[source]; \a changed says which fields
    };
    enum Field : quint8 { TextField = 1, DoneField = 2, CreationTimeField = 4 };

    Kind kind;
    int first = 0;
    int last = 0;
    int source = 0;
    int count = 0;
    quint8 changed = 0;
};

//! \brief Row diff keyed by TaskRow::id, for live query results.
//!
//! Produces removals, insertions (contiguous runs grouped), moves and field changes. Moves
//! are minimal: rows on a longest increasing subsequence of new positions stay, only the
//! others move. Cost: O(n log n) plus O(n) per moved row, with int scans (no string work
//! beyond one hash of the ids), so 10,000 rows with a hundred changes take well under a
//! millisecond or two.
//!
//! Both lists must have unique ids (use dedupeById() on server data first).
QList<TaskListOp> diffTaskLists(const QList<TaskRow> &oldRows, const QList<TaskRow> &newRows);

//! Drops later rows whose id was already seen (a server should never send those, but a
//! duplicate must not corrupt the model). Returns how many were dropped.
int dedupeById(QList<TaskRow> &rows);

//! Applies \a ops to \a rows (what a model does to its storage); for tests and for models.
void applyTaskListOp(QList<TaskRow> &rows, const TaskListOp &op, const QList<TaskRow> &newRows);

} // namespace qonvex::tasks
