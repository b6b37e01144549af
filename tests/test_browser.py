"""A reader in a real browser (Debian's chromium through Playwright): pick a profile, keep it, use the keyboard."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tailor.web import create_app

from .conftest import VARIANTS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (.ci/run does) for the browser tests")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url():
    """The real app on 127.0.0.1, on a free port, for the length of this module."""
    server = make_server("127.0.0.1", 0, create_app(content=VARIANTS), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh reader (no cookies) whose console errors and page errors are collected."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


TITLES = {
    "clinician": "Mechanism of Action of SSRIs in Depression Treatment",
    "student": "How SSRIs work in depression",
    "patient": "How SSRI medicines work",
}
LABELS = {"clinician": "Healthcare professional", "student": "Student", "patient": "Patient or family member"}


def open_picker(page) -> None:
    """Unfold the one-line picker ("Showing: ... · change") as a reader does, by clicking it."""
    summary = page.locator("summary.picker-summary")
    if summary.count() and page.locator("details.picker").get_attribute("open") is None:
        summary.click()


def choose(page, label: str, button: str = "Show this version") -> None:
    """Pick a profile by its label and send the form."""
    open_picker(page)
    page.get_by_label(label).check()
    page.get_by_role("button", name=button).click()


def test_choosing_each_profile_changes_the_text(page, base_url, tmp_path):
    page.goto(f"{base_url}/articles/ssri-mechanism/")
    assert page.locator("h2.title").inner_text() == TITLES["clinician"]
    for profile in ("patient", "student", "clinician"):
        choose(page, LABELS[profile])
        page.wait_for_url(f"{base_url}/articles/ssri-mechanism/{profile}/")
        assert page.locator("h2.title").inner_text() == TITLES[profile]
        assert page.locator("summary.picker-summary").inner_text() == f"Showing: {LABELS[profile]} · change"
        assert page.get_by_label(LABELS[profile]).is_checked()
        page.screenshot(path=str(tmp_path / f"ssri-mechanism-{profile}.png"), full_page=True)
        assert (tmp_path / f"ssri-mechanism-{profile}.png").stat().st_size > 10_000
    assert page.problems == []


def test_choice_persists_on_another_article_and_the_index(page, base_url):
    page.goto(f"{base_url}/articles/ssri-mechanism/clinician/")
    choose(page, LABELS["patient"])
    page.wait_for_url("**/ssri-mechanism/patient/")
    page.goto(f"{base_url}/articles/metformin-type-2-diabetes/")
    assert page.url == f"{base_url}/articles/metformin-type-2-diabetes/patient/"
    assert page.locator("h2.title").inner_text() == "Metformin for type 2 diabetes"
    page.goto(f"{base_url}/")
    page.get_by_role("link", name="Taking levothyroxine for an underactive thyroid").click()
    assert page.url == f"{base_url}/articles/levothyroxine-hypothyroidism/patient/"
    assert page.problems == []


def test_profile_can_be_chosen_with_the_keyboard_only(page, base_url):
    page.goto(f"{base_url}/articles/ssri-mechanism/clinician/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent") == "Showing: Healthcare professional · change"
    page.keyboard.press("Enter")  # unfolds the picker
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "clinician"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "patient"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url("**/ssri-mechanism/patient/")
    assert page.locator("h2.title").inner_text() == TITLES["patient"]


def test_citations_and_glossary_links_reach_their_targets(page, base_url):
    page.goto(f"{base_url}/articles/ssri-mechanism/patient/")
    page.locator("#claim-bind-transporter sup a", has_text="3").click()
    assert page.url.endswith("#ref-3")
    assert "Mechanisms of action of selective serotonin" in page.locator("#ref-3").inner_text()
    term = page.locator("a.term", has_text="serotonin").first
    assert "chemical messenger" in page.locator(f"#{term.get_attribute('aria-describedby')}").inner_text()


def test_no_console_errors_on_any_page(page, base_url):
    urls = ["/", "/nowhere"] + [f"/articles/{slug}/{profile}/" for slug in
                                ("ssri-mechanism", "levothyroxine-hypothyroidism", "metformin-type-2-diabetes")
                                for profile in ("clinician", "student", "patient")]
    for url in urls:
        page.goto(base_url + url)
        assert page.evaluate("getComputedStyle(document.querySelector('.picker')).borderRadius") == "10px", url
    # The 404 page logs its own status as a console error in Chromium; nothing else may.
    assert [p for p in page.problems if "404" not in p] == []


@pytest.fixture(scope="module")
def author_site(tmp_path_factory):
    """The workbench on a writable copy of the content, on 127.0.0.1."""
    import shutil

    root = tmp_path_factory.mktemp("author") / "content"
    shutil.copytree(VARIANTS, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    server = make_server("127.0.0.1", 0, create_app({"TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 0}, content=root), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", root
    server.shutdown()
    thread.join(timeout=10)


def test_workbench_chart_is_visible(page, author_site, tmp_path):
    base, _ = author_site
    page.goto(f"{base}/author/")
    chart = page.locator("#row-ssri-mechanism svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 50
    bars = page.locator("#row-ssri-mechanism rect.chart-bar")
    assert bars.count() == 3 and all(bars.nth(i).bounding_box()["width"] > 20 for i in range(3))
    page.screenshot(path=str(tmp_path / "workbench.png"), full_page=True)
    assert page.problems == []


def test_workbench_shows_the_line_of_a_broken_edit(page, author_site):
    import os

    base, root = author_site
    path = root / "articles" / "levothyroxine-hypothyroidism.yaml"
    original = path.read_text()
    path.write_text(original.replace("updated: 2026-11-26", "updated: 2026-11-31"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        page.goto(f"{base}/author/articles/levothyroxine-hypothyroidism/")
        pending = page.locator("section.pending")
        assert pending.is_visible()
        line = original.splitlines().index("updated: 2026-11-26") + 1
        assert f"levothyroxine-hypothyroidism.yaml:{line}:10 error yaml.date" in pending.inner_text()
        page.goto(f"{base}/articles/levothyroxine-hypothyroidism/patient/")
        assert page.locator("h2.title").inner_text() == "Taking levothyroxine for an underactive thyroid"
    finally:
        path.write_text(original)
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.mark.parametrize("url", ["/", "/articles/ssri-mechanism/patient/", "/articles/metformin-type-2-diabetes/clinician/",
                                 "/articles/levothyroxine-hypothyroidism/student/", "/nowhere"])
def test_reader_pages_have_no_accessibility_violations(page, base_url, url):
    """axe-core (shipped inside axe-playwright-python, no download) finds nothing on any reader page."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + url)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_workbench_has_no_accessibility_violations(page, author_site):
    from axe_playwright_python.sync_playwright import Axe

    base, _ = author_site
    for url in ("/author/", "/author/articles/ssri-mechanism/"):
        page.goto(base + url)
        violations = Axe().run(page).response["violations"]
        assert [(v["id"], v["impact"]) for v in violations] == [], url
