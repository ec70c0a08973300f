"""The web app in a real browser: Debian's Chromium, headless, driven by Playwright.

Each test saves a screenshot under ``tests/web/screenshots/`` for review.
They skip, saying why, where ``/usr/bin/chromium`` or Playwright is missing
(``.ci/run`` installs Chromium with apt-get; Playwright downloads nothing).
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "tests" / "web" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the demo articles (and one hostile article), on loopback."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's Chromium at {CHROMIUM} "
            "(apt-get install chromium; .ci/run installs it)"
        )
    pytest.importorskip("playwright.sync_api", reason="needs playwright (dev extra)")
    import uvicorn

    from sayso.ingest.pipeline import ingest
    from sayso.store import Store
    from sayso.web import WebSettings, create_app
    from tests.store.builders import article
    from tests.web.archive import (
        HOSTILE_OUTLET,
        HOSTILE_TEXT,
        HOSTILE_TITLE,
        HOSTILE_URL,
        hostile_statements,
    )

    path = tmp_path_factory.mktemp("browser") / "demo.db"
    with Store(f"sqlite:///{path}") as store:
        events = list(ingest([str(EXAMPLES)], store))
        assert all(e.outcome == "added" for e in events), events
        store.add_article(
            article(
                HOSTILE_TEXT,
                key="hostile",
                url=HOSTILE_URL,
                outlet=HOSTILE_OUTLET,
                title=HOSTILE_TITLE,
            ),
            hostile_statements(),
        )
    app = create_app(WebSettings(db=str(path)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_context(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="sayso-chromium-"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
            locale="de-DE",
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context: Any, server: str) -> Iterator[Any]:
    """A fresh tab; the test fails on any script error, CSP violation or dialog."""
    tab = browser_context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    tab.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error"
            else None
        ),
    )
    tab.on("dialog", lambda dialog: (problems.append("dialog!"), dialog.dismiss()))
    tab.base = server
    yield tab
    tab.close()
    assert problems == []


def shot(page: Any, name: str, *, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def _api(page: Any, path: str) -> Any:
    response = page.request.get(page.base + path)
    assert response.ok, path
    return response.json()


def _article_id(page: Any, key: str) -> int:
    items = _api(page, "/api/articles?limit=100")["items"]
    return next(a["id"] for a in items if a["key"] == key)


def test_browser_home_and_search(page: Any) -> None:
    counts = _api(page, "/api/stats")
    assert counts["articles"] >= 4  # the demo articles and the hostile one
    page.goto(page.base + "/")
    shown = page.locator(".stat .n").all_inner_texts()
    assert shown[:2] == [str(counts["articles"]), str(counts["statements"])]
    shot(page, "home")
    page.fill("#hero-q", "Klage")
    page.press("#hero-q", "Enter")
    page.wait_for_url("**/search?*")
    cards = page.locator(".results .statement-card")
    assert cards.count() >= 5
    assert "Klage" in cards.first.locator(".message").inner_text()
    page.select_option("#f-kind", "indirect")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**kind=indirect*")
    assert all(
        "indirect" in badge
        for badge in page.locator(".statement-card .kind").all_inner_texts()
    )
    shot(page, "search")
    page.locator(".statement-card .links a", has_text="in the text").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator(".statement-list li.selected").count() == 1


def test_browser_select_statement_highlights_and_scrolls(page: Any) -> None:
    article_id = _article_id(page, "rheinbruecke-2025-07")
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(f"{page.base}/articles/{article_id}")
    text = page.locator(".reader .article-text")
    assert text.locator(".m.r-cue").count() >= 5
    assert text.locator(".m.sel").count() == 0
    links = page.locator(".statement-list a.st")
    target = links.nth(links.count() - 1)
    key = target.get_attribute("data-key")
    target.click()
    page.wait_for_timeout(600)  # colour transition and smooth scrolling
    selected = text.locator(".m.sel")
    assert selected.count() >= 2
    for index in range(selected.count()):
        assert f"{key}:" in selected.nth(index).get_attribute("data-m")
    message = text.locator(".m.sel-message").first
    background = message.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(255, 224, 102)"  # the strong message colour
    other = text.locator(".m:not(.sel)").first
    faded = other.evaluate("el => getComputedStyle(el).backgroundColor")
    assert faded == "rgba(0, 0, 0, 0)"
    assert f"statement={key}" in page.url
    assert target.get_attribute("aria-current") == "true"
    box = message.bounding_box()
    assert box is not None
    assert 0 <= box["y"] <= 600
    shot(page, "article-selected", full=False)
    target.click()  # again: clears
    assert text.locator(".m.sel").count() == 0


def test_browser_keyboard_walks_the_statements(page: Any) -> None:
    article_id = _article_id(page, "rheinbruecke-2025-06")
    page.goto(f"{page.base}/articles/{article_id}")
    page.locator(".statement-list a.st").first.focus()
    page.keyboard.press("Enter")
    first = page.locator(".statement-list li.selected a.st").get_attribute("data-key")
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = page.locator(".statement-list li.selected a.st").get_attribute("data-key")
    assert second != first
    focused = page.evaluate("document.activeElement.getAttribute('data-key')")
    assert focused == second
    status = page.locator("#selection-status").inner_text()
    assert status.startswith("Statement 3 of")
    page.keyboard.press("k")
    assert page.evaluate(
        "document.activeElement.closest('li').classList.contains('selected')"
    )
    shot(page, "article-keyboard", full=False)
    page.keyboard.press("Escape")
    assert page.locator(".reader .article-text .m.sel").count() == 0


def test_browser_click_in_text_selects_its_statement(page: Any) -> None:
    article_id = _article_id(page, "rheinbruecke-2025-09")
    page.goto(f"{page.base}/articles/{article_id}")
    cue = page.locator(".reader .article-text .m.r-cue").nth(2)
    key = cue.get_attribute("data-m").split(" ")[0].rsplit(":", 1)[0]
    cue.click()
    selected = page.locator(".statement-list li.selected a.st")
    assert selected.get_attribute("data-key") == key
    assert "sel-cue" in cue.get_attribute("class")


def test_browser_legend_hides_a_role(page: Any) -> None:
    article_id = _article_id(page, "rheinbruecke-2025-11")
    page.goto(f"{page.base}/articles/{article_id}")
    message = page.locator(".reader .article-text .m.r-message").first
    before = message.evaluate("el => getComputedStyle(el).backgroundColor")
    assert before != "rgba(0, 0, 0, 0)"
    page.click(".legend-item[data-role=message]")
    page.wait_for_timeout(300)  # colour transition
    assert (
        page.locator(".legend-item[data-role=message]").get_attribute("aria-pressed")
        == "false"
    )
    after = message.evaluate("el => getComputedStyle(el).backgroundColor")
    assert after == "rgba(0, 0, 0, 0)"
    shot(page, "article-legend", full=False)


def test_browser_speaker_timeline(page: Any) -> None:
    article_id = _article_id(page, "rheinbruecke-2025-11")
    page.goto(f"{page.base}/articles/{article_id}?statement=")
    page.locator(".statement-list a.st").first.click()
    page.locator(
        ".statement-list li.selected .st-more a", has_text="Keller"
    ).first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text() == "Jonas Keller"
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() == 6  # June to November 2025
    heights = [float(bars.nth(i).get_attribute("height")) for i in range(bars.count())]
    assert max(heights) > 0
    assert heights.count(0.0) == 1  # October: nothing said
    assert page.locator(".roles-table").inner_text().count("Verkehrsminister") == 1
    shot(page, "speaker")
    page.locator("svg.chart a.bar-link").first.click()
    page.wait_for_url("**/search?*since=2025-06-01*")
    assert page.locator(".results .statement-card").count() >= 1
    assert all(
        speaker == "Jonas Keller"
        for speaker in page.locator(".statement-card .speaker").all_inner_texts()
    )


def test_browser_say_so_chain(page: Any) -> None:
    found = _api(page, "/api/statements?speaker=Brandt&text=Sonderrücklage")["items"]
    hit = next(h for h in found if h["parent_id"])
    page.goto(f"{page.base}/statements/{hit['id']}")
    chain = page.locator(".chain-tree")
    assert "Paul Wendt" in chain.locator(".statement-card").first.inner_text()
    assert chain.locator(".statement-card.focus").count() == 1
    assert page.locator(".context .m.sel").count() >= 2
    shot(page, "statement-chain")
    page.goto(f"{page.base}/statements/{hit['parent_id']}")
    assert "Helga Brandt" in page.locator(".chain-children").inner_text()


def test_browser_same_claim_elsewhere(page: Any) -> None:
    found = _api(page, "/api/statements?speaker=Keller&text=%22zahlen%20wir%22")[
        "items"
    ]
    assert len(found) >= 3
    page.goto(f"{page.base}/statements/{found[0]['id']}")
    others = page.locator("section[aria-labelledby=claim-title] .statement-card")
    assert others.count() == len(found) - 1
    shot(page, "statement-same-claim")


def test_browser_paste_an_article(page: Any) -> None:
    page.goto(page.base + "/extract")
    page.fill("#e-text", (EXAMPLES / "demo-de.txt").read_text(encoding="utf-8"))
    page.fill("#e-title", "Eingefügt")
    page.click(".extract-form button[type=submit]")
    page.wait_for_load_state()
    assert "not stored" in page.locator(".kicker").inner_text().lower()
    assert page.locator(".statement-list a.st").count() >= 10
    page.locator(".statement-list a.st").nth(2).click()
    assert page.locator(".reader .article-text .m.sel").count() >= 1
    shot(page, "extract-preview")


def test_browser_hostile_article_is_inert(page: Any) -> None:
    article_id = _article_id(page, "hostile")
    page.goto(f"{page.base}/articles/{article_id}")
    text = page.locator(".reader .article-text")
    assert text.locator("script, img, svg, b, i, a:not(.anchor)").count() == 0
    assert "<script>" in text.inner_text()
    title = page.locator("h1").inner_text()
    assert title.startswith("<script>")
    page.locator(".statement-list a.st").first.click()
    page.mouse.move(200, 300)
    page.wait_for_timeout(300)
    shot(page, "article-hostile")
    # `page` fails the test if any alert() ran or a script error was logged.


def test_browser_narrow_screen(page: Any) -> None:
    article_id = _article_id(page, "rheinbruecke-2025-08")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base}/articles/{article_id}")
    text_box = page.locator(".reader .article-text").bounding_box()
    list_box = page.locator(".statements").bounding_box()
    assert list_box["y"] > text_box["y"] + text_box["height"] - 1  # stacked
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling
    shot(page, "article-narrow")
