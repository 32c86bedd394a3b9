"""What the playground's maps, points and weight glyphs mean, for its help page (?): a learner
over ssh reads the screen, not the README. Glyphs and thresholds come from the modules that
draw them, so the text cannot drift from the screen."""

from __future__ import annotations

from tui.playground.colours import MONO_CLASSES, MONO_RAMP
from tui.playground.map_rows import CURSOR, POINT_GLYPHS, REGRESSION_GLYPH


def about_playground() -> str:
    """The help page's section on what the playground shows (Markdown)."""
    minus, plus = POINT_GLYPHS[2]
    three = ", ".join(POINT_GLYPHS[3])
    ramp = " ".join(f"`{g}`" if g != " " else "blank" for g in MONO_RAMP)
    classes = ", ".join(f"`{g}`" for g in MONO_CLASSES)
    return f"""\
## What the playground shows

**Every map is one neuron's output a over the plane**, x₁ across and x₂ up, from −6 to 6 (or
framing your own points), two pixels to a character cell. At each point the neuron computes **z = w·x + b** from what the
layer before gives it there (layer 1 from the inputs x₁, x₂, x₁², …), then **a = f(z)**. The map
shades a from −1 to +1: orange below 0, blue above, stronger from ½ on, grey at exactly 0 (a
ReLU that is off). A sigmoid output is shown as 2a − 1, so its 0.5 is the edge; three classes
show the likeliest class's colour (orange, blue, green), stronger where it is surer. In 16
colours orange is drawn yellow and grey white; without colour (NO_COLOR) the shades are
{ramp}, from −1 to +1, and {classes} for the likeliest of three classes.

**The big map** shows the focused neuron (`▸` in the network), at first the output: what the
network predicts. The points lie on it as their class's glyph (`{minus}` and `{plus}`; `{three}`
for three classes; `{REGRESSION_GLYPH}` for a number to fit), so the colour says what the network
predicts there and the glyph what the point is; test points are underlined (`t` chooses which
are shown). The cursor `{CURSOR}` (arrows, on the map) is the point at which the pane below it
writes the focused neuron's z = w·x + b with the live numbers: each weight times what feeds it
there, plus the bias, then its activation.

**The network**: before each neuron's small map, one glyph per incoming weight, for the neurons
of the layer before from top to bottom: filled for a positive weight, hollow for a negative
one, larger for a larger weight (`·` below 0.1 in size, `•`/`∘` below 0.5, `●`/`○` below 2,
`■`/`□` from 2).
"""
