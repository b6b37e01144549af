"""`tailor check` end to end: every code at the right line, CI formats, caching and both cores."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tailor import check as check_module
from tailor.cache import cache_file
from tailor.check import run_check
from tailor.cli import main

from .conftest import DATA, VARIANTS

BAD = DATA / "bad"
GOLDEN = Path(__file__).resolve().parent / "golden" / "check-bad.txt"
EVERY_CODE = {"article.status", "yaml.date", "yaml.unknown_key", "refs.unused", "profiles.unknown", "claims.duplicate_id",
              "refs.unknown", "readability.separation", "readability.target", "consistency.numbers", "glossary.jargon",
              "glossary.unchecked", "consistency.negation", "consistency.certainty", "consistency.direction",
              "consistency.terms", "claims.allow",
              "readability.hint", "coverage.missing", "review.changed", "review.overdue", "refs.unidentified"}


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the repository, so paths print as a user there would see them."""
    monkeypatch.chdir(DATA.parent.parent)


def test_bad_tree_reports_every_code_at_its_line(runner, in_repo):
    result = runner.invoke(main, ["check", "tests/data/bad", "--no-cache"])
    assert result.exit_code == 1
    if os.environ.get("TAILOR_UPDATE_GOLDEN"):
        GOLDEN.write_text(result.output, encoding="utf-8")
    assert result.output == GOLDEN.read_text(encoding="utf-8")
    codes = {line.split(" ")[2].rstrip(":") for line in result.output.splitlines()}
    assert codes == EVERY_CODE


