"""The key bar at the foot of a screen: every key that does something here, in one line."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip

from tui.widgets.kept_lines import KeptLines

GAP = 1
"""Blank cells between two keys."""
PINNED_ACTIONS = frozenset({"help", "app.help", "next_pane", "app.next_pane"})
"""Actions whose key stays on the bar however narrow it is: help leads to every other key,
and on a small terminal the next pane leads to everything not on show."""


@dataclass(frozen=True)
class KeyItem:
    """One key as the bar shows it: ``key_display`` in the key colour, then ``description``.

    A pinned key is kept when the bar is too narrow for every key.
    """

    key: str
    key_display: str
    description: str
    enabled: bool
    pinned: bool = False

    @property
    def width(self) -> int:
        """Cells the item takes: key, a space, description."""
        return cell_len(self.key_display) + 1 + cell_len(self.description)


@dataclass(frozen=True)
class Placed:
    """An item and the first column it is drawn at."""

    item: KeyItem
    x: int


def layout(items: list[KeyItem], palette: KeyItem | None, width: int) -> list[Placed]:
    """Where each item goes in ``width`` cells: the palette key against the right edge, and
    keys from the left, in order, as many as fit whole (a key is never cut short) while leaving
    room for the pinned keys further on."""
    right = width
    placed: list[Placed] = []
    if palette is not None and palette.width <= width:
        right = width - palette.width
        placed.append(Placed(palette, right))
        right -= GAP + 1  # a gap, then the separator's cell
    reserve = sum(item.width + GAP for item in items if item.pinned)
    x, full = 0, False
    for item in items:
        if item.pinned:
            reserve -= item.width + GAP
        elif full or x + item.width + reserve > right:
            full = True
            continue
        if x + item.width <= right:
            placed.append(Placed(item, x))
            x += item.width + GAP
    return placed


class KeyBar(KeptLines):
    """The keys of the current screen, like Textual's footer, drawn as one widget.

    Textual's footer mounts a widget per key and recomposes them all whenever a binding's state
    may have changed; this bar keeps a list and repaints its one row only when the list moved.
    Keys that do nothing now are dimmed; a key that would not fit is left out whole; clicking a
    key presses it.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr;
        color: $footer-foreground; background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    KeyBar > .key-bar--separator { color: $foreground 20%; }
    """

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--separator"}
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[KeyItem] = []
        self.palette: KeyItem | None = None

    def on_mount(self) -> None:
        """Follow the screen's bindings from now on."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        items, palette = self._read_bindings()
        if (items, palette) != (self.items, self.palette):
            self.items, self.palette = items, palette
            self.repaint()  # in the same screen update as the change that moved a key

    def _read_bindings(self) -> tuple[list[KeyItem], KeyItem | None]:
        """The shown keys of the screen, one per action (the first bound), and the palette's."""
        app, items, actions = self.app, [], set()
        palette = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            item = KeyItem(binding.key, app.get_key_display(binding), binding.description,
                           enabled, pinned=binding.action in PINNED_ACTIONS)
            if binding.key == app.COMMAND_PALETTE_BINDING:
                palette = item if app.ENABLE_COMMAND_PALETTE else None
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                items.append(item)
        return items, palette

    def render_line(self, y: int) -> Strip:
        """The bar's one row."""
        width = self.size.width
        base = self.rich_style
        # default: a bar taken off the screen loses its part styles and may be drawn once more
        styles = {part: self.get_component_rich_style(f"key-bar--{part}", default=base)
                  for part in ("key", "description", "separator")}
        segments: list[Segment] = []
        x = 0
        for placed in sorted(layout(self.items, self.palette, width), key=lambda p: p.x):
            if placed.item is self.palette and placed.x > x + 1:
                segments.append(Segment(" " * (placed.x - x - 1), base))
                segments.append(Segment("▏", styles["separator"]))
            elif placed.x > x:
                segments.append(Segment(" " * (placed.x - x), base))
            segments.extend(self._item_segments(placed.item, styles))
            x = placed.x + placed.item.width
        return Strip(segments).extend_cell_length(width, base)

    @staticmethod
    def _item_segments(item: KeyItem, styles: dict[str, Style]) -> list[Segment]:
        # plain as well as dim: where the terminal's colours cannot show a dimmer shade (a
        # 16-colour bar, tui/drawing/contrast.py), the weight still says the key is idle
        dim = Style() if item.enabled else Style(dim=True, bold=False)
        return [Segment(item.key_display, styles["key"] + dim),
                Segment(" " + item.description, styles["description"] + dim)]

    def item_at(self, x: int) -> KeyItem | None:
        """The key drawn at column ``x``, if any."""
        for placed in layout(self.items, self.palette, self.size.width):
            if placed.x <= x < placed.x + placed.item.width:
                return placed.item
        return None

    def on_click(self, event: events.Click) -> None:
        """Press the key that was clicked; a bell for one that does nothing now."""
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
