"""The network: a token encoder, an anchor tagger and an anchor-conditioned role tagger.

- **Encoder**: the language layer's token vectors (``doc.tensor``, frozen),
  hashed embeddings of the word's norm, prefix, suffix and shape, and the
  hand-made token features, mixed by a Maxout layer and a CNN
  (``MaxoutWindowEncoder``) — spaCy's building blocks, CPU-fast.
- **Anchor tagger**: a softmax over :data:`ANCHOR_LABELS` for every token.
- **Role tagger**: for every anchor and every token in its window, a Maxout
  layer over [token vector, anchor vector, pair features], ``role_context``
  convolution layers along the anchor's window (each token sees its
  neighbours' pair vectors, so a role's edges are decided together) and a
  softmax over :data:`ROLE_LABELS`. Any distance is in reach, unlike a
  windowed tagger.

Both heads share the encoder and are trained together. A shipped model is an
:class:`Ensemble`: several trainings of the network (other seeds), whose
probabilities are averaged. Corpora that leave a
role unannotated are trained with *partial labels*: where such a corpus says
``O`` the model is not punished for predicting the unannotated role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

import numpy
from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
from spacy.tokens import Doc
from thinc.api import (
    LSTM,
    Dropout,
    Maxout,
    Model,
    NumpyOps,
    Optimizer,
    Ragged,
    Softmax,
    chain,
    concatenate,
    expand_window,
    residual,
    with_array,
    with_padded,
)
from thinc.types import Floats2d, Ints1d

from sayso.nlp.learned.features import PAIR_FEATURES, TOKEN_FEATURES
from sayso.nlp.learned.forward import (
    EncoderForward,
    RoleForward,
    best_piece_normed,
    by_piece,
)
from sayso.nlp.learned.labels import ANCHOR_LABELS, ROLE_LABELS

FEATURES_KEY = "_sayso_token_features"
#: A 2-d float array (thinc's Floats2d is a numpy array at run time).
Array = numpy.ndarray[Any, Any]
TENSOR_WIDTH = 128
_OPS = NumpyOps()


@dataclass(frozen=True)
class Settings:
    """Sizes of the network (kept in the model file)."""

    width: int = 128
    embed_width: int = 64
    depth: int = 3
    lstm_depth: int = 0
    hidden: int = 128
    dropout: float = 0.1
    anchor_weight: float = 3.0  # anchor labels other than O count this much more
    tensor_width: int = TENSOR_WIDTH
    #: convolution layers along each anchor's window in the role tagger
    #: (0: every token on its own, as models before it was added)
    role_context: int = 1
    #: the token attributes embedded by hashing, and the rows of each table
    embed_attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE")
    embed_rows: tuple[int, ...] = (5000, 1000, 2500, 1000)

    @classmethod
    def from_saved(cls, saved: dict[str, Any]) -> Settings:
        """The settings a model file was written with (a setting added since
        takes the value the older networks were built with)."""
        values = {"role_context": 0, **saved}
        for name in ("embed_rows", "embed_attrs"):
            if name in values:
                values[name] = tuple(values[name])
        return cls(**values)


def _doc_arrays(tensor_width: int) -> Model[list[Doc], list[Floats2d]]:
    """The language layer's vectors and our token features, per doc (no weights)."""

    def forward(
        model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool
    ) -> tuple[list[Floats2d], Callable[[list[Floats2d]], list[Doc]]]:
        out = []
        for doc in docs:
            feats = doc.user_data[FEATURES_KEY]
            tensor = doc.tensor
            if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(doc):
                tensor = numpy.zeros((len(doc), tensor_width), dtype="float32")
            elif tensor.shape[1] != tensor_width:
                fixed = numpy.zeros((len(doc), tensor_width), dtype="float32")
                width = min(tensor_width, tensor.shape[1])
                fixed[:, :width] = tensor[:, :width]
                tensor = fixed
            out.append(cast(Floats2d, numpy.hstack([tensor.astype("float32"), feats])))
        return out, lambda d_out: []

    return Model(
        "sayso_doc_arrays", forward, dims={"nO": tensor_width + TOKEN_FEATURES}
    )


