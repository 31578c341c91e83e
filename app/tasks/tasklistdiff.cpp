// SPDX-License-Identifier: MIT
#include "tasks/tasklistdiff.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <vector>

namespace qonvex::tasks {

namespace {

// Marks the elements of \a seq (distinct ints) that form one longest increasing subsequence.
// Patience sorting, O(n log n).
std::vector<bool> longestIncreasingSubsequence(const std::vector<int> &seq)
{
    const std::size_t n = seq.size();
    std::vector<bool> inLis(n, false);
    if (n == 0)
        return inLis;
    // Fast path: already ordered (the usual live-update case).
    if (std::is_sorted(seq.begin(), seq.end())) {
        std::fill(inLis.begin(), inLis.end(), true);
        return inLis;
    }
    std::vector<int> tailValue;   // smallest tail value of an increasing run of each length
    std::vector<int> tailIndex;   // index in seq of that tail
    std::vector<int> previous(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        const auto it = std::lower_bound(tailValue.begin(), tailValue.end(), seq[i]);
        const auto length = static_cast<std::size_t>(it - tailValue.begin());
        previous[i] = length > 0 ? tailIndex[length - 1] : -1;
        if (it == tailValue.end()) {
            tailValue.push_back(seq[i]);
            tailIndex.push_back(static_cast<int>(i));
        } else {
            *it = seq[i];
            tailIndex[length] = static_cast<int>(i);
        }
    }
    for (int i = tailIndex.back(); i >= 0; i = previous[static_cast<std::size_t>(i)])
        inLis[static_cast<std::size_t>(i)] = true;
    return inLis;
}

quint8 changedFields(const TaskRow &a, const TaskRow &b)
{
    quint8 fields = 0;
    if (a.text != b.text)
        fields |= TaskListOp::TextField;
    if (a.done != b.done)
        fields |= TaskListOp::DoneField;
    if (a.creationTime != b.creationTime)
        fields |= TaskListOp::CreationTimeField;
    return fields;
}

// A row of the simulated list: where it must end up, and where it came from (-1: inserted).
struct SimRow {
    int target;
    int oldIndex;
    bool operator==(int t) const { return target == t; }
};

} // namespace

int dedupeById(QList<TaskRow> &rows)
{
    QSet<QString> seen;
    seen.reserve(rows.size());
    const auto before = rows.size();
    rows.removeIf([&seen](const TaskRow &row) {
        if (seen.contains(row.id))
            return true;
        seen.insert(row.id);
        return false;
    });
    return static_cast<int>(before - rows.size());
}

QList<TaskListOp> diffTaskLists(const QList<TaskRow> &oldRows, const QList<TaskRow> &newRows)
{
    using Op = TaskListOp;
    QList<Op> ops;
    const int newCount = static_cast<int>(newRows.size());

    const int oldCount = static_cast<int>(oldRows.size());

    // Rows whose ids match at the start and at the end keep their places; only the middle
    // needs the hash (a typical update — one add, toggle or removal — hashes nothing).
    int prefix = 0;
    while (prefix < oldCount && prefix < newCount && oldRows[prefix].id == newRows[prefix].id)
        ++prefix;
    int suffix = 0;
    while (suffix < oldCount - prefix && suffix < newCount - prefix
           && oldRows[oldCount - 1 - suffix].id == newRows[newCount - 1 - suffix].id)
        ++suffix;

    QHash<QString, int> newIndexOf;
    newIndexOf.reserve(newCount - prefix - suffix);
    for (int i = prefix; i < newCount - suffix; ++i)
        newIndexOf.insert(newRows[i].id, i);

    // 1. Removals, from the end so that earlier row numbers stay valid; runs grouped.
    std::vector<int> targetOfOld(static_cast<std::size_t>(oldCount));
    for (int i = 0; i < oldCount; ++i) {
        int target;
        if (i < prefix)
            target = i;
        else if (i >= oldCount - suffix)
            target = newCount - (oldCount - i);
        else
            target = newIndexOf.value(oldRows[i].id, -1);
        targetOfOld[static_cast<std::size_t>(i)] = target;
    }
    for (int i = static_cast<int>(oldRows.size()) - 1; i >= 0;) {
        if (targetOfOld[static_cast<std::size_t>(i)] >= 0) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && targetOfOld[static_cast<std::size_t>(i)] < 0)
            --i;
        ops.append(Op{Op::Kind::Remove, i + 1, last, 0, last - i, 0});
    }

