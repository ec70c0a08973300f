"""Who said what: the project's scorer ``eval/score.py``, inside the package.

:func:`score` gives exactly the figures of ``score.py score --json`` (same
pairing, same rounding, same keys), so users can score without ``../shared``:

- Tokens are runs of word characters (``\\w+``); every span is compared as
  the set of tokens it overlaps.
- Per document, a predicted and a gold statement may pair when their cue
  tokens overlap, or their message tokens overlap with Jaccard >= 0.5, or the
  gold statement is ``reported`` and the predicted message (two tokens or
  more) lies wholly inside the gold one. Candidates are sorted by (cue
  overlap?, Jaccard or 0.5 for "inside", gold index, predicted index),
  descending, and taken greedily, each statement at most once.
- Predictions whose message and cue tokens lie wholly inside a gold
  ``ignore`` region are dropped before pairing.
- **who-said-what**: a pair counts when the message is right (no gold
  message, or token F1 >= 0.5, or "inside" for ``reported``) and the speaker
  is right: the predicted ``speaker`` names a gold alias (NFKC, case-folded,
  whole name or same last word); where the gold names no speakers (gold
  converted from the news corpus) the predicted source span must reach token
  F1 >= 0.5 against the gold speaker mention (both empty counts as 1.0).
- Also statement detection P/R/F1, token P/R/F1 per role over all statements
  (true positives only from pairs), and accuracy of kind, hearsay, negated and
  parent on pairs where the gold value is given (parent only for gold with
  resolved speakers).

Where ``score.py`` would stop with a traceback on malformed input (a gold
statement without a role key, an empty alias) this module treats the missing
value as empty instead; on well-formed input the output is identical, which
a test checks against ``score.py`` itself. :func:`news_gold` is
``score.py convert-wikinews`` in memory.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, cast

from sayso.corpora._offsets import TokenIndex
from sayso.corpora.news_quotation import TYPE_TO_KIND, NewsDocument
from sayso.errors import InputError
from sayso.model import ROLES, Extraction

TOKEN: Final = re.compile(r"\w+", re.UNICODE)
ATTRIBUTES: Final[tuple[str, ...]] = ("kind", "hearsay", "negated", "parent")

Tokens = frozenset[int]


@dataclass(frozen=True, slots=True)
class Side:
    """One statement (gold or predicted) as token sets per role, with its raw record."""

    roles: Mapping[str, Tokens]
    raw: Mapping[str, Any]

    def __getitem__(self, role: str) -> Tokens:
        return self.roles[role]


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    """The pairing of one document: gold and kept predicted statements, pairs."""

    doc_id: str
    text: str
    gold: tuple[Side, ...]
    pred: tuple[Side, ...]
    pairs: Mapping[int, int]
    message_ok: Mapping[int, bool]
    speaker_ok: Mapping[int, bool]
    found: bool

    @property
    def who_said_what(self) -> int:
        return sum(1 for i in self.pairs if self.message_ok[i] and self.speaker_ok[i])


def load_gold(folder: str | Path) -> dict[str, dict[str, Any]]:
    """Every ``*.gold.json`` under ``folder`` (recursively, sorted), by its ``id``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            str(folder),
            "is not a folder; give a gold folder, e.g. ../shared/gold/de-news-dev/gold",
        )
    golds: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*.gold.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InputError(str(path), f"is not a readable gold file ({err})") from err
        if not isinstance(data, dict) or "id" not in data or "text" not in data:
            raise InputError(
                str(path), "is not a gold file (needs 'id', 'text', 'statements')"
            )
        golds[str(data["id"])] = data
    if not golds:
        raise InputError(
            str(folder),
            "holds no *.gold.json files; give a folder such as "
            "../shared/gold/de-news-dev/gold or ../shared/gold/news-de",
        )
    return golds


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """A prediction file: JSON lines or a JSON array of ``{"id", "statements"}``."""
    return prediction_records(path, read_json_records(path))


