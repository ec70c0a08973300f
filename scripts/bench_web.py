"""Load benchmark of the web app's search API on loopback: requests/s and p95.

Not a timed test: run it by hand and copy the figures into docs/web.md::

    .venv/bin/python scripts/bench_web.py                       # build, then load
    .venv/bin/python scripts/bench_web.py --duration 30 --connections 1 4 8 16
    .venv/bin/python scripts/bench_web.py --workers 2 --limit 20

1. Builds (once; kept for the next run, with a ``.meta.json`` beside it that
   says what it holds) a SQLite archive of 100,000 statements in articles of
   20: 600 speakers, 25 outlets, two years of dates, every kind, some
   hearsay, negated and nested statements, and messages drawn with a Zipf
   law from a vocabulary made of the German demo articles under
   ``examples/`` (our own writing) and compounds of their words, so that
   search words range from very common to rare. 2 % of the articles were
   stored twice, an earlier text first: their older versions' statements
   (2,000) are in the archive and must never be found.
2. Starts ``sayso serve`` on 127.0.0.1 (a real uvicorn process, access log
   off) read-only over that archive.
3. Loads ``GET /api/statements`` with wrk (Debian's ``wrk``) cycling through
   2,000 different queries: full text, speaker, full text and speaker, kind
   with hearsay or negated, outlet with a date range, pages 1 to 3; each
   answer carries its page of statements with every span, as the search
   page needs. Reports requests/s, p50, p95 and p99 latency and the errors,
   per number of open connections, and the server's CPU time per request
   (from /proc, so other load on the machine does not inflate it). Without
   wrk, a Python client on threads does the same (it is slower than wrk, so
   it measures less).

``--in-process`` skips the server and the network: the same requests go
one after another straight into the ASGI app, and it reports the CPU time
each takes (routing, query, JSON), which depends little on other load.
Run the whole script under ``taskset -c 0`` to pin server and client to
one core.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlencode

from sayso.model import Article, CharSpan, Producer, Statement
from sayso.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEFAULT_DB = Path(tempfile.gettempdir()) / "sayso-bench-web.db"
#: The demo articles the vocabulary is made of (a fixed list: adding an example
#: must not change the archive a kept database was built from).
SOURCES = ("demo-de.txt", "rheinbruecke-de.jsonl")
#: Share of the articles stored first in an earlier version.
VERSIONED = 0.02
KINDS = ["direct", "indirect", "reported", "continuation", "free_indirect", "headline"]
FIRST = ["Anna", "Marco", "Olaf", "Ursula", "Karin", "Jens", "Miriam", "Paul", "Lena"]
PER_ARTICLE = 20

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT {\"requests\": %d, \"seconds\": %.3f, \"errors\": %d, \"non2xx\": %d, " ..
    "\"p50\": %.2f, \"p95\": %.2f, \"p99\": %.2f, \"max\": %.2f}\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def vocabulary(rng: random.Random) -> list[str]:
    """Words of the demo articles and compounds of them, most frequent first."""
    text = " ".join((EXAMPLES / name).read_text(encoding="utf-8") for name in SOURCES)
    words = sorted(set(re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", text)))
    stems = [w.lower() for w in words if w[0].islower()] or [w.lower() for w in words]
    compounds = {
        rng.choice(words).capitalize() + rng.choice(stems) for _ in range(6000)
    }
    vocab = words + sorted(compounds)
    rng.shuffle(vocab)
    return vocab


def build(path: Path, statements: int, seed: int = 11) -> dict[str, Any]:
    """The synthetic archive at ``path`` (reused when its ``.meta.json`` says it
    was built the same way)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    lasts = sorted({w.capitalize() + "er" for w in rng.sample(vocab, 700)})[:600]
    speakers = [f"{rng.choice(FIRST)} {last}" for last in lasts]
    outlets = [f"Blatt {chr(65 + i)}" for i in range(25)]
    meta = {"speakers": speakers, "outlets": outlets, "vocab": vocab[:3000]}
    recipe = {
        "statements": statements,
        "seed": seed,
        "versioned": VERSIONED,
        "words": hashlib.sha256(json.dumps(meta).encode()).hexdigest(),
    }
    sidecar = path.with_name(path.name + ".meta.json")
    if (
        path.exists()
        and sidecar.exists()
        and json.loads(sidecar.read_text(encoding="utf-8")) == recipe
    ):
        with Store(str(path), migrate=True) as store:
            store.optimize()
        return meta
    for stale in (path, sidecar, *path.parent.glob(path.name + "-*")):
        stale.unlink(missing_ok=True)
    start = time.perf_counter()
    with Store(f"sqlite:///{path}") as store:
        for number in range(statements // PER_ARTICLE):
            day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730))
            parts = []
            for _ in range(PER_ARTICLE):
                size = rng.randint(5, 14)
                message = " ".join(rng.choices(vocab, weights, k=size))
                parts.append(
                    (rng.choice(speakers), rng.choice(("sagte", "betonte")), message)
                )
            flags = [
                (
                    rng.choice(KINDS),
                    rng.random() < 0.1,
                    rng.random() < 0.05,
                    index > 1 and rng.random() < 0.1,
                )
                for index in range(1, PER_ARTICLE + 1)
            ]
            outlet = rng.choice(outlets)
            versions = [parts]
            draft = random.Random(f"{seed}-{number}")
            if draft.random() < VERSIONED:
                # An earlier text under the same URL: other words in each message.
                earlier = [
                    (s, c, " ".join(draft.choices(vocab, weights, k=len(m.split()))))
                    for s, c, m in parts
                ]
                versions.insert(0, earlier)
            for version in versions:
                text, built = _article(version, flags, day)
                store.add_article(
                    Article(
                        id=f"bench-{number}",
                        text=text,
                        title=f"Artikel {number}",
                        url=f"https://bench.example/{number}",
                        outlet=outlet,
                        published=day,
                        language="de",
                    ),
                    built,
                )
            if number % 500 == 499:
                done = (number + 1) * PER_ARTICLE
                print(
                    f"  {done:,} statements, {time.perf_counter() - start:.0f} s",
                    file=sys.stderr,
                )
        store.optimize()  # planner statistics, as after an ingest run
    sidecar.write_text(json.dumps(recipe), encoding="utf-8")
    return meta


