"""Export to JSON lines, CSV and Parquet: everything, or what the filters select."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sayso.errors import ConfigError
from sayso.model import Statement
from sayso.store import StatementQuery, Store
from tests.store.builders import RUBIO, article, rubio_statements


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_article(article(RUBIO, url="https://example.org/r"), rubio_statements())
    return store


def test_export_jsonl_round_trips_statements(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert filled.export(out, format="jsonl") == 2
    records = [
        json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
    ]
    assert [Statement.from_dict(r["statement"]) for r in records] == rubio_statements()
    assert records[0]["article"]["url"] == "https://example.org/r"


def test_export_csv_has_one_row_per_statement(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert filled.export(out, format="csv", query=StatementQuery(kind="direct")) == 1
    with out.open(encoding="utf-8", newline="") as file:
        (row,) = list(csv.DictReader(file))
    assert row["message"] == "Wir werden nicht nachgeben"
    assert row["actors"] == "Marco Rubio"
    assert json.loads(row["spans"])["cue"]


def test_export_parquet(filled: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "s.parquet"
    assert filled.export(out, format="parquet") == 2
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert set(table.column("kind").to_pylist()) == {"direct", "indirect"}


def test_export_of_nothing_writes_an_empty_file(store: Store, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"empty.{fmt}"
        assert store.export(out, format=fmt) == 0  # type: ignore[arg-type]
        assert out.exists()


def test_export_errors_leave_no_partial_file(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="format"):
        filled.export(tmp_path / "x.xlsx", format="xlsx")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="does not exist"):
        filled.export(tmp_path / "no" / "x.jsonl")
    with pytest.raises(ConfigError, match="folder"):
        filled.export(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
