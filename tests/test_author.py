"""The author workbench, live reload, review workflow, `tailor new` and `tailor report`."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from tailor.approvals import view_review
from tailor.cli import main
from tailor.load import load_content
from tailor.web import create_app, tailor_of

from .conftest import VARIANTS, add_reviewers, write


@pytest.fixture
def content(tmp_path) -> Path:
    """A writable copy of the shipped content."""
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    return root


def author_client(root: Path):
    # Settle 0: these edits are written whole before the request (tests/hostile/test_reload.py covers partial saves).
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True, "TAILOR_RELOAD_SETTLE": 0}, content=root)
    return app, app.test_client()


def touch_edit(path: Path, old: str, new: str) -> None:
    """Edit a file so that its stamp surely changes (same-second writes keep mtime on some filesystems)."""
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_author_mode_is_off_by_default(client):
    assert client.get("/author/").status_code == 404
    assert client.get("/author/articles/ssri-mechanism/").status_code == 404


def test_author_mode_pages_are_never_cached(content):
    _, client = author_client(content)
    for url in ("/author/", "/articles/ssri-mechanism/patient/"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store"
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_content_cannot_switch_on_author_mode_but_the_operator_can(content, monkeypatch):
    write(content / "tailor.yaml", (content / "tailor.yaml").read_text() + "author: true\n")
    assert create_app({"TESTING": True}, content=content).test_client().get("/author/").status_code == 404
    monkeypatch.setenv("TAILOR_AUTHOR", "1")
    assert create_app({"TESTING": True}, content=content).test_client().get("/author/").status_code == 200


def test_overview_shows_status_coverage_chart_and_findings(content):
    _, client = author_client(content)
    html = client.get("/author/").get_data(as_text=True)
    for slug in ("ssri-mechanism", "levothyroxine-hypothyroidism", "metformin-type-2-diabetes"):
        assert f'id="row-{slug}"' in html
    assert html.count("<svg") == 4  # and the Spanish translation's, scored in Spanish
    assert html.count('class="chart-band"') == 12 and html.count("chart-bar on-target") == 12
    assert "patient: 11 written, 1 omitted" in html
    assert "0 errors, 0 warnings" in html


def test_article_grid_has_every_claim_and_profile_with_findings_inline(content):
    path = content / "articles" / "metformin-type-2-diabetes.yaml"
    touch_edit(path, "Stomach upset is common at first.", "Stomach upset is common in 30% of people.")
    _, client = author_client(content)
    html = client.get("/author/articles/metformin-type-2-diabetes/").get_data(as_text=True)
    article = load_content(content).articles["metformin-type-2-diabetes"]
    for claim in article.claims():
        assert f'id="claim-{claim.id}"' in html
    assert html.count('<td class="cell-written">') == 3 * len(list(article.claims()))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "30% of people" in text)
    assert f"metformin-type-2-diabetes.yaml:{line}</code> consistency.numbers" in html


def test_missing_and_fallback_phrasings_are_marked(tree):
    app = create_app({"TESTING": True, "TAILOR_AUTHOR": True}, content=tree)
    html = app.test_client().get("/author/articles/sample/").get_data(as_text=True)
    assert "not written: readers get the Clinician text" in html
    assert "omitted on purpose (null)" in html


def test_edits_show_on_the_next_request_and_reload_only_that_file(content):
    app, client = author_client(content)
    store = tailor_of(app).store
    assert "How SSRI medicines work" in client.get("/articles/ssri-mechanism/patient/").get_data(as_text=True)
    touch_edit(content / "articles" / "ssri-mechanism.yaml", "patient: How SSRI medicines work", "patient: How SSRI medicines help")
    assert "How SSRI medicines help" in client.get("/articles/ssri-mechanism/patient/").get_data(as_text=True)
    assert store.reloads == 1
    client.get("/articles/ssri-mechanism/patient/")
    assert store.reloads == 1  # nothing changed since


def test_a_broken_edit_never_reaches_readers(content):
    _, client = author_client(content)
    path = content / "articles" / "ssri-mechanism.yaml"
    touch_edit(path, "status: submitted", "status: submited")
    reader = client.get("/articles/ssri-mechanism/patient/")
    assert reader.status_code == 200 and "How SSRI medicines work" in reader.get_data(as_text=True)
    workbench = client.get("/author/articles/ssri-mechanism/").get_data(as_text=True)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("status:"))
    assert "Your last edit does not load" in workbench
    assert f"ssri-mechanism.yaml:{line}:9</code> error article.status" in workbench
    health = client.get("/healthz").get_json()
    assert health["pending"] == ["ssri-mechanism"] and health["status"] == "degraded"
    touch_edit(path, "status: submited", "status: submitted")
    assert client.get("/healthz").get_json()["pending"] == []


def test_new_and_deleted_files_are_picked_up(content):
    _, client = author_client(content)
    shutil.copy(content / "articles" / "metformin-type-2-diabetes.yaml", content / "articles" / "metformin-copy.yaml")
    assert client.get("/articles/metformin-copy/patient/").status_code == 200
    (content / "articles" / "metformin-copy.yaml").unlink()
    assert client.get("/articles/metformin-copy/patient/").status_code == 404


def test_reader_server_without_author_mode_does_not_reload(content):
    client = create_app({"TESTING": True}, content=content).test_client()
    touch_edit(content / "articles" / "ssri-mechanism.yaml", "patient: How SSRI medicines work", "patient: How SSRI medicines help")
    assert "How SSRI medicines work" in client.get("/articles/ssri-mechanism/patient/").get_data(as_text=True)


def test_drafts_are_previewed_only_in_author_mode(content):
    touch_edit(content / "articles" / "ssri-mechanism.yaml", "status: submitted", "status: draft")
    assert create_app({"TESTING": True}, content=content).test_client().get("/articles/ssri-mechanism/patient/").status_code == 404
    _, client = author_client(content)
    assert client.get("/articles/ssri-mechanism/patient/").status_code == 200


def test_review_workflow_stamps_the_file_and_catches_later_edits(content, runner):
    slug, path = "metformin-type-2-diabetes", add_reviewers(content) / "articles" / "metformin-type-2-diabetes.yaml"
    assert runner.invoke(main, ["review", slug, "--start", "--content", str(content)]).exit_code == 0
    assert "status: under_review" in path.read_text()
    result = runner.invoke(main, ["review", slug, "--approve", "--by", "ada-reviewer", "--content", str(content)])
    assert result.exit_code == 0, result.output
    text = path.read_text()
    today = dt.date.today()
    assert "status: approved" in text and f"- {{by: ada-reviewer, reviewed: {today.isoformat()}, next_review: " in text
    loaded = load_content(content)
    article = loaded.articles[slug]
    (approval,) = article.approvals
    assert approval.reviewed == today and set(approval.profiles) == {"clinician", "student", "patient"}
    assert all(view_review(article, profile, loaded).covered for profile in approval.profiles)
    assert runner.invoke(main, ["check", "--content", str(content), "--no-cache"]).exit_code == 0
    client = create_app({"TESTING": True}, content=content).test_client()
    page = client.get(f"/articles/{slug}/patient/").get_data(as_text=True)
    assert "pending human review" not in page and "Reviewed by Dr. Ada Reviewer" in page
    touch_edit(path, "Stomach upset is common at first.", "Stomach upset is common early on.")
    check = runner.invoke(main, ["check", "--content", str(content), "--no-cache"])
    assert check.exit_code == 1 and "error review.changed" in check.output
    page = create_app({"TESTING": True}, content=content).test_client().get(f"/articles/{slug}/patient/").get_data(as_text=True)
    assert "Changed since review" in page and "pending human review" in page


def test_approval_needs_a_reviewer_and_a_clean_article(content, runner):
    slug, path = "ssri-mechanism", add_reviewers(content) / "articles" / "ssri-mechanism.yaml"
    missing_by = runner.invoke(main, ["review", slug, "--approve", "--content", str(content)])
    assert missing_by.exit_code == 2
    touch_edit(path, "  patient: How do SSRI medicines help with depression?\n", "")
    refused = runner.invoke(main, ["review", slug, "--approve", "--by", "someone", "--content", str(content)])
    assert refused.exit_code == 1 and "coverage.missing" in refused.output
    assert "status: approved" not in path.read_text()


def test_overdue_review_is_reported(content, runner):
    path = content / "articles" / "levothyroxine-hypothyroidism.yaml"
    touch_edit(path, "updated: 2026-11-26\n", "updated: 2026-11-26\nnext_review: 2020-01-01\n")
    result = runner.invoke(main, ["check", "--content", str(content), "--no-cache", "--strict"])
    assert result.exit_code == 1 and "warning review.overdue" in result.output


def test_new_article_fails_check_only_for_phrasings_to_write(content, runner):
    result = runner.invoke(main, ["new", "statins-muscle-pain", "--content", str(content)])
    assert result.exit_code == 0, result.output
    check = runner.invoke(main, ["check", "--content", str(content), "--no-cache"])
    errors = [line for line in check.output.splitlines() if ": error " in line]
    assert errors and all("statins-muscle-pain.yaml" in line and " coverage.missing: " in line for line in errors)
    profiles = load_content(content).profiles
    assert len(errors) == 5 * (len(profiles.items) - 1)  # question, title, answer, heading, claim
    again = runner.invoke(main, ["new", "statins-muscle-pain", "--content", str(content)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_report_formats(content, runner):
    table = runner.invoke(main, ["report", "--content", str(content)])
    assert table.exit_code == 0
    assert table.output.splitlines()[0].split() == ["article", "status", "clinician", "student", "patient", "errors", "warnings"]
    md = runner.invoke(main, ["report", "--content", str(content), "--format", "md"]).output
    assert md.startswith("| article | status | clinician | student | patient | errors | warnings |\n|---|")
    data = json.loads(runner.invoke(main, ["report", "--content", str(content), "--format", "json"]).output)
    ssri = next(a for a in data if a["slug"] == "ssri-mechanism")
    assert ssri["profiles"]["patient"]["omitted"] == 1 and ssri["profiles"]["patient"]["on_target"] is True
    assert ssri["profiles"]["patient"]["tailor_grade"] < ssri["profiles"]["student"]["tailor_grade"]


def test_review_signed_per_audience_shows_coverage_per_profile(content, runner):
    slug = "metformin-type-2-diabetes"
    add_reviewers(content)
    assert runner.invoke(main, ["review", slug, "--start", "--content", str(content)]).exit_code == 0
    signed = runner.invoke(main, ["review", slug, "--approve", "--by", "ada-reviewer", "--profiles", "clinician,student",
                                  "--content", str(content)])
    assert signed.exit_code == 0, signed.output
    assert "clinician, student approved by ada-reviewer; status under_review (still to approve: patient)" in signed.output
    readers = create_app({"TESTING": True}, content=content).test_client()
    clinician = readers.get(f"/articles/{slug}/clinician/").get_data(as_text=True)
    patient = readers.get(f"/articles/{slug}/patient/").get_data(as_text=True)
    assert "Reviewed by Dr. Ada Reviewer, MD" in clinician and "pending human review" not in clinician
    assert "Reviewed by" not in patient and "pending human review" in patient
    _, author = author_client(content)
    row = author.get("/author/").get_data(as_text=True).split(f'id="row-{slug}"')[1].split("</tr>")[0]
    assert row.count("approved by Dr. Ada Reviewer, MD on ") == 2 and "not reviewed" in row
    assert runner.invoke(main, ["review", slug, "--approve", "--by", "someone", "--profiles", "patient",
                                "--content", str(content)]).exit_code == 0
    assert load_content(content).articles[slug].status.value == "approved"
    touch_edit(content / "articles" / f"{slug}.yaml", "Stomach upset is common at first.", "Stomach upset is common early on.")
    _, author = author_client(content)
    row = author.get("/author/").get_data(as_text=True).split(f'id="row-{slug}"')[1].split("</tr>")[0]
    assert "changed since its review" in row and row.count("approved by Dr. Ada Reviewer") == 2


@pytest.mark.parametrize("profiles, says", [("nurse", "`nurse` in --profiles is not a profile"),
                                            ("clinican", "did you mean `clinician`"), (",", "names no profile")])
def test_profiles_that_are_not_profiles_are_refused(content, runner, profiles, says):
    slug, path = "metformin-type-2-diabetes", add_reviewers(content) / "articles" / "metformin-type-2-diabetes.yaml"
    assert runner.invoke(main, ["review", slug, "--start", "--content", str(content)]).exit_code == 0
    before = path.read_bytes()
    result = runner.invoke(main, ["review", slug, "--approve", "--by", "someone", "--profiles", profiles,
                                  "--content", str(content)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and says in result.stderr, result.output
    assert path.read_bytes() == before
