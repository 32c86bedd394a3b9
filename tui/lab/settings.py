"""The lab's settings: activation, dataset, example, cost, mode and the fields of the neuron
and of training, each a new state in the lab's history (a mixin of the lab's screen)."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.screen import Screen

from core.data.datasets import DATASETS
from core.neuron.activations import ACTIVATIONS
from core.neuron.losses import LOSSES
from core.neuron.ranges import PROBABILITY
from core.neuron.train import MODES, TrainState, new_state
from tui.lab.view import sub
from tui.values.choices import cycle
from tui.values.numbers import fmt
from tui.widgets.number_field import NumberField


class LabSettings(Screen):
    """Keys and fields that change the lab's settings. The lab's screen supplies ``history``,
    ``state``, ``phase``, ``nudge_step``, ``show_derivative``, ``_push``, ``_stop`` and
    ``_redraw``."""

    def action_activation(self, by: int) -> None:
        """Switch to the next (or previous) activation, keeping the weights."""
        current = self.history.current.neuron.activation.name
        self.set_activation(cycle(list(ACTIVATIONS), current, by))

    def set_activation(self, name: str) -> None:
        """Switch to the activation called ``name``."""
        st = self.history.current
        act = ACTIVATIONS[name]
        self._push(st.edited(f"activation {name}", neuron=st.neuron.with_activation(act)))

    def action_dataset(self, by: int) -> None:
        """Switch to the next (or previous) dataset, with its usual cost, re-initialised."""
        current = self.history.current.data.name
        self.set_dataset(cycle(list(DATASETS), current, by))

    def set_dataset(self, name: str) -> None:
        """Train on the dataset called ``name`` from a neuron re-initialised from the seed."""
        self._stop()
        st = self.history.current
        data = DATASETS[name]
        self._push(new_state(data, st.neuron.activation, LOSSES[data.loss], st.lr, st.seed,
                             st.mode))

    def action_example(self, by: int) -> None:
        """Show the next (or previous) example; a stochastic step learns from the one on show."""
        st = self.history.current
        moved = replace(st, example=(st.example + by) % st.data.n_examples)
        self.phase = 0
        self.state = self.history.amend(moved)

    def action_loss(self) -> None:
        """Switch between squared error and cross-entropy (only for targets in [0, 1])."""
        st = self.history.current
        loss = cycle(list(LOSSES.values()), st.loss)
        low, high = float(st.data.y.min()), float(st.data.y.max())
        if loss.name == "bce" and not (PROBABILITY[0] <= low and high <= PROBABILITY[1]):
            self.app.bell()
            self.notify(f"Cross-entropy needs targets between 0 and 1; these run from "
                        f"{fmt(low)} to {fmt(high)}. The cost stays squared error.",
                        severity="warning", markup=False)
            return
        self._push(st.edited(f"loss {loss.name}", loss=loss))

    def action_mode(self) -> None:
        """Switch between full-batch and stochastic (one example per step) descent."""
        st = self.history.current
        self._push(st.edited("mode", mode=cycle(list(MODES), st.mode)))

    def action_derivative(self) -> None:
        """Show or hide the derivative curve f′(z)."""
        self.show_derivative = not self.show_derivative
        self._redraw()

    @on(NumberField.Changed)
    def _field_changed(self, event: NumberField.Changed) -> None:
        field_id, value = event.field.id or "", event.value
        st = self.history.current
        if field_id == "nudge":
            self.nudge_step = value
            self._redraw()
        elif field_id == "seed":
            self._push(new_state(st.data, st.neuron.activation, st.loss, st.lr, int(value),
                                 st.mode))
        elif field_id == "lr":
            self._push(st.edited("learning rate", lr=value))
        elif field_id == "b":
            self._push(st.edited("edit b", neuron=st.neuron.with_params(b=value)))
        elif field_id.startswith("w-"):
            i = int(field_id[2:])
            self._push(st.edited(f"edit w{sub(i + 1)}", neuron=st.neuron.with_weight(i, value)))
        elif field_id.startswith("x-") or field_id == "y":
            self._push(st.edited("edit example", data=_edit_example(st, field_id, value)))


def _edit_example(st: TrainState, field_id: str, value: float):
    x = st.data.X[st.example].copy()
    y = float(st.data.y[st.example])
    if field_id == "y":
        y = value
    else:
        x[int(field_id[2:])] = value
    return st.data.with_example(x, y)
