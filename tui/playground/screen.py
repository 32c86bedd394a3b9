"""The playground: a small network on points in the plane, every neuron's map on screen.

Every key is a pure core call that returns a new snapshot (core/playground/state.py); the
screen keeps the history for undo and hands the current state to its panes, each of which
repaints only the cells that changed.
"""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult, SystemCommand
from textual.timer import Timer

from core.data.planar import SHAPES, PlanarData
from core.playground.history import PlayHistory
from core.playground.settings import HIDDEN_ACTIVATIONS
from core.playground.state import Diverged, PlayState, reset, start, step, stop_reason, with_data
from tui.drawing.palette import Palette
from tui.playground.about import about_playground
from tui.playground.fields import SettingField, field_value, make_fields
from tui.playground.files import PlaygroundFiles
from tui.playground.keys import PLAYGROUND_KEYS
from tui.playground.map_rows import tick_width
from tui.playground.rows import BandedRows
from tui.playground.settings_keys import PlaygroundSettings
from tui.playground.view import PlaygroundView
from tui.screens.panes import Panes
from tui.screens.too_small import COMPACT_BELOW
from tui.widgets.kept_lines import KeptHorizontal, KeptLines, KeptVertical
from tui.widgets.key_bar import KeyBar
from tui.widgets.lines import LinesView
from tui.widgets.plot import PlotView

MAP_BANDS, NET_BANDS = 12, 12
"""Bands the map and the network are drawn in (see BandedRows): about three columns each at
120×40, where a change costs a few cells, not the row up to it."""
RUN_HZ = 30
"""Epochs a second while running, at most: each one updates the screen. (A tick takes about
12 ms; at 25 a second Textual's timer skipped enough of them to leave about 21.)"""


class FocusRows(BandedRows):
    """A pane of rows that takes the focus: the map (arrows move the cursor) or the network
    (arrows move between neurons)."""

    def on_resize(self) -> None:
        """Its size sets the maps' sizes: draw again."""
        super().on_resize()
        self.screen.call_after_refresh(self.screen.redraw)


class TopRow(KeptHorizontal):
    """The map and the network side by side: the map's pane is as wide as a square map of
    the row's height needs (up to 55% of the width), the network takes the rest; shown alone
    (one pane at a time), the map's pane takes the whole row."""

    def on_resize(self) -> None:
        """Size the map's pane for the new height."""
        screen = self.screen
        compact = screen.has_class("-compact") or screen.size.height < COMPACT_BELOW
        rows = self.size.height - (1 if compact else 2) - 1  # a title rule or a box; the x ticks
        deco = 2 if compact else 4  # padding, and the box's sides
        ticks = tick_width(screen.history.current.data.domain)
        width = min(int(0.55 * self.size.width), 2 * rows + ticks + deco)
        if isinstance(screen, Panes) and screen.one_pane:
            width = self.size.width
        pane = self.query_one("#pg-map-pane")
        if pane.styles.width is None or pane.styles.width.value != width:
            pane.styles.width = width


