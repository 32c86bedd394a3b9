"""Every number the prose of chapters 1–4 and 6 states is recomputed from core/ (or from the lab's
own constants) here, so a change to either cannot leave the prose wrong unnoticed.

Each claim is a phrase of the prose with the number in it; the number must equal the value
worked out below to the digits the prose prints (0.018 stands for [0.0175, 0.0185]). Every number
outside the formulas must belong to a claim or to a phrase listed as structural (a chapter
reference, an interval's ends): a new number cannot slip in unchecked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS, LEAKY_SLOPE, SIGMOID
from core.neuron.losses import BCE, BCE_EPS, MSE
from core.neuron.softmax import exp_terms, softmax
from tui.book.chapter import CHAPTERS
from tui.chapters.ch01_neuron.lab import NUDGE, NeuronLab
from tui.values.numbers import fmt
from tui.chapters.ch02_activations.lab import Z_NUDGE
from tui.chapters.ch03_softmax.lab import BAR, LOGIT_NUDGE, SoftmaxLab
from tui.chapters.ch04_cost.lab import CostLab

BIG = float(np.finfo(float).max)


def slope(name: str, z: float) -> float:
    """f′(z) of an activation, from core."""
    return float(ACTIVATIONS[name].df(np.array([z]))[0])


def value(name: str, z: float) -> float:
    """f(z) of an activation, from core."""
    return float(ACTIVATIONS[name].f(np.array([z]))[0])


def cost_lab(w0: float | None = None) -> CostLab:
    """Chapter 4's lab as it starts, or started again from ``w0``."""
    lab = CostLab()
    if w0 is not None:
        lab.w0 = w0
        lab.history = [lab.start()]
    return lab


def gradients(lab: CostLab) -> tuple[float, float]:
    """∂C/∂w of the lab's next step for squared error and for cross-entropy (core's step)."""
    return lab.gradient(0), lab.gradient(1)


@dataclass(frozen=True)
class Claim:
    """``phrase`` (a regular expression) holds numbers in groups; ``expected`` gives their
    values, each to be matched to its printed digits, or ``check`` judges them itself."""

    phrase: str
    expected: Callable[[], tuple[float, ...]] | None = None
    check: Callable[..., bool] | None = None


def _softmax_shifted_zero() -> tuple[float, ...]:
    """Beside z₁ = 1000 in the lab's logits: the largest other exponent, and its term."""
    logits = SoftmaxLab().logits.copy()
    logits[0] = 1000.0
    return (float(np.max(logits[1:]) - logits[0]), float(exp_terms(logits)[1:].max()))


def _largest_exponent() -> float:
    return math.log(BIG)


def _smallest_exponent() -> float:
    """The exponent below which e^x is exactly 0 in floats, to the nearest 1."""
    lo, hi = -800.0, -700.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if math.exp(mid) == 0.0 else (lo, mid)
    return hi


