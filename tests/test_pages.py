"""Canonical views are rendered once per content version, replayed from memory, and revalidated by ETag."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tailor.web import create_app, tailor_of

from .conftest import VARIANTS

VIEW = "/articles/ssri-mechanism/patient/"
OTHER = "/articles/metformin-type-2-diabetes/patient/"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    return root


@pytest.fixture
def renders(monkeypatch):
    import tailor.web

    calls = {"n": 0}
    real = tailor.web.render_article

    def render_article(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(tailor.web, "render_article", render_article)
    return calls


def test_a_second_request_is_served_without_rendering(renders):
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    first, second = client.get(VIEW), client.get(VIEW)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.headers == second.headers
    assert renders["n"] == 1


def test_each_locale_and_profile_is_its_own_view(renders):
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    us = client.get(VIEW, headers={"Accept-Language": "en-US"})
    gb = client.get(VIEW, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert "February 27, 2026" in us.get_data(as_text=True) and "27 February 2026" in gb.get_data(as_text=True)
    client.get(VIEW, headers={"Accept-Language": "en-GB"})
    client.get("/articles/ssri-mechanism/student/")
    assert renders["n"] == 3


def test_a_revalidation_gets_304_without_the_page():
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    page = client.get(VIEW)
    etag = page.headers["ETag"]
    assert etag == '"' + hashlib.sha256(page.data).hexdigest()[:32] + '"'
    for header in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        again = client.get(VIEW, headers={"If-None-Match": header})
        assert again.status_code == 304 and again.data == b""
        assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == page.headers["Cache-Control"]
        assert again.headers["Vary"] == page.headers["Vary"]
    assert client.get(VIEW, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_the_first_request_revalidates_too():
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    etag = create_app({"TESTING": True}, content=VARIANTS).test_client().get(VIEW).headers["ETag"]
    assert client.get(VIEW, headers={"If-None-Match": etag}).status_code == 304


def test_workers_and_machines_agree_on_the_etag(content):
    one = create_app({"TESTING": True}, content=VARIANTS).test_client().get(VIEW)
    other = create_app({"TESTING": True}, content=content).test_client().get(VIEW)  # another folder, same bytes
    assert one.headers["ETag"] == other.headers["ETag"] and one.data == other.data


def test_head_gets_the_headers_without_the_body():
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    get, head = client.get(VIEW), client.head(VIEW)
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"] and head.headers["Content-Length"] == str(len(get.data))


def test_shared_caches_may_keep_canonical_views_but_not_personal_pages(client):
    canonical = client.get(VIEW).headers
    assert canonical["Cache-Control"].startswith("public, max-age=300")
    assert "s-maxage=" in canonical["Cache-Control"] and "stale-while-revalidate=" in canonical["Cache-Control"]
    assert canonical["Vary"] == "Accept-Language"
    for url in ("/", "/articles/ssri-mechanism/", "/articles/nope/patient/"):
        headers = client.get(url).headers
        assert headers["Cache-Control"] == "private, no-cache", url
        assert "Cookie" in headers["Vary"], url


def test_an_edit_renders_again_exactly_the_changed_articles_views(content, renders):
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 0}, content=content)
    client = app.test_client()
    for url in (VIEW, OTHER):
        client.get(url)
    assert renders["n"] == 2
    path = content / "articles" / "ssri-mechanism.yaml"
    path.write_text(path.read_text().replace("patient: How SSRI medicines work", "patient: How SSRI medicines help"))
    assert "How SSRI medicines help" in client.get(VIEW).get_data(as_text=True)
    assert "How SSRI medicines help" in client.get(VIEW).get_data(as_text=True)
    client.get(OTHER)
    assert renders["n"] == 3
    glossary = content / "glossary.yaml"
    glossary.write_text(glossary.read_text() + "zymogen: A protein that becomes an enzyme later.\n")
    client.get(VIEW), client.get(OTHER)
    assert renders["n"] == 5  # a site file changes every view


def test_memory_is_bounded_by_bytes(monkeypatch):
    app = create_app({"TESTING": True}, content=VARIANTS)
    views = tailor_of(app).views
    views.views.budget = 100_000
    client = app.test_client()
    for slug in ("ssri-mechanism", "metformin-type-2-diabetes", "levothyroxine-hypothyroidism"):
        for profile in ("clinician", "student", "patient"):
            for language in ("en-US", "en-GB"):
                assert client.get(f"/articles/{slug}/{profile}/", headers={"Accept-Language": language}).status_code == 200
    assert 0 < views.views.size <= 100_000


def test_a_query_string_gets_the_stored_bytes(renders):
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    client.get(VIEW)
    assert client.get(VIEW + "?utm_source=mail").data == client.get(VIEW + "?x=1&y=2").data == client.get(VIEW).data
    assert renders["n"] == 1


def test_a_script_name_sent_by_a_client_never_reaches_other_readers():
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    poisoned = client.get(VIEW, environ_overrides={"SCRIPT_NAME": "//evil.example"}).get_data(as_text=True)
    assert "//evil.example" in poisoned  # the poisoner's own page is built with it...
    for _ in range(2):
        assert "evil.example" not in client.get(VIEW).get_data(as_text=True)  # ...and nobody else's


@pytest.mark.parametrize("url", [VIEW + "%0A", VIEW + "%0a", "/page/01/", "/page/001/"])
def test_one_url_per_page_cold_or_warm(url):
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    assert client.get(url).status_code == 404
    client.get(VIEW), client.get("/")
    assert client.get(url).status_code == 404


def test_static_files_are_versioned_and_tagged_by_their_bytes(content):
    one = create_app({"TESTING": True}, content=VARIANTS).test_client()
    html = one.get(VIEW).get_data(as_text=True)
    link = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert link.startswith("/static/tailor.css?v=")
    css = one.get(link)
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert css.headers["ETag"] == '"' + hashlib.sha256(css.data).hexdigest()[:16] + '"'
    assert one.get(link, headers={"If-None-Match": css.headers["ETag"]}).status_code == 304
    assert one.get("/static/tailor.css").headers["Cache-Control"] == "public, max-age=300"
    assert one.get("/static/nope.css").status_code == 404
    other = create_app({"TESTING": True}, content=content).test_client()
    assert other.get(link).headers["ETag"] == css.headers["ETag"]


def test_a_content_template_that_failed_once_is_not_frozen_into_the_cache(content, monkeypatch):
    import tailor.templating

    (content / "templates").mkdir()
    (content / "templates" / "article-ssri-mechanism.html").write_text(
        "{% extends 'article.html' %}{% block footer %}Custom footer{% endblock %}")
    monkeypatch.setenv("TAILOR_TEMPLATES", "1")
    real, calls = tailor.templating.render_bounded, {"n": 0}

    def busy_once(*args):
        calls["n"] += 1
        if calls["n"] == 1:
            raise TimeoutError("the machine was busy")
        return real(*args)

    monkeypatch.setattr(tailor.templating, "render_bounded", busy_once)
    client = create_app({"TESTING": True}, content=content).test_client()
    assert "Custom footer" not in client.get(VIEW).get_data(as_text=True)  # the built-in template, this once
    assert "Custom footer" in client.get(VIEW).get_data(as_text=True)


def test_https_views_carry_hsts_from_the_cache_too():
    client = create_app({"TESTING": True}, content=VARIANTS).test_client()
    assert "Strict-Transport-Security" not in client.get(VIEW).headers
    for _ in range(2):
        assert client.get(VIEW, base_url="https://localhost").headers["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in client.get(VIEW).headers


def test_a_long_index_is_paged_without_javascript(tmp_path: Path):
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    text = (root / "articles" / "ssri-mechanism.yaml").read_text()
    for n in range(120):
        (root / "articles" / f"copy-{n:03d}.yaml").write_text(text)
    client = create_app({"TESTING": True}, content=root).test_client()
    first = client.get("/").get_data(as_text=True)
    assert first.count('<p class="article-question">') == 50
    assert "Page 1 of 3 (123 articles)" in first and 'href="/page/2/" rel="next"' in first and "<script" not in first
    third = client.get("/page/3/").get_data(as_text=True)
    assert third.count('<p class="article-question">') == 23 and 'href="/page/2/" rel="prev"' in third
    assert client.get("/page/4/").status_code == 404 and client.get("/page/1/").status_code == 404
    assert client.get("/page/0/").status_code == 404


def test_the_static_build_pages_the_index_too(tmp_path: Path, runner):
    from tailor.cli import main

    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    text = (root / "articles" / "ssri-mechanism.yaml").read_text()
    for n in range(60):
        (root / "articles" / f"copy-{n:03d}.yaml").write_text(text)
    out = tmp_path / "site"
    assert runner.invoke(main, ["build", str(out), "--content", str(root)]).exit_code == 0
    assert 'href="/page/2/"' in (out / "index.html").read_text()
    assert "Page 2 of 2" in (out / "page" / "2" / "index.html").read_text()
