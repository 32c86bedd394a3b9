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
import binascii
import json
import math
import re
import zlib
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import DATASETS, MAX_INPUTS, Dataset
from core.neuron.losses import LOSSES
from core.neuron.neuron import Neuron
from core.neuron.ranges import LEARNING_RATES, PROBABILITY, SEEDS, STEP_REACH, VALUE_LIMIT
from core.neuron.train import MODES, TrainState
from core.files.reading import JSONRefused, parse_json, shorten

FORMAT = "neuron-tui session"
VERSION = 1
STATE_PREFIX = "nt1."
"""State strings start with this, so a wrong or future string is recognised as such."""
MAX_HISTORY = 2000
MAX_EXAMPLES = 100_000
"""Most states, and most rows of data in all, a session holds."""
MAX_STRING = 2_000_000
"""Most characters in a state string (whitespace aside)."""
MAX_SESSION_BYTES = 25_000_000
"""Most bytes of JSON in a session or a state string: a history holding one dataset of
MAX_EXAMPLES rows of nine numbers, each in full precision, takes about 23 MB."""
MAX_CONTAINERS = 250_000
"""Most lists and objects in a session: a lab session needs one per row of data and a few per
state and dataset (about 110,000 at most), a playground session up to about 140,000."""
MAX_VALUES = 2_000_000
"""Most values in a session (about a million at most in a lab session). With the containers,
what parsing may build stays near 100 MB, whatever the text holds."""


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
    stored once, however many states share it, and referred to by its index.

    SessionError if it would be larger than a session file that is read back.
    """
    datasets: list = []
    entries = []
    for s in states:
        index = next((i for i, d in enumerate(datasets) if d is s.data), None)
        if index is None:
            datasets.append(s.data)
            index = len(datasets) - 1
        entries.append(state_dict(s, index))
    text = _dumps({"format": form, "version": version,
                   "datasets": [data_dict(d) for d in datasets], "history": entries})
    _check_size(len(text.encode("utf-8")), "the session")
    return text


def session_json(states: list[TrainState]) -> str:
    """The history ``states`` (oldest first, current last) as a session document.

    SessionError if it would be more than :func:`read_session` reads back.
    """
    rows = sum(d.n_examples for d in {id(s.data): s.data for s in states}.values())
    if rows > MAX_EXAMPLES:
        raise SessionError(f"the undo history holds {rows:,} rows of data in all; a session "
                           f"holds at most {MAX_EXAMPLES:,}")
    return history_document(states, FORMAT, VERSION, _dataset_dict, _state_dict)


def state_string(state: TrainState) -> str:
    """A compact, copyable string for one state; built-in datasets go by name only.

    SessionError if it would be more than :func:`read_state_string` reads back.
    """
    data = {"name": state.data.name} if _is_builtin(state.data) else _dataset_dict(state.data)
    return pack({"data": data, "state": _state_dict(state, 0)}, STATE_PREFIX)


def _check_size(size: int, what: str) -> None:
    if size > MAX_SESSION_BYTES:
        raise SessionError(f"{what} would take {size:,} bytes, more than the "
                           f"{MAX_SESSION_BYTES:,} read back")


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
            raise SessionError(f"{self.where}: '{shorten(key)}' is missing")
        value = self.obj[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise SessionError(f"{self.where}: '{key}' has the wrong type")
        return value

    def number(self, key: str, name: str | None = None, lo: float = -math.inf,
               hi: float = math.inf) -> float:
        """A finite number, from ``lo`` to ``hi`` if given: the range of the field ``name``."""
        value = float(self.get(key, (int, float)))
        if not math.isfinite(value):
            raise SessionError(f"{self.where}: '{key}' is not finite")
        _within(value, lo, hi, self.where, name or key)
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
            raise SessionError(f"{self.where}: unknown {key} {shorten(value)!r}")
        return value


def _within(value: float, lo: float, hi: float, where: str, name: str,
            reach: float | None = None, owner: str = "lab") -> None:
    """Refuse ``value`` outside [lo, hi], the ``owner``'s range for the field ``name`` (or, for
    a parameter a diverging step may have carried past it, outside ±``reach``)."""
    if (lo <= value <= hi) or (reach is not None and abs(value) <= reach):
        return
    beyond = f" (after a step that diverged, up to ±{reach:g})" if reach is not None else ""
    raise SessionError(f"{where}: {name} = {value:.6g} is out of range: the {owner}'s {name} "
                       f"takes {lo:g} to {hi:g}{beyond}")


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _matrix(values: list, where: str, rows: bool = False) -> np.ndarray:
    """A list of numbers (or, with ``rows``, a list of equal-length lists of them) as an array."""
    if rows:
        if not all(type(row) is list for row in values):
            raise SessionError(f"{where}: not a table of numbers")
        if len({len(row) for row in values}) > 1:
            raise SessionError(f"{where}: rows of different lengths")
        kinds = {type(c) for row in values for c in row}
    else:
        kinds = {type(c) for c in values}
    if not kinds <= {int, float}:  # type(), not isinstance(): true and false are not numbers
        raise SessionError(f"{where}: holds something that is not a number")
    array = np.array(values, dtype=float)
    if not np.all(np.isfinite(array)):
        raise SessionError(f"{where}: holds a value that is not finite")
    return array


def _check_values(array: np.ndarray, lo: float, hi: float, where: str, name: str,
                  owner: str = "lab") -> None:
    """Refuse the first entry of ``array`` outside [lo, hi], naming its field."""
    bad = np.argwhere((array < lo) | (array > hi))
    if bad.size:
        place = tuple(int(i) for i in bad[0])
        label = name + (_sub(place[-1] + 1) if array.ndim == 2 else "")
        row = f", example {place[0] + 1}" if array.size > 1 else ""
        _within(float(array[place]), lo, hi, f"{where}{row}", label, owner=owner)


def _read_dataset(obj: Any, where: str) -> Dataset:
    r = _Reader(obj, where)
    if set(r.obj) == {"name"}:
        return DATASETS[r.choice("name", DATASETS)]
    X, y = _matrix(r.get("X", list), f"{where} X", rows=True), _matrix(r.get("y", list), f"{where} y")
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.size or y.size == 0:
        raise SessionError(f"{where}: X must be rows of equal length, one target per row")
    if y.size > MAX_EXAMPLES or not 1 <= X.shape[1] <= MAX_INPUTS:
        raise SessionError(f"{where}: at most {MAX_EXAMPLES} rows and 1 to {MAX_INPUTS} inputs")
    loss = r.choice("loss", LOSSES)
    _check_values(X, -VALUE_LIMIT, VALUE_LIMIT, where, "x")
    _check_values(y, *(PROBABILITY if loss == "bce" else (-VALUE_LIMIT, VALUE_LIMIT)), where, "y")
    return Dataset(r.get("name", str)[:80], r.get("title", str)[:80], X, y, loss,
                   r.get("description", str)[:2000], bool(r.get("editable", bool)))


def _read_state(obj: Any, where: str, datasets: list[Dataset]) -> TrainState:
    r = _Reader(obj, where)
    data = datasets[r.count("dataset", len(datasets) - 1)]
    w = _matrix(r.get("w", list), f"{where} w")
    if w.shape != (data.n_inputs,):
        raise SessionError(f"{where}: w has {w.size} weights for {data.n_inputs} inputs")
    for i, value in enumerate(w):
        _within(float(value), -VALUE_LIMIT, VALUE_LIMIT, where, f"w{_sub(i + 1)}", STEP_REACH)
    b = float(r.get("b", (int, float)))
    if not math.isfinite(b):
        raise SessionError(f"{where}: 'b' is not finite")
    _within(b, -VALUE_LIMIT, VALUE_LIMIT, where, "b", STEP_REACH)
    lr = r.number("lr", "η", *LEARNING_RATES)
    loss = LOSSES[r.choice("loss", LOSSES)]
    if loss.name == "bce":  # the target field takes [0, 1] under cross-entropy
        _check_values(data.y, *PROBABILITY, f"{where} (cross-entropy)", "y")
    neuron = Neuron(w=w, b=b, activation=ACTIVATIONS[r.choice("activation", ACTIVATIONS)])
    return TrainState(neuron=neuron, data=data, loss=loss, lr=lr,
                      mode=r.choice("mode", MODES), seed=r.count("seed", SEEDS[1]),
                      steps=r.count("steps", 10**12), example=r.count("example", data.n_examples - 1),
                      action=r.get("action", str)[:80])


def _loads(text: str) -> Any:
    if len(text) > MAX_SESSION_BYTES:
        raise SessionError(f"{len(text):,} characters, more than the {MAX_SESSION_BYTES:,} read")
    try:
        return parse_json(text, MAX_CONTAINERS, MAX_VALUES)
    except JSONRefused as why:
        raise SessionError(str(why)) from None


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
    rows = sum(d.n_examples for d in datasets)
    if rows > MAX_EXAMPLES:
        raise SessionError(f"session: {rows:,} rows of data in all, more than {MAX_EXAMPLES:,}")
    return [_read_state(s, f"state {i + 1}", datasets) for i, s in enumerate(raw_history)]


_PACKED = re.compile(r"[A-Za-z0-9_-]*={0,2}")
"""What follows the prefix: base64url, with or without its padding."""


def read_state_string(text: str) -> TrainState:
    """The state packed by :func:`state_string`; SessionError if unusable."""
    r = _Reader(_loads(unpack(text, STATE_PREFIX)), "state string")
    return _read_state(r.get("state", dict), "state string",
                       [_read_dataset(r.get("data", dict), "state string data")])


def pack(obj: Any, prefix: str) -> str:
    """``obj`` as JSON, compressed and written in base64url after ``prefix``: one copyable line.

    SessionError if it would be more than :func:`unpack` reads back.
    """
    raw = _dumps(obj).encode("utf-8")
    _check_size(len(raw), "a state string of this data")
    body = base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")
    if len(body) > MAX_STRING:
        raise SessionError(f"a state string of this data would take {len(body):,} characters, "
                           f"more than the {MAX_STRING:,} read back: save a session instead")
    return prefix + body


def unpack(text: str, prefix: str) -> str:
    """The JSON text packed by :func:`pack`, unpacked within bounded memory; SessionError if
    ``text`` is not such a line.

    Whitespace anywhere is ignored (a string copied off the screen may be broken across
    lines); any other character that is not part of the code is refused.
    """
    if len(text) > 2 * MAX_STRING:
        raise SessionError("state string too long")
    text = "".join(text.split())
    if not text.startswith(prefix):
        raise SessionError(f"a state string starts with '{prefix}'")
    body = text[len(prefix):]
    if len(body) > MAX_STRING:
        raise SessionError("state string too long")
    if not _PACKED.fullmatch(body):
        bad = next(c for c in body.rstrip("=") if not (c.isascii() and (c.isalnum() or c in "-_")))
        raise SessionError(f"state string is damaged: {shorten(bad)!r} is not part of one")
    try:
        return _inflate(body.rstrip("=")).decode("utf-8")
    except UnicodeDecodeError:
        raise SessionError("state string is damaged (not UTF-8)") from None


def _inflate(body: str) -> bytes:
    """The bytes zlib packed into the base64url ``body``; SessionError if damaged or too large."""
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_SESSION_BYTES)
    except (binascii.Error, zlib.error):
        raise SessionError("state string is damaged (not valid base64 and zlib)") from None
    if inflater.unconsumed_tail:
        raise SessionError(f"state string unpacks to too much data (more than "
                           f"{MAX_SESSION_BYTES:,} bytes)")
    if not inflater.eof:
        raise SessionError("state string is damaged: it ends before its data does")
    if inflater.unused_data:
        raise SessionError(f"state string is damaged: {len(inflater.unused_data)} bytes "
                           "follow its data")
    return raw
