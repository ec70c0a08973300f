"""The learned attribution model's parts, on hand-tagged docs and an untrained net."""

from __future__ import annotations

import numpy
import pytest

from sayso.model import CharSpan, Statement
from sayso.nlp.learned.decode import (
    _anchors,
    _best_segment,
    _cue_spans,
    _nearest,
    _reach,
    _rules_by_cue_token,
    _runs,
    _whole_phrase,
    _without_cueless,
)
from sayso.nlp.learned.features import (
    N_POSITION,
    PAIR_FEATURES,
    TOKEN_FEATURES,
    pair_features,
    token_features,
)
from sayso.nlp.learned.labels import ANCHOR_LABELS, ROLE_LABELS
from sayso.nlp.learned.model import (
    FEATURES_KEY,
    AttributionNet,
    Batch,
    Settings,
    _partial_gradient,
)
from sayso.nlp.lexicon import load_lexicon
from sayso.nlp.rules import find_candidates, quote_ranges
from tests.conftest import tagged_doc

SENTENCE = (
    "„/$( Wir/PPER kommen/VVFIN ./$. “/$( ,/$, sagte/VVFIN Brandt/NE/PER ./$.\n"
    "Das/PDS sei/VAFIN/K1 gut/ADJD ./$."
)


def featured(notation: str = SENTENCE):
    doc = tagged_doc(notation)
    candidates = find_candidates(doc, "de")
    features = token_features(
        doc, candidates, quote_ranges(doc), load_lexicon("de"), "news"
    )
    doc.user_data[FEATURES_KEY] = features.tokens
    doc.tensor = numpy.zeros((len(doc), 128), dtype="float32")
    return doc, features


def brandt_statement(text: str) -> Statement:
    """The gold statement of „Wir kommen.“, sagte Brandt in ``text``."""

    def span(word: str) -> CharSpan:
        start = text.index(word)
        return CharSpan(start, start + len(word), word)

    return Statement(
        id="g1",
        kind="direct",
        cue=(span("sagte"),),
        source=(span("Brandt"),),
        message=(span("Wir kommen."),),
    )


def test_token_features_mark_quotes_rules_and_domain() -> None:
    doc, features = featured()
    assert features.tokens.shape == (len(doc), TOKEN_FEATURES)
    kommen = next(t.i for t in doc if t.text == "kommen")
    sagte = next(t.i for t in doc if t.text == "sagte")
    assert features.tokens[kommen, 0] == 1.0  # inside the quote
    assert features.tokens[sagte, 14] == 1.0  # the rules' cue anchor
    assert features.tokens[:, -2].all()  # domain: news
    assert sagte in features.rules


def _word_columns_token_by_token(doc) -> numpy.ndarray:
    """Columns 4–13 of the token features, read one token at a time."""
    from sayso.nlp import grammar as g
    from sayso.nlp.lexicon import lemma_of

    verbs = load_lexicon("de").verbs
    out = numpy.zeros((len(doc), 10), dtype="float32")
    for token in doc:
        form = token._.konjunktiv
        finite, verb = g.is_finite(token), g.is_verb(token)
        out[token.i] = [
            form == "I",
            form == "II",
            finite,
            verb,
            token.text == ",",
            token.text == ":",
            lemma_of(token.text.lower()) in verbs,
            token.ent_type_ == "PER",
            token.ent_type_ in ("ORG", "LOC"),
            token.is_space and "\n" in token.text,
        ]
    return out


@pytest.mark.parametrize(
    "notation",
    [
        "Merkel/NE/PER sagte/VVFIN :/$. Die/ART UN/NE/ORG komme/VVFIN/K1 ./$.\n"
        "¶\nEr/PPER wäre/VAFIN/K2 ,/$, meinte/VVFIN er/PPER ,/$, in/APPR "
        "Berlin/NE/LOC ./$.",
        SENTENCE,
    ],
)
def test_word_features_read_as_arrays_equal_a_token_by_token_reading(
    notation,
) -> None:
    doc, features = featured(notation)
    assert features.tokens[:, 4:14].any(axis=0).sum() >= 5  # columns in use
    numpy.testing.assert_array_equal(
        features.tokens[:, 4:14], _word_columns_token_by_token(doc)
    )


