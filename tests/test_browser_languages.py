"""The language switch in a real browser (Debian's chromium), without JavaScript, and axe-core on the
Spanish and German pages."""

from __future__ import annotations

import pytest

from .test_browser import CHROMIUM, base_url, browser, choose, page  # noqa: F401  (fixtures, and the same skip)

pytestmark = pytest.mark.browser
assert CHROMIUM.exists()

SLUG = "ssri-mechanism"


@pytest.fixture
def no_script(browser):  # noqa: F811
    """A fresh reader whose browser runs no JavaScript at all."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_the_language_switch_works_without_javascript_and_is_remembered(no_script, base_url):  # noqa: F811
    tab = no_script
    tab.goto(f"{base_url}/articles/{SLUG}/patient/")
    assert tab.locator("h2.title").inner_text() == "How SSRI medicines work"
    tab.get_by_role("button", name="Español").click()
    tab.wait_for_url(f"{base_url}/es/articles/{SLUG}/patient/")
    assert tab.locator("h2.title").inner_text() == "Cómo funcionan los medicamentos ISRS"
    assert tab.evaluate("document.documentElement.lang") == "es"
    assert tab.get_by_label("Paciente o familiar").is_checked()
    # The choice is remembered: an article link without a language goes to the Spanish tab.
    tab.goto(f"{base_url}/articles/metformin-type-2-diabetes/")
    assert tab.url == f"{base_url}/es/articles/metformin-type-2-diabetes/clinician/"
    assert "no está disponible en español" in tab.locator(".untranslated-notice").inner_text()
    # The profile picker keeps the language; then back to English with the switch.
    choose(tab, "Paciente o familiar", "Mostrar esta versión")
    tab.wait_for_url(f"{base_url}/es/articles/metformin-type-2-diabetes/patient/")
    tab.get_by_role("button", name="English").click()
    tab.wait_for_url(f"{base_url}/articles/metformin-type-2-diabetes/patient/")
    assert tab.evaluate("document.documentElement.lang") == "en"


def test_a_spanish_browser_lands_on_the_spanish_page(browser, base_url):  # noqa: F811
    context = browser.new_context(locale="es-ES")
    try:
        tab = context.new_page()
        tab.goto(f"{base_url}/articles/{SLUG}/")
        assert tab.url == f"{base_url}/es/articles/{SLUG}/clinician/"
        assert tab.locator("h2.title").inner_text() == "Mecanismo de acción de los ISRS en el tratamiento de la depresión"
    finally:
        context.close()


@pytest.mark.parametrize("url", ["/es/", f"/es/articles/{SLUG}/patient/", f"/es/articles/{SLUG}/student/",
                                 f"/es/articles/{SLUG}/clinician/", "/es/articles/metformin-type-2-diabetes/patient/",
                                 f"/de/articles/{SLUG}/patient/", "/es/articles/nothing/patient/"])
def test_spanish_and_german_pages_have_no_accessibility_violations(page, base_url, url):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + url)
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
