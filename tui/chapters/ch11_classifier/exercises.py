"""Chapter 11 exercises (the softmax classifier): questions about the lab, answered by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from core.networks.softmax_classifier import classifier_step
from core.neuron.softmax import softmax
from tui.book.exercise import UP_DOWN_SAME, Exercise, Verdict, direction

if TYPE_CHECKING:
    from tui.chapters.ch11_classifier.lab import ClassifierLab


def _shift_all(lab: ClassifierLab) -> Verdict:
    z = lab.logits
    p, q = softmax(z), softmax(z + 5.0)
    why = (f"softmax(z + 5) gives p = {q[np.argmax(p)]:.4f} for the top digit, as before "
           f"({p[np.argmax(p)]:.4f}): e⁵ multiplies every e^zₖ and cancels in the division.")
    return Verdict(2, why)


def _epoch_accuracy(lab: ClassifierLab) -> Verdict:
    s = lab.current
    later = s
    for _ in range(-(-s.data.y_train.size // s.batch)):
        later = classifier_step(later)
        if later is None:
            return Verdict(1, "the steps diverge: the weights run off.")
    why = f"test accuracy goes from {s.test_accuracy:.1%} to {later.test_accuracy:.1%}."
    return Verdict(direction(s.test_accuracy, later.test_accuracy, 1e-12), why)


EXERCISES = (
    Exercise("shift-logits", lambda lab: "If 5 were added to all ten logits of the image on show, "
             "what would the top probability do?", UP_DOWN_SAME, _shift_all),
    Exercise("epoch", lambda lab: f"After one more epoch with batches of {lab.current.batch}, "
             "what does the test accuracy do?", UP_DOWN_SAME, _epoch_accuracy),
)
