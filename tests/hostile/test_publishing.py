"""What the published page, API and structured data tell readers cannot be forged or misdirected from content:
approvals count only for articles in review and reviewers in reviewers.yaml, a changed view never says
"Approved", DOI links go where the DOI says, and a page shown in another language's URL names its own."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.approvals import approval_line, view_hash
from tailor.cli import main
from tailor.load import load_content
from tailor.model import Approval, frozen_map
from tailor.web import create_app

from ..conftest import VARIANTS, add_reviewers

SLUG = "metformin-type-2-diabetes"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    return add_reviewers(root)


def article_path(root: Path) -> Path:
    return root / "articles" / f"{SLUG}.yaml"


def set_status(root: Path, status: str) -> None:
    path = article_path(root)
    path.write_text(re.sub(r"(?m)^status: \w+", f"status: {status}", path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")


def forge(root: Path, by: str = "ada-reviewer", reviewed: dt.date | None = None, due: dt.date | None = None) -> None:
    """Write, by hand, an approval line with correctly computed hashes: what `tailor review` would write."""
    content = load_content(root)
    article = content.articles[SLUG]
    reviewed = reviewed or dt.date.today() - dt.timedelta(days=3)
    due = due or reviewed + dt.timedelta(days=365)
    hashes = {p: view_hash(article, p, content, by, reviewed, due) for p in content.profiles.ids}
    line = approval_line(Approval(by, reviewed, due, frozen_map(hashes), article.location))
    path = article_path(root)
    text = path.read_text(encoding="utf-8")
    updated = next(x for x in text.splitlines() if x.startswith("updated:"))
    path.write_text(text.replace(updated, f"{updated}\napprovals:\n  - {line}", 1), encoding="utf-8")


def view(root: Path, profile: str = "patient") -> str:
    return create_app({"TESTING": True}, content=root).test_client().get(f"/articles/{SLUG}/{profile}/").get_data(
        as_text=True)


def api(root: Path, profile: str = "patient") -> dict:
    return create_app({"TESTING": True}, content=root).test_client().get(f"/api/v1/articles/{SLUG}/{profile}").get_json()


def check(root: Path) -> str:
    result = CliRunner().invoke(main, ["check", "--content", str(root), "--no-cache"])
    return result.output


@pytest.mark.parametrize("status", ["submitted", "draft"])
def test_a_hand_written_approval_never_makes_an_article_out_of_review_look_reviewed(content, status):
    forge(content)
    set_status(content, status)
    output = check(content)
    assert re.search(rf"{SLUG}\.yaml:\d+:\d+: error review\.changed: .*has approvals but its status is `{status}`", output)
    if status == "submitted":
        page = view(content)
        assert "Reviewed by" not in page and "pending human review" in page
        assert '<li class="step-current" aria-current="step">Submitted</li>' in page
        data = api(content)
        assert data["status"] == "submitted" and data["review"]["state"] == "pending"
        assert "reviewedBy" not in page


def test_approving_then_setting_the_status_back_by_hand_unapproves(content):
    runner = CliRunner()
    assert runner.invoke(main, ["review", SLUG, "--start", "--content", str(content)]).exit_code == 0
    assert runner.invoke(main, ["review", SLUG, "--approve", "--by", "ada-reviewer", "--content", str(content)]).exit_code == 0
    assert "Reviewed by Dr. Ada Reviewer" in view(content)
    set_status(content, "submitted")
    assert "Reviewed by" not in view(content)


def test_an_approval_due_in_a_century_is_refused(content):
    set_status(content, "under_review")
    forge(content, reviewed=dt.date.today() - dt.timedelta(days=3), due=dt.date(2199, 1, 1))
    assert re.search(r"error review\.approval: approval 1: the next review \(2199-01-01\) is more than 60 months",
                     check(content))
    assert "2199" not in view(content) and "Reviewed by" not in view(content)


@pytest.mark.parametrize("by, reviewed, due", [
    ('"Dr. Gregory House, MD, Chief of Medicine"', "2026-01-01", "2027-01-01"),  # nobody registered
    ("ada-reviewer", "2030-01-01", "2199-01-01"),  # a registered reviewer, dates no approval may have
    ("ada-reviewer", "2026-01-01", "2027-01-01"),  # even a plausible one: the stamp covers no reviewer record
], ids=["unregistered", "impossible-dates", "plausible"])
def test_an_earlier_tailors_whole_article_stamp_never_counts(content, by, reviewed, due):
    from tailor.review import review_hash

    path = article_path(content)
    set_status(content, "approved")
    text = path.read_text(encoding="utf-8")
    updated = next(x for x in text.splitlines() if x.startswith("updated:"))
    stamp = f'\nreviewed_by: {by}\nreviewed: {reviewed}\nnext_review: {due}\nreview_hash: "{{}}"'
    path.write_text(text.replace(updated, updated + stamp.format("sha256:0"), 1), encoding="utf-8")
    loaded = load_content(content)
    path.write_text(text.replace(updated, updated + stamp.format(review_hash(loaded.articles[SLUG], loaded)), 1),
                    encoding="utf-8")
    page = view(content)
    assert "Reviewed by" not in page and "pending human review" in page and "2199" not in page
    assert 'aria-current="step">Approved<' not in page and "lastReviewed" not in page
    assert api(content)["review"]["state"] == "pending"
    assert "approved by an earlier Tailor" in check(content)


def test_an_approval_without_a_next_review_is_refused(content):
    set_status(content, "under_review")
    forge(content)
    path = article_path(content)
    path.write_text(re.sub(r", next_review: [0-9-]+", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert re.search(r"error review\.approval: approval 1 needs `next_review:`", check(content)), check(content)
    assert "Reviewed by" not in view(content)


def test_the_five_year_limit_counts_days_not_months(content):
    set_status(content, "under_review")
    forge(content, reviewed=dt.date(2026, 1, 1), due=dt.date(2031, 1, 31))
    assert "is more than 60 months after the review" in check(content)


def test_an_untranslated_courtesy_page_is_not_presented_as_reviewed(content):
    runner = CliRunner()
    assert runner.invoke(main, ["review", SLUG, "--start", "--content", str(content)]).exit_code == 0
    assert runner.invoke(main, ["review", SLUG, "--approve", "--by", "ada-reviewer", "--content", str(content)]).exit_code == 0
    profiles = content / "profiles.yaml"
    assert "translations:" in profiles.read_text(encoding="utf-8")
    client = create_app({"TESTING": True}, content=content).test_client()
    english = client.get(f"/articles/{SLUG}/patient/").get_data(as_text=True)
    spanish = client.get(f"/es/articles/{SLUG}/patient/").get_data(as_text=True)
    assert "Reviewed by Dr. Ada Reviewer" in english
    # The Spanish disclaimer and footer around the English text were never approved with it.
    assert "Revisado por" not in spanish and "Reviewed by" not in spanish
    assert 'aria-current="step">Aprobado<' not in spanish and "pendiente de revisión" in spanish
    data = client.get(f"/api/v1/articles/{SLUG}/patient?lang=es").get_json()
    assert data["review"]["state"] == "pending"


def test_the_report_dates_only_reviews_that_count(content):
    set_status(content, "submitted")
    forge(content, by="mallory")
    result = CliRunner().invoke(main, ["report", "--content", str(content), "--format", "json"])
    report = json.loads(result.output)
    (row,) = [r for r in report if r["slug"] == SLUG and not r["translation"]]
    assert row["reviewed"] is None


def test_a_reviewer_missing_from_reviewers_yaml_is_not_an_edit_readers_are_told_of(content):
    set_status(content, "under_review")
    forge(content)
    (content / "reviewers.yaml").write_text("ada-reviwer: {name: Dr. Ada Reviewer}\n", encoding="utf-8")
    page = view(content)
    assert "Changed since review" not in page and "Reviewed by" not in page and "pending human review" in page
    assert "not in reviewers.yaml" in check(content)


def test_a_changed_view_of_an_approved_article_never_says_approved(content):
    runner = CliRunner()
    assert runner.invoke(main, ["review", SLUG, "--start", "--content", str(content)]).exit_code == 0
    assert runner.invoke(main, ["review", SLUG, "--approve", "--by", "ada-reviewer", "--content", str(content)]).exit_code == 0
    path = article_path(content)
    path.write_text(path.read_text(encoding="utf-8").replace("Stomach upset is common at first.",
                                                             "Stomach upset is common early on."), encoding="utf-8")
    page = view(content)
    assert "Changed since review" in page
    assert 'aria-current="step">Approved<' not in page
    assert '<li class="step-current" aria-current="step">Under Review</li>' in page
    assert api(content)["status"] == "under_review" and api(content)["review"]["state"] == "changed"
    assert 'aria-current="step">Approved<' in view(content, "clinician")  # the views nobody changed stay approved


def test_approving_the_same_views_twice_the_same_day_writes_nothing(content):
    runner = CliRunner()
    assert runner.invoke(main, ["review", SLUG, "--start", "--content", str(content)]).exit_code == 0
    args = ["review", SLUG, "--approve", "--by", "ada-reviewer", "--profiles", "patient", "--content", str(content)]
    assert runner.invoke(main, args).exit_code == 0
    before = article_path(content).read_bytes()
    again = runner.invoke(main, args)
    assert again.exit_code == 2 and "already approved by ada-reviewer today" in again.stderr
    assert article_path(content).read_bytes() == before


def test_review_with_the_source_language_as_lang_says_so(content):
    result = CliRunner().invoke(main, ["review", SLUG, "--lang", "en", "--start", "--content", str(content)])
    assert result.exit_code == 2 and "`en` is the source language" in result.stderr


@pytest.mark.parametrize("doi, href", [
    ("10.1007/x#frag?q=1", "https://doi.org/10.1007/x%23frag%3Fq%3D1"),
    ("10.1007/50%off", "https://doi.org/10.1007/50%25off"),
    ("10.1016/0165-6147(94)90315-8", "https://doi.org/10.1016/0165-6147(94)90315-8"),
    ("10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2",
     "https://doi.org/10.1002/(SICI)1097-0258(19980815/30)17:15/16%3C1661::AID-SIM968%3E3.0.CO;2-2"),
])
def test_a_doi_links_to_itself_whatever_characters_it_has(content, doi, href):
    path = article_path(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    doi: 10.1007/s00125-017-4342-z\n", f"    doi: {json.dumps(doi)}\n", 1), encoding="utf-8")
    page = view(content, "clinician")
    assert f'href="{href}"' in page
    refs = api(content, "clinician")["references"]
    assert any(href in json.dumps(ref) for ref in refs)


@pytest.mark.parametrize("doi", ["10.1007/../../evil", "10.1007/x/..", "10.1007/./x", "10.1007/.."])
def test_a_doi_with_dot_segments_is_refused(content, doi):
    path = article_path(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    doi: 10.1007/s00125-017-4342-z\n", f"    doi: {json.dumps(doi)}\n", 1), encoding="utf-8")
    assert "error refs.doi" in check(content)


def test_unidentified_beside_an_identifier_is_a_warning(content):
    path = article_path(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    doi: 10.1007/s00125-017-4342-z\n", "    doi: 10.1007/s00125-017-4342-z\n"
                                 "    unidentified: No identifier could be found.\n", 1), encoding="utf-8")
    assert re.search(r"warning refs\.unidentified: reference `rena-2017` says why it has no identifier", check(content))


def test_structured_data_lists_at_most_twenty_authors(content):
    path = article_path(content)
    text = path.read_text(encoding="utf-8")
    authors = ", ".join(f"Author{i} A" for i in range(5000))
    path.write_text(text.replace("    authors: [Rena G, Hardie DG, Pearson ER]\n", f"    authors: [{authors}]\n", 1),
                    encoding="utf-8")
    page = view(content, "clinician")
    assert "Author19 A" in page and "Author20 A" not in page and "Author0 A, Author1 A, Author2 A, et al." in page


def test_a_page_shown_in_another_languages_url_names_its_own_as_canonical():
    client = create_app({"TESTING": True, "TAILOR_SITE_URL": "https://example.org/h/"}, content=VARIANTS).test_client()
    untranslated = client.get(f"/de/articles/{SLUG}/patient/").get_data(as_text=True)
    assert f'<link rel="canonical" href="https://example.org/h/articles/{SLUG}/patient/">' in untranslated
    translated = client.get("/es/articles/ssri-mechanism/patient/").get_data(as_text=True)
    assert '<link rel="canonical" href="https://example.org/h/es/articles/ssri-mechanism/patient/">' in translated


def test_a_huge_reviewers_file_is_refused_quickly(content):
    (content / "reviewers.yaml").write_text("".join(f"r{i}: {{name: Reviewer {i}}}\n" for i in range(20_000)),
                                            encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(content), "--no-cache"])
    assert result.exit_code == 2 and "file.too_large" in result.output and "reviewers.yaml under 256 KiB" in result.output