def _article(
    parts: list[tuple[str, str, str]],
    flags: list[tuple[str, bool, bool, bool]],
    day: dt.date,
) -> tuple[str, list[Statement]]:
    text = " ".join(f"{s} {c}, {m}." for s, c, m in parts)
    built, at = [], 0
    for index, ((speaker, cue, message), (kind, hearsay, negated, nested)) in enumerate(
        zip(parts, flags, strict=True), start=1
    ):
        cue_at = at + len(speaker) + 1
        message_at = cue_at + len(cue) + 2
        built.append(
            Statement(
                id=f"s{index}",
                kind=kind,  # type: ignore[arg-type]
                cue=(CharSpan.of(text, cue_at, cue_at + len(cue)),),
                source=(CharSpan.of(text, at, at + len(speaker)),),
                message=(CharSpan.of(text, message_at, message_at + len(message)),),
                speaker=speaker,
                hearsay=hearsay,
                negated=negated,
                parent=f"s{index - 1}" if nested else None,
                date=day,
                confidence=0.8,
                producer=Producer("bench", "1"),
            )
        )
        at = message_at + len(message) + 2
    return text, built


#: Kinds of search and how often each is made: (name, weight).
SHAPES: Final = (
    ("topic", 30),  # a topic word: in about 0.3 to 3 % of the statements
    ("topic+rare", 10),  # a topic word and a rarer one
    ("broad", 5),  # a frequent word: in 5 to 40 % of the statements
    ("speaker", 20),
    ("speaker+topic", 15),
    ("kind+flag", 5),  # e.g. every reported statement marked as hearsay
    ("outlet+dates", 15),  # one outlet over two months
)
#: Zipf ranks of the words drawn for each kind of word.
BROAD, TOPIC, RARE = (3, 30), (30, 400), (400, 3000)


