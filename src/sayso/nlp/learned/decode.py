"""From the network's probabilities to statements, merged with the rules.

Anchors come from the anchor tagger; each anchor's roles from the role tagger
(runs of tokens with the same role become spans; the source, the message and
the topic are each the one stretch the tagger favours most, a message carried
on over the rest of its sentence where the tagger still leans to it; for the
source and the addressee only the run nearest the anchor is kept, completed to
its noun phrase). Where the rules found a
statement at the same anchor, its kind, flags and the roles the model left
empty are taken over; rule statements the model did not find are kept when
their rule is one of ``keep_rules``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc

from sayso.model import ROLES
from sayso.nlp import discourse, speakers
from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.grammar import Range
from sayso.nlp.learned.features import DocFeatures, anchor_of, pair_features
from sayso.nlp.learned.labels import ANCHOR_LABELS, ROLE_LABELS
from sayso.nlp.learned.model import Tagger
from sayso.nlp.lexicon import Lexicon, lemma_of

_CUE = ANCHOR_LABELS.index("CUE")
_CUE_I = ANCHOR_LABELS.index("CUE_I")
#: roles that are one noun phrase: the run nearest the anchor, completed to its
#: phrase where the tagger stopped short
_SINGLE = frozenset({"source", "addressee"})
#: roles decoded as one stretch of text (measured on SpkAtt dev: addressee, medium
#: and evidence are better left as the tagger's runs)
_STRETCHES = frozenset({"source", "message", "topic"})
#: how many sentences before an anchor's own its role window reaches (training
#: reaches three, as negative examples; the trained tagger gives no role that far
#: back: on the SpkAtt train and dev speeches one sentence gives the same output,
#: and the parliament path is a few per cent faster)
_SENTENCES_BEFORE = 1


@dataclass(frozen=True)
class DecodeSettings:
    """How predictions become statements (tuned on dev, kept with the model)."""

    anchor_threshold: float = 0.5
    keep_rules: frozenset[str] = frozenset()
    min_message_tokens: int = 1
    version: str = "0.1"
    #: "model": the model's statements, rule ones only from ``keep_rules``;
    #: "rules": the rules' statements as they are, the model adding what they missed
    #: and a source where they found none
    prefer: str = "model"
    #: with prefer="rules": take the model's source where both found one
    model_sources: bool = False
    #: whether anchors of statements without cue (``A_<kind>``) count; off where
    #: the domain's corpus marks none (parliament), so a model that never saw
    #: them annotated (the permissive one) cannot put them everywhere
    cueless: bool = True
    #: a message stretch goes on over the following comma-delimited segments of
    #: its sentence while a segment's mean message probability is at least this
    #: (the tagger's confidence fades with distance from the cue, so long
    #: messages were cut short); 0: the stretch as it is
    message_reach: float = 0.0

    @property
    def uses_model(self) -> bool:
        """False where the chosen decoding is the rules alone (no model needed)."""
        return not (
            self.prefer == "rules"
            and self.anchor_threshold > 1.0
            and not self.model_sources
        )


def decode(
    net: Tagger,
    doc: Doc,
    features: DocFeatures,
    lexicon: Lexicon,
    settings: DecodeSettings,
    encoded: numpy.ndarray | None = None,
) -> list[Candidate]:
    """Statements of a doc: the model's, merged with the rules' (in ``features.rules``).

    ``encoded`` are the doc's token vectors when the caller encoded a batch.
    """
    if encoded is None:
        encoded = net.encode([doc])[0]
    probs = net.anchors(encoded)
    if not settings.cueless:
        probs = _without_cueless(probs)
    anchors = _anchors(doc, probs, settings.anchor_threshold)
    windows = []
    for anchor, _, _ in anchors:
        start, end = features.window(anchor, before=_SENTENCES_BEFORE)
        windows.append(
            (anchor, start, end, pair_features(features, anchor, start, end))
        )
    role_probs = net.roles(encoded, windows)
    learned: list[Candidate] = []
    rule_at = _rules_by_cue_token(features)
    for (anchor, label, cue), (_, start, _, _), roles in zip(
        anchors, windows, role_probs, strict=True
    ):
        candidate = _candidate(
            doc, anchor, label, cue, start, roles, probs[anchor], settings.message_reach
        )
        candidate.version = settings.version
        if settings.prefer == "model":
            rule = features.rules.get(anchor)
            if rule is None:
                # the same cue, anchored elsewhere (an auxiliary, a particle)
                rule = next((rule_at[i] for i in cue if i in rule_at), None)
            _merge_rule(candidate, rule, doc, lexicon)
        else:
            _fill_unknown(candidate, doc, lexicon)
        if _message_size(candidate) < settings.min_message_tokens and not _declines(
            candidate
        ):
            continue
        learned.append(candidate)
    if settings.prefer == "rules":
        found = _rules_first(
            features, learned, rule_at, model_sources=settings.model_sources
        )
    else:
        found = learned
        taken = {anchor_of(c) for c in found}
        for anchor, rule in features.rules.items():
            if anchor not in taken and rule.rule.split("+")[0] in settings.keep_rules:
                found.append(rule)
    _link_continuations(found)
    discourse.nest(found)
    discourse.tie_evidence(found)
    speakers.resolve(doc, found)
    found.sort(key=lambda c: (c.anchor, c.cue[0] if c.cue else (0, 0)))
    return found


def _rules_by_cue_token(features: DocFeatures) -> dict[int, Candidate]:
    """The rules' statement of each cue token (or anchor, for one without cue)."""
    out: dict[int, Candidate] = {}
    for anchor, rule in features.rules.items():
        for token in rule.tokens("cue") or {anchor}:
            out.setdefault(token, rule)
    return out


