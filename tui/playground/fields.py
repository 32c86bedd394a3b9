"""The playground's number fields: each setting's range, label and what + and − do."""

from __future__ import annotations

from core.playground.settings import LEARNING_RATES, LIMITS, REG_RATES, Settings, next_in
from tui.values.numbers import Bounds
from tui.widgets.number_field import NumberField

STOP_LOSSES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)


def _step(size: float, lo: float, hi: float):
    return lambda value, direction: min(max(value + direction * size, lo), hi)


def _menu(menu: tuple[float, ...]):
    return lambda value, direction: next_in(menu, value, direction)


FIELDS: list[tuple[str, str, object, int]] = [
    # (setting, label, nudge, row)
    ("lr", "η", _menu(LEARNING_RATES), 0),
    ("batch", "batch", _step(1, 0, 30), 0),
    ("rate", "λ", _menu(REG_RATES), 0),
    ("noise", "noise %", _step(5, 0, 50), 1),
    ("train_pct", "train %", _step(10, 10, 100), 1),
    ("stop_loss", "stop ≤", _menu(STOP_LOSSES), 1),
    ("seed", "seed", _step(1, 0, LIMITS["seed"][1]), 2),
    ("data_seed", "data seed", _step(1, 0, LIMITS["data_seed"][1]), 2),
]
"""Every field, in the order tab visits them, and the row it sits in."""


def bounds(setting: str) -> Bounds:
    """The range a field accepts, from the core's limits."""
    lo, hi, whole = LIMITS[setting]
    return Bounds(lo, hi, integer=whole)


class SettingField(NumberField):
    """A number field for one setting. The batch shows 0 as "all" and accepts "all" typed."""

    def __init__(self, setting: str, label: str, value: float, nudge) -> None:
        super().__init__(label, value, bounds(setting), nudge=nudge,
                         digits=3, id=f"pg-{setting.replace('_', '-')}")
        self.setting = setting

    def _text(self) -> str:
        if self.setting == "batch" and self.value == 0:
            return "all"
        return super()._text()

    def submit_text(self, text: str) -> bool:
        """As a number field does; for the batch, "all" (or "full") means every point."""
        if self.setting == "batch" and text.strip().lower() in ("all", "full"):
            text = "0"
        return super().submit_text(text)


def field_value(settings: Settings, setting: str) -> float:
    """The value a field shows for ``settings``."""
    return float(getattr(settings, setting))


def make_fields(settings: Settings) -> list[list[SettingField]]:
    """The fields in their rows, showing ``settings``."""
    rows: list[list[SettingField]] = [[], [], []]
    for setting, label, nudge, row in FIELDS:
        rows[row].append(SettingField(setting, label, field_value(settings, setting), nudge))
    return rows
