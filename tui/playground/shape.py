"""Growing and shrinking the network by keys: which weights each change keeps, and where the
focus goes after it."""

from __future__ import annotations

from core.playground.network import LayerMap
from core.playground.state import PlayState, with_hidden
from tui.playground.network_rows import Focus

NEW_LAYER = 2
"""Neurons in a hidden layer added by a key, as in Playground."""


def _kept(hidden: tuple[int, ...]) -> list[LayerMap]:
    return [LayerMap(i + 1, tuple(range(n))) for i, n in enumerate(hidden)]


def neurons(state: PlayState, focus: Focus, by: int, most: int) -> tuple[PlayState, Focus] | None:
    """A neuron added at the end of the focused hidden layer (by 1), or the focused neuron
    removed (by −1); None when the focus is not on a hidden layer or the layer is at its limit."""
    hidden = state.settings.hidden
    layer = focus.layer
    if not 1 <= layer <= len(hidden):
        return None
    n = hidden[layer - 1]
    if (by > 0 and n >= most) or (by < 0 and n <= 1):
        return None
    maps = _kept(hidden)
    if by > 0:
        maps[layer - 1] = LayerMap(layer, tuple(range(n)) + (None,))
        action, unit = f"neuron added to layer {layer}", n
    else:
        maps[layer - 1] = LayerMap(layer, tuple(i for i in range(n) if i != focus.unit))
        action, unit = f"neuron {focus.unit + 1} of layer {layer} removed", min(focus.unit, n - 2)
    sizes = list(hidden)
    sizes[layer - 1] = n + by
    return with_hidden(state, tuple(sizes), maps, action), Focus(layer, unit)


def layers(state: PlayState, focus: Focus, by: int, most: int) -> tuple[PlayState, Focus] | None:
    """A hidden layer of two neurons added after the focused layer (by 1; after the inputs
    when they are focused, before the output when it is), or the focused hidden layer removed
    (by −1); None when that cannot be done."""
    hidden = state.settings.hidden
    maps = _kept(hidden)
    if by > 0:
        if len(hidden) >= most:
            return None
        at = min(focus.layer, len(hidden))  # the new layer's index among the hidden ones
        maps.insert(at, LayerMap(None, (None,) * NEW_LAYER))
        sizes = hidden[:at] + (NEW_LAYER,) + hidden[at:]
        return with_hidden(state, sizes, maps, f"layer {at + 1} added"), Focus(at + 1, 0)
    if not 1 <= focus.layer <= len(hidden):
        return None
    at = focus.layer - 1
    del maps[at]
    sizes = hidden[:at] + hidden[at + 1:]
    new_focus = Focus(min(focus.layer, len(sizes) + 1), 0)
    return with_hidden(state, sizes, maps, f"layer {focus.layer} removed"), new_focus
