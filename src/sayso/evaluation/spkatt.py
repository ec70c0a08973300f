"""SpkAtt-2023 task 1 / GePaDe metrics for speech events in Bundestag speeches.

Two families of figures, both on the corpus's own tokens.

**Shared-task metric** (:func:`score_spkatt`), as the organisers define it
(Rehbein et al. 2024, "Out of the mouths of MPs", §4 "Evaluation metric";
the KONVENS 2023 task's proportional, token-level P/R/F1; no scorer was
published for it, so this follows that description):

- Per speech, system cues are aligned with gold cues, at most one to one;
  alignment needs a non-zero overlap of cue tokens. Where several alignments
  are possible, the pair with the larger cue overlap goes first, then the
  earlier gold event, then the earlier system event (greedy; the description
  leaves this open).
- Every token of an aligned label counts: cue tokens in both are true
  positives, the rest false positives or negatives. An unaligned system
  event makes all its cue and role tokens false positives, an unaligned gold
  event all its tokens false negatives.
- Roles (PTC, Source, Message, Addr, Topic, Medium, Evidence) count only
  under aligned cues: per role, tokens in both are TP, system-only FP,
  gold-only FN. Reported: cue P/R/F1 over tokens, role P/R/F1 micro over all
  role tokens (the headline "role F1"), and per role; also cue P/R/F1 over
  events (aligned pairs).

**GePaDe-style figures** (:func:`score_gepade`, :func:`score_gepade_events`),
re-implemented from ``predictions/eval.py`` of umanlp/spkatt, which works on
sentence-level entries keyed by a cue candidate token: the B-V (head) sets of
gold and system entry are compared; with equal heads, *overlap* counts every
gold role token found in the system's set of that role type as TP (else FN)
and every other system token as FP, and *strict* counts a role type whose
non-empty token sets are identical as TP, else FP (plus FN when gold is
non-empty); with unequal heads all gold role tokens are FN and all system
ones FP (strict: per non-empty role type). Role types: Source, Message,
Addr, Topic, Medium, Evidence, PTC and V (further cue tokens, I-V); B/I are
merged. Upstream counts an entry as a cue *true positive* whenever both head
sets are equal, also when both are empty (a correctly rejected candidate),
and its false-negative branch can never fire, so its cue recall is always
1.0: reported here as ``cue_published``. ``cue`` is a proper P/R/F1 instead:
a gold event whose head the system matches is a TP, a missed one an FN, a
system event on another head an FP; rejected candidates count nothing.
Upstream stops on a gold entry missing from the predictions; here it counts
as predicting no event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from sayso.corpora.spkatt import SPKATT_ROLES, SpkAttSpeech
from sayso.model import Statement

#: Roles scored besides the cue (shared-task metric).
ROLE_NAMES: Final[tuple[str, ...]] = SPKATT_ROLES[1:]
#: Role types of the GePaDe scorer, in its order (V = further cue tokens).
GEPADE_ROLES: Final[tuple[str, ...]] = (
    "Source",
    "Message",
    "Addr",
    "Topic",
    "Medium",
    "Evidence",
    "PTC",
    "V",
)
#: Our role for each corpus role besides Cue and PTC.
OURS: Final[Mapping[str, str]] = {
    "Source": "source",
    "Message": "message",
    "Addr": "addressee",
    "Topic": "topic",
    "Medium": "medium",
    "Evidence": "evidence",
}
#: A later cue span that is one of these words is the cue's PTC (particle or reflexive).
PARTICLES: Final[frozenset[str]] = frozenset(
    (
        *("ab", "an", "auf", "aus", "bei", "bekannt", "dagegen", "daher", "dahin"),
        *("daran", "darauf", "dar", "dazu", "durch", "ein", "einher", "empor"),
        *("entgegen", "fest", "fort", "frei", "gegenüber", "heim", "her", "herab"),
        *("heran", "herauf", "heraus", "herbei", "herein", "herum", "hervor", "hin"),
        *("hinauf", "hinaus", "hinein", "hinweg", "hinzu", "klar", "kund", "los"),
        *("mit", "nach", "nahe", "nieder", "statt", "teil", "um", "vor", "voran"),
        *("voraus", "vorbei", "vorher", "vorweg", "weg", "weiter", "wider", "wieder"),
        *("zu", "zurecht", "zurück", "zusammen", "zuvor", "zuwider"),
        *("sich", "mich", "dich", "uns", "euch", "mir", "dir"),
    )
)
#: The reflexives among :data:`PARTICLES`: PTC before the verb too (sich … bekennen).
REFLEXIVES: Final[frozenset[str]] = frozenset(
    {"sich", "mich", "dich", "uns", "euch", "mir", "dir"}
)
_WORD = re.compile(r"\w+")

Event = Mapping[str, Sequence[int]]


def gold_events(speech: SpkAttSpeech) -> list[dict[str, tuple[int, ...]]]:
    """The gold events of a speech as role -> token ids."""
    return [{r: e.tokens(r) for r in SPKATT_ROLES} for e in speech.events]


def statement_events(
    speech: SpkAttSpeech, statements: Iterable[Statement]
) -> list[dict[str, tuple[int, ...]]]:
    """sayso statements on ``speech.text`` as SpkAtt events (token ids per role).

    A token belongs to a role when it overlaps one of the role's spans. A cue
    span that is a lone separable particle or reflexive pronoun
    (:data:`PARTICLES`) gives PTC after another cue span (``lehnt … ab``), a
    reflexive also before one (``sich … zu bekennen``); every other cue span
    gives Cue (``aus … Sicht``). Source, Message, Addr, Topic, Medium and Evidence come
    from source, message, addressee, topic, medium and evidence. Statements
    without a cue (``continuation``, ``free_indirect``) are not speech events
    in this scheme and are left out.
    """
    events = []
    for statement in statements:
        roles: dict[str, list[int]] = {r: [] for r in SPKATT_ROLES}
        words = [_WORD.findall(span.text.lower()) for span in statement.cue]
        lone = [w[0] if len(w) == 1 and w[0] in PARTICLES else "" for w in words]
        for number, span in enumerate(statement.cue):
            # a particle after the verb (lehnt … ab), a reflexive on either side
            ptc = bool(lone[number]) and (
                any(not w for w in lone[:number])
                or (lone[number] in REFLEXIVES and not all(lone))
            )
            role = "PTC" if ptc else "Cue"
            roles[role].extend(sorted(speech.token_ids([span])))
        if not roles["Cue"]:
            continue
        for corpus_role, ours in OURS.items():
            roles[corpus_role].extend(sorted(speech.token_ids(statement.spans(ours))))  # type: ignore[arg-type]  # ours are role names
        events.append({r: tuple(dict.fromkeys(ids)) for r, ids in roles.items()})
    return events


def gepade_events(
    speeches: Sequence[SpkAttSpeech], predictions: Iterable[Mapping[str, Any]]
) -> dict[str, list[dict[str, tuple[int, ...]]]]:
    """GePaDe system output (``predictions/eval.py``'s JSON lines) as SpkAtt events.

    Each line holds a sentence (``"<speech id>-sentence-<n>"``, ``n`` from 0)
    and, per cue candidate, one BIO tag per token; an entry with a ``B-V`` is
    an event, its ``B-V`` and ``I-V`` tokens the cue, the other tags its roles.
    Sentences of speeches not in ``speeches`` are passed over, so one file
    can be scored against a part of its split. Raises ``ValueError`` for a
    line that names no sentence, a sentence the speech does not have, or tags
    that do not fit the sentence's tokens."""
    by_id = {speech.id: speech for speech in speeches}
    events: dict[str, list[dict[str, tuple[int, ...]]]] = {s.id: [] for s in speeches}
    for number, line in enumerate(predictions, start=1):
        name = str(line.get("sentence_id", ""))
        try:
            speech_id, index = gepade_sentence(name)
        except ValueError as err:
            raise ValueError(f"line {number}: {err}") from None
        speech = by_id.get(speech_id)
        if speech is None:
            continue
        if index >= len(speech.sentences):
            raise ValueError(
                f"line {number}: {speech_id} has {len(speech.sentences)} sentences, "
                f"not a sentence {index}"
            )
        sentence = speech.sentences[index]
        length = sentence.end_token - sentence.first_token
        for key, entry in (line.get("annotations") or {}).items():
            tags = list(entry.get("roles") or ())
            if "B-V" not in tags:
                continue
            if len(tags) != length:
                raise ValueError(
                    f"line {number}: candidate {key} has {len(tags)} tags for "
                    f"the {length} tokens of {name}"
                )
            roles: dict[str, list[int]] = {role: [] for role in SPKATT_ROLES}
            roles["Cue"].append(sentence.first_token + tags.index("B-V"))
            for position, tag in enumerate(tags):
                label = tag.partition("-")[2]
                if tag == "B-V" or not label:
                    continue
                role = "Cue" if label == "V" else label
                if role in roles:
                    roles[role].append(sentence.first_token + position)
            events[speech_id].append({r: tuple(ids) for r, ids in roles.items()})
    return events


def gepade_sentence(name: str) -> tuple[str, int]:
    """The speech id and sentence number (from 0) of a GePaDe sentence id,
    ``"<speech id>-sentence-<n>"``; ``ValueError`` for another form."""
    speech_id, _, index = name.rpartition("-sentence-")
    if not speech_id or not index.isdigit():
        raise ValueError(
            f"no sentence id of the form '<speech id>-sentence-<n>' (got {name!r})"
        )
    return speech_id, int(index)


def score_spkatt(
    gold: Mapping[str, Sequence[Event]], system: Mapping[str, Sequence[Event]]
) -> dict[str, Any]:
    """The shared-task metric over every gold speech (see the module docstring)."""
    cue = [0, 0, 0]
    events = [0, 0, 0]
    roles = {r: [0, 0, 0] for r in ROLE_NAMES}
    for speech_id in sorted(gold):
        g_events = list(gold[speech_id])
        s_events = list(system.get(speech_id, ()))
        pairs = align_cues(g_events, s_events)
        paired_g = {i for i, _ in pairs}
        paired_s = {j for _, j in pairs}
        for i, j in pairs:
            _count(cue, g_events[i].get("Cue", ()), s_events[j].get("Cue", ()))
            for r in ROLE_NAMES:
                _count(roles[r], g_events[i].get(r, ()), s_events[j].get(r, ()))
        for j, event in enumerate(s_events):
            if j not in paired_s:
                _count(cue, (), event.get("Cue", ()))
                for r in ROLE_NAMES:
                    _count(roles[r], (), event.get(r, ()))
        for i, event in enumerate(g_events):
            if i not in paired_g:
                _count(cue, event.get("Cue", ()), ())
                for r in ROLE_NAMES:
                    _count(roles[r], event.get(r, ()), ())
        events[0] += len(pairs)
        events[1] += len(s_events) - len(pairs)
        events[2] += len(g_events) - len(pairs)
    all_roles = [sum(v[k] for v in roles.values()) for k in range(3)]
    return {
        "speeches": len(gold),
        "speeches_missing": sorted(s for s in gold if s not in system),
        "cue": _prf(*cue),
        "cue_events": _prf(*events),
        "roles": _prf(*all_roles),
        "per_role": {r: _prf(*v) for r, v in roles.items()},
    }


def align_cues(gold: Sequence[Event], system: Sequence[Event]) -> list[tuple[int, int]]:
    """One-to-one alignment of gold and system events by overlapping cue tokens."""
    candidates = []
    for i, g in enumerate(gold):
        g_cue = set(g.get("Cue", ()))
        for j, s in enumerate(system):
            overlap = len(g_cue & set(s.get("Cue", ())))
            if overlap:
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def gepade_entries(
    speech: SpkAttSpeech, events: Sequence[Event]
) -> dict[tuple[int, int], dict[str, list[int]]]:
    """Events as GePaDe entries: key (sentence index, head position), role -> positions.

    The head is the first listed cue token (GePaDe's B-V, verified on dev);
    roles keep only the tokens in the head's sentence (GePaDe's roles are
    sentence-local); as GePaDe keeps one tag per token, a token already tagged
    (head, then further cue tokens as V, then roles in corpus order) keeps its
    first tag. Of two events with the same head the first is kept.
    """
    sentence_of = {}
    for index, sentence in enumerate(speech.sentences):
        for token_id in range(sentence.first_token, sentence.end_token):
            sentence_of[token_id] = index
    entries: dict[tuple[int, int], dict[str, list[int]]] = {}
    for event in events:
        cue = list(event.get("Cue", ()))
        if not cue:
            continue
        head = cue[0]
        sent = sentence_of[head]
        first = speech.sentences[sent].first_token
        key = (sent, head - first)
        if key in entries:
            continue
        tagged = {head}
        entry: dict[str, list[int]] = {"cues": [head - first]}
        sources = [("V", cue[1:])] + [
            (r, list(event.get(r, ()))) for r in GEPADE_ROLES if r != "V"
        ]
        found: dict[str, set[int]] = {r: set() for r in GEPADE_ROLES}
        for role, ids in sources:
            for token_id in ids:
                if token_id in tagged or sentence_of.get(token_id) != sent:
                    continue
                tagged.add(token_id)
                found[role].add(token_id - first)
        entry.update({r: sorted(found[r]) for r in GEPADE_ROLES})
        entries[key] = entry
    return entries


def score_gepade_events(
    speeches: Sequence[SpkAttSpeech],
    gold: Mapping[str, Sequence[Event]],
    system: Mapping[str, Sequence[Event]],
) -> dict[str, Any]:
    """GePaDe-style overlap and strict figures with a proper cue P/R/F1, from events."""
    tally = _GepadeTally()
    for speech in sorted(speeches, key=lambda s: s.id):
        g_entries = gepade_entries(speech, gold.get(speech.id, ()))
        s_entries = gepade_entries(speech, system.get(speech.id, ()))
        for key in sorted(set(g_entries) | set(s_entries)):
            tally.add(g_entries.get(key), s_entries.get(key), candidate=True)
    return tally.result(published=False)


def score_gepade(
    gold: Mapping[str, Mapping[str, Any]], predictions: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """``predictions/eval.py`` on GePaDe files: gold ``dev.json``, system JSON lines."""
    pred = {str(p["sentence_id"]): p.get("annotations") or {} for p in predictions}
    tally = _GepadeTally()
    for sentence_id, sentence in gold.items():
        annotations = sentence.get("annotations") or {}
        predicted = pred.get(sentence_id, {})
        for index, entry in annotations.items():
            system_entry = predicted.get(index)
            tally.add(
                _bio_entry(entry.get("roles", ())),
                _bio_entry(system_entry.get("roles", ())) if system_entry else None,
                candidate=True,
            )
        for index, entry in predicted.items():
            if index not in annotations:
                tally.extra(_bio_entry(entry.get("roles", ())))
    return tally.result(published=True)


class _GepadeTally:
    def __init__(self) -> None:
        self.published = [0, 0, 0]
        self.cue = [0, 0, 0]
        self.overlap = {r: [0, 0, 0] for r in GEPADE_ROLES}
        self.strict = {r: [0, 0, 0] for r in GEPADE_ROLES}

    def add(
        self,
        gold: Mapping[str, list[int]] | None,
        system: Mapping[str, list[int]] | None,
        *,
        candidate: bool,
    ) -> None:
        g = gold or {}
        s = system or {}
        g_cues, s_cues = g.get("cues", []), s.get("cues", [])
        if candidate:
            self.published[0 if g_cues == s_cues else 1] += 1
        if g_cues and g_cues == s_cues:
            self.cue[0] += 1
        else:
            if s_cues:
                self.cue[1] += 1
            if g_cues:
                self.cue[2] += 1
        for role in GEPADE_ROLES:
            g_ids, s_ids = g.get(role, []), s.get(role, [])
            if g_cues == s_cues:
                overlap = self.overlap[role]
                overlap[0] += sum(1 for x in g_ids if x in s_ids)
                overlap[2] += sum(1 for x in g_ids if x not in s_ids)
                overlap[1] += sum(1 for x in s_ids if x not in g_ids)
                if g_ids == s_ids:
                    if g_ids:
                        self.strict[role][0] += 1
                else:
                    self.strict[role][1] += 1
                    if g_ids:
                        self.strict[role][2] += 1
            else:
                self.overlap[role][2] += len(g_ids)
                self.overlap[role][1] += len(s_ids)
                if g_ids:
                    self.strict[role][2] += 1
                if s_ids:
                    self.strict[role][1] += 1

    def extra(self, system: Mapping[str, list[int]]) -> None:
        """A system entry on a non-candidate token: only the proper cue counts it."""
        if system.get("cues"):
            self.cue[1] += 1

    def result(self, *, published: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"cue": _prf(*self.cue)}
        if published:
            out["cue_published"] = _prf(*self.published)
        for name, table in (
            ("roles_overlap", self.overlap),
            ("roles_strict", self.strict),
        ):
            total = [sum(v[k] for v in table.values()) for k in range(3)]
            out[name] = _prf(*total) | {
                "per_role": {r: _prf(*v) for r, v in table.items()}
            }
        return out


def _bio_entry(tags: Sequence[str]) -> dict[str, list[int]]:
    entry: dict[str, list[int]] = {"cues": []}
    for role in GEPADE_ROLES:
        entry[role] = []
    for index, tag in enumerate(tags):
        if tag == "B-V":
            entry["cues"].append(index)
            continue
        for role in GEPADE_ROLES:
            if tag.endswith("-" + role):
                entry[role].append(index)
    return entry


def _count(table: list[int], gold: Iterable[int], system: Iterable[int]) -> None:
    g, s = set(gold), set(system)
    table[0] += len(g & s)
    table[1] += len(s - g)
    table[2] += len(g - s)


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}
