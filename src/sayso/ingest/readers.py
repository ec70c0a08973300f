"""Readers: turn files into :class:`~sayso.model.Article` objects.

A reader yields an :class:`Article` for every text it can read and a
:class:`Failure` for every one it cannot, so that one bad line or file never
stops a run. Problems with the file as a whole (missing, binary, not UTF-8)
raise :class:`~sayso.errors.InputError`.

Texts are decoded as Python reads a UTF-8 file in text mode (universal
newlines), which is also how ``eval/score.py`` reads them: every character
offset sayso reports points into exactly that string.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sayso.errors import InputError, SaysoError, SchemaError
from sayso.ingest.item import Item
from sayso.model import Article, Failure

#: Read no single file larger than this (bytes); a clear error instead of a swap storm.
MAX_FILE_BYTES = 200 * 1024 * 1024
_BINARY_PROBE = 8192


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 bytes as text, universal newlines; a clear error for binary or others."""
    probe = data[:_BINARY_PROBE]
    if b"\x00" in probe:
        raise InputError(
            name,
            "looks like a binary file (it contains NUL bytes); give a UTF-8 text file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            name,
            f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}, "
            f"line {line}); convert it first, e.g. `iconv -f latin1 -t utf-8`",
        ) from None
    controls = sum(
        1 for ch in text[:_BINARY_PROBE] if ord(ch) < 32 and ch not in "\t\n\r\f\v"
    )
    if controls > max(8, len(text[:_BINARY_PROBE]) // 20):
        raise InputError(
            name,
            f"looks like a binary file ({controls} control characters); "
            "give a text file",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; an :class:`InputError` naming it on any problem."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                name,
                f"is {size // 2**20} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
                "limit",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(
            name, "is a directory; give the files in it, e.g. DIR/*.txt"
        ) from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None


def read_text_file(path: Path, *, language: str | None = None) -> Article:
    """A ``.txt`` file as one article whose id is the file name without extension."""
    text = decode_text(read_bytes(path), str(path))
    return Article(id=path.stem, text=text, language=language)


def read_jsonl(
    lines: Iterator[str] | list[str], name: str, *, language: str | None = None
) -> Iterator[Article | Failure]:
    """One article per line: ``{"id", "text", "title"?, "url"?, "outlet"?, …}``."""
    for item in read_jsonl_items(lines, name, language=language):
        yield item if isinstance(item, Failure) else item.article


def read_jsonl_items(
    lines: Iterator[str] | list[str], name: str, *, language: str | None = None
) -> Iterator[Item | Failure]:
    """Like :func:`read_jsonl`, keeping each line's origin and ``author``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record: Any = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(
                where,
                "InputError",
                f"not a JSON object ({err.msg}, column {err.colno})",
            )
            continue
        if not isinstance(record, dict):
            yield Failure(
                where, "InputError", "each line must be a JSON object with 'text'"
            )
            continue
        yield _record_item(record, name, number, "text", language)


def read_csv(
    text: str,
    name: str,
    *,
    text_column: str = "text",
    language: str | None = None,
) -> Iterator[Item | Failure]:
    """One article per row of a CSV file with a header row.

    ``text_column`` holds the text; the columns ``id``, ``title``, ``url``,
    ``outlet``, ``published`` (or ``date``), ``language`` (or ``lang``) and
    ``author`` are read when present. A ``.tsv`` file is tab-separated.
    """
    csv.field_size_limit(MAX_FILE_BYTES)
    delimiter = "\t" if name.lower().endswith(".tsv") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(rows)
    except StopIteration:
        return
    except csv.Error as err:
        raise InputError(name, f"is not a readable CSV file ({err})") from None
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    if text_column.lower() not in columns:
        raise InputError(
            name,
            f"has no column {text_column!r} (its columns: {', '.join(columns)[:200]}); "
            "give the text column with --text-column",
        )
    number = 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            yield Failure(
                f"{name}:{number + 1}", "InputError", f"unreadable row ({err})"
            )
            return
        number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield Failure(
                f"{name}:{number}",
                "InputError",
                f"the row has {len(row)} cells, the header {len(columns)}",
            )
            continue
        record: dict[str, Any] = {
            k: v for k, v in zip(columns, row, strict=True) if v != ""
        }
        record.setdefault("published", record.get("date"))
        yield _record_item(record, name, number, text_column.lower(), language)


def _record_item(
    record: dict[str, Any], name: str, number: int, text_key: str, language: str | None
) -> Item | Failure:
    where = f"{name}:{number}"
    text = record.get(text_key)
    if not isinstance(text, str):
        return Failure(
            where, "InputError", f"the record has no string field {text_key!r}"
        )
    record = dict(record)
    record["text"] = text
    record.setdefault("id", f"{Path(name).stem}-{number}")
    if record.get("id") is None:
        record["id"] = f"{Path(name).stem}-{number}"
    if language and not record.get("language") and not record.get("lang"):
        record["language"] = language
    try:
        article = Article.from_dict(record)
    except SchemaError as err:
        return Failure(where, "SchemaError", str(err))
    author = record.get("author")
    return Item(article, where, str(author) if author not in (None, "") else None)


def read_path(path: str, *, language: str | None = None) -> Iterator[Article | Failure]:
    """Articles from a ``.txt``, ``.jsonl``, ``.csv`` or ``.html`` file, or stdin.

    Standard input holds JSON lines when its first non-blank character is ``{``,
    else one plain-text article with the id ``stdin``.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
        text = decode_text(data, "<stdin>")
        if text.lstrip().startswith("{"):
            yield from read_jsonl(text.splitlines(), "stdin", language=language)
        elif text.strip():
            yield Article(id="stdin", text=text, language=language)
        return
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    suffix = file.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        text = decode_text(read_bytes(file), path)
        yield from read_jsonl(text.splitlines(), path, language=language)
    elif suffix in (".txt", ".text", ""):
        yield read_text_file(file, language=language)
    elif suffix in (".csv", ".tsv"):
        text = decode_text(read_bytes(file), path)
        for item in read_csv(text, path, language=language):
            yield item if isinstance(item, Failure) else item.article
    elif suffix in (".html", ".htm", ".xhtml"):
        from sayso.ingest.html import read_html

        try:
            item = read_html(
                read_bytes(file), origin=path, key=file.stem, language=language
            )
        except SaysoError as err:
            yield Failure(path, type(err).__name__, str(err).removeprefix(f"{path}: "))
            return
        yield item.article
    else:
        raise InputError(
            path,
            f"unknown file type {suffix!r}; give .txt, .jsonl, .csv or .html files",
        )
