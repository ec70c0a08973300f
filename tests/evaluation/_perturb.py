"""Deterministic "system output" made by damaging gold annotations (test helper)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from sayso.corpora.news_quotation import NewsDocument
from sayso.evaluation.news import ROLE_PARTS, QuoteGroup

TYPES = ("Direct", "Indirect", "Reported", "IndirectFreeIndirect", "FreeIndirect")
MEDIA = ("Speech", "Writing", "Thought", "SW")


def perturbed_groups(
    documents: Sequence[NewsDocument], seed: int
) -> dict[str, list[QuoteGroup]]:
    """Drop, shorten, shift and relabel gold quotes; add a few spurious ones."""
    rnd = random.Random(seed)
    out: dict[str, list[QuoteGroup]] = {}
    for doc in documents:
        if rnd.random() < 0.05:
            continue
        n = len(doc.tokens)
        groups = []
        for q in doc.quotations:
            if rnd.random() < 0.15:
                continue
            parts: dict[str, tuple[int, ...]] = {}
            for name in ("quote", *ROLE_PARTS):
                ids = list(q.part(name).token_ids)
                x = rnd.random()
                if x < 0.2 and ids:
                    ids = ids[rnd.randint(0, len(ids) - 1) :]
                elif x < 0.3 and ids:
                    ids = [min(n - 1, i + rnd.randint(1, 5)) for i in ids]
                elif x < 0.35 and name != "quote":
                    ids = []
                if name == "quote" and not ids:
                    ids = list(q.quote.token_ids) or [0]
                parts[name] = tuple(sorted(set(ids)))
            kind = rnd.choice(TYPES) if rnd.random() < 0.2 else q.type
            medium = rnd.choice(MEDIA) if rnd.random() < 0.2 else q.medium
            groups.append(
                QuoteGroup(
                    quote=parts.pop("quote"), roles=parts, type=kind, medium=medium
                )
            )
        for _ in range(rnd.randint(0, 2)):
            s = rnd.randint(0, max(0, n - 3))
            quote = tuple(range(s, min(n, s + rnd.randint(1, 15))))
            roles = {"addressee": (), "cue": (), "frame": (), "speaker": (s,)}
            groups.append(
                QuoteGroup(quote=quote, roles=roles, type="Indirect", medium="Speech")
            )
        out[doc.id] = groups
    return out


def as_corpus_json(
    document: NewsDocument, groups: Sequence[QuoteGroup]
) -> dict[str, Any]:
    """Groups in the corpus's JSON shape (what upstream ``eval.py`` reads)."""
    return {
        "documentName": document.name,
        "annotations": [
            {
                "id": k,
                "type": g.type,
                "medium": g.medium,
                "quote": {"tokenIds": list(g.quote)},
                **{p: {"tokenIds": list(g.part(p))} for p in ROLE_PARTS},
            }
            for k, g in enumerate(groups)
        ],
    }
