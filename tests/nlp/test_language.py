"""The packaged language layer: offline loading, fallback, readers, evaluation."""

# German quotation marks and dashes are the subject here

from __future__ import annotations

import logging
import socket
from pathlib import Path

import numpy
import pytest
import spacy

from sayso.errors import PipelineError
from sayso.evaluation.language import PRF, LanguageScores, format_scores
from sayso.nlp import language
from sayso.nlp.language import (
    fallback_language,
    load_language,
    load_pipeline,
    model_path,
)
from sayso.training.corpora import read_conllu, read_germeval
from tests.conftest import shared_path

TEXT = (
    "Gespräche in Genf vertagt\n\n"
    "US-Außenminister Marco Rubio sagte am 17. August 2025 in Genf, Russland sei "
    "zu Zugeständnissen bereit. „Wir kommen voran. Langsam.“ sagte er. Die EU habe "
    "keine Einwände, erklärte ein Sprecher in Brüssel."
)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _packaged() -> Path:
    path = model_path("de")
    if not (path / "config.cfg").exists():
        pytest.skip("no trained model in the package (run `sayso train language`)")
    return path


def test_language_loads_offline(no_network):
    nlp = load_pipeline(_packaged())
    for name in ("sayso_sentences", "tagger", "morphologizer", "ner"):
        assert name in nlp.pipe_names
    assert nlp.pipe_names[-1] == "sayso_konjunktiv"
    doc = nlp(TEXT)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Gespräche in Genf vertagt"
    assert "„Wir kommen voran. Langsam.“ sagte er." in sents
    assert {e.label_ for e in doc.ents} <= {"PER", "ORG", "LOC", "MISC"}
    assert doc.ents
    sei = next(t for t in doc if t.text == "sei")
    assert sei._.konjunktiv == "I"
    assert sei.morph.get("Mood") == ["Sub"]
    assert sei.lemma_ == "sein"
    assert all(t.pos_ for t in doc if not t.is_space)
    assert all(t.tag_ for t in doc if not t.is_space)
    assert "US-Außenminister" in [t.text for t in doc]


def test_language_load_is_cached_free_and_quick():
    import time

    path = _packaged()
    started = time.perf_counter()
    load_pipeline(path)
    assert (
        time.perf_counter() - started < 10
    )  # generous: the target (< 2 s) is benchmarked