    // 2. The survivors in their current order; those on an LIS of targets never move.
    std::vector<SimRow> cur;
    cur.reserve(static_cast<std::size_t>(std::max<qsizetype>(oldRows.size(), newCount)));
    std::vector<int> survivorTargets;
    for (std::size_t i = 0; i < targetOfOld.size(); ++i) {
        if (targetOfOld[i] >= 0) {
            cur.push_back(SimRow{targetOfOld[i], static_cast<int>(i)});
            survivorTargets.push_back(targetOfOld[i]);
        }
    }
    const std::vector<bool> inLis = longestIncreasingSubsequence(survivorTargets);
    // Per new index: 0 = inserted, 1 = anchor (stays), 2 = mover.
    std::vector<quint8> role(static_cast<std::size_t>(newCount), 0);
    for (std::size_t i = 0; i < survivorTargets.size(); ++i)
        role[static_cast<std::size_t>(survivorTargets[i])] = inLis[i] ? 1 : 2;

    // 3. Walk the new list; keep "new[j-1] sits at lastPos, everything after it is unplaced".
    int lastPos = -1;
    auto noteChange = [&](int pos) {
        const SimRow &row = cur[static_cast<std::size_t>(pos)];
        const quint8 fields = changedFields(oldRows[row.oldIndex], newRows[row.target]);
        if (fields)
            ops.append(Op{Op::Kind::Change, pos, pos, row.target, 1, fields});
    };
    for (int j = 0; j < newCount;) {
        const quint8 r = role[static_cast<std::size_t>(j)];
        if (r == 0) {
            int runEnd = j;
            while (runEnd < newCount && role[static_cast<std::size_t>(runEnd)] == 0)
                ++runEnd;
            const int count = runEnd - j;
            const int at = lastPos + 1;
            ops.append(Op{Op::Kind::Insert, at, at + count - 1, j, count, 0});
            std::vector<SimRow> inserted;
            inserted.reserve(static_cast<std::size_t>(count));
            for (int k = j; k < runEnd; ++k)
                inserted.push_back(SimRow{k, -1});
            cur.insert(cur.begin() + at, inserted.begin(), inserted.end());
            lastPos += count;
            j = runEnd;
            continue;
        }
        if (r == 1) {
            const auto it = std::find(cur.begin() + (lastPos + 1), cur.end(), j);
            Q_ASSERT(it != cur.end());
            lastPos = static_cast<int>(it - cur.begin());
            noteChange(lastPos);
            ++j;
            continue;
        }
        const auto it = std::find(cur.begin(), cur.end(), j);
        Q_ASSERT(it != cur.end());
        const int src = static_cast<int>(it - cur.begin());
        const int dest = lastPos + 1;  // Qt destinationChild
        // src != lastPos: that row is new[j-1], already placed.
        if (src != dest) {
            ops.append(Op{Op::Kind::Move, src, dest, 0, 1, 0});
            const SimRow moved = cur[static_cast<std::size_t>(src)];
            cur.erase(cur.begin() + src);
            const int finalPos = src < dest ? dest - 1 : dest;
            cur.insert(cur.begin() + finalPos, moved);
            lastPos = finalPos;
        } else {
            lastPos = dest;
        }
        noteChange(lastPos);
        ++j;
    }
    return ops;
}

void applyTaskListOp(QList<TaskRow> &rows, const TaskListOp &op, const QList<TaskRow> &newRows)
{
    switch (op.kind) {
    case TaskListOp::Kind::Remove:
        rows.remove(op.first, op.last - op.first + 1);
        break;
    case TaskListOp::Kind::Insert:
        rows.insert(op.first, op.count, TaskRow{});
        std::copy(newRows.cbegin() + op.source, newRows.cbegin() + op.source + op.count,
                  rows.begin() + op.first);
        break;
    case TaskListOp::Kind::Move:
        rows.move(op.first, op.first < op.last ? op.last - 1 : op.last);
        break;
    case TaskListOp::Kind::Change:
        rows[op.first] = newRows[op.source];
        break;
    }
}

} // namespace qonvex::tasks
