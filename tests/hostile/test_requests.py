"""Requests a reader, a crawler or an attacker sends: nothing unpublished leaks, nothing is forged.

Each case is a request (or a content-tree template) that once leaked a draft, a path, a cookie or
a shell, or that a security review would flag.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from tailor.diagnostics import TailorError
from tailor.web import PROFILE_COOKIE, create_app

from ..conftest import DATA, write
from .conftest import SAMPLE, run, within_seconds

DRAFT_TITLE = "Unreviewed draft title"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The minimal tree plus a draft whose every text is recognisable."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    text = (root / SAMPLE).read_text(encoding="utf-8")
    draft = (text.replace("status: under_review", "status: draft")
             .replace("title: {clinician: Clinician title, student: Student title, patient: Patient title}",
                      f"title: {DRAFT_TITLE}")
             .replace("Clinician question?", "Draft question?"))
    write(root / "articles" / "secret-draft.yaml", draft)
    return root


@pytest.fixture
def client(tree: Path):
    return create_app({"TESTING": True}, content=tree).test_client()


# 1. What a reader may see is decided in one place.

@pytest.mark.parametrize("url", ["/", "/articles/secret-draft/", "/articles/secret-draft/clinician/",
                                 "/articles/secret-draft/patient/", "/healthz", "/nope"])
def test_a_draft_leaks_nowhere_a_reader_can_reach(client, url: str):
    response = client.get(url)
    body = response.get_data(as_text=True)
    assert DRAFT_TITLE not in body and "Draft question?" not in body and "secret-draft" not in body
    if "secret-draft" in url:
        assert response.status_code == 404


def test_public_health_counts_only_public_articles(client):
    assert client.get("/healthz").get_json()["articles"] == 1


def test_a_draft_is_not_built(tree: Path, tmp_path: Path):
    result = run("build", str(tmp_path / "site"), "--content", str(tree))
    assert result.exit_code == 0, result.output
    everything = "".join(p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert DRAFT_TITLE not in everything and "secret-draft" not in everything


def test_a_draft_is_not_rendered_by_the_cli(tree: Path):
    result = run("render", "secret-draft", "--content", str(tree))
    assert result.exit_code == 2 and "draft" in result.output and DRAFT_TITLE not in result.output


def test_author_mode_previews_drafts(tree: Path):
    client = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=tree).test_client()
    assert DRAFT_TITLE in client.get("/").get_data(as_text=True)
    assert client.get("/articles/secret-draft/clinician/").status_code == 200


# 5. Content cannot take over the server.

@pytest.fixture
def templates_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The operator allows content-tree templates (they are off by default): the hardest case."""
    monkeypatch.setenv("TAILOR_TEMPLATES", "1")

def test_public_health_tells_no_paths_or_messages(tree: Path):
    write(tree / "articles" / "broken.yaml", "question: [\n")
    body = create_app({"TESTING": True}, content=tree).test_client().get("/healthz").get_data(as_text=True)
    assert str(tree) not in body and "yaml" not in body and "broken.yaml" not in body and "/" not in body


PAYLOADS = {
    "globals of a builtin": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "class hierarchy": "{{ ''.__class__.__mro__[1].__subclasses__() }}{% set x = joiner.__init__.__globals__ %}"
                       "{{ x.os.system('touch MARKER') }}",
    "format string": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}{{ lipsum.__globals__.os.system('touch MARKER') }}",
    "request internals": "{{ request.application.__globals__.__builtins__.__import__('os').system('touch MARKER') }}",
    "page internals": "{{ page.__class__.__init__.__globals__['__builtins__']['__import__']('os').system('touch MARKER') }}",
}


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_a_content_template_cannot_run_code(tree: Path, tmp_path: Path, name: str, templates_on: None):
    marker = tmp_path / "pwned"
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block main %}"
          + PAYLOADS[name].replace("MARKER", str(marker)) + "{{ super() }}{% endblock %}")
    response = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/")
    rendered = run("render", "sample", "--profile", "patient", "--content", str(tree))
    assert not marker.exists()
    # The page is still served, by the built-in template.
    assert response.status_code == 200 and "Patient question?" in response.get_data(as_text=True)
    assert rendered.exit_code == 0 and "Patient question?" in rendered.stdout
    assert "uid=" not in rendered.stdout and "__globals__" not in rendered.stdout


