"""Numbers a plain-language writer works out from the source's own: a total of the source's counts of one
kind of thing ("two trials ... and two trials" said as "four trials"), a number needed to treat said as
"1 in N", "the two groups" of a comparison, the size of a change ("from 2010 to 2014": "four years"), and
"1.8m" said as "1.8 metres". Each is derived, not new."""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .wording import FUNCTION_WORDS, stem

if TYPE_CHECKING:
    from .numbers import Quantity

_NOUNS_AFTER = 2
"""Words after a count that may name what it counts ("three non-pharmacological studies")."""
_MOST_PARTS = 3
_MOST_COUNTS = 12
_COUNT_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])
"""A total is of at most this many of the source's counts: more would let almost any number through."""
_NNT = re.compile(r"\bnumbers?\s+needed\s+to\s+(?:treat|harm|benefit)\b|\bNNT[BH]?\b|\bNNH\b", re.IGNORECASE)
_PAIR = frozenset({"group", "groups", "arm", "arms", "approach", "approaches", "treatment", "treatments", "drug", "drugs",
                   "option", "options", "method", "methods", "type", "types", "intervention", "interventions",
                   "condition", "conditions", "programme", "programmes", "program", "programs"})
_COMPARED = re.compile(r"\b(?:versus|vs|compared|comparing|comparison|between|both|either|than)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _nouns_after(text: str, shown: str) -> tuple[frozenset[str], ...]:
    """For each place a whole number is written, the stem of what it counts: the last content word of the
    next few, before any punctuation or number ("three non-pharmacological [studies]", "two [trials] (77")."""
    found = []
    for m in re.finditer(rf"(?<![\w.,/]){re.escape(shown)}(?![\w.,/])", text, re.IGNORECASE):
        phrase = re.split(r"[^\w\s'-]|\d", text[m.end():m.end() + 60])[0]
        words = [w.lower() for w in phrase.split()[:_NOUNS_AFTER]]
        words = [w for w in words if w not in FUNCTION_WORDS and w not in _COUNT_WORDS]
        found.append(frozenset({stem(words[-1])}) if words else frozenset())
    return tuple(found)


def _a_total(said: Quantity, simple: str, source: str, known: list[Quantity]) -> bool:
    """Whether a count is the total of two or three of the source's counts of the same kind of thing."""
    if said.unit is not None or said.value != round(said.value):
        return False
    said_nouns = set().union(*_nouns_after(simple, said.shown))
    if not said_nouns:
        return False
    counts = dict.fromkeys(k for k in known if k.unit is None and not k.weak and k.value == round(k.value))
    parts = [(q.value, nouns) for q in counts for nouns in _nouns_after(source, q.shown) if nouns & said_nouns]
    parts += [(1.0, nouns) for nouns in _nouns_after(source, "one") if nouns & said_nouns]  # "one study and three"
    if len(parts) > _MOST_COUNTS:
        return False  # a long text with many such counts: nearly any number is some total of them
    # A count that is itself a total of others ("34 studies: 20 ... and 14 ...") is no part of another total.
    parts = [p for p in parts if not _sums_to(p[1], p[0], [q for q in parts if q is not p])]
    return _sums_to(frozenset(said_nouns), said.value, parts)


def _sums_to(nouns: frozenset[str], value: float, parts: list[tuple[float, frozenset[str]]]) -> bool:
    """Whether two to _MOST_PARTS of the counts, all of one of these things, add up to the value."""
    parts = [p for p in parts if p[1] & nouns]
    for size in range(2, min(_MOST_PARTS, len(parts)) + 1):
        for combo in itertools.combinations(parts, size):
            shared = frozenset.intersection(*(kind for _, kind in combo)) & nouns
            if shared and math.isclose(sum(count for count, _ in combo), value):
                return True
    return False


def _one_in(said: Quantity, source: str, known: list[Quantity]) -> bool:
    """Whether "1 in N" says the source's number needed to treat (or harm), rounded to a whole number."""
    if said.unit != "%" or not said.value or not _NNT.search(source):
        return False
    n = 100 / said.value
    return n == round(n) and any(k.unit is None and round(k.value) == n for k in known)


def _the_two(said: Quantity, simple: str, source: str) -> bool:
    """Whether "two" counts the sides of a comparison the source makes ("the two groups")."""
    if said.value != 2 or said.unit is not None or not _COMPARED.search(source):
        return False
    return bool(re.search(rf"\b(?:the|these|those|both)\s+{re.escape(said.shown)}\s+(?:\w+\s+)?(?:{'|'.join(_PAIR)})\b",
                          simple, re.IGNORECASE))


_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_CHANGE = re.compile(r"\b(?:from|between)\s+(?P<a>\d+(?:[.,]\d+)*)\s*(?P<x>thousand|million|billion)?\s+(?:\w+\s+)?"
                     r"(?:to|and)\s+(?P<b>\d+(?:[.,]\d+)*)\s*(?P<y>thousand|million|billion)?", re.IGNORECASE)
_YEARS = frozenset({"year", "years"})


def _a_difference(said: Quantity, source: str) -> bool:
    """Whether a count is how far apart the two ends of a change or span the source gives ("from 1.2 million to
    1.5 million" said as "by 300,000"; "from 2010 to 2014" as "four years"); not of percentages, whose
    difference is in points, not per cent."""
    if said.unit is not None and said.unit not in _YEARS:
        return False
    for m in _CHANGE.finditer(source):
        a, b = (float(m.group(g).replace(",", "")) * _SCALE.get((m.group(s) or "").lower(), 1.0)
                for g, s in (("a", "x"), ("b", "y")))
        years = all(1800 <= v <= 2100 and v == round(v) for v in (a, b))
        if (said.unit is None or years) and math.isclose(abs(b - a), said.value):
            return True
    return False


_METRES = ("metre", "metres", "meter", "meters")


def _metres(said: Quantity, known: list[Quantity]) -> bool:
    """Whether "1.8 metres" says the source's "1.8m", which reads as 1.8 million (or "100m" its "100 metres")."""
    if said.unit in _METRES:
        return any(k.shown.lower().endswith("m") and math.isclose(k.value, said.value * 1e6) for k in known)
    return said.unit is None and said.shown.lower().endswith("m") and any(
        k.unit in _METRES and math.isclose(k.value * 1e6, said.value) for k in known)


def derived(said: Quantity, simple: str, source: str, known: list[Quantity]) -> bool:
    """Whether a number the source does not state is one a writer works out from what it does state."""
    return (_one_in(said, source, known) or _the_two(said, simple, source) or _metres(said, known)
            or _a_difference(said, source) or _a_total(said, simple, source, known))