def queries(
    meta: dict[str, Any], count: int, limit: int | None, seed: int = 5
) -> list[str]:
    """``count`` different search requests of the kinds a newsroom makes."""
    rng = random.Random(seed)
    vocab, speakers, outlets = meta["vocab"], meta["speakers"], meta["outlets"]
    broad, topic, rare = (vocab[a:b] for a, b in (BROAD, TOPIC, RARE))
    names = [name for name, _ in SHAPES]
    weights = [weight for _, weight in SHAPES]
    out: set[str] = set()
    while len(out) < count:
        shape = rng.choices(names, weights)[0]
        params: dict[str, str] = {}
        if shape == "topic":
            params["text"] = rng.choice(topic)
        elif shape == "topic+rare":
            params["text"] = f"{rng.choice(rare)} {rng.choice(topic)}"
        elif shape == "broad":
            params["text"] = rng.choice(broad)
        elif shape == "speaker":
            params["speaker"] = rng.choice(speakers)
        elif shape == "speaker+topic":
            params["speaker"] = rng.choice(speakers)
            params["text"] = rng.choice(topic)
        elif shape == "kind+flag":
            params["kind"] = rng.choice(KINDS)
            params[rng.choice(("hearsay", "negated"))] = "true"
        else:
            since = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(600))
            params["outlet"] = rng.choice(outlets)
            params["since"] = since.isoformat()
            params["until"] = (since + dt.timedelta(days=60)).isoformat()
        page = rng.choices((1, 2, 3), (6, 2, 1))[0]
        if page > 1:
            params["page"] = str(page)
        if limit:
            params["limit"] = str(limit)
        out.add("/api/statements?" + urlencode(params))
    return sorted(out, key=lambda _: rng.random())