def test_word_features_of_an_untagged_doc_come_from_the_konjunktiv_lexicon() -> None:
    from spacy.tokens import Doc

    doc = tagged_doc("Er/PPER sagte/VVFIN ,/$, das/PDS sei/VAFIN/K1 gut/ADJD ./$.")
    # no tags; parts of speech and morphology only (a layer without a tagger)
    pos = ["PRON", "VERB", "PUNCT", "PRON", "AUX", "ADJ", "PUNCT"]
    morphs = ["", "VerbForm=Fin", "", "", "", "", ""]
    bare = Doc(doc.vocab, words=[t.text for t in doc], pos=pos, morphs=morphs)
    for token in bare:
        token.is_sent_start = token.i == 0
    bare[4]._.konjunktiv = "I"
    features = token_features(bare, [], [], load_lexicon("de"), "news")
    numpy.testing.assert_array_equal(
        features.tokens[:, 4:14], _word_columns_token_by_token(bare)
    )
    assert features.tokens[4, 6] == 1.0  # sei: finite by its Konjunktiv
    assert features.tokens[1, 6] == features.tokens[1, 7] == 1.0  # sagte: morphology


@pytest.mark.parametrize("anchor_word", ["sagte", "Das"])
def test_pair_features_one_hot_blocks(anchor_word: str) -> None:
    doc, features = featured()
    anchor = next(t.i for t in doc if t.text == anchor_word)
    start, end = features.window(anchor)
    pairs = pair_features(features, anchor, start, end)
    assert pairs.shape == (end - start, PAIR_FEATURES)
    assert (pairs[:, :N_POSITION].sum(axis=1) == 1).all()
    assert pairs[anchor - start, -1] == 1.0


def test_a_role_window_reaches_whole_sentences_back_and_ahead() -> None:
    doc, features = featured(
        "Das/PDS ist/VAFIN gut/ADJD ./$.\n"
        "Wir/PPER kommen/VVFIN ./$.\n"
        "Brandt/NE/PER sagte/VVFIN das/PDS ./$.\n"
        "Er/PPER geht/VVFIN ./$.\n"
        "Es/PPER regnet/VVFIN ./$."
    )
    starts = [sent.start for sent in doc.sents]
    anchor = next(t.i for t in doc if t.text == "sagte")
    # three sentences back reaches the doc's start; one, the sentence before
    assert features.window(anchor) == (0, starts[4])
    assert features.window(anchor, before=1) == (starts[1], starts[4])
    assert features.window(anchor, before=0, after=0) == (starts[2], starts[3])
    # never further than ``limit`` tokens either way
    assert features.window(anchor, limit=2) == (anchor - 2, anchor + 3)


def test_partial_gradient_allows_any_of_several_labels() -> None:
    probs = numpy.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]], dtype="float32")
    allowed = numpy.array([[1, 1, 0], [0, 0, 1]], dtype=bool)
    gradient, loss = _partial_gradient(probs, allowed)
    assert loss == pytest.approx(-(numpy.log(0.8) + numpy.log(0.6)) / 2, rel=1e-5)
    # the allowed labels keep their share of the mass: no push between them
    assert gradient[0, 0] / gradient[0, 1] == pytest.approx(0.5 / 0.3, rel=1e-4)
    assert gradient[0, 2] > 0
    assert gradient[1, 2] < 0


def test_runs_and_nearest() -> None:
    labels = numpy.array([0, 2, 2, 0, 2, 0, 0, 2])
    runs = _runs(labels, 10, 2)
    assert runs == [(11, 13), (14, 15), (17, 18)]
    assert _nearest(runs, 16) == [(17, 18)]


def _role_probs(labels: list[str], lean: float = 0.8) -> numpy.ndarray:
    """Role probabilities leaning ``lean`` to each token's label, the rest spread."""
    probs = numpy.full((len(labels), len(ROLE_LABELS)), 0.0, dtype="float32")
    for k, label in enumerate(labels):
        probs[k] = (1.0 - lean) / (len(ROLE_LABELS) - 1)
        probs[k, ROLE_LABELS.index(label)] = lean
    return probs


