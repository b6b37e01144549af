"""Reader routes: profile choice, canonical views, errors, escaping and security headers."""

from __future__ import annotations

import datetime as dt
import json
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


DATA_BLOCK = re.compile(r'<script type="application/ld\+json">([^<]*)</script>')
"""The one script element a page may have: schema.org data, which browsers never run (CSP allows no script)."""


def without_data_blocks(html: str) -> str:
    """The page with its JSON-LD data blocks removed, after checking each is JSON with no markup in it."""
    for block in DATA_BLOCK.findall(html):
        assert isinstance(json.loads(block), dict)
    return DATA_BLOCK.sub("", html)


def test_pages_use_no_inline_script_or_style(client):
    for url in ("/", f"/articles/{SLUG}/patient/", f"/articles/{SLUG}/clinician/", "/es/", "/nowhere"):
        html = without_data_blocks(client.get(url).get_data(as_text=True))
        assert "<script" not in html and "style=" not in html and "<style" not in html, url


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
    html = client.get("/articles/sample/patient/").get_data(as_text=True)
    assert len(DATA_BLOCK.findall(html)) == 1  # the JSON-LD: its `<` are JSON escapes, so it ends where it should
    assert "<script" not in without_data_blocks(html)
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


# --- Who reviewed the page, when, and when it is due again -------------------------------------------

REVIEWERS = """\
ada-lovelace: {name: Dr. Ada Lovelace, credentials: "MD, FRCP", role: Consultant psychiatrist}
grace-hopper: {name: Grace Hopper, role: Health-literacy editor}
"""


def review(tree: Path, *args: str) -> None:
    """Run `tailor review sample ...` on the tree, as a reviewer does."""
    from click.testing import CliRunner

    from tailor.cli import main

    result = CliRunner().invoke(main, ["review", "sample", "--content", str(tree), *args])
    assert result.exit_code == 0, result.output


def approve_on(tree: Path, day: dt.date, by: str, months: int = 12) -> None:
    """Approve every view of the sample article as if it had been done on `day` (what `--approve` writes)."""
    from tailor.approvals import new_approval, stamp_approval
    from tailor.load import load_site
    from tailor.model import Status
    from tailor.review import ArticleSource

    site = load_site(tree)
    path = tree / "articles" / "sample.yaml"
    article, _ = site.load_article(path)
    assert article is not None
    approval = new_approval(article, site, by, site.profiles.ids, day, months)
    path.write_text(stamp_approval(ArticleSource.parse(path.read_bytes()), Status.APPROVED, approval), encoding="utf-8")


def header(client, url: str) -> str:
    """The article header's text, as a reader reads it (tags out, spaces collapsed)."""
    html = client.get(url).get_data(as_text=True)
    part = html[html.index('<header class="article-header">'):html.index("</header>", html.index("article-header"))]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def test_an_approved_page_names_its_reviewer_credentials_role_and_next_review(tree):
    write(tree / "reviewers.yaml", REVIEWERS)
    review(tree, "--approve", "--by", "ada-lovelace")
    today = dt.date.today()
    client = create_app({"TESTING": True}, content=tree).test_client()
    for profile in ("clinician", "student", "patient"):
        text = header(client, f"/articles/sample/{profile}/")
        assert f"Reviewed by Dr. Ada Lovelace, MD, FRCP (Consultant psychiatrist) on {today:%B} {today.day}, {today.year}" \
            in text, profile
        due = dt.date(today.year + 1, today.month, min(today.day, 28)) if (today.month, today.day) == (2, 29) \
            else today.replace(year=today.year + 1)
        assert f"Next review due: {due:%B} {due.day}, {due.year}" in text
        assert "pending human review" not in text and "Changed since review" not in text and "was due" not in text
        assert "Approved" in text
    write(tree / "tailor.yaml", "locales: [en, de]\n")
    german = create_app({"TESTING": True}, content=tree).test_client()
    # Shown untranslated on the German URL, with German audience texts nobody approved with it: not reviewed.
    shown = header(german, "/de/articles/sample/patient/")
    assert "Nächste Überprüfung fällig:" not in shown and "Lovelace" not in shown


