"""Breaking a displayed formula over lines as a textbook does, so no pane ever cuts it.

A formula wider than its pane is broken at a space, never inside a symbol, preferring the
places a typesetter would choose: before a relation (=, ≈, ←) first, then before a + or −
outside any brackets, then before another operator or after a comma, then at a gap between
two formulas on one line, then at any other space. A break is taken late enough to use the
line (at least 40% of it). The rest hangs under the first relation: a new "= …" lines up
with the first "=", anything else with the start of the right-hand side, as in

    z = w₁x₁ + w₂x₂ + b
      = Σ wᵢxᵢ + b

Only a run of characters with no space in it that is wider than the whole line is split
between characters. Nothing is ever left out: the pieces hold every character but the spaces
broken at.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

RELATIONS = frozenset("=≈≠←→⇒≤≥<>∝≡")
"""Characters that start a new step of a formula: a break goes before them."""
SUMS = frozenset("+−-±∓")
PRODUCTS = frozenset("·×/÷∘")
OPENING, CLOSING = "([{⟨", ")]}⟩"
EARLY = 0.4
"""A break is taken only once this share of the line is used, unless none later is possible."""


@dataclass(frozen=True)
class _Break:
    """A space where the line may break: the piece ends at ``end``, the next starts at ``next``
    indented by ``indent`` cells; a higher ``score`` is a better place."""

    end: int
    next: int
    score: int
    indent: int


def _breaks(line: str, width: int) -> list[_Break]:
    """Every run of spaces after the first visible character, scored as a place to break.

    10 at a wide gap between two formulas; 9 before a relation outside brackets (other than
    the first, if the rest hangs from it); 8 before + or − outside brackets and 7 before
    another operator or after a comma, two less for each bracket around them; 0 at any other
    space. Inside brackets the next line starts just inside the innermost one.
    """
    lead = len(line) - len(line.lstrip(" "))
    relation_indent, other_indent, anchored = _hang(line, width)
    breaks, opened, i, seen_relation = [], [], lead, not anchored
    while i < len(line):
        ch = line[i]
        if ch in OPENING:
            opened.append(cell_len(line[:i]))
        elif ch in CLOSING and opened:
            opened.pop()
        elif ch in RELATIONS and not opened:
            seen_relation = True
        if ch != " ":
            i += 1
            continue
        j = i
        while j < len(line) and line[j] == " ":
            j += 1
        if j < len(line):
            inside = opened[-1] + 1 if opened and opened[-1] + 1 <= width // 2 else other_indent
            after, before, depth = line[j], line[i - 1], len(opened)
            if j - i >= 3 and not opened:
                breaks.append(_Break(i, j, 10, lead))
            elif after in RELATIONS and not opened:
                breaks.append(_Break(i, j, 9 if seen_relation else 0, relation_indent))
            elif after in SUMS:
                breaks.append(_Break(i, j, max(8 - 2 * depth, 1), inside))
            elif after in PRODUCTS or after in RELATIONS or before == ",":
                breaks.append(_Break(i, j, max(7 - 2 * depth, 1), inside))
            else:
                breaks.append(_Break(i, j, 0, inside))
        i = j
    return breaks


def _hang(line: str, width: int) -> tuple[int, int, bool]:
    """Indents for continued lines: one that starts with a relation (under the first relation),
    and any other (under the start of the first right-hand side). A formula whose first
    relation lies too far right hangs by 2 (a relation) and 4 (anything else) instead. The
    flag says whether the rest hangs from the first relation."""
    lead = len(line) - len(line.lstrip(" "))
    depth = 0
    for i, ch in enumerate(line):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(depth - 1, 0)
        elif ch in RELATIONS and depth == 0 and i > lead:
            column = cell_len(line[:i])
            if column + 2 <= width // 2:
                return column, column + 2, True
            break
    return lead + 2, lead + 4, False


def break_formula(line: str, width: int) -> list[str]:
    """``line`` as lines of at most ``width`` cells, broken where a textbook would break it."""
    line = line.rstrip()
    return [" " * indent + line[a:b] for a, b, indent in break_spans(line, width)]


def break_spans(line: str, width: int) -> list[tuple[int, int, int]]:
    """Where :func:`break_formula` breaks ``line``: each piece's start and end in it, and the
    indent it is drawn at."""
    if cell_len(line) <= width or width < 2:
        return [(0, len(line), 0)]
    breaks = _breaks(line, width)
    hard_indent = _hang(line, width)[1]
    lead = len(line) - len(line.lstrip(" "))
    fallback = lead + 2 if lead + 2 < width // 2 else 0
    spans, start, indent = [], 0, 0
    while True:
        room = width - indent
        if cell_len(line[start:]) <= room:
            spans.append((start, len(line), indent))
            return spans
        cut = _best_break(line, start, room, breaks)
        if cut is None:
            end = start + _fit_chars(line[start:], room)
            spans.append((start, end, indent))
            start, indent = end, hard_indent
        else:
            spans.append((start, cut.end, indent))
            start, indent = cut.next, cut.indent
        if indent >= width // 2:
            indent = fallback


def _best_break(line: str, start: int, room: int, breaks: list[_Break]) -> _Break | None:
    """The best break for a piece from ``start`` that fits in ``room`` cells, or None.

    A gap or a relation is always a good place; any other break is taken only once the piece
    uses EARLY of the room, unless there is no such break.
    """
    fitting = [b for b in breaks if b.end > start and cell_len(line[start:b.end]) <= room]
    if not fitting:
        return None
    good = [b for b in fitting
            if b.score >= 9 or cell_len(line[start:b.end]) >= EARLY * room]
    return max(good or fitting, key=lambda b: (b.score, b.end))


def _fit_chars(text: str, room: int) -> int:
    """How many characters of ``text`` fit in ``room`` cells (at least one)."""
    used = 0
    for i, ch in enumerate(text):
        used += cell_len(ch)
        if used > room:
            return max(i, 1)
    return len(text)