def test_github_annotations(runner, in_repo):
    result = runner.invoke(main, ["check", "tests/data/bad", "--no-cache", "--format", "github"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "::error file=tests/data/bad/articles/drift.yaml,line=19,col=12,title=consistency.numbers::" \
           "the `patient` phrasing of claim `answer` states `90 minutes`" in "\n".join(lines)
    assert any(line.startswith("::warning file=tests/data/bad/articles/broken.yaml,line=9,") for line in lines)
    assert any(line.startswith("::notice ") for line in lines)


def test_junit_report(runner, in_repo):
    result = runner.invoke(main, ["check", "tests/data/bad", "--no-cache", "--format", "junit"])
    suite = ET.fromstring(result.output.split("?>", 1)[1])
    assert suite.get("tests") == "4" and suite.get("failures") == "3"
    # A warning alone does not fail a test case (it would with --strict).
    assert suite.find("testcase[@name='tests/data/bad/articles/swahili.yaml']/failure") is None
    failure = suite.find("testcase[@name='tests/data/bad/articles/drift.yaml']/failure")
    assert "consistency.numbers" in failure.text and "readability.hint" not in failure.text


def test_json_report(runner, in_repo):
    result = runner.invoke(main, ["check", "tests/data/bad", "--no-cache", "--format", "json"])
    findings = json.loads(result.output)
    assert {f["code"] for f in findings} == EVERY_CODE
    assert all({"path", "line", "col", "severity", "code", "message"} <= set(f) for f in findings)


def test_check_only_named_files(runner, in_repo):
    result = runner.invoke(main, ["check", "--content", "tests/data/bad", "--no-cache", "tests/data/bad/articles/broken.yaml"])
    assert result.exit_code == 1
    assert "drift.yaml" not in result.output and "broken.yaml" in result.output


def test_usage_errors_exit_2(runner, in_repo):
    assert runner.invoke(main, ["check", "--format", "xml"]).exit_code == 2
    assert runner.invoke(main, ["check", "no/such/path"]).exit_code == 2
    missing = runner.invoke(main, ["check", "--content", "no/such/folder"])
    assert missing.exit_code == 2 and "content.missing" in missing.output


def copy_tree(tmp_path: Path, source: Path = VARIANTS) -> Path:
    root = tmp_path / "content"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    return root


def test_rerun_checks_only_what_changed(tmp_path):
    root = copy_tree(tmp_path)
    cache = tmp_path / "cache"
    first = run_check(root, cache_dir=cache)
    assert first.checked == first.articles == 4  # three articles and the Spanish translation of one
    again = run_check(root, cache_dir=cache)
    assert again.checked == 0 and again.diagnostics == first.diagnostics
    article = root / "articles" / "metformin-type-2-diabetes.yaml"
    article.write_text(article.read_text().replace("Stomach upset is common at first.", "Stomach upset is common at first, 50 times."))
    edited = run_check(root, cache_dir=cache)
    assert edited.checked == 1
    assert [d.code for d in edited.diagnostics if d.is_error] == ["consistency.numbers"]
    (root / "glossary.yaml").write_text((root / "glossary.yaml").read_text() + "placebo: A dummy treatment.\n")
    assert run_check(root, cache_dir=cache).checked == 4


def test_a_damaged_cache_is_only_a_slower_run(tmp_path):
    root = copy_tree(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    cache_file(cache, root).write_text("{not json")
    assert run_check(root, cache_dir=cache).checked == 4


def test_both_cores_give_the_same_findings(tmp_path, monkeypatch):
    root = copy_tree(tmp_path, BAD)
    drift = (root / "articles" / "drift.yaml").read_text()
    for i in range(12):
        (root / "articles" / f"drift-{i}.yaml").write_text(drift)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 4)
    serial = run_check(root, jobs=1)
    parallel = run_check(root, jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert len(serial.diagnostics) > 12 * 5


def test_no_progress_bar_when_not_a_terminal(runner, tmp_path):
    root = copy_tree(tmp_path)
    result = runner.invoke(main, ["check", "--content", str(root)])
    assert "Checking" not in result.output


def test_rerun_of_an_edited_article_reuses_the_words_it_has_met(tmp_path, monkeypatch):
    root = copy_tree(tmp_path)
    cache = tmp_path / "cache"
    first = run_check(root, cache_dir=cache)
    from tailor import lexicon, readability, syllables

    def unavailable(*args):
        raise AssertionError("the word lists were opened although every word was cached")

    readability.syllables.cache_clear()
    monkeypatch.setattr(syllables, "_cmu", unavailable)
    monkeypatch.setattr(lexicon, "word_frequency", unavailable)
    article = root / "articles" / "ssri-mechanism.yaml"
    article.write_text(article.read_text().replace("  patient: How SSRI medicines work", "  patient: How SSRI medicines work for you"))
    again = run_check(root, cache_dir=cache)
    assert again.checked == 2  # the article, and its translation, which is checked against it
    assert again.diagnostics == first.diagnostics


def test_a_view_over_its_grade_target_names_the_words_to_replace_first(runner, in_repo):
    result = runner.invoke(main, ["check", "tests/data/bad", "--no-cache"])
    line = next(line for line in result.output.splitlines() if "readability.target" in line)
    assert "; rarest words: `levothyroxine`, `impairs`, `ferrous`" in line


def test_a_new_version_of_a_rule_checks_everything_again(tmp_path, monkeypatch):
    root = copy_tree(tmp_path)
    cache = tmp_path / "cache"
    first = run_check(root, cache_dir=cache)
    assert run_check(root, cache_dir=cache).checked == 0  # nothing changed: every finding comes from the cache
    from tailor import load

    # An upgrade that changes only a rule's code (no content, no word list): the findings cached by the old
    # code must not be served as this code's.
    monkeypatch.setattr(load, "code_digest", lambda: "a-changed-rule")
    again = run_check(root, cache_dir=cache)
    assert again.checked == first.checked and again.diagnostics == first.diagnostics


def test_the_code_digest_covers_every_module():
    from tailor import load

    package = Path(load.__file__).parent
    assert len(load.code_digest()) == 16
    assert {p.name for p in package.glob("*.py")} >= {"rules.py", "drift_rules.py", "wording.py", "numbers.py"}