def _rules_first(
    features: DocFeatures,
    learned: list[Candidate],
    covered: dict[int, Candidate],
    *,
    model_sources: bool = False,
) -> list[Candidate]:
    """The rules' statements, a source from the model where they have none, plus the
    model's statements at anchors no rule statement covers (``covered``: the rule
    statement of each cue token, from :func:`_rules_by_cue_token`)."""
    found = list(features.rules.values())
    for candidate in learned:
        same = covered.get(candidate.anchor)
        if same is None:
            found.append(candidate)
        elif candidate.source and same.cue and (model_sources or not same.source):
            same.source = list(candidate.source)
    return found


def _fill_unknown(candidate: Candidate, doc: Doc, lexicon: Lexicon) -> None:
    """Kind, mode and negation of a statement only the model found."""
    if candidate.cue:
        candidate.kind = _kind_from_message(doc, candidate)
        lemma = lemma_of(doc[candidate.cue[0][0]].text.lower())
        entry = lexicon.verbs.get(lemma)
        candidate.mode = entry.mode if entry is not None else None
        candidate.negated = _negated_near(doc, candidate)


_NOT_ANCHOR = [ANCHOR_LABELS.index("O"), ANCHOR_LABELS.index("CUE_I")]
_CUELESS = [i for i, label in enumerate(ANCHOR_LABELS) if label.startswith("A_")]


def _without_cueless(probs: numpy.ndarray) -> numpy.ndarray:
    """Anchor probabilities with the cue-less labels' mass moved to ``O``."""
    out = probs.copy()
    out[:, 0] += out[:, _CUELESS].sum(axis=1)
    out[:, _CUELESS] = 0.0
    return out


def _anchors(
    doc: Doc, probs: numpy.ndarray, threshold: float
) -> list[tuple[int, str, list[int]]]:
    """(anchor, label, cue tokens) where the anchor labels pass the threshold."""
    plain = probs.argmax(axis=1)
    anchor_mass = 1.0 - probs[:, _NOT_ANCHOR].sum(axis=1)
    masked = probs.copy()
    masked[:, _NOT_ANCHOR] = -1.0
    best_anchor = masked.argmax(axis=1)
    labels = numpy.where(anchor_mass >= threshold, best_anchor, plain)
    out: list[tuple[int, str, list[int]]] = []
    for i, label in enumerate(labels):
        name = ANCHOR_LABELS[int(label)]
        if name in ("O", "CUE_I") or anchor_mass[i] < threshold or doc[i].is_space:
            continue
        cue: list[int] = []
        if label == _CUE:
            cue = [i]
            k = i + 1
            while k < len(doc) and labels[k] == _CUE_I:
                cue.append(k)
                k += 1
        out.append((i, name, cue))
    # a cue word away from its head (a separated particle, an auxiliary before the
    # verb) joins the nearest head of the same sentence
    sent_of = numpy.cumsum(doc.to_array("SENT_START") == 1)  # sentence number
    heads = [(a, cue) for a, name, cue in out if name == "CUE"]
    attached = {k for _, cue in heads for k in cue}
    for i, label in enumerate(labels):
        if label != _CUE_I or i in attached:
            continue
        near = [(abs(a - i), cue) for a, cue in heads if sent_of[a] == sent_of[i]]
        near = [item for item in near if item[0] <= 12]
        if near:
            min(near, key=lambda item: item[0])[1].append(i)
    return out


