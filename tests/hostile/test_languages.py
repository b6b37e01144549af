"""Languages under attack: a forged language choice, hostile cookies and headers, a draft translation,
translation and glossary files that are not what they claim to be."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tailor.check import run_check
from tailor.diagnostics import TailorError
from tailor.load import load_site
from tailor.web import LANGUAGE_COOKIE, create_app

from ..conftest import DATA, write
from .conftest import SAMPLE, within_seconds

DRAFT = "Borrador secreto"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The minimal tree in English and Spanish, with a Spanish draft translation of its article."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    write(root / "tailor.yaml", "locales: [en, es]\nrules:\n  disable: [readability, coverage, profiles]\n")
    text = (root / SAMPLE).read_text(encoding="utf-8")
    write(root / "articles" / "sample.es.yaml", text.replace("status: under_review", "status: draft")
          .replace("Patient question?", f"{DRAFT}?"))
    return root


@pytest.fixture
def client(tree: Path):
    return create_app({"TESTING": True}, content=tree).test_client()


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}, {"Origin": "null"}])
def test_a_language_choice_from_another_site_is_refused(client, headers):
    response = client.post("/language", data={"lang": "es", "next": "/"}, headers=headers)
    assert response.status_code == 403 and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "/\\evil", "javascript:alert(1)", "", "evil",
                                    "/es/../../etc/passwd", "/author/", "/static/tailor.css"])
def test_a_language_choice_never_leaves_the_site(client, target):
    response = client.post("/language", data={"lang": "es", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/es/") and "//" not in response.headers["Location"]


def test_the_language_cookie_is_secure_over_https(client):
    response = client.post("/language", data={"lang": "es", "next": "/"}, base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("cookie", ["xx", "../es", "es\x7f", "e" * 3900, "EN", "es; Path=/"])
def test_a_forged_language_cookie_is_ignored(client, cookie):
    client.set_cookie(LANGUAGE_COOKIE, cookie)
    response = client.get("/articles/sample/", headers={"Accept-Language": "en"})
    assert response.status_code == 303 and response.headers["Location"] == "/articles/sample/clinician/"


@pytest.mark.parametrize("header", ["es;q=2,de;q=-1", "*", ";;;,,", "es-" + "x" * 8000, ",".join(f"l{i}" for i in range(2000))])
def test_hostile_accept_language_headers_are_harmless(client, header):
    with within_seconds(10):
        assert client.get("/articles/sample/", headers={"Accept-Language": header}).status_code == 303
        assert client.get("/es/articles/sample/patient/", headers={"Accept-Language": header}).status_code == 200


@pytest.mark.parametrize("url", ["/", "/es/", "/es/articles/sample/patient/", "/es/articles/sample/clinician/", "/healthz"])
def test_a_draft_translation_leaks_nowhere(client, url):
    assert DRAFT not in client.get(url).get_data(as_text=True)


def test_a_draft_translation_is_not_built(tree, tmp_path):
    from tailor.build import build_site

    out = tmp_path / "site"
    build_site(tree, out)
    for path in out.rglob("*.html"):
        assert DRAFT not in path.read_text(encoding="utf-8"), path


def test_a_translation_of_a_draft_is_not_served(tree):
    source = tree / SAMPLE
    source.write_text(source.read_text().replace("status: under_review", "status: draft"))
    spanish = tree / "articles" / "sample.es.yaml"
    spanish.write_text(spanish.read_text().replace("status: draft", "status: submitted"))
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert client.get("/es/articles/sample/patient/").status_code == 404
    assert DRAFT not in client.get("/es/").get_data(as_text=True)


def test_a_translation_whose_source_is_a_fifo_or_a_link_out_does_not_hang(tree, tmp_path):
    source = tree / SAMPLE
    source.unlink()
    os.mkfifo(source)
    with within_seconds(20):
        found = [d.code for d in run_check(tree, cache_dir=tmp_path / "cache").diagnostics if d.is_error]
    assert "file.type" in found
    source.unlink()
    outside = tmp_path / "outside.yaml"
    outside.write_text((DATA / "minimal" / SAMPLE).read_text())
    source.symlink_to(outside)
    found = [d.code for d in run_check(tree, cache_dir=tmp_path / "cache").diagnostics if d.is_error]
    assert "file.outside" in found


def test_a_glossary_linked_out_of_the_tree_is_refused(tree, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("secret: value\n")
    (tree / "glossary.es.yaml").symlink_to(outside)
    with pytest.raises(TailorError) as raised:
        load_site(tree)
    assert [d.code for d in raised.value.diagnostics] == ["file.outside"]


def test_an_escaping_language_name_in_a_glossary_file_is_only_ignored(tree):
    write(tree / "glossary.e_s.yaml", "a: b\n")  # not glossary.<lang>.yaml: not a site file at all
    assert "es" not in load_site(tree).glossaries
