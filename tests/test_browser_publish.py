"""Publishing for readers, in a real browser (Debian's chromium): a phone gets the answer on its first
screen with the picker folded to one line (without JavaScript too), citation links are targets a finger
can hit (WCAG 2.2, 2.5.8), a printed page is a handout, and the dark scheme and reduced motion are respected."""

from __future__ import annotations

import re
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tailor.web import create_app

from .conftest import VARIANTS
from .test_browser import CHROMIUM, base_url, browser, page  # noqa: F401  (fixtures, and the same skip)

pytestmark = pytest.mark.browser
assert CHROMIUM.exists()

SLUGS = ("ssri-mechanism", "levothyroxine-hypothyroidism", "metformin-type-2-diabetes")
PROFILES = ("clinician", "student", "patient")
PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SITE_URL = "https://health.example.org/"


@pytest.fixture
def phone(browser):  # noqa: F811
    """A fresh reader on a phone-sized screen."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_script(browser):  # noqa: F811
    """A fresh reader on a phone whose browser runs no JavaScript at all."""
    context = browser.new_context(java_script_enabled=False, **PHONE)
    yield context.new_page()
    context.close()


def rect(page, selector: str) -> dict[str, float]:  # noqa: F811
    """The element's getBoundingClientRect() (CSS px, relative to the viewport)."""
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")


