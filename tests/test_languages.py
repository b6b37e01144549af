"""Audience x language on the web: the Spanish-speaking patient gets the patient view in Spanish, with
hreflang alternates, a language switch without JavaScript, and the source shown (and said) where there
is no translation yet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tailor.build import build_site
from tailor.cli import main
from tailor.load import load_content, load_site
from tailor.web import LANGUAGE_COOKIE, PROFILE_COOKIE, create_app

from .conftest import VARIANTS, add_reviewers, write

SLUG = "ssri-mechanism"
SPANISH = {
    "clinician": ("Mecanismo de acción de los ISRS en el tratamiento de la depresión", "Profesional sanitario",
                  "Aviso para profesionales sanitarios"),
    "student": ("Cómo actúan los ISRS en la depresión", "Estudiante", "Aviso educativo"),
    "patient": ("Cómo funcionan los medicamentos ISRS", "Paciente o familiar", "Esto no es un consejo médico"),
}
INTERFACE_EN = ["Which best describes you?", "Last updated:", "References", "Show this version", "Personalize",
                "Skip to content", "Educational purpose only", "Submitted", "Under Review", "Words to know",
                "Also written for:", "Each article is written once"]
SITE_EN = ["Healthcare professional", "Patient or family member", "Professional Medical Disclaimer",
           "This is not medical advice", "Educational Disclaimer", "chemical messenger"]


def visible_text(html: str) -> str:
    """The words a reader sees: no tags, no attribute values."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def writable(tmp_path) -> Path:
    """A writable copy of the shipped content (English, Spanish and German)."""
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    return root


