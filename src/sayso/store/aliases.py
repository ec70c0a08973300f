"""Aliases files: the spellings and roles users know of an actor.

Two forms. A text file, one actor per line, the name first::

    # name: alias | alias | …
    Wolodymyr Selenskyj: Selensky | Zelensky | Zelenskyy | Volodymyr Zelensky
    Marco Rubio: US-Außenminister Rubio | Secretary Rubio

or TOML (``.toml``), which can also give roles with dates::

    [[actor]]
    name = "Marco Rubio"
    aliases = ["Rubio"]
    roles = [{ role = "US-Außenminister", since = 2025-01-21 }]

Applying a file merges every actor that answers to one of an entry's
spellings into one, named as the entry says.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sayso.errors import ConfigError, InputError
from sayso.ingest.readers import decode_text, read_bytes
from sayso.model import parse_date


@dataclass(frozen=True, slots=True)
class RoleEntry:
    role: str
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AliasEntry:
    name: str
    aliases: tuple[str, ...]
    roles: tuple[RoleEntry, ...] = ()


def read_aliases(path: Path) -> list[AliasEntry]:
    """The entries of an aliases file; errors name the file and line."""
    text = decode_text(read_bytes(path), str(path))
    if path.suffix.lower() == ".toml":
        return _read_toml(text, str(path))
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, rest = line.partition(":")
        if not sep or not name.strip():
            raise InputError(
                f"{path}:{number}",
                "expected `Name: alias | alias`, e.g. "
                "`Marco Rubio: Rubio | Secretary Rubio`",
            )
        aliases = tuple(a.strip() for a in rest.split("|") if a.strip())
        entries.append(AliasEntry(name.strip(), aliases))
    return entries


def _read_toml(text: str, name: str) -> list[AliasEntry]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(name, f"is not valid TOML ({err})") from None
    actors = data.get("actor")
    if not isinstance(actors, list):
        raise InputError(name, "needs [[actor]] tables with name and aliases")
    return [_toml_entry(item, f"{name}: actor {i}") for i, item in enumerate(actors, 1)]


def _toml_entry(item: Any, where: str) -> AliasEntry:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise InputError(where, "each [[actor]] needs a string `name`")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InputError(where, "`aliases` must be a list of strings")
    roles = []
    for role in item.get("roles", []):
        if not isinstance(role, dict) or not isinstance(role.get("role"), str):
            raise InputError(where, "each role needs a string `role`")
        try:
            since = parse_date(role["since"]) if role.get("since") else None
            until = parse_date(role["until"]) if role.get("until") else None
        except (ValueError, TypeError) as err:
            raise ConfigError(f"{where}: {err}") from None
        roles.append(RoleEntry(role["role"], since, until))
    return AliasEntry(item["name"], tuple(aliases), tuple(roles))
