"""Numbers as text: reading what a person typed, and writing numbers for the screen.

Reading refuses anything that is not a plain finite number inside a field's bounds, with a
message that says why. Writing never shows "nan" or "inf": a non-finite value reads "—".
"""

from __future__ import annotations

import math
import re
from argparse import ArgumentTypeError
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

MAX_TYPED = 40
"""Longest text accepted as a number; anything longer is refused before parsing."""

_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
MINUS = "−"


@dataclass(frozen=True)
class Bounds:
    """The closed interval a field accepts, and whether it wants a whole number."""

    lo: float
    hi: float
    integer: bool = False

    def describe(self) -> str:
        """The interval in words, e.g. "between −100 and 100"."""
        return f"between {fmt_plain(self.lo)} and {fmt_plain(self.hi)}"


def parse_number(text: str, bounds: Bounds) -> float:
    """The number in ``text`` if it is finite and within ``bounds``; else ValueError(why)."""
    raw = text.strip().replace(MINUS, "-")
    if not raw:
        raise ValueError("type a number")
    if len(raw) > MAX_TYPED:
        raise ValueError(f"too long ({len(raw)} characters); type a number")
    if "," in raw and _NUMBER.fullmatch(raw.replace(",", ".")):
        raise ValueError("use a point for decimals: " + raw.replace(",", "."))
    if not _NUMBER.fullmatch(raw):
        raise ValueError(f"not a number: {_shorten(raw)}")
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError("too large to be a number here")
    if value == 0 and re.search(r"[1-9]", raw.split("e")[0].split("E")[0]):
        raise ValueError("too small: it would round to 0")
    if bounds.integer and value != int(value):
        raise ValueError("type a whole number")
    if not bounds.lo <= value <= bounds.hi:
        raise ValueError(f"out of range: must be {bounds.describe()}")
    return int(value) if bounds.integer else value


def _shorten(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt(x: float, digits: int = 3) -> str:
    """A number for the screen: fixed point, scientific when very large or small, "—" if not finite.

    Negative numbers use the typographic minus sign.
    """
    x = float(x)
    if not math.isfinite(x):
        return "—"
    if x == 0:
        return f"{0:.{digits}f}"
    if abs(x) >= 1e5 or abs(x) < 10 ** -digits:
        text = f"{x:.{max(digits - 1, 1)}e}"
    else:
        text = f"{x:.{digits}f}"
    return text.replace("-", MINUS)


def fmt_fixed(x: float, digits: int = 2) -> str:
    """Fixed point for a table column: a value that rounds to zero shows as 0.00, never −0.00
    or in scientific notation; large values fall back to :func:`fmt`."""
    x = float(x)
    if math.isfinite(x) and abs(x) < 0.5 * 10 ** -digits:
        x = 0.0
    return fmt(x, digits) if not math.isfinite(x) or abs(x) >= 1e5 else f"{x:.{digits}f}".replace("-", MINUS)


def fmt_factor(x: float, digits: int = 3) -> str:
    """A number as a factor in written arithmetic: negative ones go in parentheses."""
    return as_factor(fmt(x, digits))


def as_factor(text: str) -> str:
    """A number already written, as a factor: in parentheses if it is negative."""
    return f"({text})" if text.startswith(MINUS) else text


def fmt_plain(x: float) -> str:
    """A bound or setting without trailing zeros, e.g. 100, 0.5, 1e-06."""
    return f"{x:g}".replace("-", MINUS)


def round_half_up(x: float | Decimal, decimals: int) -> Decimal:
    """``x`` rounded to ``decimals`` places as a person rounds: a 5 that is really there (0.125,
    exact in binary) goes up, to 0.13, where format() would round it to even, 0.12."""
    with localcontext() as ctx:
        ctx.prec = 1100  # every float's exact decimal expansion fits
        return Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt_sig(x: float, figures: int = 4, min_decimals: int = 0) -> str:
    """``x`` to ``figures`` significant figures, fixed point from 0.001 to 10⁵ and scientific
    outside it: 0.004321, −12.35, 4.321e−05. Zero is 0; a value that is not finite is "—".
    Rounds half up (:func:`round_half_up`), so it prints what a learner's rounding gives.

    ``min_decimals`` keeps that many decimals even where the figures would need none (114.0
    rather than 114), so a number in written arithmetic never reads as exact."""
    x = float(x)
    if not math.isfinite(x):
        return "—"
    if x == 0:
        return "0"
    exponent = Decimal(x).adjusted()
    if round_half_up(x, figures - 1 - exponent).adjusted() > exponent:
        exponent += 1  # rounding carried: 9.996 to 3 figures is 10.0
    if exponent < -3 or exponent >= 5:
        with localcontext() as ctx:
            ctx.prec = 1100
            mantissa = round_half_up(Decimal(x).scaleb(-exponent), figures - 1)
        sign = "-" if exponent < 0 else "+"
        return f"{mantissa:f}e{sign}{abs(exponent):02d}".replace("-", MINUS)
    decimals = max(figures - 1 - exponent, min_decimals)
    return f"{round_half_up(x, decimals):f}".replace("-", MINUS)


def fmt_quoted(x: float) -> str:
    """A number a question quotes for the learner to work from: three decimals as :func:`fmt`
    writes it, or four significant figures below 1, where three decimals would show fewer
    (0.001172, not 0.001), so that the answer asked for can be worked out from it. Zeros past
    the third decimal are dropped (0.300, not 0.3000): they add nothing to work from."""
    x = float(x)
    if x == 0 or not math.isfinite(x) or abs(x) >= 1:
        return fmt(x)
    text = fmt_sig(x, 4, min_decimals=3)
    while "e" not in text and len(text.partition(".")[2]) > 3 and text.endswith("0"):
        text = text[:-1]
    return text


def whole_number(text: str) -> int:
    """A command-line option's value: a whole number written with the digits 0-9 (Python's
    int() also reads other scripts' digits, "١٢" as 12, and any number of them)."""
    if not re.fullmatch(r"[+-]?[0-9]{1,20}", text.strip()):
        raise ArgumentTypeError(
            f"{text[:40]!r} is not a whole number written with the digits 0-9")
    return int(text)
