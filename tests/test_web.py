"""Reader routes: profile choice, canonical views, errors, escaping and security headers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tailor.web import PROFILE_COOKIE, create_app

from .conftest import REPO, write

SLUG = "ssri-mechanism"


def test_index_lists_every_article_with_the_picker(client):
    html = client.get("/").get_data(as_text=True)
    assert "Which best describes you?" in html
    for slug in ("ssri-mechanism", "levothyroxine-hypothyroidism", "metformin-type-2-diabetes"):
        assert f"/articles/{slug}/clinician/" in html


def test_article_redirects_to_the_default_profile(client):
    response = client.get(f"/articles/{SLUG}/")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/articles/{SLUG}/clinician/"


def test_chosen_profile_sticks_across_articles(client):
    response = client.post("/profile", data={"profile": "patient", "next": f"/articles/{SLUG}/clinician/"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/articles/{SLUG}/patient/"
    cookie = response.headers["Set-Cookie"]
    assert f"{PROFILE_COOKIE}=patient" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    other = client.get("/articles/metformin-type-2-diabetes/")
    assert other.headers["Location"] == "/articles/metformin-type-2-diabetes/patient/"
    assert 'href="/articles/levothyroxine-hypothyroidism/patient/"' in client.get("/").get_data(as_text=True)


def test_each_profile_view_shows_that_audiences_words(client):
    pages = {p: client.get(f"/articles/{SLUG}/{p}/").get_data(as_text=True) for p in ("clinician", "student", "patient")}
    assert "Mechanism of Action of SSRIs in Depression Treatment" in pages["clinician"]
    assert "How SSRIs work in depression" in pages["student"]
    assert "How SSRI medicines work" in pages["patient"]
    assert "Professional Medical Disclaimer" in pages["clinician"]
    assert "This is not medical advice" in pages["patient"]
    assert "Professional Medical Disclaimer" not in pages["patient"]
    assert 'value="patient" checked' in pages["patient"]


def test_canonical_view_is_the_same_for_every_reader(client):
    plain = client.get(f"/articles/{SLUG}/student/")
    client.set_cookie(PROFILE_COOKIE, "patient")
    with_cookie = client.get(f"/articles/{SLUG}/student/")
    assert plain.data == with_cookie.data
    assert "Set-Cookie" not in plain.headers
    assert plain.headers["Cache-Control"].startswith("public, max-age=300, s-maxage=")


def test_unpublished_pages_show_the_pending_review_banner(client):
    html = client.get(f"/articles/{SLUG}/clinician/").get_data(as_text=True)
    assert "Educational purpose only • Exercise caution as content is pending human review" in html
    assert '<li class="step-current" aria-current="step">Submitted</li>' in html
    assert 'Last updated: <time datetime="2026-02-27">February 27, 2026</time>' in html


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "\\\\evil", "/\\evil",
                                    "javascript:alert(1)", "http:evil.example", "/\x00x", "", "evil"])
def test_profile_choice_never_redirects_off_site(client, target):
    response = client.post("/profile", data={"profile": "student", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_profile_choice_keeps_local_paths(client):
    response = client.post("/profile", data={"profile": "student", "next": "/"})
    assert response.headers["Location"] == "/"


def test_unknown_profile_choice_is_a_400_with_the_picker(client):
    response = client.post("/profile", data={"profile": "alien", "next": "/"})
    assert response.status_code == 400
    assert "Which best describes you?" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/articles/no-such-article/clinician/", f"/articles/{SLUG}/alien/",
                                 "/articles/no-such-article/", "/nowhere"])
def test_unknown_pages_are_404_with_the_picker(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Which best describes you?" in html
    assert 'name="next" value="/"' in html


@pytest.mark.parametrize("url", ["/", f"/articles/{SLUG}/", f"/articles/{SLUG}/patient/", "/healthz",
                                 "/static/tailor.css", "/nowhere"])
def test_security_headers_on_every_response(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def without_json_ld(html: str) -> str:
    """A page less its one JSON-LD data block (schema.org for search engines: data a browser never runs)."""
    return re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", html, count=1)


def test_pages_use_no_inline_script_or_style(client):
    for url in ("/", f"/articles/{SLUG}/patient/", "/nowhere"):
        html = without_json_ld(client.get(url).get_data(as_text=True))
        assert "<script" not in html and "style=" not in html and "<style" not in html


HOSTILE = '<script>alert("x")</script>'


def test_script_in_any_content_field_shows_as_text(tree):
    write(tree / "glossary.yaml", f"serotonin: 'Defined {HOSTILE}'\n")
    profiles = (tree / "profiles.yaml").read_text().replace("label: Patient", f"label: 'Patient {HOSTILE}'")
    profiles = profiles.replace("Patient disclaimer text.", f"'Patient {HOSTILE}'")
    write(tree / "profiles.yaml", profiles)
    article = (tree / "articles" / "sample.yaml").read_text()
    for old in ("Patient question?", "Patient title", "Patient heading", "Patient wording with serotonin again",
                "Guideline A", "Source A"):
        article = article.replace(old, f"'{old} {HOSTILE}'")
    write(tree / "articles" / "sample.yaml", article)
    client = create_app({"TESTING": True}, content=tree).test_client()
    html = without_json_ld(client.get("/articles/sample/patient/").get_data(as_text=True))
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(") >= 8


def test_healthz_counts_a_broken_article_while_the_rest_are_served(tree):
    write(tree / "articles" / "broken.yaml", "question: [unclosed\n")
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert client.get("/healthz").get_json() == {"status": "degraded", "articles": 1, "broken": 1, "pending": 0}
    assert client.get("/articles/sample/clinician/").status_code == 200
    assert client.get("/articles/broken/clinician/").status_code == 404
    details = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=tree).test_client().get("/healthz").get_json()
    assert details["broken"] == ["broken"]
    assert details["errors"][0]["code"] == "yaml.syntax" and details["errors"][0]["line"] == 2  # where YAML finds the list unclosed


def test_healthz_on_clean_content(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "articles": 3, "broken": 0, "pending": 0}


def test_drafts_are_not_served(tree):
    article = tree / "articles" / "sample.yaml"
    article.write_text(article.read_text().replace("status: under_review", "status: draft"))
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert client.get("/articles/sample/clinician/").status_code == 404


def test_last_updated_is_formatted_for_the_readers_locale(tree):
    write(tree / "tailor.yaml", "locales: [en, en_GB, de]\n")
    client = create_app({"TESTING": True}, content=tree).test_client()
    german = client.get("/de/articles/sample/clinician/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    british = client.get("/articles/sample/clinician/", headers={"Accept-Language": "en-GB"})
    unknown = client.get("/articles/sample/clinician/", headers={"Accept-Language": "ja"})
    # The URL says the language; Accept-Language only picks its variant (en_GB) on the source's URLs.
    english_url = client.get("/articles/sample/clinician/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert "27. Februar 2026" in german.get_data(as_text=True)
    assert "27 February 2026" in british.get_data(as_text=True)
    assert "February 27, 2026" in unknown.get_data(as_text=True)
    assert "February 27, 2026" in english_url.get_data(as_text=True)
    assert "Accept-Language" in german.headers["Vary"]


def test_content_tree_templates_override_the_built_in_ones_when_the_operator_allows(tree, monkeypatch):
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}Custom footer for {{ page.slug }}{% endblock %}")
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert "Custom footer for sample" not in client.get("/articles/sample/clinician/").get_data(as_text=True)
    monkeypatch.setenv("TAILOR_TEMPLATES", "1")
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert "Custom footer for sample" in client.get("/articles/sample/clinician/").get_data(as_text=True)


GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("profile", ["clinician", "student", "patient"])
def test_golden_page_per_profile(client, profile):
    """The whole SSRI page per profile; regenerate with TAILOR_UPDATE_GOLDEN=1 after an intended change."""
    html = client.get(f"/articles/{SLUG}/{profile}/").get_data(as_text=True)
    golden = GOLDEN / f"{SLUG}-{profile}.html"
    if os.environ.get("TAILOR_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


def run_server_module(content: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TAILOR_CONTENT": str(content)}
    code = "import server"
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def test_broken_profiles_stop_startup_with_one_line(tree):
    (tree / "profiles.yaml").write_text("default: clinician\nprofiles:\n  clinician:\n    label: Clinician\n")
    result = run_server_module(tree)
    assert result.returncode == 4  # gunicorn's "App failed to load": its master stops, no restart loop
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(re.match(r"^\S+profiles\.yaml:\d+:\d+: error profiles\.missing: ", line) for line in lines)
    assert len(lines) == 2  # description and disclaimer, each on its own line


def test_server_module_starts_on_good_content(tree):
    assert run_server_module(tree).returncode == 0


def test_interface_is_translated_for_the_readers_locale(tree):
    write(tree / "tailor.yaml", "locales: [en, de]\n")
    client = create_app({"TESTING": True}, content=tree).test_client()
    german = client.get("/de/articles/sample/patient/").get_data(as_text=True)
    assert "Was beschreibt Sie am besten?" in german and "Zuletzt aktualisiert:" in german
    assert '<html lang="de">' in german and 'lang="en"' in german  # the article itself stays in its language
    english = client.get("/articles/sample/patient/").get_data(as_text=True)
    assert "Which best describes you?" in english and '<html lang="en">' in english
