"""Which library multiplies the networks' matrices, and on how many threads."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from thinc.api import Maxout, get_current_ops
from threadpoolctl import threadpool_info

import sayso
from sayso.nlp import matrices
from sayso.nlp.language import load_pipeline, model_path
from sayso.nlp.learned.component import LearnedAttribution
from sayso.nlp.learned.model import Ensemble
from sayso.nlp.matrices import computing_with, one_thread


def _blis(model) -> bool:
    return bool(model.ops.use_blis)


@pytest.mark.parametrize(("library", "blis"), [("blis", True), ("openblas", False)])
def test_networks_built_inside_compute_with_the_library(library, blis):
    before = get_current_ops().use_blis
    with computing_with(library):
        layer = Maxout(8, 16, nP=3)
    assert _blis(layer) is blis
    assert get_current_ops().use_blis is before  # the old choice comes back


def test_both_libraries_give_the_same_outputs():
    rng = numpy.random.default_rng(0)
    inputs = rng.normal(size=(300, 384)).astype("float32")
    layers = []
    for library in ("blis", "openblas"):
        with computing_with(library):
            layer = Maxout(128, 384, nP=3)
            layer.initialize()
        layers.append(layer)
    weights = rng.normal(size=layers[0].get_param("W").shape).astype("float32")
    for layer in layers:
        layer.set_param("W", weights * 0.05)
    blis, openblas = (numpy.asarray(layer.predict(inputs)) for layer in layers)
    assert _blis(layers[0])
    assert not _blis(layers[1])
    # the same products added in another order: equal up to float32 rounding
    assert numpy.allclose(blis, openblas, rtol=1e-4, atol=1e-4)
    assert numpy.abs(blis).max() > 0.1


def _blas_threads() -> list[int]:
    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_one_thread_limits_blas_for_a_while():
    with one_thread():
        inside = _blas_threads()
    assert inside
    assert set(inside) == {1}


def test_the_packaged_language_layer_predicts_with_openblas():
    path = model_path("de")
    if not (path / "config.cfg").exists():
        pytest.skip("no trained language layer in the package")
    assert matrices.PREDICTION == "openblas"
    nlp = load_pipeline(path)
    assert not _blis(nlp.get_pipe("tok2vec").model)
    exact = load_pipeline(path, library=matrices.TRAINING)
    assert _blis(exact.get_pipe("tok2vec").model)


def test_the_packaged_attribution_model_predicts_with_openblas():
    path = Path(model_path("de")).parent / "de_attribution"
    if not (path / "model.bin").exists():
        pytest.skip("no trained attribution model in the package")
    learned = LearnedAttribution.load(path, lang="de", domain="parliament")
    assert isinstance(learned.net, Ensemble)
    assert not any(_blis(net.encoder) for net in learned.net.members)
    exact = LearnedAttribution.load(
        path, lang="de", domain="parliament", library="blis"
    )
    assert isinstance(exact.net, Ensemble)
    assert all(_blis(net.encoder) for net in exact.net.members)


def test_extraction_runs_on_one_blas_thread(monkeypatch):
    seen: list[list[int]] = []
    real = matrices.one_thread

    def recording():
        manager = real()

        class Recorded:
            def __enter__(self):
                manager.__enter__()
                seen.append(_blas_threads())

            def __exit__(self, *exc):
                return manager.__exit__(*exc)

        return Recorded()

    monkeypatch.setattr(matrices, "one_thread", recording)
    result = sayso.extract("Der Minister sagte, er komme morgen.", lang="de")
    assert result  # a statement was found
    assert seen
    assert set(seen[0]) == {1}
