"""The notation page: every symbol the book uses and what it means (key N, anywhere).

One symbol, one meaning across the whole book: σ is only ever the sigmoid, a standard
deviation is sd and a variance v, and s is chapter 6's sum node. Each entry names the chapter that first uses it; a test holds every entry to
that chapter's text, and every Greek letter or operator in the prose to an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.screens.help import HelpScreen


@dataclass(frozen=True)
class Entry:
    """One symbol: how it is written, what it means, and the chapter that introduces it.

    ``key`` is the text that chapter's prose uses it in (the symbol itself if empty), so a test
    can hold the entry to the chapter.
    """

    symbol: str
    meaning: str
    chapter: int
    key: str = ""

    @property
    def found_by(self) -> str:
        """What to look for in the chapter's prose."""
        return self.key or self.symbol


SECTIONS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    ("One neuron", (
        Entry("x₁, x₂, …", "the inputs; xᵢ is input i, and x all of them at once", 1, "x₁, x₂, …"),
        Entry("wᵢ", "the weight of input i; w is all the weights at once", 1),
        Entry("b", "the bias", 1, "bias** b"),
        Entry("z", "the weighted sum w₁x₁ + w₂x₂ + … + b, before the activation", 1, "z ="),
        Entry("Σ", "\"add up\": Σ wᵢxᵢ is w₁x₁ + w₂x₂ + …, one term for every i", 1),
        Entry("f", "the activation function", 1, "function** f"),
        Entry("a", "the activation a = f(z): the neuron's output", 1, "a = f(z)"),
        Entry("e", "Euler's number, 2.718…; eᶻ and e^z mean e to the power z", 1, "e = 2.718"),
        Entry("w·x", "the sum of products w₁x₁ + w₂x₂ + …", 2),
        Entry("d", "the number of inputs; w_d is the last weight", 5, "w_d"),
    )),
    ("Activation functions", (
        Entry("σ", "the sigmoid, σ(z) = 1/(1 + e⁻ᶻ); σ means nothing else in this book", 1,
              "σ(z)"),
        Entry("tanh, ReLU, lReLU, id", "the other activations: tanh, ReLU, leaky ReLU and "
              "linear (id(z) = z)", 1, "tanh"),
        Entry("f′(z), σ′(z)", "the slope (derivative) of f or σ at z: how fast it rises there",
              2, "f′(z)"),
        Entry("|z|", "the size of z, without its sign", 2),
        Entry("max(0, z)", "the larger of 0 and z", 2),
        Entry("4.54e−05", "4.54 × 10⁻⁵ = 0.0000454: how the labs write very small and very "
              "large numbers", 2),
    )),
    ("Softmax", (
        Entry("z₁, z₂, …", "logits: one weighted sum per class", 3, "z₁…z₄"),
        Entry("pᵢ", "the probability softmax gives class i", 3),
        Entry("Σⱼ", "add up one term for every class j", 3),
        Entry("T", "the temperature, which divides every logit", 3, "temperature** T"),
        Entry("m", "the largest logit, max z", 3, "logit m"),
    )),
    ("Cost and gradient descent", (
        Entry("y", "the target: the output a should give", 4, "target y"),
        Entry("C", "the cost: how wrong the outputs are, averaged over the examples", 4,
              "**cost** C"),
        Entry("n", "the number of examples", 4, "n examples"),
        Entry("ln", "the natural logarithm, the inverse of eˣ: ln(eᶻ) = z", 4),
        Entry("ε", "a small positive constant that keeps a calculation finite: cross-entropy "
              "clips a into [ε, 1 − ε] with ε = 10⁻¹²; batch normalisation adds ε = 10⁻⁵", 4),
        Entry("∂C/∂w", "how fast C changes when w alone changes: a partial derivative", 4),
        Entry("w₀, b₀", "a starting weight and bias, before any training", 4, "w₀"),
        Entry("η", "the learning rate: how far each step goes", 4),
        Entry("∇C", "the gradient: every ∂C/∂w and ∂C/∂b, in a list", 5),
        Entry("θ", "all the parameters (weights and biases) at once", 5),
        Entry("←", "\"becomes\": θ ← θ − η·∇C replaces θ by θ − η·∇C", 5),
    )),
    ("Backpropagation", (
        Entry("p₁, p₂", "the products w₁·x₁ and w₂·x₂: nodes of the graph", 6, "p₁ = w₁·x₁"),
        Entry("s", "the sum p₁ + p₂: a node of the graph", 6, "s  = p₁ + p₂"),
        Entry("h", "the small nudge of a finite difference", 6, "tiny h"),
        Entry("finite Δ", "the finite-difference estimate of a gradient", 6),
    )),
    ("Layers and networks", (
        Entry("sd", "a standard deviation, the spread: how far numbers typically lie from "
              "their mean; sd = √v", 7, "written sd"),
        Entry("v", "a variance: the mean of the squared distances from the mean", 7,
              "**variance** v"),
        Entry("N(0, v)", "the normal distribution (the bell curve) with mean 0 and variance v; "
              "N(0, 1) is the standard one", 7),
        Entry("U(−r, r)", "the uniform distribution: every number between −r and r equally "
              "likely", 7),
        Entry("fan_in, fan_out", "how many inputs each neuron of a layer reads, and how many "
              "neurons the layer has", 7, "fan_in"),
        Entry("L1 … L5", "layers 1 to 5 of the lab's stack", 7, "L1"),
        Entry("W, X, Z", "matrices: the weights (a column per neuron), the inputs (a row per "
              "example) and the weighted sums", 8, "matrix W"),
        Entry("W₁, b₁", "the weights and biases of layer 1 (a capital W numbers layers, a small "
              "w inputs)", 8, "W₁"),
        Entry("γ, β", "batch normalisation's learned scale and shift", 8, "γ"),
        Entry("μ", "a mean: the average of some numbers", 8, "mean μ"),
        Entry("ẑ", "z after batch normalisation", 8),
        Entry("h₁, h₂", "the outputs of the hidden neurons", 9),
    )),
    ("Images and classes", (
        Entry("L2 penalty", "an extra cost on large weights, from the sum of their squares; "
              "this L2 is not chapter 7's layer 2", 10),
        Entry("λ", "the strength of an L2 penalty on large weights", 10),
        Entry("C₀", "the cost before the penalty is added", 10),
        Entry("zₖ, pₖ, bₖ", "the logit, probability and bias of class k", 11, "zₖ"),
        Entry("yₖ", "the one-hot target: 1 for the right class, 0 for the others", 11),
        Entry("p_y", "the probability given to the right class y", 11),
        Entry("W[i, k]", "the entry of matrix W in row i and column k; W[:, k] is all of "
              "column k", 11),
        Entry("N[i, j]", "in the bigram model, how often letter j follows letter i", 12),
        Entry("P[i, j]", "the counting model's probability that letter j follows letter i: "
              "(N[i, j] + 1) / Σⱼ (N[i, j] + 1)", 12),
        Entry("NLL", "the average negative log-likelihood: the mean of −ln p over every "
              "bigram, the cost of chapter 12", 12),
    )),
    ("Reading the symbols", (
        Entry("· and ×", "times", 2, "×"),
        Entry("(0, 1)", "the numbers between 0 and 1, ends left out; [0, 1] keeps them", 1),
        Entry("≈", "approximately equal", 4),
        Entry("∞", "infinity: larger than any number; −∞ is smaller than any", 4, "−∞"),
        Entry("√", "square root", 7),
    )),
)
"""Every symbol, grouped by where the book meets it."""


