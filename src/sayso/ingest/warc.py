"""WARC files (news crawls): every HTML response in them is an article."""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sayso.errors import InputError, SaysoError
from sayso.ingest.html import MAX_HTML_BYTES, read_html
from sayso.ingest.item import Item
from sayso.model import Failure

log = logging.getLogger(__name__)


def read_warc(path: Path, *, language: str | None = None) -> Iterator[Item | Failure]:
    """Articles from the HTML ``response`` and ``resource`` records of a WARC file.

    A record that cannot be read becomes a failure; a file that breaks off
    (truncated, not a WARC at all) ends with one failure after the records
    read so far.
    """
    # warcio and feedparser publish no type information.
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    name = str(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    count = 0
    skipped = 0
    # warcio writes its complaints about broken records to sys.stderr itself;
    # they are caught here and reported as one failure instead.
    noise = io.StringIO()
    with stream:
        iterator = ArchiveIterator(stream, check_digests=False)
        records = iter(iterator)
        while True:
            with contextlib.redirect_stderr(noise):
                try:
                    record = next(records)
                except StopIteration:
                    break
                except (
                    ArchiveLoadFailed,
                    zlib.error,
                    EOFError,
                    ValueError,
                    OSError,
                ) as err:
                    yield Failure(
                        name,
                        "InputError",
                        f"not a readable WARC file after {count} record(s) "
                        f"({type(err).__name__}: {str(err)[:200]})",
                    )
                    return
                count += 1
                item = _record(record, name, count, language)
            if item is None:
                skipped += 1
            else:
                yield item
        broken = getattr(iterator, "err_count", 0)
    if count == 0:
        yield Failure(name, "InputError", "holds no WARC records; is it a WARC file?")
    elif broken:
        yield Failure(
            name,
            "InputError",
            f"{broken} record(s) with a wrong length or boundary; the file may be "
            "damaged (records read so far are kept)",
        )
    log.debug("%s: %d records, %d not HTML", name, count, skipped)


def _record(
    record: Any, name: str, number: int, language: str | None
) -> Item | Failure | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"record-{number}"
    where = f"{name}#{uri}"
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        if not status or not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    try:
        payload = record.content_stream().read(MAX_HTML_BYTES + 1)
    except (zlib.error, EOFError, ValueError, OSError) as err:
        return Failure(where, "InputError", f"the record cannot be read ({err})")
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0 and len(payload) <= MAX_HTML_BYTES:
        return Failure(
            where,
            "InputError",
            f"the record is truncated ({missing} bytes missing); the file was cut off",
        )
    try:
        return read_html(payload, origin=where, key=uri, url=uri, language=language)
    except SaysoError as err:
        return Failure(where, type(err).__name__, str(err).removeprefix(f"{where}: "))
