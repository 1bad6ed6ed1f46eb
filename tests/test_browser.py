"""The real app in a real browser: `stodkollen serve` over the ingested sample corpus + chromium.

One server per module (real model, real Chroma, temp STODKOLLEN_HOME); one page per test.
Screenshots of the views go to test-output/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.app_server import served_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WAIT_MS = 20_000

FISH = """Fiskodling i Testby

Projektägare: Exempelbolaget AB Projekttid: 2021-01 — 2022-12

Projektet Fiskodling i Testby bygger en småskalig fiskodling i Testby i Arjeplogs kommun.
Fiskodlingen ska ge nya arbetstillfällen i Arjeplog och sälja röding till restauranger i
Norrbotten.
"""

XSS = """Blåbärsprojektet i Arjeplog <img src=x onerror="window.__xss=1">

Blåbärsprojektet plockar blåbär i Arjeplog. <script>window.__xss=1;alert(1)</script>
Blåbären säljs till bagerier. <img src=x onerror="window.__xss=1"> Läs mer om blåbären:
[klick](javascript:alert(1)) och fler blåbär.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory, model_dir):
    """The sample corpus ingested into a temp home, served by `stodkollen serve` on a free port."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make browser)")
    home = tmp_path_factory.mktemp("apphome")
    env = dict(
        os.environ,
        STODKOLLEN_HOME=str(home),
        STODKOLLEN_MODEL_DIR=str(model_dir),
        PYTHONPATH=str(ROOT),
        GRADIO_ANALYTICS_ENABLED="False",
        NO_PROXY="127.0.0.1,localhost",
    )
    cli = [sys.executable, "-m", "cli.main"]
    done = subprocess.run(
        [*cli, "ingest", "--json", str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout)["added"] == 5
    with served_app(home, env) as (url, _proc, log):
        yield {"url": url, "home": home, "log": log}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(app, browser):
    """A fresh Swedish-locale page on the app; every dialog is recorded and dismissed."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(app["url"])
    page.wait_for_selector("#fraga textarea")
    yield page
    context.close()


def _screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _ask(page, question: str):
    """Ask in the chat and wait for the finished answer; returns the last bot message."""
    bots = page.locator('[data-testid="bot"]')
    before = bots.count()
    page.fill("#fraga textarea", question)
    page.click("#skicka")
    page.wait_for_function(
        """n => { const m = document.querySelectorAll('[data-testid="bot"]');
                  return m.length > n && DONE.test(m[m.length - 1].innerText); }""".replace(
            "DONE", r"/Källor:|⚠️|hittar inget/"
        ),
        arg=before,
    )
    return bots.last


def _card_sources(page) -> list[str]:
    return page.locator("#kallor .sk-card .sk-source").all_inner_texts()


def _upload(page, *paths: Path) -> None:
    """Upload files in the Dokument tab, wait for the ingest report, go back to the chat."""
    page.get_by_role("tab", name="Dokument").click()
    page.locator("#uppladdning input[type=file]").set_input_files([str(p) for p in paths])
    for p in paths:
        page.locator("#uppladdning").get_by_text(p.stem).first.wait_for()  # name, suffix apart
    page.click("#las-in")
    page.wait_for_function(
        "() => /Klart/.test(document.querySelector('#rapport')?.innerText || '')"
    )
    page.locator("#dokumentlista").get_by_text(paths[0].name).first.wait_for()
    page.get_by_role("tab", name="Chatt").click()


def test_answer_cites_its_source_and_links_to_the_card(page, app):
    message = _ask(page, "Vem var projektägare för Håll ut?")
    assert "[1]" in message.inner_text()
    assert "Industriellt Utvecklingscentrum i Kalmar AB" in message.inner_text()
    assert "001_d411b1e12eacac8e.txt" in _card_sources(page)[0]
    assert page.locator("#kallor #kalla-1 mark").count() >= 1
    message.locator('a[href="#kalla-1"]').first.click()
    assert page.url.endswith("#kalla-1") and len(page.context.pages) == 1
    page.locator("#samtal").get_by_role("button", name=re.compile("^(Gilla|Like)$")).last.click()
    feedback = app["home"] / "feedback.jsonl"
    deadline = time.monotonic() + 10
    while not feedback.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    entry = json.loads(feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert entry["rating"] == "up" and entry["question"] == "Vem var projektägare för Håll ut?"
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "chat.png")


def test_kommun_filter_limits_sources(page):
    page.locator("#filter-kommun input").click()
    page.get_by_role("option", name="Malå", exact=True).click()
    _ask(page, "Vilka projekt finns det?")
    sources = _card_sources(page)
    assert sources and all(s == "002_a2ead99e0bb57481.txt" for s in sources), sources
    assert "Filter: kommun Malå" in page.locator('[data-testid="bot"]').last.inner_text()


