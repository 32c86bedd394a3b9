"""The playground's settings by key: data, activations, output, loss, penalty, weights, inputs,
the network's shape, the map's options, the arrows and the number fields.

Each is a core call that returns a new state (so each is one undo level); the screen mixes
these in and provides ``state``, ``push``, ``view`` and ``redraw``.
"""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from core.data.planar import SHAPES
from core.playground.features import FEATURES, ordered
from core.playground.heads import HEADS, heads_for
from core.playground.network import INITS, REGULARISATIONS
from core.playground.settings import HIDDEN_ACTIVATIONS, MAX_LAYERS, MAX_NEURONS
from core.playground.state import regenerate, reset, with_features, with_output, with_settings
from tui.playground import shape
from tui.playground.fields import SettingField
from tui.playground.map_rows import SHOWN
from tui.values.choices import cycle


class PlaygroundSettings(Screen):
    """The settings' actions, mixed into the playground's screen."""

    def _set(self, action: str, **changes: object) -> None:
        self.push(with_settings(self.state, action, **changes))

    def action_dataset(self, by: int) -> None:
        """Next (or previous) generated dataset; the network carries on."""
        self.set_dataset(cycle(list(SHAPES), self.state.settings.dataset, by))

    def set_dataset(self, name: str) -> None:
        """Train on the generated dataset ``name`` from here."""
        new = regenerate(self.state, f"data {name}", dataset=name)
        self.view = self.view.refocused(new)
        self.push(new)

    def action_new_points(self) -> None:
        """The points drawn again from the next data seed."""
        seed = (self.state.settings.data_seed + 1) % 2**32
        self.push(regenerate(self.state, f"data seed {seed}", data_seed=seed))

    def action_activation(self, by: int) -> None:
        """Next (or previous) activation of the hidden layers."""
        self.set_activation(cycle(HIDDEN_ACTIVATIONS, self.state.settings.activation, by))

    def set_activation(self, name: str) -> None:
        """Hidden layers use ``name`` from here."""
        self._set(f"activation {name}", activation=name)

    def action_output(self) -> None:
        """The next output function that suits the data."""
        options = heads_for(self.state.data.n_classes)
        if len(options) == 1:
            self.app.bell()
            self.notify(f"{HEADS[options[0]].title} is the only output for this data.",
                        markup=False)
            return
        self.push(with_output(self.state, cycle(options, self.state.settings.output),
                              "output"))

    def action_loss(self) -> None:
        """Squared error or cross-entropy (regression fits with squared error only)."""
        losses = HEADS[self.state.settings.output].losses
        if len(losses) == 1:
            self.app.bell()
            self.notify("A number to fit is learnt with squared error only.", markup=False)
            return
        self._set("loss", loss=cycle(losses, self.state.settings.loss))

    def action_regularisation(self) -> None:
        """None, L1 or L2; turning one on with λ at 0 sets λ to 0.003."""
        reg = cycle(REGULARISATIONS, self.state.settings.reg)
        rate = self.state.settings.rate or (0.003 if reg != "none" else 0.0)
        self._set(f"regularisation {reg}", reg=reg, rate=rate)

    def action_init(self) -> None:
        """The next way to draw weights, and the weights drawn again with it."""
        init = cycle(list(INITS), self.state.settings.init)
        self.push(reset(self.state, init=init), f"weights: {INITS[init]}")

    def action_points(self) -> None:
        """Which points the map marks."""
        self.view = self.view.with_points(cycle(SHOWN, self.view.points))
        self.redraw()

    def action_curves(self) -> None:
        """The curves: loss or accuracy (a number to fit has no accuracy)."""
        if self.view.metric == "loss" and not self.state.data.classification:
            self.app.bell()
            self.notify("A number to fit has no accuracy: its curves show the loss.",
                        markup=False)
            return
        self.view = self.view.with_metric("accuracy" if self.view.metric == "loss" else "loss")
        self.redraw()

    def action_discretise(self) -> None:
        """The map as two sides only, or shaded."""
        self.view = self.view.with_discrete(not self.view.discrete)
        self.redraw()

    def action_toggle_input(self) -> None:
        """Turn the focused input on or off (one must stay on)."""
        if self.view.focus.layer != 0:
            self.app.bell()
            return
        name = list(FEATURES)[self.view.focus.unit]
        active = set(self.state.settings.features) ^ {name}
        if not active:
            self.app.bell()
            self.notify("At least one input must stay on.", markup=False)
            return
        label = FEATURES[name].label
        self.push(with_features(self.state, ordered(active),
                                f"{label} {'on' if name in active else 'off'}"))

    def action_neurons(self, by: int) -> None:
        """Add a neuron to the focused hidden layer, or remove the focused neuron."""
        self._reshape(shape.neurons(self.state, self.view.focus, by, MAX_NEURONS))

    def action_layers(self, by: int) -> None:
        """Add a hidden layer after the focused one, or remove the focused hidden layer."""
        self._reshape(shape.layers(self.state, self.view.focus, by, MAX_LAYERS))

    def _reshape(self, changed: tuple | None) -> None:
        """Show the reshaped network with the focus where the change put it (a bell if none)."""
        if changed is None:
            self.app.bell()
            return
        state, focus = changed
        self.view = self.view.with_focus(focus)
        self.push(state)

    def action_arrow(self, dx: int, dy: int) -> None:
        """Arrows: the cursor on the map, the focused neuron on the network, fields elsewhere."""
        focused = self.focused
        if focused is not None and focused.id == "pg-map":
            self.view = self.view.cursor_moved(dx, dy)
        elif focused is not None and focused.id == "pg-net":
            self.view = self.view.focus_moved(dx, dy)
        elif dy:
            (self.focus_next if dy > 0 else self.focus_previous)()
            return
        else:
            return
        self.redraw()

    @on(SettingField.Changed)
    def _field_changed(self, event: SettingField.Changed) -> None:
        field = event.field
        setting, value = field.setting, event.value
        label = f"{field.label} {value:g}"
        if setting in ("noise", "train_pct", "data_seed"):
            self.push(regenerate(self.state, label, **{setting: int(value)}))
        elif setting == "seed":
            self.push(reset(self.state, seed=int(value)))
        else:
            self._set(label, **{setting: int(value) if setting == "batch" else value})
