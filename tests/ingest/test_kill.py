"""``kill -9`` at any moment, then run again: no half-written article, no duplicate."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sayso.store import Store
from tests.conftest import ROOT

ARTICLES = 300

DRIVER = """
import sys
from sayso.ingest.pipeline import ingest
from sayso.store import Store
from tests.ingest.support import fake_extract

store = Store(sys.argv[1])
for event in ingest([sys.argv[2]], store, extractor=fake_extract):
    pass
store.close()
"""


def _corpus(path: Path) -> Path:
    lines = []
    for i in range(ARTICLES):
        # Many statements per article: each transaction writes many rows.
        sentences = " ".join(
            f"Sprecher{(i + j) % 37} sagte, Vorschlag {i}-{j} sei annehmbar."
            for j in range(25)
        )
        lines.append(
            json.dumps(
                {
                    "id": f"k{i}",
                    "text": sentences,
                    "published": "2025-08-19",
                    "url": f"https://example.org/{i}",
                }
            )
        )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _run(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, f"sqlite:///{db}", str(corpus)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_ingest_killed_at_random_moments_then_rerun(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl")
    db = tmp_path / "kill.db"
    rng = random.Random(5)
    seen: list[tuple[int, int]] = []
    for round_ in range(5):
        process = _run(db, corpus)
        if round_ == 0:
            time.sleep(rng.uniform(0.0, 0.5))  # while starting or creating the schema
        else:
            # Mid-run: once some more articles are in, at a random moment.
            target = _count(db) + rng.randint(1, 40)
            _wait_for(db, target, process)
            time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.stderr is not None
        process.stderr.close()
        seen.append(_check_consistent(db))
    assert any(0 < articles < ARTICLES for articles, _ in seen), seen
    final = _run(db, corpus)
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    counts = _check_consistent(db)
    assert counts == (ARTICLES, ARTICLES * 25)
    with Store(f"sqlite:///{db}") as store:
        assert store.stats().articles == ARTICLES
        assert store.stats().failures == 0


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # no schema yet


def _wait_for(db: Path, articles: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _count(db) >= articles:
            return
        time.sleep(0.02)


def _check_consistent(db: Path) -> tuple[int, int]:
    if not db.exists():
        return (0, 0)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "articles" not in tables:
            return (0, 0)  # killed before the schema was committed: nothing there
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        distinct = conn.execute(
            "SELECT count(DISTINCT identity_key) FROM articles"
        ).fetchone()[0]
        assert articles == distinct, "an article was stored twice"
        short = conn.execute(
            "SELECT count(*) FROM articles a WHERE a.statement_count != "
            "(SELECT count(*) FROM statements s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        assert short == 0, "an article was stored without all its statements"
        orphans = conn.execute(
            "SELECT count(*) FROM statements s LEFT JOIN statement_speakers p "
            "ON p.statement_id = s.id WHERE p.statement_id IS NULL"
        ).fetchone()[0]
        assert orphans == 0, "a statement lost its speaker"
        # Raises when the full-text index is out of step with the statements.
        conn.execute(
            "INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')"
        )
        statements = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        return articles, statements
