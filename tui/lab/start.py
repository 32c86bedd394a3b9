"""How the lab starts: the default neuron, and sessions read from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from core.neuron.activations import ACTIVATIONS
from core.data.datasets import DATASETS, Dataset
from core.neuron.losses import LOSSES
from core.neuron.train import TrainState, new_state

DEFAULT_LR = 0.5


def default_lab_state(dataset: str | None = None, data: Dataset | None = None,
                      activation: str | None = None, seed: int = 0) -> TrainState:
    """A fresh lab: OR and a sigmoid unless told otherwise, the cost that suits the data."""
    data = data or DATASETS[dataset or "or"]
    act = ACTIVATIONS[activation or "sigmoid"]
    return new_state(data, act, LOSSES[data.loss], lr=DEFAULT_LR, seed=seed)


def read_session_file(path: Path, reader: Callable[[str], list] | None = None) -> list[TrainState]:
    """The states in the session file at ``path``; SessionError naming the file for any
    problem, with the file or in it. UTF-8, with or without a byte-order mark.

    ``reader`` reads the text (the lab's sessions unless given: the playground passes its own).
    """
    from core.files.reading import ReadRefused, read_regular
    from core.files.session import MAX_SESSION_BYTES, SessionError, read_session

    try:
        raw = read_regular(path, MAX_SESSION_BYTES)
    except ReadRefused as why:
        raise SessionError(str(why)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SessionError(f"{path}: not UTF-8 text (byte {error.start})") from None
    del raw  # the text alone from here: a large file is held once, not twice
    try:
        return (reader or read_session)(text)
    except SessionError as error:
        raise SessionError(f"{path}: {error}") from None
