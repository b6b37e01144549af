"""Text preparation before scoring: the sentences and words a reader actually reads.

Readability formulas count sentences and words, so both must be right for medical text:
abbreviations (e.g., i.e., vs., approx.), decimals (2.5 mg), initials (H. pylori) and codes
(5-HT1A, B12) must not split sentences or words; inline markup and citation markers are not words.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .markup import plain_text
from .memo import ByteBoundedCache

ABBREVIATIONS = frozenset({
    "e.g", "i.e", "vs", "approx", "etc", "cf", "ca", "incl", "dr", "mr", "mrs", "ms", "prof", "st",
    "fig", "no", "al", "resp", "min", "max", "mo", "wk", "yr", "hr", "mg", "ml", "kg", "dept", "jr", "sr",
})
"""Words that end with a period but do not end a sentence (compared lower case, without the final period)."""

WORD = re.compile(r"[^\W_]+(?:[-'’.·/][^\W_]+)*", re.UNICODE)
"""A word: letters and digits, joined by hyphens, apostrophes or inner periods (5-HT1A, 2.5, don't, e.g)."""

MAX_WORD = 100
"""Longest token read as a word (the longest in the English and Spanish corpora has 48 characters):
a longer one (a pasted hash, a run of letters) counts as one rare, unfamiliar word, never looked up."""

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[^\W_a-z])", re.UNICODE)
_CITATION = re.compile(r"\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\]|\^\d+(?:,\d+)*")
_NUMBER = re.compile(r"^\d[\d,.]*$")
_RUN_ON = re.compile(r"(?<=[a-z]{2})([.!?])(?=[A-Z][a-z])")
"""A full stop with no space after it ("mellitus.This review"): a typing slip, still a sentence end."""


@dataclass(frozen=True)
class Prepared:
    """Text split into sentences of words, ready for counting."""

    sentences: tuple[tuple[str, ...], ...]
    units: tuple[int, ...] = ()
    """Words per reading unit: each sentence without its parenthetical asides, and each aside."""
    asides: int = 0
    """Parenthetical asides that have words."""

    @property
    def words(self) -> tuple[str, ...]:
        """Every word, in order."""
        return tuple(word for sentence in self.sentences for word in sentence)

    @property
    def sentence_count(self) -> int:
        """How many sentences (bullets without a full stop count as one)."""
        return len(self.sentences)

    @property
    def word_count(self) -> int:
        """How many words."""
        return sum(len(sentence) for sentence in self.sentences)


def is_number(word: str) -> bool:
    """Whether a word is a plain number (12, 2.5, 7,880)."""
    return bool(_NUMBER.match(word))


def _ends_sentence(before: str) -> bool:
    tokens = before.split()
    if not tokens:
        return False
    last = tokens[-1].rstrip(".!?…\"'”’)]").lstrip("(\"'“‘[")
    if last.lower().rstrip(".") in ABBREVIATIONS or last.lower() in ABBREVIATIONS:
        return False
    # A single capital before a period is an initial (H. pylori, J. Smith), not a sentence end.
    return not (len(last) == 1 and last.isupper() and before.rstrip().endswith("."))


def is_overlong(word: str) -> bool:
    """Whether a token is too long to be a word anyone reads (see MAX_WORD)."""
    return len(word) > MAX_WORD


def split_sentences(text: str) -> list[str]:
    """Sentences of plain text; a line break ends a sentence too (bullets, headings)."""
    sentences: list[str] = []
    for line in re.split(r"\n+", text):
        line = line.strip()
        if not line:
            continue
        start = previous = 0
        for match in _BOUNDARY.finditer(line):
            # Only the last token before a boundary decides, and every candidate boundary ends in
            # whitespace: looking back to the previous candidate (not to the last sentence end)
            # keeps a run of rejected boundaries ("A. A. A.", "Dr. Dr.") linear.
            if _ends_sentence(line[previous:match.start()]):
                sentences.append(line[start:match.start()].strip())
                start = match.end()
            previous = match.end()
        sentences.append(line[start:].strip())
    return [s for s in sentences if s]


