"""The lab: one neuron to edit, its arithmetic and activation curve, and training step by step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import var
from textual.timer import Timer

from core.data.datasets import Dataset
from core.neuron.history import History
from core.neuron.losses import LOSSES
from core.neuron.train import TrainState, apply_step, new_state, plan_step, step
from tui.values.bounds import LR_BOUNDS, SEED_BOUNDS
from tui.book.stepping import RUN_HZ
from tui.drawing.palette import Palette
from tui.lab.plots import activation_spec, cost_spec
from tui.lab.files import LabFiles
from tui.lab.settings import LabSettings
from tui.lab.titles import PaneTitles, lab_titles
from tui.lab.view import LabView
from tui.screens.panes import Panes
from tui.screens.too_small import COMPACT_BELOW
from tui.widgets.arithmetic import ArithmeticView
from tui.widgets.kept_lines import KeptHorizontal, KeptLines, KeptVertical
from tui.widgets.key_bar import KeyBar
from tui.widgets.neuron_editor import NeuronEditor
from tui.widgets.number_field import NumberField
from tui.widgets.plot import PlotView
from tui.widgets.training import TrainingText


class LabScreen(LabSettings, LabFiles, Panes, KeptLines):
    """Owns the training history; every key becomes a pure core call and a new snapshot.

    The screen keeps its drawn lines too (KeptLines): its background lies under every step's
    changed rows and was drawn again for each step. Below 80×24 it shows one pane at a time
    (P: the next).
    """

    PANES = ("#editor", "#act-pane", "#arith-pane", "#train-pane", "#cost-pane")

    # The training keys are priority bindings: the screen answers them as soon as the app
    # reads them, instead of after they have bubbled up from the focused field (a few ms).
    # So are the dialogs' keys, so that a name typed in the same read reaches the dialog, not
    # the field. Textual leaves out any binding an open editor (an Input) would take as typing.
    BINDINGS = [
        Binding("s", "step", "Step", tooltip="Take one gradient-descent step", priority=True),
        Binding("r", "run", "Run/pause", tooltip="Step continuously, or pause", priority=True),
        Binding("u", "undo", "Undo", tooltip="Undo the last step or change, exactly",
                priority=True),
        Binding("space", "phase", "Phase", key_display="space", priority=True,
                tooltip="Split a step: forward → cost → backward → update"),
        Binding("a", "activation(1)", "Activation", tooltip="Next activation function"),
        Binding("A", "activation(-1)", "Prev activation", show=False),
        Binding("d", "dataset(1)", "Dataset", tooltip="Next dataset (re-initialises from the seed)"),
        Binding("D", "dataset(-1)", "Prev dataset", show=False),
        Binding("n", "example(1)", "Next example", show=False),
        Binding("p", "example(-1)", "Prev example", show=False),
        Binding("l", "loss", "Loss", show=False, tooltip="Switch squared error / cross-entropy"),
        Binding("m", "mode", "Batch/stochastic", show=False),
        Binding("f", "derivative", "Toggle f′ curve", show=False),
        Binding("R", "reset", "Reset from seed", show=False),
        Binding("ctrl+s,W", "save_session", "Save session", key_display="^s/W", show=False,
                tooltip="Write the whole lab, with its undo history, to a JSON file",
                priority=True),
        Binding("ctrl+o,O", "open_session", "Open session", key_display="^o/O", show=False,
                tooltip="Restore a saved session", priority=True),
        Binding("y", "copy_state", "Copy state string", show=False,
                tooltip="The current state as one line, for --state (copied with OSC 52)"),
        Binding("E", "export_history", "Export history CSV", show=False,
                tooltip="Every state of the history as a CSV file"),
        Binding("up", "app.focus_previous", "Previous field", show=False),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("pagedown", "scroll_pane(1)", "Scroll pane down", key_display="pgdn",
                show=False, tooltip="On a small terminal, page the pane on show"),
        Binding("pageup", "scroll_pane(-1)", "Scroll pane up", key_display="pgup",
                show=False, tooltip="On a small terminal, page the pane on show"),
    ]

    state: var[TrainState | None] = var(None, init=False)

    def __init__(self, start: TrainState | list[TrainState]) -> None:
        super().__init__()
        states = start if isinstance(start, list) else [start]
        self.history = History.of(states)
        self._started_with = self.history.states
        start = states[-1]
        self.phase = 0
        self.show_derivative = True
        self.nudge_step = 0.1
        self._timer: Timer | None = None
        self._palette: Palette | None = None
        self._bindings_key: tuple[bool, ...] = ()
        self._titles = PaneTitles()
        self.view = LabView(start, plan_step(start))

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        """Neuron and activation curve on top, arithmetic across, training and cost below."""
        n = self.history.current.data.n_inputs
        with KeptHorizontal(id="top"):
            yield NeuronEditor(n, self._step_nudge, self._scale_nudge, id="editor")
            with KeptVertical(id="act-pane"):
                yield PlotView(id="act-plot")
        with KeptVertical(id="arith-pane"):
            yield ArithmeticView(id="arith")
        with KeptHorizontal(id="bottom"):
            with KeptVertical(id="train-pane"):
                with KeptHorizontal(id="train-fields"):
                    yield NumberField("η", 0.5, LR_BOUNDS, nudge=_double, id="lr")
                    yield NumberField("seed", 0, SEED_BOUNDS, nudge=_plus_one, id="seed")
                yield TrainingText(id="train-text")
            with KeptVertical(id="cost-pane"):
                yield PlotView(id="cost-plot")
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the starting state and put the focus on the first weight."""
        self._palette = Palette.from_app(self.app)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.state = self.history.current
        self.query_one("#w-0").focus()
        if self.state.data.name.startswith("csv:"):  # say what was read, and any scaling
            self.notify(self.state.data.description, timeout=15, markup=False)

    def on_screen_suspend(self) -> None:
        """Leaving the lab for the book pauses a run rather than training unseen.

        A screen on top (help, a dialog, the too-small notice) only covers the lab for a
        moment, and a run goes on beneath it; what happened is known once the switch is done.
        """
        self.call_later(self._pause_if_left)

    def _pause_if_left(self) -> None:
        if self._timer is not None and self.app.current_mode != "lab":
            self._stop()
            self._redraw()

    def _theme_changed(self, _theme: object) -> None:
        self._palette = Palette.from_app(self.app)
        self._redraw()

    def on_resize(self) -> None:
        """Compact borders on short terminals; one pane at a time on small ones."""
        self.set_class(self.size.height < COMPACT_BELOW or self.one_pane, "-compact")
        self.arrange_panes()
        self._redraw()  # the titles: a compact pane has no foot for a subtitle

    def action_scroll_pane(self, direction: int) -> None:
        """Page the pane on show (one pane shows at a time below 80×24)."""
        if self.one_pane:
            self.scroll_pane(direction)

    def _step_nudge(self, value: float, direction: int) -> float:
        return value + direction * self.nudge_step

    @staticmethod
    def _scale_nudge(value: float, direction: int) -> float:
        return value * 10.0 ** direction

    # ----------------------------------------------------------------- state

    def _push(self, state: TrainState, phase: int = 0) -> None:
        self.phase = phase
        self.history.push(state)
        self.state = state

    def watch_state(self, old: TrainState | None, new: TrainState) -> None:
        """Hand the new snapshot to every pane; reshape the editor first if the inputs changed."""
        if self.query_one(NeuronEditor).n_inputs != new.data.n_inputs:
            self.call_later(self._reshape_editor)
        self._redraw()

    async def _reshape_editor(self) -> None:
        # Runs in turn with other messages, so two dataset switches in one burst of keys
        # reshape one after the other; the editor draws nothing until its shape matches.
        editor = self.query_one(NeuronEditor)
        target = self.state.data.n_inputs
        if editor.n_inputs == target:
            return
        focus_in_editor = self.focused is None or editor in self.focused.ancestors_with_self
        editor.n_inputs = target
        await editor.recompose()
        if focus_in_editor:
            self.query_one("#w-0").focus()
        self._redraw()

    def _redraw(self) -> None:
        state = self.state
        if state is None or self._palette is None:
            return
        self.view = LabView(state, plan_step(state), self.phase, self.show_derivative,
                            self._timer is not None)
        pal = self._palette
        self.query_one(NeuronEditor).update_view(self.view)
        self.query_one("#lr", NumberField).set_value(state.lr)
        self.query_one("#seed", NumberField).set_value(state.seed)
        self.query_one("#nudge", NumberField).set_value(self.nudge_step)
        self.query_one(ArithmeticView).update_view(self.view, pal)
        self.query_one(TrainingText).update_view(self.view, pal)
        self.query_one("#act-plot", PlotView).plot(activation_spec(self.view, pal))
        self.query_one("#cost-plot", PlotView).plot(cost_spec(*self.history.curve(), pal))
        self._titles.show(self, lab_titles(state, self.show_derivative, self._timer is not None,
                                           compact=self.has_class("-compact"),
                                           room=self.query_one("#editor").outer_size.width - 4))
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        # The footer recomposes on every refresh_bindings(); do it only when a key's state moved.
        key = (self.can_train, self.history.can_undo, self._timer is not None)
        if key != self._bindings_key:
            self._bindings_key = key
            self.refresh_bindings()

    @property
    def can_train(self) -> bool:
        """Whether a step can be taken (not diverged, and the next step stays finite)."""
        return not self.view.state.diverged and self.view.plan.finite

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what makes no sense now: stepping after divergence, undo with no history."""
        if action in ("step", "phase") and not self.can_train:
            return None
        if action == "run" and not self.can_train and self._timer is None:
            return None
        if action == "undo" and not self.history.can_undo:
            return None
        if action == "scroll_pane":
            return self.one_pane
        return True

    # ----------------------------------------------------------------- actions

    def action_step(self) -> None:
        """Take one step (finishing the one being phased through, if any)."""
        if not self.can_train:
            self.app.bell()
            return
        state = self.history.current
        # The view already planned this state's step (it shows it): take it, not a second one.
        self._push(apply_step(state, self.view.plan) if self.view.state is state else step(state))

    def action_phase(self) -> None:
        """Advance phase mode: forward → cost → backward → update (the update takes the step)."""
        if not self.can_train:
            self.app.bell()
            return
        self._stop()
        if self.phase == 3:
            self._push(apply_step(self.history.current, self.view.plan), phase=4)
            return
        self.phase = 1 if self.phase in (0, 4) else self.phase + 1
        self._redraw()

    def action_run(self) -> None:
        """Start or pause continuous stepping."""
        if self._timer is not None:
            self._stop()
        elif self.can_train:
            self.phase = 0
            self._timer = self.set_interval(1 / RUN_HZ, self._tick)
        self._redraw()

    def _tick(self) -> None:
        if self._timer is None:
            return  # a tick already on its way when the run was paused: it must not step
        if not self.can_train:
            self._stop()
            self._redraw()
            self.notify("Training diverged and was paused: undo (u) or lower η.",
                        severity="warning")
            return
        self.action_step()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_undo(self) -> None:
        """Return exactly to the state before the last step or change."""
        self._stop()
        if not self.history.can_undo:
            self.app.bell()
            return
        self.phase = 0
        self.state = self.history.undo()

    def action_reset(self) -> None:
        """Re-initialise the neuron from the seed (undo brings the old one back)."""
        st = self.history.current
        self._push(new_state(st.data, st.neuron.activation, st.loss, st.lr, st.seed, st.mode))

    # ----------------------------------------------------------------- loading

    @property
    def changed(self) -> bool:
        """Whether the history is other than the one the lab opened with (worth keeping)."""
        now, then = self.history.states, self._started_with
        return len(now) != len(then) or any(a is not b for a, b in zip(now, then))

    def restore(self, states: list[TrainState]) -> None:
        """Replace the lab's whole history with ``states`` (a loaded session)."""
        self._stop()
        self.phase = 0
        self.history = History.of(states)
        self.state = self.history.current

    def use_dataset(self, data: Dataset) -> None:
        """Train on ``data`` (your CSV, say) from a neuron re-initialised from the seed."""
        self._stop()
        st = self.history.current
        self._push(new_state(data, st.neuron.activation, LOSSES[data.loss], st.lr, st.seed,
                             st.mode))


def _double(value: float, direction: int) -> float:
    return value * 2.0 ** direction


def _plus_one(value: float, direction: int) -> float:
    return value + direction
