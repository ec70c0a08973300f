"""``sayso evaluate news|spkatt|gold``: each corpus's own metric and who-said-what."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from sayso.cli import evaluate_app
from sayso.cli._console import complain, progress
from sayso.corpora.news_quotation import read_news_split
from sayso.corpora.spkatt import read_spkatt_speech, read_spkatt_split
from sayso.errors import InputError, SaysoError
from sayso.evaluation.attribution import (
    extraction_records,
    gold_articles,
    gold_report,
    news_report,
    spkatt_report,
)
from sayso.evaluation.news import gold_groups
from sayso.evaluation.spkatt import gepade_events, gepade_sentence, gold_events
from sayso.evaluation.whosaidwhat import (
    load_gold,
    load_predictions,
    prediction_records,
    read_json_records,
)
from sayso.model import Article, Failure

_PREDICTIONS_HELP = (
    "Score this saved prediction file (JSON lines as `sayso extract --format jsonl` "
    "writes them, ids = document ids) instead of running extraction."
)
_JSON_HELP = "Print one JSON object instead of tables."
_ERRORS_HELP = "Also list the N most frequent error patterns (missed, spurious, wrong "
_ERRORS_HELP += "speaker, wrong message boundary) by kind and cue lemma."
_NEWS_DIR = "A split folder of the news quotation corpus, "
_NEWS_DIR += "e.g. ../shared/data/de-news-quotation/data/dev."
_SPKATT_DIR = "A SpkAtt-2023 task-1 folder, "
_SPKATT_DIR += "e.g. ../shared/data/spkatt-2023-task1/data/dev/task1."
_RULES_HELP = "Extract with the rules alone, without the learned model."
_GOLD_DIR = "A folder of *.gold.json files in eval/score.py's format, "
_GOLD_DIR += "e.g. ../shared/gold/de-news-dev/gold or ../shared/gold/news-de."


@evaluate_app.command("news")
def news_cli(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_NEWS_DIR)],
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            metavar="FILE",
            help=_PREDICTIONS_HELP + " A folder of corpus-format JSON files is read "
            "as system quotes in the corpus's own terms.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
    errors: Annotated[
        int, typer.Option("--errors", metavar="N", min=0, help=_ERRORS_HELP)
    ] = 0,
    nested: Annotated[
        bool, typer.Option("--nested/--no-nested", help="Count nested quotes.")
    ] = True,
    rules_only: Annotated[bool, typer.Option("--rules-only", help=_RULES_HELP)] = False,
) -> None:
    """German news quotations: the corpus metric and who-said-what (eval/score.py)."""
    failures: list[Failure] = []
    try:
        documents = read_news_split(folder)
        groups = None
        if predictions is None:
            records = _extract(
                [d.to_article() for d in documents],
                failures,
                "de",
                rules_only=rules_only,
            )
        elif predictions.is_dir():
            system = read_news_split(predictions)
            groups = {d.id: gold_groups(d) for d in system}
            records = [
                {"id": d.id, "statements": [s.to_dict() for s in d.statements()]}
                for d in system
            ]
        else:
            records = load_predictions(predictions)
        report = news_report(
            documents, records, groups=groups, nested=nested, errors=errors
        )
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(2) from None
    report = {"folder": str(folder), **report, "failures": [str(f) for f in failures]}
    if as_json:
        _dump(report)
    else:
        _print_news(report)
        _print_errors(report)
    _finish(failures)


@evaluate_app.command("spkatt")
def spkatt_cli(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_SPKATT_DIR)],
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            metavar="FILE",
            help=_PREDICTIONS_HELP + " Offsets point into the text built from the "
            "tokens (joined by spaces, one sentence per line). A folder of official "
            "task-1 JSON files is read as system events, and so is a GePaDe "
            "prediction file (JSON lines of sentence_id and BIO-tagged "
            "candidates, as GePaDe's released systems write them).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
    errors: Annotated[
        int, typer.Option("--errors", metavar="N", min=0, help=_ERRORS_HELP)
    ] = 0,
    rules_only: Annotated[bool, typer.Option("--rules-only", help=_RULES_HELP)] = False,
) -> None:
    """Bundestag speeches: the SpkAtt-2023 task-1 metric and GePaDe-style figures."""
    failures: list[Failure] = []
    try:
        speeches = read_spkatt_split(folder)
        if predictions is None:
            records = _extract(
                [s.to_article() for s in speeches],
                failures,
                "de",
                domain="parliament",
                rules_only=rules_only,
            )
            report = spkatt_report(speeches, records, errors=errors)
        elif predictions.is_dir():
            events = {}
            for speech in speeches:
                path = predictions / f"{speech.id}.json"
                if path.exists():
                    events[speech.id] = gold_events(read_spkatt_speech(path))
            if not events:
                raise InputError(
                    str(predictions),
                    "holds no prediction file named like a speech of "
                    f"{folder} (<speech id>.json)",
                )
            report = spkatt_report(speeches, events=events, errors=errors)
        elif _is_gepade(items := read_json_records(predictions)):
            lines = _gepade_lines(predictions, items)
            try:
                events = gepade_events(speeches, lines)
            except ValueError as err:
                raise InputError(str(predictions), str(err)) from err
            known = {speech.id for speech in speeches}
            outside = sum(
                gepade_sentence(str(line["sentence_id"]))[0] not in known
                for line in lines
            )
            if outside:
                complain(
                    f"{predictions}: {outside} of {len(lines)} lines name a speech "
                    f"that is not in {folder}; they are not scored"
                )
            report = spkatt_report(speeches, events=events, errors=errors)
        else:
            report = spkatt_report(
                speeches, prediction_records(predictions, items), errors=errors
            )
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(2) from None
    report = {"folder": str(folder), **report, "failures": [str(f) for f in failures]}
    if as_json:
        _dump(report)
    else:
        _print_spkatt(report)
        _print_errors(report)
    _finish(failures)


def _is_gepade(items: list[Any]) -> bool:
    """Whether parsed prediction entries are GePaDe's (sentence_id per line)."""
    return bool(items) and isinstance(items[0], dict) and "sentence_id" in items[0]


