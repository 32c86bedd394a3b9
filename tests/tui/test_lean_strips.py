"""Strips make their caches when first used: they behave as Textual's do, and the lab holds far
fewer caches than strips (each used to hold seven from the start)."""

from __future__ import annotations

import gc
import subprocess
import sys

from rich.segment import Segment
from rich.style import Style
from textual.cache import FIFOCache
from textual.strip import Strip

from tui.app import NeuronApp
from tui.drawing import lean_strips
from tui.drawing.lean_strips import CACHES, made_as_known, make_caches_when_used


def test_this_textuals_strip_is_recognised_and_another_is_left_alone():
    """The pinned Textual's Strip is recognised, so the saving is not silently lost; a Strip
    with another slot, or made otherwise, is not touched."""
    assert make_caches_when_used()
    assert isinstance(Strip.__dict__["_crop_cache"], lean_strips._MadeWhenUsed)
    slots = [*CACHES, *lean_strips.OTHER_SLOTS]
    known = type("Known", (), {"__slots__": slots, "__init__": lean_strips.TEXTUALS_INIT})
    assert made_as_known(known)

    def init_more(self, segments, cell_length=None):  # noqa: ANN001, ANN202
        lean_strips.TEXTUALS_INIT(self, segments, cell_length)
        self._link_ids = set()

    assert not made_as_known(type("More", (), {"__slots__": slots, "__init__": init_more}))
    assert not made_as_known(type("Extra", (), {"__slots__": [*slots, "_extra"],
                                                "__init__": lean_strips.TEXTUALS_INIT}))


def test_a_strip_makes_a_cache_only_when_asked_and_then_keeps_using_it():
    assert make_caches_when_used()
    assert make_caches_when_used()  # a second call changes nothing
    strip = Strip([Segment("hello ", Style(color="red")), Segment("world")], 11)
    crop_slot = lean_strips.SLOTS["_crop_cache"]
    assert all(not _has(strip, lean_strips.SLOTS[name]) for name in CACHES)
    first = strip.crop(1, 8)
    assert strip.crop(1, 8) is first  # the crop is cached, as in Textual
    assert first.text == "ello wo"
    assert isinstance(crop_slot.__get__(strip, Strip), FIFOCache)
    assert not _has(strip, lean_strips.SLOTS["_divide_cache"])
    assert [s.text for s in strip.divide([3, 11])] == ["hel", "lo world"]


def _has(strip: Strip, slot) -> bool:  # noqa: ANN001 - a member descriptor
    try:
        slot.__get__(strip, Strip)
    except AttributeError:
        return False
    return True


async def test_the_labs_strips_hold_few_caches():
    """After a start and some steps the lab held 7 caches a strip (7,650 for 1,089 strips,
    about 1 MB); now only those used are made."""
    app = NeuronApp(seed=0, start="lab")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", "s", "tab", "plus", "s")
        await pilot.pause()
        gc.collect()
        objects = gc.get_objects()
        strips = sum(1 for o in objects if type(o) is Strip)
        caches = sum(1 for o in objects if type(o) is FIFOCache)
        assert strips > 300
        assert caches < strips


def test_the_app_makes_strips_so():
    """In a fresh Python, where nothing else has asked for it: making the app is enough."""
    probe = ("from textual.strip import Strip\n"
             "from tui.app import NeuronApp\n"
             "before = type(Strip.__dict__['_crop_cache']).__name__\n"
             "NeuronApp()\n"
             "print(before, type(Strip.__dict__['_crop_cache']).__name__)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["member_descriptor", "_MadeWhenUsed"]
