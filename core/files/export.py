"""The training history as CSV: one row per state, in the order they were reached."""

from __future__ import annotations

import csv
import io

from core.neuron.train import TrainState


def history_csv(states: list[TrainState]) -> str:
    """CSV text with a header row: what happened, the step count, the cost on the whole
    dataset, η, and every weight and the bias, with floats written exactly (shortest repr)."""
    width = max(s.neuron.n_inputs for s in states)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["index", "action", "steps", "dataset", "activation", "loss", "mode", "lr",
                     "cost"] + [f"w{i + 1}" for i in range(width)] + ["b"])
    for i, s in enumerate(states):
        w = [repr(float(v)) for v in s.neuron.w] + [""] * (width - s.neuron.n_inputs)
        writer.writerow([i, s.action, s.steps, s.data.name, s.neuron.activation.name, s.loss.name,
                         s.mode, repr(s.lr), repr(s.cost)] + w + [repr(s.neuron.b)])
    return out.getvalue()
