"""The networks' forward passes for prediction, in plain numpy.

thinc's layers compute what training needs as well: each Maxout keeps its
argmax for the backward pass, LayerNorm computes the mean twice (once inside
the variance), and every step allocates its own arrays. Prediction needs
none of it. :class:`EncoderForward` (the encoder built by
:func:`sayso.nlp.learned.model.build_encoder`) and :class:`RoleForward`
(the role head's context layers and softmax) read a network's weights and
compute thinc's numbers (the same statements and confidences on the news
and SpkAtt dev texts; ``tests/nlp/learned/test_forward.py`` holds them to
float32 rounding) with the same matrix products and less work around them:
the parliament path about a tenth faster (``docs/accuracy.md``, Speed).
:class:`Tok2VecForward` does the same for the language layer's shared token
vectors (spaCy's ``Tok2Vec.v2`` of the same building blocks), which
:func:`sayso.nlp.language.load_pipeline` installs for prediction.

The weights are read on every call, so the passes follow a network whose
weights change; prediction uses them, training keeps thinc's pass, whose
numbers the shipped weights and their decoding were chosen with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import numpy
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

Array = numpy.ndarray[Any, Any]
_OPS = NumpyOps()
_LAYERNORM_EPSILON = 1e-08  # thinc's LayerNorm


class EncoderForward:
    """The prediction pass of one encoder (see the module's docstring)."""

    def __init__(self, encoder: Model[Any, Any]) -> None:
        joined, mix, window = encoder.layers
        self._doc_arrays, embed = joined.layers
        self._embed = _HashEmbedForward(embed)
        self._mix = _maxout_and_norm(mix)
        self._window = _WindowForward(window)

    def __call__(self, docs: list[Doc]) -> list[Array]:
        """Token vectors, one array per doc (as ``encoder.predict(docs)``)."""
        if not docs:
            return []
        given = numpy.concatenate(self._doc_arrays.predict(docs))
        mixed = _apply(self._mix, numpy.hstack([given, self._embed(docs)]))
        return self._window(mixed, [len(doc) for doc in docs])


class Tok2VecForward:
    """The prediction pass of a spaCy ``Tok2Vec.v2`` model built of a
    ``MultiHashEmbed`` and a ``MaxoutWindowEncoder`` (the language layer's
    shared token vectors): the same vectors as ``model.predict(docs)`` to
    float32 rounding, in less time.

    Raises ``ValueError`` for a model of another architecture."""

    def __init__(self, model: Model[Any, Any]) -> None:
        try:
            embed, window = model.layers
            self._embed = _HashEmbedForward(embed)
            self._window = _WindowForward(window)
        except (ValueError, KeyError, IndexError, AttributeError) as err:
            raise ValueError(
                f"not a hash-embedding window encoder: {model.name}"
            ) from err
        self._width = int(model.get_dim("nO"))

    def __call__(self, docs: Iterable[Doc]) -> list[Array]:
        """Token vectors, one array per doc (as ``model.predict(docs)``)."""
        docs = list(docs)
        lengths = [len(doc) for doc in docs]
        if not sum(lengths):
            return [numpy.zeros((0, self._width), "float32") for _ in docs]
        return self._window(self._embed(docs), lengths)


class _HashEmbedForward:
    """spaCy's ``MultiHashEmbed`` without static vectors: the hashed tables
    of the token attributes, summed per row, then a Maxout with LayerNorm."""

    def __init__(self, embed: Model[Any, Any]) -> None:
        self._features = embed.layers[0]
        if self._features.name != "extract_features":
            raise ValueError(f"no feature extractor in {embed.name}")
        tables = [node for node in embed.walk() if node.name == "hashembed"]
        if not tables:
            raise ValueError(f"no hash tables in {embed.name}")
        self._tables = sorted(tables, key=lambda node: int(node.attrs["column"]))
        self._mix = _maxout_and_norm(embed.layers[3])

    def __call__(self, docs: list[Doc]) -> Array:
        """The rows of all docs, one after the other."""
        ids = numpy.concatenate(self._features.predict(docs))
        embedded = numpy.hstack(
            [
                _OPS.gather_add(
                    table.get_param("E"),
                    _OPS.hash(
                        numpy.ascontiguousarray(ids[:, int(table.attrs["column"])]),
                        int(table.attrs["seed"]),
                    )
                    % table.get_param("E").shape[0],
                )
                for table in self._tables
            ]
        )
        return _apply(self._mix, embedded)


class _WindowForward:
    """A ``MaxoutWindowEncoder``: residual window layers over each doc's rows."""

    def __init__(self, window: Model[Any, Any]) -> None:
        self._pad = int(window.attrs["pad"])
        residuals = _residuals(window)
        self._layers = [_maxout_and_norm(layer) for layer in residuals]
        self._sizes = [_window_size(layer) for layer in residuals]

    def __call__(self, rows: Array, lengths: list[int]) -> list[Array]:
        flat = _padded(rows, lengths, self._pad)
        for layer, size in zip(self._layers, self._sizes, strict=True):
            flat += _apply(layer, _OPS.seq2col(flat, size))
        return _unpadded(flat, lengths, self._pad)


def _window_size(layer: Model[Any, Any]) -> int:
    """How many neighbours on each side a residual window layer reads."""
    windows = [node for node in layer.walk() if node.name == "expand_window"]
    if len(windows) != 1:
        raise ValueError(f"no single window in {layer.name}")
    return int(windows[0].attrs["window_size"])


def _residuals(window: Model[Any, Any]) -> list[Model[Any, Any]]:
    """The residual window layers of a ``MaxoutWindowEncoder``, in order."""
    found = [
        node
        for node in window.walk()
        if node.name.startswith("residual(") and ">>residual(" not in node.name
    ]
    if not found:
        raise ValueError(f"no residual layers in {window.name}")
    return found


def _maxout_and_norm(layer: Model[Any, Any]) -> tuple[Model[Any, Any], Model[Any, Any]]:
    nodes = {node.name: node for node in layer.walk()}
    return nodes["maxout"], nodes["layernorm"]


def _apply(layer: tuple[Model[Any, Any], Model[Any, Any]], inputs: Array) -> Array:
    """Maxout, then LayerNorm."""
    maxout, norm = layer
    weights, bias = by_piece(maxout)
    products = inputs.astype("float32", copy=False) @ weights.T
    products += bias
    return best_piece_normed(products, maxout.get_dim("nO"), norm)


def by_piece(maxout: Model[Any, Any]) -> tuple[Array, Array]:
    """A Maxout layer's weights (pieces × outputs, inputs) and bias, grouped
    piece by piece, so that the maximum is taken over whole blocks of columns
    (thinc interleaves the pieces of each output)."""
    weights = numpy.asarray(maxout.get_param("W"))  # (out, pieces, in)
    n_out, n_pieces, n_in = weights.shape
    grouped = weights.transpose(1, 0, 2).reshape(n_pieces * n_out, n_in)
    bias = numpy.asarray(maxout.get_param("b")).T.reshape(n_pieces * n_out)
    return grouped, bias


def best_piece_normed(products: Array, n_out: int, norm: Model[Any, Any]) -> Array:
    """The best piece of each output (``products`` as :func:`by_piece` groups
    them), then ``norm``'s LayerNorm."""
    best = products[:, :n_out]
    for at in range(n_out, products.shape[1], n_out):
        numpy.maximum(best, products[:, at : at + n_out], out=best)
    centred = best - best.mean(axis=1, keepdims=True)
    scale = numpy.mean(centred * centred, axis=1, keepdims=True)
    scale += _LAYERNORM_EPSILON
    centred *= scale**-0.5
    centred *= norm.get_param("G")
    centred += norm.get_param("b")
    return cast(Array, centred)


class RoleForward:
    """The role head's layers after the first, for prediction: the
    convolution layers along each anchor's window, then the softmax."""

    def __init__(self, role_head: Model[Any, Any]) -> None:
        *_, last = role_head.layers
        self._context = [_maxout_and_norm(layer) for layer in _residuals(role_head)]
        self._softmax = next(n for n in last.walk() if n.name == "softmax")

    def __call__(self, hidden: Array, sizes: list[int]) -> Array:
        """Role probabilities for the first layer's output ``hidden``, whose rows
        are the anchors' windows one after the other (``sizes`` long)."""
        lengths = numpy.asarray(sizes, dtype="int32")
        rows = numpy.ascontiguousarray(hidden, dtype="float32")
        for layer in self._context:
            rows = rows + _apply(layer, _OPS.seq2col(rows, 1, lengths=lengths))
        scores = rows @ numpy.asarray(self._softmax.get_param("W")).T
        scores += self._softmax.get_param("b")
        scores -= scores.max(axis=1, keepdims=True)
        numpy.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return cast(Array, scores)


def _padded(rows: Array, lengths: list[int], pad: int) -> Array:
    """The docs' rows one after the other, ``pad`` zero rows around each (as
    thinc's ``with_array(..., pad=)`` lays them out)."""
    out = numpy.zeros((len(rows) + pad * (len(lengths) + 1), rows.shape[1]), "float32")
    start = 0
    at = pad
    for length in lengths:
        out[at : at + length] = rows[start : start + length]
        start += length
        at += length + pad
    return out


def _unpadded(flat: Array, lengths: list[int], pad: int) -> list[Array]:
    out = []
    at = pad
    for length in lengths:
        out.append(flat[at : at + length])
        at += length + pad
    return out