def word_shares(db: Path, meta: dict[str, Any]) -> dict[str, list[float]]:
    """Share of statements (%) holding a sample of the words of each kind:
    min, median, max."""
    rng = random.Random(1)
    shares: dict[str, list[float]] = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        total = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        for name, (a, b) in (("broad", BROAD), ("topic", TOPIC), ("rare", RARE)):
            words = rng.sample(meta["vocab"][a:b], min(25, b - a))
            found = sorted(
                100
                * conn.execute(
                    "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?",
                    ('"' + word.replace('"', "") + '"',),
                ).fetchone()[0]
                / total
                for word in words
            )
            shares[name] = [
                round(found[0], 2),
                round(statistics.median(found), 2),
                round(found[-1], 2),
            ]
    return shares


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    db: Path, port: int, workers: int, cache: int
) -> subprocess.Popen[bytes]:
    sayso = Path(sys.executable).with_name("sayso")
    env = {k: v for k, v in os.environ.items() if k != "SAYSO_TOKEN"}
    process = subprocess.Popen(
        [
            str(sayso),
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--no-access-log",
            "--workers",
            str(workers),
            "--cache-size",
            str(cache),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/stats", timeout=2
            ):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(
                    process.stderr.read().decode() if process.stderr else "failed"
                ) from None
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


def group_cpu(pgid: int) -> float:
    """CPU seconds (user and system) used so far by the processes of a group."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # the group id; utime and stime follow
            total += int(fields[11]) + int(fields[12])
    return total / tick


def stop_server(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def run_wrk(base: str, paths: Path, connections: int, seconds: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    result = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            base,
        ],
        env={**os.environ, "BENCH_PATHS": str(paths)},
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(script.name)
    line = next(x for x in result.stdout.splitlines() if x.startswith("RESULT "))
    data: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    data["rps"] = data["requests"] / data["seconds"]
    return data


def run_python(
    base: str, paths: list[str], connections: int, seconds: int
) -> dict[str, Any]:
    """The same load from threads with keep-alive connections (no wrk)."""
    import http.client

    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        index = offset
        mine = []
        while time.monotonic() < stop:
            path = paths[index % len(paths)]
            index += connections
            began = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - began) * 1000)
            if response.status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "errors": 0,
        "non2xx": errors[0],
        "p50": statistics.median(latencies),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": latencies[-1],
    }


def run_in_process(db: Path, paths: list[str], cache: int) -> dict[str, Any]:
    """Every request once, one after another, straight into the ASGI app (no
    server, no network): CPU and wall time per request, all threads counted."""
    from sayso.web.app import create_app
    from sayso.web.settings import WebSettings

    app = create_app(WebSettings(db=str(db), cache_entries=cache))
    statuses: list[int] = []

    async def one(path: str) -> None:
        route, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": route,
            "raw_path": route.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"bench")],
            "client": ("127.0.0.1", 0),
            "server": ("127.0.0.1", 80),
        }

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Any) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, send)

    async def run() -> tuple[list[float], list[float], float, float]:
        for path in paths:  # warm the caches, as a running server has them
            await one(path)
        statuses.clear()
        cpu, wall = [], []
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        for path in paths:
            began_cpu, began = time.process_time(), time.perf_counter()
            await one(path)
            cpu.append((time.process_time() - began_cpu) * 1000)
            wall.append((time.perf_counter() - began) * 1000)
        return (
            cpu,
            wall,
            time.process_time() - cpu_start,
            time.perf_counter() - wall_start,
        )

    cpu, wall, cpu_total, wall_total = asyncio.run(run())
    app.state.sayso.store.close()
    cpu.sort()
    wall.sort()

    def pct(values: list[float], q: float) -> float:
        return round(values[min(len(values) - 1, int(q * len(values)))], 2)

    return {
        "requests": len(cpu),
        "non2xx": sum(1 for s in statuses if s != 200),
        "cpu_ms_per_request": round(1000 * cpu_total / len(cpu), 2),
        "wall_ms_per_request": round(1000 * wall_total / len(cpu), 2),
        "cpu_p50": pct(cpu, 0.5),
        "cpu_p95": pct(cpu, 0.95),
        "cpu_p99": pct(cpu, 0.99),
        "wall_p50": pct(wall, 0.5),
        "wall_p95": pct(wall, 0.95),
        "wall_p99": pct(wall, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=20, help="seconds per run")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 4, 8, 16])
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--queries", type=int, default=2000, help="different searches cycled through"
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="page size (default 50)"
    )
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="no server: each request once, straight into the app; CPU per request",
    )
    parser.add_argument(
        "--cache",
        type=int,
        default=0,
        help="the server's answer cache (entries; default 0: every request queries)",
    )
    args = parser.parse_args()

    print(f"archive: {args.db}", file=sys.stderr)
    meta = build(args.db, args.statements)
    with Store(str(args.db), read_only=True) as store:
        stats = store.stats()
    paths = queries(meta, args.queries, args.limit)
    if args.in_process:
        load = list(os.getloadavg())
        result = run_in_process(args.db, paths, args.cache)
        print(
            json.dumps(
                {
                    "statements": stats.statements,
                    "queries": len(paths),
                    "cache": args.cache,
                    "page_size": args.limit or 50,
                    "load_average_before": load,
                    "load_average_after": list(os.getloadavg()),
                    "in_process": result,
                },
                indent=1,
            )
        )
        return
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    port = free_port()
    load_before = list(os.getloadavg())
    server = start_server(args.db, port, args.workers, args.cache)
    base = f"http://127.0.0.1:{port}"
    try:
        # Warm the database's pages as a running server has them; with the answer
        # cache on, pass often enough that every worker holds every answer.
        for _ in range(1 if args.cache == 0 else 3 * args.workers):
            for path in paths:
                urllib.request.urlopen(base + path, timeout=30).read()
        rows = []
        for connections in args.connections:
            cpu_before = group_cpu(server.pid)
            if client == "wrk":
                result = run_wrk(base, Path(listing.name), connections, args.duration)
            else:
                result = run_python(base, paths, connections, args.duration)
            result["connections"] = connections
            cpu = group_cpu(server.pid) - cpu_before
            result["server_cpu_ms_per_request"] = round(
                1000 * cpu / result["requests"], 2
            )
            rows.append(result)
            print(
                f"c={connections:>3}  {result['rps']:7.1f} req/s"
                f"  p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms"
                f"  p99 {result['p99']:6.1f} ms"
                f"  server CPU {result['server_cpu_ms_per_request']:.1f} ms/request"
                f"  errors {result['errors'] + result['non2xx']}",
                file=sys.stderr,
            )
    finally:
        stop_server(server)
        os.unlink(listing.name)
    print(
        json.dumps(
            {
                "statements": stats.statements,
                "articles": stats.articles,
                "actors": stats.actors,
                "db_mb": round(args.db.stat().st_size / 2**20, 1),
                "client": client,
                "workers": args.workers,
                "cache": args.cache,
                "page_size": args.limit or 50,
                "queries": len(paths),
                "word_share_percent": word_shares(args.db, meta),
                "cpus": os.cpu_count(),
                "load_average_before": load_before,
                "load_average_after": list(os.getloadavg()),
                "runs": rows,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
