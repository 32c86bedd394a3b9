"""Reading typed numbers and writing numbers to the screen."""

import pytest

from tui.values.numbers import Bounds, fmt, fmt_factor, fmt_fixed, fmt_sig, parse_number

B = Bounds(-100.0, 100.0)


@pytest.mark.parametrize("text,value", [("0.5", 0.5), (" -1.2 ", -1.2), ("−3", -3.0),
                                        ("1e-3", 0.001), (".5", 0.5), ("+7", 7.0), ("100", 100.0)])
def test_accepts_plain_numbers(text, value):
    assert parse_number(text, B) == value


@pytest.mark.parametrize("text,why", [
    ("", "type a number"), ("abc", "not a number"), ("nan", "not a number"),
    ("inf", "not a number"), ("1e999", "too large"), ("1,5", "use a point"),
    ("101", "out of range"), ("-1e5", "out of range"), ("1" * 60, "too long"),
    ("0x10", "not a number"), ("1 2", "not a number"), ("__import__('os')", "not a number"),
    ("1e-400", "too small"), ("١٢", "not a number"), ("1_000", "not a number"),
])
def test_refuses_with_a_reason(text, why):
    with pytest.raises(ValueError, match=why):
        parse_number(text, B)


def test_integer_bounds():
    seed = Bounds(0, 2**32 - 1, integer=True)
    assert parse_number("42", seed) == 42 and isinstance(parse_number("42", seed), int)
    with pytest.raises(ValueError, match="whole number"):
        parse_number("4.5", seed)


def test_formatting_never_shows_nan_or_inf():
    assert fmt(float("nan")) == "—" and fmt(float("inf")) == "—"
    assert fmt(0.24) == "0.240" and fmt(-1.2) == "−1.200"
    assert fmt(123456.0) == "1.23e+05" and fmt(0.00001) == "1.00e−05"
    assert fmt_factor(-1.2) == "(−1.200)" and fmt_factor(0.3) == "0.300"


def test_fixed_columns_keep_their_width():
    assert fmt_fixed(-0.0074) == "−0.01" and fmt_fixed(-0.004) == "0.00" and fmt_fixed(1e-17) == "0.00"
    assert fmt_fixed(0.5) == "0.50" and fmt_fixed(-12.345) == "−12.35"
    assert fmt_fixed(2e6) == fmt(2e6, 2) and fmt_fixed(float("nan")) == "—"


@pytest.mark.parametrize("x,figures,decimals,text", [
    (0.0043214, 4, 0, "0.004321"), (-12.345, 4, 0, "−12.35"), (4.3214e-5, 4, 0, "4.321e−05"),
    (123456.0, 3, 0, "1.23e+05"), (114.0, 3, 1, "114.0"), (0.0, 3, 0, "0"),
    (float("inf"), 3, 0, "—"), (9.996, 3, 0, "10.0"), (-0.0099996, 2, 0, "−0.010"),
    (0.125, 2, 0, "0.13"), (-0.125, 2, 0, "−0.13"), (2.675, 3, 0, "2.67"),
    (9.9996e-5, 4, 0, "1.000e−04"),
])
def test_significant_figures(x, figures, decimals, text):
    """What a Figures tolerance prints as the answer: the figures asked, a real minus sign, a 5
    rounded up as a learner would (0.125 is exact in binary; 2.675 is really 2.67499…)."""
    assert fmt_sig(x, figures, decimals) == text
