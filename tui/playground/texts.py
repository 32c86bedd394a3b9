"""The playground's text: the focused neuron's arithmetic at the cursor, and the training numbers."""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text

from core.playground.features import FEATURES, feature_matrix
from core.playground.network import forward
from core.playground.state import PlayState
from tui.drawing.palette import Palette
from tui.playground.network_rows import Focus
from tui.values.numbers import MINUS, as_factor, fmt

CLASS_NAMES = {2: ("−", "+"), 3: ("0", "1", "2")}


def wrap_terms(head: str, terms: list[str], tails: list[str], width: int,
               indent: int = 4) -> list[str]:
    """``head`` + terms joined by " + " + each of ``tails``, broken before a " + " or a tail
    where a line would pass ``width`` (never inside a number). A tail that begins " · "
    starts its line without it; any other part starts ``indent`` spaces in."""
    lines, line = [], head
    parts = [t if i == 0 else f" + {t}" for i, t in enumerate(terms)] + tails
    for part in parts:
        if len(line) + len(part) > width and line.strip():
            lines.append(line)
            line = part[3:] if part.startswith(" · ") else " " * indent + part.lstrip()
        else:
            line += part
    lines.append(line)
    return lines


def at_point(cursor: tuple[float, float]) -> str:
    """"(x₁, x₂) = (1.20, −0.60)"."""
    return f"(x₁, x₂) = ({fmt(cursor[0], 2)}, {fmt(cursor[1], 2)})"


def focus_title(state: PlayState, focus: Focus, cursor: tuple[float, float]) -> list[str]:
    """Which neuron is focused and where the cursor is, longest form first."""
    where = at_point(cursor)
    if focus.layer == 0:
        label = FEATURES[list(FEATURES)[focus.unit]].label
        return [f"Input {label} at the cursor {where}", f"Input {label} at {where}",
                f"Input {label}"]
    n = state.net.sizes[focus.layer]
    if focus.layer == len(state.net.W):
        head = state.rules.head.title
        name = f"Output {focus.unit + 1} of {n}" if n > 1 else "Output"
        return [f"{name} · {head} · at the cursor {where}", f"{name} · {head} · at {where}", name]
    name = f"Layer {focus.layer} · neuron {focus.unit + 1} of {n}"
    act = state.rules.activation.title
    return [f"{name} · {act} · at the cursor {where}", f"{name} · {act} · at {where}", name]


def focus_lines(state: PlayState, focus: Focus, cursor: tuple[float, float], width: int,
                pal: Palette, rows: int = 3) -> list[Text]:
    """What the focused neuron computes at the cursor, with the live numbers: z = w·x + b
    written out, then its activation; in two decimals (then one figure) where three would
    need more than ``rows`` lines."""
    for digits in (3, 2, 1):
        lines = _focus_lines(state, focus, cursor, width, pal, digits)
        if len(lines) <= rows:
            break
    return lines


def _short(x: float, digits: int) -> str:
    """``x`` in ``digits`` decimals; at 1, scientific numbers keep one figure (4e−05)."""
    text = fmt(x, digits)
    if digits == 1 and "e" in text:
        text = f"{float(x):.0e}".replace("-", MINUS)
    return text


def _factor(x: float, digits: int) -> str:
    return as_factor(_short(x, digits))


def _focus_lines(state: PlayState, focus: Focus, cursor: tuple[float, float], width: int,
                 pal: Palette, digits: int) -> list[Text]:
    point = np.array([cursor], float)
    if focus.layer == 0:
        name = list(FEATURES)[focus.unit]
        feature = FEATURES[name]
        on = name in state.settings.features
        value = float(feature_matrix(point, (name,))[0, 0])
        state_text = "on: it feeds layer 1" if on else "off (space turns it on)"
        return [Text(f"{feature.label} = {fmt(value)} · {state_text}")]
    X = feature_matrix(point, state.settings.features)
    zs, hs = forward(state.net.W, state.net.b, X, state.rules.activation)
    layer, unit = focus.layer, focus.unit
    w, b = state.net.W[layer - 1][:, unit], float(state.net.b[layer - 1][unit])
    h, z = hs[layer - 1][0], float(zs[layer - 1][0, unit])
    output = layer == len(state.net.W)
    names = "x" if layer == 1 else "h"
    terms = [f"{_factor(wi, digits)}·{_factor(hi, digits)}" for wi, hi in zip(w, h)]
    terms.append(_factor(b, digits))
    if output:
        result = _activation(state, zs[-1][0], z, unit)
    else:
        a = float(state.rules.activation.f(np.array([z]))[0])
        result = f"a = {state.rules.activation.symbol}(z) = {_short(a, digits)}"
    lines = [Text(line) for line in wrap_terms(f"z = w·{names} + b = ", terms,
                                               [f" = {_short(z, digits)}", f" · {result}"], width)]
    lines[-1].stylize(pal.highlight.style, len(lines[-1].plain) - len(result))
    return lines


