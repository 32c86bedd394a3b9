"""Steps of a worked answer that several chapters write the same way.

Each returns one line of arithmetic with the live numbers, in the forms the equation checker in
the tests (tests/tui/printed_math.py) evaluates: numbers from ``fmt`` (negative factors in
parentheses), ``·`` for a product, ``e^(…)`` for an exponential, the activation's symbol applied
to a number, and a note set off by three spaces.
"""

from __future__ import annotations

import numpy as np

from core.neuron.activations import LEAKY_SLOPE, Activation
from tui.values.numbers import fmt, fmt_factor


def value_step(act: Activation, z: float, a: float) -> str:
    """``σ(0.600) = 1/(1 + e^(−0.600)) = 0.646``, spelled out for each activation."""
    head = f"{act.symbol}({fmt(z)})"
    if act.name == "sigmoid":
        return f"{head} = 1/(1 + e^({fmt(-z)})) = {fmt(a)}"
    if act.name == "relu":
        return f"{head} = max(0, {fmt(z)}) = {fmt(a)}"
    if act.name == "leaky_relu":
        if z > 0:
            return f"{head} = {fmt(a)}   as z > 0"
        return f"{head} = {LEAKY_SLOPE}·{fmt_factor(z)} = {fmt(a)}"
    return f"{head} = {fmt(a)}"


def activation_step(act: Activation, z: float, a: float, name: str = "a") -> str:
    """``a = σ(0.600) = 1/(1 + e^(−0.600)) = 0.646``."""
    return f"{name} = {value_step(act, z, a)}"


def slope_steps(act: Activation, z: float) -> tuple[str, ...]:
    """The working for f′(z): the rule first, then for σ and tanh the value and the slope from it
    (σ·(1 − σ) with 1 − σ taken as σ(−z), exact in the tails), for the others the value."""
    at = np.array([z])
    a, slope = float(act.f(at)[0]), float(act.df(at)[0])
    if act.name == "sigmoid":
        rest = float(act.f(-at)[0])
        return ("σ′(z) = σ(z)·(1 − σ(z)): first σ, then the product", value_step(act, z, a),
                f"σ′ = σ·(1 − σ) = {fmt(a)}·{fmt(rest)} = {fmt(slope)}")
    if act.name == "tanh":
        return ("tanh′(z) = 1 − tanh²(z): first tanh, then the square", value_step(act, z, a),
                f"tanh′ = 1 − tanh² = 1 − {fmt_factor(a)}² = {fmt(slope)}")
    if act.name == "linear":
        return ("id(z) = z is a straight line: its slope is the same everywhere",
                f"id′({fmt(z)}) = {fmt(slope)}")
    low = "0" if act.name == "relu" else f"{LEAKY_SLOPE}"
    return (f"{act.symbol}′ is 1 where z > 0 and {low} where z ≤ 0",
            f"{act.symbol}′({fmt(z)}) = {fmt(slope)}   as z {'>' if z > 0 else '≤'} 0")
