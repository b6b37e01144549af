"""The rules table: every rule's should-fail and should-pass examples hold, and every rule has both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tailor.check import check_file
from tailor.diagnostics import Severity
from tailor.drift_rules import quantities
from tailor.load import load_site
from tailor.rules import RULES, enabled_rules

from .conftest import DATA, write


def example_article(phrasings, fields=None, reference=None) -> str:
    answer = {"cites": ["ref"], **phrasings}
    return yaml.safe_dump({
        "question": "What does this example show?",
        "title": "Example",
        "status": "submitted",
        "updated": "2026-01-01",
        **(fields or {}),
        "references": {"ref": {"type": "guideline", "title": "T", "source": "S", "year": 2020, **(reference or {})}},
        "answer": answer,
    }, sort_keys=False)


@pytest.fixture(scope="module")
def rules_tree(tmp_path_factory) -> Path:
    """The minimal profiles and glossary, every rule switched on."""
    root = tmp_path_factory.mktemp("rules") / "content"
    shutil.copytree(DATA / "minimal", root)
    (root / "tailor.yaml").unlink()
    (root / "articles" / "sample.yaml").unlink()
    return root


CASES = [(rule.code, i, example) for rule in RULES for i, example in enumerate(rule.examples)]


@pytest.mark.parametrize("code, index, example", CASES, ids=[f"{c}-{i}-{'fails' if e.fails else 'passes'}" for c, i, e in CASES])
def test_rule_examples(rules_tree, code, index, example):
    path = write(rules_tree / "articles" / f"example-{index}.yaml",
                 example_article(example.phrasings, example.fields, example.reference))
    found = [d for d in check_file(load_site(rules_tree), path) if d.code == code]
    loader = [d for d in check_file(load_site(rules_tree), path) if d.code.startswith(("yaml.", "refs.", "article."))
              and d.code not in {rule.code for rule in RULES}]
    assert loader == [], "an example must be a valid article"
    if example.fails:
        assert found, f"{code} should flag {dict(example.phrasings)}"
    else:
        assert found == [], [d.message for d in found]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_has_failing_and_passing_examples(rule):
    assert any(e.fails for e in rule.examples), f"{rule.code} needs a should-fail example"
    assert any(not e.fails for e in rule.examples), f"{rule.code} needs a should-pass example"
    assert rule.summary and rule.code.count(".") == 1


def test_codes_are_unique_and_hints_never_fail():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert {r.code: r.severity for r in RULES}["readability.hint"] is Severity.NOTE


def test_rules_switch_off_by_prefix():
    assert [r.code for r in enabled_rules(("readability",))] == [
        "coverage.missing", "consistency.numbers", "consistency.negation", "consistency.certainty",
        "consistency.direction", "consistency.terms", "glossary.jargon", "glossary.unchecked", "review.changed",
        "review.overdue", "refs.unidentified"]
    assert "glossary.jargon" not in [r.code for r in enabled_rules(("glossary.jargon",))]
    assert len(enabled_rules(("readability.tar",))) == len(RULES)  # a prefix is a whole dotted part


def test_disabled_rules_report_nothing(rules_tree, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(rules_tree, root)
    write(root / "tailor.yaml", "rules:\n  disable: [consistency]\n")
    path = write(root / "articles" / "numbers.yaml", example_article(
        {"clinician": "Take it daily.", "student": "Take it daily.", "patient": "Take 2 daily."}))
    assert [d for d in check_file(load_site(root), path) if d.code.startswith("consistency")] == []


@pytest.mark.parametrize("text, expected", [
    ("Take 2.5 mg twice daily for 12 weeks", {"2.5", "2", "12"}),  # "twice" is how often: 2
    ("a 4-hour gap, 20% of 1,000 people", {"4", "20", "1000"}),
    ("5-HT1A receptors, vitamin B12 and T4", set()),
    ("three hours after dinner; pick one", {"3"}),
])
def test_quantities(text, expected):
    assert set(quantities(text)) == expected