def _activation(state: PlayState, z_out: np.ndarray, z: float, unit: int) -> str:
    """The output's activation and the class it gives."""
    head = state.rules.head
    a = head.activate(z_out[None, :])[0]
    if head.name == "softmax":
        best = int(np.argmax(a))
        return f"p{unit + 1} = e^z / Σ e^zⱼ = {fmt(a[unit])} · class {best}"
    if head.name == "linear":
        return f"a = z = {fmt(a[0])}"
    sign = CLASS_NAMES[2][int(z >= 0)]
    edge = "0" if head.name == "tanh" else "0.5"
    symbol = "tanh" if head.name == "tanh" else "σ"
    return f"a = {symbol}(z) = {fmt(a[0])} → class {sign} (a {'≥' if z >= 0 else '<'} {edge})"


def _percent(value: float) -> str:
    return "—" if not math.isfinite(value) else f"{100 * value:.1f}%"


def training_lines(state: PlayState, running: bool, message: str, width: int,
                   pal: Palette) -> list[Text]:
    """Epoch and losses; accuracy (or the penalty); then what just happened, or the settings."""
    s = state.settings
    run = " ▶" if running else ""
    test = fmt(state.test_loss) if len(state.data.test) else "— (no test points)"
    lines = [f"epoch {state.epoch}{run} · loss: train {fmt(state.train_loss)} · test {test}",
             f"epoch {state.epoch}{run} · train {fmt(state.train_loss)} · test {fmt(state.test_loss)}"]
    out = [Text(_first_fitting(lines, width))]
    penalty = f"{s.reg.upper()} penalty {fmt(state.penalty)}" if s.reg != "none" else ""
    if state.data.classification:
        acc = f"accuracy: train {_percent(state.accuracy('train'))} · " \
              f"test {_percent(state.accuracy('test'))}"
        out.append(Text(_first_fitting([f"{acc} · {penalty}" if penalty else acc, acc], width)))
    else:
        out.append(Text(penalty or "regression: the output is a number to fit"))
    if message:
        out.append(Text(message, style=pal.bad.style if message.startswith("diverged")
                        else pal.highlight.style))
    else:
        reg = "no regularisation" if s.reg == "none" else f"{s.reg.upper()} λ {fmt(s.rate)}"
        summary = [f"{s.activation} → {s.output} · {s.loss.replace('_', '-')} · {reg}",
                   f"{s.activation} → {s.output} · {reg}"]
        out.append(Text(_first_fitting(summary, width), style=pal.muted.style))
    return out


def _first_fitting(forms: list[str], width: int) -> str:
    """The first of ``forms`` (longest first) that fits in ``width``; else the last."""
    return next((f for f in forms if len(f) <= width), forms[-1])


def thin(points: list, most: int) -> list:
    """At most about ``most`` of ``points``: every 2ᵏ-th, from the first, and the last.

    The stride doubles only when the points outgrow it, so from one epoch to the next the
    points kept stay the same ones (a curve redrawn from a shifting sample would move all
    along, and every row of its plot would be sent again).
    """
    stride = 1
    while len(points) > stride * most:
        stride *= 2
    kept = list(points[::stride])
    if points and kept[-1] is not points[-1]:
        kept.append(points[-1])
    return kept


SPARKS = " ▁▂▃▄▅▆▇█"
"""Bar heights, empty to full, for a loss curve one line tall."""


def spark_lines(points: list[tuple[int, float, float]], width: int, top: float,
                pal: Palette) -> list[Text]:
    """The curves as one line each, for a pane too short for a plot: bars from 0 to ``top``,
    the run thinned to fit, with the latest value and the epochs they span."""
    label = 13
    shown = thin(points, max(width - label, 4))
    lines = []
    for index, name, role in ((2, "test", pal.curve), (1, "train", pal.muted)):
        values = [p[index] for p in shown]
        if not any(math.isfinite(v) for v in values):
            continue
        bars = "".join(SPARKS[int(np.clip(math.ceil(v / top * 8), 0, 8))] if math.isfinite(v)
                       else " " for v in values)
        latest = f"{name} {fmt(values[-1])}".ljust(label)
        lines.append(Text(latest) + Text(bars, role.style))
    span = f"epochs {shown[0][0]}–{shown[-1][0]}" if shown else "no epochs yet"
    forms = [f"{span} · bars from 0 to {top:g}", f"{span} · 0 to {top:g}", span]
    lines.append(Text(_first_fitting(forms, width), pal.muted.style))
    return lines