_ASIDE = re.compile(r"\(([^()]*)\)")


def reading_units(sentence: str) -> list[int]:
    """Word counts of a sentence's reading units: the sentence without its asides, then each aside.

    A reader takes "randomised trials (studies in which chance decides who gets the treatment)"
    as a sentence and a separate explanation, so plain-language writing that explains a term in
    brackets is not scored as one long sentence.
    """
    asides = _ASIDE.findall(sentence)
    lengths = [len(words(_ASIDE.sub(" ", sentence)))] + [len(words(aside)) for aside in asides]
    return [n for n in lengths if n]


def words(sentence: str) -> tuple[str, ...]:
    """The words of a sentence; an abbreviation's final period and punctuation are not part of them.

    A token longer than MAX_WORD is cut there and marked with "…", so that every later step (counts,
    memos, messages that name a word) holds at most MAX_WORD + 1 characters of it.
    """
    return tuple(word if len(word) <= MAX_WORD else word[:MAX_WORD] + "…" for word in WORD.findall(sentence))


PREPARED_CACHE_BYTES = 16 * 1024 * 1024
"""A check reads each phrasing two or three times (view scores, sentence hints, jargon) in quick
succession; a few megabytes catch those repeats, and a server re-reading edits never grows past it."""

_PREPARED: ByteBoundedCache[str, Prepared] = ByteBoundedCache(PREPARED_CACHE_BYTES)


def _footprint(text: str, prepared: Prepared) -> int:
    """About the bytes a text and its preparation hold (strings, tuples and their pointers)."""
    words = sum(sys.getsizeof(word) + 8 for sentence in prepared.sentences for word in sentence)
    return sys.getsizeof(text) + words + 64 * len(prepared.sentences) + 8 * len(prepared.units) + 200


def prepare_plain(text: str) -> Prepared:
    """Prepare text that has no markup (a corpus, a prepared view)."""
    found = _PREPARED.get(text)
    if found is None:
        found = _prepare_plain(text)
        _PREPARED.put(text, found, _footprint(text, found))
    return found


def _prepare_plain(text: str) -> Prepared:
    # NFKC folds ligatures and compatibility forms (the "ﬁ" of text pasted from a PDF) into letters.
    cleaned = _RUN_ON.sub(r"\1 ", _CITATION.sub("", unicodedata.normalize("NFKC", text)))
    split = [(s, words(s)) for s in split_sentences(cleaned)]
    sentences = tuple(ws for _, ws in split if ws)
    units = tuple(n for s, ws in split if ws for n in reading_units(s))
    asides = sum(1 for s, ws in split if ws for aside in _ASIDE.findall(s) if words(aside))
    return Prepared(sentences, units, asides)


def prepare(source: str) -> Prepared:
    """Prepare a phrasing: markup and citation markers removed, then split."""
    return prepare_plain(plain_text(source))


def join_units(units: list[str]) -> str:
    """Join texts that are each complete (claims, bullets) so that each ends its own sentence."""
    return "\n".join(units)


_SPACES = re.compile(r"\s+")


def explained_words(texts: Iterable[str], term: str, marker: re.Pattern[str], named: re.Pattern[str]) -> set[str]:
    """Words the texts explain where they use them, by a language's patterns: up to three words (`term`)
    before an explanation `marker` (`X (…)`, `X, a …`), and the words a `named` pattern captures (`called X`)."""
    last_words = re.compile(rf"((?:{term}\s+){{0,2}}{term})\s*$")
    found: set[str] = set()
    for text in texts:
        # One space between words (as plain_text gives): the markers' whitespace then never backtracks
        # over a long run of spaces, which made this cubic in the run's length.
        text = _SPACES.sub(" ", text)
        for match in marker.finditer(text):
            before = last_words.search(text[max(0, match.start() - 80):match.start()])
            if before:
                found.update(word.lower() for word in re.findall(term, before.group(1)))
        for match in named.finditer(text):
            phrase = " ".join(group for group in match.groups() if group)
            found.update(word.lower() for word in re.findall(term, phrase))
    return found
