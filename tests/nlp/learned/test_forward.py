"""The encoder's numpy pass for prediction computes thinc's vectors."""

from __future__ import annotations

import numpy
import pytest
from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import fix_random_seed

from sayso.nlp.learned.features import pair_features
from sayso.nlp.learned.forward import EncoderForward, Tok2VecForward
from sayso.nlp.learned.model import AttributionNet, Settings
from sayso.nlp.matrices import PREDICTION, computing_with
from tests.nlp.learned.test_learned import featured

OTHER = (
    "Die/ART Ministerin/NN erklärte/VVFIN ,/$, man/PIS werde/VAFIN/K1 prüfen/VVINF ./$."
)


def _docs():
    """Two docs of different lengths, with language-layer vectors that vary."""
    rng = numpy.random.default_rng(3)
    docs = [featured()[0], featured(OTHER)[0]]
    for doc in docs:
        doc.tensor = rng.normal(size=(len(doc), 128)).astype("float32")
    return docs


def _net(settings: Settings) -> AttributionNet:
    """A network whose every encoder weight (norms included) has a value."""
    fix_random_seed(0)
    with computing_with(PREDICTION):
        net = AttributionNet(settings)
        net.initialize(_docs())
    rng = numpy.random.default_rng(1)
    # every weight gets a value (softmax layers and norms start at 0 and 1)
    for node in [*net.encoder.walk(), *net.role_head.walk()]:
        for name in node.param_names:
            if node.has_param(name):
                shape = node.get_param(name).shape
                node.set_param(name, rng.normal(size=shape).astype("float32"))
    return net


@pytest.mark.parametrize("depth", [1, 3])
def test_the_numpy_pass_computes_thincs_vectors(depth) -> None:
    settings = Settings(
        width=32, embed_width=16, depth=depth, hidden=16, embed_rows=(50, 20, 30, 10)
    )
    net = _net(settings)
    docs = _docs()
    with computing_with(PREDICTION):
        expected = net.encode(docs)
    got = EncoderForward(net.encoder)(docs)
    assert [v.shape for v in got] == [(len(doc), 32) for doc in docs]
    for mine, thincs in zip(got, expected, strict=True):
        numpy.testing.assert_allclose(mine, thincs, rtol=1e-4, atol=1e-4)
    # the docs do not leak into each other: one doc alone gives its own vectors
    alone = EncoderForward(net.encoder)(docs[1:])
    numpy.testing.assert_allclose(alone[0], got[1], rtol=1e-5, atol=1e-5)


