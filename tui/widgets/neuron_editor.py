"""The neuron pane: the example's inputs and target beside the weights and bias, all as fields."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.values.bounds import NUDGE_BOUNDS, PROBABILITY_BOUNDS, VALUE_BOUNDS
from tui.lab.view import LabView, sub
from tui.widgets.kept_lines import KeptGrid, KeptHorizontal, KeptStatic, KeptVertical
from tui.widgets.number_field import Nudge, NumberField


class NeuronEditor(KeptVertical):
    """Fields x₁…x_d and y (editable only for the single example) beside w₁…w_d and b."""

    DEFAULT_CSS = """
    NeuronEditor Grid { grid-size: 2; grid-gutter: 0 2; height: auto; grid-rows: auto; }
    NeuronEditor #example-row { height: auto; }
    NeuronEditor #example { width: 1fr; color: $text-muted; }
    NeuronEditor #nudge { width: 18; }
    """

    def __init__(self, n_inputs: int, step_nudge: Nudge, scale_nudge: Nudge,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.n_inputs = n_inputs
        self._step_nudge = step_nudge
        self._scale_nudge = scale_nudge
        self._fields: dict[str, NumberField] = {}

    def compose(self) -> ComposeResult:
        """One row per input (xᵢ, wᵢ), then (y, b), then the example and the nudge size."""
        self._fields = {}  # found again once the new fields are mounted
        with KeptGrid():
            for i in range(self.n_inputs):
                yield NumberField(f"x{sub(i + 1)}", 0.0, VALUE_BOUNDS, nudge=self._step_nudge,
                                  editable=False, id=f"x-{i}")
                w_field = NumberField(f"w{sub(i + 1)}", 0.0, VALUE_BOUNDS, nudge=self._step_nudge,
                                      id=f"w-{i}")
                w_field.add_class("w-field")
                yield w_field
            yield NumberField("y", 0.0, VALUE_BOUNDS, nudge=self._step_nudge, editable=False,
                              id="y")
            yield NumberField("b", 0.0, VALUE_BOUNDS, nudge=self._step_nudge, id="b")
        with KeptHorizontal(id="example-row"):
            yield KeptStatic("", id="example")
            yield NumberField("nudge", 0.1, NUDGE_BOUNDS, nudge=self._scale_nudge, id="nudge")

    def update_view(self, view: LabView) -> None:
        """Show the state's numbers; x and y are editable only for the single example.

        Until the editor has been recomposed for the state's number of inputs, it shows nothing
        new (the screen reshapes it and redraws).
        """
        st = view.state
        if self.n_inputs != st.data.n_inputs or not self._find_fields():
            return
        editable = st.data.editable
        x = st.data.X[st.example]
        for i in range(self.n_inputs):
            self._field(f"x-{i}").set_editable(editable)
            self._field(f"x-{i}").set_value(float(x[i]))
            self._field(f"w-{i}").set_value(float(st.neuron.w[i]))
        target = self._field("y")
        target.set_editable(editable)
        target.bounds = PROBABILITY_BOUNDS if st.loss.name == "bce" else VALUE_BOUNDS
        target.set_value(float(st.data.y[st.example]))
        self._field("b").set_value(st.neuron.b)
        label = self.query_one("#example", KeptStatic)
        text = "x, y editable" if editable else f"example {st.example + 1}/{st.data.n_examples}"
        if label.content != text:
            label.update(text, layout=False)

    def _find_fields(self) -> bool:
        """Look the fields up once per composition; False while they are not all mounted."""
        if not self._fields:
            ids = [f"{k}-{i}" for i in range(self.n_inputs) for k in "xw"] + ["y", "b"]
            found = {f.id: f for f in self.query(NumberField) if f.id in ids}
            if len(found) != len(ids) or len(self.query(".w-field")) != self.n_inputs:
                return False
            self._fields = found
        return True

    def _field(self, field_id: str) -> NumberField:
        return self._fields[field_id]
