#!/usr/bin/env python3
"""Throughput and peak memory of the German language layer on one CPU core.

Usage: ``python scripts/bench_language.py [--data DIR] [--words N] [--runs N]
[--model DIR]``

Runs ``nlp.pipe`` (one process, batch 64) over German text of at least
``--words`` tokens, ``--runs`` times, and prints words/s of each run and of the
best (wall clock and per CPU second of the process), the load time and the peak
resident memory. Pin it to one core: ``taskset -c 1 python scripts/...``. Text: the
SpkAtt speeches (CC BY-SA) joined into paragraphs; without the shared data, a
built-in paragraph repeated.
Not a timed test: numbers depend on the machine.
"""

# German quotation marks and dashes are the subject here

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path

# one core: the networks compute with numpy's OpenBLAS (sayso.nlp.matrices),
# whose thread pools read these
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

FALLBACK_TEXT = (
    "US-Außenminister Marco Rubio sagte am Montag in Genf, die Gespräche seien "
    "konstruktiv gewesen. „Wir kommen voran, aber langsam“, sagte er. Die russische "
    "Seite habe Vorschläge gemacht, die man nun prüfe. Ein Sprecher der EU-Kommission "
    "erklärte, man werde sich nicht an Spekulationen beteiligen."
)


def _texts(data: Path) -> Iterator[str]:
    from sayso.training.corpora import read_spkatt_sentences

    folder = data / "spkatt-2023-task1/data/train/task1"
    if not folder.exists():
        while True:
            yield FALLBACK_TEXT
    while True:
        for speech in read_spkatt_sentences(folder):
            for i in range(0, len(speech), 8):
                yield " ".join(" ".join(s) for s in speech[i : i + 8])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="best of this many")
    parser.add_argument(
        "--model", type=Path, help="a pipeline folder (default: packaged)"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    from sayso.nlp.language import load_language, load_pipeline

    nlp = load_language("de") if args.model is None else load_pipeline(args.model)
    load_seconds = time.perf_counter() - started

    texts = _texts(args.data)
    batch: list[str] = []
    while sum(len(t.split()) for t in batch) < args.words:
        batch.append(next(texts))
    list(nlp.pipe(batch[:20]))  # warm-up
    best_wall = best_cpu = 0.0
    words = 0
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        cpu_started = time.process_time()
        words = 0
        for doc in nlp.pipe(batch, batch_size=64, n_process=1):
            words += len(doc)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        # CPU time is what the process itself used: fairer on a shared machine
        rate, cpu_rate = words / seconds, words / cpu_seconds
        best_wall, best_cpu = max(best_wall, rate), max(best_cpu, cpu_rate)
        print(
            f"run {run}: {words:,} words in {seconds:.1f} s = {rate:,.0f} words/s "
            f"(wall), {cpu_rate:,.0f} words per CPU second"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    print(f"load: {load_seconds:.2f} s")
    print(f"best of {args.runs}: {best_wall:,.0f} words/s (one core, wall)")
    print(f"best of {args.runs}: {best_cpu:,.0f} words per CPU second")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
