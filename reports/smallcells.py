"""Small-cell protection for figures shown above the task force that owns them.

A cell of 1..k-1 victims is shown as "< k"; totals stay exact. So that no hidden cell can be
recovered by subtracting the others from a row or column total, a row or column with exactly one
hidden cell gets a second one hidden too (the smallest other non-zero cell, or a zero when there
is none), repeated until every row and column of two or more cells has zero or at least two
hidden cells.
"""


def suppress(table: list[list[int]], k: int) -> list[list[int | str]]:
    rows, cols = len(table), len(table[0]) if table else 0
    hidden = [[0 < v < k for v in row] for row in table]

    def pick(cells):
        # the smallest visible non-zero cell, else a visible zero (also shown as "< k")
        visible = [(table[r][c] == 0, table[r][c], r, c) for r, c in cells if not hidden[r][c]]
        best = min(visible) if visible else None
        return (best[1], best[2], best[3]) if best else None

    changed = True
    while changed:
        changed = False
        for r in range(rows):
            if sum(hidden[r]) == 1:
                choice = pick([(r, c) for c in range(cols)])
                if choice:
                    hidden[choice[1]][choice[2]] = True
                    changed = True
        for c in range(cols):
            if sum(hidden[r][c] for r in range(rows)) == 1:
                choice = pick([(r, c) for r in range(rows)])
                if choice:
                    hidden[choice[1]][choice[2]] = True
                    changed = True
    return [[f"< {k}" if hidden[r][c] else table[r][c] for c in range(cols)] for r in range(rows)]


def suppress_counts(counts: dict, k: int) -> dict:
    """A one-dimensional breakdown (e.g. victims by age group) whose total is shown: one row."""
    keys = list(counts)
    row = suppress([[counts[key] for key in keys]], k)[0]
    return dict(zip(keys, row, strict=True))
