"""Gold statements written by hand: a spec with substrings, built into offsets.

The spec format is that of ``eval/score.py build``: each statement names a
``sent`` (a unique substring that anchors it) and gives every role as
substrings, found as whole words at or after the anchor; ``speakers`` are keys
into the spec's alias table. :func:`build_gold` returns the gold document that
:mod:`sayso.evaluation.whosaidwhat` scores against, so a project can keep its
own annotated examples (our demo article has one) next to its tests.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sayso.errors import SchemaError

_ROLES = ("cue", "source", "message", "addressee", "medium", "topic", "evidence")


def find_word(text: str, needle: str, start: int, where: str) -> tuple[int, int]:
    """The first whole-word occurrence of ``needle`` at or after ``start``."""
    pattern = re.escape(needle)
    if needle[:1].isalnum():
        pattern = r"(?<!\w)" + pattern
    if needle[-1:].isalnum():
        pattern += r"(?!\w)"
    found = re.compile(pattern).search(text, start)
    if found is None:
        raise SchemaError(f"{where}: {needle!r} not found after offset {start}")
    return found.start(), found.end()


def build_gold(spec: Mapping[str, Any], text: str) -> dict[str, Any]:
    """The gold document (offsets into ``text``) that a hand-written spec describes."""
    aliases: Mapping[str, list[str]] = spec.get("speakers", {})
    ignore = [list(find_word(text, s, 0, "ignore")) for s in spec.get("ignore", [])]
    statements = []
    for entry in spec["statements"]:
        where = f"statement {entry.get('n')}"
        anchor = find_word(text, entry["sent"], 0, where)[0]
        if text.find(entry["sent"], anchor + 1) >= 0:
            raise SchemaError(f"{where}: sent {entry['sent']!r} is not unique")
        try:
            speakers = [aliases[key] for key in entry["speakers"]]
        except KeyError as err:
            raise SchemaError(
                f"{where}: no speaker {err.args[0]!r} in the alias table"
            ) from err
        gold: dict[str, Any] = {
            "n": entry.get("n"),
            "kind": entry.get("kind"),
            "hearsay": bool(entry.get("hearsay")),
            "negated": bool(entry.get("negated")),
            "parent": entry.get("parent"),
            "speakers": speakers,
        }
        for role in _ROLES:
            gold[role] = [
                list(find_word(text, s, anchor, f"{where} {role}"))
                for s in entry.get(role, [])
            ]
        statements.append(gold)
    return {
        "id": spec["id"],
        "lang": spec.get("lang"),
        "published": spec.get("published"),
        "text": text,
        "ignore": ignore,
        "statements": statements,
    }
