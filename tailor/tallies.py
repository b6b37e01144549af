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

from .number_words import DOSE_DIMENSIONS
from .wording import FUNCTION_WORDS, stem

if TYPE_CHECKING:
    from .numbers import Quantity

_NOUNS_AFTER = 2
"""Words after a count that may name what it counts ("three non-pharmacological studies")."""
_MOST_PARTS = 3
_STUDIES = frozenset(stem(w) for w in ("trials", "studies", "rcts", "rct", "reviews", "analyses"))
_PEOPLE = frozenset(stem(w) for w in ("participants", "patients", "people", "women", "men", "children", "adults",
                                      "infants", "babies"))
_TOTAL = re.compile(r"\b(?:in\s+total|a\s+total\s+of|in\s+all|altogether|overall|combined)\b", re.IGNORECASE)
_OF = frozenset({"in", "among", "with", "of", "for", "from", "on", "aged"})
_MOST_COUNTS = 12
_COUNT_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])
"""A total is of at most this many of the source's counts: more would let almost any number through."""
_NNT = re.compile(r"(?:\bnumbers?\s+needed\s+to\s+(?:treat|harm|benefit)|\bNNT[BH]?|\bNNH)\b[^.;\d]{0,40}"
                  r"(?P<values>\d+(?:\.\d+)?(?:\s*(?:,|and|,\s*and)\s*\d+(?:\.\d+)?)*)", re.IGNORECASE)
_NNT_VALUES = re.compile(r"\d+(?:\.\d+)?")
_BENEFITED = re.compile(r"\bbenefit|\bhelped\b|\bavoided\b|\bprevent|\bspared\b|\bcured\b|\bimproved\b|"
                        r"\bwould\s+not\s+have\b|\bbetter\b", re.IGNORECASE)
