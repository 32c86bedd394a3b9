"""A chapter's Markdown as blocks of styled runs: what :class:`~tui.widgets.book_text.BookText`
lays out.

The book's prose uses a small part of Markdown: ``##`` headings, paragraphs, ``-`` bullet
lists, fenced formula blocks, ``**bold**``, ``*italic*`` and ```code```. :func:`parse` reads
that part itself, in a few milliseconds and with nothing to import; anything else (a link, a
numbered list, an escape, ``_emphasis_``, a delimiter whose meaning is in doubt, …) is handed
to markdown-it, the CommonMark parser Textual ships with, which takes about 20 ms just to
import (a tenth of the book's first screen beyond the bare Textual app's). A test holds the
two to the same blocks for every chapter, and for random text made of Markdown's special
characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MARKS = ("strong", "em", "code")
"""Inline marks a run of text may carry."""

Runs = tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True)
class Block:
    """One block of the text: ``kind`` is "heading", "paragraph", "item" (a list item's first
    paragraph), "more" (its later ones) or "formula"; ``runs`` the inline text as (text, marks)
    pairs (a formula's code is its one run); ``gap`` the blank rows above it."""

    kind: str
    runs: Runs
    gap: int


@lru_cache(maxsize=16)
def parse(markdown: str) -> tuple[Block, ...]:
    """The blocks of ``markdown`` (kept: a chapter is parsed once, however often it is shown)."""
    quick = quick_blocks(markdown)
    return quick if quick is not None else markdown_it_blocks(markdown)


def gap_before(blocks: list[Block], kind: str, tight: bool) -> int:
    """Blank rows before a block of ``kind``: none at the top, two before a heading (as
    Textual's Markdown leaves), none inside a tight list, else one."""
    if not blocks:
        return 0
    if kind == "heading":
        return 2
    if kind in ("item", "more") and blocks[-1].kind in ("item", "more") and tight:
        return 0
    return 1


# markdown-it: the reference -----------------------------------------------------------------

def markdown_it_blocks(markdown: str) -> tuple[Block, ...]:
    """The blocks of ``markdown`` as CommonMark (markdown-it) reads it."""
    from markdown_it import MarkdownIt

    blocks: list[Block] = []
    kind, tight = "paragraph", False
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "list_item_open":
            kind = "item"
        elif token.type == "paragraph_open":
            tight = token.hidden  # markdown-it hides the paragraphs of a tight list
        elif token.type == "inline":
            runs = _token_runs(token.children or [])
            blocks.append(Block(kind, runs, gap_before(blocks, kind, tight)))
            kind = "more" if kind == "item" else "paragraph"
        elif token.type in ("heading_close", "list_item_close", "bullet_list_close",
                            "ordered_list_close"):
            kind = "paragraph"
        elif token.type in ("fence", "code_block", "html_block"):
            code = ((token.content.rstrip("\n"), frozenset()),)
            blocks.append(Block("formula", code, gap_before(blocks, "formula", False)))
    return tuple(blocks)


def _token_runs(children: list) -> Runs:
    """An inline token's children as (text, marks) runs; a line break is a space."""
    runs: list[tuple[str, frozenset[str]]] = []
    marks: list[str] = []  # a list: the same mark may be open twice (**a **b** c**)
    for child in children:
        kind = child.type
        if kind.endswith("_open") and kind[:-5] in MARKS:
            marks.append(kind[:-5])
        elif kind.endswith("_close") and kind[:-6] in MARKS:
            marks.remove(kind[:-6])
        elif kind in ("softbreak", "hardbreak"):
            runs.append((" ", frozenset(marks)))
        elif kind == "code_inline":
            runs.append((child.content, frozenset([*marks, "code"])))
        elif child.content:
            runs.append((child.content, frozenset(marks)))
    return _merged(runs)


def _merged(runs: list[tuple[str, frozenset[str]]]) -> Runs:
    """Neighbouring runs with the same marks joined into one (code spans kept apart)."""
    out: list[tuple[str, frozenset[str]]] = []
    for text, marks in runs:
        if out and out[-1][1] == marks and "code" not in marks:
            out[-1] = (out[-1][0] + text, marks)
        else:
            out.append((text, marks))
    return tuple(out)


# the quick reader ----------------------------------------------------------------------------

_ELSEWHERE = re.compile(
    r"^ +-(?: |$)|^ {0,3}(?:[><]|[*+](?: |$)|=+ *$|\d+[.)](?: |$)|[*_-](?: *[*_-]){2,} *$|~~~|#{1,6}(?![ #]|$)|#{7})")
"""A line that starts something the quick reader leaves to markdown-it: a quote, HTML, another
kind of list, a rule or setext underline, a tilde fence, a heading it does not know."""
_INLINE_ELSEWHERE = re.compile(
    r"\\|\]\(|!\[|<[A-Za-z/!?]|&[#A-Za-z0-9]+;|(?:^|(?<=\W))_|_(?=\W|$)|\*\*\*")
"""Inline text the quick reader leaves to markdown-it: escapes, links, HTML, entities,
underscore emphasis, triple stars."""


def quick_blocks(markdown: str) -> tuple[Block, ...] | None:
    """The blocks of ``markdown`` if it keeps to the book's part of Markdown, else None."""
    if _DEFINITION.search(markdown):
        return None
    reader = _Reader(markdown.split("\n"))
    return reader.blocks() if reader.read() else None


_DEFINITION = re.compile(r"^ {0,3}\[[^\]]*\]:", re.M)
"""A link reference definition: brackets elsewhere may then be links."""


class _Reader:
    """Reads lines into (kind, lines or code, list number) entries; gaps are set at the end,
    when each list is known to be tight or loose."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.entries: list[tuple[str, Runs, int | None]] = []
        self.para: list[str] = []
        self.kind = "paragraph"
        self.lists: list[bool] = []  # per list: loose?
        self.in_list = False
        self.blank = False  # a blank line since the last line of text in the list

    def read(self) -> bool:
        """Read every line; False where something is left to markdown-it."""
        i = 0
        while i is not None and i < len(self.lines):
            i = self._line(i)
        return i is not None and self._close_para()

    def blocks(self) -> tuple[Block, ...]:
        """The blocks read, with their gaps."""
        blocks: list[Block] = []
        for kind, runs, number in self.entries:
            tight = number is not None and not self.lists[number]
            blocks.append(Block(kind, runs, gap_before(blocks, kind, tight)))
        return tuple(blocks)

    def _line(self, i: int) -> int | None:
        line = self.lines[i]
        stripped = line.strip(" ")
        if "\t" in line or _ELSEWHERE.match(line) or _odd_space(line):
            return None
        indent = len(line) - len(line.lstrip(" "))
        if not stripped:
            self.blank = self.blank or self.in_list
            return i + 1 if self._close_para() else None
        if stripped.startswith("```"):
            return self._fence(i) if not indent else None
        if stripped.startswith("#"):
            return self._heading(i, stripped) if not indent else None
        if line.startswith("- "):
            return self._item(i, line)
        if line.startswith("-") and not line.strip("- "):
            return None  # an empty item, or a setext underline
        if self.in_list and (indent >= 2 or self.para):
            return self._in_item(i, indent, stripped)
        if indent >= 4 and not self.para:
            return None  # an indented code block
        if self.in_list:
            self._end_list()
        self.para.append(stripped)
        return i + 1

    def _fence(self, i: int) -> int | None:
        end = next((j for j in range(i + 1, len(self.lines)) if self.lines[j] == "```"), None)
        if (end is None or "`" in self.lines[i].strip(" ")[3:]
                or any(line.strip(" ").startswith("```") for line in self.lines[i + 1:end])
                or not self._close_para()):
            return None  # a fence of other ticks or indent inside: markdown-it says where it ends
        self._end_list()
        self.entries.append(("formula", (("\n".join(self.lines[i + 1:end]).rstrip("\n"),
                                              frozenset()),),
                             None))
        return end + 1

    def _heading(self, i: int, stripped: str) -> int | None:
        text = re.sub(r"(?:^| +)#+ *$", "", stripped.lstrip("#")).strip(" ")
        runs = inline_runs(text)
        if runs is None or not text or _odd_space(text) or not self._close_para():
            return None
        self._end_list()
        self.entries.append(("heading", runs, None))
        return i + 1

    def _item(self, i: int, line: str) -> int | None:
        content = line[2:]
        if (content[:1] in (" ", "", "-", "#", "`") or _ELSEWHERE.match(content)
                or not self._close_para()):
            return None  # an empty item, or one that starts another block
        if not self.in_list:
            self.lists.append(False)
        elif self.blank:
            self.lists[-1] = True
        self.in_list, self.blank, self.kind = True, False, "item"
        self.para = [line[2:]]
        return i + 1

    def _in_item(self, i: int, indent: int, stripped: str) -> int | None:
        if self.para and not self.blank:
            self.para.append(stripped)  # the same paragraph, or a lazy continuation
        elif 2 <= indent < 6 and self.blank and not self.para:
            self.lists[-1], self.blank, self.kind = True, False, "more"
            self.para = [stripped]
        else:
            return None
        return i + 1

    def _end_list(self) -> None:
        self.in_list, self.blank, self.kind = False, False, "paragraph"

    def _close_para(self) -> bool:
        if self.para:
            parts = [part.strip(" ") for part in self.para]
            if any(_odd_space(part) for part in parts):
                return False
            runs = inline_runs("\n".join(parts))
            if runs is None:
                return False
            number = len(self.lists) - 1 if self.in_list else None
            self.entries.append((self.kind, runs, number))
            self.para = []
            self.kind = "more" if self.kind == "item" else self.kind
        return True


def _odd_space(line: str) -> bool:
    """White space other than ASCII spaces at either end of a line (what CommonMark strips
    there is not what Python strips)."""
    ends = line.strip(" ")
    return bool(ends) and (_space(ends[0]) or _space(ends[-1]))


def _space(c: str) -> bool:
    return c.isspace() or c in _MD_SPACE or "\u2000" <= c <= "\u200a"


def inline_runs(text: str) -> Runs | None:
    """``text``'s (text, marks) runs, or None where the quick reader is unsure of its meaning.

    ``text`` is a paragraph's lines, stripped and joined by line breaks, which read as spaces.
    """
    runs: list[tuple[str, frozenset[str]]] = []
    pieces = re.split(r"(`+)", text)
    plain: list[str] = []
    n = 0
    while n < len(pieces):
        piece = pieces[n]
        if n % 2 and piece:  # a run of backticks: a code span up to the same run again
            close = next((m for m in range(n + 2, len(pieces), 2) if pieces[m] == piece), None)
            if close is None:
                return None
            code = "".join(pieces[n + 1:close])
            if "\n" in code:
                return None  # CommonMark keeps the next line's indent inside a code span
            if code.startswith(" ") and code.endswith(" ") and code.strip():
                code = code[1:-1]
            plain.append("\0")
            runs.append((code, frozenset({"code"})))
            n = close + 1
            continue
        plain.append(piece)
        n += 1
    return _emphasis("".join(plain), runs)


def _emphasis(text: str, codes: list[tuple[str, frozenset[str]]]) -> Runs | None:
    """Split ``text`` (code spans stood in for by NUL) at its ** and * pairs."""
    if _INLINE_ELSEWHERE.search(text.replace("\0", "a")):
        return None
    tokens = re.split(r"(\*+)", text)
    stack: list[tuple[int, str]] = []  # (token index, delimiter) of open marks
    closes: dict[int, int] = {}
    for n in range(1, len(tokens), 2):
        run = tokens[n]
        before, after = _neighbour(tokens, n, -1), _neighbour(tokens, n, 1)
        opens, closes_ = _flanking(before, after)
        if opens and closes_:
            return None
        if closes_ and stack:
            at, delim = stack.pop()
            if delim != run:
                return None
            closes[at] = n
        elif opens:
            stack.append((n, run))
        elif closes_:
            return None  # a closer with nothing open
    if stack:
        return None
    runs: list[tuple[str, frozenset[str]]] = []
    marks: list[str] = []
    codes_left = iter(codes)
    ends = set(closes.values())
    for n, token in enumerate(tokens):
        mark = "strong" if token == "**" else "em"
        if n % 2 and n in closes:
            marks.append(mark)
        elif n % 2 and n in ends:
            marks.remove(mark)
        elif n % 2:
            runs.append((token, frozenset(marks)))  # stars that neither open nor close
            continue
        if n % 2:
            continue
        for m, part in enumerate(token.split("\0")):
            if m:
                code, _ = next(codes_left)
                runs.append((code, frozenset({*marks, "code"})))
            if part:
                runs.append((part.replace("\n", " "), frozenset(marks)))
    return _merged(runs)


def _neighbour(tokens: list[str], n: int, step: int) -> str:
    """The character next to delimiter run ``n`` on the side ``step``, or a space at the edge
    (a code span, NUL here, counts as punctuation, as its backticks do)."""
    token = tokens[n + step] if 0 <= n + step < len(tokens) else ""
    return (token[-1] if step < 0 else token[0]) if token else " "


_MD_SPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000")
"""What CommonMark (markdown-it) counts as white space beside a delimiter."""


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """Whether a run of stars between ``before`` and ``after`` may open, and may close,
    emphasis (CommonMark's left- and right-flanking rules)."""
    def space(c: str) -> bool:
        return c in _MD_SPACE or "\u2000" <= c <= "\u200a"

    def punct(c: str) -> bool:
        return c == "\0" or unicodedata.category(c)[0] in "PS"

    left = not space(after) and (not punct(after) or space(before) or punct(before))
    right = not space(before) and (not punct(before) or space(after) or punct(after))
    return left, right
