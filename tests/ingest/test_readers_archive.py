"""Archive readers: CSV, JSON lines with authors, HTML, encodings, folders, lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.errors import IngestError, InputError
from sayso.ingest.html import fragment_text, read_html
from sayso.ingest.item import Item
from sayso.ingest.readers import read_csv, read_path
from sayso.ingest.sources import ReadOptions, decode, read_source
from sayso.model import Failure
from tests.ingest.support import ARTICLE_DE, html_page


def items(source: Path | str, **options: object) -> list[Item | Failure]:
    return list(read_source(str(source), options=ReadOptions(**options)))  # type: ignore[arg-type]


def test_csv_reads_text_and_metadata_columns() -> None:
    text = (
        "id,text,title,url,outlet,date,author,extra\n"
        'k1,"Er sagte, es gehe voran.",T1,https://e.org/1,Blatt,2025-08-19,Anna,x\n'
        "k2,Zweiter Text,,,,,,\n"
    )
    first, second = read_csv(text, "in.csv")
    assert isinstance(first, Item)
    assert isinstance(second, Item)
    assert first.article.id == "k1"
    assert first.article.url == "https://e.org/1"
    assert first.article.published.isoformat() == "2025-08-19"  # type: ignore[union-attr]
    assert first.author == "Anna"
    assert first.origin == "in.csv:2"
    assert second.article.title is None


def test_csv_bad_rows_are_failures_and_the_rest_is_read() -> None:
    text = "id,text,published\na,eins,2025-08-19\nb,zwei,gestern\nc\nd,vier,\n"
    results = read_csv(text, "x.csv")
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Item", "Failure", "Failure", "Item"]


def test_csv_text_column_option_and_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("body,headline\nDer Text hier,Titel\n", encoding="utf-8")
    (failure,) = items(path)
    assert isinstance(failure, Failure)
    assert "--text-column" in failure.message
    (item,) = items(path, text_column="body")
    assert isinstance(item, Item)
    assert item.article.text == "Der Text hier"


def test_csv_with_a_20_mb_field(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    big = "Wort " * 4_000_000
    path.write_text(f"id,text\nbig,{big}\n", encoding="utf-8")
    (item,) = items(path)
    assert isinstance(item, Item)
    assert len(item.article.text) == len(big)


def test_jsonl_keeps_authors_and_origins(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "x", "text": "Hallo Welt", "author": "Max"}),
        "{kaputt",
        json.dumps({"id": "x", "text": "Anderer Text"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    first, bad, third = items(path)
    assert isinstance(first, Item)
    assert first.author == "Max"
    assert first.origin.endswith("a.jsonl:1")
    assert isinstance(bad, Failure)
    assert isinstance(third, Item)
    assert third.article.id == "x"


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "seite.html"
    path.write_bytes(html_page("Haushalt", ARTICLE_DE))
    (item,) = items(path)
    assert isinstance(item, Item)
    assert "Haushalt sei solide" in item.article.text
    assert "Impressum" not in item.article.text
    assert item.article.title == "Haushalt"
    assert item.article.outlet == "Testblatt"
    assert item.article.published.isoformat() == "2025-08-19"  # type: ignore[union-attr]
    assert item.author == "Erika Beispiel"
    assert item.article.id == "seite"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body></body></html>",
        b"<<<>>><p<div></html>",
        b"\x00\x01\x02 binary \xff\xfe",
        b"<html>" + b"<div>" * 20000 + b"Text" + b"</div>" * 10,
    ],
)
def test_malformed_html_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(IngestError, match="page"):
        read_html(data, origin="bad.html", key="bad")


def test_html_in_latin1_is_decoded() -> None:
    page = html_page("Grüße", ARTICLE_DE).decode().replace("utf-8", "iso-8859-1")
    item = read_html(page.encode("latin-1"), origin="x.html", key="x")
    assert "würden sinken" in item.article.text


def test_read_path_reads_html_and_csv_for_extract(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(html_page("Haushalt", ARTICLE_DE))
    table = tmp_path / "t.csv"
    table.write_text("id,text\nz,Ein Text\n", encoding="utf-8")
    assert [a.id for a in read_path(str(page))] == ["p"]  # type: ignore[union-attr]
    assert [a.id for a in read_path(str(table))] == ["z"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        ("Grüße aus Köln".encode("latin-1"), "utf-8", "not valid UTF-8"),
        ("Grüße".encode("utf-16"), "utf-8", "UTF-16"),
        ("Grüße".encode(), "klingonisch", "unknown encoding"),
    ],
)
def test_wrong_encodings_are_clear_errors(
    data: bytes, encoding: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "x.txt", encoding)


def test_encoding_option_reads_latin1(tmp_path: Path) -> None:
    path = tmp_path / "alt.txt"
    path.write_bytes("Grüße aus Köln\r\nzweite Zeile".encode("cp1252"))
    (failure,) = items(path)
    assert isinstance(failure, Failure)
    assert "UTF-8" in failure.message
    (item,) = items(path, encoding="cp1252")
    assert isinstance(item, Item)
    assert item.article.text == "Grüße aus Köln\nzweite Zeile"


def test_folders_and_lists(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Text A", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text B", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    read = items(tmp_path)
    assert sorted(i.article.id for i in read if isinstance(i, Item)) == ["a", "b"]
    listing = tmp_path / "inputs.urls"
    listing.write_text("# inputs\nb.txt\nfehlt.txt\n\n", encoding="utf-8")
    found = items(listing)
    assert [type(i).__name__ for i in found] == ["Item", "Failure"]


def test_unknown_and_missing_inputs(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04")
    (failure,) = items(tmp_path / "x.xlsx")
    assert isinstance(failure, Failure)
    assert "unknown file type" in failure.message
    (missing,) = items(tmp_path / "nope.txt")
    assert isinstance(missing, Failure)
    assert "no such file" in missing.message
    (empty_dir,) = items(tmp_path / "x.xlsx").__class__([failure])
    assert empty_dir is failure


def test_fragment_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = fragment_text(
        "<p>Erster &amp; Absatz</p><script>alert(1)</script><p>Zweiter<br>Teil</p><p"
    )
    assert text == "Erster & Absatz\n\nZweiter\nTeil"
