"""Sessions and state strings restore the identical state and the identical next step."""

import base64
import json
import zlib

import numpy as np
import pytest

from core.neuron.activations import ACTIVATIONS, TANH
from core.data.datasets import DATASETS, Dataset, get_dataset
from core.neuron.losses import BCE, LOSSES, MSE
from core.files.session import (STATE_PREFIX, SessionError, read_session, read_state_string,
                          session_json, state_string)
from core.neuron.neuron import Neuron
from core.neuron.ranges import LEARNING_RATES, STEP_REACH, VALUE_LIMIT
from core.neuron.train import PARAM_LIMIT, new_state, plan_step, step


def trained(data_name="or", act="sigmoid", loss=BCE, steps=7, seed=3, mode="batch"):
    s = new_state(get_dataset(data_name), ACTIVATIONS[act], loss, 0.7, seed, mode)
    history = [s]
    for _ in range(steps):
        s = step(s)
        history.append(s)
    return history


def same_state(a, b):
    assert np.array_equal(a.neuron.w, b.neuron.w) and a.neuron.b == b.neuron.b
    assert a.neuron.activation is b.neuron.activation and a.loss is b.loss
    assert (a.lr, a.mode, a.seed, a.steps, a.example, a.action) == \
           (b.lr, b.mode, b.seed, b.steps, b.example, b.action)
    assert np.array_equal(a.data.X, b.data.X) and np.array_equal(a.data.y, b.data.y)
    assert a.cost == b.cost  # bit for bit


def same_next_step(a, b):
    pa, pb = plan_step(a), plan_step(b)
    assert np.array_equal(pa.new.w, pb.new.w) and pa.new.b == pb.new.b
    assert np.array_equal(pa.grad, pb.grad)


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("mode", ["batch", "stochastic"])
def test_session_round_trip_is_exact(name, mode):
    history = trained(name, "tanh", MSE, steps=9, mode=mode)
    back = read_session(session_json(history))
    assert len(back) == len(history)
    for a, b in zip(history, back):
        same_state(a, b)
    same_next_step(history[-1], back[-1])
    assert back[0].data is back[-1].data  # one dataset, stored once


def test_state_string_round_trip_is_exact():
    for name in DATASETS:
        s = trained(name, loss=LOSSES[DATASETS[name].loss], steps=5)[-1]
        text = state_string(s)
        assert text.startswith(STATE_PREFIX) and text.isascii() and " " not in text
        back = read_state_string(text)
        same_state(s, back)
        same_next_step(s, back)
        assert back.data is DATASETS[name]  # built-ins go by name


def test_edited_data_travels_with_the_state():
    s = new_state(get_dataset("single"), TANH, MSE, 0.1, 0)
    s = s.edited("edit example", data=s.data.with_example(np.array([0.1 + 0.2, -7e-300]), 0.3))
    back = read_state_string(state_string(s))
    same_state(s, back)
    assert back.data.editable and back.data.X[0, 0] == 0.1 + 0.2


def test_state_strings_are_compact_for_builtin_data():
    assert len(state_string(trained(steps=50)[-1])) < 400


BAD_SESSIONS = {
    "not json": "{",
    "wrong format": json.dumps({"format": "x", "version": 1}),
    "future version": json.dumps({"format": "neuron-tui session", "version": 2}),
    "no history": json.dumps({"format": "neuron-tui session", "version": 1, "datasets": [{"name": "or"}],
                              "history": []}),
    "NaN": '{"format": "neuron-tui session", "version": 1, "datasets": [{"name": "or"}], "history": [NaN]}',
    "deep": "[" * 100000 + "]" * 100000,
}


def _valid():
    return json.loads(session_json(trained(steps=1)))


def _broken(change):
    doc = _valid()
    change(doc)
    return json.dumps(doc)


BAD_SESSIONS.update({
    "unknown activation": _broken(lambda d: d["history"][0].update(activation="swish")),
    "weights of wrong length": _broken(lambda d: d["history"][0].update(w=[1.0])),
    "text weight": _broken(lambda d: d["history"][0].update(w=["1", 2])),
    "bool lr": _broken(lambda d: d["history"][0].update(lr=True)),
    "negative lr": _broken(lambda d: d["history"][0].update(lr=-1)),
    "dataset index out of range": _broken(lambda d: d["history"][0].update(dataset=5)),
    "example out of range": _broken(lambda d: d["history"][0].update(example=4)),
    "missing key": _broken(lambda d: d["history"][0].pop("loss")),
    "ragged X": _broken(lambda d: d["datasets"][0].update(X=[[0, 1], [1]])),
    "huge number": _broken(lambda d: d["history"][0].update(b=1e400)),
    "not an object": "[1, 2]",
})


@pytest.mark.parametrize("kind", list(BAD_SESSIONS))
def test_bad_sessions_are_refused_with_a_reason(kind):
    with pytest.raises(SessionError) as info:
        read_session(BAD_SESSIONS[kind])
    assert str(info.value)


BAD_STATE_STRINGS = ["", "nt1.", "nt1.!!!!", "nt2.abc", "hello",
                     STATE_PREFIX + "eJzLSM3JyQcABiwCFQ",  # zlib("hello")
                     STATE_PREFIX + "A" * 50]
"""Seven kinds of broken state string."""


@pytest.mark.parametrize("text", BAD_STATE_STRINGS)
def test_bad_state_strings_are_refused(text):
    with pytest.raises(SessionError):
        read_state_string(text)


