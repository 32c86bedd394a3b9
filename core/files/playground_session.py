"""Saving and restoring the playground: a versioned JSON session and a state string.

The pattern is the lab's (core/files/session.py): a session holds every state of the undo
history, datasets stored once and referred to by index; floats round-trip exactly, so a
restored state takes the identical next epoch. Generated data is stored by how it was made
(name, noise, share, seed) and drawn again; your own points are stored whole.

Everything read is checked against the playground's own limits before use; a file or string
that fails gets :class:`SessionError` with the place and the reason, never a traceback.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np

from core.data.planar import MAX_POINTS, SHAPES, PlanarData, generate
from core.files.session import (SessionError, _check_values, _loads, _matrix, _Reader,
                                history_document, pack, unpack)
from core.neuron.ranges import VALUE_LIMIT
from core.neuron.train import PARAM_LIMIT
from core.playground.features import FEATURES, ordered
from core.playground.heads import HEADS, heads_for
from core.playground.network import INITS, REGULARISATIONS, PlayNet
from core.playground.settings import (HIDDEN_ACTIVATIONS, LIMITS, MAX_LAYERS, MAX_NEURONS,
                                      Settings, in_range)
from core.playground.state import PlayState

FORMAT = "neuron-tui playground"
VERSION = 1
PREFIX = "pg1."
"""Playground state strings start with this (the lab's with nt1.)."""
MAX_HISTORY = 2000
DOMAIN_LIMIT = 2 * VALUE_LIMIT
"""The map's corners lie within ±this: the frame round points within ±VALUE_LIMIT (a CSV's
range) reaches at most 1.15 times as far."""


# ------------------------------------------------------------------ writing

def _data_dict(data: PlanarData) -> dict[str, Any]:
    made = {"name": data.name, "noise": data.noise, "train_pct": data.train_pct, "seed": data.seed}
    if data.generated:
        return made
    return made | {"title": data.title, "points": data.points.tolist(),
                   "labels": data.labels.tolist(), "n_classes": data.n_classes,
                   "train": data.train.tolist(), "test": data.test.tolist(),
                   "domain": list(data.domain)}


def _state_dict(state: PlayState, dataset: int) -> dict[str, Any]:
    settings = asdict(state.settings)
    settings["features"], settings["hidden"] = list(settings["features"]), list(settings["hidden"])
    return {"dataset": dataset, "settings": settings, "epoch": state.epoch,
            "action": state.action, "W": [w.tolist() for w in state.net.W],
            "b": [b.tolist() for b in state.net.b]}


def session_json(states: list[PlayState]) -> str:
    """The history ``states`` (oldest first) as a session document."""
    return history_document(states, FORMAT, VERSION, _data_dict, _state_dict)


def state_string(state: PlayState) -> str:
    """One state as a copyable line starting ``pg1.``."""
    return pack({"data": _data_dict(state.data), "state": _state_dict(state, 0)}, PREFIX)


# ------------------------------------------------------------------ reading

def _number(r: _Reader, key: str, setting: str | None = None) -> float:
    """The number at ``key``, within the range of the setting it is (``key`` unless named)."""
    setting = setting or key
    value = r.number(key)
    if not in_range(setting, value):
        raise SessionError(f"{r.where}: '{key}' = {value:g} is out of range")
    return int(value) if LIMITS[setting][2] else value


def _read_data(obj: Any, where: str) -> PlanarData:
    r = _Reader(obj, where)
    name = r.get("name", str)
    noise, pct, seed = _number(r, "noise"), _number(r, "train_pct"), _number(r, "seed", "data_seed")
    if name in SHAPES:
        return generate(name, noise, pct, seed)
    points = _matrix(r.get("points", list), f"{where} points", rows=True)
    labels = _matrix(r.get("labels", list), f"{where} labels")
    n = len(labels)
    if points.shape != (n, 2) or not 1 <= n <= MAX_POINTS:
        raise SessionError(f"{where}: 1 to {MAX_POINTS} points of two coordinates, one label each")
    _check_values(points, -VALUE_LIMIT, VALUE_LIMIT, where, "x", owner="playground")
    _check_values(labels, -VALUE_LIMIT, VALUE_LIMIT, where, "label", owner="playground")
    n_classes = r.get("n_classes", int)
    if n_classes not in (0, 2, 3) or (n_classes and not np.all(np.isin(labels, range(n_classes)))):
        raise SessionError(f"{where}: labels must be classes 0 to {max(n_classes - 1, 1)}")
    train = _indices(r.get("train", list), n, f"{where} train")
    test = _indices(r.get("test", list), n, f"{where} test")
    if sorted(train.tolist() + test.tolist()) != list(range(n)):
        raise SessionError(f"{where}: train and test must hold each point once")
    domain = _matrix(r.get("domain", list), f"{where} domain")
    if domain.shape != (4,) or not (domain[0] < domain[1] and domain[2] < domain[3]) or \
            np.max(np.abs(domain)) > DOMAIN_LIMIT:
        raise SessionError(f"{where}: domain must be x₁ low, x₁ high, x₂ low, x₂ high, each "
                           f"within ±{DOMAIN_LIMIT:g}")
    return PlanarData(name[:80], r.get("title", str)[:80], points, labels, n_classes, train,
                      test, tuple(float(v) for v in domain), 0.0, pct, seed)


def _indices(values: list, n: int, where: str) -> np.ndarray:
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < n for v in values):
        raise SessionError(f"{where}: indices must be whole numbers from 0 to {n - 1}")
    return np.array(values, dtype=int)