def build_encoder(settings: Settings) -> Model[list[Doc], list[Floats2d]]:
    embed = MultiHashEmbed(
        width=settings.embed_width,
        attrs=list(settings.embed_attrs),
        rows=list(settings.embed_rows),
        include_static_vectors=False,
    )
    mix: Model[list[Floats2d], list[Floats2d]] = with_array(
        Maxout(settings.width, nP=3, normalize=True, dropout=settings.dropout)
    )
    encoder: Model[list[Floats2d], list[Floats2d]] = MaxoutWindowEncoder(
        width=settings.width, window_size=1, maxout_pieces=3, depth=settings.depth
    )
    if settings.lstm_depth:
        # a bidirectional LSTM: every token sees its whole document, so a message
        # far from its cue is still in reach of the role tagger
        lstm: Model[list[Floats2d], list[Floats2d]] = with_padded(
            LSTM(settings.width, settings.width, bi=True, depth=settings.lstm_depth)
        )
        encoder = chain(encoder, lstm)
    joined: Model[list[Doc], list[Floats2d]] = concatenate(
        _doc_arrays(settings.tensor_width), embed
    )
    return cast(Model[list[Doc], list[Floats2d]], chain(joined, mix, encoder))


@dataclass
class Batch:
    """One training or prediction batch: docs, and the anchors whose roles to tag."""

    docs: list[Doc]
    #: per doc: (anchor, window start, window end, pair features)
    anchors: list[list[tuple[int, int, int, Array]]]


class Tagger(Protocol):
    """What decoding needs of a model: a network, or an ensemble of them."""

    def encode(self, docs: list[Doc]) -> list[Array]:
        """Token vectors, one array per doc (opaque to the caller)."""
        ...

    def anchors(self, encoded: Array) -> Array:
        """Anchor label probabilities, one row per token."""
        ...

    def roles(
        self, encoded: Array, anchors: list[tuple[int, int, int, Array]]
    ) -> list[Array]:
        """Role label probabilities for each anchor's window."""
        ...


