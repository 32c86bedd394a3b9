"""Every number field on every screen refuses junk and out-of-range values where it was typed,
keeps the old value, and leaves the app's state untouched; valid values are accepted."""

import pytest

from tests.tui.junk import JUNK, SHORT_JUNK
from tui.app import NeuronApp
from tui.app import N_CHAPTERS
from tui.values.bounds import (GAIN_BOUNDS, LR_BOUNDS, NUDGE_BOUNDS, PROBABILITY_BOUNDS, SEED_BOUNDS,
                        SHIFT_BOUNDS, VALUE_BOUNDS)
from tui.chapters.ch02_activations.lab import Z_BOUNDS
from tui.chapters.ch03_softmax.lab import LOGIT_BOUNDS, TEMPERATURE_BOUNDS
from tui.values.numbers import parse_number
from tui.widgets.number_field import NumberField
from textual.widgets import Input

ALL_BOUNDS = [VALUE_BOUNDS, PROBABILITY_BOUNDS, NUDGE_BOUNDS, LR_BOUNDS, SEED_BOUNDS, Z_BOUNDS,
              LOGIT_BOUNDS, TEMPERATURE_BOUNDS, GAIN_BOUNDS, SHIFT_BOUNDS]


@pytest.mark.parametrize("bounds", ALL_BOUNDS, ids=lambda b: f"{b.lo:g}..{b.hi:g}")
def test_junk_is_refused_for_every_kind_of_field(bounds):
    for text in JUNK:
        with pytest.raises(ValueError):
            parse_number(text, bounds)
    for outside in (bounds.hi * 10 + 1, bounds.lo - abs(bounds.lo) - 1):
        with pytest.raises(ValueError, match="out of range"):
            parse_number(repr(float(outside)), bounds)


def lab_state(app):
    """Whatever the screen's numbers depend on, as a comparable value."""
    screen = app.screen
    if hasattr(screen, "history"):
        return screen.history.current
    lab = screen.lab
    return repr(sorted((k, repr(v)) for k, v in vars(lab).items()
                       if k in ("x", "neuron", "z", "activation", "logits", "temperature",
                                "history", "w0", "b0", "lr", "landscape", "y", "loss", "setup",
                                "gain", "norm", "seed", "position")))


SCREENS = [("lab", None), ("lab-single", None)] + [("book", n) for n in range(1, N_CHAPTERS + 1)]


def _app(where, chapter):
    return NeuronApp(start="lab" if where.startswith("lab") else "book", chapter=chapter)


async def _editable_fields(app, pilot, where):
    """The screen's editable fields, after switching the lab to the single example if asked."""
    await pilot.pause()
    if where == "lab-single":
        app.screen.set_dataset("single")
        await pilot.pause()
    fields = [f for f in app.screen.query(NumberField) if f.editable]
    assert fields
    return fields


@pytest.mark.parametrize("where,chapter", SCREENS)
async def test_every_field_refuses_junk_and_keeps_its_value(where, chapter):
    app = _app(where, chapter)
    async with app.run_test(size=(120, 40)) as pilot:
        for field in await _editable_fields(app, pilot, where):
            outside = repr(field.bounds.hi * 10 + 1)
            for text in SHORT_JUNK[:1] + [outside]:
                before_value, before_state = field.value, lab_state(app)
                field.focus()
                await pilot.press("enter")
                field.query_one(Input).value = text  # as if pasted
                await pilot.press("enter")
                assert field.error, (field.id, text)
                assert field.value == before_value and lab_state(app) == before_state
                shown = field.query_one(".nf-error")
                assert shown.display and shown.region.height > 0 and str(shown.render()) == field.error
                await pilot.press("escape")
                await pilot.pause()
                assert not field.editing


@pytest.mark.parametrize("where,chapter", SCREENS)
async def test_every_field_accepts_a_valid_value(where, chapter):
    app = _app(where, chapter)
    async with app.run_test(size=(120, 40)) as pilot:
        for field in await _editable_fields(app, pilot, where):
            target = field.bounds.lo + (field.bounds.hi - field.bounds.lo) * 0.001
            target = int(target) + 1 if field.bounds.integer else round(target, 3)
            field.focus()
            await pilot.press("enter")
            field.query_one(Input).value = repr(target)
            await pilot.press("enter")
            await pilot.pause()
            assert not field.error, (field.id, field.error)
            assert app.screen.query_one(f"#{field.id}", NumberField).value == pytest.approx(target)
