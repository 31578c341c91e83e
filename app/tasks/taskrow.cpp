// SPDX-License-Identifier: MIT
#include "tasks/taskrow.h"

namespace qonvex::tasks {

QList<TaskRow> taskRowsFromValue(const convex::Value &list, int *skipped)
{
    QList<TaskRow> rows;
    int bad = 0;
    if (list.isArray()) {
        const convex::ValueArray items = list.toArray();
        rows.reserve(items.size());
        for (const convex::Value &item : items) {
            const convex::Value id = item[u"_id"_qs];
            if (!item.isObject() || !id.isString()) {
                ++bad;
                continue;
            }
            rows.append(TaskRow{id.toString(), item[u"text"_qs].toString(),
                                item[u"done"_qs].toBool(),
                                item[u"_creationTime"_qs].toNumber()});
        }
    }
    if (skipped)
        *skipped = bad;
    return rows;
}

} // namespace qonvex::tasks
