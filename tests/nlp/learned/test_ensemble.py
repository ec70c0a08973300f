"""Several trainings of the attribution network, their probabilities averaged."""

from __future__ import annotations

import json

import numpy
import pytest
from thinc.api import fix_random_seed

from sayso.nlp.learned.features import pair_features
from sayso.nlp.learned.model import (
    AttributionNet,
    Ensemble,
    Settings,
    member_file,
    member_files,
)
from tests.conftest import tagged_doc
from tests.nlp.learned.test_learned import SENTENCE, brandt_statement, featured

SMALL = Settings(
    width=32, embed_width=16, depth=1, hidden=16, embed_rows=(50, 20, 30, 10)
)


def _net(seed: int, settings: Settings = SMALL) -> AttributionNet:
    doc, _ = featured()
    fix_random_seed(seed)
    net = AttributionNet(settings)
    net.initialize([doc])
    # softmax layers start at zero: give every weight a value of this seed's
    rng = numpy.random.default_rng(seed)
    for part in (net.anchor_head, net.role_head):
        for node in part.walk():
            for name in node.param_names:
                if node.has_param(name):
                    shape = node.get_param(name).shape
                    node.set_param(name, rng.normal(size=shape).astype("float32"))
    return net


def _window(doc, features):
    anchor = next(t.i for t in doc if t.text == "sagte")
    start, end = features.window(anchor)
    return [(anchor, start, end, pair_features(features, anchor, start, end))]


def test_an_ensemble_of_one_is_its_network() -> None:
    doc, features = featured()
    net = _net(0)
    alone = Ensemble([net])
    windows = _window(doc, features)
    (encoded,) = alone.encode([doc])
    own = net.encode([doc])[0]
    assert numpy.array_equal(alone.anchors(encoded), net.anchors(own))
    assert numpy.array_equal(
        alone.roles(encoded, windows)[0], net.roles(own, windows)[0]
    )


def test_an_ensemble_averages_its_members_probabilities() -> None:
    doc, features = featured()
    first, second = _net(0), _net(1)
    windows = _window(doc, features)
    (encoded,) = Ensemble([first, second]).encode([doc])
    assert encoded.shape == (2, len(doc), SMALL.width)
    ensemble = Ensemble([first, second])
    one, two = (net.encode([doc])[0] for net in (first, second))
    assert not numpy.allclose(first.anchors(one), second.anchors(two))
    numpy.testing.assert_allclose(
        ensemble.anchors(encoded),
        (first.anchors(one) + second.anchors(two)) / 2,
        rtol=1e-6,
    )
    numpy.testing.assert_allclose(
        ensemble.roles(encoded, windows)[0],
        (first.roles(one, windows)[0] + second.roles(two, windows)[0]) / 2,
        rtol=1e-6,
    )
    numpy.testing.assert_allclose(ensemble.anchors(encoded).sum(axis=1), 1.0, rtol=1e-5)


def test_members_must_share_their_width() -> None:
    with pytest.raises(ValueError, match="width"):
        Ensemble([_net(0), _net(1, Settings(width=16, embed_width=8, depth=1))])
    with pytest.raises(ValueError, match="at least one"):
        Ensemble([])


def test_member_files_are_read_in_order_up_to_the_first_gap(tmp_path) -> None:
    assert member_files(tmp_path) == []
    for number in (1, 2, 3, 5):
        member_file(tmp_path, number).write_bytes(b"")
    assert [f.name for f in member_files(tmp_path)] == [
        "model.bin",
        "model-2.bin",
        "model-3.bin",
    ]


def test_a_folder_of_several_trainings_loads_and_annotates(tmp_path) -> None:
    from sayso.nlp.attribution import Attribution
    from sayso.nlp.learned.component import LearnedAttribution

    for number, seed in ((1, 0), (2, 1)):
        member_file(tmp_path, number).write_bytes(_net(seed).to_bytes())
    learned = LearnedAttribution.load(tmp_path, lang="de", domain="parliament")
    assert isinstance(learned.net, Ensemble)
    assert len(learned.net.members) == 2
    component = Attribution("de", model=str(tmp_path), domain="parliament")
    doc = tagged_doc(SENTENCE)
    doc.tensor = numpy.zeros((len(doc), 128), dtype="float32")
    for statement in component(doc)._.statements:
        for span in statement.cue:
            assert doc.text[span.start : span.end] == span.text


def test_members_of_different_widths_are_a_pipeline_error(tmp_path) -> None:
    from sayso.errors import PipelineError
    from sayso.nlp.learned.component import LearnedAttribution

    member_file(tmp_path, 1).write_bytes(_net(0).to_bytes())
    other = Settings(width=16, embed_width=8, depth=1, hidden=8)
    member_file(tmp_path, 2).write_bytes(_net(1, other).to_bytes())
    with pytest.raises(PipelineError, match="width"):
        LearnedAttribution.load(tmp_path, lang="de", domain="parliament")


