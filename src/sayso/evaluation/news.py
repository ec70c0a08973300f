"""The news quotation corpus's own metric (Petersen-Frey & Biemann 2024).

Re-implemented from the published scorer ``eval/eval.py`` of
uhh-lt/german-news-quotation-attribution-2024 (the same definition as the
SpkAtt-2023 task-2 scorer), which it follows exactly:

- **Tokens** are the corpus's own tokens (``tokenIds``), punctuation and
  quotation marks included; a part is the sorted set of its token ids.
- **Pairing**, per document: a matrix of gold x system quotes scored by the
  token F1 of the two quote token sets, plus 0.01 when the overlap is
  non-zero and the types agree, plus 0.001 when it is non-zero and the media
  agree (tie-breakers only); then a maximum-weight linear sum assignment
  (Hungarian method, :mod:`sayso.evaluation._assignment`, which reproduces
  ``scipy``'s choice among ties). As upstream, *every* row or column is
  assigned where the counts allow, so quotes without any overlap are paired
  too; only the surplus stays unpaired.
- **Per group** (each pair, each unpaired system quote against nothing, each
  unpaired gold quote against nothing): token TP/FP/FN for quote and for the
  roles addressee, cue, frame, speaker; precision of a part is
  TP/(TP+FP) and recall TP/(TP+FN), undefined (left out) where the
  denominator is 0.
- **Headline (macro)**: the mean over all groups of the defined precisions
  (and recalls) of the quote; of the four roles pooled ("roles"); of all
  five parts pooled ("joint"); F1 is the harmonic mean of these means. Also
  given here: the same per single role, and micro figures over all tokens
  (upstream logs those).
- **Type and medium**: per group, equal labels give a TP for the gold label,
  else an FP for the system label and an FN for the gold label (a missing
  label counts neither); micro P/R/F1 over all labels.
- Nested quotes (``isNested``) are included, as by default upstream.

Deviations, all where upstream stops with an exception: an empty quote has
token F1 0 (upstream divides by zero); no defined value gives 0.0 (upstream
divides by zero, e.g. without any system quote); a label outside the
corpus's set or a missing label on both sides is tallied (or skipped)
instead of raising ``KeyError``.

System statements become corpus quotes through :func:`statement_groups`,
whose conventions (documented there) follow the corpus's annotation guide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sayso.corpora.news_quotation import QUOTE_MARKS, NewsDocument
from sayso.evaluation._assignment import linear_sum_assignment
from sayso.model import CharSpan, Kind, Mode, Statement

#: The parts scored, quote first (upstream's order).
PARTS: Final[tuple[str, ...]] = ("quote", "addressee", "cue", "frame", "speaker")
ROLE_PARTS: Final[tuple[str, ...]] = PARTS[1:]
#: Our kind -> the corpus type; a headline ("Name: message") is a direct quote there.
KIND_TO_TYPE: Final[Mapping[Kind, str]] = {
    "direct": "Direct",
    "indirect": "Indirect",
    "reported": "Reported",
    "continuation": "IndirectFreeIndirect",
    "free_indirect": "FreeIndirect",
    "headline": "Direct",
}
MODE_TO_MEDIUM: Final[Mapping[Mode, str]] = {
    "speech": "Speech",
    "writing": "Writing",
    "thought": "Thought",
}
#: Kinds the corpus annotates as whole sentences without cue or frame.
SENTENCE_KINDS: Final[frozenset[str]] = frozenset(
    {"reported", "continuation", "free_indirect"}
)
_CLOSING_PUNCT = ".,;:!?…"

Ids = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One quote as the scorer sees it: sorted token ids per part, type, medium."""

    quote: Ids
    roles: Mapping[str, Ids] = field(default_factory=dict)
    type: str | None = None
    medium: str | None = None
    is_nested: bool = False
    label: str = ""

    def part(self, name: str) -> Ids:
        return self.quote if name == "quote" else self.roles.get(name, ())


@dataclass
class _Tally:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))


def gold_groups(document: NewsDocument) -> list[QuoteGroup]:
    """The gold quotes of a corpus document."""
    return [
        QuoteGroup(
            quote=_ids(q.quote.token_ids),
            roles={p: _ids(q.part(p).token_ids) for p in ROLE_PARTS},
            type=q.type or None,
            medium=q.medium or None,
            is_nested=q.is_nested,
            label=f"gold {q.id}",
        )
        for q in document.quotations
    ]