def test_a_message_is_decoded_as_one_stretch() -> None:
    message = ROLE_LABELS.index("MESSAGE")
    # a weak hole inside a strong message is closed; a stray word far off is dropped
    probs = _role_probs(
        ["O", "MESSAGE", "MESSAGE", "O", "MESSAGE", "MESSAGE"] + ["O"] * 4 + ["MESSAGE"]
    )
    probs[3] = 0.0
    probs[3, 0], probs[3, message] = 0.6, 0.4
    assert _best_segment(probs, 10, set(), message) == [(11, 16)]
    # a cue word inside the stretch is left out of it
    assert _best_segment(probs, 10, {13}, message) == [(11, 13), (14, 16)]
    # no token leans to the message: nothing
    assert _best_segment(_role_probs(["O", "SOURCE", "O"]), 0, set(), message) == []


def _message_leaning(values: list[float]) -> numpy.ndarray:
    """Role probabilities with these message probabilities, the rest on ``O``."""
    probs = numpy.zeros((len(values), len(ROLE_LABELS)), dtype="float32")
    probs[:, ROLE_LABELS.index("MESSAGE")] = values
    probs[:, ROLE_LABELS.index("O")] = 1.0 - numpy.asarray(values)
    return probs


REACH = (
    "Man/PIS sieht/VVFIN ,/$, wie/PWAV krank/ADJD das/ART Land/NN ist/VAFIN ,/$, "
    "wie/PWAV hier/ADV die/ART Vernunft/NN fehlt/VVFIN ./$.\n"
    "Das/PDS geht/VVFIN ./$."
)


@pytest.mark.parametrize(
    ("second", "threshold", "expected"),
    [
        # the second clause leans a little to the message (mean 0.2): carried on,
        # up to the sentence's end without its full stop
        (0.2, 0.12, [(3, 14)]),
        # below the threshold: the stretch stays as it was
        (0.05, 0.12, [(3, 8)]),
        # the same clause, a higher threshold
        (0.2, 0.3, [(3, 8)]),
    ],
)
def test_a_message_is_carried_on_while_its_segments_lean_to_it(
    second: float, threshold: float, expected: list[tuple[int, int]]
) -> None:
    doc = tagged_doc(REACH)
    assert [t.text for t in doc[9:15]] == [
        "wie",
        "hier",
        "die",
        "Vernunft",
        "fehlt",
        ".",
    ]
    values = [0.0, 0.0, 0.0, 0.9, 0.9, 0.8, 0.7, 0.6, 0.1]
    values += [second] * 5 + [0.0] + [0.0] * 4
    probs = _message_leaning(values)
    stretch = _best_segment(probs, 0, {1}, ROLE_LABELS.index("MESSAGE"))
    assert stretch == [(3, 8)]
    assert _reach(doc, stretch, probs, 0, {1}, threshold) == expected


def test_a_carried_on_message_stops_at_a_cue_word_and_at_the_window() -> None:
    doc = tagged_doc(REACH)
    values = [0.0, 0.0, 0.0, 0.9, 0.9, 0.8, 0.7, 0.6, 0.1] + [0.9] * 5 + [0.0] * 5
    probs = _message_leaning(values)
    # another statement's cue word (here: *fehlt* counted as this one's) stops it
    assert _reach(doc, [(3, 8)], probs, 0, {1, 13}, 0.12) == [(3, 8)]
    # the window ends before the sentence does: no further than the window
    assert _reach(doc, [(3, 8)], probs[:12], 0, {1}, 0.12) == [(3, 12)]
    # nothing to carry on
    assert _reach(doc, [], probs, 0, {1}, 0.12) == []


def test_a_source_cut_short_is_completed_to_its_noun_phrase() -> None:
    doc = tagged_doc(
        "Herr/NN Schrodi/NE/PER hat/VAFIN darauf/PAV hingewiesen/VVPP ./$."
    )
    picked = numpy.array([ROLE_LABELS.index("SOURCE"), 0, 0, 0, 1, 0])
    assert _whole_phrase(doc, (0, 1), picked, 0) == (0, 2)
    # not over a token the tagger gave another role
    picked[1] = ROLE_LABELS.index("MESSAGE")
    assert _whole_phrase(doc, (0, 1), picked, 0) == (0, 1)