def read_json_records(path: str | Path) -> list[Any]:
    """The entries of a JSON-lines file or of a JSON array, as parsed."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot be read ({err})") from err
    if raw.startswith("["):
        try:
            return cast(list[Any], json.loads(raw))
        except json.JSONDecodeError as err:
            raise InputError(str(path), f"is not a JSON array ({err})") from err
    items = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise InputError(
                    str(path), f"line {number} is not JSON ({err})"
                ) from err
    return items


def prediction_records(path: str | Path, items: list[Any]) -> list[dict[str, Any]]:
    """``items`` read from ``path``, checked to be prediction records."""
    if not all(isinstance(item, dict) and "id" in item for item in items):
        raise InputError(
            str(path),
            "is not a prediction file: each entry needs "
            '{"id": ..., "statements": [...]} '
            "(write one with `sayso extract --format jsonl`)",
        )
    return cast(list[dict[str, Any]], items)


def predictions_from(extractions: Iterable[Extraction]) -> list[dict[str, Any]]:
    """Extraction results as prediction records (``sayso extract --format jsonl``)."""
    return [
        {"id": e.article.id, "statements": [s.to_dict() for s in e.statements]}
        for e in extractions
    ]


def news_gold(documents: Iterable[NewsDocument]) -> dict[str, dict[str, Any]]:
    """News corpus documents as gold records (``score.py convert-wikinews``)."""
    golds: dict[str, dict[str, Any]] = {}
    for doc in documents:
        statements = []
        for q in doc.quotations:
            statements.append(
                {
                    "n": q.id,
                    "kind": TYPE_TO_KIND.get(q.type, q.type),
                    "hearsay": None,
                    "negated": None,
                    "parent": None,
                    "speakers": None,
                    "mode": q.medium,
                    "cue": _pairs(q.cue.spans),
                    "source": _pairs(q.speaker.spans),
                    "message": _pairs(q.quote.spans),
                    "addressee": _pairs(q.addressee.spans),
                    "medium": [],
                    "topic": [],
                    "evidence": [],
                }
            )
        golds[doc.id] = {
            "id": doc.id,
            "lang": "de",
            "title": doc.name,
            "text": doc.text,
            "ignore": [],
            "statements": statements,
        }
    return golds


def score(
    golds: Mapping[str, Mapping[str, Any]], predictions: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """The figures of ``score.py score --json`` for gold and prediction records."""
    return summarise(match(golds, predictions))


def score_paths(gold_dir: str | Path, prediction_file: str | Path) -> dict[str, Any]:
    """``score.py score --json GOLD_DIR PRED``."""
    return score(load_gold(gold_dir), load_predictions(prediction_file))


def match(
    golds: Mapping[str, Mapping[str, Any]], predictions: Iterable[Mapping[str, Any]]
) -> list[DocumentMatch]:
    """Pair predicted with gold statements, document by document (gold order)."""
    preds = {str(p["id"]): p for p in predictions}
    return [
        match_document(doc_id, gold, preds.get(doc_id))
        for doc_id, gold in golds.items()
    ]


def match_document(
    doc_id: str, gold: Mapping[str, Any], prediction: Mapping[str, Any] | None
) -> DocumentMatch:
    """The pairing of one document, as ``score.py`` makes it."""
    text = str(gold["text"])
    index = TokenIndex((m.start(), m.end()) for m in TOKEN.finditer(text))
    ignore = index.tokens(_spans(gold.get("ignore")))
    gst = tuple(
        Side({r: index.tokens(_spans(s.get(r))) for r in ROLES}, s)
        for s in gold["statements"]
    )
    pst_list = []
    for s in (prediction or {}).get("statements", []) or []:
        side = Side({r: index.tokens(_spans(s.get(r))) for r in ROLES}, s)
        body = side["message"] | side["cue"]
        if body and body <= ignore:
            continue
        pst_list.append(side)
    pst = tuple(pst_list)
    candidates: list[tuple[bool, float, int, int]] = []
    for i, gs in enumerate(gst):
        for j, ps in enumerate(pst):
            cue = len(gs["cue"] & ps["cue"])
            union = gs["message"] | ps["message"]
            jaccard = len(gs["message"] & ps["message"]) / len(union) if union else 0.0
            inside = _reported_inside(gs, ps)
            if cue or (gs["message"] and jaccard >= 0.5) or inside:
                candidates.append((cue > 0, max(jaccard, 0.5 if inside else 0.0), i, j))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: dict[int, int] = {}
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs[i] = j
    message_ok: dict[int, bool] = {}
    speaker_ok: dict[int, bool] = {}
    for i, j in pairs.items():
        gs, ps = gst[i], pst[j]
        message_ok[i] = (
            not gs["message"]
            or token_f1(gs["message"], ps["message"]) >= 0.5
            or _reported_inside(gs, ps)
        )
        if gs.raw.get("speakers") is None:
            speaker_ok[i] = token_f1(gs["source"], ps["source"]) >= 0.5
        else:
            speaker_ok[i] = speaker_named(ps.raw.get("speaker"), gs.raw["speakers"])
    return DocumentMatch(
        doc_id=doc_id,
        text=text,
        gold=gst,
        pred=pst,
        pairs=pairs,
        message_ok=message_ok,
        speaker_ok=speaker_ok,
        found=prediction is not None,
    )


def summarise(matches: Sequence[DocumentMatch]) -> dict[str, Any]:
    """The figures of ``score.py`` from the pairings of every document."""
    n_pred = n_gold = matched = wsw = 0
    role = {r: [0, 0, 0] for r in ROLES}  # predicted, gold, true-positive tokens
    attrs = {k: [0, 0] for k in ATTRIBUTES}
    per_doc: dict[str, dict[str, Any]] = {}
    for m in matches:
        for i, j in m.pairs.items():
            _count_attributes(attrs, m, i, j)
        for r in ROLES:
            role[r][0] += sum(len(p[r]) for p in m.pred)
            role[r][1] += sum(len(g[r]) for g in m.gold)
            role[r][2] += sum(
                len(m.gold[i][r] & m.pred[j][r]) for i, j in m.pairs.items()
            )
        doc_wsw = m.who_said_what
        n_pred += len(m.pred)
        n_gold += len(m.gold)
        matched += len(m.pairs)
        wsw += doc_wsw
        per_doc[m.doc_id] = {
            "gold": len(m.gold),
            "pred": len(m.pred),
            "matched": len(m.pairs),
            "who_said_what": doc_wsw,
            "found": m.found,
        }
    return {
        "documents": len(matches),
        "documents_missing": sorted(m.doc_id for m in matches if not m.found),
        "who_said_what": prf(n_pred, n_gold, wsw),
        "statements": prf(n_pred, n_gold, matched),
        "roles_token_f1": {r: prf(*v) for r, v in role.items()},
        "attribute_accuracy_on_matched": {
            k: round(a / b, 4) if b else None for k, (a, b) in attrs.items()
        },
        "per_document": per_doc,
    }


def _count_attributes(
    attrs: dict[str, list[int]], m: DocumentMatch, i: int, j: int
) -> None:
    gs, ps = m.gold[i].raw, m.pred[j].raw
    for k in ("kind", "hearsay", "negated"):
        if gs.get(k) is None:
            continue
        attrs[k][1] += 1
        if k == "kind":
            attrs[k][0] += ps.get("kind") == gs["kind"]
        else:
            attrs[k][0] += bool(ps.get(k)) == gs[k]
    if gs.get("speakers") is None:  # converted gold: no parent links to check
        return
    gold_parent = gs.get("parent")
    parent_index = None
    if gold_parent is not None:
        parent_index = next(
            (x for x, s in enumerate(m.gold) if s.raw.get("n") == gold_parent), None
        )
    want = (
        m.pred[m.pairs[parent_index]].raw.get("id")
        if parent_index is not None and parent_index in m.pairs
        else None
    )
    got = ps.get("parent")
    attrs["parent"][1] += 1
    attrs["parent"][0] += (gold_parent is None and got is None) or (
        want is not None and got == want
    )


def prf(pred: int, gold: int, tp: int) -> dict[str, Any]:
    """Precision, recall and F1 rounded to 4 places, with counts (``score.py``'s)."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": round(p, 4),
        "r": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "pred": pred,
        "gold": gold,
    }