def test_language_falls_back_without_model(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(language, "MODELS_DIR", tmp_path)
    with caplog.at_level(logging.WARNING, logger="sayso.nlp.language"):
        nlp = load_language("de")
    assert "rule-only fallback" in caplog.text
    assert nlp.pipe_names == ["sayso_sentences", "sayso_lemmas", "sayso_konjunktiv"]
    doc = nlp(TEXT)
    assert len(list(doc.sents)) == 4
    assert next(t for t in doc if t.text == "sei")._.konjunktiv == "I"
    assert next(t for t in doc if t.text == "habe")._.konjunktiv == "I"


@pytest.mark.parametrize("lang", ["en"])
def test_language_fallback_other_language(lang):
    assert fallback_language(lang).pipe_names == ["sentencizer"]


def test_load_pipeline_rejects_folder_without_model(tmp_path):
    with pytest.raises(PipelineError, match="no spaCy pipeline"):
        load_pipeline(tmp_path)


def test_load_pipeline_reports_broken_model(tmp_path):
    (tmp_path / "config.cfg").write_text(
        '[nlp]\nlang = "de"\npipeline = ["nonsense"]\n'
    )
    with pytest.raises(PipelineError, match="cannot be loaded"):
        load_pipeline(tmp_path)


CONLLU = """\
# text = Er ging zum Bahnhof.
1\tEr\ter\tPRON\tPPER\tCase=Nom|Number=Sing|Person=3\t2\tnsubj\t_\t_
2\tging\tgehen\tVERB\tVVFIN\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_
3\tzu\tzu\tADP\tAPPR\t_\t5\tcase\t_\t_
4\tdem\tder\tDET\tART\tCase=Dat|Gender=Masc|Number=Sing\t5\tdet\t_\t_
5\tBahnhof\tBahnhof\tNOUN\tNN\tCase=Dat|Gender=Masc|Number=Sing\t2\tobl\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_

"""


def test_read_conllu_merges_contractions(tmp_path):
    path = tmp_path / "x.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (doc,) = read_conllu(path, spacy.blank("de").vocab)
    assert doc.text.rstrip() == "Er ging zum Bahnhof."
    zum = doc[2]
    assert (zum.text, zum.tag_, zum.pos_, zum.lemma_) == ("zum", "APPRART", "ADP", "zu")
    assert zum.morph.get("Case") == ["Dat"]
    assert zum.head.text == "Bahnhof"
    assert doc[1].dep_ == "ROOT"


def test_read_conllu_without_tags_keeps_lemmas(tmp_path):
    path = tmp_path / "x.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (doc,) = read_conllu(path, spacy.blank("de").vocab, tags=False)
    assert not doc.has_annotation("TAG")
    assert doc[1].lemma_ == "gehen"


GERMEVAL = """\
#\thttp://example.org\t[2009-10-23]
1\tAngela\tB-PER\tO
2\tMerkel\tI-PER\tO
3\tbesuchte\tO\tO
4\tdie\tO\tO
5\tdeutsche\tB-LOCderiv\tO
6\tBundesliga-Partie\tB-ORGpart\tO
7\tin\tO\tO
8\tBerlin\tB-LOC\tO
9\tmit\tO\tO
10\tWiener\tB-OTH\tB-LOCderiv
11\tSchnitzel\tI-OTH\tO

"""


def test_read_germeval_maps_classes(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text(GERMEVAL, encoding="utf-8")
    (doc,) = read_germeval(path, spacy.blank("de").vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Angela Merkel", "PER"),
        ("Berlin", "LOC"),
        ("Wiener Schnitzel", "MISC"),
    ]


def test_prf_counts():
    prf = PRF()
    prf.add({1, 2, 3}, {2, 3, 4, 5})
    assert (prf.tp, prf.fp, prf.fn) == (2, 2, 1)
    assert prf.precision == pytest.approx(50.0)
    assert prf.recall == pytest.approx(200 / 3)


def test_format_scores_names_targets():
    report = format_scores(LanguageScores())
    assert "Konjunktiv I recall" in report
    assert "MISSED" in report


def test_shared_treebank_reads():
    path = shared_path("data", "ud-german-gsd", "de_gsd-ud-dev.conllu")
    docs = list(read_conllu(path, spacy.blank("de").vocab))
    assert len(docs) == 799
    assert all(d.has_annotation("TAG") for d in docs)


def test_germeval_split_is_fixed_and_disjoint():
    from sayso.training.corpora import germeval_split

    data = shared_path("data")
    vocab = spacy.blank("de").vocab
    split = germeval_split(data, vocab)
    assert len(split.held_out) == 1095  # 15 % of the 7,300 dev + test sentences
    assert len(split.train) == 7300 - 1095
    again = germeval_split(data, vocab)
    assert [d.text for d in again.held_out] == [d.text for d in split.held_out]
    dev = {
        d.text for d in read_germeval(data / "germeval2014-ner/NER-de-dev.tsv", vocab)
    }
    assert {d.text for d in split.held_out} <= dev


def test_tensor_is_the_shared_tok2vec_output():
    """The attribution model reads ``doc.tensor``: one 128-wide row per token."""
    nlp = load_pipeline(_packaged())
    doc = nlp(TEXT)
    assert doc.tensor.shape == (len(doc), 128)
    assert nlp.pipe_names.count("tok2vec") == 1


def test_prediction_computes_the_token_vectors_with_the_numpy_pass():
    """Loaded for prediction, the shared token vectors come from the numpy pass:
    the same vectors, tags and names as thinc's pass; training keeps thinc's."""
    from sayso.nlp.learned.forward import Tok2VecForward
    from sayso.nlp.matrices import TRAINING

    nlp = load_pipeline(_packaged())
    component = nlp.get_pipe("tok2vec")
    assert isinstance(component.predict, Tok2VecForward)
    fast = nlp(TEXT)
    del component.predict  # thinc's pass again (the class's method)
    assert not isinstance(component.predict, Tok2VecForward)
    slow = nlp(TEXT)
    numpy.testing.assert_allclose(fast.tensor, slow.tensor, rtol=1e-5, atol=1e-5)
    assert [(t.tag_, str(t.morph), t.ent_type_) for t in fast] == [
        (t.tag_, str(t.morph), t.ent_type_) for t in slow
    ]
    training = load_pipeline(_packaged(), library=TRAINING)
    assert "predict" not in vars(training.get_pipe("tok2vec"))


def test_the_packaged_tokenizer_keeps_roman_ordinals_whole():
    """The packaged layer was saved before the Roman ordinals were exceptions;
    loading adds them."""
    nlp = load_pipeline(_packaged())
    assert "XVI." in [t.text for t in nlp("Papst Benedikt XVI. sagte das.")]