def test_a_particle_or_reflexive_of_the_cue_is_a_span_of_its_own() -> None:
    doc = tagged_doc("Das/PDS zeigt/VVFIN sich/PRF auch/ADV hier/ADV ./$.")
    assert _cue_spans(doc, 1, {1, 2}) == [(1, 2), (2, 3)]
    doc = tagged_doc("Gespräche/NN führen/VVINF ./$.")
    assert _cue_spans(doc, 0, {0, 1}) == [(0, 2)]


def test_anchor_decoding_joins_cue_words_and_particles() -> None:
    doc = tagged_doc("Rubio/NE räumte/VVFIN das/PDS ein/PTKVZ ./$.")
    probs = numpy.zeros((len(doc), len(ANCHOR_LABELS)), dtype="float32")
    probs[:, 0] = 1.0
    probs[1] = 0.0
    probs[1, ANCHOR_LABELS.index("CUE")] = 1.0
    probs[3] = 0.0
    probs[3, ANCHOR_LABELS.index("CUE_I")] = 1.0
    assert _anchors(doc, probs, 0.5) == [(1, "CUE", [1, 3])]


def test_cueless_anchors_can_be_switched_off() -> None:
    # a model that never saw cue-less statements annotated may spread mass over
    # A_* labels; where the domain has none, that mass goes back to O
    doc = tagged_doc("Das/PDS sei/VAFIN/K1 gut/ADJD ,/$, sagte/VVFIN er/PPER ./$.")
    probs = numpy.zeros((len(doc), len(ANCHOR_LABELS)), dtype="float32")
    probs[:, 0] = 0.3
    probs[:, ANCHOR_LABELS.index("A_indirect")] = 0.7
    probs[4] = 0.0
    probs[4, ANCHOR_LABELS.index("CUE")] = 1.0
    assert len(_anchors(doc, probs, 0.5)) == len(doc)
    kept = _without_cueless(probs)
    numpy.testing.assert_allclose(kept.sum(axis=1), probs.sum(axis=1))
    assert _anchors(doc, kept, 0.5) == [(4, "CUE", [4])]


@pytest.mark.parametrize("role_context", [0, 1])
def test_untrained_net_runs_and_round_trips(role_context: int) -> None:
    doc, features = featured()
    net = AttributionNet(
        Settings(
            width=32,
            embed_width=16,
            depth=1,
            hidden=16,
            role_context=role_context,
            embed_rows=(50, 20, 30, 10),
        )
    )
    net.initialize([doc])
    anchor = next(t.i for t in doc if t.text == "sagte")
    start, end = features.window(anchor)
    window = (anchor, start, end, pair_features(features, anchor, start, end))
    encoded = net.encode([doc])[0]
    roles = net.roles(encoded, [window])[0]
    assert roles.shape == (end - start, len(ROLE_LABELS))
    again = AttributionNet.from_bytes(net.to_bytes(), [doc])
    assert again.settings == net.settings  # the hash rows too, as a tuple
    numpy.testing.assert_allclose(
        again.roles(again.encode([doc])[0], [window])[0], roles, rtol=1e-5
    )


def test_role_context_keeps_windows_apart() -> None:
    """Two anchors' windows in one call: each window's roles are what it gets alone."""
    net, encoded, windows = _two_windows(role_context=2)
    together = net.roles(encoded, windows)
    for window, roles in zip(windows, together, strict=True):
        numpy.testing.assert_allclose(net.roles(encoded, [window])[0], roles, rtol=1e-5)


def test_model_without_role_context_setting_loads_as_before() -> None:
    """Models written before ``role_context`` existed load with a plain role head."""
    import srsly

    doc, _ = featured()
    net = AttributionNet(
        Settings(width=32, embed_width=16, depth=1, hidden=16, role_context=0)
    )
    net.initialize([doc])
    payload = srsly.msgpack_loads(net.to_bytes())
    del payload["settings"]["role_context"]
    again = AttributionNet.from_bytes(srsly.msgpack_dumps(payload), [doc])
    assert again.settings.role_context == 0


