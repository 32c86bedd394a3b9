"""Chapter 12 exercises (the bigram model): worked out by the core from the lab as it is."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from core.networks.bigram import ALPHABET, sample
from tui.book.exercise import (Challenge, ChoiceExercise, ConceptCheck, NumberExercise, Places,
                               Score, Solution, Verdict)
from tui.values.numbers import fmt

if TYPE_CHECKING:
    from tui.chapters.ch12_bigram.lab import BigramLab

GOAL = 0.01


def _uniform(lab: BigramLab) -> Solution:
    return Solution(math.log(27), ("every symbol gets p = 1/27, so each bigram costs −ln(1/27)",
                                   f"−ln(1/27) = ln 27 = {math.log(27):.3f}"))


def _letter(lab: BigramLab) -> str:
    return ALPHABET[lab.letter]


def _second(lab: BigramLab) -> int:
    return int(np.argsort(-lab.current.probs[lab.letter], kind="stable")[1])


def _from_logits(lab: BigramLab) -> Solution:
    W = lab.current.W[lab.letter]
    k = _second(lab)
    e = np.exp(W)
    total = float(e.sum())
    value = float(e[k]) / total
    return Solution(value, (f"p = e^z / Σeᶻ for {ALPHABET[k]} after {_letter(lab)}",
                            f"= {fmt(float(e[k]))} / {fmt(total)} = {fmt(value)}"))


def _smoothed(lab: BigramLab) -> Solution:
    t = lab.counts.table[lab.letter]
    k = int(np.argmax(t))
    n, r = int(t[k]), int(t.sum())
    value = (n + 1) / (r + 27)
    return Solution(value, (f"(N + 1) / (row sum + 27), N = {n}, row sum = {r}",
                            f"({n} + 1) / ({r} + 27) = {value:.4f}"))


def _smoothed_prompt(lab: BigramLab) -> str:
    """Names the commonest next symbol, which after most letters is '.', not a letter."""
    t = lab.counts.table[lab.letter]
    k = int(np.argmax(t))
    after = "the start of a name (.)" if lab.letter == ALPHABET.index(".") else _letter(lab)
    symbol = "the end of a name (.)" if ALPHABET[k] == "." else ALPHABET[k]
    return (f"After {after}, the commonest next symbol is {symbol}: {int(t[k]):,} of the "
            f"{int(t.sum()):,} bigrams that begin with {_letter(lab)}. What is its probability "
            "in the counting model (+1 smoothing)?")


def _same_names(lab: BigramLab) -> Verdict:
    s = lab.current
    net, counts = sample(s.probs, lab.seed), sample(s.names.count_model, lab.seed)
    same = sum(a == b for a, b in zip(net, counts))
    return Verdict(0 if same == len(net) else 1, (f"{same} of {len(net)} names from seed "
                                                  f"{lab.seed} are the same",))


def _close(lab: BigramLab) -> Score:
    s = lab.current
    gap = s.loss - s.names.count_loss
    return Score(gap < GOAL, (f"{s.loss:.4f} − {s.names.count_loss:.4f} = {gap:.4f} "
                              f"(network − counts), want < {GOAL}",))


EXERCISES = (
    NumberExercise("uniform", lambda lab: "(Concept check: the same for every lab.) A model that "
                   "gives all 27 symbols the same probability: what is its average NLL?",
                   _uniform, Places(3)),
    NumberExercise("from-logits", lambda lab: f"After {_letter(lab)}, the layer's logit for "
                   f"{ALPHABET[_second(lab)]} is {fmt(float(lab.current.W[lab.letter, _second(lab)]))} "
                   f"and Σeᶻ = {fmt(float(np.exp(lab.current.W[lab.letter]).sum()))}. What is "
                   "its probability?", _from_logits, Places(3)),
    NumberExercise("smoothed", _smoothed_prompt, _smoothed, Places(3)),
    ConceptCheck("after-q", "Which letter most often follows q in the names? (/ then q shows "
                 "it.)", ("u", "a", "i"), 0,
                 ("/ then q: the counts' column is largest for u",
                  "q is followed by u 53 times, by i once, by a never")),
    ChoiceExercise("same-names", lambda lab: f"Right now, would g (seed {lab.seed}) give ten "
                   "names the same from both models?", ("yes", "no"), _same_names),
    Challenge("close", lambda lab: f"Bring the network's loss within {GOAL} of the counting "
              "model's.", _close, "Steps with η = 50 get there; a larger η may not."),
)
