"""Between model objects and rows: statements in, stored statements out."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, cast

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from sayso.errors import StoreError
from sayso.model import ROLES, Article, CharSpan, Kind, Mode, Producer, Statement
from sayso.store.claims import claim_tokens, fingerprint
from sayso.store.records import ActorRef, ArticleRef, StoredStatement
from sayso.store.schema import ActorRow, ArticleRow, StatementRow, StatementSpeakerRow

#: Metadata longer than this is cut (characters): no outlet name runs to pages.
FIELD_LIMITS: Final = {
    "key": 500,
    "title": 2000,
    "outlet": 300,
    "author": 500,
    "language": 16,
    "url": 8000,
    "origin": 4000,
}
_SEPARATOR: Final = " … "


def clean_field(value: str | None, field: str) -> str | None:
    """Metadata made storable: no NUL, no lone surrogates, cut to its limit."""
    if value is None:
        return None
    text = scrub(value).strip()
    limit = FIELD_LIMITS.get(field)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def scrub(text: str) -> str:
    """``text`` with NUL and lone surrogates replaced by U+FFFD (length unchanged)."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def check_article(article: Article, statements: Sequence[Statement]) -> None:
    """Refuse what would store a broken record, with the reason."""
    if scrub(article.text) != article.text:
        raise StoreError(
            f"article {article.id[:100]!r}: the text holds NUL characters or lone "
            "surrogates, which no database stores; clean it first "
            "(sayso.store.rows.scrub keeps offsets)"
        )
    text = article.text
    seen: set[str] = set()
    for statement in statements:
        if statement.id in seen:
            raise StoreError(
                f"article {article.id[:100]!r}: statement id {statement.id[:50]!r} "
                "occurs twice; ids must be unique within an article"
            )
        seen.add(statement.id)
        for role in ROLES:
            for span in statement.spans(role):
                if span.end > len(text) or text[span.start : span.end] != span.text:
                    raise StoreError(
                        f"article {article.id[:100]!r}, statement "
                        f"{statement.id[:50]!r}: {role} span {span.start}.."
                        f"{span.end} ({span.text[:40]!r}) "
                        "does not match the article text; store the article the "
                        "statements were read from"
                    )
    for statement in statements:
        if statement.parent is not None and statement.parent not in seen:
            raise StoreError(
                f"article {article.id[:100]!r}, statement {statement.id[:50]!r}: "
                f"parent {statement.parent[:50]!r} is not a statement of this article"
            )


def role_text(statement: Statement, role: str) -> str:
    return _SEPARATOR.join(span.text for span in getattr(statement, role))


def statement_row(
    statement: Statement, article_id: int, date_expression: str | None
) -> StatementRow:
    tokens = claim_tokens(role_text(statement, "message"))
    speaker: Any = (
        list(statement.speaker)
        if isinstance(statement.speaker, tuple)
        else statement.speaker
    )
    return StatementRow(
        article_id=article_id,
        local_id=statement.id,
        parent_local_id=statement.parent,
        kind=statement.kind,
        mode=statement.mode,
        hearsay=statement.hearsay,
        negated=statement.negated,
        confidence=statement.confidence,
        producer_name=statement.producer.name,
        producer_version=statement.producer.version,
        date=statement.date,
        date_expression=date_expression,
        speaker=speaker,
        spans={
            role: [[s.start, s.end, s.text] for s in statement.spans(role)]
            for role in ROLES
            if statement.spans(role)
        },
        speaker_text=" + ".join(statement.speakers),
        cue_text=role_text(statement, "cue"),
        source_text=role_text(statement, "source"),
        message_text=role_text(statement, "message"),
        addressee_text=role_text(statement, "addressee"),
        medium_text=role_text(statement, "medium"),
        topic_text=role_text(statement, "topic"),
        evidence_text=role_text(statement, "evidence"),
        fingerprint=fingerprint(tokens),
        claim_tokens=" ".join(tokens),
    )


def to_statement(row: StatementRow) -> Statement:
    """The model statement exactly as it was added."""
    spans: Mapping[str, Any] = row.spans or {}
    roles = {
        role: tuple(CharSpan(int(a), int(b), str(t)) for a, b, t in spans.get(role, ()))
        for role in ROLES
    }
    speaker: str | tuple[str, ...] | None
    if isinstance(row.speaker, list):
        speaker = tuple(str(s) for s in row.speaker)
    else:
        speaker = None if row.speaker is None else str(row.speaker)
    return Statement(
        id=row.local_id,
        kind=cast(Kind, row.kind),
        speaker=speaker,
        mode=cast(Mode | None, row.mode),
        hearsay=bool(row.hearsay),
        negated=bool(row.negated),
        parent=row.parent_local_id,
        date=_date(row.date),
        confidence=float(row.confidence),
        producer=Producer(row.producer_name, row.producer_version),
        **roles,
    )