class AttributionNet:
    """The three parts of the network and their update step."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        s = self.settings
        self.encoder = build_encoder(s)
        self.anchor_head: Model[Floats2d, Floats2d] = Softmax(
            len(ANCHOR_LABELS), s.width
        )
        self.role_head = build_role_head(s)
        # the first role layer's parts, for the factorised prediction (the
        # nodes stay; their weights change in training and are read per call)
        first = {node.name: node for node in self.role_head.layers[0].walk()}
        self._role_maxout, self._role_norm = first["maxout"], first["layernorm"]
        self._forward: EncoderForward | None = None
        self._role_forward: RoleForward | None = None

    def predict_with_numpy(self) -> None:
        """Predict with the numpy passes of :mod:`sayso.nlp.learned.forward`
        from now on: thinc's numbers with OpenBLAS (the prediction library),
        to float32 rounding, in less time."""
        self._forward = EncoderForward(self.encoder)
        if self.settings.role_context:
            self._role_forward = RoleForward(self.role_head)

    def initialize(self, docs: Sequence[Doc]) -> None:
        sample = list(docs[:8])
        self.encoder.initialize(X=sample)
        width = self.settings.width
        self.anchor_head.initialize(
            X=cast(Floats2d, numpy.zeros((2, width), "float32"))
        )
        sample_pairs = numpy.zeros((2, 2 * width + PAIR_FEATURES), "float32")
        self.role_head.initialize(X=_role_input(self.settings, sample_pairs, [2]))

    # -- prediction --------------------------------------------------------------

    def encode(self, docs: list[Doc]) -> list[Array]:
        if self._forward is not None:
            return self._forward(docs)
        return [numpy.asarray(x) for x in self.encoder.predict(docs)]

    def anchors(self, encoded: Array) -> Array:
        """Anchor label probabilities, one row per token."""
        return numpy.asarray(self.anchor_head.predict(cast(Floats2d, encoded)))

    def roles(
        self, encoded: Array, anchors: list[tuple[int, int, int, Array]]
    ) -> list[Array]:
        """Role label probabilities for each anchor's window."""
        if not anchors:
            return []
        sizes = [end - start for _, start, end, _ in anchors]
        hidden = self._first_role_layer(encoded, anchors)
        if self._role_forward is not None:
            return _split(self._role_forward(hidden, sizes), sizes)
        rest: Any = _role_input(self.settings, hidden, sizes)
        for layer in self.role_head.layers[1:]:
            rest = layer.predict(rest)
        return _split(_role_output(rest), sizes)

    def _first_role_layer(
        self, encoded: Array, anchors: list[tuple[int, int, int, Array]]
    ) -> Array:
        """The role head's first Maxout layer, factorised for prediction.

        Its input is [token vector, anchor vector, pair features], so its linear
        part is the sum of three products: the tokens' is computed once per doc,
        the anchor's once per anchor, and only the small pair part per pair
        (the same numbers as the plain layer, in a fraction of the time)."""
        maxout, norm = self._role_maxout, self._role_norm
        n_out, n_pieces = maxout.get_dim("nO"), maxout.get_dim("nP")
        if self._forward is not None:
            weights, bias = by_piece(maxout)
        else:
            weights = numpy.asarray(maxout.get_param("W")).reshape(n_out * n_pieces, -1)
            bias = numpy.asarray(maxout.get_param("b")).reshape(n_out * n_pieces)
        width = self.settings.width
        tokens = numpy.concatenate([numpy.arange(a, b) for _, a, b, _ in anchors])
        owner = numpy.repeat(
            numpy.arange(len(anchors)), [b - a for _, a, b, _ in anchors]
        )
        heads = numpy.asarray([anchor for anchor, _, _, _ in anchors])
        pairs = numpy.vstack([pair for _, _, _, pair in anchors])
        linear = (encoded @ weights[:, :width].T)[tokens]
        linear += (encoded[heads] @ weights[:, width : 2 * width].T)[owner]
        linear += pairs @ weights[:, 2 * width :].T
        linear += bias
        if self._forward is not None:
            return best_piece_normed(linear.astype("float32", copy=False), n_out, norm)
        pieces = linear.astype("float32").reshape(len(linear), n_out, n_pieces)
        best, _ = _OPS.maxout(cast(Any, pieces))
        return numpy.asarray(norm.predict(cast(Floats2d, best)))

    # -- training ------------------------------------------------------------------

    def update(
        self,
        batch: Batch,
        anchor_targets: list[Array],
        role_targets: list[list[Array]],
        optimizer: Optimizer,
        *,
        role_weight: float = 1.0,
    ) -> tuple[float, float]:
        """One step on a batch. Targets are masks of allowed labels (partial labels).

        ``anchor_targets[d]``: (tokens, labels) booleans; ``role_targets[d][k]``:
        (window tokens, labels) booleans for the k-th anchor of doc d.
        Returns the two mean losses.
        """
        encoded, backprop_encoder = self.encoder.begin_update(batch.docs)
        lengths = [len(x) for x in encoded]
        flat: Array = numpy.vstack([numpy.asarray(x) for x in encoded]).astype(
            "float32"
        )
        probs, backprop_anchor = self.anchor_head.begin_update(cast(Floats2d, flat))
        anchor_target = numpy.vstack(anchor_targets)
        d_anchor, anchor_loss = _partial_gradient(numpy.asarray(probs), anchor_target)
        # anchors are rare: weigh the rows that are one
        rows = numpy.where(anchor_target[:, 0], 1.0, self.settings.anchor_weight)
        d_anchor *= rows[:, None].astype("float32")
        d_flat = numpy.asarray(
            backprop_anchor(cast(Floats2d, d_anchor / max(1, len(flat))))
        ).copy()
        all_anchors: list[tuple[int, tuple[int, int, int, Array]]] = []
        offset = 0
        for doc_index, anchors in enumerate(batch.anchors):
            all_anchors.extend((offset, anchor) for anchor in anchors)
            offset += lengths[doc_index]
        role_loss = 0.0
        if all_anchors:
            pairs, index = _pairs_flat(flat, all_anchors)
            sizes = [end - start for _, start, end in index]
            role_probs, backprop_role = self.role_head.begin_update(
                _role_input(self.settings, pairs, sizes)
            )
            role_target = numpy.vstack([t for targets in role_targets for t in targets])
            d_role, role_loss = _partial_gradient(_role_output(role_probs), role_target)
            d_role *= role_weight / max(1, len(pairs))
            d_pairs = backprop_role(_role_input(self.settings, d_role, sizes))
            _scatter(d_flat, _role_output(d_pairs), index, self.settings.width)
        backprop_encoder(cast(list[Floats2d], _split(d_flat, lengths)))
        for part in (self.encoder, self.anchor_head, self.role_head):
            part.finish_update(optimizer)
        return anchor_loss, role_loss

    @contextmanager
    def use_params(self, params: dict[Any, Any] | None) -> Iterator[None]:
        """Predict (and save) with these parameters for a while: the optimizer's
        running averages, which are steadier than the last step's weights."""
        if not params:
            yield
            return
        with (
            self.encoder.use_params(params),
            self.anchor_head.use_params(params),
            self.role_head.use_params(params),
        ):
            yield

    # -- serialisation ----------------------------------------------------------

    def to_bytes(self) -> bytes:
        import srsly

        payload: dict[str, Any] = {
            "settings": self.settings.__dict__,
            "encoder": self.encoder.to_bytes(),
            "anchor_head": self.anchor_head.to_bytes(),
            "role_head": self.role_head.to_bytes(),
        }
        return cast(bytes, srsly.msgpack_dumps(payload))

    @classmethod
    def from_bytes(cls, data: bytes, sample: Sequence[Doc]) -> AttributionNet:
        import srsly

        payload = srsly.msgpack_loads(data)
        # a model written before a setting existed was built without it
        net = cls(Settings.from_saved(payload["settings"]))
        net.initialize(sample)
        net.encoder.from_bytes(payload["encoder"])
        net.anchor_head.from_bytes(payload["anchor_head"])
        net.role_head.from_bytes(payload["role_head"])
        return net