def _tiny_training(monkeypatch, output, **overrides):
    """``train_attribution`` on two hand-tagged speeches (no corpora needed)."""
    from sayso.nlp.learned.examples import make_example
    from sayso.training import attribution as training

    text = tagged_doc(SENTENCE).text
    gold = brandt_statement(text)

    def nlp(_: str):
        return tagged_doc(SENTENCE)

    corpus = training.Corpus("parliament", [(text, [gold])], [(text, [gold])])
    examples = [make_example(nlp, text, [gold], "parliament")]  # type: ignore[arg-type]
    monkeypatch.setattr(training, "read_corpora", lambda *a: [corpus])
    monkeypatch.setattr(
        training, "build_examples", lambda *a, **k: (examples, examples)
    )
    # the statement scores need the SpkAtt reader; a fixed score keeps epoch 1
    monkeypatch.setattr(
        training, "statement_figures", lambda *a, **k: {"parliament_roles": 0.5}
    )
    settings = training.AttributionSettings(
        output=output,
        epochs=2,
        licenses="permissive",
        net=Settings(width=32, embed_width=16, depth=1, hidden=16),
        **overrides,
    )
    return training.train_attribution(settings)


def test_training_writes_one_weight_file_per_seed(monkeypatch, tmp_path) -> None:
    stale = member_file(tmp_path / "a", 3)
    stale.parent.mkdir()
    stale.write_bytes(b"an earlier, larger ensemble")
    result = _tiny_training(monkeypatch, tmp_path / "a", members=2)
    assert [f.name for f in member_files(tmp_path / "a")] == [
        "model.bin",
        "model-2.bin",
    ]
    assert not stale.exists()
    record = json.loads((tmp_path / "a" / "training.json").read_text())
    assert [m["seed"] for m in record["members"]] == [0, 1]
    assert [m["seed"] for m in result.members] == [0, 1]
    # each training's figures are recorded once, in its own entry
    assert not {"best_epoch", "dev", "history"} & set(record)
    from sayso.training.attribution import recorded_result

    recorded = recorded_result(tmp_path / "a")
    assert recorded is not None
    assert recorded[0].history == record["members"][0]["history"]
    assert recorded[0].best_epoch == record["members"][0]["best_epoch"]
    first, second = (f.read_bytes() for f in member_files(tmp_path / "a"))
    assert first != second
    # each member is what a training with its seed alone writes, byte for byte
    _tiny_training(monkeypatch, tmp_path / "b", members=1, seed=1)
    assert member_file(tmp_path / "b", 1).read_bytes() == second
    assert json.loads((tmp_path / "a" / "decode.json").read_text())["parliament"]


def test_training_needs_one_member_at_least(monkeypatch, tmp_path) -> None:
    from sayso.errors import ConfigError

    with pytest.raises(ConfigError, match="members"):
        _tiny_training(monkeypatch, tmp_path, members=0)


def test_a_domain_decoded_by_the_rules_alone_reads_no_weights(tmp_path) -> None:
    from sayso.errors import PipelineError
    from sayso.nlp.learned.component import LearnedAttribution

    member_file(tmp_path, 1).write_bytes(b"weights that were never read")
    decoding = {
        "parliament": {"prefer": "model", "anchor_threshold": 0.5},
        "news": {"prefer": "rules", "anchor_threshold": 1.01},
    }
    (tmp_path / "decode.json").write_text(json.dumps(decoding), encoding="utf-8")
    news = LearnedAttribution.load(tmp_path, lang="de", domain="news")
    assert news.net is None
    assert not news.decode_settings.uses_model
    with pytest.raises(PipelineError, match="cannot be loaded"):
        LearnedAttribution.load(tmp_path, lang="de", domain="parliament")
    (tmp_path / "decode.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PipelineError, match="cannot be loaded"):
        LearnedAttribution.load(tmp_path, lang="de", domain="news")


def _corpus_of_one():
    from sayso.training.attribution import Corpus

    return Corpus(domain="parliament", train=[("Sie sagte es.", [])], dev=[])


def _cached_or(processed):
    """``build_examples`` with its cache as it is, the processing itself replaced
    by ``processed`` (returned, or raised if an exception)."""
    from sayso.training import attribution as training

    real = training.build_examples

    def build(corpora, progress=None, *, cache=None):
        if cache is not None:
            return real(corpora, progress, cache=cache)
        if isinstance(processed, Exception):
            raise processed
        return processed

    return build


def test_processed_examples_are_cached_whole(monkeypatch, tmp_path) -> None:
    from sayso.training import attribution as training

    corpora = [_corpus_of_one()]
    built = ["examples"], []
    monkeypatch.setattr(training, "build_examples", _cached_or(built))
    assert training.build_examples(corpora, cache=tmp_path) == built
    (cached,) = tmp_path.iterdir()
    assert cached.name.startswith("examples-")
    assert cached.name.endswith(".pickle")
    monkeypatch.setattr(
        training, "build_examples", _cached_or(AssertionError("processed again"))
    )
    assert training.build_examples(corpora, cache=tmp_path) == built


def test_a_cache_write_cut_short_leaves_no_file(monkeypatch, tmp_path) -> None:
    """A training that reads the cache while another writes it, or after a write
    failed, must never find half a pickle under the cache's name."""
    import pickle

    from sayso.training import attribution as training

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(training, "build_examples", _cached_or((["examples"], [])))
    monkeypatch.setattr(pickle, "dump", fail)
    with pytest.raises(OSError, match="disk full"):
        training.build_examples([_corpus_of_one()], cache=tmp_path)
    assert list(tmp_path.iterdir()) == []
