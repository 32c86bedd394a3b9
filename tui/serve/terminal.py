"""What passes between a learner's terminal and their app, besides the app's own bytes.

The app (Textual) turns terminal modes on (mouse reports, focus events, in-band resize) and
asks the terminal questions (``CSI ? 2026 $ p``: do you support synchronised output?). The
terminal answers on the same line as the keys. :class:`AppModes` watches the app's output for
both; :class:`ReplyFilter` then lets through only the answers the app asked for and the reports
of modes it turned on. Anything else that looks like an answer (a late reply to some earlier
program's question, mouse reports from a mode a crashed program left on, a hostile client's
fakes) is dropped: Textual would otherwise read an unknown answer such as
``ESC ] 11 ; rgb:1a1a/1a1a/1a1a ESC \\`` as the keys ``] 1 1 ; r g b …``, and act on them.
"""

from __future__ import annotations

import re
import time

MAX_COLS, MAX_ROWS = 500, 200
"""The largest window an app is given: a client may claim 10,000 × 10,000, which would cost the
app gigabytes to draw. A bigger terminal shows the app in its top-left corner."""
DEFAULT_SIZE = (80, 24)

MOUSE_OFF = b"".join(b"\x1b[?%dl" % mode for mode in (1000, 1002, 1003, 1005, 1006, 1015, 1016))
"""Sent on connect: a program that died with mouse reporting on leaves the terminal sending
mouse reports, which would reach the app as if it had asked for them."""

ASK_WINDOW = 10.0
"""Seconds an answer to a question the app asked is awaited."""
HOLD_SECONDS = 0.05
"""How long the start of an escape sequence is held while the rest of it may still arrive."""
_MOUSE_MODES = {1000, 1002, 1003, 1005, 1006, 1015, 1016}
_RESTORED_MODES = {**{m: "mouse" for m in _MOUSE_MODES}, 1004: "focus events",
                   2004: "bracketed paste", 2048: "in-band resize", 1049: "alternate screen"}
_QUERY = re.compile(rb"\x1b\[(?:\?\d+\$p|[>=]?0?c|\??6n|\?u|>0?q)|\x1b\]\d+;\?|\x1bP[$+]q")
_MODE = re.compile(rb"\x1b\[\?([\d;]{1,40})([hl])")
_KITTY = re.compile(rb"\x1b\[([<>])\d*u")
_CSI = re.compile(rb"\x1b\[([<=>?]?)([\d;:]*)([ -/]*)([@-~])")
_CSI_PARTIAL = re.compile(rb"\x1b\[[<=>?]?[\d;:]*[ -/]*\Z")
_MAX_CSI, _MAX_STRING = 64, 1024


def clamp_size(cols: int, rows: int) -> tuple[int, int]:
    """A window size an app can be given: 0 (unknown) becomes 80 × 24, and each side is kept
    within 1 … MAX_COLS / MAX_ROWS."""
    if cols <= 0 or rows <= 0:
        return DEFAULT_SIZE
    return min(cols, MAX_COLS), min(rows, MAX_ROWS)


def _query_kind(seq: bytes) -> str:
    if seq.startswith(b"\x1b]"):
        return "osc"
    if seq.startswith(b"\x1bP") or seq.endswith(b"q"):
        return "dcs"  # XTGETTCAP, DECRQSS and XTVERSION are all answered by a DCS string
    return {b"p": "decrpm", b"c": "da", b"n": "cpr", b"u": "kitty"}[seq[-1:]]


class AppModes:
    """The modes the app has turned on, and the questions it has asked and not had answered."""

    def __init__(self) -> None:
        self.modes: set[int] = set()
        self.kitty_pushes = 0
        self._asked: dict[str, list[float]] = {}
        self._tail = b""

    def saw_output(self, data: bytes, now: float | None = None) -> None:
        """Note what this piece of the app's output turns on, off, or asks."""
        now = time.monotonic() if now is None else now
        text, start = self._tail + data, len(self._tail)
        for match in _QUERY.finditer(text):
            if match.end() > start:  # not already counted in the last piece
                asked = self._asked.setdefault(_query_kind(match.group()), [])
                asked[:] = [t for t in asked if t > now][-15:] + [now + ASK_WINDOW]
        for match in _MODE.finditer(text):
            if match.end() > start:
                turn = self.modes.add if match.group(2) == b"h" else self.modes.discard
                for field in match.group(1).split(b";"):
                    if field.isdigit() and len(field) < 6:
                        turn(int(field))
        for match in _KITTY.finditer(text):
            if match.end() > start:
                step = 1 if match.group(1) == b">" else -1
                self.kitty_pushes = max(0, self.kitty_pushes + step)
        self._tail = text[-_MAX_CSI:]

    def answer_awaited(self, kind: str, now: float | None = None) -> bool:
        """Whether an answer of this kind was asked for (and take it off the list)."""
        now = time.monotonic() if now is None else now
        asked = [t for t in self._asked.get(kind, []) if t > now]
        self._asked[kind] = asked[1:]
        return bool(asked)

    def reports(self, kind: str) -> bool:
        """Whether the app has turned on the mode that sends this kind of report."""
        if kind == "mouse":
            return bool(self.modes & _MOUSE_MODES)
        return {"focus": 1004, "resize": 2048}[kind] in self.modes

    def restore(self) -> bytes:
        """The sequences that turn off what the app left on (it may have crashed)."""
        out = b"\x1b[<u" * min(self.kitty_pushes, 8)
        out += b"".join(b"\x1b[?%dl" % m for m in sorted(self.modes) if m in _RESTORED_MODES)
        return out + b"\x1b[?25h"  # and show the cursor


