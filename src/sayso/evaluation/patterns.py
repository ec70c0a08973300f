"""Error patterns: what goes wrong most often, by kind and cue lemma.

Every gold or predicted statement that is not fully right becomes one
:class:`ErrorCase`; cases with the same (pattern, kind, cue lemma) are
counted together by :func:`top_patterns`. The patterns:

- ``missed``: a gold statement no prediction pairs with;
- ``spurious``: a prediction that pairs with no gold statement;
- ``wrong-speaker``: paired, message right, speaker (or source) wrong;
- ``wrong-message-boundary``: paired, speaker right, message wrong;
- ``wrong-speaker+message``: paired, both wrong.

"Right" is who-said-what's test (``eval/score.py``): message token F1 >= 0.5
(or inside a ``reported`` gold message), speaker named or source token F1
>= 0.5. For SpkAtt, where every token counts, a pair's source or message is
wrong when its token set differs from gold at all, and the kind is ``-``
(the corpus has none). The kind of a pair is the gold kind, ``gold>pred``
where the prediction's differs; the cue lemma is that of the gold cue
(the predicted one for ``spurious``), lemmatised word by word with
simplemma, ``(no cue)`` without a cue.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import simplemma

from sayso.corpora.spkatt import SpkAttSpeech
from sayso.evaluation.spkatt import Event, align_cues
from sayso.evaluation.whosaidwhat import TOKEN, DocumentMatch, Side

NO_CUE = "(no cue)"


@dataclass(frozen=True, slots=True)
class ErrorCase:
    """One wrong statement: its pattern, kind, cue lemma, document and an excerpt."""

    pattern: str
    kind: str
    cue: str
    doc_id: str
    excerpt: str


def whosaidwhat_errors(matches: Iterable[DocumentMatch]) -> list[ErrorCase]:
    """The error cases of who-said-what pairings (gold order, then predictions)."""
    cases = []
    for m in matches:
        paired_pred = set(m.pairs.values())
        for i, gold in enumerate(m.gold):
            if i not in m.pairs:
                cases.append(_case("missed", _kind(gold), _cue(m.text, gold), m, gold))
                continue
            pred = m.pred[m.pairs[i]]
            msg_ok, who_ok = m.message_ok[i], m.speaker_ok[i]
            if msg_ok and who_ok:
                continue
            pattern = (
                "wrong-speaker+message"
                if not msg_ok and not who_ok
                else ("wrong-speaker" if msg_ok else "wrong-message-boundary")
            )
            kind = _kind(gold)
            if _kind(pred) != kind:
                kind = f"{kind}>{_kind(pred)}"
            cases.append(_case(pattern, kind, _cue(m.text, gold), m, gold, pred))
        for j, pred in enumerate(m.pred):
            if j not in paired_pred:
                cases.append(
                    _case("spurious", _kind(pred), _cue(m.text, pred), m, pred)
                )
    return cases


def kind_confusion(matches: Iterable[DocumentMatch]) -> dict[str, dict[str, int]]:
    """Gold kind -> predicted kind counts; ``(missed)``/``(spurious)`` if unpaired."""
    table: dict[str, Counter[str]] = {}
    for m in matches:
        paired_pred = set(m.pairs.values())
        for i, gold in enumerate(m.gold):
            pred = _kind(m.pred[m.pairs[i]]) if i in m.pairs else "(missed)"
            table.setdefault(_kind(gold), Counter())[pred] += 1
        for j, pred_side in enumerate(m.pred):
            if j not in paired_pred:
                table.setdefault("(spurious)", Counter())[_kind(pred_side)] += 1
    return {g: dict(sorted(c.items())) for g, c in sorted(table.items())}


def spkatt_errors(
    speeches: Sequence[SpkAttSpeech],
    gold: Mapping[str, Sequence[Event]],
    system: Mapping[str, Sequence[Event]],
) -> list[ErrorCase]:
    """Error cases of the shared-task cue alignment, with source/message checks."""
    cases = []
    for speech in speeches:
        g_events = list(gold.get(speech.id, ()))
        s_events = list(system.get(speech.id, ()))
        pairs = align_cues(g_events, s_events)
        paired_s = {j for _, j in pairs}
        by_gold = dict(pairs)
        for i, event in enumerate(g_events):
            cue = _token_lemmas(speech, event.get("Cue", ()))
            if i not in by_gold:
                cases.append(
                    ErrorCase("missed", "-", cue, speech.id, _excerpt(speech, event))
                )
                continue
            pred = s_events[by_gold[i]]
            source_ok = set(event.get("Source", ())) == set(pred.get("Source", ()))
            message_ok = set(event.get("Message", ())) == set(pred.get("Message", ()))
            if source_ok and message_ok:
                continue
            pattern = (
                "wrong-speaker+message"
                if not source_ok and not message_ok
                else ("wrong-speaker" if message_ok else "wrong-message-boundary")
            )
            cases.append(
                ErrorCase(pattern, "-", cue, speech.id, _excerpt(speech, event))
            )
        for j, event in enumerate(s_events):
            if j not in paired_s:
                cue = _token_lemmas(speech, event.get("Cue", ()))
                cases.append(
                    ErrorCase("spurious", "-", cue, speech.id, _excerpt(speech, event))
                )
    return cases


def top_patterns(
    cases: Sequence[ErrorCase], n: int, *, examples: int = 2
) -> list[dict[str, Any]]:
    """The ``n`` most frequent (pattern, kind, cue) groups, with counts and examples."""
    groups: dict[tuple[str, str, str], list[ErrorCase]] = {}
    for case in cases:
        groups.setdefault((case.pattern, case.kind, case.cue), []).append(case)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {
            "pattern": pattern,
            "kind": kind,
            "cue": cue,
            "count": len(members),
            "examples": [
                {"doc": c.doc_id, "text": c.excerpt} for c in members[:examples]
            ],
        }
        for (pattern, kind, cue), members in ranked[:n]
    ]


def pattern_totals(cases: Iterable[ErrorCase]) -> dict[str, int]:
    """How many cases each pattern has."""
    return dict(sorted(Counter(c.pattern for c in cases).items()))


@functools.lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """The lower-cased German lemma of one word (simplemma)."""
    return str(simplemma.lemmatize(word, lang="de")).lower()


def _kind(side: Side) -> str:
    return str(side.raw.get("kind") or "?")


def _cue(text: str, side: Side) -> str:
    words = [
        w for a, b in _raw_spans(side.raw.get("cue")) for w in TOKEN.findall(text[a:b])
    ]
    return " ".join(lemma(w) for w in words) if words else NO_CUE


def _case(
    pattern: str,
    kind: str,
    cue: str,
    m: DocumentMatch,
    side: Side,
    other: Side | None = None,
) -> ErrorCase:
    message = _text(m.text, side.raw.get("message"))
    excerpt = _shorten(message or _text(m.text, side.raw.get("cue")))
    if other is not None and pattern != "wrong-message-boundary":
        who = _text(m.text, side.raw.get("source")) or "-"
        got = other.raw.get("speaker") or _text(m.text, other.raw.get("source")) or "-"
        excerpt += f" [gold: {_shorten(who, 40)}; predicted: {_shorten(str(got), 40)}]"
    elif other is not None:
        predicted = _shorten(_text(m.text, other.raw.get("message")))
        excerpt += f" [predicted: {predicted}]"
    return ErrorCase(pattern, kind, cue, m.doc_id, excerpt)


def _raw_spans(value: Any) -> list[tuple[int, int]]:
    out = []
    for s in value or []:
        if isinstance(s, Mapping):
            out.append((int(s["start"]), int(s["end"])))
        else:
            out.append((int(s[0]), int(s[1])))
    return out


def _text(text: str, spans: Any) -> str:
    return " … ".join(text[a:b] for a, b in _raw_spans(spans))


def _token_lemmas(speech: SpkAttSpeech, ids: Sequence[int]) -> str:
    words = [speech.tokens[i].text for i in ids]
    return " ".join(lemma(w) for w in words if TOKEN.search(w)) or NO_CUE


def _excerpt(speech: SpkAttSpeech, event: Event) -> str:
    ids = sorted(
        {*event.get("Cue", ()), *event.get("Source", ()), *event.get("Message", ())}
    )
    if not ids:
        return ""
    return _shorten(
        speech.text[speech.tokens[ids[0]].start : speech.tokens[ids[-1]].end]
    )


def _shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