def test_the_numpy_pass_embeds_every_attribute_the_network_was_built_with() -> None:
    """Tags and morphology embedded beside the word forms (``embed_attrs``)."""
    settings = Settings(
        width=32,
        embed_width=16,
        depth=1,
        hidden=16,
        embed_attrs=("NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "MORPH"),
        embed_rows=(50, 20, 30, 10, 20, 40),
    )
    net = _net(settings)
    docs = _docs()
    with computing_with(PREDICTION):
        expected = net.encode(docs)
    got = EncoderForward(net.encoder)(docs)
    for mine, thincs in zip(got, expected, strict=True):
        numpy.testing.assert_allclose(mine, thincs, rtol=1e-4, atol=1e-4)
    # the tag table is read: another tag for one word changes its vector
    docs[0][1].tag_ = "XY"
    changed = EncoderForward(net.encoder)(docs)[0]
    assert not numpy.allclose(changed[1], got[0][1])


def test_settings_saved_before_embed_attrs_read_as_the_four_word_attributes() -> None:
    saved = {"width": 32, "embed_rows": [50, 20, 30, 10]}
    settings = Settings.from_saved(saved)
    assert settings.embed_attrs == ("NORM", "PREFIX", "SUFFIX", "SHAPE")
    assert settings.embed_rows == (50, 20, 30, 10)
    again = Settings.from_saved(dict(Settings(embed_attrs=("NORM",)).__dict__))
    assert again.embed_attrs == ("NORM",)


def test_the_numpy_pass_reads_the_weights_on_every_call() -> None:
    net = _net(Settings(width=32, embed_width=16, depth=1, hidden=16))
    forward = EncoderForward(net.encoder)
    docs = _docs()
    before = forward(docs)[0].copy()
    norm = next(n for n in net.encoder.walk() if n.name == "layernorm")
    norm.set_param("b", norm.get_param("b") + 1.0)
    assert not numpy.allclose(forward(docs)[0], before)


def test_a_network_set_to_the_numpy_pass_encodes_with_it() -> None:
    net = _net(Settings(width=32, embed_width=16, depth=2, hidden=16))
    docs = _docs()
    with computing_with(PREDICTION):
        thincs = net.encode(docs)
    net.predict_with_numpy()
    assert net._forward is not None
    for mine, expected in zip(net.encode(docs), thincs, strict=True):
        numpy.testing.assert_allclose(mine, expected, rtol=1e-4, atol=1e-4)


def test_no_docs_no_vectors() -> None:
    net = _net(Settings(width=32, embed_width=16, depth=1, hidden=16))
    assert EncoderForward(net.encoder)([]) == []


@pytest.mark.parametrize("context", [0, 1, 2])
def test_the_numpy_role_head_computes_thincs_probabilities(context) -> None:
    settings = Settings(
        width=32, embed_width=16, depth=1, hidden=16, role_context=context
    )
    net = _net(settings)
    docs = _docs()
    doc, features = featured()
    windows = []
    for anchor in (next(t.i for t in doc if t.text == "sagte"), 1):
        start, end = features.window(anchor)
        windows.append(
            (anchor, start, end, pair_features(features, anchor, start, end))
        )
    with computing_with(PREDICTION):
        encoded = net.encode(docs)[0]
        expected = net.roles(encoded, windows)
    net.predict_with_numpy()
    got = net.roles(encoded, windows)
    assert [p.shape for p in got] == [p.shape for p in expected]
    for mine, thincs in zip(got, expected, strict=True):
        numpy.testing.assert_allclose(mine, thincs, rtol=1e-4, atol=1e-5)
        numpy.testing.assert_allclose(mine.sum(axis=1), 1.0, rtol=1e-5)


def _tok2vec(depth: int, window_size: int):
    """A spaCy ``Tok2Vec.v2`` model (the language layer's architecture) with
    every weight set, over two docs of different lengths and an empty one."""
    from spacy.ml.models.tok2vec import build_Tok2Vec_model

    fix_random_seed(0)
    with computing_with(PREDICTION):
        model = build_Tok2Vec_model(
            MultiHashEmbed(
                width=24,
                attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                rows=[50, 20, 30, 10],
                include_static_vectors=False,
            ),
            MaxoutWindowEncoder(
                width=24, window_size=window_size, maxout_pieces=3, depth=depth
            ),
        )
        docs = [*_docs(), Doc(Vocab(), words=[])]
        model.initialize(X=docs[:2])
    rng = numpy.random.default_rng(2)
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                shape = node.get_param(name).shape
                node.set_param(name, rng.normal(size=shape).astype("float32"))
    return model, docs


@pytest.mark.parametrize(("depth", "window_size"), [(1, 1), (3, 1), (2, 2)])
def test_the_token_vector_pass_computes_thincs_vectors(depth, window_size) -> None:
    model, docs = _tok2vec(depth, window_size)
    with computing_with(PREDICTION):
        expected = model.predict(docs)
    got = Tok2VecForward(model)(docs)
    assert [v.shape for v in got] == [(len(doc), 24) for doc in docs]
    for mine, thincs in zip(got, expected, strict=True):
        numpy.testing.assert_allclose(mine, thincs, rtol=1e-4, atol=1e-4)
    # one doc alone gives its own vectors; no tokens at all, no rows
    alone = Tok2VecForward(model)(docs[1:2])
    numpy.testing.assert_allclose(alone[0], got[1], rtol=1e-5, atol=1e-5)
    assert [v.shape for v in Tok2VecForward(model)(docs[2:])] == [(0, 24)]


def test_the_token_vector_pass_refuses_another_architecture() -> None:
    net = _net(Settings(width=32, embed_width=16, depth=1, hidden=16))
    with pytest.raises(ValueError, match="not a hash-embedding window encoder"):
        Tok2VecForward(net.encoder)  # three parts, not embed and window
    with pytest.raises(ValueError, match="not a hash-embedding window encoder"):
        Tok2VecForward(net.anchor_head)