CLAIMS: dict[int, list[Claim]] = {
    1: [
        Claim(r"where e = (2\.718)…", lambda: (math.e,)),
        Claim(r"nudge it by (0\.1),", lambda: (NUDGE,)),
        Claim(r"Set x₁ to (0) and change w₁ as much as you like: z does not move, because (0) "
              r"times anything\s+is (0)\.",
              check=lambda a, b, c: a == b == c == 0 and _z_with(x1=0.0, w1=1e6) == _z_with(
                  x1=0.0, w1=-1e6)),
        Claim(r"three times: the bias term of the sum and z each grow by (0\.3)",
              lambda: (_z_with(b=NeuronLab().neuron.b + 3 * NUDGE) - _z_with(),)),
        Claim(r"near\s+z = (0) tanh\(z\) is so close to z that it shows the same digits",
              check=lambda zero: zero == 0 and "tanh" in _same_a_as_z_after_the_bullets()),
    ],
    2: [
        Claim(r"at most (0\.25), at z = (0)\.", lambda: (SIGMOID.df(np.linspace(-5, 5, 10001)).max(),
                                                        0.0)),
        Claim(r"which is\s+(1) at z = (0): four times the sigmoid's best",
              lambda: (slope("tanh", 0.0), 0.0),),
        Claim(r"four times the sigmoid's best", check=lambda: slope("tanh", 0) / slope("sigmoid", 0) == 4),
        Claim(r"Its slope is (1) for z > (0) and (0) for z < (0); at exactly (0) the lab uses (0)\.",
              lambda: (slope("relu", 1.0), 0, slope("relu", -1.0), 0, 0, slope("relu", 0.0))),
        Claim(r"slope (0\.01) instead of (0)\.", lambda: (LEAKY_SLOPE, slope("relu", -1.0))),
        Claim(r"\(slope (1) everywhere\)", lambda: (slope("linear", 123.0),)),
        Claim(r"At z = (10), σ′\(z\)\s+is about (0\.000045), which the lab writes (4\.54e−05) "
              r"\((4\.54) × 10⁻⁵\), and tanh′\(z\) is about\s+(0\.000000008)\.",
              lambda: (10, slope("sigmoid", 10), slope("sigmoid", 10), slope("sigmoid", 10) * 1e5,
                       slope("tanh", 10))),
        Claim(r"for negative z its slope is exactly (0)\.",
              check=lambda zero: np.all(ACTIVATIONS["relu"].df(-np.logspace(-300, 300, 50)) == zero)),
        Claim(r"slide z by (0\.5)", lambda: (Z_NUDGE,)),
        Claim(r"Slide z to (6): the sigmoid's slope is down to (0\.002) and tanh's to (2\.46e−05)",
              lambda: (6, slope("sigmoid", 6), slope("tanh", 6))),
        Claim(r"about a hundred\s+times smaller",
              check=lambda: 90 < slope("sigmoid", 6) / slope("tanh", 6) < 110),
        Claim(r"slide to\s+(−2), where ReLU's slope is (0) and leaky ReLU's (0\.010)\.",
              lambda: (-2, slope("relu", -2), slope("leaky_relu", -2))),
    ],
    3: [
        Claim(r"overflows once z passes about (709\.78)", lambda: (_largest_exponent(),)),
        Claim(r"Every exponent is now at most (0)", lambda: (float(np.log(exp_terms(
            np.array([3.0, -2.0, 7.5])).max())),)),
        Claim(r"every term lies between (0) and (1), the largest is exactly (1)",
              check=lambda lo, hi, top: _terms_between(lo, hi) and top == 1),
        Claim(r"below about (−745) comes out as exactly (0): its true value is smaller than the\s+"
              r"smallest float, so (0) is the nearest answer there is",
              lambda: (_smallest_exponent(), 0.0, 0.0)),
        Claim(r"\((1e307)/(0\.01) is past it\)", check=lambda z, t: z / t > BIG),
        Claim(r"a bar of ten cells, one for each (0\.1)", lambda: (1 / BAR,)),
        Claim(r"a bar of ten cells", check=lambda: BAR == 10),
        Claim(r"raise it by (0\.5)", lambda: (LOGIT_NUDGE,)),
        Claim(r"Type (1000) into z₁\. .*?The other shifted terms, e\^\((−999)\) and smaller, come "
              r"out as exactly (0)\.", lambda: (1000, *_softmax_shifted_zero())),
        Claim(r"they must still sum to (1)\.", lambda: (float(softmax(np.array([2.5, 1, 0.1, -1])).sum()),)),
    ],
    4: [
        Claim(r"with ε = 10⁻¹²", check=lambda: BCE_EPS == 1e-12),
        Claim(r"so n = (1)\.", lambda: (cost_lab().current[0].data.n_examples,)),
        Claim(r"with z = (−4) and so a ≈ (0\.018) when y = (1)\. The sigmoid is\s+saturated there, "
              r"and σ′\((−4)\) ≈ (0\.018)\.",
              lambda: (cost_lab().w0, cost_lab().output(0), 1, -4, slope("sigmoid", -4))),
        Claim(r"throttles the slope\s+to about (−0\.035)\. Cross-entropy gives about (−0\.98), "
              r"nearly thirty times more",
              lambda: gradients(cost_lab())),
        Claim(r"nearly thirty times more",
              check=lambda: 25 < gradients(cost_lab())[1] / gradients(cost_lab())[0] < 30),
        Claim(r"on one example x = (1) with target y = (1)\.", check=lambda x, y: _cost_lab_example() == (x, y)),
        Claim(r"start at the same w₀ and b₀", check=lambda: _cost_lab_start() == (-4.0, 0.0)),
        Claim(r"Set w₀ to (0) so the neuron starts only mildly\s+wrong: the slopes are then "
              r"(−0\.25) and (−0\.5)", lambda: (0, *gradients(cost_lab(0.0)))),
    ],
    6: [
        Claim(r"even past\s+\|z\| ≈ (745), where σ′\(z\) rounds to (0)",
              lambda: (-_smallest_exponent(), slope("sigmoid", 746.0))),
        Claim(r"Set x₂ to (0) and see\s+∂C/∂w₂ become exactly (0)\.", check=lambda a, b: a == b == 0
              and _graph_grad_w2_with_x2_zero() == 0.0),
        Claim(r"costs two\s+forward passes per parameter",
              check=lambda: _costs_per_parameter() == 2),
    ],
}
"""Per chapter: the phrases that state numbers, and where each number comes from."""