@pytest.mark.parametrize("lang", ["", "/es"])
@pytest.mark.parametrize("slug", SLUGS)
def test_on_a_phone_the_answer_is_on_the_first_screen(phone, base_url, slug, lang):  # noqa: F811
    for profile in PROFILES:
        phone.goto(f"{base_url}{lang}/articles/{slug}/{profile}/")
        height = phone.viewport_size["height"]
        summary, answer = rect(phone, "summary.picker-summary"), rect(phone, "p.answer")
        line = float(phone.eval_on_selector("p.answer", "e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert summary["height"] < 1.8 * line, f"{lang}{slug}/{profile}: the folded picker wraps"
        assert not phone.locator("fieldset").is_visible()  # folded
        # At least three lines of the answer (all of it, if shorter) without scrolling; in English, all of it.
        assert answer["top"] + min(answer["height"], 3 * line) <= height, f"{lang}/{slug}/{profile}: {answer}"
        if not lang:
            assert answer["bottom"] <= height, f"{slug}/{profile}: the answer ends below the first screen"
        assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]


def test_the_folded_picker_works_without_javascript(phone_without_script, base_url):  # noqa: F811
    tab = phone_without_script
    tab.goto(f"{base_url}/")
    assert tab.locator("fieldset").is_visible()  # a first visit: nothing chosen yet, the question is open
    tab.goto(f"{base_url}/articles/ssri-mechanism/clinician/")
    summary = tab.locator("summary.picker-summary")
    assert summary.inner_text() == "Showing: Healthcare professional · change"
    assert not tab.get_by_label("Patient or family member").is_visible()
    summary.click()
    tab.get_by_label("Patient or family member").check()
    tab.get_by_role("button", name="Show this version").click()
    tab.wait_for_url(f"{base_url}/articles/ssri-mechanism/patient/")
    assert tab.locator("h2.title").inner_text() == "How SSRI medicines work"
    assert summary.inner_text() == "Showing: Patient or family member · change"
    tab.goto(f"{base_url}/")  # chosen: the index folds it too
    assert tab.locator("summary.picker-summary").inner_text() == "Showing: Patient or family member · change"
    assert not tab.locator("fieldset").is_visible()


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("context_options", [PHONE, {"viewport": {"width": 1280, "height": 800}}], ids=["phone", "desktop"])
def test_citation_links_are_at_least_24_css_px(browser, base_url, context_options):  # noqa: F811
    context = browser.new_context(**context_options)
    try:
        tab = context.new_page()
        for slug in SLUGS:
            for profile in PROFILES:
                tab.goto(f"{base_url}/articles/{slug}/{profile}/")
                boxes = tab.eval_on_selector_all("sup.cites a", "links => links.map(a => a.getBoundingClientRect().toJSON())")
                assert len(boxes) >= 3, f"{slug}/{profile}"
                small = [b for b in boxes if b["width"] < 24 or b["height"] < 24]
                assert small == [], f"{slug}/{profile}: citation targets under 24 x 24 CSS px"
                assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), f"{slug}/{profile}"
                assert rect(tab, "summary.picker-summary")["height"] >= 24
    finally:
        context.close()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The bundled content served with its public address configured (the ATA guideline is identified by its
    DOI and PubMed id)."""
    root = tmp_path_factory.mktemp("published") / "content"
    shutil.copytree(VARIANTS, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    server = make_server("127.0.0.1", 0, create_app({"TAILOR_SITE_URL": SITE_URL}, content=root), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def test_a_printed_patient_page_is_a_handout(page, published):  # noqa: F811
    url = "/articles/levothyroxine-hypothyroidism/patient/"
    page.goto(published + url)
    handout = [".question", "h2.title", "p.answer", "section.section", "#references", ".disclaimer"]
    chrome = [".picker", "form.languages", "nav.audiences", ".skip-link"]
    assert page.locator(".page-address").is_hidden()  # on screen, the address bar says it
    assert page.locator(".picker").is_visible() and page.locator("form.languages").is_visible()
    page.emulate_media(media="print")
    for selector in handout:
        assert page.locator(selector).first.is_visible(), selector
    for selector in chrome:
        assert page.locator(selector).first.is_hidden(), selector
    address = page.locator(".page-address")
    assert address.is_visible() and address.inner_text() == f"Page address: {SITE_URL.rstrip('/')}{url}"
    ids = page.locator("#references .ref-ids").first
    assert ids.is_visible() and ids.inner_text() == "DOI: 10.1089/thy.2014.0028 · PMID: 25266247"
    page.emulate_media(media="screen")
    assert page.locator(".page-address").is_hidden()
    # A reference linked by its title prints the link's address after it.
    page.goto(published + "/articles/metformin-type-2-diabetes/patient/")  # the FDA notice: a link, no DOI
    page.emulate_media(media="print")
    linked = page.locator("#references cite.ref-title a").first
    after = linked.evaluate("a => getComputedStyle(a, '::after').content")
    assert linked.get_attribute("href") in after
    assert page.locator(".disclaimer").inner_text().startswith("This is not medical advice")


RGB = re.compile(r"rgba?\((\d+), (\d+), (\d+)")


def luminance(css: str) -> float:
    """The relative luminance of a computed `rgb(...)` colour (WCAG 2.x)."""
    match = RGB.match(css)
    assert match, css
    channels = [int(c) / 255 for c in match.groups()]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(page, selector: str) -> tuple[str, str]:  # noqa: F811
    """The text colour of an element and the page background behind it."""
    return (page.eval_on_selector(selector, "e => getComputedStyle(e).color"),
            page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))


def test_the_dark_scheme_changes_the_colours_and_keeps_body_text_readable(page, base_url):  # noqa: F811
    page.goto(f"{base_url}/articles/ssri-mechanism/patient/")
    page.emulate_media(color_scheme="light")
    light = {s: colours(page, s) for s in ("p.answer", "p.updated", ".site-footer p")}
    page.emulate_media(color_scheme="dark")
    dark = {s: colours(page, s) for s in light}
    for selector, (ink, paper) in dark.items():
        assert (ink, paper) != light[selector], selector
        assert luminance(paper) < luminance(ink), f"{selector}: not light text on a dark page"
        assert contrast(ink, paper) >= 4.5, f"{selector}: {ink} on {paper}"
    assert luminance(dark["p.answer"][1]) < 0.05  # a dark page, not a grey one
    assert contrast(*light["p.answer"]) >= 4.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["/", "/articles/ssri-mechanism/clinician/", "/articles/levothyroxine-hypothyroidism/patient/",
                                 "/es/articles/ssri-mechanism/student/"])
def test_no_accessibility_violations_in_either_scheme(page, base_url, url, scheme):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + url)
    if page.locator("summary.picker-summary").count():
        page.locator("summary.picker-summary").click()  # the unfolded picker is checked as well
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def motion(page) -> dict[str, str]:  # noqa: F811
    return page.evaluate("""() => ({
        transition: getComputedStyle(document.querySelector('sup.cites a')).transitionDuration,
        scroll: getComputedStyle(document.documentElement).scrollBehavior})""")


def test_reduced_motion_turns_transitions_and_smooth_scrolling_off(page, base_url):  # noqa: F811
    page.goto(f"{base_url}/articles/ssri-mechanism/clinician/")
    page.emulate_media(reduced_motion="no-preference")
    moving = motion(page)
    assert moving["scroll"] == "smooth" and any(d != "0s" for d in moving["transition"].split(", "))
    page.emulate_media(reduced_motion="reduce")
    assert motion(page) == {"transition": "0s", "scroll": "auto"}