_HARMED = re.compile(r"\bharm|\bNNH\b|\bside[- ]effects?\b|\badverse\b|\bhad\s+(?:dizziness|bleeding|nausea)", re.IGNORECASE)
_PAIR = frozenset({"group", "groups", "arm", "arms"})
"""What "the two" may count of a comparison: its sides ("the two drugs" says which were compared, and how many)."""
_COMPARED = re.compile(r"\b(?:versus|vs|compared|comparing|comparison|between|both|either|than)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _counted(text: str, shown: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """For each place a whole number is written: the stem of what it counts, the last content word of the next
    few before any punctuation or number ("three non-pharmacological [studies]", "two [trials] (77"); and the
    stems of a phrase that says what they are ("two trials in [children]"), up to "and", "or" or a number."""
    found = []
    for m in re.finditer(rf"(?<![\w.,/]){re.escape(shown)}(?![\w.,/])", text, re.IGNORECASE):
        after = text[m.end():m.end() + 80]
        words = [w.lower() for w in re.split(r"[^\w\s'-]|\d", after[:60])[0].split()[:_NOUNS_AFTER]]
        words = [w for w in words if w not in FUNCTION_WORDS and w not in _COUNT_WORDS]
        phrase = re.split(r"[^\w\s'-]|\d|\b(?:and|or|but)\b", after)[0].lower().split()
        at = next((k for k, w in enumerate(phrase[:_NOUNS_AFTER + 1]) if w in _OF), None)
        of = phrase[at + 1:at + 4] if at is not None else []
        found.append((frozenset({stem(words[-1])}) if words else frozenset(),
                      frozenset(stem(w) for w in of if w not in FUNCTION_WORDS and w not in _COUNT_WORDS)))
    return tuple(found)


def _nouns_after(text: str, shown: str) -> tuple[frozenset[str], ...]:
    """For each place a whole number is written, the stem of what it counts."""
    return tuple(nouns for nouns, _ in _counted(text, shown))


def _a_total(said: Quantity, simple: str, source: str, known: list[Quantity]) -> bool:
    """Whether a count is the total of two or three of the source's counts of the same kind of thing."""
    if said.unit is not None or said.value != round(said.value):
        return False
    said_nouns = set().union(*_nouns_after(simple, said.shown))
    # Studies add up; people only in a total said as one ("a total of 167 participants"); doses never ("2 tablets
    # in the morning and 2 at night" is no "4 tablets in the morning").
    if not said_nouns & _STUDIES and not (said_nouns & _PEOPLE and _TOTAL.search(simple)):
        return False
    counts = dict.fromkeys(k for k in known if k.unit is None and not k.weak and k.value == round(k.value))
    parts = [(q.value, nouns, of) for q in counts for nouns, of in _counted(source, q.shown) if nouns & said_nouns]
    parts += [(1.0, nouns, of) for nouns, of in _counted(source, "one") if nouns & said_nouns]  # "one study and three"
    # "Three trials in adults and two in children" is no "five trials in children": the total is said of what
    # only some of its parts are.
    said_of: set[str] = set().union(*(of for _, of in _counted(simple, said.shown)))
    if parts:
        some: set[str] = set().union(*(of for *_, of in parts))
        every = frozenset.intersection(*(of for *_, of in parts))
        if said_of & (some - every):
            return False
    if len(parts) > _MOST_COUNTS:
        return False  # a long text with many such counts: nearly any number is some total of them
    # A count that is itself a total of others ("34 studies: 20 ... and 14 ...") is no part of another total.
    counted = [(value, nouns) for value, nouns, _ in parts]
    counted = [p for p in counted if not _sums_to(p[1], p[0], [q for q in counted if q is not p])]
    return _sums_to(frozenset(said_nouns), said.value, counted)


def _sums_to(nouns: frozenset[str], value: float, parts: list[tuple[float, frozenset[str]]]) -> bool:
    """Whether two to _MOST_PARTS of the counts, all of one of these things, add up to the value."""
    parts = [p for p in parts if p[1] & nouns]
    for size in range(2, min(_MOST_PARTS, len(parts)) + 1):
        for combo in itertools.combinations(parts, size):
            shared = frozenset.intersection(*(kind for _, kind in combo)) & nouns
            if shared and math.isclose(sum(count for count, _ in combo), value):
                return True
    return False


def _one_in(said: Quantity, simple: str, source: str) -> bool:
    """Whether "1 in N" says a number needed to treat (or, of harm, to harm) the source gives, rounded to a
    whole number."""
    if said.unit != "%" or not said.value:
        return False

    def simple_after(q: Quantity) -> str:
        at = simple.find(q.shown)
        return simple[at:at + len(q.shown) + 60] if at >= 0 else ""

    n = 100 / said.value
    after = simple_after(said)
    harmed = bool(_HARMED.search(after))
    if not harmed and not _BENEFITED.search(after):
        return False  # "1 in 50 people had a stroke" says how often, not how many are treated for one to benefit
    stated = [float(v) for m in _NNT.finditer(source) for v in _NNT_VALUES.findall(m.group("values"))
              if bool(_HARMED.search(m.group(0))) == harmed]
    return n == round(n) and any(round(v) == n for v in stated)


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


def _a_difference(said: Quantity, simple: str, source: str) -> bool:
    """Whether a count is how far apart the two ends of a change or span the source gives ("from 1.2 million to
    1.5 million" said as "by 300,000"; "from 2010 to 2014" as "four years"); not of percentages, whose
    difference is in points, not per cent."""
    if said.unit is not None and said.unit not in _YEARS:
        return False
    by = re.search(rf"\bby\s+(?:about\s+|around\s+|some\s+)?{re.escape(said.shown)}", simple, re.IGNORECASE)
    if said.unit is None and not by:
        return False  # "rose by 300,000"; a bare number between the ends ("a heart rate of 40") is no change
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


_DOSE_NOUNS = frozenset(stem(w) for w in ("tablets", "capsules", "doses", "puffs", "drops", "injections", "sachets",
                                            "patches", "pills", "units", "spoonfuls"))


def _rounded_down(said: Quantity, simple: str, source: str, known: list[Quantity]) -> bool:
    """Whether a lower bound ("over 2,000 applications") rounds down a count the source gives ("2,761
    applications") of the same thing, by less than 30%; never a dose ("more than 6 tablets"), a share or a limit."""
    if said.bound != "min" or not said.approximate or said.unit is not None:
        return False
    nouns = set().union(*_nouns_after(simple, said.shown))
    if not nouns or nouns & _DOSE_NOUNS:
        return False
    return any(k.unit is None and k.bound is None and not k.weak and k.value and 0.7 <= said.value / k.value < 1
               and nouns & set().union(*_nouns_after(source, k.shown)) for k in known)


_TIMES = ((re.compile(r"\bhalv(?:ed|es|ing|e)\b", re.IGNORECASE), "%", 50.0),
          (re.compile(r"\bdoubl(?:ed|es|ing|e)\b", re.IGNORECASE), None, 2.0),
          (re.compile(r"\bdoubl(?:ed|es|ing|e)\b", re.IGNORECASE), "%", 100.0),
          (re.compile(r"\b(?:tripl|trebl)(?:ed|es|ing|e)\b", re.IGNORECASE), None, 3.0))


def _times(said: Quantity, source: str) -> bool:
    """Whether the number says the source's "halved" ("fell by 50%"), "doubled" ("two times") or "tripled"."""
    return any(said.unit == unit and said.value == value and verb.search(source) for verb, unit, value in _TIMES)




def _rounded(said: Quantity, simple: str, known: list[Quantity]) -> bool:
    """Whether a whole number rounds a decimal of 5 or more the source gives, in the same unit, by under 5%
    ("9.21 mmHg" as "9 mmHg", "35.6%" as "36%"); never a dose ("2.5 mg", "1.25 tablets"), nor a small number,
    where rounding changes what it says ("0.3% died" is no "0% died")."""
    if said.value != round(said.value) or (said.dimension and said.dimension[0] in DOSE_DIMENSIONS):
        return False
    if set().union(*_nouns_after(simple, said.shown)) & _DOSE_NOUNS:
        return False
    return any(k.value != round(k.value) and k.value >= 5 and abs(k.value - said.value) < 0.5
               and abs(k.value - said.value) < 0.05 * k.value and k.unit == said.unit for k in known)


def derived(said: Quantity, simple: str, source: str, known: list[Quantity]) -> bool:
    """Whether a number the source does not state is one a writer works out from what it does state."""
    return (_one_in(said, simple, source) or _times(said, source) or _rounded(said, simple, known)
            or _the_two(said, simple, source) or _metres(said, known)
            or _a_difference(said, simple, source) or _rounded_down(said, simple, source, known)
            or _a_total(said, simple, source, known))