def test_a_content_template_cannot_read_the_configuration(tree: Path, templates_on: None):
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}[{{ config }}]{% endblock %}")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/").get_data(as_text=True)
    assert "TAILOR_CONTENT" not in html and str(tree) not in html


def test_a_content_template_cannot_include_a_file_outside_the_tree(tree: Path, templates_on: None):
    (tree / "templates").mkdir()
    os.symlink("/etc/passwd", tree / "templates" / "leak.html")
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}{% include 'leak.html' %}{% endblock %}")
    response = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/")
    assert response.status_code == 200 and "root:" not in response.get_data(as_text=True)


def test_a_content_template_that_is_a_fifo_never_blocks(tree: Path, templates_on: None):
    (tree / "templates").mkdir()
    os.mkfifo(tree / "templates" / "article-sample.html")
    with within_seconds(20):
        response = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/")
    assert response.status_code == 200 and "Patient question?" in response.get_data(as_text=True)


def test_a_broken_content_template_falls_back_to_the_built_in_one(tree: Path, templates_on: None):
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block main %}{{ unclosed(")
    response = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/")
    assert response.status_code == 200 and "Patient question?" in response.get_data(as_text=True)


def test_a_harmless_override_works_only_when_the_operator_allows_templates(tree: Path, monkeypatch: pytest.MonkeyPatch):
    write(tree / "templates" / "article-sample.html",
          "{% extends 'article.html' %}{% block footer %}Custom footer for {{ page.slug }}{% endblock %}")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/").get_data(as_text=True)
    assert "Custom footer for sample" not in html
    monkeypatch.setenv("TAILOR_TEMPLATES", "1")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/").get_data(as_text=True)
    assert "Custom footer for sample" in html


@pytest.mark.parametrize("value, author", [("1", True), ("true", True), ("0", False), ("", False), ("off", False)])
def test_author_mode_is_the_operators_choice(tree: Path, monkeypatch: pytest.MonkeyPatch, value: str, author: bool):
    monkeypatch.setenv("TAILOR_AUTHOR", value)
    assert (create_app({"TESTING": True}, content=tree).test_client().get("/author/").status_code == 200) is author


def test_a_garbled_author_switch_is_a_configuration_error(tree: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TAILOR_AUTHOR", "maybe")
    with pytest.raises(TailorError, match="TAILOR_AUTHOR"):
        create_app({"TESTING": True}, content=tree)


def test_author_mode_says_so_loudly(tree: Path, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.WARNING):
        create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=tree)
    assert any("AUTHOR MODE" in record.getMessage() for record in caplog.records)


# 9. HTTP details a security review would flag.

FORGED = [
    ("another site", {"Sec-Fetch-Site": "cross-site"}),
    ("a sibling subdomain", {"Sec-Fetch-Site": "same-site"}),
    ("another origin, no fetch metadata", {"Origin": "https://evil.example"}),
    ("an opaque origin", {"Origin": "null"}),
    ("same host, other port", {"Origin": "http://localhost:8080"}),
]


@pytest.mark.parametrize("headers", [h for _, h in FORGED], ids=[name for name, _ in FORGED])
def test_a_forged_profile_choice_is_refused(client, headers: dict[str, str]):
    response = client.post("/profile", data={"profile": "patient", "next": "/"}, headers=headers)
    assert response.status_code == 403
    assert "Set-Cookie" not in response.headers


GENUINE = [
    ("same origin", {"Sec-Fetch-Site": "same-origin"}),
    ("typed by the user", {"Sec-Fetch-Site": "none"}),
    ("same origin, no fetch metadata", {"Origin": "http://localhost"}),
    ("no browser headers at all", {}),
]


@pytest.mark.parametrize("headers", [h for _, h in GENUINE], ids=[name for name, _ in GENUINE])
def test_a_genuine_profile_choice_is_kept(client, headers: dict[str, str]):
    response = client.post("/profile", data={"profile": "patient", "next": "/"}, headers=headers)
    assert response.status_code == 303 and f"{PROFILE_COOKIE}=patient" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("method, url, allowed", [("GET", "/profile", {"POST"}), ("POST", "/", {"GET", "HEAD"}),
                                                  ("DELETE", "/articles/sample/patient/", {"GET", "HEAD"}),
                                                  ("PUT", "/healthz", {"GET", "HEAD"})])
def test_405_says_which_methods_are_allowed(client, method: str, url: str, allowed: set[str]):
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}
    assert "Which best describes you?" in response.get_data(as_text=True)


@pytest.mark.parametrize("method, url, data", [("GET", "/articles/sample", None), ("GET", "/articles/sample/", None),
                                               ("POST", "/profile", {"profile": "student", "next": "/articles/sample/patient/"})])
def test_redirects_never_take_their_host_from_the_request(client, method: str, url: str, data):
    response = client.open(url, method=method, data=data, headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    assert 300 <= response.status_code < 400
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location


def test_forwarded_headers_are_ignored_unless_the_operator_trusts_a_proxy(tree: Path):
    client = create_app({"TESTING": True}, content=tree).test_client()
    response = client.post("/profile", data={"profile": "patient", "next": "/"}, headers={"X-Forwarded-Proto": "https"})
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_trusted_tls_proxy_the_cookie_is_secure_and_hsts_is_sent(tree: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TAILOR_PROXY_HOPS", "1")
    client = create_app({"TESTING": True}, content=tree).test_client()
    response = client.post("/profile", data={"profile": "patient", "next": "/"},
                           headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    page = client.get("/articles/sample/patient/", headers={"X-Forwarded-Proto": "https"})
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")


def test_a_direct_https_request_gets_hsts(client):
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("cookie", ["clinician'; DROP", "x" * 4000, "../patient", "\u202epatient"])
def test_a_strange_profile_cookie_gets_the_default_view(client, cookie: str):
    client.set_cookie(PROFILE_COOKIE, cookie)
    response = client.get("/articles/sample/")
    assert response.status_code == 303 and response.headers["Location"] == "/articles/sample/clinician/"


@pytest.mark.parametrize("url", ["/articles/" + "a" * 5000 + "/patient/", "/articles/sample/patient/" + "x" * 3000,
                                 "/articles/%00/patient/", "/articles/sample/%2e%2e/", "/static/../tailor/web.py",
                                 "/static/%2e%2e/%2e%2e/etc/passwd"])
def test_odd_urls_are_404_not_500(client, url: str):
    response = client.get(url)
    assert response.status_code == 404


def test_behind_a_trusted_proxy_that_rewrites_host_the_picker_still_works(tree: Path, monkeypatch: pytest.MonkeyPatch):
    headers = {"Host": "127.0.0.1:8000", "X-Forwarded-Host": "site.example", "X-Forwarded-Proto": "https",
               "Origin": "https://site.example"}
    untrusted = create_app({"TESTING": True}, content=tree).test_client()
    assert untrusted.post("/profile", data={"profile": "patient", "next": "/"}, headers=headers).status_code == 403
    monkeypatch.setenv("TAILOR_PROXY_HOPS", "1")
    trusted = create_app({"TESTING": True}, content=tree).test_client()
    response = trusted.post("/profile", data={"profile": "patient", "next": "/"}, headers=headers)
    assert response.status_code == 303 and response.headers["Location"] == "/"


# Content-tree templates: read only inside the tree, bounded in time and size, never fatal.

@pytest.mark.parametrize("how", ["templates is a link to the parent", "templates is a link to the tree itself"])
def test_a_linked_templates_folder_is_never_used(tree: Path, tmp_path: Path, how: str, templates_on: None):
    (tmp_path / ".env").write_text("TOKEN=s3cret\n")
    if how.endswith("parent"):
        (tmp_path / "article.html").write_text('{% include ".env" %}')
        os.symlink(tmp_path, tree / "templates")
    else:
        write(tree / "article-sample.html", '{% include "articles/secret-draft.yaml" %}')
        os.symlink(".", tree / "templates")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/").get_data(as_text=True)
    rendered = run("render", "sample", "--profile", "patient", "--content", str(tree))
    for output in (html, rendered.stdout):
        assert "s3cret" not in output and DRAFT_TITLE not in output and "Patient question?" in output
    check = run("check", "--content", str(tree), "--no-cache")
    assert check.exit_code == 1 and "templates:1:1: error file.outside" in check.output


def test_a_template_cannot_include_a_non_template_file(tree: Path, templates_on: None):
    write(tree / "templates" / "notes.yaml", "secret: value\n")
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}{% include 'notes.yaml' %}{% endblock %}")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/").get_data(as_text=True)
    assert "secret: value" not in html and "Patient question?" in html


BOMBS = {
    "extends itself": ("article.html", '{% extends "article.html" %}'),
    "a billion iterations": ("article-sample.html", "{% for i in range(10**9) %}x{% endfor %}"),
    "nested loops": ("article-sample.html", "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"),
    "a gigabyte string": ("article-sample.html", '{{ "x" * 10**9 }}'),
    "a huge power": ("article-sample.html", "{{ 10 ** 100000000 }}"),
    "a padded filter": ("article-sample.html", '{{ "x"|center(1000000000) }}'),
    "a padded method": ("article-sample.html", '{{ "x".center(1000000000) }}'),
    "a format width": ("article-sample.html", '{{ "%*d" % (1000000000, 1) }}'),
    "a doubling loop": ("article-sample.html", '{% set ns = namespace(s="x") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}'),
    "a recursive macro": ("article-sample.html", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}"),
    "a joined range": ("article-sample.html", '{{ range(100000)|join("\\n")|indent(100000) }}'),
    "repeated bytes": ("article-sample.html", "{{ ('x'.encode() * 4 * 10**9)|length }}"),
    "a percent amplifier": ("article-sample.html", "{% set a = 'x' * 1000000 %}{{ (('%s' * 1000) % ((a,) * 1000))|length }}"),
    "a format amplifier": ("article-sample.html", "{{ ('%*s' * 10000)|format(*((100000, '') * 10000)) }}"),
    "a concatenation": ("article-sample.html", "{% set a = 'x' * 1000000 %}{{ a ~ a ~ a ~ a }}"),
    "a mapped join": ("article-sample.html", "{{ range(100000)|map('string')|map('center', 100000)|join }}"),
    "lipsum": ("article-sample.html", "{{ lipsum(3000, False, 9999, 10000)|length }}"),
    "urlize": ("article-sample.html", "{{ ('.' * 30000 ~ 'x.')|urlize|length }}"),
    "wordwrap": ("article-sample.html", "{{ 'a b'|wordwrap(1, wrapstring='x' * 100000) }}"),
    "an absolute URL": ("article-sample.html", "{{ url_for('index', _external=True) }}"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_template_bomb_costs_seconds_not_the_server(tree: Path, name: str, monkeypatch: pytest.MonkeyPatch, templates_on: None):
    monkeypatch.setattr("tailor.overrides.RENDER_SECONDS", 0.3)  # the bound, shortened: same code path
    template, source = BOMBS[name]
    write(tree / "templates" / template, source)
    with within_seconds(30):
        response = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/")
        built = run("render", "sample", "--profile", "patient", "--content", str(tree))
    assert response.status_code == 200 and "Patient question?" in response.get_data(as_text=True)
    assert len(response.data) < 1_000_000
    assert built.exit_code == 0 and "Patient question?" in built.stdout


TEMPLATE_PROBLEMS = [
    ("syntax error", lambda t: write(t / "templates" / "article.html", "line one\n{% if %}\n"), "template.syntax", ":2:"),
    ("FIFO", lambda t: ((t / "templates").mkdir(), os.mkfifo(t / "templates" / "article.html")), "file.type", ":1:"),
    ("link to /dev/zero", lambda t: ((t / "templates").mkdir(), os.symlink("/dev/zero", t / "templates" / "base.html")),
     "file.outside", ":1:"),
    ("too large", lambda t: write(t / "templates" / "article.html", "x" * 300_000), "file.too_large", ":1:"),
    ("not UTF-8", lambda t: ((t / "templates").mkdir(), (t / "templates" / "article.html").write_bytes(b"\xff\xfe")),
     "file.encoding", ":1:"),
    ("terminal escape", lambda t: write(t / "templates" / "article.html", "ok\n\x1b[2J\n"), "template.control", ":2:"),
    ("not .html", lambda t: write(t / "templates" / "article.htm", "x"), "template.name", ":1:"),
]


@pytest.mark.parametrize("name, breaks, code, where", TEMPLATE_PROBLEMS, ids=[p[0] for p in TEMPLATE_PROBLEMS])
def test_check_reports_a_bad_template_and_the_site_still_serves(tree: Path, name: str, breaks, code: str, where: str, templates_on: None):
    breaks(tree)
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 1 and f" error {code}: " in result.output and where in result.output, result.output
    assert "\x1b" not in result.output
    with within_seconds(30):
        response = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/")
    assert response.status_code == 200 and "Patient question?" in response.get_data(as_text=True)
    assert "\x1b" not in response.get_data(as_text=True)


def test_templates_get_nothing_of_the_request(tree: Path, templates_on: None):
    """The request's environment holds the client socket: a template could write its own response."""
    import http.client
    import threading

    from werkzeug.serving import make_server

    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}"
          "[{{ request }}][{{ session }}][{{ g }}][{{ get_flashed_messages }}][{{ config }}]"
          "{{ request.environ['werkzeug.socket'].sendall('HTTP/1.1 302 Found\\r\\nLocation: https://evil.example/\\r\\n\\r\\n'.encode()) }}"
          "{{ request.environ['wsgi.errors'].close() }}{% endblock %}")
    server = make_server("127.0.0.1", 0, create_app({"TESTING": True}, content=tree), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for _ in range(2):  # and the server still answers afterwards
            connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
            connection.request("GET", "/articles/sample/patient/")
            response = connection.getresponse()
            body = response.read().decode()
            assert response.status == 200 and "Content-Security-Policy" in response.headers
            assert "evil.example" not in body and "Patient question?" in body
            connection.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_a_hidden_template_is_never_included(tree: Path, templates_on: None):
    write(tree / "templates" / ".dose.html", "Dose: 5000 mg")
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}{% include '.dose.html' %}{% endblock %}")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/patient/").get_data(as_text=True)
    assert "5000 mg" not in html and "Patient question?" in html
    assert "template.name" in run("check", "--content", str(tree), "--no-cache").output


def test_the_server_serves_the_templates_it_started_with(tree: Path, templates_on: None):
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}First footer{% endblock %}")
    client = create_app({"TESTING": True}, content=tree).test_client()
    write(tree / "templates" / "article-sample.html", "{% extends 'article.html' %}{% block footer %}Stop your medicine.{% endblock %}")
    html = client.get("/articles/sample/patient/").get_data(as_text=True)
    assert "First footer" in html and "Stop your medicine." not in html


@pytest.mark.parametrize("source", ["{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
                                    "{% for a in [1] %}" * 25 + "x" + "{% endfor %}" * 25])
def test_check_reports_a_template_python_cannot_compile(tree: Path, source: str):
    write(tree / "templates" / "article.html", source)
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 1 and "error template.syntax" in result.output