@pytest.mark.parametrize("role_context", [0, 1])
def test_update_lowers_the_loss(role_context: int) -> None:
    from thinc.api import Adam

    from sayso.nlp.learned.examples import Example

    doc, features = featured()
    anchor = next(t.i for t in doc if t.text == "sagte")
    start, end = features.window(anchor)
    anchor_target = numpy.zeros((len(doc), len(ANCHOR_LABELS)), dtype=bool)
    anchor_target[:, 0] = True
    anchor_target[anchor] = False
    anchor_target[anchor, 1] = True
    role_target = numpy.zeros((end - start, len(ROLE_LABELS)), dtype=bool)
    role_target[:, 0] = True
    example = Example(
        doc,
        features,
        "news",
        anchor_target,
        [(anchor, start, end, pair_features(features, anchor, start, end))],
        [role_target],
    )
    net = AttributionNet(
        Settings(
            width=32,
            embed_width=16,
            depth=1,
            hidden=16,
            dropout=0.0,
            role_context=role_context,
        )
    )
    net.initialize([doc])
    optimizer = Adam(0.01)
    batch = Batch([doc], [example.anchors])
    first = net.update(batch, [anchor_target], [[role_target]], optimizer)
    for _ in range(20):
        last = net.update(batch, [anchor_target], [[role_target]], optimizer)
    assert last[0] < first[0]
    assert last[1] < first[1]


def test_averaged_parameters_are_used_for_a_while_then_put_back() -> None:
    """Training judges and keeps the optimizer's averages; the net's own
    weights must be back afterwards so training goes on from them."""
    from thinc.api import Adam

    doc, _ = featured()
    net = AttributionNet(
        Settings(width=32, embed_width=16, depth=1, hidden=16, dropout=0.0)
    )
    net.initialize([doc])
    anchor_target = numpy.zeros((len(doc), len(ANCHOR_LABELS)), dtype=bool)
    anchor_target[:, 1] = True
    optimizer = Adam(0.05)
    for _ in range(5):
        net.update(Batch([doc], [[]]), [anchor_target], [[]], optimizer)
    own = net.encode([doc])[0]
    with net.use_params(optimizer.averages):
        averaged = net.encode([doc])[0]
        saved = AttributionNet.from_bytes(net.to_bytes(), [doc])
    assert not numpy.allclose(own, averaged)
    assert numpy.allclose(saved.encode([doc])[0], averaged, atol=1e-6)
    assert numpy.allclose(net.encode([doc])[0], own)


def test_gold_statement_becomes_anchor_and_roles() -> None:
    from sayso.nlp.learned.examples import make_example

    notation = (
        "„/$( Wir/PPER kommen/VVFIN ./$. “/$( ,/$, sagte/VVFIN Brandt/NE/PER ./$."
    )
    doc = tagged_doc(notation)
    text = doc.text
    gold = brandt_statement(text)

    def nlp(_: str):
        return tagged_doc(notation)

    example = make_example(nlp, text, [gold], "news")  # type: ignore[arg-type]
    sagte = next(t.i for t in example.doc if t.text == "sagte")
    assert example.anchor_target[sagte, ANCHOR_LABELS.index("CUE")]
    ((anchor, start, _, _),) = example.anchors
    labels = example.role_targets[0]
    brandt = next(t.i for t in example.doc if t.text == "Brandt")
    assert anchor == sagte
    assert labels[brandt - start, ROLE_LABELS.index("SOURCE")]
    # the news corpus does not mark media: O tokens may be MEDIUM as well
    outside = [t.i for t in example.doc if t.text == "."][-1]
    assert labels[outside - start, ROLE_LABELS.index("MEDIUM")]