STRUCTURAL: dict[int, list[str]] = {
    1: [r"\(0, 1\), the numbers\s+between 0 and 1", r"σ\(z\) = 1/\(1 \+ e⁻ᶻ\)"],
    2: [r"σ\(z\) = 1/\(1 \+ e⁻ᶻ\)", r"centred on 0", r"from chapter 1", r"chapter 4", r"\(0, 1\)", r"\(−1, 1\)", r"max\(0, z\), the larger of 0 and z",
        r"σ\(z\)\(1 − σ\(z\)\)", r"1 − tanh²\(z\)"],
    3: [r"sum to 1", r"between 0 and 1", r"becomes exactly 1", r"above 1", r"\(below 1\)",
        r"heads towards 1", r"e⁰", r"z₁…z₄", r"e\^\(zᵢ − m\)"],
    4: [r"0 or 1", r"y = 1 the cross-entropy", r"That is 0 when a = 1", r"falls towards 0",
        r"ln 0", r"\[ε, 1 − ε\]", r"Chapter 6", r"chapter 5"],
    6: [r"∂s/∂p₁ = 1, ∂z/∂b = 1", r"2\(a − y\)", r"\(a − y\)/\(a\(1 − a\)\)", r"a\(1 − a\)",
        r"∂C/∂C = 1", r"of a sum is 1", r"by 2h"],
}
"""Phrases whose numbers are part of a definition or a name, not a claim to check."""

NUMBER = re.compile(r"(?<![\w.])−?\d+(?:\.\d+)?(?:e[−-]\d+)?")


def _z_with(**changes: float) -> float:
    lab = NeuronLab()
    x, neuron = lab.x.copy(), lab.neuron
    if "x1" in changes:
        x[0] = changes["x1"]
    if "w1" in changes:
        neuron = neuron.with_weight(0, changes["w1"])
    if "b" in changes:
        neuron = neuron.with_params(b=changes["b"])
    return float(neuron.forward(x).z)


def _same_a_as_z_after_the_bullets() -> set[str]:
    """The activations whose a the lab prints with the same digits as z, once the learner has
    done chapter 1's bullets in order (x₁ = 0, then b raised three times)."""
    z = _z_with(x1=0.0, b=NeuronLab().neuron.b + 3 * NUDGE)
    return {name for name in ACTIVATIONS if fmt(value(name, z)) == fmt(z)}


def test_chapter_1_names_every_activation_that_shows_a_as_z_after_its_bullets():
    """"The same z gives a different a under each, except …": at the z its bullets lead to
    (0.040), tanh prints 0.040 as ReLU, leaky ReLU and linear do, so it must be excepted too."""
    sentence = re.search(r"Press \*\*a\*\* to cycle.*?\.\n", CHAPTERS[0].prose(), flags=re.S)
    assert sentence, "chapter 1 no longer has its activation bullet"
    same = _same_a_as_z_after_the_bullets()
    assert "sigmoid" not in same
    for name in same:
        assert ACTIVATIONS[name].title in sentence.group(0), (name, sentence.group(0))