def test_an_overdue_review_is_visible_to_readers(tree):
    write(tree / "reviewers.yaml", REVIEWERS)
    approve_on(tree, dt.date(2024, 3, 5), "grace-hopper")
    client = create_app({"TESTING": True}, content=tree).test_client()
    text = header(client, "/articles/sample/patient/")
    assert "Reviewed by Grace Hopper (Health-literacy editor) on March 5, 2024" in text
    assert "Next review due: March 5, 2025" in text
    assert ("This page was due for its next medical review on March 5, 2025 and has not been reviewed again yet. "
            "Some of it may be out of date.") in text
    html = client.get("/articles/sample/patient/").get_data(as_text=True)
    assert '<p class="notice overdue" role="note">' in html


def test_a_review_covers_only_the_views_it_names_and_an_edit_afterwards_is_shown(tree):
    write(tree / "reviewers.yaml", REVIEWERS)
    review(tree, "--approve", "--by", "ada-lovelace", "--profiles", "clinician,student")
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert "Reviewed by Dr. Ada Lovelace" in header(client, "/articles/sample/clinician/")
    patient = header(client, "/articles/sample/patient/")
    assert "Reviewed by" not in patient and "Next review due" not in patient
    assert "pending human review" in patient
    article = tree / "articles" / "sample.yaml"
    article.write_text(article.read_text().replace("Student wording", "Student wording, edited"))
    client = create_app({"TESTING": True}, content=tree).test_client()
    student = header(client, "/articles/sample/student/")
    assert "Changed since review: this article was edited after its medical review" in student
    assert "Reviewed by" not in student and "pending human review" in student
    assert "Reviewed by Dr. Ada Lovelace" in header(client, "/articles/sample/clinician/")  # its view did not change


def test_a_reviewers_name_is_text_not_markup(tree):
    write(tree / "reviewers.yaml", f"ada-lovelace: {{name: 'Ada {HOSTILE}', role: 'Role {HOSTILE}'}}\n")
    review(tree, "--approve", "--by", "ada-lovelace")
    html = create_app({"TESTING": True}, content=tree).test_client().get("/articles/sample/clinician/").get_data(as_text=True)
    assert "<script" not in without_data_blocks(html)
    assert 'Reviewed by Ada &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; (Role &lt;script&gt;' in html


# --- The quiz: the correct answer, then every other option and why it is wrong ---------------------------

QUIZ = """\
quiz:
  profiles: [clinician, student]
  options:
    - text: Option right
      correct: true
      explanation:
        cites: [ref-a]
        clinician: Why right, for clinicians
    - text: {clinician: Option wrong one, student: Wrong one in student words}
      correct: false
      explanation:
        cites: [ref-b]
        clinician: Why wrong one, for clinicians
        student: Why wrong one, for students
    - text: Option wrong two
      correct: false
      explanation:
        cites: [ref-c, ref-a]
        clinician: Why wrong two, for clinicians
"""


def quiz_text(html: str) -> str:
    part = html[html.index('<section class="quiz"'):html.index("</section>", html.index('<section class="quiz"'))]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split())


def test_the_quiz_closes_with_every_wrong_option_and_why_with_citations(client):
    html = client.get(f"/articles/{SLUG}/clinician/").get_data(as_text=True)
    assert quiz_text(html) == (
        "Answer to the Question The correct answer is: Increase the amount of serotonin found in the synapses "
        "The other options are incorrect: "
        "Decrease the amount of serotonin found in the synapses : Decreasing synaptic serotonin would worsen depression 3 "
        "Stimulate GABA receptors : GABA receptors are not the primary target of SSRIs 1 "
        "Decrease dopamine in the central nervous system : Decreasing CNS dopamine is not the mechanism of SSRIs; some "
        "antidepressants like bupropion actually increase dopamine 1")
    student = quiz_text(client.get(f"/articles/{SLUG}/student/").get_data(as_text=True))
    assert "Lowering synaptic serotonin would make depression worse, not better 3" in student
    assert "Stimulate GABA receptors : SSRIs do not act mainly on GABA receptors 1" in student
    assert '<section class="quiz"' not in client.get(f"/articles/{SLUG}/patient/").get_data(as_text=True)
    spanish = quiz_text(client.get(f"/es/articles/{SLUG}/student/").get_data(as_text=True))
    assert spanish.startswith("Respuesta a la pregunta La respuesta correcta es: Aumentar la cantidad de serotonina")
    assert "Las demás opciones son incorrectas: Disminuir la cantidad de serotonina presente en las sinapsis : " in spanish
    assert spanish.count(" : ") == 3


