"""Does an equation printed on screen hold with the digits it prints?

A printed number stands for every value that rounds to it: 0.250 for [0.2495, 0.2505],
3.72e−44 for [3.715e−44, 3.725e−44]; a whole number such as the 2 of 2(a − y) is exact. A chain
``A = B = C`` holds when the parts that can be worked out from printed numbers, and from
variables printed earlier on the same screen, share a value: their intervals meet. Parts in
symbols with no value here (∂C/∂a, words, "…", "—") are skipped, so a caller also checks how
many equations were really tested.

Lines are read the way a reader reads them: ``▶`` marks, a label before a colon ("backward
3/9:"), leading words ("slope", "target"), a trailing note in parentheses ("(σ′ cancels)"), and
text after three spaces are set apart; a line that starts with ``=`` continues the chain above,
and one that starts with ``+`` or ``−`` continues its last expression.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

Interval = tuple[float, float]

EPSILON = 1e-12
"""ε, the clip of cross-entropy (core.neuron.losses.BCE_EPS), as the screen names it."""

SLACK = 1e-9
"""Relative widening of every interval before comparing, for the float rounding behind it."""

_NUMBER = r"\d+(?:\.\d+)?(?:e[+\-−]?\d+)?"
_TOKEN = re.compile(rf"\s*(?:(?P<num>{_NUMBER})|(?P<name>[A-Za-zα-ωÀ-ÿ]+[₀-₉]*′*)|(?P<op>[-+−·×/()\[\]²^√,:∂…—]))")


class Unevaluable(Exception):
    """A part written in symbols that have no value here."""


class Undefined(Exception):
    """A part that has no value at all for the printed numbers (ln of a negative number)."""


def number(text: str) -> Interval:
    """The values a printed number stands for."""
    text = text.replace("−", "-")
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa and not exponent:
        v = float(text)
        return v, v
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    half = 0.5 * 10.0 ** (-decimals) * 10.0 ** int(exponent or 0)
    v = float(text)
    return v - half, v + half


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _bump(fn, peak: float):
    """An even function falling away from its ``peak`` at 0, taken over an interval."""
    def over(lo: float, hi: float) -> Interval:
        near = 0.0 if lo <= 0.0 <= hi else min(abs(lo), abs(hi))
        far = max(abs(lo), abs(hi))
        return fn(far), (peak if near == 0.0 else fn(near))
    return over


def _monotone(fn):
    return lambda lo, hi: (fn(lo), fn(hi))


def _sigmoid_slope(x: float) -> float:
    e = math.exp(-min(abs(x), 800.0))
    return e / (1.0 + e) ** 2


def _tanh_slope(x: float) -> float:
    e = math.exp(-2.0 * min(abs(x), 400.0))
    return 4.0 * e / (1.0 + e) ** 2


def _ln(lo: float, hi: float) -> Interval:
    if hi <= 0:
        raise Undefined(f"ln of a value ≤ 0 ({hi:g} at most)")
    return (-math.inf if lo <= 0 else math.log(lo)), math.log(hi)


FUNCTIONS = {
    "σ": _monotone(_sigmoid),
    "σ′": _bump(_sigmoid_slope, 0.25),
    "tanh": _monotone(math.tanh),
    "tanh′": _bump(_tanh_slope, 1.0),
    "ReLU": _monotone(lambda x: max(x, 0.0)),
    "ReLU′": _monotone(lambda x: 1.0 if x > 0 else 0.0),
    "lReLU": _monotone(lambda x: x if x > 0 else 0.01 * x),
    "lReLU′": _monotone(lambda x: 1.0 if x > 0 else 0.01),
    "id": _monotone(lambda x: x),
    "id′": lambda lo, hi: (1.0, 1.0),
    "ln": _ln,
}
"""Every function the screen writes, over an interval of its argument."""


def _exp(x: float) -> float:
    return math.exp(x) if x < 709.0 else math.inf


def _mul(a: Interval, b: Interval) -> Interval:
    products = [x * y if not (math.isinf(x) or math.isinf(y)) or (x and y) else 0.0
                for x in a for y in b]
    return min(products), max(products)


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        return -math.inf, math.inf
    return _mul(a, (1.0 / b[1], 1.0 / b[0]))


class _Parser:
    """Recursive descent over one part: + − · × / ( ) [ ] ², functions, implicit products."""

    def __init__(self, text: str, variables: dict[str, Interval]) -> None:
        self.tokens = self._tokens(text)
        self.i = 0
        self.variables = variables

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str]]:
        out, pos, text = [], 0, text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise Unevaluable(f"cannot read {text[pos:]!r}")
            kind = m.lastgroup or "op"
            out.append((kind, m.group(kind)))
            pos = m.end()
        return out

    def parse(self) -> Interval:
        value = self.expr()
        if self.i != len(self.tokens):
            raise Unevaluable(f"left over: {self.tokens[self.i:]}")
        return value

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise Unevaluable("ends too soon")
        self.i += 1
        return token

    def expr(self) -> Interval:
        value = self.term()
        while (t := self.peek()) and t[1] in "+−-":
            self.take()
            rhs = self.term()
            lo, hi = ((value[0] + rhs[0], value[1] + rhs[1]) if t[1] == "+"
                      else (value[0] - rhs[1], value[1] - rhs[0]))
            # Rounded outward: 1 − 3.72e−44 is 1.0 in floats, and ln of it must still hold
            # the true −3.72e−44, or a right equation is called wrong.
            value = math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)
        return value

    def term(self) -> Interval:
        value = self.unary()
        while (t := self.peek()) and (t[1] in "·×/" or t[1] in "([" or t[0] == "name"):
            if t[1] in "·×/":
                self.take()
                rhs = self.unary()
                value = _div(value, rhs) if t[1] == "/" else _mul(value, rhs)
            else:  # 2(a − y), a(1 − a), y·ln a: a product with no sign written
                value = _mul(value, self.unary())
        return value

    def unary(self) -> Interval:
        t = self.peek()
        if t and t[1] in "−-":
            self.take()
            lo, hi = self.unary()
            return -hi, -lo
        value = self.primary()
        if value == (math.e, math.e) and (t := self.peek()) and t[1] == "^":  # e^(…)
            self.take()
            lo, hi = self.unary()
            value = _exp(lo), _exp(hi)
        if (t := self.peek()) and t[1] == "²":
            self.take()
            lo, hi = value
            squares = (lo * lo, hi * hi)
            value = (0.0 if lo <= 0 <= hi else min(squares), max(squares))
        return value

    def primary(self) -> Interval:
        kind, text = self.take()
        if kind == "num":
            return number(text)
        if text in "([":
            value = self.expr()
            closing = self.take()[1]
            if closing not in ")]":
                raise Unevaluable("unbalanced")
            return value
        if kind == "name" and text in FUNCTIONS:
            return FUNCTIONS[text](*self.primary())
        if kind == "name" and text == "ε":
            return EPSILON, EPSILON
        if kind == "name" and text == "e":
            return math.e, math.e
        if text == "√":
            lo, hi = self.primary()
            if hi < 0:
                raise Undefined(f"√ of a value below 0 ({hi:g} at most)")
            return math.sqrt(max(lo, 0.0)), math.sqrt(hi)
        if kind == "name" and text in self.variables:
            return self.variables[text]
        raise Unevaluable(f"no value for {text!r}")


def evaluate(text: str, variables: dict[str, Interval] | None = None) -> Interval:
    """The interval of one printed expression; Unevaluable or Undefined if it has none."""
    return _Parser(text, variables or {}).parse()


_NOTE = re.compile(r"\s*\([^()]*[A-Za-z]{3,}[^()]*\)\s*$")
_LEADING_WORDS = re.compile(r"^(?:[a-z]{3,}\s+)+")
_VARIABLE = re.compile(r"^[A-Za-zα-ω][₀-₉]*$")


def chains(lines: list[str]) -> list[list[str]]:
    """The equation chains in ``lines``: each a list of the parts between its "=" signs."""
    found: list[list[str]] = []
    for raw in lines:
        text = raw.replace("▶", " ").rstrip()
        if text.lstrip()[:2] in ("+ ", "− ") and found:  # a sum broken before a term
            first, *rest = text.strip().split("=")  # the chain may go on after the sum ends
            found[-1][-1] += " " + first.strip()
            found[-1].extend(p.strip() for p in rest)
            continue
        continues = text.lstrip().startswith("=") and found
        for k, segment in enumerate(re.split(r"\s{3,}", text.strip())):
            segment = _NOTE.sub("", segment).strip()
            if "=" not in segment:
                continue
            parts = [p.strip() for p in segment.split("=")]
            if k == 0 and continues:
                found[-1].extend(p for p in parts if p)
                continue
            head = parts[0].rsplit(": ", 1)[-1]
            parts[0] = _LEADING_WORDS.sub("", head)
            found.append(parts)
    return found


@dataclass
class Report:
    """What :func:`check` found: how many chains it could test and which failed."""

    tested: int = 0
    failures: list[str] = field(default_factory=list)
    variables: dict[str, Interval] = field(default_factory=dict)


def _values(parts: list[str], variables: dict[str, Interval]) -> tuple[list[tuple[str, Interval]], str]:
    values, trouble = [], ""
    for part in parts:
        try:
            values.append((part, evaluate(part, variables)))
        except Unevaluable:
            continue
        except Undefined as why:
            trouble = f"{part!r} has no value: {why}"
    return values, trouble


def _meet(a: Interval, b: Interval) -> bool:
    def widen(iv: Interval) -> Interval:
        pad = SLACK * max(abs(iv[0]), abs(iv[1])) if all(map(math.isfinite, iv)) else 0.0
        return iv[0] - pad - 1e-300, iv[1] + pad + 1e-300
    (alo, ahi), (blo, bhi) = widen(a), widen(b)
    return alo <= bhi and blo <= ahi


def check(lines: list[str], variables: dict[str, Interval] | None = None) -> Report:
    """Check every chain in ``lines``. A chain that begins with a bare variable ("a = …")
    first gives that variable the value its other parts print, for the lines after it."""
    report = Report(variables=dict(variables or {}))
    for parts in chains(lines):
        head = parts[0]
        if _VARIABLE.match(head) and head not in report.variables and head != "ε":
            known, _ = _values(parts[1:], report.variables)
            if known:
                report.variables[head] = known[-1][1]
        values, trouble = _values(parts, report.variables)
        if trouble:
            report.failures.append(f"{' = '.join(parts)}: {trouble}")
            continue
        if len(values) < 2:
            continue
        report.tested += 1
        for i, (p, a) in enumerate(values):
            for q, b in values[i + 1:]:
                if not _meet(a, b):
                    report.failures.append(f"{' = '.join(parts)}: {p} is {a}, {q} is {b}")
    return report