@pytest.mark.parametrize("profile", ["clinician", "student", "patient"])
def test_a_spanish_reader_gets_a_fully_spanish_page_in_each_profile(client, profile):
    start = client.get(f"/articles/{SLUG}/", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"})
    assert start.status_code == 303 and start.headers["Location"] == f"/es/articles/{SLUG}/clinician/"
    client.set_cookie(PROFILE_COOKIE, profile)
    start = client.get(f"/articles/{SLUG}/", headers={"Accept-Language": "es"})
    assert start.headers["Location"] == f"/es/articles/{SLUG}/{profile}/"
    html = client.get(start.headers["Location"], headers={"Accept-Language": "es"}).get_data(as_text=True)
    title, label, disclaimer = SPANISH[profile]
    assert '<html lang="es">' in html and f'<article class="article profile-{profile}" data-profile="{profile}" lang="es">' in html
    assert title in html and label in html and disclaimer in html
    assert "¿Qué le describe mejor?" in html and "Última actualización:" in html and "Referencias" in html
    assert '<time datetime="2026-11-27">27 de noviembre de 2026</time>' in html
    text = visible_text(html)
    for english in INTERFACE_EN + SITE_EN:
        assert english not in text, english
    if profile == "patient":
        assert "Palabras que conviene conocer" in html and "Un mensajero químico que lleva señales" in html
        assert 'href="#term-serotonina"' in html and "term-serotonin\"" not in html


def test_the_url_decides_the_language_not_the_browser(client):
    spanish = client.get(f"/es/articles/{SLUG}/patient/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="es">' in spanish and "¿Qué le describe mejor?" in spanish
    english = client.get(f"/articles/{SLUG}/patient/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "How SSRI medicines work" in english and "Which best describes you?" in english


def test_every_view_lists_its_language_alternates_and_other_audiences(client):
    for url in (f"/articles/{SLUG}/student/", f"/es/articles/{SLUG}/student/"):
        html = client.get(url).get_data(as_text=True)
        assert f'<link rel="alternate" hreflang="en" href="/articles/{SLUG}/student/">' in html
        assert f'<link rel="alternate" hreflang="es" href="/es/articles/{SLUG}/student/">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="/articles/{SLUG}/student/">' in html
        assert 'hreflang="de"' not in html.split("</head>")[0]  # no German text: no German alternate
        assert f'<link rel="canonical" href="{url}">' in html
        prefix = "/es" if url.startswith("/es/") else ""
        assert f'<a href="{prefix}/articles/{SLUG}/clinician/">' in html and f'<a href="{prefix}/articles/{SLUG}/patient/">' in html


def test_the_language_switch_is_a_form_that_remembers_the_choice(client):
    html = client.get(f"/articles/{SLUG}/patient/").get_data(as_text=True)
    assert '<form class="languages" method="post" action="/language" aria-label="Language">' in html
    assert '<button type="submit" name="lang" value="es" lang="es">Español</button>' in html
    assert '<span aria-current="page" lang="en">English</span>' in html
    response = client.post("/language", data={"lang": "es", "next": f"/articles/{SLUG}/patient/"})
    assert response.status_code == 303 and response.headers["Location"] == f"/es/articles/{SLUG}/patient/"
    cookie = response.headers["Set-Cookie"]
    assert f"{LANGUAGE_COOKIE}=es" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # Remembered: the cookie beats the browser's Accept-Language on the next article.
    other = client.get("/articles/metformin-type-2-diabetes/", headers={"Accept-Language": "en"})
    assert other.headers["Location"] == "/es/articles/metformin-type-2-diabetes/clinician/"
    back = client.post("/language", data={"lang": "en", "next": f"/es/articles/{SLUG}/patient/"})
    assert back.headers["Location"] == f"/articles/{SLUG}/patient/"
    assert client.post("/language", data={"lang": "es", "next": "/page/2/"}).headers["Location"] == "/es/page/2/"
    assert client.post("/language", data={"lang": "de", "next": "/es/"}).headers["Location"] == "/de/"


def test_choosing_a_profile_keeps_the_language(client):
    response = client.post("/profile", data={"profile": "patient", "next": f"/es/articles/{SLUG}/clinician/"})
    assert response.headers["Location"] == f"/es/articles/{SLUG}/patient/"


@pytest.mark.parametrize("lang", ["fr", "", "EN", "es-ES", "<b>es</b>", "x" * 5000])
def test_an_unknown_language_choice_is_a_400(client, lang):
    response = client.post("/language", data={"lang": lang, "next": "/"})
    assert response.status_code == 400 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("url", ["/en/", f"/en/articles/{SLUG}/patient/", "/xx/", "/fr/", "/ES/", "/es/page/1/",
                                 f"/es/articles/{SLUG}/nobody/", "/es/articles/nothing/patient/", "/eng/"])
def test_language_urls_that_are_not_pages_are_404(client, url):
    assert client.get(url).status_code == 404


def test_the_404_page_of_a_language_is_in_that_language(client):
    html = client.get("/es/articles/nothing/patient/").get_data(as_text=True)
    assert "Página no encontrada" in html and '<html lang="es">' in html


def test_an_untranslated_article_says_so_in_the_readers_language_and_shows_the_source(client):
    spanish = client.get("/es/articles/metformin-type-2-diabetes/patient/").get_data(as_text=True)
    assert "Este artículo aún no está disponible en español. Se muestra en su idioma original, el inglés." in spanish
    assert '<h1 class="question" lang="en">' in spanish and "Metformin for type 2 diabetes" in spanish
    assert "Esto no es un consejo médico" in spanish and '<html lang="es">' in spanish  # the page itself is Spanish
    assert '<link rel="alternate" hreflang' not in spanish  # written in one language only
    german = client.get("/de/articles/metformin-type-2-diabetes/patient/").get_data(as_text=True)
    assert "Dieser Artikel ist noch nicht auf Deutsch verfügbar" in german and "Dies ist keine medizinische Beratung" in german
    english = client.get("/articles/metformin-type-2-diabetes/patient/").get_data(as_text=True)
    assert "untranslated-notice" not in english


def test_the_spanish_index_titles_translated_articles_in_spanish(client):
    html = client.get("/es/").get_data(as_text=True)
    assert f'<a href="/es/articles/{SLUG}/clinician/">Mecanismo de acción de los ISRS' in html
    assert '<a href="/es/articles/metformin-type-2-diabetes/clinician/" lang="en">' in html
    assert '<a class="site-name" href="/es/">' in html


def test_a_draft_translation_is_not_served(writable):
    path = writable / "articles" / f"{SLUG}.es.yaml"
    path.write_text(path.read_text().replace("status: submitted", "status: draft"))
    client = create_app({"TESTING": True}, content=writable).test_client()
    html = client.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)
    assert "How SSRI medicines work" in html and "no está disponible en español" in html
    assert "Cómo funcionan" not in html
    assert 'hreflang="es"' not in client.get(f"/articles/{SLUG}/patient/").get_data(as_text=True)
    author = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=writable).test_client()
    assert "Cómo funcionan" in author.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)