def test_component_with_a_model_folder_annotates_docs(tmp_path) -> None:
    from sayso.nlp.attribution import Attribution

    doc, _ = featured()
    net = AttributionNet(Settings(width=32, embed_width=16, depth=1, hidden=16))
    net.initialize([doc])
    (tmp_path / "model.bin").write_bytes(net.to_bytes())
    component = Attribution("de", model=str(tmp_path))
    assert component.learned is not None
    one = tagged_doc(SENTENCE)
    one.tensor = numpy.zeros((len(one), 128), dtype="float32")
    two = tagged_doc(SENTENCE)
    two.tensor = numpy.zeros((len(two), 128), dtype="float32")
    alone = component(one)._.statements
    (piped,) = list(component.pipe([two]))
    assert [s.to_dict() for s in piped._.statements] == [s.to_dict() for s in alone]
    for statement in alone:
        for role in ("cue", "source", "message"):
            for span in statement.spans(role):
                assert one.text[span.start : span.end] == span.text


def test_broken_model_folder_is_a_pipeline_error(tmp_path) -> None:
    from sayso.errors import PipelineError
    from sayso.nlp.attribution import Attribution

    (tmp_path / "model.bin").write_bytes(b"not a model")
    with pytest.raises(PipelineError, match="cannot be loaded"):
        Attribution("de", model=str(tmp_path))


def test_model_of_another_language_layer_falls_back_to_rules(tmp_path, caplog) -> None:
    import json
    import logging

    from sayso.nlp.learned.component import LearnedAttribution

    doc, _ = featured()
    net = AttributionNet(Settings(width=32, embed_width=16, depth=1, hidden=16))
    net.initialize([doc])
    (tmp_path / "model.bin").write_bytes(net.to_bytes())
    (tmp_path / "training.json").write_text(json.dumps({"language_layer": "0" * 16}))
    with caplog.at_level(logging.WARNING):
        learned = LearnedAttribution.load(tmp_path, lang="de", domain="parliament")
    assert not learned.decode_settings.uses_model
    assert "another version of the language layer" in caplog.text


def test_rule_statements_found_by_any_cue_token() -> None:
    # the model may anchor a cue on its auxiliary ("hat ... vorgeworfen") where the
    # rules anchor it on the participle: the decoder still finds the rule statement
    _, features = featured(
        "Müller/NE/PER hat/VAFIN uns/PPER vorgeworfen/VVPP ,/$, "
        "wir/PPER hätten/VAFIN/K2 nichts/PIS getan/VVPP ./$."
    )
    (rule,) = features.rules.values()
    by_token = _rules_by_cue_token(features)
    assert rule.tokens("cue")
    assert all(by_token[i] is rule for i in rule.tokens("cue"))
    assert set(by_token) == set(rule.tokens("cue"))


def test_the_shipped_model_matches_the_language_layer() -> None:
    """A retrained language layer must come with a retrained attribution model."""
    import json

    from sayso.nlp.attribution import MODELS_DIR
    from sayso.nlp.learned.component import language_fingerprint

    folder = MODELS_DIR / "de_attribution"
    if not (folder / "model.bin").exists():
        pytest.skip("no attribution model is installed in the package")
    record = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    assert record["language_layer"] == language_fingerprint("de"), (
        "retrain with `sayso train attribution` after `sayso train language`"
    )
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    for licence in record["licenses"].values():
        assert licence in card
    # a model that read non-commercial data must say so
    non_commercial = any("NC" in licence for licence in record["licenses"].values())
    assert ("Non-commercial" in card) == non_commercial


def test_the_shipped_model_finds_cues_the_rules_miss_in_speeches() -> None:
    from sayso.extract import extract_articles
    from sayso.model import Article, Extraction
    from sayso.nlp.attribution import MODELS_DIR

    if not (MODELS_DIR / "de_attribution" / "model.bin").exists():
        pytest.skip("no attribution model is installed in the package")
    speech = Article(
        id="rede",
        text=(
            "Frau Präsidentin! Meine Damen und Herren! Wir haben schon im Ausschuss "
            "darüber gesprochen. Der Kollege Müller hat uns vorgeworfen, wir hätten "
            "die Kommunen vergessen. Das ist falsch. Wie ich bereits gesagt habe, "
            "reicht das nicht aus."
        ),
    )
    (rules,) = extract_articles([speech], lang="de", rules_only=True)
    (learned,) = extract_articles([speech], lang="de", domain="parliament")
    assert isinstance(rules, Extraction)
    assert isinstance(learned, Extraction)
    producers = {s.producer.name for s in learned.statements}
    assert any(name.startswith("model") for name in producers)
    cues = {c.text for s in learned.statements for c in s.cue}
    assert "gesprochen" in cues
    assert "gesprochen" not in {c.text for s in rules.statements for c in s.cue}
    accused = next(s for s in learned.statements if "vorgeworfen" in s.cue[0].text)
    assert accused.speaker == "Müller"  # the rules' source where the model has none


