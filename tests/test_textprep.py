"""Text preparation: abbreviations, decimals, initials and codes do not split sentences or words."""

from __future__ import annotations

import pytest

from tailor.textprep import prepare, prepare_plain, reading_units

CASES = [
    # text, sentences, words
    ("Take 2.5 mg daily, e.g. with food. Then stop.", 2, 9),
    ("SSRIs act on 5-HT1A receptors vs. 5-HT1B/1D receptors. Dr. Smith agrees.", 2, 11),
    ("Check for H. pylori gastritis. It is common.", 2, 8),
    ("Approx. 30% of patients (i.e. 3 in 10) respond [1, 2]. Most tolerate it.", 2, 12),
    ("The eGFR must be at least 30 mL/min/1.73 m². Check it yearly.", 2, 12),
    ("A first bullet without a full stop\nA second bullet", 2, 10),
    ("Is it safe? Yes! Ask your doctor…", 3, 7),
    ("Doses of 0.5, 1.0 and 1.5 mg were compared.", 1, 9),
    # A full stop typed without its space still ends the sentence (common in pasted abstracts).
    ("It helps in type 2 diabetes mellitus.This review found 20 trials.", 2, 12),
    ("Treat P. falciparum malaria early.", 1, 5),
]


def test_ligatures_from_pdfs_become_letters():
    assert prepare_plain("The ﬁgures show a beneﬁt.").words == ("The", "figures", "show", "a", "benefit")


@pytest.mark.parametrize("text, sentences, words", CASES, ids=[c[0][:30] for c in CASES])
def test_sentence_and_word_counts(text, sentences, words):
    prepared = prepare_plain(text)
    assert (prepared.sentence_count, prepared.word_count) == (sentences, words), prepared.sentences


def test_codes_and_decimals_stay_one_word():
    words = prepare_plain("Give 2.5 mg of the 5-HT1A agonist and vitamin B12.").words
    assert "2.5" in words and "5-HT1A" in words and "B12" in words


def test_markup_and_citation_markers_are_not_words():
    prepared = prepare("Take **2.5 mg** of [the drug](https://example.org) daily [3].")
    assert prepared.words == ("Take", "2.5", "mg", "of", "the", "drug", "daily")


def test_a_bracketed_explanation_is_its_own_reading_unit():
    # A lay reader takes the explanation as a separate thought, not as part of one long sentence.
    text = "Most were randomised controlled trials (studies in which chance decides who gets which treatment). They were small."
    prepared = prepare_plain(text)
    assert prepared.units == (5, 9, 3)
    assert prepared.asides == 1
    assert (prepared.sentence_count, prepared.word_count) == (2, 17)
    assert reading_units("No brackets here at all.") == [5]