INTRO = "Every symbol the book uses, and what it means. ↑ ↓ or pgup/pgdn scroll; N or escape closes."


def entry_line(e: Entry) -> Text:
    """One symbol's line: the symbol in bold, its meaning, the chapter that introduces it."""
    return Text.assemble((e.symbol, "bold"), f": {e.meaning} (ch. {e.chapter})")


def notation_page() -> Table:
    """The page as one table: a heading per group, then a bulleted line per symbol, each line
    wrapped with a hanging indent. (One renderable, not a widget per line: Markdown made
    ninety widgets and took over a second to open.)"""
    page = Table.grid(padding=(0, 1), pad_edge=True)
    page.add_column(min_width=1, no_wrap=True)
    page.add_column()
    page.add_row("", Text("Notation", style="bold"))
    page.add_row("", INTRO)
    for title, entries in SECTIONS:
        page.add_row("", "")
        page.add_row("", Text(title, style="bold"))
        for e in entries:
            page.add_row("•", entry_line(e))
    return page


def notation_plain() -> str:
    """Every entry's line as plain text (what a test reads)."""
    return "\n".join(f"{title}\n" + "\n".join(entry_line(e).plain for e in entries)
                     for title, entries in SECTIONS)


class NotationScreen(HelpScreen):
    """Every symbol of the book, in the help screen's scrolling pane (and closed as it is)."""

    BINDINGS = [Binding("N", "close", "Close notation")]

    def __init__(self) -> None:
        super().__init__([])

    def compose(self) -> ComposeResult:
        """The page, in a scrolling pane."""
        with VerticalScroll():
            yield Static(notation_page())
