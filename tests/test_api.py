"""The JSON API: every response it sends matches its OpenAPI description, it shows exactly what the pages
show (same visibility, citations, review, fallback), and it behaves like the pages over HTTP (ETag, 304,
JSON errors, CORS)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import ValidationError
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import validate as validate_spec

from tailor.cli import main
from tailor.web import create_app

from .conftest import DATA, VARIANTS, write

SITE = "https://example.org/health/"


@pytest.fixture(scope="module")
def shipped():
    """The shipped content, with a site URL, as a client."""
    return create_app({"TESTING": True, "TAILOR_SITE_URL": SITE}, content=VARIANTS).test_client()


@pytest.fixture(scope="module")
def spec(shipped) -> dict[str, Any]:
    """The OpenAPI document the server sends."""
    response = shipped.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json


def operation(spec: dict[str, Any], path: str) -> dict[str, Any]:
    """The GET operation whose path template matches a request path (a query string aside): the most
    literal one, as a router picks it (`{profile}.json` before `{profile}`)."""
    path = path.split("?")[0]
    found = [template for template in spec["paths"]
             if re.match("^" + re.sub(r"\\\{[a-z]+\\\}", "[^/]+", re.escape(template)) + "$", path)]
    assert found, f"{path} is not described in openapi.json"
    best = max(found, key=lambda template: len(re.sub(r"\{[a-z]+\}", "", template)))
    return dict(spec["paths"][best]["get"])


def conforms(spec: dict[str, Any], path: str, status: int, body: Any) -> None:
    """Assert a response body is what the description says that path answers with that status."""
    response = operation(spec, path)["responses"][str(status)]
    schema = {**response["content"]["application/json"]["schema"], "components": spec["components"]}
    OAS31Validator(schema, format_checker=oas31_format_checker).validate(body)


def every_view_path(content_languages: list[str], slugs: list[str], profiles: list[str], source: str) -> list[str]:
    """Every list and view path of the API, in both its query (`?lang=`) and file (`.json`) forms."""
    paths = []
    for lang in content_languages:
        prefix = "" if lang == source else f"{lang}/"
        paths += [f"/api/v1/articles?lang={lang}", f"/api/v1/{prefix}articles.json"]
        for slug in slugs:
            for profile in profiles:
                paths += [f"/api/v1/articles/{slug}/{profile}?lang={lang}", f"/api/v1/{prefix}articles/{slug}/{profile}.json"]
    return paths


def test_the_description_is_valid_openapi_3_1(spec):
    validate_spec(spec)
    assert spec["openapi"] == "3.1.0"
    assert spec["servers"] == [{"url": SITE.rstrip("/")}]
    assert operation(spec, "/api/v1/articles/x/y.json")["operationId"] == "getArticleViewFile"
    assert operation(spec, "/api/v1/es/articles.json")["operationId"] == "listArticlesInLanguageFile"


def test_the_check_would_catch_a_response_that_drifts_from_the_description(shipped, spec):
    view = shipped.get("/api/v1/articles/ssri-mechanism/clinician").json
    conforms(spec, "/api/v1/articles/ssri-mechanism/clinician", 200, view)
    for drifted in ({**view, "added": 1}, {k: v for k, v in view.items() if k != "references"},
                    {**view, "updated": "27 November"}, {**view, "references": [{**view["references"][0], "number": "1"}]}):
        with pytest.raises(ValidationError):
            conforms(spec, "/api/v1/articles/ssri-mechanism/clinician", 200, drifted)


def test_every_response_matches_the_description(shipped, spec):
    listing = shipped.get("/api/v1/articles").json
    languages, source = listing["languages"], listing["languages"][0]
    slugs = [article["slug"] for article in listing["articles"]]
    profiles = [profile["id"] for profile in listing["profiles"]]
    assert len(languages) >= 2 and len(slugs) >= 3 and len(profiles) == 3
    paths = every_view_path(languages, slugs, profiles, source)
    for path in paths:
        response = shipped.get(path)
        assert response.status_code == 200, path
        conforms(spec, path, 200, response.json)
    errors = ["/api/v1/articles/no-such-article/clinician", "/api/v1/articles/ssri-mechanism/nobody",
              "/api/v1/articles?lang=xx", "/api/v1/xx/articles.json", f"/api/v1/{source}/articles.json",
              "/api/v1/articles/ssri-mechanism/clinician.json?lang=zz"]
    for path in errors:
        response = shipped.get(path)
        assert response.status_code == 404, path
        conforms(spec, path, 404, response.json)
    response = shipped.post("/api/v1/articles")
    assert response.status_code == 405
    conforms(spec, "/api/v1/articles", 405, response.json)


def test_both_forms_of_a_path_send_the_same_bytes(shipped):
    assert shipped.get("/api/v1/articles").data == shipped.get("/api/v1/articles.json").data
    assert shipped.get("/api/v1/articles?lang=es").data == shipped.get("/api/v1/es/articles.json").data
    assert (shipped.get("/api/v1/articles/ssri-mechanism/patient?lang=es").data
            == shipped.get("/api/v1/es/articles/ssri-mechanism/patient.json").data)


def test_links_in_the_json_lead_to_the_json_and_pages_they_name(shipped):
    listing = shipped.get("/api/v1/articles?lang=es").json
    for article in listing["articles"]:
        for version in article["versions"]:
            assert version["url"].startswith(SITE) and version["api_url"].startswith(SITE)
            view = shipped.get("/" + version["api_url"].removeprefix(SITE), base_url="http://localhost/health/")
            assert view.status_code == 200 and view.json["api_url"] == version["api_url"]
            # An article not translated yet is shown on the Spanish URL; its canonical page is the source's.
            canonical = version["url"].replace("/es/", "/", 1) if view.json["untranslated"] else version["url"]
            assert view.json["url"] == canonical and view.json["language"] == "es"
            page = shipped.get("/" + version["url"].removeprefix(SITE), base_url="http://localhost/health/")
            assert page.status_code == 200


def test_a_view_tells_what_its_page_tells(shipped):
    view = shipped.get("/api/v1/articles/ssri-mechanism/patient").json
    page = shipped.get("/articles/ssri-mechanism/patient/").get_data(as_text=True)
    assert view["question"]["text"] in page and view["answer"]["text"] and view["answer"]["citations"]
    assert view["disclaimer"]["title"] in page and view["profile"]["id"] == "patient"
    # Numbered by first appearance with no gaps, and only what this view cites.
    numbers = [ref["number"] for ref in view["references"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(re.findall(r'<li id="ref-\d+"', page)) == len(numbers)
    claims = [view["answer"], *(c for s in view["sections"] for c in (s["lead"], *s["claims"]) if c)]
    cited = {n for claim in claims for n in claim["citations"]}
    quiz = view["quiz"]
    if quiz:
        cited |= {n for c in (quiz["explanation"], *(o["explanation"] for o in quiz["incorrect"])) if c for n in c["citations"]}
    assert cited == set(numbers)
    for ref in view["references"]:
        assert ref["title"] in page.replace("&#39;", "'").replace("&amp;", "&")
        if ref["doi"]:
            assert ref["doi_url"] == f"https://doi.org/{ref['doi']}"
    assert view["status"] in {"submitted", "under_review", "approved"}


def test_the_answer_carries_cors_and_a_cache_validator(shipped):
    response = shipped.get("/api/v1/articles/ssri-mechanism/clinician")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag = response.headers["ETag"]
    again = shipped.get("/api/v1/articles/ssri-mechanism/clinician", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    other = shipped.get("/api/v1/articles/ssri-mechanism/patient", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    listing = shipped.get("/api/v1/articles")
    assert shipped.get("/api/v1/articles", headers={"If-None-Match": listing.headers["ETag"]}).status_code == 304
    error = shipped.get("/api/v1/articles/none/clinician")
    assert error.headers["Access-Control-Allow-Origin"] == "*" and error.mimetype == "application/json"


def test_errors_under_api_are_json_and_say_what_is_wrong(shipped):
    missing = shipped.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json["error"]["status"] == 404
    language = shipped.get("/api/v1/articles?lang=xx")
    assert "xx" in language.json["error"]["message"] and "es" in language.json["error"]["message"]
    post = shipped.post("/api/v1/articles/ssri-mechanism/clinician")
    assert post.status_code == 405 and post.json["error"]["status"] == 405 and "GET" in post.headers["Allow"]
    # Outside /api/ errors stay pages.
    assert shipped.get("/no-such-page/").mimetype == "text/html"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A tree with a submitted article, an unpublished draft, and a view that falls back (no student text)."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    source = (root / "articles" / "sample.yaml").read_text(encoding="utf-8")
    write(root / "articles" / "hidden-draft.yaml", source.replace("status: under_review", "status: draft")
          .replace("Clinician title", "Draft title"))
    return root


def test_drafts_never_appear(mixed):
    client = create_app({"TESTING": True}, content=mixed).test_client()
    listing = client.get("/api/v1/articles").json
    assert [article["slug"] for article in listing["articles"]] == ["sample"]
    assert "Draft title" not in client.get("/api/v1/articles").get_data(as_text=True)
    for profile in ("clinician", "student", "patient"):
        assert client.get(f"/api/v1/articles/hidden-draft/{profile}").status_code == 404
        assert client.get(f"/api/v1/articles/hidden-draft/{profile}.json").status_code == 404
        assert client.get(f"/articles/hidden-draft/{profile}/").status_code == 404  # as the page


def test_fallback_and_omission_are_marked_as_on_the_page(mixed):
    client = create_app({"TESTING": True}, content=mixed).test_client()
    student = client.get("/api/v1/articles/sample/student").json
    clinician = next(p["label"] for p in client.get("/api/v1/articles").json["profiles"] if p["id"] == "clinician")
    borrowed = [c for s in student["sections"] for c in s["claims"] if c["fallback_from"]]
    assert borrowed and all(c["fallback_from"] == clinician for c in borrowed)
    page = client.get("/articles/sample/student/").get_data(as_text=True)
    assert page.count('class="fallback"') == len(borrowed)
    assert student["fallback_count"] >= len(borrowed)
    patient = client.get("/api/v1/articles/sample/patient").json
    ids = [c["id"] for s in patient["sections"] for c in s["claims"]]
    assert "only-clinicians" not in ids  # null for patients: not shown, not numbered
    assert [ref["number"] for ref in patient["references"]] == list(range(1, len(patient["references"]) + 1))
    assert "Study B" not in {ref["title"] for ref in patient["references"]}


def test_a_reviewed_view_names_its_reviewer_and_dates(mixed, runner):
    write(mixed / "reviewers.yaml", "ada-lovelace:\n  name: Ada Lovelace\n  credentials: MD\n  role: Placeholder role\n")
    result = runner.invoke(main, ["review", "sample", "--content", str(mixed), "--approve", "--by", "ada-lovelace"])
    assert result.exit_code == 0, result.output
    client = create_app({"TESTING": True}, content=mixed).test_client()
    view = client.get("/api/v1/articles/sample/clinician").json
    assert view["status"] == "approved"
    review = view["review"]
    assert review["state"] == "approved" and review["reviewer"]["name"] == "Ada Lovelace"
    assert review["reviewed"] and review["next_review"] > review["reviewed"] and review["overdue"] is False
    summary = client.get("/api/v1/articles").json["articles"][0]
    assert summary["reviewed"] == review["reviewed"] and summary["review"]["clinician"] == "approved"


def test_a_browser_may_ask_before_reading(shipped):
    response = shipped.options("/api/v1/articles", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"})
    assert response.status_code == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]


def test_the_readme_sample_is_real_output(shipped):
    readme = (VARIANTS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## API\n", 1)[1].split("\n## ", 1)[0]
    sample = section.split("\n```\n{\n", 1)[1].split("\n}\n```", 1)[0]
    view = create_app({"TESTING": True, "TAILOR_SITE_URL": ""}, content=VARIANTS).test_client().get(
        "/api/v1/articles/ssri-mechanism/patient").json
    checked = 0
    for line in sample.splitlines():
        match = re.match(r'^  "([a-z_]+)": (.*?),?$', line)
        if match and "…" not in match[2] and match[1] != "sections":  # sections spans lines
            assert json.loads(match[2]) == view[match[1]], match[1]
            checked += 1
    assert checked >= 15