def test_similar_projects_tab(page):
    page.get_by_role("tab", name="Liknande projekt").click()
    page.fill("#planerat textarea", "samverkan mellan kommun och företagarorganisation")
    page.click("#hitta")
    table = page.locator("#liknande-tabell table")
    table.wait_for()
    assert "Örnsköldsviks kommun i samverkan med Företagarna" in table.inner_text()
    _screenshot(page, "liknande-projekt.png")


def _project_titles(page) -> list[str]:
    """The first column of the Projekt tab's table, as shown (a virtual list: the rows in view)."""
    return page.locator("#projekt-tabell [role=row] .first-column").all_inner_texts()


def test_projekt_tab_lists_and_filters_projects(page):
    page.get_by_role("tab", name="Projekt", exact=True).click()
    count = page.locator("#projekt-antal")
    count.get_by_text(re.compile(r"\d+ av \d+ projekt visas")).wait_for()
    page.locator("#projekt-tabell [role=row] .first-column").first.wait_for()
    total = int(re.search(r"av (\d+)", count.inner_text()).group(1))
    assert total >= 12 and len(_project_titles(page)) >= 5  # the table scrolls
    titles = " ".join(_project_titles(page))
    for title in ("Håll ut", "Progressiva kommuner", "FRONT"):
        assert title in titles
    # The plot renders after the table (its own request): wait for it instead of racing it.
    chart = page.locator("#projekt-per-ar canvas, #projekt-per-ar svg")
    chart.first.wait_for()
    assert chart.count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "projekt.png")
    page.locator("#projekt-kommun input").click()
    page.get_by_role("option", name="Malå", exact=True).click()
    count.get_by_text(f"4 av {total} projekt visas").wait_for()
    rows = page.locator("#projekt-tabell .virtual-row").all_inner_texts()
    assert len(rows) == 4 and all("Malå" in r for r in rows), rows
    assert "Medskapande processer" in " ".join(_project_titles(page))
    page.fill("#projekt-sok input", "Medskapande")
    page.press("#projekt-sok input", "Enter")
    count.get_by_text(f"1 av {total} projekt visas").wait_for()
    with page.expect_download() as got:
        page.click("#projekt-csv")
    text = Path(got.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("title,kommuner,lan,owner,") and len(text.splitlines()) == 2
    assert "Medskapande processer" in text
    _screenshot(page, "projekt-mala.png")


def test_uploaded_document_is_cited(page, app, tmp_path):
    doc = tmp_path / "fiskodling_testby.txt"
    doc.write_text(FISH, encoding="utf-8")
    bad = tmp_path / "program.exe"
    bad.write_bytes(b"MZ")
    _upload(page, doc, bad)
    assert "program.exe: Filtypen stöds inte" in page.locator("#rapport").inner_text()
    assert (app["home"] / "uploads" / doc.name).exists()
    assert not (app["home"] / "uploads" / bad.name).exists()
    message = _ask(page, "Vem var projektägare för Fiskodling i Testby?")
    assert "Exempelbolaget AB" in message.inner_text()
    assert doc.name in _card_sources(page)[0]
    page.get_by_role("tab", name="Dokument").click()
    _screenshot(page, "dokument.png")


def test_script_in_a_document_stays_text(page, tmp_path):
    doc = tmp_path / "blabar.txt"
    doc.write_text(XSS, encoding="utf-8")
    _upload(page, doc)
    _ask(page, "Vad gör Blåbärsprojektet i Arjeplog?")
    assert "blabar.txt" in _card_sources(page)
    panel = page.locator("#kallor").inner_text()
    assert "<script>window.__xss=1;alert(1)</script>" in panel
    assert "[klick](javascript:alert(1))" in panel
    _screenshot(page, "xss.png")
    page.get_by_role("tab", name="Dokument").click()
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0


def test_gradio_client_ask_and_similar(app):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app["url"], verbose=False)
    with pytest.raises(AppError, match="Skriv en fråga först"):
        client.predict("  ", None, None, None, None, api_name="/ask")
    answer = client.predict(
        "Vem var projektägare för Håll ut?", None, None, None, None, api_name="/ask"
    )
    assert "[1]" in answer["answer"] and not answer["refused"]
    assert answer["sources"][0]["source"] == "001_d411b1e12eacac8e.txt"
    malå = client.predict("Vilka projekt finns det?", "Malå", None, None, None, api_name="/ask")
    assert {s["source"] for s in malå["sources"]} == {"002_a2ead99e0bb57481.txt"}
    similar = client.predict(
        "samverkan mellan kommun och företagarorganisation", 5, api_name="/similar"
    )
    assert any("Företagarna" in p["title"] for p in similar)


def test_local_support_and_budget_answers(page):
    """What an entrepreneur and an official ask first; screenshots to look at."""
    message = _ask(page, "Finns det stöd för företagare i Malå?")
    assert "[1]" in message.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "local-support.png")
    message = _ask(page, "Hur mycket kostar Medskapande processer?")
    assert "624 602 kr" in message.inner_text()
    assert page.locator("#kallor .sk-card").count() >= 1
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "budget.png")