class ReplyFilter:
    """The learner's input with unasked-for terminal answers and reports taken out."""

    def __init__(self, modes: AppModes) -> None:
        self.modes = modes
        self.held = b""
        """The start of an escape sequence whose end has not arrived yet."""
        self.dropped = 0
        """How many sequences have been dropped (for the log)."""

    def feed(self, data: bytes, now: float | None = None) -> bytes:
        """The part of ``data`` (after anything held) to pass to the app now."""
        now = time.monotonic() if now is None else now
        buf, self.held = self.held + data, b""
        out, i = bytearray(), 0
        while True:
            esc = buf.find(b"\x1b", i)
            if esc < 0:
                out += buf[i:]
                return bytes(out)
            out += buf[i:esc]
            found = _sequence_at(buf, esc)
            if found is None:
                self.held = buf[esc:]
                return bytes(out)
            end, kind = found
            out += self._judge(buf[esc:end], kind, now)
            i = end

    def flush(self) -> bytes:
        """Give up waiting for the rest of a held sequence: pass it on as it is (keys)."""
        held, self.held = self.held, b""
        return held

    def _judge(self, seq: bytes, kind: str | None, now: float) -> bytes:
        if kind is None:
            return seq
        if kind in ("mouse", "focus", "resize"):
            allowed = self.modes.reports(kind)
        else:
            allowed = self.modes.answer_awaited(kind, now)
        if not allowed:
            self.dropped += 1
            return b""
        return _clamp_resize_report(seq) if kind == "resize" else seq


_OSC_STARTS = tuple(b"\x1b]%d" % d for d in range(10))
_DCS_STARTS = (b"\x1bP>|", *(b"\x1bP%s%sr" % (lead, kind) for lead in (b"", b"0", b"1")
                             for kind in (b"$", b"+")))


def _sequence_at(buf: bytes, i: int) -> tuple[int, str | None] | None:
    """Where the escape sequence at ``buf[i]`` ends, and what kind of answer or report it is
    (None: a key). None if ``buf`` ends before it can be told."""
    if i + 1 >= len(buf):
        return None
    second = buf[i + 1:i + 2]
    if second == b"]":
        return _string_at(buf, i, "osc", _OSC_STARTS)
    if second == b"P":
        return _string_at(buf, i, "dcs", _DCS_STARTS)
    if second == b"[":
        return _csi_at(buf, i)
    return i + 1, None  # ESC and a key (alt+key): the key is read on its own


def _string_at(buf: bytes, i: int, kind: str, starts: tuple[bytes, ...]
               ) -> tuple[int, str | None] | None:
    """An OSC or DCS answer: one of its ``starts``, text, then BEL or ESC \\."""
    head = buf[i:i + 5]
    if not any(head.startswith(start) for start in starts):
        partial = i + len(head) == len(buf) and any(s.startswith(head) for s in starts)
        return None if partial else (i + 1, None)  # alt+] or alt+P, and more keys
    for end in range(i + 2, min(len(buf), i + _MAX_STRING)):
        byte = buf[end]
        if byte == 0x07:
            return end + 1, kind
        if byte == 0x1B:
            if end + 1 >= len(buf):
                return None
            return (end + 2, kind) if buf[end + 1] == 0x5C else (i + 1, None)
        if byte < 0x20:
            return i + 1, None  # a control key inside: not an answer
    return None if len(buf) - i < _MAX_STRING else (i + 1, None)


def _csi_at(buf: bytes, i: int) -> tuple[int, str | None] | None:
    match = _CSI.match(buf, i)
    if match is None:
        partial = _CSI_PARTIAL.match(buf, i)
        return None if partial is not None and len(buf) - i < _MAX_CSI else (i + 2, None)
    prefix, params, middle, final = match.groups()
    end = match.end()
    if final == b"M" and not prefix and not params:
        return (end + 3, "mouse") if len(buf) >= end + 3 else None  # X10: three raw bytes
    return end, _csi_kind(prefix, params, middle, final)


def _csi_kind(prefix: bytes, params: bytes, middle: bytes, final: bytes) -> str | None:
    if prefix == b"?" and middle == b"$" and final == b"y":
        return "decrpm"
    if prefix in (b"?", b">", b"=") and final == b"c":
        return "da"
    if prefix == b"?" and final == b"u":
        return "kitty"
    if prefix == b"<" and final in (b"M", b"m"):
        return "mouse"
    if not prefix and not params and final in (b"I", b"O"):
        return "focus"
    if not prefix and final == b"t" and params.startswith(b"48;"):
        return "resize"
    if not prefix and final == b"R" and re.fullmatch(rb"\d+;\d+", params):
        row, col = (int(p) for p in params.split(b";"))
        # CSI 1 ; m R is also F3 with modifier keys: only a row beyond 1 is surely a report.
        return "cpr" if row > 1 or col > 16 else None
    return None


def _clamp_resize_report(seq: bytes) -> bytes:
    """An in-band resize report (``CSI 48 ; rows ; cols ; h ; w t``) within MAX_ROWS × MAX_COLS."""
    fields = seq[2:-1].split(b";")
    if len(fields) < 3 or not all(f.split(b":")[0].isdigit() for f in fields[1:3]):
        return seq
    cols, rows = clamp_size(int(fields[2].split(b":")[0]), int(fields[1].split(b":")[0]))
    fields[1:3] = [b"%d" % rows, b"%d" % cols]
    return b"\x1b[" + b";".join(fields) + b"t"
