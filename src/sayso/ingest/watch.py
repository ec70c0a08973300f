"""Follow feeds over time: poll, ingest what is new, wait, again.

Each pass asks every feed with the ETag and Last-Modified it answered last
time (kept in the store, so a ``--once`` run from cron is as polite as a
long-running watch); a 304 costs nothing more. Entries whose page is stored
already are not fetched again. The validators are saved only after the
feed's entries were processed, so a watch killed mid-pass redoes that feed
and the store's de-duplication drops what was stored.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from sayso.errors import ConfigError, SaysoError
from sayso.ingest.feeds import read_feed
from sayso.ingest.fetch import Fetcher
from sayso.ingest.item import Item
from sayso.ingest.pipeline import Extractor, IngestEvent, IngestOptions, process
from sayso.ingest.readers import read_bytes
from sayso.ingest.sources import decode, is_url
from sayso.model import Failure
from sayso.store import Store

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in ``15m``, ``1h``, ``90s``, ``2d`` or a plain number of seconds."""
    match = _INTERVAL.match(text)
    if not match:
        raise ConfigError(f"interval {text[:40]!r}: give e.g. 15m, 1h, 90s")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds < 1:
        raise ConfigError(f"interval {text!r}: give at least 1 second")
    return seconds


def feed_urls(sources: Iterable[str]) -> list[str]:
    """Feeds named directly (URLs or feed files) or in list files, one per line."""
    feeds: list[str] = []
    for source in sources:
        path = Path(source)
        if is_url(source) or path.suffix.lower() in (".xml", ".rss", ".atom"):
            feeds.append(source)
            continue
        text = decode(read_bytes(path), source, "utf-8")
        for line in text.splitlines():
            entry = line.strip()
            if entry and not entry.startswith("#"):
                feeds.append(entry)
    if not feeds:
        raise ConfigError("no feeds to watch; give feed URLs or a file listing them")
    return list(dict.fromkeys(feeds))


def poll(
    feed: str,
    store: Store,
    fetcher: Fetcher,
    *,
    options: IngestOptions,
    extractor: Extractor | None,
    run_id: int,
) -> Iterator[IngestEvent]:
    """One feed, once: what is new in it, stored."""
    items: Iterable[Item | Failure]
    if is_url(feed):
        etag, modified = store.feed_state(feed)
        try:
            fetched = fetcher.get(feed, etag=etag, last_modified=modified)
        except SaysoError as err:
            items = [Failure(feed, type(err).__name__, str(err))]
            yield from process(items, store, options=options, run_id=run_id)
            return
        if fetched.not_modified:
            log.debug("%s: not modified", feed)
            store.save_feed_state(
                feed, etag=etag, last_modified=modified, status=304, entries=0
            )
            return
        data = fetched.content
        folder = None
        validators = (fetched.etag, fetched.last_modified, fetched.status)
    else:
        try:
            data = read_bytes(Path(feed))
        except SaysoError as err:
            items = [Failure(feed, type(err).__name__, str(err))]
            yield from process(items, store, options=options, run_id=run_id)
            return
        folder = Path(feed).parent
        validators = None
    seen = 0
    try:
        items = read_feed(
            data,
            feed,
            folder=folder,
            fetcher=fetcher if options.fetch else None,
            skip=store.has_url,
            language=options.read.language,
        )
        for event in process(
            items, store, options=options, extractor=extractor, run_id=run_id
        ):
            seen += 1
            yield event
    except SaysoError as err:
        failure = Failure(feed, type(err).__name__, str(err))
        yield from process([failure], store, options=options, run_id=run_id)
        return
    if validators is not None:
        etag, modified, status = validators
        store.save_feed_state(
            feed, etag=etag, last_modified=modified, status=status, entries=seen
        )


def watch(
    sources: Iterable[str],
    store: Store,
    *,
    every: float = 900.0,
    once: bool = False,
    options: IngestOptions | None = None,
    extractor: Extractor | None = None,
    fetcher: Fetcher | None = None,
    stop: threading.Event | None = None,
) -> Iterator[IngestEvent]:
    """Poll the feeds every ``every`` seconds until ``stop`` is set (or once)."""
    options = options or IngestOptions()
    feeds = feed_urls(sources)
    stop = stop or threading.Event()
    own = fetcher is None
    client = fetcher or Fetcher()
    try:
        while not stop.is_set():
            run_id = store.start_run("watch " + " ".join(feeds)[:500])
            counts = {"added": 0, "versions": 0, "duplicates": 0, "failed": 0}
            for feed in feeds:
                if stop.is_set():
                    break
                for event in poll(
                    feed,
                    store,
                    client,
                    options=options,
                    extractor=extractor,
                    run_id=run_id,
                ):
                    key = {"version": "versions", "duplicate": "duplicates"}.get(
                        event.outcome, event.outcome
                    )
                    counts[key] = counts.get(key, 0) + 1
                    yield event
            store.finish_run(run_id, counts)
            if once:
                return
            stop.wait(every)
    finally:
        if own:
            client.close()
