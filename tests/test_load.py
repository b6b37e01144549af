"""The loader: sample content loads clean; every broken input names its code and line, in one pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tailor.diagnostics import Severity, TailorError
from tailor.load import load_content
from tailor.model import ALL_PROFILES, PhrasingState, Status

from .conftest import VARIANTS, write

BASE = """\
question: What is it?
title:
  clinician: Clinician title
  patient: Patient title
status: submitted
updated: 2026-02-27
references:
  ref-a:
    type: guideline
    title: Guideline A
    source: Source A
    year: 2020
answer:
  cites: [ref-a]
  clinician: Clinician answer.
  patient: Patient answer.
sections:
  - id: first
    heading: First
    claims:
      - id: claim-one
        cites: [ref-a]
        clinician: Claim one
        patient: Claim one for patients
      - id: claim-two
        cites: [ref-a]
        clinician: Claim two
"""


def load_article_text(tree: Path, text: str, name: str = "broken.yaml"):
    """Write one article into the tree and load the whole tree."""
    write(tree / "articles" / name, text)
    return load_content(tree)


def codes_at(content, name: str = "broken.yaml") -> list[tuple[str, int]]:
    """(code, line) of every finding in one file."""
    return sorted((d.code, d.location.line) for d in content.diagnostics if d.location.path.endswith(name))


def test_base_article_is_clean(tree):
    content = load_article_text(tree, BASE)
    assert codes_at(content) == []
    assert "broken" in content.articles


def test_shipped_content_loads_without_findings():
    content = load_content(VARIANTS)
    assert content.diagnostics == ()
    assert set(content.articles) >= {"ssri-mechanism", "levothyroxine-hypothyroidism", "metformin-type-2-diabetes"}
    assert content.profiles.ids == ("clinician", "student", "patient")


def test_sample_article_model(tree):
    article = load_content(tree).articles["sample"]
    assert article.status is Status.UNDER_REVIEW
    assert article.updated == dt.date(2026, 2, 27)
    assert [c.id for c in article.claims()] == ["answer", "only-clinicians", "everyone"]
    assert [c.ref for c in article.sections[0].claims[1].cites] == ["ref-c", "ref-a"]
    assert article.sections[0].claims[0].text.resolve(("patient", "student", "clinician")).state is PhrasingState.OMITTED


BROKEN = [
    # (id, old, new, code, line)
    ("syntax", "  patient: Patient title\n", "  patient: [unclosed\n", "yaml.syntax", 5),
    ("duplicate key", "status: submitted\n", "status: submitted\nstatus: draft\n", "yaml.duplicate_key", 6),
    ("unknown key", "status: submitted\n", "status: submitted\nreviewd_by: Board\n", "yaml.unknown_key", 6),
    ("wrong type", "question: What is it?\n", "question: [a, b]\n", "yaml.type", 1),
    ("impossible date", "updated: 2026-02-27", "updated: 2026-02-30", "yaml.date", 6),
    ("date not ISO", "updated: 2026-02-27", "updated: 27/02/2026", "yaml.date", 6),
    ("unknown status", "status: submitted", "status: published", "article.status", 5),
    ("unknown profile", "  patient: Patient answer.", "  patinet: Patient answer.", "profiles.unknown", 16),
    ("duplicate claim id", "- id: claim-two", "- id: claim-one", "claims.duplicate_id", 25),
    ("bad claim id", "- id: claim-one", "- id: Claim_One", "claims.id", 21),
    ("unknown citation", "        cites: [ref-a]\n        clinician: Claim two", "        cites: [ref-b]\n        clinician: Claim two",
     "refs.unknown", 26),
    ("unused reference", "answer:\n", "  ref-z: {type: research, title: Z, source: J, year: 2001}\nanswer:\n", "refs.unused", 13),
    ("unknown reference type", "type: guideline", "type: guidline", "refs.type", 9),
    ("year not a number", "year: 2020", "year: twenty", "yaml.type", 12),
    ("year out of range", "year: 2020", "year: 1066", "refs.year", 12),
    ("unsafe reference url", "    year: 2020\n", "    year: 2020\n    url: javascript:alert(1)\n", "refs.url", 13),
    ("claim without cites", "        cites: [ref-a]\n        clinician: Claim one\n", "        clinician: Claim one\n", "refs.uncited", 21),
    ("missing required key", "updated: 2026-02-27\n", "", "article.missing", 1),
    ("null for every profile", "        clinician: Claim two\n", "        clinician: null\n", "claims.empty", 25),
    ("duplicate section id", "        clinician: Claim two\n",
     "        clinician: Claim two\n  - id: first\n    heading: Again\n    claims: []\n", "sections.duplicate_id", 28),
    ("yes is not a boolean", "        clinician: Claim two\n",
     "        clinician: Claim two\nquiz:\n  options:\n    - {text: A, correct: yes}\n", "yaml.type", 30),
    ("two correct answers", "        clinician: Claim two\n",
     "        clinician: Claim two\nquiz:\n  options:\n    - {text: A, correct: true}\n    - {text: B, correct: true}\n",
     "quiz.correct", 30),
    ("yaml alias", "title:\n  clinician: Clinician title\n", "title:\n  clinician: &t Clinician title\n  student: *t\n",
     "yaml.alias", 3),
    ("cited twice by one claim", "  cites: [ref-a]\n  clinician: Clinician answer.", "  cites: [ref-a, ref-a]\n  clinician: Clinician answer.",
     "refs.duplicate", 14),
]


@pytest.mark.parametrize("case_id, old, new, code, line", BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_article_reports_code_and_line(tree, case_id, old, new, code, line):
    assert old in BASE, "the mutation must apply to the base article"
    content = load_article_text(tree, BASE.replace(old, new, 1))
    found = codes_at(content)
    assert (code, line) in found, found
    for diagnostic in content.diagnostics:
        assert diagnostic.message and diagnostic.format().startswith(f"{diagnostic.location.path}:")


def test_broken_article_is_not_served_but_others_are(tree):
    content = load_article_text(tree, BASE.replace("status: submitted", "status: published"))
    assert "broken" not in content.articles
    assert "sample" in content.articles
    assert [d.code for d in content.broken["broken"]] == ["article.status"]


def test_unused_reference_is_a_warning_and_article_still_served(tree):
    content = load_article_text(tree, BASE.replace("answer:\n", "  ref-z: {type: research, title: Z, source: J, year: 2001}\nanswer:\n"))
    (unused,) = [d for d in content.diagnostics if d.code == "refs.unused"]
    assert unused.severity is Severity.WARNING
    assert "broken" in content.articles


def test_every_problem_in_a_file_is_reported_in_one_pass(tree):
    text = (BASE.replace("status: submitted", "status: published")
            .replace("updated: 2026-02-27", "updated: 2026-13-01")
            .replace("- id: claim-two", "- id: claim-one")
            .replace("  patient: Patient answer.", "  patinet: Patient answer."))
    found = codes_at(load_article_text(tree, text))
    assert found == [("article.status", 5), ("claims.duplicate_id", 25), ("profiles.unknown", 16), ("yaml.date", 6)]


def test_bad_file_name_is_reported(tree):
    content = load_article_text(tree, BASE, name="Bad_Name.yaml")
    assert ("article.slug", 1) in codes_at(content, "Bad_Name.yaml")


def test_text_that_yaml_would_read_as_bool_or_float_stays_text(tree):
    text = BASE.replace("question: What is it?", "question: no").replace("  patient: Patient title", "  patient: 1.10")
    article = load_article_text(tree, text).articles["broken"]
    assert article.question.resolve(("clinician",)).text == "no"
    assert article.title.resolve(("patient",)).text == "1.10"


def test_single_string_applies_to_every_profile(tree):
    article = load_article_text(tree, BASE).articles["broken"]
    heading = article.sections[0].heading
    assert set(heading.phrasings) == {ALL_PROFILES}
    assert heading.resolve(("student", "clinician")).text == "First"


PROFILE_ERRORS = [
    ("unknown key", "    glossary: true\n", "    glossary: true\n    colour: red\n", "yaml.unknown_key"),
    ("unknown fallback", "fallback: [clinician]", "fallback: [clinican]", "profiles.fallback"),
    ("unknown default", "default: clinician", "default: doctor", "profiles.unknown"),
    ("missing disclaimer", "    disclaimer: {title: For students, text: Student disclaimer text.}\n", "", "profiles.missing"),
    ("unknown metric", "    glossary: true\n", "    glossary: true\n    readability: {flesch_kinkaid_grade: {max: 8}}\n",
     "yaml.unknown_key"),
    ("target not a number", "    glossary: true\n", "    glossary: true\n    readability: {dale_chall: {max: .nan}}\n",
     "yaml.type"),
    ("inverted target", "    glossary: true\n", "    glossary: true\n    readability: {dale_chall: {min: 9, max: 7}}\n",
     "profiles.target"),
]


@pytest.mark.parametrize("case_id, old, new, code", PROFILE_ERRORS, ids=[c[0] for c in PROFILE_ERRORS])
def test_broken_profiles_stop_the_load_with_a_located_error(tree, case_id, old, new, code):
    path = tree / "profiles.yaml"
    original = path.read_text()
    assert old in original
    path.write_text(original.replace(old, new, 1))
    with pytest.raises(TailorError) as caught:
        load_content(tree)
    assert code in [d.code for d in caught.value.diagnostics]
    assert all(str(d.location).startswith(str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path))
               for d in caught.value.diagnostics)


def test_settings_report_unknown_keys_and_locales(tree):
    write(tree / "tailor.yaml", "site_name: Clinic\nlocales: [en, xx_YY]\nauthr: true\n")
    with pytest.raises(TailorError) as caught:
        load_content(tree)
    assert sorted((d.code, d.location.line) for d in caught.value.diagnostics) == [("config.locale", 2), ("yaml.unknown_key", 3)]


def test_settings_are_read(tree):
    write(tree / "tailor.yaml", "site_name: Clinic\nlocales: [en_GB, de]\n")
    settings = load_content(tree).settings
    assert settings.site_name == "Clinic"
    assert settings.locales == ("en_GB", "de")


def test_missing_content_folder_is_one_clear_error(tmp_path):
    with pytest.raises(TailorError) as caught:
        load_content(tmp_path / "nowhere")
    assert caught.value.diagnostics[0].code == "content.missing"
    assert "\n" not in str(caught.value)


def test_glossary_duplicate_terms_are_reported(tree):
    write(tree / "glossary.yaml", "serotonin: one\nSerotonin: two\n")
    with pytest.raises(TailorError) as caught:
        load_content(tree)
    assert [(d.code, d.location.line) for d in caught.value.diagnostics] == [("glossary.duplicate", 2)]
