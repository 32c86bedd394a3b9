"""One neuron on one example, written out as a computational graph and traced both ways.

The graph for d inputs has these nodes, in forward order::

    pᵢ = wᵢ·xᵢ   (one per input)
    s  = p₁ + … + p_d
    z  = s + b
    a  = f(z)
    C  = cost(a, y)

Forward fills in each node's value. Backward starts from ∂C/∂C = 1 and walks the graph in
reverse: each node multiplies the gradient arriving from the node above by its own *local*
derivative. The parameters wᵢ and b are leaves; their gradients are what a training step uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.neuron.activations import Activation
from core.neuron.losses import Loss
from core.neuron.neuron import Neuron

SUBSCRIPTS = "₁₂₃₄₅₆₇₈₉"
LOSS_FORMULAS = {"mse": "(a − y)²", "bce": "−[y·ln a + (1−y)·ln(1−a)]"}
"""C for one example, written out, by loss name."""
LOSS_DERIVATIVES = {"mse": "2(a − y)", "bce": "(a − y) / (a(1 − a))"}
"""∂C/∂a for one example, written out, by loss name."""


@dataclass(frozen=True)
class Node:
    """One node of the traced graph.

    Attributes:
        name: the node's symbol, e.g. ``"p₁"`` or ``"z"``.
        formula: how its value is computed from other nodes, e.g. ``"w₁·x₁"``.
        value: the value forward computed.
        local_name: the local derivative written out, e.g. ``"∂p₁/∂w₁ = x₁"``.
        local: the local derivative's value: how this node's value moves per unit of the
            node it feeds (for C, which feeds nothing, 1).
        grad: ∂C/∂node, the gradient the chain rule delivers to it.
        parent: the node this one feeds, whose gradient times ``local`` gives ``grad``
            ("" for C).
    """

    name: str
    formula: str
    value: float
    local_name: str
    local: float
    grad: float
    parent: str = ""


@dataclass(frozen=True)
class Trace:
    """The whole graph: ``forward`` in the order values are computed, ``backward`` in the
    order gradients are, and the parameters' gradients."""

    forward: tuple[Node, ...]
    backward: tuple[Node, ...]
    grad_w: np.ndarray
    grad_b: float
    loss: str = ""
    """The cost's name (``"mse"``, ``"bce"``)."""
    y: float = 0.0
    """The example's target."""
    fused: bool = False
    """∂C/∂z was computed as a − y (cross-entropy after a sigmoid), not as the product."""
    clipped: bool = False
    """Cross-entropy clipped a into [ε, 1 − ε]: C is flat there and ∂C/∂a = 0."""


def _sub(i: int) -> str:
    return SUBSCRIPTS[i] if i < len(SUBSCRIPTS) else f"_{i + 1}"


