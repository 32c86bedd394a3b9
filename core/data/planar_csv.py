"""Your own points for the playground: a CSV file of x₁, x₂ and a label.

The file is read as the lab reads one (core/data/csvdata.py: a header row, numbers only, every
problem named by line and column), then held to the playground's shape: two input columns.
Labels that are all 0 or 1, or all −1 or 1 (Playground's), make two classes; 0, 1 and 2 make
three; any other numbers are a regression target.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.data.csvdata import CSVError, load_csv, short_name
from core.data.planar import MAX_POINTS, PlanarData, fixed


def classes_of(labels: np.ndarray) -> tuple[np.ndarray, int]:
    """The labels as class indices and how many classes, or as they are and 0 (regression)."""
    values = set(np.unique(labels).tolist())
    if values <= {0.0, 1.0}:
        return labels, 2
    if values <= {-1.0, 1.0}:
        return (labels + 1) / 2, 2
    if values <= {0.0, 1.0, 2.0}:
        return labels, 3
    return labels, 0


def read_points(path: Path, train_pct: float = 50.0, seed: int = 0) -> PlanarData:
    """The points in the CSV file at ``path``, split by ``train_pct`` and ``seed``; CSVError
    with the place if the file cannot be used."""
    data, _ = load_csv(path)
    n, inputs = data.X.shape
    if inputs != 2:
        raise CSVError(f"line 1: {inputs} input column{'s' if inputs != 1 else ''}; the "
                       "playground takes two (x₁, x₂) and then the label")
    if n > MAX_POINTS:
        raise CSVError(f"line {MAX_POINTS + 2}: more than {MAX_POINTS} points")
    labels, n_classes = classes_of(data.y)
    name = Path(path).name
    return fixed(f"csv:{name}"[:80], short_name(name), data.X, labels, n_classes, train_pct, seed)
