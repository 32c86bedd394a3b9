"""Colours: every theme works, the ANSI themes keep plots readable, NO_COLOR drops the hues."""

import re

import pytest
from textual.theme import BUILTIN_THEMES

from tests.tui.pty_run import PtyApp
from tui.app import NeuronApp
from tui.drawing.palette import Palette

BOX = set("─│┌┐└┘├┤┬┴┼")


async def test_every_theme_gives_a_usable_palette():
    app = NeuronApp(start="lab")
    async with app.run_test(size=(100, 30)) as pilot:
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
            pal = Palette.from_app(app)
            assert pal.curve.plot != (0, 0, 0) or not BUILTIN_THEMES[name].ansi, name
        assert any("theme" in c.title.lower() for c in app.get_system_commands(app.screen))


def plot_cells(app, selector):
    """(character, style) for every visible character of the widget ``selector``."""
    region = app.screen.query_one(selector).region
    strips = app.screen._compositor.render_strips()
    cells = []
    for y in range(region.y, region.y + region.height):
        x = 0
        for seg in strips[y]:
            for ch in seg.text:
                if region.x <= x < region.right and ch.strip():
                    cells.append((ch, seg.style))
                x += 1
    return cells


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_ansi_themes_draw_plots_with_visible_axes_and_curves(theme):
    app = NeuronApp(start="lab", theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        assert app.theme == theme
        for selector in ("#act-plot", "#cost-plot"):
            cells = plot_cells(app, selector)
            axes = [style for ch, style in cells if ch in BOX]
            marks = [style for ch, style in cells if ch not in BOX and style and style.color
                     and not style.color.is_default]
            assert axes and marks, selector
            for style in axes + marks:
                fg, bg = style.color, style.bgcolor
                # the terminal's default foreground on its default background is readable by
                # definition; any other colour must differ from what it is drawn on
                assert fg is None or bg is None or fg.is_default or fg != bg, (selector, style)
                assert fg is None or fg.is_default or fg.number not in (0, 16), (selector, style)
            assert all(s.color.type.name in ("STANDARD", "DEFAULT") for s in marks)  # 16 colours


def run_in_pty(env_extra: dict[str, str]) -> bytes:
    """Start the lab in a real pseudo-terminal and return what it wrote for its first screen."""
    app = PtyApp(["--lab"], (80, 24), env_extra)
    try:
        return app.read_until_quiet(quiet=1.0, until=b"Neuron")
    finally:
        app.stop()


def colour_indices(output: bytes) -> set[int]:
    """Every 256-colour index set by the output, and 999 for any 24-bit or 16-colour code."""
    found = set()
    for params in re.findall(rb"\x1b\[([0-9;]*)m", output):
        parts = [int(p) for p in params.split(b";") if p]
        i = 0
        while i < len(parts):
            if parts[i] in (38, 48) and i + 2 < len(parts) and parts[i + 1] == 5:
                found.add(parts[i + 2])
                i += 3
            elif parts[i] in (38, 48) and i + 1 < len(parts) and parts[i + 1] == 2:
                found.add(999)
                i += 5
            else:
                if 30 <= parts[i] <= 37 or 40 <= parts[i] <= 47 or 90 <= parts[i] <= 107:
                    found.add(999)
                i += 1
    return found


GREYS = set(range(232, 256)) | {0, 7, 8, 15, 16, 231}


def test_no_color_leaves_only_greys(tmp_path):
    config = {"NEURON_TUI_CONFIG_DIR": str(tmp_path)}
    coloured = colour_indices(run_in_pty(config))
    assert coloured - GREYS, "without NO_COLOR the lab has colours"
    plain = colour_indices(run_in_pty({**config, "NO_COLOR": "1"}))
    assert plain and plain <= GREYS, plain - GREYS
