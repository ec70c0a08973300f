"""A hand-built archive for the web tests (our own texts), hostile ones too."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from sayso.model import Article, CharSpan, Extraction, Failure, Producer, Statement
from sayso.store import Store
from tests.store.builders import RUBIO, article, rubio_statements, statement

MERZ = (
    "Nach Angaben von Merz hat Trump sich für Sicherheitsgarantien ausgesprochen. "
    "Das Weiße Haus hat sich dazu bislang nicht geäußert."
)

RUBIO_AGAIN = (
    "Der US-Außenminister blieb hart. Rubio sagte am Mittwoch in Washington, die "
    "Sanktionen gegen Russland blieben in Kraft.\n\nAngeblich soll Moskau ein "
    "Angebot gemacht haben."
)

HOSTILE_TEXT = (
    '<script>alert("text")</script> Ein Bild <img src=x onerror=alert(1)> und ein '
    '<a href="javascript:alert(2)">Link</a>. <b><i>Kaputt </p></div><!--\n\n'
    "„<script>alert(3)</script> bleibt“, sagte Mallory onmouseover=alert(4)."
)
HOSTILE_TITLE = "<script>alert('title')</script> Titel & Co"
HOSTILE_OUTLET = '"><svg onload=alert(5)>'
HOSTILE_URL = "javascript:alert(document.cookie)"


def merz_statements(text: str = MERZ) -> list[Statement]:
    return [
        statement(
            text,
            id="s1",
            cue="Nach Angaben von",
            source="Merz",
            message="hat Trump sich für Sicherheitsgarantien ausgesprochen",
            speaker="Friedrich Merz",
        ),
        statement(
            text,
            id="s2",
            kind="reported",
            cue="ausgesprochen",
            source="Trump",
            message="für Sicherheitsgarantien",
            speaker="Donald Trump",
            parent="s1",
        ),
        statement(
            text,
            id="s3",
            kind="reported",
            cue="geäußert",
            source="Das Weiße Haus",
            speaker="Weißes Haus",
            negated=True,
        ),
    ]


def rubio_again_statements(text: str = RUBIO_AGAIN) -> list[Statement]:
    return [
        statement(
            text,
            id="s1",
            cue="sagte",
            source="Rubio",
            message="die Sanktionen gegen Russland blieben in Kraft",
            medium="in Washington",
            speaker="Marco Rubio",
            date=dt.date(2025, 9, 10),
        ),
        statement(
            text,
            id="s2",
            kind="free_indirect",
            cue="soll",
            message="Moskau ein Angebot gemacht haben",
            hearsay=True,
            date=dt.date(2025, 9, 10),
        ),
    ]


def hostile_statements(text: str = HOSTILE_TEXT) -> list[Statement]:
    return [
        statement(
            text,
            id="s1",
            kind="direct",
            cue="sagte",
            source="Mallory onmouseover=alert(4)",
            message="<script>alert(3)</script> bleibt",
            speaker="Mallory <img src=x onerror=alert(6)>",
        ),
        statement(
            text,
            id="s2",
            kind="reported",
            cue='<a href="javascript:alert(2)">',
            message="<b><i>Kaputt </p></div>",
            speaker="Eve",
        ),
    ]


def crowd(n: int = 55) -> tuple[str, list[Statement]]:
    """An article with ``n`` statements by one speaker, for paging."""
    sentences = [f"Anna Beispiel sagte, Punkt {i} sei erledigt." for i in range(n)]
    text = " ".join(sentences)
    out = []
    at = 0
    for i, sentence in enumerate(sentences):
        start = text.index(sentence, at)
        at = start + len(sentence)
        cue = start + sentence.index("sagte")
        msg = start + sentence.index("Punkt")
        out.append(
            Statement(
                id=f"s{i + 1}",
                kind="indirect",
                cue=(CharSpan.of(text, cue, cue + 5),),
                source=(CharSpan.of(text, start, start + 13),),
                message=(CharSpan.of(text, msg, at - 1),),
                speaker="Anna Beispiel",
                date=dt.date(2025, 1 + i % 12, 1 + i % 28),
                confidence=0.8,
                producer=Producer("test.hand", "1"),
            )
        )
    return text, out


def build_archive(target: Path | str) -> dict[str, int]:
    """Store the test articles in a SQLite file (or a database URL); their archive
    ids by name."""
    ids: dict[str, int] = {}
    url = f"sqlite:///{target}" if isinstance(target, Path) else target
    with Store(url) as store:
        ids["rubio"] = store.add_article(
            article(
                RUBIO,
                key="rubio",
                url="https://example.org/rubio",
                title="Rubio: Sanktionen bleiben",
            ),
            rubio_statements(),
        ).article_id
        ids["merz"] = store.add_article(
            article(
                MERZ,
                key="merz",
                outlet="Abendpost",
                published=dt.date(2025, 9, 2),
                title="Garantien",
            ),
            merz_statements(),
        ).article_id
        ids["rubio_again"] = store.add_article(
            article(
                RUBIO_AGAIN,
                key="rubio-again",
                outlet="Morgenblatt",
                published=dt.date(2025, 9, 10),
                title="Rubio bleibt hart",
            ),
            rubio_again_statements(),
        ).article_id
        ids["hostile"] = store.add_article(
            article(
                HOSTILE_TEXT,
                key="hostile",
                url=HOSTILE_URL,
                outlet=HOSTILE_OUTLET,
                title=HOSTILE_TITLE,
            ),
            hostile_statements(),
        ).article_id
        text, statements = crowd()
        ids["crowd"] = store.add_article(
            article(text, key="crowd", outlet="Vielblatt", title="Viele Punkte"),
            statements,
        ).article_id
    return ids


_QUOTE = re.compile(r"„([^“]+)“, sagte (\w+)")


def quote_extractor(
    articles: Iterable[Article | Failure],
) -> Iterator[Extraction | Failure]:
    """A fast stand-in for the pipeline: „…“, sagte NAME makes a direct statement."""
    for item in articles:
        if isinstance(item, Failure):
            yield item
            continue
        statements = []
        for number, match in enumerate(_QUOTE.finditer(item.text), start=1):
            cue = match.start(0) + match.group(0).index("sagte")
            statements.append(
                Statement(
                    id=f"s{number}",
                    kind="direct",
                    cue=(CharSpan.of(item.text, cue, cue + 5),),
                    source=(CharSpan.of(item.text, match.start(2), match.end(2)),),
                    message=(CharSpan.of(item.text, match.start(1), match.end(1)),),
                    speaker=match.group(2),
                    date=item.published,
                    producer=Producer("test.quotes", "1"),
                )
            )
        yield Extraction(item, tuple(statements))
