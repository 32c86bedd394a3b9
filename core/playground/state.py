"""The playground as immutable snapshots: data, settings and network, an epoch at a time.

Every change (an epoch, a new setting, a reshaped network, new data) returns a new
:class:`PlayState` and leaves the old one as it was, so undo is returning to it. A change of
setting never resets the network: it keeps every weight the new shape still has.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from core.data.planar import SHAPES, PlanarData, generate
from core.neuron.activations import ACTIVATIONS
from core.neuron.train import PARAM_LIMIT
from core.playground.features import feature_matrix
from core.playground.heads import HEADS, heads_for
from core.playground.network import (LayerMap, PlayNet, Rules, forward, mean_loss, new_net,
                                     outputs, penalty, remap, train_epoch)
from core.playground.settings import Settings


@dataclass(frozen=True, eq=False)
class PlayState:
    """The playground at one moment.

    Attributes:
        settings: every setting.
        data: the points, split into training and test points.
        net: the network's parameters.
        epoch: passes over the training points so far.
        action: what made this state, for messages ("epoch", "η 0.1", …).
    """

    settings: Settings
    data: PlanarData
    net: PlayNet
    epoch: int = 0
    action: str = "start"

    @cached_property
    def rules(self) -> Rules:
        """Activation, head, loss and penalty, as the network computes with them."""
        s = self.settings
        return Rules(ACTIVATIONS[s.activation], HEADS[s.output], s.loss, s.reg, s.rate)

    def features(self, which: str) -> tuple[np.ndarray, np.ndarray]:
        """The active features and the labels of the ``"train"`` or ``"test"`` points."""
        points, labels = self.data.part(which)
        return feature_matrix(points, self.settings.features), labels

    @cached_property
    def train_loss(self) -> float:
        """Mean loss over the training points (no penalty), as Playground reports it."""
        return self._loss("train")

    @cached_property
    def test_loss(self) -> float:
        """Mean loss over the test points; nan if there are none."""
        return self._loss("test") if len(self.data.test) else float("nan")

    def _loss(self, which: str) -> float:
        with np.errstate(all="ignore"):
            return mean_loss(self.net, *self.features(which), self.rules)

    @cached_property
    def penalty(self) -> float:
        """λ·Σ|w| or λ·Σ½w²: what regularisation adds to the training loss to be minimised."""
        return penalty(self.net, self.rules)

    def accuracy(self, which: str) -> float:
        """Share of ``which`` points put in their own class; nan for regression or no points."""
        return self._accuracies[which]

    @cached_property
    def _accuracies(self) -> dict[str, float]:
        return {which: self._accuracy(which) for which in ("train", "test")}

    def _accuracy(self, which: str) -> float:
        X, labels = self.features(which)
        if not self.data.classification or not len(labels):
            return float("nan")
        with np.errstate(all="ignore"):
            zs, _ = forward(self.net.W, self.net.b, X, self.rules.activation)
            return float(np.mean(self.rules.head.predict(zs[-1]) == labels))

    def outputs(self, points: np.ndarray) -> list[np.ndarray]:
        """Every neuron's output at each point, in one pass: (n, units) per layer."""
        return outputs(self.net, feature_matrix(points, self.settings.features), self.rules)


@dataclass(frozen=True)
class Diverged:
    """An epoch that was not taken because it left finite numbers behind."""

    reason: str


def start(settings: Settings = Settings(), data: PlanarData | None = None) -> PlayState:
    """A new playground: the data (generated from the settings unless given) and a network
    drawn from the seed."""
    if data is None:
        data = generate(settings.dataset, settings.noise, settings.train_pct, settings.data_seed)
    settings = fit_head(replace(settings, dataset=data.name), data.n_classes)
    sizes = (len(settings.features), *settings.hidden, HEADS[settings.output].units)
    return PlayState(settings, data, new_net(sizes, settings.init, settings.seed))


def fit_head(settings: Settings, n_classes: int) -> Settings:
    """``settings`` with an output head and loss that suit ``n_classes`` (kept if they do)."""
    heads = heads_for(n_classes)
    output = settings.output if settings.output in heads else heads[0]
    losses = HEADS[output].losses
    loss = settings.loss if settings.loss in losses else losses[-1]
    return replace(settings, output=output, loss=loss)


