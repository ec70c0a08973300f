"""Actors in the database: resolve speakers, add aliases, merge and split.

Every function takes an open :class:`~sqlalchemy.orm.Session` inside the
caller's transaction, so resolving the speakers of an article is part of the
one transaction that stores it.

Resolution of a speaker name (titles already stripped):

1. a known alias key (any spelling folded by :func:`sayso.actors.name_key`);
2. a full name (first and last) that is new becomes a new actor; an actor
   known only by that last name, made automatically, is merged into it when
   no other full name shares the last name;
3. a bare last name goes to the one actor with that last name, else to an
   actor of its own (ambiguous or unknown); users merge or split later.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sayso.actors import clean_name, is_full_name, last_key, name_key, parse_mention
from sayso.errors import ConfigError
from sayso.store.records import NotFoundError
from sayso.store.schema import (
    ActorAliasRow,
    ActorEventRow,
    ActorRoleRow,
    ActorRow,
    StatementRow,
    StatementSpeakerRow,
)

log = logging.getLogger(__name__)


def resolve(session: Session, name: str) -> int | None:
    """The actor id for a speaker name, creating the actor when needed."""
    name = clean_name(name)
    key = name_key(name)
    if not key:
        return None
    known = session.execute(
        select(ActorAliasRow.actor_id, ActorRow.merged_into)
        .join(ActorRow, ActorRow.id == ActorAliasRow.actor_id)
        .where(ActorAliasRow.key == key)
    ).first()
    if known is not None:
        return known[0] if known[1] is None else live(session, known[0])
    surname = last_key(name)
    if is_full_name(name):
        actor = _create(session, name, key, surname)
        _absorb_surname_actor(session, actor, surname)
        return actor.id
    candidates = session.scalars(
        select(ActorRow.id).where(
            ActorRow.last_key == surname,
            ActorRow.merged_into.is_(None),
            ActorRow.key != surname,
        )
    ).all()
    if len(candidates) == 1:
        _add_alias(session, candidates[0], name, key, "speaker")
        return candidates[0]
    if len(candidates) > 1:
        log.debug("%r matches %d actors; filed under its own", name, len(candidates))
    return _create(session, name, key, surname).id


def live(session: Session, actor_id: int) -> int:
    """Follow ``merged_into`` links to the actor that now stands for ``actor_id``."""
    seen = set()
    while actor_id not in seen:
        seen.add(actor_id)
        target = session.scalar(
            select(ActorRow.merged_into).where(ActorRow.id == actor_id)
        )
        if target is None:
            return actor_id
        actor_id = target
    return actor_id


def _create(session: Session, name: str, key: str, surname: str) -> ActorRow:
    actor = ActorRow(name=name, key=key, last_key=surname, named_by_user=False)
    session.add(actor)
    session.flush()
    _add_alias(session, actor.id, name, key, "speaker")
    return actor


def _add_alias(
    session: Session, actor_id: int, name: str, key: str, origin: str
) -> None:
    exists = session.scalar(select(ActorAliasRow.id).where(ActorAliasRow.key == key))
    if exists is None:
        session.add(ActorAliasRow(actor_id=actor_id, name=name, key=key, origin=origin))
        session.flush()


def _absorb_surname_actor(session: Session, actor: ActorRow, surname: str) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(ActorRow)
        .where(
            ActorRow.last_key == surname,
            ActorRow.key != surname,
            ActorRow.merged_into.is_(None),
            ActorRow.id != actor.id,
        )
    )
    if others:
        return
    bare = session.scalars(
        select(ActorRow).where(
            ActorRow.key == surname,
            ActorRow.merged_into.is_(None),
            ActorRow.named_by_user.is_(False),
        )
    ).all()
    for row in bare:
        _move(session, row.id, actor.id)
        _event(session, "absorb", actor.id, row.id, {"name": row.name})


def _move(session: Session, source: int, target: int) -> None:
    """Everything of actor ``source`` (aliases, statements, roles) to ``target``."""
    session.execute(
        update(ActorAliasRow)
        .where(ActorAliasRow.actor_id == source)
        .values(actor_id=target)
    )
    session.execute(
        update(StatementSpeakerRow)
        .where(StatementSpeakerRow.actor_id == source)
        .values(actor_id=target)
    )
    session.execute(
        update(ActorRoleRow)
        .where(ActorRoleRow.actor_id == source)
        .values(actor_id=target)
    )
    session.execute(
        update(ActorRow).where(ActorRow.id == source).values(merged_into=target)
    )
    session.execute(
        update(ActorRow)
        .where(ActorRow.merged_into == source)
        .values(merged_into=target)
    )


def _event(
    session: Session, action: str, actor_id: int, other_id: int | None, detail: object
) -> None:
    session.add(
        ActorEventRow(
            action=action, actor_id=actor_id, other_id=other_id, detail=detail
        )
    )


def add_role(
    session: Session,
    actor_id: int,
    source_text: str,
    speaker: str,
    *,
    seen: dt.date | None,
    article_id: int,
) -> None:
    """Record the title a statement's source gives its speaker (``Außenminister``)."""
    mention = parse_mention(source_text)
    role = clean_name(mention.role)
    if not role or len(role) < 3:
        return
    if mention.name and last_key(mention.name) != last_key(speaker):
        return
    session.add(
        ActorRoleRow(actor_id=actor_id, role=role, seen=seen, article_id=article_id)
    )


