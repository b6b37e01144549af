"""Spanish is scored as Spanish: syllables by rule, frequencies that forgive a missing accent, titles in
capitals, explanations in Spanish, its own fitted tailor_grade, and the Spanish formulas."""

from __future__ import annotations

import re

import pytest

from tailor import readability, spanish
from tailor.readability import count, grade_model, score, word_frequency
from tailor.textprep import prepare_plain
from tailor.view import explained_in

from .conftest import REPO


@pytest.mark.parametrize(("word", "expected"), [
    ("agua", 2), ("aire", 2), ("país", 2), ("río", 2), ("oír", 2), ("leer", 2), ("europeo", 4), ("ciudad", 2),
    ("que", 1), ("guerra", 2), ("pingüino", 3), ("hoy", 1), ("muy", 1), ("buey", 1), ("Uruguay", 3), ("y", 1),
    ("medicamento", 5), ("hemorragia", 4), ("serotonina", 5), ("acondroplasia", 5), ("DEPRESIÓN", 3), ("5-HT1A", 1),
])
def test_spanish_syllables_follow_spanish_spelling(word, expected):
    assert spanish.syllables(word) == expected
    assert readability.syllables(word, "es") == expected


def test_pyphen_would_undercount_what_the_rule_counts():
    import pyphen

    hyphenator = pyphen.Pyphen(lang="es")
    for word in ("agua", "europeo", "río", "país"):
        assert len(hyphenator.positions(word)) + 1 < spanish.syllables(word)


def test_a_missing_accent_does_not_make_a_word_rare():
    assert word_frequency("hemodialisis", "es") == word_frequency("hemodiálisis", "es") > 2
    assert word_frequency("linfocitica", "es") == word_frequency("linfocítica", "es") > 1
    assert word_frequency("hemodialisis", "de") < word_frequency("hemodiálisis", "es")  # only in Spanish


@pytest.mark.parametrize(("sentence", "case"), [
    ("DETECCIÓN DEL CONSUMO DE TESTOSTERONA EN EL DEPORTE", "caps"),
    ("Tratamiento con Células Troncales Mesenquimales Autólogas en la Esclerosis Múltiple", "title"),
    ("Los ISRS bloquean el transportador de serotonina", ""),
    ("Enfermedad de Parkinson", ""),
])
def test_titles_in_capitals_are_read_as_plain_text(sentence, case):
    assert spanish.sentence_case(prepare_plain(sentence).sentences[0]) == case


def test_a_title_in_capitals_counts_no_acronyms():
    shouted = count(prepare_plain("DETECCIÓN DEL CONSUMO DE TESTOSTERONA EN EL DEPORTE"), "es")
    plain = count(prepare_plain("Detección del consumo de testosterona en el deporte"), "es")
    assert shouted.acronyms == 0 and shouted.rarity == plain.rarity
    assert count(prepare_plain("DETECTION OF TESTOSTERONE USE IN SPORT"), "en").acronyms == 6  # English: as before


def test_spanish_explanations_count_as_explained():
    found = explained_in("es", ["La hemorragia digestiva (sangrado del intestino) es grave.",
                                "Una bacteria llamada Staphylococcus aureus.", "El carcinoma microcítico (CMP) es raro."])
    assert {"hemorragia", "digestiva", "staphylococcus", "aureus"} <= found
    assert "microcítico" not in found  # an acronym in brackets explains nothing
    assert "hemorragia" not in explained_in("en", ["La hemorragia digestiva, es decir, un sangrado."])


def test_the_lay_version_scores_easier_in_spanish():
    professional = "Hemorragia digestiva alta secundaria a úlcera péptica en pacientes anticoagulados."
    lay = "Sangrado en el estómago por una llaga, en personas que toman medicinas para que la sangre no coagule."
    assert score(lay, "es").tailor_grade < score(professional, "es").tailor_grade
    assert grade_model("es") is readability.GRADE_MODELS["es"] and grade_model("es_MX") is grade_model("es")
    assert grade_model("en") is readability.ENGLISH_GRADE and grade_model("fr") is readability.ENGLISH_GRADE


def test_the_spanish_formulas_are_the_published_ones():
    # "La casa es muy bonita." 5 words, 8 syllables (la, ca-sa, es, muy, bo-ni-ta), 1 sentence.
    scores = score("La casa es muy bonita.", "es")
    assert scores.fernandez_huerta == round(206.84 - 60 * 8 / 5 - 1.02 * 5, 2)
    assert scores.szigriszt_pazos == round(206.835 - 62.3 * 8 / 5 - 5, 2)
    assert not readability.easier_is_lower("fernandez_huerta") and not readability.easier_is_lower("szigriszt_pazos")


def test_english_scores_are_unchanged():
    # The values before Spanish got its own model (the English validity table is identical too).
    text = "Metformin lowers blood sugar. Your doctor checks your kidneys with a blood test every year."
    assert score(text, "en").tailor_grade == 9.3
    hard = "Renal function, estimated via glomerular filtration rate, determines pharmacological eligibility."
    assert score(hard, "en").tailor_grade == 26.42
    assert count(prepare_plain(text), "en").rarity == 0.0  # English counts no rarity at all


def test_no_library_code_sets_textstats_global_language():
    for path in (REPO / "tailor").rglob("*.py"):
        assert not re.search(r"\bset_lang\s*\(", path.read_text(encoding="utf-8")), path