def test_the_sources_approval_does_not_carry_over(writable, runner):
    add_reviewers(writable)
    for step in (["--start"], ["--approve", "--by", "ada-reviewer"]):
        assert runner.invoke(main, ["review", SLUG, *step, "--content", str(writable)]).exit_code == 0
    client = create_app({"TESTING": True}, content=writable).test_client()
    english = client.get(f"/articles/{SLUG}/patient/").get_data(as_text=True)
    spanish = client.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)
    assert "Reviewed by Dr. Ada Reviewer" in english and "pending human review" not in english
    assert "pendiente de revisión" in spanish and "Revisado por" not in spanish
    assert '<li class="step-current" aria-current="step">Enviado</li>' in spanish


def test_profile_texts_missing_in_a_language_are_a_warning_and_the_page_marks_them(tree):
    write(tree / "tailor.yaml", "locales: [en, es]\n")
    site = load_site(tree)
    untranslated = [d for d in site.diagnostics if d.code == "profiles.untranslated"]
    assert [d.severity.value for d in untranslated] == ["warning"] * 3
    assert "profile `clinician` has no `es` label, description, disclaimer" in untranslated[0].message
    html = create_app({"TESTING": True}, content=tree).test_client().get("/es/articles/sample/patient/").get_data(as_text=True)
    assert '<label class="picker-option" lang="en">' in html
    assert '<aside class="disclaimer" aria-labelledby="disclaimer-heading" lang="en">' in html


@pytest.mark.parametrize(("text", "code", "line"), [
    ("translations:\n  spanish:\n    label: x\n", "config.language", 9),
    ("translations:\n  es_MX:\n    label: x\n", "config.language", 9),
    ("translations:\n  es:\n    lable: x\n", "yaml.unknown_key", 10),
])
def test_profile_translations_are_declared_keys(tree, text, code, line):
    profiles = (tree / "profiles.yaml").read_text()
    anchor = "    disclaimer: {title: For professionals, text: Professional disclaimer text.}\n"
    write(tree / "profiles.yaml", profiles.replace(anchor, anchor + "".join(f"    {row}\n" for row in text.splitlines())))
    with pytest.raises(Exception) as raised:
        load_site(tree)
    found = [(d.code, d.location.line) for d in raised.value.diagnostics]
    assert (code, line) in found


def test_site_name_and_glossary_per_language(tree):
    write(tree / "tailor.yaml", "site_name: Health words\nlocales: [en, es]\ntranslations:\n  es: {site_name: Palabras de salud}\n")
    write(tree / "glossary.es.yaml", "serotonina: Un mensajero químico.\n")
    content = load_content(tree)
    assert content.settings.site_name_in("es") == "Palabras de salud" and content.settings.site_name_in("en") == "Health words"
    assert [e.term for e in content.glossary_for("es").entries] == ["serotonina"]
    assert [e.term for e in content.glossary_for("en").entries] == ["serotonin", "synapse"]
    assert content.glossary_for("de").entries == ()  # never another language's terms
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert '<a class="site-name" href="/es/">Palabras de salud</a>' in client.get("/es/").get_data(as_text=True)
    # English text on a Spanish page keeps its English glossary (the text is English).
    assert 'href="#term-serotonin"' in client.get("/es/articles/sample/patient/").get_data(as_text=True)


def test_a_glossary_file_for_the_source_language_is_an_error(tree):
    write(tree / "glossary.en.yaml", "serotonin: x\n")
    with pytest.raises(Exception) as raised:
        load_site(tree)
    assert [d.code for d in raised.value.diagnostics] == ["config.language"]


def test_the_view_cache_keys_on_language_and_follows_a_translation_edit(writable):
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 0}, content=writable)
    client = app.test_client()
    views = app.extensions["tailor"].views
    english = client.get(f"/articles/{SLUG}/patient/")
    spanish = client.get(f"/es/articles/{SLUG}/patient/")
    assert english.headers["ETag"] != spanish.headers["ETag"]
    rendered = views.renders
    assert client.get(f"/es/articles/{SLUG}/patient/").data == spanish.data and views.renders == rendered
    path = writable / "articles" / f"{SLUG}.es.yaml"
    path.write_text(path.read_text().replace("Cómo funcionan los medicamentos ISRS", "Cómo actúan los medicamentos ISRS"))
    stat = path.stat()
    import os
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "Cómo actúan los medicamentos ISRS" in client.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)
    client.get(f"/articles/{SLUG}/patient/")  # the English view lists the Spanish one: rendered again too
    assert views.renders == rendered + 2
    client.get("/articles/metformin-type-2-diabetes/patient/")
    client.get("/articles/metformin-type-2-diabetes/patient/")
    assert views.renders == rendered + 3  # other articles' views are replayed