def statement_groups(
    document: NewsDocument, statements: Sequence[Statement]
) -> list[QuoteGroup]:
    """sayso statements as corpus quotes, following the corpus's conventions.

    - quote: the message's tokens; for ``direct`` and ``headline`` widened over
      the quotation marks around it (and punctuation before a closing mark),
      which the corpus includes; for ``reported``, ``continuation`` and
      ``free_indirect`` the whole sentence(s) the message lies in, as the
      corpus annotates these kinds (a statement without message keeps the
      sentence of its cue or source).
    - speaker: the source; addressee: the addressee; cue: every cue span
      (a separated particle belongs to the corpus cue too), none for the
      sentence kinds above, which the corpus annotates without cue.
    - frame, which a statement lacks: for ``direct``, ``indirect`` and
      ``headline``, the smallest stretch covering the cue, source and
      addressee spans that lie outside the message, within the sentence of
      the first such span, minus the message's tokens; empty otherwise.
    - type from the kind (:data:`KIND_TO_TYPE`), medium from the mode
      (:data:`MODE_TO_MEDIUM`; none without a mode); nested when its quote
      lies strictly inside another statement's quote.
    """
    drafts = []
    for statement in statements:
        quote = _quote_tokens(document, statement)
        sentence_kind = statement.kind in SENTENCE_KINDS
        roles = {
            "addressee": _ids(document.token_ids(statement.addressee)),
            "cue": () if sentence_kind else _ids(document.token_ids(statement.cue)),
            "frame": () if sentence_kind else _frame(document, statement, quote),
            "speaker": _ids(document.token_ids(statement.source)),
        }
        drafts.append((statement, quote, roles))
    quotes = [frozenset(q) for _, q, _ in drafts]
    groups = []
    for index, (statement, quote, roles) in enumerate(drafts):
        mine = quotes[index]
        nested = bool(mine) and any(
            mine < other for k, other in enumerate(quotes) if k != index
        )
        groups.append(
            QuoteGroup(
                quote=quote,
                roles=roles,
                type=KIND_TO_TYPE.get(statement.kind),
                medium=MODE_TO_MEDIUM.get(statement.mode) if statement.mode else None,
                is_nested=nested,
                label=f"system {statement.id}",
            )
        )
    return groups


def score_news(
    gold: Mapping[str, Sequence[QuoteGroup]],
    system: Mapping[str, Sequence[QuoteGroup]],
    *,
    nested: bool = True,
) -> dict[str, Any]:
    """The corpus metric over the gold documents (others are ignored)."""
    groups: list[_Tally] = []
    types: dict[str, list[int]] = {}
    media: dict[str, list[int]] = {}
    pairs = n_gold = n_system = 0
    for doc_id in sorted(gold):
        gold_groups_ = list(gold[doc_id])
        sys_groups = list(system.get(doc_id, ()))
        if not nested:
            gold_groups_ = [g for g in gold_groups_ if not g.is_nested]
            sys_groups = [g for g in sys_groups if not g.is_nested]
        n_gold += len(gold_groups_)
        n_system += len(sys_groups)
        rows, cols = _assign(sys_groups, gold_groups_)
        pairs += len(rows)
        empty = QuoteGroup(quote=())
        for gi, si in zip(rows, cols, strict=True):
            groups.append(_evaluate(sys_groups[si], gold_groups_[gi], types, media))
        for si in sorted(set(range(len(sys_groups))) - set(cols)):
            groups.append(_evaluate(sys_groups[si], empty, types, media))
        for gi in sorted(set(range(len(gold_groups_))) - set(rows)):
            groups.append(_evaluate(empty, gold_groups_[gi], types, media))
    return {
        "documents": len(gold),
        "documents_missing": sorted(d for d in gold if d not in system),
        "gold_quotes": n_gold,
        "system_quotes": n_system,
        "pairs": pairs,
        "groups": len(groups),
        "macro": _macro(groups),
        "micro": _micro(groups),
        "type": _labels(types),
        "medium": _labels(media),
    }


def quote_f1(gold: Sequence[int], system: Sequence[int]) -> float:
    """Token F1 of two duplicate-free id lists (upstream's ``compute_overlap``)."""
    both = len(set(gold) & set(system))
    only_g = len(gold) - both
    only_s = len(system) - both
    if not both:
        return 0.0
    precision = both / (both + only_s)
    recall = both / (both + only_g)
    return (
        0.0
        if precision + recall == 0.0
        else 2 * precision * recall / (precision + recall)
    )


def _assign(
    system: Sequence[QuoteGroup], gold: Sequence[QuoteGroup]
) -> tuple[list[int], list[int]]:
    matrix = []
    for g in gold:
        row = []
        for s in system:
            overlap = quote_f1(g.quote, s.quote)
            type_bonus = 0.01 if overlap > 0.0 and g.type == s.type else 0.0
            medium_bonus = 0.001 if overlap > 0.0 and g.medium == s.medium else 0.0
            row.append(overlap + type_bonus + medium_bonus)
        matrix.append(row)
    return linear_sum_assignment(matrix, maximize=True)


def _evaluate(
    system: QuoteGroup,
    gold: QuoteGroup,
    types: dict[str, list[int]],
    media: dict[str, list[int]],
) -> _Tally:
    tally = _Tally()
    for part in PARTS:
        g, s = set(gold.part(part)), set(system.part(part))
        tally.tp[part] = len(g & s)
        tally.fp[part] = len(s - g)
        tally.fn[part] = len(g - s)
    _label(types, system.type, gold.type)
    _label(media, system.medium, gold.medium)
    return tally