def test_a_zip_bomb_state_string_is_refused_as_one():
    bomb = zlib.compress(b" " * 90_000_000, 9)
    with pytest.raises(SessionError, match="unpacks to too much data"):
        read_state_string(STATE_PREFIX + base64.urlsafe_b64encode(bomb).decode())


def _packed(raw: bytes) -> str:
    return STATE_PREFIX + base64.urlsafe_b64encode(raw).decode().rstrip("=")


LONG_INTEGER = "7" * 4400  # past Python's 4,300-digit limit on reading integers


@pytest.mark.parametrize("kind, text, says", [
    ("4,400-digit integer", BAD_SESSIONS["not an object"].replace("1", LONG_INTEGER), "4,400 digits"),
    ("401-digit count", _broken(lambda d: d["history"][0].update(steps=10**400)), "401 digits"),
    ("b = 1e300", _broken(lambda d: d["history"][0].update(b=1e300)), "b = 1e+300 is out of range"),
    ("w₂ = −1e305", _broken(lambda d: d["history"][0].update(w=[0.0, -1e305])), "w₂ = -1e+305"),
    ("η below its range", _broken(lambda d: d["history"][0].update(lr=1e-9)), "η = 1e-09"),
    ("an input past ±10⁶", _broken(lambda d: d["datasets"].__setitem__(0, dict(
        name="mine", title="mine", X=[[0.0, 2e6]], y=[1.0], loss="mse", description="",
        editable=True))), "x₂ = 2e+06"),
])
def test_hostile_sessions_are_refused_saying_which_number(kind, text, says):
    with pytest.raises(SessionError) as info:
        read_session(text)
    assert says in str(info.value) and len(str(info.value)) < 200


@pytest.mark.parametrize("target", [5.0, -3.0])
def test_a_cross_entropy_target_outside_0_1_is_refused(target):
    single = new_state(get_dataset("single"), TANH, MSE, 0.1, 0)
    s = single.edited("y", data=single.data.with_example(single.data.X[0], target))
    doc = json.loads(session_json([s]))
    doc["history"][0]["loss"] = "bce"  # as no field would allow
    with pytest.raises(SessionError, match=f"cross-entropy.*y = {target:g} is out of range"):
        read_session(json.dumps(doc))
    doc["history"][0]["loss"] = "mse"
    doc["datasets"][0]["loss"] = "bce"
    with pytest.raises(SessionError, match=f"y = {target:g} is out of range"):
        read_session(json.dumps(doc))


def test_a_lab_that_diverged_is_read_back_however_far_the_step_went():
    # The farthest one step reaches from values the fields allow: 8 inputs and a target at
    # ±10⁶, weights and bias at 10⁶, a linear neuron with squared error, η = 1000.
    data = Dataset("mine", "mine", np.full((1, 8), VALUE_LIMIT), np.array([-VALUE_LIMIT]),
                   "mse", "", editable=True)
    start = new_state(data, ACTIVATIONS["linear"], MSE, LEARNING_RATES[1]).edited(
        "edit", neuron=Neuron(np.full(8, VALUE_LIMIT), VALUE_LIMIT, ACTIVATIONS["linear"]))
    far = step(start)
    assert far.diverged and PARAM_LIMIT < np.max(np.abs(far.neuron.params)) < STEP_REACH
    back = read_session(session_json([start, far]))
    same_state(back[-1], far)
    same_state(read_state_string(state_string(far)), far)


@pytest.mark.parametrize("breaks", range(6))
def test_a_state_string_broken_across_lines_reads_the_same(breaks):
    s = trained(steps=3)[-1]
    text = state_string(s)
    cut = [len(text) * (i + 1) // (breaks + 1) for i in range(breaks)]
    wrapped = "".join(text[a:b] + "\n" for a, b in zip([0] + cut, cut)) + text[cut[-1] if cut else 0:]
    assert wrapped.count("\n") == breaks
    same_state(read_state_string(f"  {wrapped}\r\n"), s)


@pytest.mark.parametrize("tail, says", [
    ("%", "'%' is not part of one"), ("!", "'!' is not part of one"),
    ("AAAA", "follow its data"),
])
def test_a_state_string_with_anything_after_it_is_refused(tail, says):
    text = state_string(trained(steps=3)[-1])
    if tail == "AAAA":  # four more characters: three bytes after the zlib stream's end
        raw = base64.urlsafe_b64decode(text[4:] + "=" * (-len(text[4:]) % 4)) + b"xyz"
        text = _packed(raw)
    else:
        text += tail
    with pytest.raises(SessionError, match=says):
        read_state_string(text)


def test_a_state_string_holding_a_4400_digit_integer_is_refused():
    raw = json.dumps({"data": {"name": "or"}, "state": {"dataset": 0}}).replace("0}}", LONG_INTEGER + "}}")
    with pytest.raises(SessionError, match="4,400 digits"):
        read_state_string(_packed(zlib.compress(raw.encode())))


def test_history_csv_has_one_exact_row_per_state():
    import csv
    import io

    from core.files.export import history_csv

    history = trained(steps=4)
    rows = list(csv.DictReader(io.StringIO(history_csv(history))))
    assert len(rows) == 5 and rows[0]["action"] == "start" and rows[-1]["steps"] == "4"
    assert float(rows[-1]["w2"]) == history[-1].neuron.w[1]
    assert float(rows[2]["cost"]) == history[2].cost and float(rows[3]["b"]) == history[3].neuron.b