def token_f1(gold: Tokens, pred: Tokens) -> float:
    """Token-set F1; two empty sets agree (1.0)."""
    if not gold and not pred:
        return 1.0
    inter = len(gold & pred)
    if not inter:
        return 0.0
    p, r = inter / len(pred), inter / len(gold)
    return 2 * p * r / (p + r)


def normalise_name(name: str) -> str:
    """NFKC, case-folded, word characters only, single spaces."""
    name = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(TOKEN.findall(name))


def speaker_named(pred: Any, gold_speakers: Sequence[Sequence[str]]) -> bool:
    """Does a predicted speaker (a name or a list) name one of the gold persons?"""
    if not pred:
        return False
    names = [pred] if isinstance(pred, str) else [p for p in pred if isinstance(p, str)]
    for p in map(normalise_name, names):
        if not p:
            continue
        for aliases in gold_speakers:
            for alias in map(normalise_name, aliases):
                if p == alias or (alias and p.split()[-1] == alias.split()[-1]):
                    return True
    return False


def _reported_inside(gs: Side, ps: Side) -> bool:
    """A summarised act: a predicted message of 2+ tokens wholly inside the gold one."""
    return (
        gs.raw.get("kind") == "reported"
        and len(ps["message"]) >= 2
        and ps["message"] <= gs["message"]
    )


def _spans(value: Any) -> list[tuple[int, int]]:
    out = []
    for s in value or []:
        if isinstance(s, Mapping):
            out.append((int(s["start"]), int(s["end"])))
        else:
            out.append((int(s[0]), int(s[1])))
    return out


def _pairs(spans: Iterable[Any]) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]