def test_build_writes_every_language(writable, tmp_path):
    out = tmp_path / "site"
    result = build_site(writable, out)
    for name in ("index.html", "es/index.html", "de/index.html", f"es/articles/{SLUG}/patient/index.html",
                 f"de/articles/{SLUG}/patient/index.html", f"articles/{SLUG}/patient/index.html",
                 f"es/articles/{SLUG}/index.html"):
        assert name in result.written, name
    page = (out / "es" / "articles" / SLUG / "patient" / "index.html").read_text()
    assert "Cómo funcionan los medicamentos ISRS" in page
    assert f'<a href="/articles/{SLUG}/patient/" hreflang="en" lang="en">English</a>' in page  # links: no server
    assert 'action="/language"' not in page
    redirect = (out / "es" / "articles" / SLUG / "index.html").read_text()
    assert '<html lang="es">' in redirect and f'url=/es/articles/{SLUG}/clinician/' in redirect
    (writable / "articles" / "metformin-type-2-diabetes.yaml").unlink()
    again = build_site(writable, out)
    assert "es/articles/metformin-type-2-diabetes/patient/index.html" in again.removed
    assert not (out / "de" / "articles" / "metformin-type-2-diabetes").exists()


def test_render_prints_the_page_of_the_locales_language(runner):
    result = runner.invoke(main, ["render", SLUG, "--profile", "patient", "--locale", "es", "--content", str(VARIANTS)])
    assert result.exit_code == 0 and "Cómo funcionan los medicamentos ISRS" in result.output and '<html lang="es">' in result.output


def test_numbers_and_plurals_follow_the_interface_locale(tree):
    write(tree / "tailor.yaml", "locales: [en, es]\n")
    source = (tree / "articles" / "sample.yaml").read_text()
    for n in range(1, 51):
        write(tree / "articles" / f"extra-{n:02d}.yaml", source)
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert "Página 1 de 2 (51 artículos)" in client.get("/es/").get_data(as_text=True)
    assert "Page 1 of 2 (51 articles)" in client.get("/").get_data(as_text=True)


def test_a_language_glossary_reloads_like_the_other_site_files(writable):
    import os

    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 0}, content=writable)
    client = app.test_client()
    assert "Un mensajero químico que lleva señales" in client.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)
    glossary = writable / "glossary.es.yaml"
    glossary.write_text(glossary.read_text().replace("Un mensajero químico que lleva señales", "Una sustancia que lleva avisos"))
    stat = glossary.stat()
    os.utime(glossary, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    html = client.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)
    assert "Una sustancia que lleva avisos" in html
    write(writable / "glossary.de.yaml", "Serotonin: Ein Botenstoff.\n")
    client.get("/")
    assert [e.term for e in app.extensions["tailor"].store.content.glossary_for("de").entries] == ["Serotonin"]


def test_the_workbench_shows_each_translation_scored_in_its_language():
    client = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=VARIANTS).test_client()
    overview = client.get("/author/").get_data(as_text=True)
    assert f'<tr id="row-{SLUG}.es">' in overview and f'href="/author/articles/{SLUG}.es/" lang="es"' in overview
    grid = client.get(f"/author/articles/{SLUG}.es/").get_data(as_text=True)
    assert "Mecanismo de acción de los ISRS" in grid and "Con la bomba parada, la serotonina no vuelve" in grid
    assert client.get(f"/author/articles/{SLUG}.fr/").status_code == 404


def test_every_catalog_has_the_plural_forms_of_its_language():
    from babel.messages.pofile import read_po
    from babel.support import Translations

    from tailor.resources import translations_dir

    for po_path in sorted(translations_dir().glob("*/LC_MESSAGES/messages.po")):
        with open(po_path, "rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id and message.pluralizable:
                assert len(message.string) == catalog.num_plurals, (po_path, message.id)
                for form in message.string:
                    assert "%(num)s" in form, (po_path, message.id, form)
    spanish = Translations.load(str(translations_dir()), ["es"])
    errors = {n: spanish.ungettext("%(num)s error", "%(num)s errors", n) % {"num": n} for n in (0, 1, 2, 1_000_000)}
    assert errors == {0: "0 errores", 1: "1 error", 2: "2 errores", 1_000_000: "1000000 errores"}
    german = Translations.load(str(translations_dir()), ["de"])
    assert german.ungettext("%(num)s warning", "%(num)s warnings", 1) % {"num": 1} == "1 Warnung"
    assert german.ungettext("%(num)s warning", "%(num)s warnings", 3) % {"num": 3} == "3 Warnungen"