def _gepade_lines(path: Path, items: list[Any]) -> list[dict[str, Any]]:
    """The entries of a GePaDe prediction file, each checked to be an object."""
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(str(path), f"line {number} is not a JSON object")
    return cast(list[dict[str, Any]], items)


@evaluate_app.command("gold")
def gold_cli(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help=_GOLD_DIR)],
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", metavar="FILE", help=_PREDICTIONS_HELP),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_JSON_HELP)] = False,
    errors: Annotated[
        int, typer.Option("--errors", metavar="N", min=0, help=_ERRORS_HELP)
    ] = 0,
    rules_only: Annotated[bool, typer.Option("--rules-only", help=_RULES_HELP)] = False,
) -> None:
    """Who said what: eval/score.py's figures, extracting from the gold texts."""
    failures: list[Failure] = []
    try:
        golds = load_gold(folder)
        if predictions is None:
            records = _extract(
                gold_articles(golds), failures, "auto", rules_only=rules_only
            )
        else:
            records = load_predictions(predictions)
        report = gold_report(golds, records, errors=errors)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(2) from None
    report = {"folder": str(folder), **report, "failures": [str(f) for f in failures]}
    if as_json:
        _dump(report)
    else:
        _print_whosaidwhat(report["who_said_what"])
        _print_errors(report)
    _finish(failures)


def _extract(
    articles: Sequence[Article],
    failures: list[Failure],
    lang: str,
    *,
    domain: str = "news",
    rules_only: bool = False,
) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    shown = progress(
        extraction_records(articles, lang=lang, domain=domain, rules_only=rules_only),
        total=len(articles),
        label="extracting",
        show=len(articles) > 1,
    )
    for item in shown:
        if isinstance(item, Failure):
            failures.append(item)
            complain(f"{item}; scored as no statements")
        else:
            records.append(item)
    return records