def step(state: PlayState) -> PlayState | Diverged:
    """One epoch, or :class:`Diverged` (with why) if it would leave a number that is not finite
    or a parameter past ±10⁶; the state is then kept as it was."""
    s = state.settings
    X, labels = state.features("train")
    net = train_epoch(state.net, X, labels, state.rules, s.lr, s.batch)
    after = replace(state, net=net, epoch=state.epoch + 1, action="epoch")
    big = net.largest()
    if not np.isfinite(big):
        return Diverged("a weight overflowed")
    if big > PARAM_LIMIT:
        return Diverged(f"a parameter reached {big:.3g}, past ±10⁶")
    if not np.isfinite(after.train_loss) or not np.isfinite(after.penalty):
        return Diverged("the loss overflowed")
    return after


def stop_reason(state: PlayState) -> str | None:
    """Why a run should pause here (the loss to stop at was reached), or None."""
    s = state.settings
    test = state.test_loss
    if s.stop_loss and state.train_loss <= s.stop_loss and not test > s.stop_loss:
        return f"loss at or below {s.stop_loss:g}"
    return None


def reset(state: PlayState, **changes: object) -> PlayState:
    """The network drawn again from the seed (after ``changes`` to init or seed), epoch 0."""
    settings = replace(state.settings, **changes)
    sizes = state.net.sizes
    return PlayState(settings, state.data, new_net(sizes, settings.init, settings.seed), 0,
                     "reset")


def with_settings(state: PlayState, action: str, **changes: object) -> PlayState:
    """The same network and data under changed settings that shape neither (η, λ, loss, …)."""
    return replace(state, settings=replace(state.settings, **changes), action=action)


def with_data(state: PlayState, data: PlanarData, action: str) -> PlayState:
    """Train on ``data`` from here, keeping the network (its output layer reshaped if the kind
    of problem changed)."""
    settings = fit_head(replace(state.settings, dataset=data.name, noise=data.noise,
                                train_pct=data.train_pct, data_seed=data.seed), data.n_classes)
    return _reshaped(replace(state, data=data, action=action), settings, None, None)


def regenerate(state: PlayState, action: str, **changes: object) -> PlayState:
    """New points after a change of dataset, noise, training share or data seed.

    Generated data is drawn again; fixed points (your CSV) are only split again.
    """
    s = replace(state.settings, **changes)
    if s.dataset in SHAPES:
        data = generate(s.dataset, s.noise, s.train_pct, s.data_seed)
    else:
        data = state.data.resplit(s.train_pct, s.data_seed)
    return with_data(replace(state, settings=s), data, action)


def with_output(state: PlayState, output: str, action: str) -> PlayState:
    """Another output head of the same kind (tanh ↔ sigmoid), the loss kept if it suits."""
    return _reshaped(replace(state, action=action),
                     fit_head(replace(state.settings, output=output), state.data.n_classes),
                     None, None)


def with_features(state: PlayState, features: tuple[str, ...], action: str) -> PlayState:
    """Other inputs: weights from inputs still there are kept, new inputs get new weights."""
    old = state.settings.features
    inputs = LayerMap(0, tuple(old.index(f) if f in old else None for f in features))
    return _reshaped(replace(state, action=action), replace(state.settings, features=features),
                     inputs, None)


def with_hidden(state: PlayState, hidden: tuple[int, ...], layers: list[LayerMap],
                action: str) -> PlayState:
    """Other hidden layers; ``layers`` says where each new hidden layer comes from."""
    return _reshaped(replace(state, action=action), replace(state.settings, hidden=hidden),
                     None, layers)


def _reshaped(state: PlayState, settings: Settings, inputs: LayerMap | None,
              hidden: list[LayerMap] | None) -> PlayState:
    old = state.net.sizes
    units = HEADS[settings.output].units
    if inputs is None:
        inputs = LayerMap(0, tuple(range(old[0])))
    if hidden is None:
        hidden = [LayerMap(i + 1, tuple(range(n))) for i, n in enumerate(old[1:-1])]
    out = LayerMap(len(old) - 1, tuple(j if j < old[-1] and units == old[-1] else None
                                       for j in range(units)))
    layers = [inputs, *hidden, out]
    if [len(m.units) for m in layers] == list(old) and all(
            m.old == i and m.units == tuple(range(len(m.units))) for i, m in enumerate(layers)):
        net = state.net
    else:
        net = remap(state.net, layers, settings.init, settings.seed)
    return replace(state, settings=settings, net=net)