def _runs(labels: numpy.ndarray, start: int, value: int) -> list[Range]:
    out: list[Range] = []
    for offset in numpy.flatnonzero(labels == value):
        i = start + int(offset)
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _nearest(runs: list[Range], anchor: int) -> list[Range]:
    if len(runs) <= 1:
        return runs
    return [min(runs, key=lambda r: min(abs(r[0] - anchor), abs(r[1] - 1 - anchor)))]


def _candidate(
    doc: Doc,
    anchor: int,
    label: str,
    cue: list[int],
    start: int,
    roles: numpy.ndarray,
    anchor_probs: numpy.ndarray,
    message_reach: float = 0.0,
) -> Candidate:
    picked = roles.argmax(axis=1)
    kind = label[2:] if label.startswith("A_") else "indirect"
    candidate = Candidate(kind=kind, rule="model", anchor=anchor)
    cue_tokens = set(cue)
    for r in _runs(picked, start, ROLE_LABELS.index("CUE")):
        cue_tokens.update(range(*r))
    candidate.cue = _cue_spans(doc, anchor, cue_tokens)
    for field in ROLES[1:]:
        column = ROLE_LABELS.index(field.upper())
        if field in _STRETCHES:
            runs = _best_segment(roles, start, cue_tokens, column)
            if field == "message" and message_reach > 0.0:
                runs = _reach(doc, runs, roles, start, cue_tokens, message_reach)
        else:
            runs = _runs(picked, start, column)
        runs = [g.strip_range(doc, r) for r in runs]
        runs = [r for r in runs if r[1] > r[0] and not set(range(*r)) & cue_tokens]
        if field in _SINGLE:
            runs = [
                _whole_phrase(doc, r, picked, start) for r in _nearest(runs, anchor)
            ]
        setattr(candidate, field, runs)
    candidate.confidence = round(float(anchor_probs.max()), 3)
    return candidate


def _best_segment(
    roles: numpy.ndarray, start: int, cue: set[int], label: int
) -> list[Range]:
    """A role as one stretch: the segment of the window whose summed log-odds
    (``label`` against the likeliest other label) are highest, cue words inside
    it counting zero and left out; ``[]`` where no token leans to ``label``.

    Closes the holes a token-by-token choice leaves in a long message and drops
    stray words away from it.
    """
    probs = numpy.clip(roles, 1e-6, 1.0)
    others = numpy.delete(probs, label, axis=1).max(axis=1)
    score = numpy.log(probs[:, label]) - numpy.log(others)
    inside = [k - start for k in cue if 0 <= k - start < len(score)]
    score[inside] = 0.0
    # the best segment ends where the prefix sum rises most above its lowest point
    prefix = numpy.concatenate(([0.0], numpy.cumsum(score)))
    lowest = numpy.minimum.accumulate(prefix)
    gains = prefix[1:] - lowest[:-1]
    end = int(gains.argmax()) + 1
    if gains[end - 1] <= 0.0:
        return []
    begin = end - 1 - int(prefix[:end][::-1].argmin())  # the latest lowest point
    return _token_runs(start + k for k in range(begin, end) if start + k not in cue)


#: what delimits the segments a message is carried on over (``message_reach``)
_SEGMENT_MARKS = frozenset({",", ";", ":", "-", "–", "(", ")"})
_MESSAGE = ROLE_LABELS.index("MESSAGE")


def _reach(
    doc: Doc,
    runs: list[Range],
    roles: numpy.ndarray,
    start: int,
    cue: set[int],
    threshold: float,
) -> list[Range]:
    """A message stretch carried on to the right over the rest of its sentence,
    one segment (up to the next comma, colon, dash …) at a time, while the
    segment's words have a mean message probability of at least ``threshold``;
    a segment holding a word of the statement's own cue stops it, and so does
    the sentence's end (its closing punctuation left out).

    ``wie krank dieses Land ist, wie hier eine Ideologie … außer Kraft setzt``:
    the second clause's probabilities fade from 0.5 to 0.01, so the stretch
    alone stops after the first.
    """
    if not runs:
        return runs
    end = runs[-1][1]
    stop = min(g.sentence_of(doc, end - 1)[1], start + len(roles))
    while stop > end and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
        stop -= 1
    reached = end
    while reached < stop:
        begin = reached
        while begin < stop and doc[begin].text in _SEGMENT_MARKS:
            begin += 1
        finish = begin
        while finish < stop and doc[finish].text not in _SEGMENT_MARKS:
            finish += 1
        words = [
            k - start
            for k in range(begin, finish)
            if not (doc[k].is_punct or doc[k].is_space)
        ]
        if not words or cue.intersection(range(begin, finish)):
            break
        if float(roles[words, _MESSAGE].mean()) < threshold:
            break
        reached = finish
    if reached == end:
        return runs
    return _token_runs(k for k in range(runs[0][0], reached) if k not in cue)