def _finish(failures: Sequence[Failure]) -> None:
    if failures:
        complain(f"{len(failures)} text(s) failed extraction; scored as empty")
        raise typer.Exit(1)


def _dump(report: Mapping[str, Any]) -> None:
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def _row(name: str, v: Mapping[str, Any], extra: str = "") -> None:
    _out(f"  {name:<18} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}{extra}")


def _print_news(report: Mapping[str, Any]) -> None:
    c = report["corpus_metric"]
    _out(
        f"{report['folder']}: {report['documents']} documents, {c['gold_quotes']} gold "
        f"quotes, {c['system_quotes']} system quotes, {c['pairs']} pairs"
    )
    _out("corpus metric (Petersen-Frey & Biemann 2024; macro over quote pairs):")
    for name in ("quote", "roles", "joint", "addressee", "cue", "frame", "speaker"):
        _row(name, c["macro"][name])
    _row("type (micro)", c["type"])
    _row("medium (micro)", c["medium"])
    _out("who said what (eval/score.py):")
    _print_whosaidwhat(report["who_said_what"], indent="  ")


def _print_whosaidwhat(res: Mapping[str, Any], indent: str = "") -> None:
    _out(
        f"{indent}documents: {res['documents']}  missing from predictions: "
        f"{len(res['documents_missing'])}"
    )
    for name in ("statements", "who_said_what"):
        v = res[name]
        _out(
            f"{indent}{name:>16}: P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  "
            f"({v['tp']} of {v['gold']} gold, {v['pred']} predicted)"
        )
    for role, v in res["roles_token_f1"].items():
        name = "role " + role
        _out(f"{indent}{name:>16}: P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}")
    attrs = json.dumps(res["attribute_accuracy_on_matched"])
    _out(f"{indent}attributes on matched: {attrs}")
    _out(f"{indent}who-said-what F1 = {res['who_said_what']['f1']:.3f}")


def _print_spkatt(report: Mapping[str, Any]) -> None:
    s, g = report["shared_task"], report["gepade"]
    _out(
        f"{report['folder']}: {report['speeches']} speeches, "
        f"{report['gold_events']} gold events, {report['system_events']} system events"
    )
    _out("SpkAtt-2023 task 1 (token-level, roles under aligned cues):")
    _row("cue", s["cue"])
    _row("cue (events)", s["cue_events"])
    if "roles" in s:
        _row("roles", s["roles"])
    for role, v in s["per_role"].items():
        _row(f"  {role}", v)
    _out("GePaDe-style (sentence-local, by cue head; proper cue P/R/F1):")
    _row("cue", g["cue"])
    if "roles" not in s:
        _out(
            "roles: none annotated in this folder (gold cues only, as in the "
            "test split): cue figures only"
        )
        _out(f"cue F1 (SpkAtt-2023) = {s['cue']['f1']:.3f}")
        return
    _row("roles (overlap)", g["roles_overlap"])
    _row("roles (strict)", g["roles_strict"])
    _out(f"role F1 (SpkAtt-2023) = {s['roles']['f1']:.3f}")


def _print_errors(report: Mapping[str, Any]) -> None:
    if "errors" not in report:
        return
    totals = ", ".join(f"{k} {v}" for k, v in report["error_totals"].items())
    _out(f"error patterns ({totals or 'none'}):")
    for item in report["errors"]:
        example = item["examples"][0]["text"] if item["examples"] else ""
        _out(
            f"  {item['count']:>4}  {item['pattern']:<22} {item['kind']:<24} "
            f"{item['cue']:<20} {_clip(example, 70)}"
        )
    confusion = report.get("kind_confusion")
    if confusion:
        _out("kind confusion (gold -> predicted):")
        for gold, row in confusion.items():
            _out(f"  {gold:<14} " + ", ".join(f"{k} {v}" for k, v in row.items()))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
