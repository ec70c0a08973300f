"""Reports behind ``sayso evaluate news|spkatt|gold``: corpus metrics and who-said-what.

Each report takes the gold data (read with :mod:`sayso.corpora` or
:func:`~sayso.evaluation.whosaidwhat.load_gold`) and the predictions as
prediction records (``{"id", "statements": [...]}``, what ``sayso extract
--format jsonl`` writes and ``eval/score.py`` reads), and returns one
JSON-ready dict. :func:`extraction_records` runs sayso over the gold texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, get_args

from sayso.corpora.news_quotation import NewsDocument
from sayso.corpora.spkatt import SpkAttSpeech
from sayso.errors import InputError, SaysoError
from sayso.evaluation import news, patterns, spkatt, whosaidwhat
from sayso.extract import extract_articles
from sayso.model import (
    ROLES,
    Article,
    CharSpan,
    Failure,
    Kind,
    Mode,
    Statement,
    parse_date,
)

_KINDS: tuple[str, ...] = get_args(Kind)
_MODES: tuple[str, ...] = get_args(Mode)


def extraction_records(
    articles: Iterable[Article],
    *,
    lang: str = "de",
    domain: str = "news",
    rules_only: bool = False,
) -> Iterator[dict[str, Any] | Failure]:
    """Run sayso: a prediction record (or a failure) per article, in order."""
    results = extract_articles(
        articles, lang=lang, domain=domain, rules_only=rules_only
    )
    for result in results:
        if isinstance(result, Failure):
            yield result
        else:
            yield {
                "id": result.article.id,
                "statements": [s.to_dict() for s in result.statements],
            }


def gold_articles(golds: Mapping[str, Mapping[str, Any]]) -> list[Article]:
    """The texts of gold records as articles, with the gold's language and date."""
    articles = []
    for doc_id, gold in golds.items():
        published = gold.get("published")
        articles.append(
            Article(
                id=doc_id,
                text=str(gold["text"]),
                title=gold.get("title"),
                published=parse_date(published) if published else None,
                language=gold.get("lang") or None,
            )
        )
    return articles


def news_report(
    documents: Sequence[NewsDocument],
    records: Sequence[Mapping[str, Any]],
    *,
    groups: Mapping[str, Sequence[news.QuoteGroup]] | None = None,
    nested: bool = True,
    errors: int = 0,
) -> dict[str, Any]:
    """The news corpus's metric and who-said-what for prediction records.

    ``groups`` gives the system quotes in the corpus's own terms (predictions
    in the corpus format); otherwise they come from the records' statements
    through :func:`~sayso.evaluation.news.statement_groups`.
    """
    by_id = {d.id: d for d in documents}
    if groups is None:
        groups = {
            str(r["id"]): news.statement_groups(
                by_id[str(r["id"])], statements_of(r, by_id[str(r["id"])].text)
            )
            for r in records
            if str(r["id"]) in by_id
        }
    corpus = news.score_news(
        {d.id: news.gold_groups(d) for d in documents}, groups, nested=nested
    )
    matches = whosaidwhat.match(whosaidwhat.news_gold(documents), records)
    report: dict[str, Any] = {
        "corpus": "de-news-quotation",
        "documents": len(documents),
        "corpus_metric": corpus,
        "who_said_what": whosaidwhat.summarise(matches),
    }
    if errors:
        cases = patterns.whosaidwhat_errors(matches)
        report["error_totals"] = patterns.pattern_totals(cases)
        report["errors"] = patterns.top_patterns(cases, errors)
        report["kind_confusion"] = patterns.kind_confusion(matches)
    return report


def spkatt_report(
    speeches: Sequence[SpkAttSpeech],
    records: Sequence[Mapping[str, Any]] | None = None,
    *,
    events: Mapping[str, Sequence[spkatt.Event]] | None = None,
    errors: int = 0,
) -> dict[str, Any]:
    """The SpkAtt-2023 shared-task metric and the GePaDe-style figures.

    Predictions are either prediction records on the speeches' built texts or
    ``events`` (token ids per role, e.g. from official-format files).
    """
    gold = {s.id: spkatt.gold_events(s) for s in speeches}
    if events is None:
        by_id = {s.id: s for s in speeches}
        events = {
            str(r["id"]): spkatt.statement_events(
                by_id[str(r["id"])], statements_of(r, by_id[str(r["id"])].text)
            )
            for r in records or ()
            if str(r["id"]) in by_id
        }
    # the test split's gold has cues (and particles) only: no role figures there
    present = {
        role: any(event.get(role) for events_ in gold.values() for event in events_)
        for role in spkatt.ROLE_NAMES
    }
    annotated = any(found for role, found in present.items() if role != "PTC")
    shared_task = spkatt.score_spkatt(gold, events)
    gepade = spkatt.score_gepade_events(speeches, gold, events)
    if not annotated:
        shared_task["per_role"] = {
            role: figures
            for role, figures in shared_task["per_role"].items()
            if present[role]
        }
        del shared_task["roles"]
        gepade = {"cue": gepade["cue"]}
    report: dict[str, Any] = {
        "corpus": "spkatt-2023-task1",
        "speeches": len(speeches),
        "gold_events": sum(len(v) for v in gold.values()),
        "system_events": sum(len(events.get(s.id, ())) for s in speeches),
        "roles_annotated": annotated,
        "shared_task": shared_task,
        "gepade": gepade,
    }
    if errors:
        cases = patterns.spkatt_errors(speeches, gold, events)
        report["error_totals"] = patterns.pattern_totals(cases)
        report["errors"] = patterns.top_patterns(cases, errors)
    return report


def gold_report(
    golds: Mapping[str, Mapping[str, Any]],
    records: Sequence[Mapping[str, Any]],
    *,
    errors: int = 0,
) -> dict[str, Any]:
    """``eval/score.py``'s figures for prediction records against gold records."""
    matches = whosaidwhat.match(golds, records)
    report: dict[str, Any] = {"who_said_what": whosaidwhat.summarise(matches)}
    if errors:
        cases = patterns.whosaidwhat_errors(matches)
        report["error_totals"] = patterns.pattern_totals(cases)
        report["errors"] = patterns.top_patterns(cases, errors)
        report["kind_confusion"] = patterns.kind_confusion(matches)
    return report


def statements_of(record: Mapping[str, Any], text: str) -> list[Statement]:
    """The statements of a prediction record as :class:`Statement` objects on ``text``.

    Lenient where ``eval/score.py`` is: spans as ``{"start", "end"}`` or
    ``[start, end]``; a kind outside ours (``mixed``, none) counts as
    ``indirect``; an unknown mode as none. A span outside the text is an
    :class:`~sayso.errors.InputError` naming the document and statement.
    """
    out = []
    doc_id = str(record.get("id"))
    for number, item in enumerate(record.get("statements") or (), start=1):
        sid = str(item.get("id") or f"s{number}")
        try:
            roles = {
                role: tuple(CharSpan.of(text, *_pair(s)) for s in item.get(role) or ())
                for role in ROLES
            }
            kind = item.get("kind") if item.get("kind") in _KINDS else "indirect"
            mode = item.get("mode") if item.get("mode") in _MODES else None
            out.append(Statement(id=sid, kind=kind, mode=mode, **roles))  # type: ignore[arg-type]  # role fields
        except (SaysoError, KeyError, TypeError, ValueError, IndexError) as err:
            raise InputError(f"prediction {doc_id}", f"statement {sid}: {err}") from err
    return out


def _pair(span: Any) -> tuple[int, int]:
    if isinstance(span, Mapping):
        return int(span["start"]), int(span["end"])
    return int(span[0]), int(span[1])