def test_chapter_6_says_which_local_derivative_each_row_of_the_table_shows():
    """The table's local column on a node's row is the derivative of the node it feeds (z's row
    holds ∂a/∂z = f′(z), not ∂z/∂s = 1), and the prose must say so with the lab's examples."""
    from core.neuron.graph import trace
    from tui.chapters.ch06_backprop.lab import BackpropLab

    said = re.search(r"on z's row (∂a/∂z) = f′\(z\), on w₁'s (∂p₁/∂w₁) = x₁",
                     " ".join(CHAPTERS[5].prose().split()))
    assert said, "chapter 6 should say which local derivative each row shows"
    lab = BackpropLab()
    t = trace(lab.neuron, lab.x, lab.y, lab.loss)
    rows = {n.name: n for n in t.backward}
    z = float(lab.neuron.forward(lab.x).z)
    assert rows["z"].local_name.startswith(said.group(1)) and rows["z"].local == slope("sigmoid", z)
    assert rows["w₁"].local_name.startswith(said.group(2)) and rows["w₁"].local == lab.x[0]


def _terms_between(lo: float, hi: float) -> bool:
    rng = np.random.default_rng(0)
    terms = exp_terms(rng.normal(0, 400, size=(200, 4)))
    return bool(np.all((terms >= lo) & (terms <= hi)) and np.all(terms.max(axis=1) == 1.0))


def _cost_lab_example() -> tuple[float, float]:
    data = cost_lab().current[0].data
    return float(data.X[0, 0]), float(data.y[0])


def _cost_lab_start() -> tuple[float, float]:
    sq, ce = cost_lab().current
    assert sq.neuron.w[0] == ce.neuron.w[0] and sq.neuron.b == ce.neuron.b
    assert (sq.loss, ce.loss) == (MSE, BCE)
    return float(sq.neuron.w[0]), float(sq.neuron.b)


def _graph_grad_w2_with_x2_zero() -> float:
    from core.neuron.graph import trace
    from tui.chapters.ch06_backprop.lab import BackpropLab

    lab = BackpropLab()
    x = lab.x.copy()
    x[1] = 0.0
    return float(trace(lab.neuron, x, lab.y, lab.loss).grad_w[1])


def _costs_per_parameter() -> float:
    """How many times the lab's finite difference works out the cost, per parameter."""
    from core.neuron.graph import finite_difference
    from core.neuron.losses import MeanSquaredError
    from tui.chapters.ch06_backprop.lab import BackpropLab

    calls = []

    class Counting(MeanSquaredError):
        def cost(self, *args, **kwargs):
            calls.append(1)
            return super().cost(*args, **kwargs)

    lab = BackpropLab()
    finite_difference(lab.neuron, lab.x, lab.y, Counting())
    return len(calls) / (lab.neuron.n_inputs + 1)


def _digits_hold(printed: str, true: float) -> bool:
    text = printed.replace("−", "-")
    mantissa, _, exponent = text.partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    half = 0.5 * 10.0 ** (-decimals) * 10.0 ** int(exponent or 0)
    return abs(float(text) - true) <= half * (1 + 1e-9)


def _prose_outside_formulas(number: int) -> str:
    return re.sub(r"```.*?```", "", CHAPTERS[number - 1].prose(), flags=re.S)


@pytest.mark.parametrize("number,claim", [(n, c) for n, cs in CLAIMS.items() for c in cs],
                         ids=lambda v: v.phrase[:40] if isinstance(v, Claim) else str(v))
def test_each_number_the_prose_states_is_what_core_computes(number, claim):
    prose = CHAPTERS[number - 1].prose()
    found = re.search(claim.phrase, prose, flags=re.S)
    assert found, f"chapter {number} no longer says: {claim.phrase}"
    printed = found.groups()
    if claim.check is not None:
        assert claim.check(*(float(p.replace("−", "-")) for p in printed)), found.group(0)
        return
    expected = claim.expected()
    assert len(expected) == len(printed), claim.phrase
    for text, true in zip(printed, expected):
        assert _digits_hold(text, float(true)), f"{found.group(0)!r}: {text} but core says {true!r}"


@pytest.mark.parametrize("number", sorted(CLAIMS))
def test_no_number_in_the_prose_goes_unchecked(number):
    prose = _prose_outside_formulas(number)
    covered: list[tuple[int, int]] = []
    for phrase in [c.phrase for c in CLAIMS[number]] + STRUCTURAL[number]:
        covered += [m.span() for m in re.finditer(phrase, prose, flags=re.S)]
    loose = [m.group(0) + " in …" + prose[max(m.start() - 30, 0):m.end() + 10].replace("\n", " ")
             for m in NUMBER.finditer(prose)
             if not any(a <= m.start() and m.end() <= b for a, b in covered)]
    assert not loose, f"chapter {number}: numbers no test recomputes: {loose}"