def test_a_domain_the_model_never_saw_decodes_with_the_rules_alone(tmp_path) -> None:
    import json

    from sayso.nlp.learned.component import read_decode_settings

    (tmp_path / "decode.json").write_text(
        json.dumps({"parliament": {"anchor_threshold": 0.5, "prefer": "model"}})
    )
    assert read_decode_settings(tmp_path, "parliament").uses_model
    assert not read_decode_settings(tmp_path, "news").uses_model
    # a decode.json written before message_reach existed: messages as they were
    assert read_decode_settings(tmp_path, "parliament").message_reach == 0.0


@pytest.mark.parametrize("role_context", [0, 2])
def test_factorised_role_layer_gives_the_plain_head_numbers(role_context: int) -> None:
    """Prediction splits the first role layer per token, anchor and pair; the
    probabilities are those of the head run on the concatenated pair rows."""
    from sayso.nlp.learned.model import _pairs, _role_input, _role_output

    net, encoded, windows = _two_windows(role_context)
    pairs, sizes = _pairs(encoded, windows)
    plain = _role_output(net.role_head.predict(_role_input(net.settings, pairs, sizes)))
    numpy.testing.assert_allclose(
        numpy.vstack(net.roles(encoded, windows)), plain, rtol=1e-4, atol=1e-6
    )


def _two_windows(
    role_context: int,
) -> tuple[AttributionNet, numpy.ndarray, list[tuple[int, int, int, numpy.ndarray]]]:
    """An untrained small net, the featured doc's vectors, two anchors' windows."""
    doc, features = featured()
    net = AttributionNet(
        Settings(
            width=32, embed_width=16, depth=1, hidden=16, role_context=role_context
        )
    )
    net.initialize([doc])
    encoded = net.encode([doc])[0]
    windows = []
    for anchor in (2, len(doc) - 2):
        start, end = features.window(anchor)
        windows.append(
            (anchor, start, end, pair_features(features, anchor, start, end))
        )
    return net, encoded, windows


def test_model_card_is_written_again_from_the_training_record(tmp_path) -> None:
    """``--decoding-only`` rewrites the card: the recorded run, the new decoding."""
    import json

    from sayso.training.attribution import AttributionSettings, recorded_result
    from sayso.training.attribution_card import write_attribution_card

    history = [{"epoch": 3, "statements": {"parliament_roles": 0.5}}]
    record = {
        "best_epoch": 3,
        "dev": {"parliament": {}},
        "history": history,
        "settings": {"seed": 7, "epochs": 9},
        "seconds": 600.0,
        "trained": "2026-01-02",
    }
    (tmp_path / "training.json").write_text(json.dumps(record), encoding="utf-8")
    decoding = {
        "parliament": {
            "prefer": "model",
            "anchor_threshold": 0.35,
            "message_reach": 0.12,
        }
    }
    (tmp_path / "decode.json").write_text(json.dumps(decoding), encoding="utf-8")
    recorded = recorded_result(tmp_path)
    assert recorded is not None
    result, trained_with = recorded
    settings = AttributionSettings(
        output=tmp_path, licenses="permissive", seed=trained_with["seed"]
    )
    write_attribution_card(result, settings)
    card = (tmp_path / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "Trained 2026-01-02" in card
    for recorded_fact in ("seed 7;", "10.0 min", "| 7 | 3 | parliament_roles 0.500"):
        assert recorded_fact in card
    assert "anchor threshold 0.35" in card
    assert "mean probability ≥ 0.12" in card
    (tmp_path / "training.json").write_text(json.dumps({"best_epoch": 1}))
    assert recorded_result(tmp_path) is None  # an untimed record