class PlaygroundScreen(PlaygroundSettings, PlaygroundFiles, Panes, KeptLines):
    """Owns the history; every key becomes a core call and a new snapshot. Below 80×24 it
    shows one pane at a time, as the book and the lab do (``P`` the next)."""

    CSS_PATH = "playground.tcss"

    BINDINGS = PLAYGROUND_KEYS

    PANES = ("#pg-map-pane", "#pg-side", "#pg-focus-pane", "#pg-fields-pane", "#pg-curve-pane")
    """The map; the network with the training numbers; the focused neuron; the settings; the
    curves."""

    def __init__(self, start_with: PlayState | list[PlayState] | None = None) -> None:
        super().__init__()
        states = start_with if isinstance(start_with, list) else [start_with or start()]
        self.history = PlayHistory.of(states)
        self.view = PlaygroundView(self.history.current)
        self._timer: Timer | None = None
        self._palette: Palette | None = None
        self._bindings_key: tuple = ()
        self._field_list: list[SettingField] = []
        self._behind = False

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        """The map left, the network and the training numbers right; the focused neuron's
        arithmetic across; the settings and the loss curves below."""
        with TopRow(id="pg-top"):
            with KeptVertical(id="pg-map-pane"):
                yield FocusRows(MAP_BANDS, id="pg-map")
            with KeptVertical(id="pg-side"):
                with KeptVertical(id="pg-net-pane"):
                    yield FocusRows(NET_BANDS, id="pg-net")
                with KeptVertical(id="pg-numbers-pane"):
                    yield LinesView(id="pg-numbers")
        with KeptVertical(id="pg-focus-pane"):
            yield LinesView(id="pg-focus")
        with KeptHorizontal(id="pg-bottom"):
            with KeptVertical(id="pg-fields-pane"):
                for row in make_fields(self.history.current.settings):
                    with KeptHorizontal(classes="pg-fields"):
                        yield from row
            with KeptVertical(id="pg-curve-pane"):
                yield PlotView(id="pg-curve")
                yield LinesView(id="pg-spark")
        yield KeyBar()

    def on_mount(self) -> None:
        """Draw, and put the focus on the network."""
        self._palette = Palette.from_app(self.app)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.query_one("#pg-net").focus()
        self.redraw()

    def _theme_changed(self, _theme: object) -> None:
        self._palette = Palette.from_app(self.app)
        self.redraw()

    def on_resize(self) -> None:
        """Compact borders on short terminals; one pane at a time on small ones; draw again
        at the new size."""
        self.set_class(self.size.height < COMPACT_BELOW or self.one_pane, "-compact")
        self.arrange_panes()
        self.call_after_refresh(self.redraw)

    def on_screen_suspend(self) -> None:
        """Leaving the playground (for the book or the lab) pauses a run; under help or a
        dialog a run goes on, undrawn until the playground shows again."""
        self.call_later(self._pause_if_left)

    def on_screen_resume(self) -> None:
        """Draw what changed while help or a dialog covered the playground."""
        if self._behind:
            self.redraw()

    def _pause_if_left(self) -> None:
        if self._timer is not None and self.app.current_mode != "playground":
            self._stop()
            self.redraw()

    # ----------------------------------------------------------------- drawing

    def redraw(self) -> None:
        """Hand the current state to every pane; each repaints what changed."""
        if self._palette is None or not self.is_mounted:
            return
        self._behind = not self.is_current
        if self._behind:  # covered: nobody sees it, and a run's keys stay quick to answer
            return
        self.view = self.view.moved(self.history.current, running=self._timer is not None)
        self.view.draw(self, self._palette, self.app.no_color,
                       self.app.console.color_system == "standard")
        for field in self._fields():
            field.set_value(field_value(self.view.state.settings, field.setting))
            if field.setting == "noise" and field.editable != self.view.state.data.generated:
                field.set_editable(self.view.state.data.generated)  # your points have no noise
        self._refresh_bindings_if_changed()

    def _fields(self) -> list[SettingField]:
        if not self._field_list:
            self._field_list = list(self.query(SettingField))
        return self._field_list

    def _refresh_bindings_if_changed(self) -> None:
        key = (self.history.can_undo, self._timer is not None, self.view.focus.layer)
        if key != self._bindings_key:
            self._bindings_key = key
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim what does nothing now: undo with no history; neuron keys off a hidden layer."""
        if action == "undo" and not self.history.can_undo:
            return None
        hidden = 0 < self.view.focus.layer < len(self.view.state.net.sizes) - 1
        if action == "neurons" and not hidden:
            return None
        if action == "toggle_input" and self.view.focus.layer != 0:
            return None
        return True

    # ----------------------------------------------------------------- state

    @property
    def state(self) -> PlayState:
        """The current snapshot."""
        return self.history.current

    def push(self, state: PlayState, message: str = "") -> None:
        """Make ``state`` current (undo-able) and show it."""
        self.history.push(state)
        self.view = self.view.with_message(message)
        self.redraw()

    def restore(self, states: list[PlayState]) -> None:
        """Replace the whole history with ``states`` (a loaded session)."""
        self._stop()
        self.history = PlayHistory.of(states)
        self.view = PlaygroundView(self.history.current)
        self.redraw()

    def load(self, state: PlayState) -> None:
        """Open ``state`` (chapter 9's network) as the next, undo-able state, its output
        focused."""
        self._stop()
        self.view = PlaygroundView(state)
        self.push(state, f"opened: {state.action}")

    def use_data(self, data: PlanarData) -> None:
        """Train on ``data`` from here, keeping the network."""
        self._stop()
        self.push(with_data(self.state, data, f"points from {data.title}"))

    # ----------------------------------------------------------------- training

    def action_step(self) -> None:
        """One epoch (refused, with the reason, if it would diverge)."""
        result = step(self.state)
        if isinstance(result, Diverged):
            self._stop()
            self.app.bell()
            self.view = self.view.with_message("diverged: u undo · lower η · R reset")
            self.notify(f"Training diverged and was stopped: {result.reason}. Undo (u), lower "
                        "η, or reset (R): nothing was changed.", severity="warning",
                        timeout=8, markup=False)
            self.redraw()
            return
        self.push(result)

    def action_run(self) -> None:
        """Start or pause training epoch after epoch."""
        if self._timer is not None:
            self._stop()
        else:
            self._timer = self.set_interval(1 / RUN_HZ, self._tick)
        self.redraw()

    def _tick(self) -> None:
        if self._timer is None:
            return  # a tick already on its way when the run was paused
        self.action_step()
        why = stop_reason(self.state)
        if why and self._timer is not None:
            self._stop()
            self.view = self.view.with_message(f"paused: {why}")
            self.redraw()

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_undo(self) -> None:
        """Back exactly to the state before the last epoch or change."""
        self._stop()
        if not self.history.can_undo:
            self.app.bell()
            return
        self.history.undo()
        self.view = self.view.refocused(self.state).with_message("")
        self.redraw()

    def action_reset(self) -> None:
        """New weights from the seed, epoch 0 (undo brings the old ones back)."""
        self.push(reset(self.state))

    # ----------------------------------------------------------------- help and palette

    def help_about(self) -> str:
        """What the help page (?) says the playground's maps, points and glyphs mean."""
        return about_playground()

    def palette_commands(self) -> list[SystemCommand]:
        """Every dataset, activation, output, loss, penalty and initialisation by name."""
        commands = [SystemCommand(f"Data: {s.title}", "the network carries on",
                                  partial(self.set_dataset, name)) for name, s in SHAPES.items()]
        commands += [SystemCommand(f"Hidden activation: {name}", "every hidden layer",
                                   partial(self.set_activation, name))
                     for name in HIDDEN_ACTIVATIONS]
        commands.append(SystemCommand("Your points: open a CSV file…",
                                      "header, then x₁, x₂ and a label", self.action_open_csv))
        return commands
