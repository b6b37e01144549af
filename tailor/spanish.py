"""Spanish text facts for scoring: syllables by rule, word frequencies that forgive a missing accent,
and sentences typed in capitals or Title Case.

Spanish spelling says how a word is pronounced, so its syllables are counted exactly by rule
(vowel nuclei, diphthongs and hiatus), where pyphen's Spanish hyphenation dictionary undercounts:
it never leaves one vowel alone at either end of a word ("agua", "río" and "país" each have one
syllable for it, "europeo" three of four). Syllables per word alone order 84.8% of the CLARA-MeD documents
counted by the rule, 83.4% by pyphen (bench/spanish_validity.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .textprep import explained_words

_VOWELS = frozenset("aeiouáéíóúü")
_OPEN = frozenset("aeoáéóíú")
"""Vowels that make a syllable of their own next to another such vowel (hiatus): the open ones, and
a stressed í or ú, which breaks the diphthong it would form (país, río, oír)."""
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")
_FINAL_Y = re.compile(r"(?<=[aeiouáéíóú])y$")


def syllables(word: str) -> int:
    """Syllables in a Spanish word: one per vowel nucleus (a diphthong or triphthong is one)."""
    lower = word.lower()
    if any(ch.isdigit() for ch in lower):
        return 1
    # "que", "guerra": the u is silent; "hoy", "muy": a final y is a vowel; the h is never heard.
    lower = _FINAL_Y.sub("i", _SILENT_U.sub("", lower)).replace("h", "")
    count = 0
    previous = ""
    for ch in lower:
        if ch not in _VOWELS:
            previous = ""
            continue
        if not previous or (previous in _OPEN and ch in _OPEN):
            count += 1
        previous = ch
    return max(1, count)


ACCENT_RETRY_BELOW = 2.0
"""Zipf frequency under which a word is looked up again with an accent added: lay texts often drop
accents ("cancer", "sintomas"), and a reader still knows the word."""
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "n": "ñ"}


def frequency_forgiving_accents(word: str, zipf: Callable[[str], float]) -> float:
    """How common a word is, or the word with one accent (or ñ) restored, whichever is more common."""
    found = zipf(word)
    if found >= ACCENT_RETRY_BELOW or any(ch in "áéíóúñ" for ch in word):
        return found
    for index, ch in enumerate(word):
        accented = _ACCENTED.get(ch)
        if accented is not None:
            found = max(found, zipf(word[:index] + accented + word[index + 1:]))
    return found


def sentence_case(sentence: Sequence[str]) -> str:
    """`caps` for a sentence typed in capitals, `title` for one in Title Case (a trial's title), else "".

    In capitals no word is an acronym or a name; in Title Case no capitalized word is a name (words
    with two or more capitals are still acronyms).
    """
    letters = [word for word in sentence if any(ch.isalpha() for ch in word) and not any(ch.isdigit() for ch in word)]
    if not letters:
        return ""
    if sum(word.isupper() and len(word) > 1 for word in letters) * 2 > len(letters):
        return "caps"
    long_words = [word for word in letters if len(word) > 3]
    if len(letters) > 3 and sum(word[0].isupper() for word in long_words) * 5 > len(long_words) * 3:
        return "title"
    return ""


GRADE_WEIGHTS: dict[str, float] = {
    "syllables": 1.0473,
    "acronyms": 0.1991,
    "numbers": 0.1401,
    "asides": -0.1801,
    "unit_length": 0.0587,
    "rarity": 5.1973,
}
GRADE_OFFSET = 4.042
"""Spanish tailor_grade's weights (readability.grade_parts), fitted by bench/fit_grade_es.py on the fit
split of CLARA-MeD, then scaled so that grades have the mean and spread of the school grades that
Fernández-Huerta's published reading levels give the same documents. Bracketed explanations make
Spanish lay text easier (a negative weight); rarity is what separates lay from professional text most."""


_TERM = r"[^\W\d_][\w-]*"
_MARKER = re.compile(r"\s*(?:\((?=[^()]*(?-i:\b[a-záéíóúüñ]{3,}\b))|,\s+(?:es\s+decir|o\s+sea|un|una|el|la|que|o)\b|\s[–—-]\s"
                     r"|\s+(?:significa|quiere\s+decir|(?:es|son)\s+(?:una?|el|la|los|las|unos|unas))\b)", re.IGNORECASE)
_NAMED = re.compile(rf"\b(?:llamad[oa]s?|denominad[oa]s?|conocid[oa]s?\s+como)\s+({_TERM}(?:\s+{_TERM})?)"
                    rf"|\(\s*({_TERM}(?:\s+{_TERM})?)\s*\)", re.IGNORECASE)


def explained_terms(texts: Sequence[str]) -> set[str]:
    """Words Spanish texts explain where they use them: `X (…)`, `X, es decir, …`, `X es una …`,
    `llamado X`, `(X)`; up to three words before an explanation count (as in English)."""
    return explained_words(texts, _TERM, _MARKER, _NAMED)