def trace(neuron: Neuron, x: np.ndarray, y: float, loss: Loss) -> Trace:
    """Trace ``neuron`` on one example ``x`` with target ``y`` under ``loss``.

    ∂C/∂z is taken from ``loss.delta``. For cross-entropy after a sigmoid that is the fused
    a − y, computed as −σ(−z) when y = 1 so that it is exact as a nears 1, and the cost is computed from z without a clip; its
    ∂C/∂a is then the unclipped −y/a + (1 − y)/(1 − a), with 1 − a = σ(−z) so that it too stays
    exact (it is ±∞ only where it passes the largest float).
    """
    x = np.asarray(x, float).reshape(-1)
    w, b, act = neuron.w, neuron.b, neuron.activation
    p = w * x
    s = float(np.sum(p))
    z = s + b
    zs, ys = np.array([z]), np.array([float(y)])
    a = float(act.f(zs)[0])
    c = loss.cost(zs, np.array([a]), ys, act)
    fused = loss.fuses(act)
    dc_da = _unclipped_slope(zs, ys, act) if fused else float(loss.grad(np.array([a]), ys)[0])
    da_dz = float(act.df(zs)[0])
    dc_dz = _fused_delta(zs, ys, act) if fused else float(loss.delta(zs, np.array([a]), ys, act)[0])
    clipped = bool(loss.clipped(np.array([a]))[0]) and not fused
    sym = act.symbol
    top = [
        Node("C", LOSS_FORMULAS.get(loss.name, f"{loss.name}(a, y)"), c, "∂C/∂C", 1.0, 1.0),
        Node("a", f"{sym}(z)", a, f"∂C/∂a = {LOSS_DERIVATIVES.get(loss.name, 'dC/da')}",
             dc_da, dc_da, "C"),
        Node("z", "s + b", z, f"∂a/∂z = {sym}′(z)", da_dz, dc_dz, "a"),
        Node("b", "bias", b, "∂z/∂b = 1", 1.0, dc_dz, "z"),
        Node("s", " + ".join(f"p{_sub(i)}" for i in range(x.size)), s, "∂z/∂s = 1", 1.0,
             dc_dz, "z"),
    ]
    products, weights = [], []
    for i in range(x.size):
        k = _sub(i)
        products.append(Node(f"p{k}", f"w{k}·x{k}", float(p[i]), f"∂s/∂p{k} = 1", 1.0, dc_dz, "s"))
        weights.append(Node(f"w{k}", "weight", float(w[i]), f"∂p{k}/∂w{k} = x{k}",
                            float(x[i]), dc_dz * float(x[i]), f"p{k}"))
    backward = tuple(top + products + weights)
    forward = tuple(products) + (top[4], top[2], top[1], top[0])
    return Trace(forward=forward, backward=backward, grad_w=dc_dz * x, grad_b=dc_dz,
                 loss=loss.name, y=float(y), fused=fused, clipped=clipped)


def _fused_delta(z: np.ndarray, y: np.ndarray, act: Activation) -> float:
    """a − y for one example, exact at a target of 1 too: σ(z) − 1 = −σ(−z).

    Subtracting a rounded a from 1 keeps only its last few bits once a nears 1 (1 − σ(32.35)
    comes out as 8.88e−15 where σ(−32.35) = 8.92e−15), so the graph's ∂C/∂a × σ′(z) would not
    equal the ∂C/∂z it prints beside them.
    """
    yy = float(y[0])
    if yy == 1.0:
        return -float(act.f(-z)[0])
    return float(act.f(z)[0]) - yy


def _unclipped_slope(z: np.ndarray, y: np.ndarray, act: Activation) -> float:
    """∂C/∂a = −y/a + (1 − y)/(1 − a) of cross-entropy at a = σ(z), with 1 − a = σ(−z)."""
    a, rest = act.f(z)[0], act.f(-z)[0]
    yy = float(y[0])
    with np.errstate(divide="ignore", over="ignore"):
        towards_one = -yy / a if yy else 0.0
        towards_zero = (1.0 - yy) / rest if yy != 1.0 else 0.0
    return float(towards_one + towards_zero)


def finite_difference(neuron: Neuron, x: np.ndarray, y: float, loss: Loss,
                      h: float = 1e-6) -> tuple[np.ndarray, float]:
    """(∂C/∂w, ∂C/∂b) estimated by central differences on the cost itself, no chain rule."""
    x = np.asarray(x, float).reshape(1, -1)
    ys = np.array([float(y)])

    def cost(n: Neuron) -> float:
        fw = n.forward(x)
        return loss.cost(fw.z, fw.a, ys, n.activation)

    gw = np.array([(cost(neuron.with_weight(i, neuron.w[i] + h))
                    - cost(neuron.with_weight(i, neuron.w[i] - h))) / (2 * h)
                   for i in range(neuron.n_inputs)])
    gb = (cost(neuron.with_params(b=neuron.b + h)) - cost(neuron.with_params(b=neuron.b - h))) / (2 * h)
    return gw, float(gb)