def _label(table: dict[str, list[int]], system: str | None, gold: str | None) -> None:
    if system == gold:
        if gold is not None:
            table.setdefault(gold, [0, 0, 0])[0] += 1
        return
    if system is not None:
        table.setdefault(system, [0, 0, 0])[1] += 1
    if gold is not None:
        table.setdefault(gold, [0, 0, 0])[2] += 1


def _macro(groups: Sequence[_Tally]) -> dict[str, dict[str, float]]:
    precision: dict[str, list[float]] = {p: [] for p in PARTS}
    recall: dict[str, list[float]] = {p: [] for p in PARTS}
    for g in groups:
        for p in PARTS:
            if g.tp[p] + g.fp[p] > 0:
                precision[p].append(g.tp[p] / (g.tp[p] + g.fp[p]))
            if g.tp[p] + g.fn[p] > 0:
                recall[p].append(g.tp[p] / (g.tp[p] + g.fn[p]))

    def pooled(parts: Iterable[str]) -> dict[str, float]:
        parts = list(parts)
        ps = [v for p in parts for v in precision[p]]
        rs = [v for p in parts for v in recall[p]]
        mp = sum(ps) / len(ps) if ps else 0.0
        mr = sum(rs) / len(rs) if rs else 0.0
        return {"p": mp, "r": mr, "f1": _f_beta(mp, mr)}

    out = {
        "quote": pooled(["quote"]),
        "roles": pooled(ROLE_PARTS),
        "joint": pooled(PARTS),
    }
    out.update({p: pooled([p]) for p in ROLE_PARTS})
    return out


def _micro(groups: Sequence[_Tally]) -> dict[str, dict[str, float]]:
    def pooled(parts: Sequence[str]) -> dict[str, float]:
        tp = sum(g.tp[p] for g in groups for p in parts)
        fp = sum(g.fp[p] for g in groups for p in parts)
        fn = sum(g.fn[p] for g in groups for p in parts)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        return {
            "p": prec,
            "r": rec,
            "f1": _f_beta(prec, rec),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }

    out = {
        "quote": pooled(["quote"]),
        "roles": pooled(ROLE_PARTS),
        "joint": pooled(PARTS),
    }
    out.update({p: pooled([p]) for p in ROLE_PARTS})
    return out


def _labels(table: Mapping[str, list[int]]) -> dict[str, Any]:
    tp = sum(v[0] for v in table.values())
    fp = sum(v[1] for v in table.values())
    fn = sum(v[2] for v in table.values())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {
        "p": prec,
        "r": rec,
        "f1": _f_beta(prec, rec),
        "labels": {
            k: {"tp": v[0], "fp": v[1], "fn": v[2]} for k, v in sorted(table.items())
        },
    }


def _f_beta(p: float, r: float) -> float:
    """Upstream's F1, written as it computes it: ``2 * (p * r / (p + r))``."""
    return 2 * ((p * r) / (p + r)) if p + r else 0.0


def _ids(values: Iterable[int]) -> Ids:
    return tuple(sorted(set(values)))


def _quote_tokens(document: NewsDocument, statement: Statement) -> Ids:
    text = document.text
    spans = [(s.start, s.end) for s in statement.message]
    if statement.kind in ("direct", "headline"):
        spans = [_with_quote_marks(text, s) for s in statement.message]
    ids = document.token_ids(spans)
    if statement.kind in SENTENCE_KINDS:
        anchors = spans or [
            (s.start, s.end) for s in (*statement.cue, *statement.source)
        ]
        whole: set[int] = set()
        for span in anchors[:1] if not spans else anchors:
            for token_id in document.token_ids([span]):
                sentence = document.sentences[document.tokens[token_id].sentence]
                whole.update(range(sentence.first_token, sentence.end_token))
        ids = frozenset(whole)
    return _ids(ids)


def _with_quote_marks(text: str, span: CharSpan) -> tuple[int, int]:
    start, end = span.start, span.end
    while start > 0 and text[start - 1] in QUOTE_MARKS:
        start -= 1
    probe = end
    while probe < len(text) and text[probe] in _CLOSING_PUNCT:
        probe += 1
    if probe < len(text) and text[probe] in QUOTE_MARKS:
        end = probe
        while end < len(text) and text[end] in QUOTE_MARKS:
            end += 1
    return start, end


def _frame(document: NewsDocument, statement: Statement, quote: Ids) -> Ids:
    inside = set(quote)
    pieces = []
    for span in (*statement.cue, *statement.source, *statement.addressee):
        ids = document.token_ids([span]) - inside
        if ids:
            pieces.append(ids)
    if not pieces:
        return ()
    sentence = document.tokens[min(pieces[0])].sentence
    kept = {
        i for piece in pieces for i in piece if document.tokens[i].sentence == sentence
    }
    return _ids(set(range(min(kept), max(kept) + 1)) - inside)
