"""Playground sessions and state strings: exact round trips, and junk refused with a reason."""

import json

import numpy as np
import pytest

from core.data.planar import fixed
from core.files.playground_session import (read_session, read_state_string, session_json,
                                           state_string)
from core.files.session import SessionError
from core.playground.settings import Settings
from core.playground.state import regenerate, start, step, with_features


def history():
    a = start(Settings(reg="l2", rate=0.01))
    b = step(a)
    c = with_features(b, ("x1", "x2", "x1x2"), "x₁x₂ on")
    mine = fixed("csv:mine", "mine", [[0, 0], [1, 2], [3, 1], [2, 2], [5, 5]], [0, 1, 1, 0, 1], 2,
                 60, 4)
    from core.playground.state import with_data
    return [a, b, c, step(with_data(c, mine, "csv")), regenerate(c, "d", dataset="spiral3")]


def same(x, y):
    assert x.settings == y.settings and x.epoch == y.epoch and x.action == y.action
    assert np.array_equal(x.net.params, y.net.params)
    assert np.array_equal(x.data.points, y.data.points) and np.array_equal(x.data.train, y.data.train)
    assert np.array_equal(step(x).net.params, step(y).net.params)  # the same next epoch


def test_a_session_restores_every_state_exactly():
    states = history()
    for x, y in zip(states, read_session(session_json(states))):
        same(x, y)


def test_a_state_string_restores_one_state():
    for state in history():
        text = state_string(state)
        assert text.startswith("pg1.") and len(text) < 3000
        same(state, read_state_string(text))


def doc(**edit):
    """An edit of a good session: ``history__0__epoch=-1`` sets d["history"][0]["epoch"]."""
    def make():
        d = json.loads(session_json(history()[:2]))
        for path, value in edit.items():
            target = d
            keys = [int(k) if k.isdigit() else k for k in path.split("__")]
            for k in keys[:-1]:
                target = target[k]
            target[keys[-1]] = value
        return json.dumps(d)
    return make


@pytest.mark.parametrize("text, why", [
    ("{", "not valid JSON"),
    ('{"format": "neuron-tui session", "version": 1}', "not a neuron-tui playground session"),
    (doc(version=2), "version 2"),
    (doc(history=[]), "needs 1 to"),
    (doc(history__0__settings__lr=1e9), "'lr' = 1e+09 is out of range"),
    (doc(history__0__settings__lr=True), "'lr' has the wrong type"),
    (doc(history__0__settings__batch=2.5), "out of range"),
    (doc(history__0__settings__hidden=[4, 9]), "1 to 8"),
    (doc(history__0__settings__hidden=[1] * 7), "at most 6"),
    (doc(history__0__settings__features=[]), "features"),
    (doc(history__0__settings__features=["x2", "x1"]), "in order"),
    (doc(history__0__settings__output="softmax"), "unknown output"),
    (doc(history__0__settings__activation="swish"), "unknown activation"),
    (doc(history__0__W=[[[0.1]]]), "do not fit a 2-4-2-1 network"),
    (doc(history__0__b__0=[0.1, 0.1, 0.1, "x"]), "not a number"),
    (doc(history__0__dataset=3), "out of range"),
    (doc(datasets__0__name="moon-landing"), "points"),
    (doc(datasets__0__noise=80), "'noise' = 80 is out of range"),
    (doc(history__0__epoch=-1), "out of range"),
    ('{"format": "neuron-tui playground", "version": 1, "datasets": [{}], "history": [1]}',
     "'name' is missing"),
    ("[" * 100000 + "]" * 100000, "nested too deeply"),
])
def test_a_broken_session_is_refused_with_a_reason(text, why):
    with pytest.raises(SessionError) as refused:
        read_session(text() if callable(text) else text)
    assert why in str(refused.value)


def test_broken_points_of_your_own_are_refused():
    states = history()
    d = json.loads(session_json(states))
    mine = next(x for x in d["datasets"] if x["name"] == "csv:mine")
    for key, value, why in [("labels", [0, 1, 1, 0, 7], "classes 0 to 1"),
                            ("train", [0, 1, 2], "each point once"),
                            ("train", [0, 1, 9], "indices"),
                            ("points", [[0, 0]] * 5001, "1 to 5000 points"),
                            ("domain", [1, 0, 0, 1], "domain")]:
        bad = json.loads(json.dumps(d))
        next(x for x in bad["datasets"] if x["name"] == "csv:mine")[key] = value
        with pytest.raises(SessionError) as refused:
            read_session(json.dumps(bad))
        assert why in str(refused.value), (key, str(refused.value))
    assert mine["labels"] == [0, 1, 1, 0, 1]


@pytest.mark.parametrize("text", ["nt1.abc", "pg1.!!!", "pg1." + "A" * 3_000_000, "pg1.eJwLAAAAAAE"])
def test_broken_state_strings_are_refused(text):
    with pytest.raises(SessionError):
        read_state_string(text)


@pytest.mark.parametrize("change,says", [
    (lambda d, mine: mine.update(points=[[1e300, 0]] + mine["points"][1:]), "x₁ = 1e+300"),
    (lambda d, mine: mine.update(domain=[-1e308, 1e308, 0, 1]), "domain"),
    (lambda d, mine: mine.update(n_classes=0, labels=[0, 1, 1, 0, -5e6]), "label = -5e+06"),
    (lambda d, mine: d["history"][0]["W"][0][0].__setitem__(0, 1e300), "W = 1e+300"),
    (lambda d, mine: d["history"][-1]["b"][-1].__setitem__(0, -2e6), "b = -2e+06"),
], ids=["a point at 1e300", "a domain of ±1e308", "a label of -5e6", "a weight of 1e300",
        "a bias of -2e6"])
def test_numbers_the_playground_never_holds_are_refused_by_name(change, says):
    """Your points and labels lie within ±10⁶ as a CSV's must, the map's domain within
    ±2·10⁶ (the frame round such points), and no weight or bias past ±10⁶, where training
    stops: a domain of ±1e308 crashed the map, a weight of 1e300 was accepted."""
    d = json.loads(session_json(history()))
    change(d, next(x for x in d["datasets"] if x["name"] == "csv:mine"))
    with pytest.raises(SessionError) as refused:
        read_session(json.dumps(d))
    assert says in str(refused.value)
