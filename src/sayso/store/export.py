"""Export statements as JSON lines, CSV or Parquet.

JSON lines carry each stored statement whole (``StoredStatement.to_dict``:
spans with offsets, article metadata, actors). CSV and Parquet carry one flat
row per statement: the role texts, flags, dates, speakers and article
metadata, plus the spans as a JSON column, so nothing is lost.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from sayso.errors import ConfigError, StoreError
from sayso.model import ROLES
from sayso.store.records import StoredStatement

COLUMNS: Final = (
    "id",
    "article_id",
    "article_key",
    "url",
    "outlet",
    "title",
    "published",
    "date",
    "date_expression",
    "speaker",
    "actors",
    "actor_ids",
    "kind",
    "mode",
    "hearsay",
    "negated",
    "parent_id",
    *ROLES,
    "confidence",
    "producer",
    "spans",
)
_BATCH: Final = 5000


def flat(hit: StoredStatement) -> dict[str, Any]:
    """One statement as a flat row (the CSV and Parquet columns)."""
    statement = hit.statement
    row: dict[str, Any] = {
        "id": hit.id,
        "article_id": hit.article.id,
        "article_key": hit.article.key,
        "url": hit.article.url,
        "outlet": hit.article.outlet,
        "title": hit.article.title,
        "published": hit.article.published.isoformat()
        if hit.article.published
        else None,
        "date": statement.date.isoformat() if statement.date else None,
        "date_expression": hit.date_expression,
        "speaker": " + ".join(statement.speakers),
        "actors": " + ".join(a.name for a in hit.speakers),
        "actor_ids": " ".join(str(a.id) for a in hit.speakers),
        "kind": statement.kind,
        "mode": statement.mode,
        "hearsay": statement.hearsay,
        "negated": statement.negated,
        "parent_id": hit.parent_id,
        "confidence": statement.confidence,
        "producer": str(statement.producer),
    }
    for role in ROLES:
        row[role] = hit.role_text(role)
    row["spans"] = json.dumps(
        {r: [[s.start, s.end] for s in statement.spans(r)] for r in ROLES},
        separators=(",", ":"),
    )
    return row


def export_statements(
    statements: Iterable[StoredStatement], out: Path, fmt: str
) -> int:
    """Write ``statements`` to ``out`` as ``fmt``; the file appears whole or not."""
    writers = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}
    if fmt not in writers:
        raise ConfigError(f"export format {fmt!r}: use jsonl, csv or parquet")
    if out.is_dir():
        raise ConfigError(f"{out} is a folder; give a file name to write")
    folder = out.resolve().parent
    if not folder.exists():
        raise ConfigError(f"cannot write {out}: the folder {folder} does not exist")
    handle, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=folder)
    os.close(handle)
    try:
        count = writers[fmt](iter(statements), Path(tmp))
        os.replace(tmp, out)
    except OSError as err:
        raise StoreError(f"cannot write {out}: {err.strerror or err}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count


def _jsonl(statements: Iterator[StoredStatement], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as file:
        for hit in statements:
            file.write(json.dumps(hit.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(statements: Iterator[StoredStatement], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS)
        writer.writeheader()
        for hit in statements:
            writer.writerow(flat(hit))
            count += 1
    return count


def _parquet(statements: Iterator[StoredStatement], path: Path) -> int:
    try:
        import pyarrow as pa  # type: ignore[import-untyped]  # no stubs published
        import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no stubs
    except ImportError:
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'sayso[parquet]'"
        ) from None
    schema = pa.schema(
        [
            (name, pa.int64())
            if name in ("id", "article_id", "parent_id")
            else (name, pa.bool_())
            if name in ("hearsay", "negated")
            else (name, pa.float64())
            if name == "confidence"
            else (name, pa.string())
            for name in COLUMNS
        ]
    )
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for hit in statements:
            batch.append(flat(hit))
            count += 1
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count