def _date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def article_ref(row: ArticleRow) -> ArticleRef:
    return ArticleRef(
        id=row.id,
        key=row.key,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=_date(row.published),
        language=row.language,
        version=row.version,
    )


#: A page of statements with their articles and speakers in one query, as
#: plain values: no ORM objects and no per-column type processing, which cost
#: more than the query itself on a page of 50. ``_statement`` and ``_date``
#: read the values as either database hands them back.
_LISTED = text(
    "SELECT s.id, s.local_id, s.kind, s.mode, s.hearsay, s.negated, "
    "s.parent_local_id, s.parent_id, s.date, s.date_expression, s.confidence, "
    "s.producer_name, s.producer_version, s.speaker, s.spans, "
    "a.id, a.key, a.title, a.url, a.outlet, a.published, a.language, a.version, "
    "sp.position, sp.mention, actors.id, actors.name "
    "FROM statements s JOIN articles a ON a.id = s.article_id "
    "LEFT JOIN statement_speakers sp ON sp.statement_id = s.id "
    "LEFT JOIN actors ON actors.id = sp.actor_id "
    "WHERE s.id IN :ids"
).bindparams(bindparam("ids", expanding=True))


def load_statements(session: Session, ids: Sequence[int]) -> list[StoredStatement]:
    """Stored statements for ``ids``, in that order (missing ones left out)."""
    if not ids:
        return []
    rows: dict[int, Any] = {}
    row: Any
    speakers: dict[int, list[tuple[int, ActorRef]]] = defaultdict(list)
    connection = session.connection()
    for chunk in _chunks(ids, 500):
        for row in connection.execute(_LISTED, {"ids": list(chunk)}).all():
            rows.setdefault(row[0], row)
            if row[23] is not None:
                speakers[row[0]].append((row[23], ActorRef(row[25], row[26], row[24])))
    # SQLite hands JSON columns back as text, psycopg as the parsed value.
    decode = session.get_bind().dialect.name == "sqlite"
    articles: dict[int, ArticleRef] = {}
    out = []
    for statement_id in ids:
        row = rows.get(statement_id)
        if row is None:
            continue
        article = articles.get(row[15])
        if article is None:
            article = articles[row[15]] = ArticleRef(
                id=row[15],
                key=row[16],
                title=row[17],
                url=row[18],
                outlet=row[19],
                published=_date(row[20]),
                language=row[21],
                version=row[22],
            )
        found = speakers.get(statement_id, ())
        out.append(
            StoredStatement(
                id=row[0],
                article=article,
                statement=_statement(row, decode=decode),
                speakers=tuple(ref for _, ref in sorted(found, key=_first)),
                parent_id=row[7],
                date_expression=row[9],
            )
        )
    return out


def _first(item: tuple[int, ActorRef]) -> int:
    return item[0]


def _statement(row: Any, *, decode: bool) -> Statement:
    """The model statement of a :data:`_LISTED` row, exactly as it was added;
    ``decode``: the JSON columns come as text."""
    spans: Mapping[str, Any] = (json.loads(row[14]) if decode else row[14]) or {}
    # The JSON holds only roles with spans, as [start, end, text] lists.
    roles = {
        role: tuple([CharSpan(a, b, t) for a, b, t in value])
        for role, value in spans.items()
    }
    given = json.loads(row[13]) if decode and row[13] is not None else row[13]
    speaker: str | tuple[str, ...] | None
    if isinstance(given, list):
        speaker = tuple(str(s) for s in given)
    else:
        speaker = None if given is None else str(given)
    return Statement(
        id=row[1],
        kind=cast("Kind", row[2]),
        speaker=speaker,
        mode=cast("Mode | None", row[3]),
        hearsay=bool(row[4]),
        negated=bool(row[5]),
        parent=row[6],
        date=_date(row[8]),
        confidence=float(row[10]),
        producer=Producer(row[11], row[12]),
        **roles,
    )


def load_speakers(session: Session, ids: Sequence[int]) -> dict[int, list[ActorRef]]:
    found: dict[int, list[ActorRef]] = defaultdict(list)
    for chunk in _chunks(ids, 500):
        rows = session.execute(
            select(
                StatementSpeakerRow.statement_id,
                StatementSpeakerRow.mention,
                ActorRow.id,
                ActorRow.name,
            )
            .join(ActorRow, ActorRow.id == StatementSpeakerRow.actor_id)
            .where(StatementSpeakerRow.statement_id.in_(chunk))
            .order_by(StatementSpeakerRow.statement_id, StatementSpeakerRow.position)
        ).all()
        for statement_id, mention, actor_id, name in rows:
            found[statement_id].append(ActorRef(actor_id, name, mention))
    return found


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
