"""Benchmark the archive: ingest speed, database size, query latency at 100k statements.

Not a timed test: run it by hand and copy the figures into docs/archive.md::

    .venv/bin/python scripts/bench_store.py                 # SQLite in a temp folder
    .venv/bin/python scripts/bench_store.py --db postgresql://sayso:sayso@127.0.0.1/bench
    .venv/bin/python scripts/bench_store.py --skip-extraction --statements 20000

1. Ingest 1,000 German news articles read from ../shared (never copied into
   the repo) under fresh URLs: the news quotation corpus (train and dev
   ``originalText``) and 10kGNAD test articles, through the whole pipeline
   (``sayso.ingest.pipeline.ingest``: language detection, extraction with
   ``sayso.extract_articles``, dating, one transaction per article). Reports
   articles/s end to end, and the store's share alone (the same extractions
   written to a fresh database), and the database size.
2. Synthesize a further archive of N statements (100,000 by default) in
   articles of 20, with speakers, kinds, dates, outlets and messages drawn
   from the corpus vocabulary, then time the queries the CLI and the web app
   run: filtered, full text, and both; p50 and p95 over repeated runs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from sayso.extract import extract_articles
from sayso.ingest.item import Item
from sayso.ingest.pipeline import IngestOptions, ingest, process
from sayso.model import Article, CharSpan, Extraction, Failure, Producer, Statement
from sayso.store import StatementQuery, Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
QUOTATION = SHARED / "data" / "de-news-quotation" / "data"
GNAD = SHARED / "data" / "10kgnad" / "test.csv"
_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\s*$")


def corpus(limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` news articles from ../shared, each under a fresh id and URL."""
    records: list[dict[str, Any]] = []
    for split in ("train", "dev"):
        for path in sorted((QUOTATION / split).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            match = _DATE.search(data.get("documentName", ""))
            records.append(
                {
                    "text": data["originalText"],
                    "title": data.get("documentName"),
                    "published": match.group(1) if match else None,
                    "outlet": "Wikinews",
                }
            )
    if GNAD.exists():
        with GNAD.open(encoding="utf-8", newline="") as file:
            for row in csv.reader(file, delimiter=";", quotechar="'"):
                if len(row) == 2 and row[1].strip():
                    records.append({"text": row[1], "outlet": "derStandard"})
    if len(records) < limit:
        sys.exit(f"only {len(records)} articles found under {SHARED}; need {limit}")
    for number, record in enumerate(records[:limit]):
        record["id"] = f"bench-{number:04d}"
        record["url"] = f"https://bench.example/{number:04d}"
    return records[:limit]


def fresh_url(db: str | None, tmp: Path, name: str) -> str:
    if db is None:
        return f"sqlite:///{tmp / name}"
    return db


def size_of(url: str) -> str:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        total = sum(
            p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file()
        )
        return f"{total / 2**20:.1f} MB"
    return "n/a (PostgreSQL: see pg_database_size)"


def bench_ingest(
    records: list[dict[str, Any]], db: str | None, tmp: Path
) -> dict[str, Any]:
    source = tmp / "corpus.jsonl"
    source.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    url = fresh_url(db, tmp, "ingest.db")
    extractions: list[Extraction] = []

    def keep(articles: Any) -> Iterator[Extraction | Failure]:
        for result in extract_articles(articles, lang="auto"):
            if isinstance(result, Extraction):
                extractions.append(result)
            yield result

    with Store(url) as store:
        start = time.perf_counter()
        events = list(ingest([str(source)], store, extractor=keep))
        elapsed = time.perf_counter() - start
        stats = store.stats()
    outcomes = {
        o: sum(1 for e in events if e.outcome == o) for o in ("added", "failed")
    }
    # The store alone: the same extractions into a fresh database.
    url2 = fresh_url(None, tmp, "store-only.db")
    items = [Item(e.article, f"bench:{e.article.id}") for e in extractions]
    precomputed = {e.article.id: e for e in extractions}

    def replay(articles: Any) -> Iterator[Extraction | Failure]:
        for article in articles:
            yield precomputed[article.id]

    with Store(url2) as store2:
        start = time.perf_counter()
        list(process(items, store2, extractor=replay, options=IngestOptions()))
        store_elapsed = time.perf_counter() - start
    return {
        "articles": len(records),
        "added": outcomes["added"],
        "failed": outcomes["failed"],
        "statements": stats.statements,
        "actors": stats.actors,
        "seconds": round(elapsed, 1),
        "articles_per_s": round(len(records) / elapsed, 1),
        "store_only_seconds": round(store_elapsed, 1),
        "store_only_articles_per_s": round(len(items) / store_elapsed, 1),
        "db_size": size_of(url),
    }


def synthetic_names(
    records: list[dict[str, Any]], rng: random.Random
) -> tuple[list[str], list[str], list[str]]:
    """The words, speakers and outlets of the synthetic archive (drawn first)."""
    words = sorted(
        {
            w
            for r in records[:300]
            for w in re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", r["text"])
        }
    )
    first = ["Anna", "Marco", "Olaf", "Ursula", "Wolodymyr", "Dmitri", "Karin", "Jens"]
    last = [f"{w.capitalize()}mann" for w in rng.sample(words, 400)]
    speakers = [f"{rng.choice(first)} {name}" for name in last]
    outlets = [f"Blatt {i}" for i in range(25)]
    return words, speakers, outlets


def kept(url: str, records: list[dict[str, Any]], seed: int = 7) -> dict[str, Any]:
    """What :func:`synthesize` returns, for an archive it made before."""
    words, speakers, outlets = synthetic_names(records, random.Random(seed))
    with Store(url, read_only=url.startswith("sqlite")) as store:
        sample = store.find_statements(limit=1, order="date").items[0]
    return {
        "sample_message": sample.role_text("message"),
        "speakers": speakers,
        "words": words,
        "outlets": outlets,
    }


def synthesize(
    url: str, statements: int, records: list[dict[str, Any]], seed: int = 7
) -> dict[str, Any]:
    """An archive of ``statements`` statements in articles of 20."""
    rng = random.Random(seed)
    words, speakers, outlets = synthetic_names(records, rng)
    kinds = ["direct", "indirect", "reported", "continuation", "free_indirect"]
    per_article = 20
    start = time.perf_counter()
    with Store(url) as store:
        for number in range(statements // per_article):
            sentences: list[tuple[str, str, str]] = []
            for _ in range(per_article):
                speaker = rng.choice(speakers)
                message = " ".join(rng.choice(words) for _ in range(rng.randint(5, 14)))
                sentences.append((speaker, "sagte", message))
            text = " ".join(f"{s} {c}, {m}." for s, c, m in sentences)
            offset = 0
            built = []
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(600))
            for index, (speaker, cue, message) in enumerate(sentences, start=1):
                source = CharSpan.of(text, offset, offset + len(speaker))
                cue_at = offset + len(speaker) + 1
                message_at = cue_at + len(cue) + 2
                built.append(
                    Statement(
                        id=f"s{index}",
                        kind=rng.choice(kinds),  # type: ignore[arg-type]
                        cue=(CharSpan.of(text, cue_at, cue_at + len(cue)),),
                        source=(source,),
                        message=(
                            CharSpan.of(text, message_at, message_at + len(message)),
                        ),
                        speaker=speaker,
                        hearsay=rng.random() < 0.1,
                        negated=rng.random() < 0.05,
                        parent=f"s{index - 1}"
                        if index > 1 and rng.random() < 0.1
                        else None,
                        date=day,
                        producer=Producer("bench", "1"),
                    )
                )
                offset = message_at + len(message) + 2
            article = Article(
                id=f"syn-{number}",
                text=text,
                url=f"https://synthetic.example/{number}",
                outlet=rng.choice(outlets),
                published=day,
                language="de",
            )
            store.add_article(article, built)
        store.optimize()  # as every ingest run ends
        stats = store.stats()
        sample = store.find_statements(limit=1, order="date").items[0]
    return {
        "sample_message": sample.role_text("message"),
        "statements": stats.statements,
        "articles": stats.articles,
        "actors": stats.actors,
        "seconds": round(time.perf_counter() - start, 1),
        "db_size": size_of(url),
        "speakers": speakers,
        "words": words,
        "outlets": outlets,
    }


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, float, int]:
    call()  # warm the caches, as a running server has them
    runs = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
    total = getattr(result, "total", 0)
    return statistics.median(runs), p95, total