def test_the_quiz_follows_each_profiles_fallback_and_numbers_its_citations(tree):
    article = tree / "articles" / "sample.yaml"
    article.write_text(article.read_text() + QUIZ)
    client = create_app({"TESTING": True}, content=tree).test_client()
    clinician = quiz_text(client.get("/articles/sample/clinician/").get_data(as_text=True))
    # ref-a is 1 (the answer), ref-b 2 and ref-c 3 (the section); the quiz reuses those numbers.
    assert clinician == ("Answer to the Question The correct answer is: Option right . Why right, for clinicians 1 "
                         "The other options are incorrect: Option wrong one : Why wrong one, for clinicians 2 "
                         "Option wrong two : Why wrong two, for clinicians 3 , 1")
    html = client.get("/articles/sample/student/").get_data(as_text=True)
    student = quiz_text(html)
    assert "Wrong one in student words : Why wrong one, for students 2" in student
    # Not written for students yet: the clinician's words, marked, as everywhere on the page.
    assert ("Option wrong two : Why wrong two, for clinicians 3 , 1 (Not yet written for you: shown as written for "
            "Clinician.)") in student
    assert 'href="#ref-2"' in html and 'id="ref-2"' in html
    assert '<section class="quiz"' not in client.get("/articles/sample/patient/").get_data(as_text=True)


# --- The footer speaks to readers --------------------------------------------------------------------

def footer_text(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return html[html.index('<footer class="site-footer">'):html.index("</footer>")]


def test_the_default_footer_is_for_readers_in_their_language(tree):
    write(tree / "tailor.yaml", "locales: [en, es, de]\n")
    client = create_app({"TESTING": True}, content=tree).test_client()
    english = footer_text(client, "/articles/sample/patient/")
    assert "They do not replace advice from your own doctor, nurse or pharmacist." in english
    assert "claims" not in english and "phrased" not in english  # nothing about how the engine works
    assert "No sustituyen el consejo de su propio médico" in footer_text(client, "/es/")
    assert "ersetzen nicht den Rat" in footer_text(client, "/de/articles/sample/patient/")


def test_the_sites_own_footer_from_tailor_yaml_on_every_page(tree):
    write(tree / "tailor.yaml", "locales: [en, es]\nfooter: 'Written by the Example Clinic <b>team</b>. Call us on 555 0100.'\n"
                                "translations:\n  es: {footer: Escrito por el equipo de la Clínica Ejemplo.}\n")
    client = create_app({"TESTING": True}, content=tree).test_client()
    for url in ("/", "/articles/sample/clinician/", "/nowhere"):
        footer = footer_text(client, url)
        assert "<p>Written by the Example Clinic &lt;b&gt;team&lt;/b&gt;. Call us on 555 0100.</p>" in footer, url
        assert "do not replace advice" not in footer
    assert "<p>Escrito por el equipo de la Clínica Ejemplo.</p>" in footer_text(client, "/es/articles/sample/patient/")
    write(tree / "tailor.yaml", "locales: [en, es]\nfooter: Written by the Example Clinic.\n")
    client = create_app({"TESTING": True}, content=tree).test_client()
    # Not translated yet: the source's words, marked as English on the Spanish page.
    assert '<p lang="en">Written by the Example Clinic.</p>' in footer_text(client, "/es/")
