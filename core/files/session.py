"""Saving and restoring the lab: a versioned JSON session, and a compact state string.

A session holds every state of the undo history, each with its neuron, settings and counters;
datasets are stored once and referred to by index. Floats are written with Python's shortest
round-tripping repr, so a restored state is bit-for-bit the saved one and takes the identical
next step.

Anything read is checked before use. A malformed file or string raises :class:`SessionError`
with a reason; nothing is ever evaluated or unpickled.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import DATASETS, MAX_INPUTS, Dataset
from core.neuron.losses import LOSSES
from core.neuron.neuron import Neuron
from core.neuron.train import MODES, TrainState

FORMAT = "neuron-tui session"
VERSION = 1
STATE_PREFIX = "nt1."
"""State strings start with this, so a wrong or future string is recognised as such."""
MAX_HISTORY = 2000
MAX_EXAMPLES = 100_000
MAX_STRING = 2_000_000
"""Upper bounds on what a file or string may hold, so a hostile one cannot exhaust memory."""


class SessionError(ValueError):
    """A session file or state string that cannot be used, with the reason."""


# ------------------------------------------------------------------ writing

def _dataset_dict(data: Dataset) -> dict[str, Any]:
    return {"name": data.name, "title": data.title, "X": data.X.tolist(), "y": data.y.tolist(),
            "loss": data.loss, "description": data.description, "editable": data.editable}


def _is_builtin(data: Dataset) -> bool:
    ref = DATASETS.get(data.name)
    return (ref is not None and ref.X.shape == data.X.shape and np.array_equal(ref.X, data.X)
            and np.array_equal(ref.y, data.y))


def _state_dict(state: TrainState, dataset: int) -> dict[str, Any]:
    n = state.neuron
    return {"dataset": dataset, "w": n.w.tolist(), "b": n.b, "activation": n.activation.name,
            "loss": state.loss.name, "lr": state.lr, "mode": state.mode, "seed": state.seed,
            "steps": state.steps, "example": state.example, "action": state.action}


def _dumps(obj: Any) -> str:
    try:
        return json.dumps(obj, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        raise SessionError("the state holds a value that is not a finite number") from None


def history_document(states: list, form: str, version: int, data_dict: Callable[[Any], dict],
                     state_dict: Callable[[Any, int], dict]) -> str:
    """States (oldest first) as a versioned session document: each state's data (``.data``)
    stored once, however many states share it, and referred to by its index."""
    datasets: list = []
    entries = []
    for s in states:
        index = next((i for i, d in enumerate(datasets) if d is s.data), None)
        if index is None:
            datasets.append(s.data)
            index = len(datasets) - 1
        entries.append(state_dict(s, index))
    return _dumps({"format": form, "version": version,
                   "datasets": [data_dict(d) for d in datasets], "history": entries})


def session_json(states: list[TrainState]) -> str:
    """The history ``states`` (oldest first, current last) as a session document."""
    return history_document(states, FORMAT, VERSION, _dataset_dict, _state_dict)


def state_string(state: TrainState) -> str:
    """A compact, copyable string for one state; built-in datasets go by name only."""
    data = {"name": state.data.name} if _is_builtin(state.data) else _dataset_dict(state.data)
    return pack({"data": data, "state": _state_dict(state, 0)}, STATE_PREFIX)


# ------------------------------------------------------------------ reading

@dataclass(frozen=True)
class _Reader:
    """Checks one JSON object's fields, naming the place in any complaint."""

    obj: Any
    where: str

    def __post_init__(self) -> None:
        if not isinstance(self.obj, dict):
            raise SessionError(f"{self.where}: expected an object")

    def get(self, key: str, kind: type | tuple[type, ...]) -> Any:
        """The value at ``key``, which must be of ``kind`` (true/false is never a number)."""
        if key not in self.obj:
            raise SessionError(f"{self.where}: '{key}' is missing")
        value = self.obj[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise SessionError(f"{self.where}: '{key}' has the wrong type")
        return value

    def number(self, key: str) -> float:
        """A finite number."""
        value = float(self.get(key, (int, float)))
        if not math.isfinite(value):
            raise SessionError(f"{self.where}: '{key}' is not finite")
        return value

    def count(self, key: str, limit: int) -> int:
        """A whole number from 0 to ``limit``."""
        value = self.get(key, int)
        if not 0 <= value <= limit:
            raise SessionError(f"{self.where}: '{key}' = {value} is out of range")
        return value

    def choice(self, key: str, options: dict | tuple) -> str:
        """One of ``options`` by name."""
        value = self.get(key, str)
        if value not in options:
            raise SessionError(f"{self.where}: unknown {key} {value!r}")
        return value


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _matrix(values: Any, where: str, rows: bool = False) -> np.ndarray:
    """A list of numbers (or, with ``rows``, a list of equal-length lists of them) as an array."""
    cells = [c for row in values for c in (row if isinstance(row, list) else [row])] if rows else values
    if rows and not all(isinstance(row, list) for row in values):
        raise SessionError(f"{where}: not a table of numbers")
    if not all(_is_number(c) for c in cells):
        raise SessionError(f"{where}: holds something that is not a number")
    if rows and len({len(row) for row in values}) > 1:
        raise SessionError(f"{where}: rows of different lengths")
    array = np.array(values, dtype=float)
    if not np.all(np.isfinite(array)):
        raise SessionError(f"{where}: holds a value that is not finite")
    return array


def _read_dataset(obj: Any, where: str) -> Dataset:
    r = _Reader(obj, where)
    if set(r.obj) == {"name"}:
        return DATASETS[r.choice("name", DATASETS)]
    X, y = _matrix(r.get("X", list), f"{where} X", rows=True), _matrix(r.get("y", list), f"{where} y")
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.size or y.size == 0:
        raise SessionError(f"{where}: X must be rows of equal length, one target per row")
    if y.size > MAX_EXAMPLES or not 1 <= X.shape[1] <= MAX_INPUTS:
        raise SessionError(f"{where}: at most {MAX_EXAMPLES} rows and 1 to {MAX_INPUTS} inputs")
    return Dataset(r.get("name", str)[:80], r.get("title", str)[:80], X, y,
                   r.choice("loss", LOSSES), r.get("description", str)[:2000],
                   bool(r.get("editable", bool)))


def _read_state(obj: Any, where: str, datasets: list[Dataset]) -> TrainState:
    r = _Reader(obj, where)
    data = datasets[r.count("dataset", len(datasets) - 1)]
    w = _matrix(r.get("w", list), f"{where} w")
    if w.shape != (data.n_inputs,):
        raise SessionError(f"{where}: w has {w.size} weights for {data.n_inputs} inputs")
    lr = r.number("lr")
    if not 0 < lr <= 1e3:
        raise SessionError(f"{where}: lr = {lr} is out of range")
    neuron = Neuron(w=w, b=r.number("b"), activation=ACTIVATIONS[r.choice("activation", ACTIVATIONS)])
    return TrainState(neuron=neuron, data=data, loss=LOSSES[r.choice("loss", LOSSES)], lr=lr,
                      mode=r.choice("mode", MODES), seed=r.count("seed", 2**32 - 1),
                      steps=r.count("steps", 10**12), example=r.count("example", data.n_examples - 1),
                      action=r.get("action", str)[:80])


def _no_constant(name: str) -> Any:
    raise SessionError(f"'{name}' is not a finite number")


def _loads(text: str) -> Any:
    if len(text) > MAX_STRING * 10:
        raise SessionError("too large to be a session")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise SessionError(f"not valid JSON ({error.msg}, line {error.lineno})") from None
    except RecursionError:
        raise SessionError("nested too deeply") from None


def read_session(text: str) -> list[TrainState]:
    """The history saved by :func:`session_json`, oldest first; SessionError if unusable."""
    r = _Reader(_loads(text), "session")
    if r.obj.get("format") != FORMAT:
        raise SessionError("not a neuron-tui session file")
    version = r.get("version", int)
    if version != VERSION:
        raise SessionError(f"session version {version}; this neuron-tui reads version {VERSION}")
    raw_sets = r.get("datasets", list)
    raw_history = r.get("history", list)
    if not 1 <= len(raw_history) <= MAX_HISTORY or not 1 <= len(raw_sets) <= MAX_HISTORY:
        raise SessionError(f"session: needs 1 to {MAX_HISTORY} states and datasets")
    datasets = [_read_dataset(d, f"dataset {i + 1}") for i, d in enumerate(raw_sets)]
    return [_read_state(s, f"state {i + 1}", datasets) for i, s in enumerate(raw_history)]


def read_state_string(text: str) -> TrainState:
    """The state packed by :func:`state_string`; SessionError if unusable."""
    r = _Reader(_loads(unpack(text, STATE_PREFIX)), "state string")
    return _read_state(r.get("state", dict), "state string",
                       [_read_dataset(r.get("data", dict), "state string data")])


def pack(obj: Any, prefix: str) -> str:
    """``obj`` as JSON, compressed and written in base64url after ``prefix``: one copyable line."""
    raw = _dumps(obj).encode("utf-8")
    return prefix + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def unpack(text: str, prefix: str) -> str:
    """The JSON text packed by :func:`pack`, unpacked within bounded memory; SessionError if
    ``text`` is not such a line."""
    text = text.strip()
    if not text.startswith(prefix):
        raise SessionError(f"a state string starts with '{prefix}'")
    body = text[len(prefix):]
    if len(body) > MAX_STRING:
        raise SessionError("state string too long")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_STRING * 10)
        if inflater.unconsumed_tail:
            raise SessionError("state string unpacks to too much data")
    except (ValueError, zlib.error):
        raise SessionError("state string is damaged (not valid base64 and zlib)") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionError("state string is damaged (not UTF-8)") from None