def bench_queries(url: str, synth: dict[str, Any], repeat: int) -> list[dict[str, Any]]:
    rng = random.Random(3)
    speaker = synth["speakers"][0]
    surname = speaker.split()[-1]
    word = synth["words"][len(synth["words"]) // 2]
    rare = synth["words"][-1]
    two = " ".join(synth["sample_message"].split()[1:3])
    outlet = synth["outlets"][3]
    cases: list[tuple[str, StatementQuery]] = [
        ("newest 50, no filter", StatementQuery()),
        ("speaker (full name)", StatementQuery(speaker=speaker)),
        ("speaker (last name)", StatementQuery(speaker=surname)),
        ("kind + since", StatementQuery(kind="direct", since=dt.date(2025, 1, 1))),
        ("outlet + hearsay", StatementQuery(outlet=outlet, hearsay=True)),
        (
            "since + until + negated",
            StatementQuery(
                since=dt.date(2024, 3, 1), until=dt.date(2024, 6, 30), negated=True
            ),
        ),
        (
            "speaker + since, page 3",
            StatementQuery(
                speaker=surname, since=dt.date(2024, 1, 1), page=3, limit=20
            ),
        ),
        ("text: one word", StatementQuery(text=word)),
        ("text: rare word", StatementQuery(text=rare)),
        ("text: two words", StatementQuery(text=two)),
        ("text: prefix", StatementQuery(text=word[:4] + "*")),
        ("text: phrase", StatementQuery(text=f'"{two}"')),
        ("text by relevance", StatementQuery(text=word, order="relevance")),
        ("text + speaker", StatementQuery(text=word, speaker=surname)),
        (
            "text + kind + since",
            StatementQuery(text=word, kind="indirect", since=dt.date(2024, 6, 1)),
        ),
    ]
    rng.shuffle(cases)
    rows = []
    with Store(url, read_only=url.startswith("sqlite")) as store:
        for name, query in sorted(cases, key=lambda c: c[0]):
            p50, p95, total = timed(partial(store.find_statements, query), repeat)
            rows.append(
                {
                    "query": name,
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "matches": total,
                }
            )
        extra: list[tuple[str, Callable[[], Any]]] = [
            ("get_actor", lambda: store.get_actor(speaker)),
            (
                "claims of a speaker",
                lambda: store.claims(StatementQuery(speaker=surname)),
            ),
            ("chain", lambda: store.chain(store.find_statements(limit=1).items[0].id)),
            ("stats", store.stats),
        ]
        for name, call in extra:
            p50, p95, _ = timed(call, max(5, repeat // 3))
            rows.append(
                {
                    "query": name,
                    "p50_ms": round(p50, 1),
                    "p95_ms": round(p95, 1),
                    "matches": "",
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        help="A database URL instead of SQLite files in a temp folder (empty).",
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--skip-extraction",
        action="store_true",
        help="Only the synthetic archive and its queries.",
    )
    parser.add_argument("--keep", type=Path, help="Keep the databases in this folder.")
    parser.add_argument(
        "--queries-only",
        metavar="URL",
        help="Only time the queries, on a synthetic archive kept before (--keep).",
    )
    parser.add_argument(
        "--json", type=Path, help="Also write the figures as JSON here."
    )
    args = parser.parse_args()
    os.environ.setdefault("SAYSO_DB_TIMEOUT", "60")
    figures: dict[str, Any] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    records = corpus(args.articles)
    if args.queries_only:
        rows = bench_queries(
            args.queries_only, kept(args.queries_only, records), args.repeat
        )
        figures["queries"] = rows
        _print(rows)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="sayso-bench-") as folder:
        tmp = Path(args.keep) if args.keep else Path(folder)
        if not args.skip_extraction:
            print(f"ingesting {args.articles} articles ...", file=sys.stderr)
            figures["ingest"] = bench_ingest(records, args.db, tmp)
            print(json.dumps(figures["ingest"], indent=1))
        url = args.db or f"sqlite:///{tmp / 'synthetic.db'}"
        print(f"synthesizing {args.statements} statements ...", file=sys.stderr)
        synth = synthesize(url, args.statements, records)
        hidden = ("speakers", "words", "outlets", "sample_message")
        figures["synthetic"] = {k: v for k, v in synth.items() if k not in hidden}
        print(json.dumps(figures["synthetic"], indent=1))
        rows = bench_queries(url, synth, args.repeat)
        figures["queries"] = rows
    _print(rows)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


def _print(rows: list[dict[str, Any]]) -> None:
    width = max(len(r["query"]) for r in rows)
    print(f"\n{'query':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  matches")
    for row in rows:
        print(
            f"{row['query']:<{width}}  {row['p50_ms']:>8}  {row['p95_ms']:>8}  "
            f"{row['matches']}"
        )


if __name__ == "__main__":
    main()
