"""A small cache of list answers (searches, listings, counts), kept only while
the archive is unchanged.

Searches repeat: the same query paged back and forth, the home page, a link
shared in a newsroom. Each answer is kept with the archive's version: for
SQLite the size and modification time of the database file and its WAL, which
every commit changes; for other databases a short time to live stands in.
Writes through the web app clear the cache at once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Final

from sqlalchemy.engine import make_url

#: Seconds an answer is trusted where the archive's version cannot be read.
FALLBACK_TTL: Final = 10.0


class ViewCache:
    """Answers by key, least recently used dropped first, while the archive holds
    still; ``entries=0`` turns it off."""

    def __init__(self, url: str, *, entries: int = 512, ttl: float = 300.0) -> None:
        self.entries = entries
        self.ttl = ttl
        self._files = _sqlite_files(url)
        self._data: OrderedDict[Hashable, tuple[Any, float, Hashable]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached answer for ``key``, or ``compute()`` (kept for next time)."""
        if self.entries <= 0:
            return compute()
        version = self._version()
        now = time.monotonic()
        ttl = self.ttl if self._files else min(self.ttl, FALLBACK_TTL)
        with self._lock:
            found = self._data.get(key)
            if found is not None and found[2] == version and now - found[1] < ttl:
                self._data.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        value = compute()
        with self._lock:
            self._data[key] = (value, now, version)
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (after a write)."""
        with self._lock:
            self._data.clear()

    def _version(self) -> Hashable:
        if not self._files:
            return None
        out = []
        for path in self._files:
            try:
                info = os.stat(path)
            except OSError:
                out.append((0, 0))
                continue
            out.append((info.st_size, info.st_mtime_ns))
        return tuple(out)


def _sqlite_files(url: str) -> tuple[str, ...]:
    """The database file and its WAL for a SQLite URL; nothing for others."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return ()
    database = parsed.database.removeprefix("file:").split("?")[0]
    if database in ("", ":memory:") or "mode=memory" in str(parsed):
        return ()
    path = Path(database)
    return (str(path), f"{path}-wal")