@dataclass(frozen=True, slots=True)
class Match:
    """An actor found by name, and how well it matched."""

    id: int
    name: str
    exact: bool


def find(session: Session, query: str) -> list[Match]:
    """Actors whose name or alias matches ``query`` (exact spelling folds first).

    A full name matches its key; a single word also matches every actor with
    that last name; failing both, a case-insensitive substring of a name.
    """
    text = clean_name(query)
    if text.isdigit():
        row = session.get(ActorRow, int(text))
        return [Match(live(session, row.id), row.name, True)] if row else []
    name, key, full = _query_name(text)
    if not key:
        return []
    found: dict[int, Match] = {}
    for actor_id, merged_into, actor_name in session.execute(
        select(ActorAliasRow.actor_id, ActorRow.merged_into, ActorRow.name)
        .join(ActorRow, ActorRow.id == ActorAliasRow.actor_id)
        .where(ActorAliasRow.key == key)
    ):
        if merged_into is None:
            found[actor_id] = Match(actor_id, actor_name, True)
        else:
            alive = live(session, actor_id)
            found[alive] = Match(alive, _name(session, alive), True)
    # A full name: an actor the archive knows only by its last name may be meant
    # too; a single word: every actor with that last name.
    wider = ActorRow.key == last_key(name) if full else ActorRow.last_key == key
    rows = session.execute(
        select(ActorRow.id, ActorRow.name).where(wider, ActorRow.merged_into.is_(None))
    ).all()
    if rows:
        for actor_id, actor_name in rows:
            found.setdefault(actor_id, Match(actor_id, actor_name, False))
    if not found:
        pattern = "%" + _escape_like(text.lower()) + "%"
        like = session.scalars(
            select(ActorAliasRow.actor_id)
            .where(func.lower(ActorAliasRow.name).like(pattern, escape="\\"))
            .limit(50)
        ).all()
        for actor_id in like:
            alive = live(session, actor_id)
            found.setdefault(alive, Match(alive, _name(session, alive), False))
    return sorted(found.values(), key=lambda m: (not m.exact, m.id))


@functools.lru_cache(maxsize=4096)
def _query_name(text: str) -> tuple[str, str, bool]:
    """The name a searched-for speaker gives, its key, whether it is a full name
    (the name rules take longer than the lookups; searches repeat names)."""
    name = parse_mention(text).name or text
    return name, name_key(name), is_full_name(name)


def _name(session: Session, actor_id: int) -> str:
    return session.scalar(select(ActorRow.name).where(ActorRow.id == actor_id)) or ""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def one(session: Session, query: str | int) -> int:
    """The one actor ``query`` (an id or a name) means; errors say why not."""
    matches = find(session, str(query))
    if not matches:
        raise NotFoundError(
            f"no actor {str(query)[:100]!r}; list actors with `sayso actors list`"
        )
    text = clean_name(str(query))
    if text.isdigit() or is_full_name(parse_mention(text).name or text):
        exact = [m for m in matches if m.exact] or matches
    else:
        # A bare last name may mean any actor of that name: all must be listed.
        exact = matches
    if len(exact) > 1:
        listed = ", ".join(f"#{m.id} {m.name}" for m in exact[:10])
        raise ConfigError(
            f"{str(query)[:100]!r} matches {len(exact)} actors ({listed}); give the id"
        )
    return exact[0].id


