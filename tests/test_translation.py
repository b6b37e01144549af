"""Translations: `<slug>.<lang>.yaml` loads as one, is checked against its source (every translation.*
rule's examples), in its own language, and has its own review."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tailor.check import check_file, run_check, translation_context
from tailor.cli import main
from tailor.load import load_content, load_site
from tailor.review import review_hash
from tailor.translation import TRANSLATION_RULES, check_translation, numbers

from .conftest import DATA, VARIANTS, add_reviewers, write

EN_LOCALES = "locales: [en, es]\n"


def example_doc(phrasings, fields) -> dict:
    """A one-claim article with its fields (`id`, `cites`, `year`, `title`, `quiz`) as YAML snippets."""
    f = {key: yaml.safe_load(value) for key, value in fields.items() if key != "lang"}
    doc = {
        "question": "What does this example show?",
        "title": "Example",
        "status": "submitted",
        "updated": "2026-01-01",
        "references": {
            "ref-a": {"type": "guideline", "title": f.get("title", "Guideline A"), "source": "S", "year": f.get("year", 2020)},
            "ref-b": {"type": "research", "title": "Study B", "source": "J", "year": 2019},
        },
        "answer": {"cites": ["ref-a"], "clinician": "Answer.", "student": "Answer.", "patient": "Answer."},
        "sections": [{"id": "s", "heading": "H", "claims": [
            {"id": f.get("id", "the-claim"), "cites": f.get("cites", ["ref-a", "ref-b"]), **phrasings}]}],
    }
    if f.get("quiz") == "with":
        doc["quiz"] = {"profiles": ["student"], "options": [{"text": "Yes", "correct": True}, {"text": "No", "correct": False}]}
    return doc


@pytest.fixture
def translation_tree(tmp_path) -> Path:
    """The minimal profiles and glossary with English and Spanish, and no article."""
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    (root / "articles" / "sample.yaml").unlink()
    write(root / "tailor.yaml", EN_LOCALES + "rules:\n  disable: [readability, coverage, profiles]\n")
    return root


@pytest.mark.parametrize(("rule", "example"), [(rule, example) for rule in TRANSLATION_RULES for example in rule.examples],
                         ids=lambda value: getattr(value, "code", "") or ("fails" if value.fails else "passes"))
def test_translation_rule_examples(translation_tree, rule, example):
    lang = example.translated_fields.get("lang", "es")
    if example.source is not None:
        write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc(example.source, example.source_fields)))
    fields = {**example.source_fields, **example.translated_fields}
    path = write(translation_tree / "articles" / f"x.{lang}.yaml", yaml.safe_dump(example_doc(example.translated, fields)))
    site = load_site(translation_tree)
    article, found = site.load_article(path)
    assert article is not None and article.translation, found
    findings = list(rule.check(translation_context(site, article, path)))
    assert bool(findings) == example.fails, findings


def test_every_translation_rule_has_a_failing_and_a_passing_example():
    for rule in TRANSLATION_RULES:
        assert {example.fails for example in rule.examples} == {True, False}, rule.code
        assert rule.code.startswith("translation."), rule.code


def test_a_translation_loads_under_its_articles_slug_in_its_language(translation_tree):
    write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc({"clinician": "A"}, {})))
    write(translation_tree / "articles" / "x.es.yaml", yaml.safe_dump(example_doc({"clinician": "A"}, {})))
    content = load_content(translation_tree)
    assert list(content.articles) == ["x"]
    spanish = content.translations["x"]["es"]
    assert (spanish.slug, spanish.lang, spanish.translation, spanish.key) == ("x", "es", True, "x.es")
    assert content.in_language("x", "es") is spanish and content.in_language("x", "en") is content.articles["x"]


@pytest.mark.parametrize(("name", "code"), [("x.v2.yaml", "article.slug"), ("X.es.yaml", "article.slug"), ("x.xx.yaml", "article.slug")])
def test_a_file_name_that_is_neither_slug_nor_translation_is_refused(translation_tree, name, code):
    path = write(translation_tree / "articles" / name, yaml.safe_dump(example_doc({"clinician": "A"}, {})))
    article, found = load_site(translation_tree).load_article(path)
    assert article is None and [d.code for d in found] == [code]


def test_a_lang_field_that_contradicts_the_file_name_is_an_error(translation_tree):
    write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc({"clinician": "A"}, {})))
    path = write(translation_tree / "articles" / "x.es.yaml", "lang: de\n" + yaml.safe_dump(example_doc({"clinician": "A"}, {})))
    article, found = load_site(translation_tree).load_article(path)
    assert article is None
    assert [(d.code, d.location.line) for d in found] == [("translation.lang", 1)]


def test_numbers_are_read_with_the_languages_decimal_sign():
    assert numbers("Take 2.5 mg, or 1,000 mg twice, for three days", "en") == {2.5: "2.5", 1000.0: "1,000", 3.0: "three"}
    assert numbers("Tome 2,5 mg, o 1.000 mg, durante tres días", "es") == {2.5: "2,5", 1000.0: "1.000", 3.0: "tres"}
    assert numbers("5-HT1A, 5-HT1B/1D y vitamina B12", "es") == {}
    assert numbers("una pastilla, un día", "es") == {}  # articles, not counts


def test_numbers_that_differ_from_the_source_name_both(translation_tree):
    write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc({"clinician": "Take 2.5 mg every 12 hours."}, {})))
    path = write(translation_tree / "articles" / "x.es.yaml",
                 yaml.safe_dump(example_doc({"clinician": "Tome 25 mg cada 12 horas."}, {})))
    found = check_file(load_site(translation_tree), path)
    [drift] = [d for d in found if d.code == "translation.numbers"]
    assert "states `25`, which the source does not and leaves out `2.5`" in drift.message
    assert drift.location.line == yaml.safe_dump(example_doc({"clinician": "x"}, {})).splitlines().index(
        next(line for line in yaml.safe_dump(example_doc({"clinician": "x"}, {})).splitlines() if "clinician: x" in line)) + 1


def test_translation_rules_switch_off_by_prefix(translation_tree):
    write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc({"clinician": "A"}, {"year": "2020"})))
    path = write(translation_tree / "articles" / "x.es.yaml", yaml.safe_dump(example_doc({"clinician": "A"}, {"year": "2021"})))
    site = load_site(translation_tree)
    article = site.load_article(path)[0]
    ctx = translation_context(site, article, path)
    assert [d.code for d in check_translation(ctx)] == ["translation.references"]
    assert check_translation(ctx, ("translation",)) == []


def test_editing_the_source_checks_its_translation_again(translation_tree, tmp_path):
    source = write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc({"clinician": "Take 2 tablets."}, {})))
    write(translation_tree / "articles" / "x.es.yaml", yaml.safe_dump(example_doc({"clinician": "Tome 2 comprimidos."}, {})))
    cache = tmp_path / "cache"
    assert [d.code for d in run_check(translation_tree, cache_dir=cache).diagnostics if d.is_error] == []
    source.write_text(source.read_text().replace("Take 2 tablets.", "Take 3 tablets."))
    again = run_check(translation_tree, cache_dir=cache)
    assert again.checked == 2
    assert [d.code for d in again.diagnostics if d.is_error] == ["translation.numbers"]


def test_the_shipped_spanish_translation_is_checked_clean_and_scored_in_spanish(runner):
    result = runner.invoke(main, ["check", "--content", str(VARIANTS), "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.output
    spanish = [d for d in json.loads(result.output) if d["path"].endswith("ssri-mechanism.es.yaml") and d["severity"] != "note"]
    assert spanish == []
    report = json.loads(runner.invoke(main, ["report", "--content", str(VARIANTS), "--format", "json"]).output)
    rows = {(row["slug"], row["lang"]): row for row in report}
    es = rows[("ssri-mechanism", "es")]
    assert es["translation"] and es["status"] == "submitted" and es["errors"] == 0
    assert all(es["profiles"][p]["on_target"] for p in ("clinician", "student", "patient"))
    # Scored in Spanish: the same article in English scores differently in every profile.
    en = rows[("ssri-mechanism", "en")]
    assert all(es["profiles"][p]["tailor_grade"] != en["profiles"][p]["tailor_grade"] for p in ("clinician", "student", "patient"))
    assert rows[("metformin-type-2-diabetes", "es")] == {"slug": "metformin-type-2-diabetes", "lang": "es",
                                                         "translation": True, "status": "missing"}


def test_report_table_shows_translations_and_missing_ones_per_profile(runner):
    table = runner.invoke(main, ["report", "--content", str(VARIANTS)]).output.splitlines()
    es = next(line.split() for line in table if line.startswith("ssri-mechanism.es "))
    assert es[:2] == ["ssri-mechanism.es", "submitted"] and es[2] == "15/15" and es[6] == "11/11"
    missing = next(line.split() for line in table if line.startswith("metformin-type-2-diabetes.de "))
    assert missing == ["metformin-type-2-diabetes.de", "missing", "translation", "-", "-", "-", "-", "-"]


def test_a_spanish_view_misses_its_spanish_target(translation_tree):
    write(translation_tree / "tailor.yaml", EN_LOCALES)
    profiles = (translation_tree / "profiles.yaml").read_text()
    write(translation_tree / "profiles.yaml", profiles.replace(
        "    readability: {tailor_grade: {max: 8}}\n",
        "    readability: {tailor_grade: {max: 8}}\n    translations:\n      es:\n        readability: {tailor_grade: {max: 5}}\n"))
    plain = {"clinician": "El médico revisa la dosis.", "student": "El médico revisa la dosis.",
             "patient": "Su médico mira la dosis con usted."}
    write(translation_tree / "articles" / "x.yaml", yaml.safe_dump(example_doc(
        {"clinician": "The doctor reviews the dose.", "student": "The doctor reviews the dose.",
         "patient": "Your doctor checks the dose with you."}, {})))
    path = write(translation_tree / "articles" / "x.es.yaml", yaml.safe_dump(example_doc(plain, {})))
    site = load_site(translation_tree)
    spanish = [d for d in check_file(site, path) if d.code == "readability.target"]
    assert len(spanish) == 1 and "the `patient` view" in spanish[0].message and "target max 5" in spanish[0].message
    assert [d for d in check_file(site, translation_tree / "articles" / "x.yaml") if d.code == "readability.target"] == []


def test_the_review_hash_covers_the_translation_and_its_languages_site_texts(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    content = load_content(root)
    spanish, english = content.translations["ssri-mechanism"]["es"], content.articles["ssri-mechanism"]
    before = {"es": review_hash(spanish, content), "en": review_hash(english, content)}
    profiles = root / "profiles.yaml"
    profiles.write_text(profiles.read_text().replace("title: Esto no es un consejo médico", "title: Esto no es consejo médico"))
    after = load_content(root)
    assert review_hash(after.translations["ssri-mechanism"]["es"], after) != before["es"]
    assert review_hash(after.articles["ssri-mechanism"], after) == before["en"]  # not on the English pages
    glossary = root / "glossary.es.yaml"
    glossary.write_text(glossary.read_text().replace("Un mensajero químico", "Una sustancia"))
    again = load_content(root)
    assert review_hash(again.translations["ssri-mechanism"]["es"], again) not in (before["es"], review_hash(
        after.translations["ssri-mechanism"]["es"], after))
    assert review_hash(again.articles["ssri-mechanism"], again) == before["en"]


def test_a_translation_is_reviewed_on_its_own(runner, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    add_reviewers(root)
    for step in (["--start"], ["--approve", "--by", "ana-revisora"]):
        result = runner.invoke(main, ["review", "ssri-mechanism", "--lang", "es", *step, "--content", str(root)])
        assert result.exit_code == 0, result.output
    text = (root / "articles" / "ssri-mechanism.es.yaml").read_text()
    assert "status: approved" in text and "- {by: ana-revisora, reviewed: " in text
    assert "status: submitted" in (root / "articles" / "ssri-mechanism.yaml").read_text()  # the source is untouched
    content = load_content(root)
    assert content.translations["ssri-mechanism"]["es"].status.value == "approved"
    result = runner.invoke(main, ["check", "--content", str(root), "--no-cache"])
    assert "review.changed" not in result.output
    # A step out of order names the translation and the command for it.
    again = runner.invoke(main, ["review", "ssri-mechanism", "--lang", "es", "--approve", "--by", "someone", "--content", str(root)])
    assert again.exit_code == 2
    assert "`ssri-mechanism.es` is already approved" in again.output
    assert "`tailor review ssri-mechanism --lang es --start`" in again.output


def test_review_of_a_missing_translation_says_what_to_write(runner, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    result = runner.invoke(main, ["review", "metformin-type-2-diabetes", "--lang", "es", "--start", "--content", str(root)])
    assert result.exit_code == 2
    assert "review.missing" in result.output and "metformin-type-2-diabetes.es.yaml" in result.output
    bad = runner.invoke(main, ["review", "ssri-mechanism", "--lang", "../x", "--start", "--content", str(root)])
    assert bad.exit_code == 2 and "review.usage" in bad.output