def build_role_head(settings: Settings) -> Model[Any, Any]:
    """Pair vectors to role probabilities; with ``role_context``, over Ragged
    input (one sequence per anchor window, so no window sees another's)."""
    s = settings
    pair_width = 2 * s.width + PAIR_FEATURES
    if not s.role_context:
        return chain(
            Maxout(s.hidden, pair_width, nP=2, normalize=True, dropout=s.dropout),
            Dropout(s.dropout),
            Softmax(len(ROLE_LABELS), s.hidden),
        )
    layers: list[Model[Any, Any]] = [
        with_array(
            Maxout(s.hidden, pair_width, nP=2, normalize=True, dropout=s.dropout)
        )
    ]
    for _ in range(s.role_context):
        conv: Model[Any, Any] = chain(
            expand_window(window_size=1),
            with_array(
                Maxout(s.hidden, 3 * s.hidden, nP=2, normalize=True, dropout=s.dropout)
            ),
        )
        layers.append(residual(conv))
    layers.append(with_array(Softmax(len(ROLE_LABELS), s.hidden)))
    return chain(*layers)


def _role_input(settings: Settings, rows: Array, sizes: list[int]) -> Any:
    """What the role head takes: flat rows, or Ragged windows with context."""
    if not settings.role_context:
        return cast(Floats2d, rows)
    return Ragged(
        cast(Floats2d, numpy.ascontiguousarray(rows, dtype="float32")),
        cast(Ints1d, numpy.asarray(sizes, dtype="int32")),
    )


def _role_output(value: Any) -> Array:
    return numpy.asarray(value.dataXd if isinstance(value, Ragged) else value)


def _partial_gradient(probs: Array, allowed: Array) -> tuple[Array, float]:
    """Gradient (w.r.t. logits) and loss of ``-log sum(p[allowed])`` per row."""
    mass = numpy.maximum((probs * allowed).sum(axis=1, keepdims=True), 1e-8)
    gradient = probs - probs * allowed / mass
    loss = float(-numpy.log(mass).mean()) if len(probs) else 0.0
    return gradient.astype("float32"), loss