def _read_settings(obj: Any, where: str, data: PlanarData) -> Settings:
    r = _Reader(obj, where)
    features = r.get("features", list)
    if not features or not all(isinstance(f, str) and f in FEATURES for f in features) or \
            tuple(features) != ordered(features):
        raise SessionError(f"{where}: features must be some of {', '.join(FEATURES)}, in order")
    hidden = r.get("hidden", list)
    if len(hidden) > MAX_LAYERS or not all(
            isinstance(h, int) and not isinstance(h, bool) and 1 <= h <= MAX_NEURONS for h in hidden):
        raise SessionError(f"{where}: at most {MAX_LAYERS} hidden layers of 1 to {MAX_NEURONS}")
    output = r.choice("output", heads_for(data.n_classes))
    numbers = {key: _number(r, key) for key in LIMITS if key not in ("noise", "train_pct", "data_seed")}
    return Settings(
        dataset=data.name, noise=data.noise, train_pct=data.train_pct, data_seed=data.seed,
        features=tuple(features), hidden=tuple(hidden),
        activation=r.choice("activation", HIDDEN_ACTIVATIONS), output=output,
        loss=r.choice("loss", HEADS[output].losses), reg=r.choice("reg", REGULARISATIONS),
        init=r.choice("init", tuple(INITS)), **numbers)


def _read_state(obj: Any, where: str, datasets: list[PlanarData]) -> PlayState:
    r = _Reader(obj, where)
    data = datasets[r.count("dataset", len(datasets) - 1)]
    settings = _read_settings(r.get("settings", dict), f"{where} settings", data)
    sizes = (len(settings.features), *settings.hidden, HEADS[settings.output].units)
    W = [_matrix(w, f"{where} W", rows=True) for w in r.get("W", list)]
    b = [_matrix(v, f"{where} b") for v in r.get("b", list)]
    shapes = list(zip(sizes[:-1], sizes[1:]))
    if [w.shape for w in W] != shapes or [v.shape for v in b] != [(o,) for _, o in shapes]:
        raise SessionError(f"{where}: the weights do not fit a {'-'.join(map(str, sizes))} network")
    _parameters_within(W, where, "W")
    _parameters_within(b, where, "b")
    return PlayState(settings, data, PlayNet(tuple(W), tuple(b)), r.count("epoch", 10**12),
                     r.get("action", str)[:80])


def _parameters_within(arrays: list[np.ndarray], where: str, name: str) -> None:
    """Refuse a weight or bias past ±PARAM_LIMIT: training stops before one gets there."""
    for layer, array in enumerate(arrays, 1):
        bad = array[np.abs(array) > PARAM_LIMIT]
        if bad.size:
            raise SessionError(f"{where}, layer {layer}: {name} = {float(bad[0]):.6g} is out of "
                               f"range: the playground's weights and biases stay within "
                               f"±{PARAM_LIMIT:g} (training stops there)")


def read_session(text: str) -> list[PlayState]:
    """The history saved by :func:`session_json`, oldest first; SessionError if unusable."""
    r = _Reader(_loads(text), "session")
    if r.obj.get("format") != FORMAT:
        raise SessionError("not a neuron-tui playground session (a lab session opens in the lab)")
    version = r.get("version", int)
    if version != VERSION:
        raise SessionError(f"playground session version {version}; this reads version {VERSION}")
    raw_sets, raw_history = r.get("datasets", list), r.get("history", list)
    if not 1 <= len(raw_history) <= MAX_HISTORY or not 1 <= len(raw_sets) <= 20:
        raise SessionError(f"session: needs 1 to {MAX_HISTORY} states and 1 to 20 datasets")
    datasets = [_read_data(d, f"dataset {i + 1}") for i, d in enumerate(raw_sets)]
    return [_read_state(s, f"state {i + 1}", datasets) for i, s in enumerate(raw_history)]


def read_state_string(text: str) -> PlayState:
    """The state packed by :func:`state_string`; SessionError if unusable."""
    r = _Reader(_loads(unpack(text, PREFIX)), "state string")
    return _read_state(r.get("state", dict), "state string",
                       [_read_data(r.get("data", dict), "state string data")])
