"""The ingest pipeline: stored once, failures recorded, the run goes on."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from sayso.errors import ConfigError, StoreError
from sayso.ingest.item import Item
from sayso.ingest.pipeline import IngestOptions, ingest, process
from sayso.model import Article, CharSpan, Extraction, Failure, Statement
from sayso.store import Store
from tests.ingest.support import ARTICLE_DE, fake_extract


@pytest.fixture
def store() -> Iterator[Store]:
    with Store("sqlite://") as opened:
        yield opened


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
    )
    return path


def records(n: int) -> list[dict]:
    return [
        {
            "id": f"a{i}",
            "text": f"Meier{i} sagte, der Plan Nummer {i} sei gut. " + ARTICLE_DE,
            "published": "2025-08-19",
            "outlet": "Testblatt",
        }
        for i in range(n)
    ]


def test_ingest_stores_each_article_once(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", records(5))
    events = list(ingest([str(path)], store, extractor=fake_extract))
    assert [e.outcome for e in events] == ["added"] * 5
    assert all(e.statements >= 1 for e in events)
    again = list(ingest([str(path)], store, extractor=fake_extract))
    assert [e.outcome for e in again] == ["duplicate"] * 5
    assert store.stats().articles == 5
    (second, first) = store.runs()[:2]
    assert (first.added, second.duplicates) == (5, 5)
    assert second.finished_at is not None


def test_known_articles_are_not_extracted_again(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", records(3))
    list(ingest([str(path)], store, extractor=fake_extract))
    seen: list[str] = []

    def counting(
        articles: Iterable[Article | Failure],
    ) -> Iterator[Extraction | Failure]:
        items = list(articles)
        seen.extend(a.id for a in items if isinstance(a, Article))
        return fake_extract(items)

    list(ingest([str(path)], store, extractor=counting))
    assert seen == []


def test_failures_are_recorded_and_the_run_goes_on(
    store: Store, tmp_path: Path
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", records(2))
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Größe".encode("latin-1"))
    (tmp_path / "french.txt").write_text(
        "Le ministre a déclaré que le budget était solide et que la dette allait "
        "baisser.",
        encoding="utf-8",
    )
    sources = [
        str(tmp_path / n)
        for n in ("empty.txt", "latin.txt", "missing.txt", "french.txt")
    ]
    events = list(ingest([*sources, str(good)], store, extractor=fake_extract))
    outcomes = [e.outcome for e in events]
    assert outcomes == ["failed"] * 4 + ["added"] * 2
    messages = [f.message for f in store.failures().items]
    assert any("empty" in m for m in messages)
    assert any("UTF-8" in m for m in messages)
    assert any("no such file" in m for m in messages)
    assert any("language" in m for m in messages)
    assert store.stats().failures == 4


def test_too_long_article_is_a_failure(store: Store) -> None:
    item = Item(Article("big", "Wort " * 1000, language="de"), "big.txt")
    events = list(
        process(
            [item], store, options=IngestOptions(max_chars=100), extractor=fake_extract
        )
    )
    assert events[0].outcome == "failed"
    assert "more than the 100" in (events[0].message or "")


def test_nul_and_surrogates_are_replaced_keeping_offsets(store: Store) -> None:
    text = "Krause sagte, der Plan\x00 sei gut \ud800 und richtig. " + ARTICLE_DE
    item = Item(Article("n", text, language="de"), "n.jsonl:1")
    (event,) = list(process([item], store, extractor=fake_extract))
    assert event.outcome == "added"
    stored = store.get_article(event.article_id or 0)
    assert len(stored.text) == len(text)
    assert "\x00" not in stored.text
    assert "\ufffd" in stored.text


def test_extractor_spans_that_do_not_fit_fail_that_article_only(store: Store) -> None:
    def bad_for_one(
        articles: Iterable[Article | Failure],
    ) -> Iterator[Extraction | Failure]:
        for result in fake_extract(articles):
            if isinstance(result, Extraction) and result.article.id == "a1":
                wrong = Statement("s1", "direct", cue=(CharSpan(0, 3, "xyz"),))
                yield Extraction(result.article, (wrong,))
            else:
                yield result

    items = [
        Item(Article(f"a{i}", r["text"], language="de"), f"x:{i}")
        for i, r in enumerate(records(3))
    ]
    outcomes = [e.outcome for e in process(items, store, extractor=bad_for_one)]
    assert outcomes == ["added", "failed", "added"]
    assert "does not match" in store.failures().items[0].message


def test_extractor_that_breaks_fails_its_batch_not_the_run(store: Store) -> None:
    def broken(articles: Iterable[Article | Failure]) -> Iterator[Extraction | Failure]:
        from sayso.errors import PipelineError

        raise PipelineError("model missing")

    items = [Item(Article("a", ARTICLE_DE, language="de"), "a.txt")]
    (event,) = list(process(items, store, extractor=broken))
    assert event.outcome == "failed"
    assert event.error == "PipelineError"


def test_statements_are_dated_from_the_text(store: Store) -> None:
    text = (
        "Am Sonntag sagte Krause, das sei gut. Krause sagte, es werde besser. "
        + ARTICLE_DE
    )
    article = Article("d", text, published=dt.date(2025, 8, 19), language="de")

    def extractor(
        articles: Iterable[Article | Failure],
    ) -> Iterator[Extraction | Failure]:
        for a in articles:
            assert isinstance(a, Article)
            at = a.text.index("sagte Krause")
            s = Statement(
                "s1",
                "indirect",
                cue=(CharSpan.of(a.text, at, at + 5),),
                date=a.published,
                speaker="Krause",
            )
            yield Extraction(a, (s,))

    (event,) = list(process([Item(article, "d.txt")], store, extractor=extractor))
    (hit,) = store.get_article(event.article_id or 0).statements
    assert hit.date == dt.date(2025, 8, 17)
    assert hit.date_expression == "Am Sonntag"


def test_locked_database_stops_the_run_with_a_store_error(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "l.db"
    Store(f"sqlite:///{path}").close()
    store = Store(f"sqlite:///{path}", timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="lock"):
            list(
                ingest(
                    [str(write_jsonl(tmp_path / "a.jsonl", records(2)))],
                    store,
                    extractor=fake_extract,
                )
            )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
    with Store(f"sqlite:///{path}") as reopened:
        assert reopened.stats().articles == 0


def test_bad_options() -> None:
    with pytest.raises(ConfigError):
        IngestOptions(lang="fr")
    with pytest.raises(ConfigError):
        IngestOptions(max_chars=0)


def test_a_20_mb_article_is_refused_by_default_and_stored_when_allowed(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "gross.txt"
    filler = "Die Sitzung dauerte lange und der Saal war voll. " * 420_000
    path.write_text("Krause sagte, das sei viel. " + filler, encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    (refused,) = list(ingest([str(path)], store, extractor=fake_extract))
    assert refused.outcome == "failed"
    assert "more than the 2,000,000 accepted" in (refused.message or "")
    options = IngestOptions(lang="de", max_chars=25_000_000)
    (stored,) = list(
        ingest([str(path)], store, options=options, extractor=fake_extract)
    )
    assert stored.outcome == "added"
    assert stored.statements == 1
    assert len(store.get_article(stored.article_id or 0).text) > 20_000_000
