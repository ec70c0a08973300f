#!/usr/bin/env python3
"""Words per second of ``sayso.extract_many`` on one process, and peak memory.

Usage: .venv/bin/python scripts/bench_extract.py [TEXT_DIR] [--repeat N]
                                                 [--domain news|parliament]
                                                 [--lang de|en]

TEXT_DIR defaults to ../shared/gold/de-news-dev/texts (the German news dev
texts). The pipeline is loaded and warmed up first; the figure covers
language layer and attribution together. Words are counted as whitespace-
separated tokens. ``--domain parliament`` measures the decoding that runs
the learned attribution model (for news the model's measured choice is the
rules alone, so the network does not run). ``--lang en`` measures the
English pipeline (give it English texts, e.g.
../shared/gold/en-polnear-dev/texts). A benchmark, not a test: run it on a
quiet machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "gold" / "de-news-dev" / "texts"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes over the texts (best counts)"
    )
    parser.add_argument(
        "--domain",
        choices=("news", "parliament"),
        default="news",
        help="the attribution model's domain (parliament runs the network)",
    )
    parser.add_argument(
        "--lang", choices=("de", "en"), default="de", help="the pipeline's language"
    )
    args = parser.parse_args()
    if args.lang == "en" and args.domain != "news":
        print("the English pipeline has no parliament model", file=sys.stderr)
        return 2
    if not args.texts.is_dir():
        print(
            f"no text folder at {args.texts}; pass one as the first argument",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from sayso.extract import extract_articles
    from sayso.model import Article, Extraction
    from sayso.nlp.pipeline import load_nlp

    def run(batch: list[str]) -> int:
        articles = [Article(id=str(i), text=t) for i, t in enumerate(batch)]
        found = extract_articles(articles, lang=args.lang, domain=args.domain)
        return sum(len(r.statements) for r in found if isinstance(r, Extraction))

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
    if not texts:
        print(f"no .txt files in {args.texts}; pass a folder of texts", file=sys.stderr)
        return 2
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    load_nlp(args.lang, domain=args.domain)
    load_s = time.perf_counter() - start
    run(texts[:5])  # warm up
    best = best_cpu = float("inf")
    statements = 0
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        statements = run(texts)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"texts: {len(texts)} from {args.texts}, language {args.lang}, "
        f"domain {args.domain}"
    )
    print(f"words: {words}  statements: {statements}")
    print(f"pipeline load: {load_s:.2f} s")
    print(
        f"best of {args.repeat}: {best:.2f} s wall = {words / best:,.0f} words/s"
        " (one process)"
    )
    print(
        f"best of {args.repeat}: {best_cpu:.2f} s CPU"
        f" = {words / best_cpu:,.0f} words per CPU second"
        " (less sensitive to other load on the machine)"
    )
    print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
