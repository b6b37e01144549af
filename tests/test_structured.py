"""What each view tells search engines and link previews: schema.org JSON-LD read back from the page, safe
from content that tries to end its script element; meta description, Open Graph, Twitter, canonical and
alternate links."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tailor.cli import main
from tailor.web import create_app

from .conftest import DATA, VARIANTS, write

SITE = "https://example.org/health/"
HOSTILE = "</script><script>alert(1)</script><!--"


class Head(HTMLParser):
    """The scripts, meta and link tags of a page, as a browser's parser splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str | None]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script":
            self._open = found
            self.scripts.append((found, ""))
        elif tag == "meta" and found.get("content") is not None:
            self.meta[found.get("property") or found.get("name") or ""] = found["content"] or ""
        elif tag == "link":
            self.links.append(found)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def head_of(html: str) -> Head:
    """The page's head as a browser reads it."""
    parser = Head()
    parser.feed(html)
    return parser


def json_ld(html: str) -> dict[str, Any]:
    """The page's one JSON-LD block, parsed."""
    head = head_of(html)
    assert [attrs.get("type") for attrs, _ in head.scripts] == ["application/ld+json"], head.scripts
    data: dict[str, Any] = json.loads(head.scripts[0][1])
    return data


@pytest.fixture(scope="module")
def shipped():
    """The shipped content with its public address."""
    return create_app({"TESTING": True, "TAILOR_SITE_URL": SITE}, content=VARIANTS).test_client()


def test_every_shipped_view_describes_itself(shipped):
    listing = shipped.get("/api/v1/articles").json
    for lang in listing["languages"]:
        for article in shipped.get(f"/api/v1/articles?lang={lang}").json["articles"]:
            for version in article["versions"]:
                path = "/" + version["url"].removeprefix(SITE)
                html = shipped.get(path).get_data(as_text=True)
                view = shipped.get("/" + version["api_url"].removeprefix(SITE)).json
                data = json_ld(html)
                # An article not translated yet is shown on the other language's URL; its canonical page is the source's.
                canonical_url = re.sub(r"/(es|de)/", "/", version["url"], count=1) if view["untranslated"] else version["url"]
                assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
                assert data["url"] == canonical_url and data["name"] == view["title"]["text"]
                assert data["inLanguage"] == view["text_language"]
                assert data["dateModified"] == view["updated"]
                assert len(data["citation"]) == len(view["references"])
                assert [c["name"] for c in data["citation"]] == [r["title"] for r in view["references"]]
                audience = data["audience"]
                expected = "MedicalAudience" if version["profile"] == "clinician" else "PeopleAudience"
                assert audience["@type"] == expected and audience["audienceType"] == version["profile"].capitalize()
                assert data["about"]
                head = head_of(html)
                assert head.meta["description"] and view["answer"]["text"].startswith(
                    head.meta["description"].removesuffix("…")[:60])
                assert head.meta["og:title"] == view["title"]["text"] and head.meta["og:url"] == canonical_url
                assert head.meta["twitter:card"] == "summary"
                canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
                assert canonical == [canonical_url]
                others = {link["href"] for link in head.links if link.get("rel") == "alternate" and not link.get("hreflang")}
                assert others == {v["url"] for v in article["versions"]} - {version["url"]}


def test_each_citation_links_where_its_reference_does(shipped):
    # The shipped references name no DOI or PMID field yet (the hostile tree below checks those).
    for profile in ("clinician", "patient"):
        data = json_ld(shipped.get(f"/articles/ssri-mechanism/{profile}/").get_data(as_text=True))
        view = shipped.get(f"/api/v1/articles/ssri-mechanism/{profile}").json
        for ref, work in zip(view["references"], data["citation"], strict=True):
            assert work.get("url") == (ref["doi_url"] or ref["pubmed_url"] or ref["url"])
            assert work["datePublished"] == str(ref["year"]) and work["isPartOf"]["name"] == ref["source"]


@pytest.fixture
def hostile(tmp_path: Path, runner) -> Path:
    """A reviewed article whose title, question and answer try to end the JSON-LD script, citing a
    reference with a DOI and a PubMed id (placeholders: this tree's prose means nothing)."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    path = root / "articles" / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: {clinician: Clinician title,", f"title: {{clinician: {json.dumps('Title ' + HOSTILE)},")
    text = text.replace("  clinician: Clinician answer about serotonin.", f"  clinician: {json.dumps('Answer & ' + HOSTILE)}")
    text = text.replace("ref-a: {type: guideline, title: Guideline A, source: Source A, year: 2020}",
                        'ref-a: {type: guideline, title: "Guideline A </script>", source: Source A, year: 2020, '
                        'doi: 10.1000/placeholder.1, pmid: "1000001"}')
    path.write_text(text, encoding="utf-8")
    write(root / "reviewers.yaml", "ada-lovelace:\n  name: Ada </script> Lovelace\n  credentials: MD\n  role: Placeholder role\n")
    result = runner.invoke(main, ["review", "sample", "--content", str(root), "--approve", "--by", "ada-lovelace"])
    assert result.exit_code == 0, result.output
    return root


def test_content_cannot_break_out_of_the_json_ld(hostile):
    client = create_app({"TESTING": True, "TAILOR_SITE_URL": SITE}, content=hostile).test_client()
    html = client.get("/articles/sample/clinician/").get_data(as_text=True)
    # The parser sees exactly one script, a data block, ending where the page ends it: nothing of the content runs.
    head = head_of(html)
    assert len(head.scripts) == 1 and html.count("<script") == 1 and html.count("</script>") == 1
    assert "alert(1)" not in html.replace(head.scripts[0][1], "").replace("alert(1)&lt;", "")
    data = json_ld(html)
    assert data["name"] == "Title " + HOSTILE  # the data reads back exactly
    assert data["description"].startswith("Answer & </script>")
    assert data["citation"][0]["name"] == "Guideline A </script>"
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1000/placeholder.1"} in data["citation"][0]["identifier"]
    assert {"@type": "PropertyValue", "propertyID": "PMID", "value": "1000001"} in data["citation"][0]["identifier"]
    assert data["citation"][0]["url"] == "https://doi.org/10.1000/placeholder.1"
    assert data["citation"][0]["sameAs"] == ["https://pubmed.ncbi.nlm.nih.gov/1000001/"]
    assert data["reviewedBy"]["name"] == "Ada </script> Lovelace" and data["reviewedBy"]["honorificSuffix"] == "MD"
    assert data["lastReviewed"] == client.get("/api/v1/articles/sample/clinician").json["review"]["reviewed"]
    # The same texts in the other head tags are escaped attributes, read back whole.
    assert unescape(head.meta["og:title"]) == "Title " + HOSTILE


def test_an_unreviewed_view_claims_no_review(shipped):
    view = shipped.get("/api/v1/articles/ssri-mechanism/patient").json
    data = json_ld(shipped.get("/articles/ssri-mechanism/patient/").get_data(as_text=True))
    if view["review"]["state"] != "approved":
        assert "reviewedBy" not in data and "lastReviewed" not in data
    else:
        assert data["lastReviewed"] == view["review"]["reviewed"]


def test_without_a_site_url_no_absolute_url_is_made_up():
    client = create_app({"TESTING": True, "TAILOR_SITE_URL": ""}, content=VARIANTS).test_client()
    html = client.get("/articles/ssri-mechanism/patient/", headers={"Host": "attacker.example"}).get_data(as_text=True)
    data = json_ld(html)
    assert "url" not in data and "attacker.example" not in html
    assert "og:url" not in head_of(html).meta
