"""What every exercise must satisfy, checked over many lab states by the chapters' tests.

A chapter's test makes random labs and gives, for each number exercise, the answer worked out
independently (plain NumPy or the core, never the exercise's own code). These helpers then check
the exercise against it: the reference answer is accepted, answers just outside the stated
tolerance are refused, every equation of the working holds with its printed digits, the hint is
the working's first step and gives no answer away, and the answer varies with the lab.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from tests.tui.printed_math import check
from tui.book.exercise import Challenge, ChoiceExercise, ConceptCheck, NumberExercise
from tui.values.numbers import fmt

OUTSIDE = 1.02
"""An answer this many margins away from the truth must be refused."""
STATES = 100
"""Random lab states each number exercise is checked over."""


def exercise(chapter: int, key: str) -> Any:
    """Chapter ``chapter``'s exercise (or challenge) ``key``."""
    from tui.book.chapter import CHAPTERS

    return next(e for e in CHAPTERS[chapter - 1].exercises if e.id == key)


def check_number(ex: NumberExercise, labs: Iterable[Any],
                 reference: Callable[[Any], float]) -> None:
    """``ex`` agrees with ``reference`` on every lab, within exactly its stated tolerance."""
    values = set()
    for lab in labs:
        true = reference(lab)
        right, solution = ex.judge(lab, true)
        assert right, f"{ex.id}: the reference answer {true!r} was refused ({solution.value!r})"
        assert ex.judge(lab, float(ex.tolerance.rounded(true).replace("−", "-")))[0], ex.id
        margin = ex.tolerance.margin(true)
        if margin:
            for wrong in (true + OUTSIDE * margin, true - OUTSIDE * margin):
                assert not ex.judge(lab, wrong)[0], f"{ex.id}: {wrong!r} accepted for {true!r}"
        check_working(ex.id, solution.working, (ex.tolerance.rounded(true), fmt(true)))
        assert ex.hint(lab) == solution.working[0]
        values.add(ex.tolerance.rounded(true))
    assert len(values) > 1, f"{ex.id}: the same answer in every state"


def check_working(name: str, working: tuple[str, ...], answers: tuple[str, ...] = ()) -> None:
    """Every equation holds; the hint (the first step) states none of ``answers``, and a number
    exercise's working (``answers`` given) has at least one equation the checker could test."""
    assert working, f"{name}: no working"
    report = check("\n".join(working).splitlines())
    assert not report.failures, f"{name}: {report.failures}"
    assert report.tested or not answers, f"{name}: no equation could be checked in {working}"
    for answer in answers:
        assert not re.search(rf"=\s*{re.escape(answer)}(?![0-9.])", working[0]), \
            f"{name}: the hint gives {answer} away: {working[0]}"


def check_choice(ex: ChoiceExercise, labs: Iterable[Any], reference: Callable[[Any], int]) -> None:
    """``ex`` picks the option ``reference`` picks, with a working that holds, and its answer
    is not the same in every state (else it must be a ConceptCheck)."""
    answers = set()
    for lab in labs:
        verdict = ex.check(lab)
        assert verdict.answer == reference(lab), f"{ex.id}: {verdict}"
        check_working(ex.id, verdict.working)
        answers.add(verdict.answer)
    assert len(answers) > 1, f"{ex.id}: the same answer in every state: a concept check?"


def check_concept(ex: ConceptCheck) -> None:
    """A concept check has a valid answer and a working that holds."""
    assert 0 <= ex.answer < len(ex.options)
    check_working(ex.id, ex.working)


def check_challenge(ch: Challenge, start: Any, solve: Callable[[Any], None]) -> None:
    """The lab's start does not meet ``ch``; after the scripted ``solve`` it does."""
    before = ch.score(start)
    assert not before.met, f"{ch.id}: met at the start"
    check_working(ch.id, before.lines)
    solve(start)
    after = ch.score(start)
    assert after.met, f"{ch.id}: the scripted solution fails: {after.lines}"
    check_working(ch.id, after.lines)
