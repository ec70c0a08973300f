"""Between model objects and rows: statements in, stored statements out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, cast

from sqlalchemy import select
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


def _date(value: dt.date | dt.datetime | None) -> dt.date | None:
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


def load_statements(session: Session, ids: Sequence[int]) -> list[StoredStatement]:
    """Stored statements for ``ids``, in that order (missing ones left out)."""
    if not ids:
        return []
    rows: dict[int, StatementRow] = {}
    for chunk in _chunks(ids, 500):
        for row in session.scalars(
            select(StatementRow).where(StatementRow.id.in_(chunk))
        ):
            rows[row.id] = row
    article_ids = sorted({row.article_id for row in rows.values()})
    articles: dict[int, ArticleRef] = {}
    for chunk in _chunks(article_ids, 500):
        for article in session.scalars(
            select(ArticleRow).where(ArticleRow.id.in_(chunk))
        ):
            articles[article.id] = article_ref(article)
    speakers = load_speakers(session, list(rows))
    out = []
    for statement_id in ids:
        if statement_id not in rows:
            continue
        row = rows[statement_id]
        out.append(
            StoredStatement(
                id=row.id,
                article=articles[row.article_id],
                statement=to_statement(row),
                speakers=tuple(speakers.get(row.id, ())),
                parent_id=row.parent_id,
                date_expression=row.date_expression,
            )
        )
    return out


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