def add_aliases(
    session: Session, actor_id: int, aliases: Iterable[str], *, origin: str = "user"
) -> list[str]:
    """Give an actor more spellings; an alias held by another actor moves over.

    Returns the aliases that were new or moved.
    """
    changed = []
    for alias in aliases:
        name = clean_name(alias)
        key = name_key(name)
        if not key:
            raise ConfigError(f"alias {alias[:100]!r} holds no name")
        row = session.scalar(select(ActorAliasRow).where(ActorAliasRow.key == key))
        if row is None:
            session.add(
                ActorAliasRow(actor_id=actor_id, name=name, key=key, origin=origin)
            )
        elif row.actor_id != actor_id:
            previous = row.actor_id
            row.actor_id = actor_id
            row.origin = origin
            _relink(session, key, previous, actor_id)
        else:
            continue
        changed.append(name)
    session.flush()
    if changed:
        _event(session, "alias", actor_id, None, {"aliases": changed})
    return changed


def _relink(session: Session, key: str, source: int, target: int) -> None:
    """Statements filed under ``key`` at actor ``source`` now belong to ``target``."""
    session.execute(
        update(StatementSpeakerRow)
        .where(StatementSpeakerRow.actor_id == source, StatementSpeakerRow.key == key)
        .values(actor_id=target)
    )


def create(session: Session, name: str, *, by_user: bool = True) -> int:
    """A new actor called ``name`` (its name becomes its first alias)."""
    name = clean_name(name)
    key = name_key(name)
    if not key:
        raise ConfigError(f"actor name {name[:100]!r} holds no name")
    actor = ActorRow(name=name, key=key, last_key=last_key(name), named_by_user=by_user)
    session.add(actor)
    session.flush()
    add_aliases(session, actor.id, [name], origin="user")
    return actor.id


def merge(session: Session, target: int, sources: Sequence[int]) -> int:
    """Merge actors ``sources`` into ``target``: aliases, statements, roles move."""
    for source in sources:
        if source == target:
            raise ConfigError(f"cannot merge actor #{target} into itself")
        _move(session, source, target)
        _event(session, "merge", target, source, None)
    session.flush()
    return target


def split(
    session: Session, actor_id: int, aliases: Sequence[str], *, name: str | None = None
) -> int:
    """Move the given spellings (and the statements filed under them) to a new actor."""
    if not aliases:
        raise ConfigError("name at least one alias to split off")
    rows = []
    for alias in aliases:
        key = name_key(clean_name(alias))
        row = session.scalar(
            select(ActorAliasRow).where(
                ActorAliasRow.key == key, ActorAliasRow.actor_id == actor_id
            )
        )
        if row is None:
            known = session.scalars(
                select(ActorAliasRow.name).where(ActorAliasRow.actor_id == actor_id)
            ).all()
            raise ConfigError(
                f"actor #{actor_id} has no alias {alias[:100]!r}; its aliases are "
                f"{', '.join(known[:20])}"
            )
        rows.append(row)
    remaining = session.scalar(
        select(func.count())
        .select_from(ActorAliasRow)
        .where(ActorAliasRow.actor_id == actor_id)
    )
    if remaining == len(rows):
        raise ConfigError(
            "splitting off every alias would leave the actor empty; keep one, "
            "or rename the actor instead"
        )
    new_name = clean_name(name) if name else rows[0].name
    new = ActorRow(
        name=new_name,
        key=name_key(new_name),
        last_key=last_key(new_name),
        named_by_user=True,
    )
    session.add(new)
    session.flush()
    for row in rows:
        row.actor_id = new.id
        _relink(session, row.key, actor_id, new.id)
    # Roles read from articles whose statements moved go with them.
    moved_articles = (
        select(StatementRow.article_id)
        .join(StatementSpeakerRow, StatementSpeakerRow.statement_id == StatementRow.id)
        .where(StatementSpeakerRow.actor_id == new.id)
    )
    session.execute(
        update(ActorRoleRow)
        .where(
            ActorRoleRow.actor_id == actor_id,
            ActorRoleRow.article_id.in_(moved_articles),
        )
        .values(actor_id=new.id)
    )
    _event(session, "split", actor_id, new.id, {"aliases": [r.name for r in rows]})
    session.flush()
    return new.id


def rename(session: Session, actor_id: int, name: str) -> None:
    """Give an actor the display name ``name`` (kept from now on)."""
    session.execute(
        update(ActorRow)
        .where(ActorRow.id == actor_id)
        .values(name=clean_name(name), named_by_user=True)
    )
