"""Chapter 12 exercises (the bigram model): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.networks.bigram import bigram_step, sample
from tui.book.exercise import Exercise, Verdict

if TYPE_CHECKING:
    from tui.chapters.ch12_bigram.lab import BigramLab

AHEAD = 100


def _within(lab: BigramLab) -> Verdict:
    s = lab.current
    for _ in range(AHEAD):
        s = bigram_step(s, grouped=True)
        if s is None:
            return Verdict(1, "the steps diverge: η is too large.")
    gap = s.loss - s.names.count_loss
    why = f"after {AHEAD} more steps the loss is {s.loss:.4f}, {gap:.4f} above the counts'."
    return Verdict(0 if gap < 0.01 else 1, why)


def _same_names(lab: BigramLab) -> Verdict:
    s = lab.current
    net, counts = sample(s.probs, lab.seed), sample(s.names.count_model, lab.seed)
    same = sum(a == b for a, b in zip(net, counts))
    return Verdict(0 if same == len(net) else 1,
                   f"{same} of the {len(net)} names from seed {lab.seed} are the same.")


EXERCISES = (
    Exercise("within", lambda lab: f"After {AHEAD} more steps, will the network's loss be within "
             "0.01 of the counting model's?", ("yes", "no"), _within),
    Exercise("same-names", lambda lab: f"Right now, would g (seed {lab.seed}) give ten names the "
             "same from both models?", ("yes", "no"), _same_names),
)