def _pair_block(tokens: Array, anchor: Array, pair: Array) -> Array:
    return numpy.hstack([tokens, numpy.repeat(anchor, len(tokens), axis=0), pair])


def _pairs(
    encoded: Array, anchors: list[tuple[int, int, int, Array]]
) -> tuple[Array, list[int]]:
    blocks = [
        _pair_block(encoded[start:end], encoded[anchor : anchor + 1], pair)
        for anchor, start, end, pair in anchors
    ]
    return numpy.vstack(blocks).astype("float32"), [len(b) for b in blocks]


def _pairs_flat(
    flat: Array, anchors: list[tuple[int, tuple[int, int, int, Array]]]
) -> tuple[Array, list[tuple[int, int, int]]]:
    blocks = []
    index = []
    for offset, (anchor, start, end, pair) in anchors:
        a, s, e = offset + anchor, offset + start, offset + end
        blocks.append(_pair_block(flat[s:e], flat[a : a + 1], pair))
        index.append((a, s, e))
    return numpy.vstack(blocks).astype("float32"), index


def _scatter(
    d_flat: Array, d_pairs: Array, index: list[tuple[int, int, int]], width: int
) -> None:
    """Add the pair gradients back onto the token and anchor rows they came from."""
    row = 0
    for anchor, start, end in index:
        block = d_pairs[row : row + end - start]
        d_flat[start:end] += block[:, :width]
        d_flat[anchor] += block[:, width : 2 * width].sum(axis=0)
        row += end - start


def _split(array: Array, sizes: list[int]) -> list[Array]:
    out = []
    start = 0
    for size in sizes:
        out.append(array[start : start + size])
        start += size
    return out


class Ensemble:
    """Several trainings of the network, their probabilities averaged.

    Trainings that differ only in their seed land 0.01–0.03 apart on dev;
    the mean of their probabilities scores above each of them
    (``docs/accuracy.md``). Each member costs its own pass, so an ensemble
    of n predicts at about 1/n of the network's speed (the language layer
    and the rules are shared)."""

    def __init__(self, members: Sequence[AttributionNet]) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one network")
        widths = {net.settings.width for net in members}
        if len(widths) > 1:
            raise ValueError(f"the members' encoders differ in width: {widths}")
        self.members = list(members)

    @property
    def settings(self) -> Settings:
        return self.members[0].settings

    def encode(self, docs: list[Doc]) -> list[Array]:
        """Per doc, the members' token vectors stacked: (members, tokens, width)."""
        per_member = [net.encode(docs) for net in self.members]
        return [numpy.stack(vectors) for vectors in zip(*per_member, strict=True)]

    def anchors(self, encoded: Array) -> Array:
        return _mean(
            [net.anchors(e) for net, e in zip(self.members, encoded, strict=True)]
        )

    def roles(
        self, encoded: Array, anchors: list[tuple[int, int, int, Array]]
    ) -> list[Array]:
        per_member = [
            net.roles(e, anchors) for net, e in zip(self.members, encoded, strict=True)
        ]
        return [_mean(list(probs)) for probs in zip(*per_member, strict=True)]


def _mean(arrays: list[Array]) -> Array:
    """The members' probabilities averaged (one member's as they are)."""
    if len(arrays) == 1:
        return arrays[0]
    return numpy.asarray(numpy.mean(arrays, axis=0), dtype="float32")


def member_file(folder: Path, number: int) -> Path:
    """Where the ``number``-th training (from 1) of an ensemble keeps its weights:
    ``model.bin`` for the first (a model of one training is just that file),
    ``model-2.bin``, ``model-3.bin`` … for the others."""
    return folder / ("model.bin" if number == 1 else f"model-{number}.bin")


def member_files(folder: Path) -> list[Path]:
    """The weight files of the ensemble in ``folder``, in order (none: empty)."""
    files = []
    number = 1
    while (file := member_file(folder, number)).exists():
        files.append(file)
        number += 1
    return files
