"""`tailor build --site-url`: a static site that works under the site's path, a sitemap and robots.txt
search engines accept, and the API's JSON beside the pages, byte for byte what the server sends."""

from __future__ import annotations

import json
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from tailor.cli import main
from tailor.web import create_app

from .conftest import DATA, VARIANTS, write

SITE = "https://example.org/health/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CRAWL_LIMIT = 400
"""Pages and files the crawl may fetch (the shipped site has under 100): a bound, not a target."""


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content plus an unpublished draft whose slug must appear nowhere in the build."""
    root = tmp_path_factory.mktemp("site") / "content"
    shutil.copytree(VARIANTS, root)
    sample = (DATA / "minimal" / "articles" / "sample.yaml").read_text(encoding="utf-8")
    write(root / "articles" / "secret-draft.yaml", sample.replace("status: under_review", "status: draft"))
    # The draft loads (its authors see it): so its absence from the build is visibility, not a broken file.
    author = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=root).test_client()
    assert "secret-draft" in [a["slug"] for a in author.get("/api/v1/articles").json["articles"]]
    return root


@pytest.fixture(scope="module")
def built(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built under https://example.org/health/."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("out") / "site"
    result = CliRunner().invoke(main, ["build", str(out), "--content", str(content), "--site-url", SITE])
    assert result.exit_code == 0, result.output
    return out


class Links(HTMLParser):
    """Every href, src and form action of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src", "action") and value]


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    """The build folder served by a plain static server at http://127.0.0.1:PORT/health/ (nothing at the root)."""

    class UnderHealth(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith("/health/"):
                return str(built / "no-such-file-outside-the-site-path")
            return super().translate_path(path.removeprefix("/health"))

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(UnderHealth, directory=str(built)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/health/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def fetch(url: str) -> tuple[int, bytes, str]:
    """Status, body and type of a GET (the server is local: a short timeout is plenty)."""
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except HTTPError as error:
        return error.code, b"", ""


def local(url: str, base: str) -> str:
    """A URL of the public site (https://example.org/health/...) as the same URL on the test server."""
    return base + url.removeprefix(SITE) if url.startswith(SITE) else url


def test_every_link_from_the_index_resolves_under_the_site_path(server):
    # From the reader's index and the app's: the API list, whose views link to their pages and JSON.
    seen, queue, broken, rooted = set(), [server, server + "api/v1/articles.json"], [], []
    host = urlsplit(server).netloc
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = fetch(url)
        if status != 200:
            broken.append(url)
            continue
        found: list[str] = []
        if kind == "text/html":
            parser = Links()
            parser.feed(body.decode("utf-8"))
            found = parser.found
        elif kind == "application/json":
            data = json.loads(body)
            found = [v["api_url"] for a in data.get("articles", []) for v in a["versions"]] + [
                value for key, value in data.items() if key in ("url", "api_url")]
        for link in found:
            if link.startswith("#") or link.startswith(("https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/")):
                continue
            if link.startswith("/") and not link.startswith("/health/"):
                rooted.append((url, link))  # a link from the domain root leaves the site
            target = urljoin(url, local(link, server)).split("#")[0].split("?")[0]
            if urlsplit(target).netloc == host:
                queue.append(target)
    assert not rooted and not broken, (rooted[:5], broken[:5])
    assert 40 < len(seen) < CRAWL_LIMIT
    assert any(url.endswith(".css") for url in seen) and any("/es/articles/" in url for url in seen)


def test_the_sitemap_lists_every_public_view_and_nothing_else(built, server, content):
    tree = ET.parse(built / "sitemap.xml")
    assert tree.getroot().tag == f"{SITEMAP}urlset"
    urls = [loc.text or "" for loc in tree.getroot().iter(f"{SITEMAP}loc")]
    assert urls and all(url.startswith(SITE) for url in urls) and len(set(urls)) == len(urls)
    assert not any("secret-draft" in url for url in urls)
    app = create_app({"TESTING": True}, content=content)
    listed = app.test_client().get("/api/v1/articles").json["articles"]
    for article in listed:
        for profile in ("clinician", "student", "patient"):
            assert f"{SITE}articles/{article['slug']}/{profile}/" in urls
    for url in urls:
        status, _, kind = fetch(local(url, server))
        assert status == 200 and kind == "text/html", url
    for lastmod in tree.getroot().iter(f"{SITEMAP}lastmod"):
        assert len(lastmod.text or "") == 10  # W3C date


def test_robots_names_the_sitemap(built):
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()


def test_no_file_of_the_build_mentions_a_draft(built):
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            assert "secret-draft" not in path.read_text(encoding="utf-8"), path
            assert "secret-draft" not in str(path.relative_to(built))


def test_canonical_urls_are_absolute_under_the_site_url(built):
    page = (built / "es" / "articles" / "ssri-mechanism" / "patient" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE}es/articles/ssri-mechanism/patient/">' in page
    redirect = (built / "articles" / "ssri-mechanism" / "index.html").read_text(encoding="utf-8")
    assert 'url=/health/articles/ssri-mechanism/clinician/"' in redirect
    assert f'<link rel="canonical" href="{SITE}articles/ssri-mechanism/clinician/">' in redirect


def test_the_json_files_are_what_the_server_sends(built, content):
    client = create_app({"TESTING": True, "TAILOR_SITE_URL": SITE}, content=content).test_client()
    files = sorted((built / "api").rglob("*.json"))
    assert len(files) > 20
    for path in files:
        url = "/" + path.relative_to(built).as_posix()
        response = client.get(url, base_url="http://localhost/health/")
        assert response.status_code == 200, url
        assert path.read_bytes() == response.data, url
    # The query form a server answers is the same document as the file.
    assert (built / "api/v1/es/articles/ssri-mechanism/patient.json").read_bytes() == client.get(
        "/api/v1/articles/ssri-mechanism/patient?lang=es", base_url="http://localhost/health/").data


@pytest.mark.parametrize("url", ["example.org/health/", "ftp://example.org/", "https://example.org/a b/",
                                 "https://example.org/?q=1", "https://user@example.org/", "https://example.org/../x/",
                                 "https://example.org/%2e%2e/x/", "https://example.org/%2E/x/", "https://example.org:99999/",
                                 "https://example.org/a%zz/"])
def test_a_bad_site_url_is_one_usage_line_and_writes_nothing(url, tmp_path, runner):
    out = tmp_path / "site"
    result = runner.invoke(main, ["build", str(out), "--content", str(VARIANTS), "--site-url", url])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("--site-url:1:1: error usage.site_url: "), result.stderr
    assert not out.exists()


def test_a_build_without_a_site_url_removes_the_sitemap_it_wrote_before(tmp_path, runner):
    out = tmp_path / "site"
    assert runner.invoke(main, ["build", str(out), "--content", str(VARIANTS), "--site-url", SITE]).exit_code == 0
    assert (out / "sitemap.xml").is_file() and (out / "robots.txt").is_file()
    result = runner.invoke(main, ["build", str(out), "--content", str(VARIANTS)], env={"TAILOR_SITE_URL": ""})
    assert result.exit_code == 0, result.output
    # Without the site's address there are no absolute URLs to list: nothing stale may stay online.
    assert not (out / "sitemap.xml").exists() and not (out / "robots.txt").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/static/tailor.css' in index and "/health/" not in index
    assert (out / "api" / "v1" / "articles.json").is_file()


def test_the_server_sends_the_same_sitemap_and_robots_as_the_build(built, content):
    client = create_app({"TESTING": True, "TAILOR_SITE_URL": SITE}, content=content).test_client()
    assert client.get("/sitemap.xml").data == (built / "sitemap.xml").read_bytes()
    assert client.get("/robots.txt").data == (built / "robots.txt").read_bytes()
    # Without the site's address there is nothing absolute to list.
    bare = create_app({"TESTING": True, "TAILOR_SITE_URL": ""}, content=VARIANTS).test_client()
    assert bare.get("/sitemap.xml").status_code == 404 and bare.get("/robots.txt").status_code == 404


def test_a_large_site_gets_a_sitemap_index(content):
    from tailor.publish import sitemap_files

    app = create_app({"TESTING": True}, content=content)
    files = sitemap_files(app.extensions["tailor"].store.content, SITE, limit=5)
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [loc.text or "" for loc in index.iter(f"{SITEMAP}loc")]
    assert parts == [f"{SITE}sitemap-{n}.xml" for n in range(1, len(files))]
    urls = [loc.text for name in files if name != "sitemap.xml" for loc in ET.fromstring(files[name]).iter(f"{SITEMAP}loc")]
    whole = [loc.text for loc in ET.fromstring(sitemap_files(app.extensions["tailor"].store.content, SITE)["sitemap.xml"])
             .iter(f"{SITEMAP}loc")]
    assert urls == whole and all(len(list(ET.fromstring(files[n]).iter(f"{SITEMAP}url"))) <= 5 for n in files if n != "sitemap.xml")


def test_a_bad_site_url_from_the_environment_names_the_variable(tmp_path, runner):
    result = runner.invoke(main, ["build", str(tmp_path / "site"), "--content", str(VARIANTS)],
                           env={"TAILOR_SITE_URL": "https://example.org/a?b"})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["TAILOR_SITE_URL:1:1: error usage.site_url: 'https://example.org/a?b' cannot be used: "
                                          "it may not have a query (?...) or fragment (#...)"]
