"""The web UI in Debian's headless Chromium: search, a quotation, its speaker's page and
timeline, the article and the trace, one screenshot per page in test-artifacts/; and an
article full of script and HTML injection attempts that must stay inert text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from saidwhat.serve.live import Live


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


def a_resolved_quotation(live: Live) -> dict:
    """A sample quotation whose speaker resolved to a person, found through the API."""
    items = httpx.get(f"{live.base}/api/quotations", params={"page_size": 100}).json()["items"]
    candidates = [
        q
        for q in items
        if q["speaker"]["person"]
        and q["speaker"]["person"]["kind"] == "person"
        and q["outlet"] != "Hostile Daily"
    ]
    assert candidates, "the samples should have a quotation with a resolved speaker"
    return max(candidates, key=lambda q: len(q["quote"]["text"]))


def test_search_quotation_person_timeline(live: Live, page: Page, artifacts: Path) -> None:
    target = a_resolved_quotation(live)
    word = max(target["quote"]["text"].split(), key=len).strip('".,;:!?«»„“')
    person = target["speaker"]["person"]

    page.goto(live.base + "/")
    expect(page.locator("h1")).to_have_text("Who said what")
    page.fill("input[name=q]", word)
    page.click("form.search button[type=submit]")
    card = page.locator(f'.card[data-quotation="{target["id"]}"]')
    expect(card).to_be_visible()
    expect(card.locator(".sentence .m-quote").first).to_be_visible()
    page.screenshot(path=str(artifacts / "serve-search.png"), full_page=True)

    card.locator("a.open-quotation").click()
    expect(page).to_have_url(f"{live.base}/quotations/{target['id']}")
    expect(page.locator(".quote-text")).to_have_text(target["quote"]["text"])
    expect(page.locator(".card .sentence .m-speaker, .card .sentence .m-cue").first).to_be_visible()
    page.screenshot(path=str(artifacts / "serve-quotation.png"), full_page=True)

    page.locator("dd.speaker-name a.person").click()
    expect(page).to_have_url(f"{live.base}/people/{person['id']}")
    expect(page.locator("h1.person-name")).to_have_text(person["name"])
    chart = page.locator("svg.timeline")
    expect(chart).to_be_visible()
    counts = [int(c) for c in chart.locator("g.bar").evaluate_all("bars => bars.map(b => b.dataset.count)")]
    timeline = httpx.get(f"{live.base}/api/people/{person['id']}/timeline").json()
    assert sum(counts) == sum(m["count"] for m in timeline["months"] if m["month"] != "undated") > 0
    expect(page.locator(f'.card[data-quotation="{target["id"]}"]')).to_be_visible()
    page.screenshot(path=str(artifacts / "serve-person.png"), full_page=True)

    page.goto(f"{live.base}/articles/{target['article_id']}")
    marked = page.locator(f'#article-body span[data-quotations~="{target["id"]}"]')
    expect(marked.first).to_be_visible()
    page.screenshot(path=str(artifacts / "serve-article.png"), full_page=True)

    page.goto(f"{live.base}/quotations/{target['id']}/trace")
    expect(page.locator(f'li.step.this .card[data-quotation="{target["id"]}"]')).to_be_visible()
    page.screenshot(path=str(artifacts / "serve-trace.png"), full_page=True)


def test_injected_markup_stays_text(live: Live, page: Page, artifacts: Path) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    assert live.injection_quotations, "the hostile article should yield quotations"
    speaker = httpx.get(f"{live.base}/api/quotations/{live.injection_quotations[0]}").json()["speaker"][
        "person"
    ]
    urls = [
        f"/articles/{live.injection_article}",
        "/?q=Parkhaus",
        "/?outlet=Hostile+Daily",
        *(f"/quotations/{q}" for q in live.injection_quotations),
        f"/quotations/{live.injection_quotations[0]}/trace",
    ]
    if speaker:
        urls.append(f"/people/{speaker['id']}")
    for url in urls:
        page.goto(live.base + url)
        page.wait_for_load_state("load")
        state = page.evaluate(
            """() => ({
                pwned: window.__pwned === undefined ? null : window.__pwned,
                injected: document.querySelectorAll(
                    "#injected, img[src='x'], svg[onload], a[href^='javascript']"
                ).length,
                scripts: Array.from(document.scripts).map(s => s.getAttribute("src")),
            })"""
        )
        assert state["pwned"] is None, url
        assert state["injected"] == 0, url
        assert state["scripts"] == ["/static/app.js"], url
    page.goto(f"{live.base}/articles/{live.injection_article}")
    body = page.locator("#article-body")
    expect(body).to_contain_text("<script>window.__pwned = 3; alert('xss-quote')</script>")
    expect(body).to_contain_text('<b id="injected">Parkhaus</b>')
    expect(page.locator("h1")).to_contain_text('<script>window.__pwned = 1; alert("xss-headline")</script>')
    page.screenshot(path=str(artifacts / "serve-injection.png"), full_page=True)
    assert dialogs == []
    assert errors == []
