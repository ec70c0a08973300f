"""Linear sum assignment (Hungarian method), as ``scipy.optimize`` solves it.

The news corpus's scorer pairs quotes with ``scipy.optimize.
linear_sum_assignment``. Which of several equally good pairings it picks
changes the figures (zero-overlap pairs are paired too when the counts
allow), so this is the same algorithm: the shortest augmenting path method of
Crouse (2016, "On implementing 2D rectangular assignment algorithms", IEEE
TAES 52(4)), with the same order of visiting columns and the same tie rule
(among equally short paths prefer one that ends in a free column), written
from that description. Pure Python, for the small matrices of one document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def linear_sum_assignment(
    cost: Sequence[Sequence[float]], *, maximize: bool = False
) -> tuple[list[int], list[int]]:
    """Rows and columns of an optimal assignment, rows ascending.

    Every row is assigned when there are at most as many rows as columns,
    else every column; ``maximize`` maximises the total instead.
    """
    n_rows = len(cost)
    n_cols = len(cost[0]) if n_rows else 0
    if n_rows == 0 or n_cols == 0:
        return [], []
    matrix = [list(row) for row in cost]
    if any(len(row) != n_cols for row in matrix):
        raise ValueError("the cost matrix must be rectangular")
    transpose = n_cols < n_rows
    if transpose:
        matrix = [list(col) for col in zip(*matrix, strict=True)]
        n_rows, n_cols = n_cols, n_rows
    if maximize:
        matrix = [[-x for x in row] for row in matrix]
    col4row = _solve(matrix, n_rows, n_cols)
    if transpose:
        order = sorted(range(n_rows), key=col4row.__getitem__)
        return [col4row[r] for r in order], order
    return list(range(n_rows)), col4row


def _solve(cost: list[list[float]], n_rows: int, n_cols: int) -> list[int]:
    u = [0.0] * n_rows
    v = [0.0] * n_cols
    path = [-1] * n_cols
    col4row = [-1] * n_rows
    row4col = [-1] * n_cols
    for current in range(n_rows):
        shortest = [math.inf] * n_cols
        seen_rows = [False] * n_rows
        seen_cols = [False] * n_cols
        remaining = [n_cols - k - 1 for k in range(n_cols)]
        n_remaining = n_cols
        min_value = 0.0
        sink = -1
        i = current
        while sink == -1:
            index = -1
            lowest = math.inf
            seen_rows[i] = True
            row = cost[i]
            for k in range(n_remaining):
                j = remaining[k]
                reduced = min_value + row[j] - u[i] - v[j]
                if reduced < shortest[j]:
                    path[j] = i
                    shortest[j] = reduced
                if shortest[j] < lowest or (shortest[j] == lowest and row4col[j] == -1):
                    lowest = shortest[j]
                    index = k
            min_value = lowest
            if min_value == math.inf:
                raise ValueError("the cost matrix is infeasible")
            j = remaining[index]
            if row4col[j] == -1:
                sink = j
            else:
                i = row4col[j]
            seen_cols[j] = True
            n_remaining -= 1
            remaining[index] = remaining[n_remaining]
        u[current] += min_value
        for r in range(n_rows):
            if seen_rows[r] and r != current:
                u[r] += min_value - shortest[col4row[r]]
        for c in range(n_cols):
            if seen_cols[c]:
                v[c] -= min_value - shortest[c]
        j = sink
        while True:
            r = path[j]
            row4col[j] = r
            col4row[r], j = j, col4row[r]
            if r == current:
                break
    return col4row