def _whole_phrase(doc: Doc, run: Range, picked: numpy.ndarray, start: int) -> Range:
    """A run that stops inside a noun phrase, extended to the phrase's end.

    Only over tokens the tagger left outside every role (``Herr`` → ``Herr
    Schrodi``, ``des Kollegen`` → ``des Kollegen Klaus Ernst``).
    """
    sentence = g.sentence_of(doc, run[0])
    phrase = g.noun_phrase(doc, run[0], sentence[1])
    if phrase is None or phrase[1] <= run[1]:
        return run
    stop = min(phrase[1], start + len(picked))
    end = run[1]
    while end < stop and picked[end - start] == 0:
        end += 1
    return (run[0], end) if end == phrase[1] else run


#: Cue words that stand as a span of their own: the verb's separable particle or
#: reflexive (``zeigt sich``, ``lehnt … ab``), the corpus's PTC.
_OWN_SPAN_TAGS = frozenset({"PTKVZ", "PRF"})
_REFLEXIVES = frozenset({"sich", "mich", "dich", "uns", "euch"})


def _cue_spans(doc: Doc, anchor: int, tokens: set[int]) -> list[Range]:
    """Runs of cue tokens, a particle or reflexive beside the head kept apart."""
    own = {
        i
        for i in tokens
        if i != anchor
        and (doc[i].tag_ in _OWN_SPAN_TAGS or doc[i].lower_ in _REFLEXIVES)
    }
    return sorted(_token_runs(tokens - own) + [(i, i + 1) for i in own])


def _token_runs(tokens: Iterable[int]) -> list[Range]:
    out: list[Range] = []
    for i in sorted(tokens):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _message_size(candidate: Candidate) -> int:
    return len(candidate.tokens("message"))


def _declines(candidate: Candidate) -> bool:
    return candidate.negated and bool(candidate.cue)


def _merge_rule(
    candidate: Candidate, rule: Candidate | None, doc: Doc, lexicon: Lexicon
) -> None:
    """Take kind, mode, flags and missing roles from the rules' statement there."""
    if rule is not None:
        candidate.negated = rule.negated
        candidate.hearsay = rule.hearsay
        candidate.mode = rule.mode
        candidate.antecedent = rule.antecedent
        for field in ("source", "addressee", "medium", "topic", "evidence"):
            if not getattr(candidate, field) and getattr(rule, field):
                setattr(candidate, field, list(getattr(rule, field)))
        if candidate.cue:
            same_message = candidate.tokens("message") == rule.tokens("message")
            candidate.kind = (
                rule.kind if same_message else _kind_from_message(doc, candidate)
            )
        candidate.rule = f"model+{rule.rule}"
    else:
        _fill_unknown(candidate, doc, lexicon)


def _kind_from_message(doc: Doc, candidate: Candidate) -> str:
    """direct (all quoted), indirect (a clause) or reported (a phrase)."""
    tokens = sorted(candidate.tokens("message"))
    if not tokens:
        return "reported"
    words = [i for i in tokens if not doc[i].is_punct]
    if words and all(_in_quote(doc, i) for i in words):
        return "direct"
    clause_like = any(
        g.is_finite(doc[i]) or doc[i].tag_ in ("VVIZU", "PTKZU", "KOUS") for i in words
    )
    return "indirect" if clause_like else "reported"


def _in_quote(doc: Doc, i: int) -> bool:
    features = doc.user_data.get("_sayso_token_features")
    return features is not None and bool(features[i, 0])


def _negated_near(doc: Doc, candidate: Candidate) -> bool:
    """A negation in the cue's sentence, before the message and near the cue."""
    head = candidate.cue[0][0]
    message = candidate.tokens("message")
    sent = doc[head].sent
    for k in range(max(sent.start, head - 6), min(sent.end, head + 6)):
        if k not in message and (
            doc[k].tag_ == "PTKNEG" or doc[k].lower_ in ("nicht", "nie")
        ):
            return True
    return False


def _link_continuations(found: list[Candidate]) -> None:
    """A statement without source and cue continues the statement before it."""
    ordered = sorted(found, key=lambda c: c.anchor)
    previous: Candidate | None = None
    for candidate in ordered:
        if not candidate.source and not candidate.cue and candidate.antecedent is None:
            candidate.antecedent = previous
        if candidate.parent is None and (candidate.source or candidate.cue):
            previous = candidate
