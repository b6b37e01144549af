"""The numbers a phrasing states, with their units, so two phrasings can be compared.

A simpler phrasing may say "a year" where its source says "12 months", "half" for "50%", "1.5 million"
for "1,500,000", or "about 6,500" for "6,545": those agree. "4 days" for "4 hours" or "135" for "735"
do not. Codes (5-HT1A, B12, T4) are names, not numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .markup import plain_text
from .number_words import (
    DOSE_DIMENSIONS,
    FRACTIONS,
    GLUED,
    NUMBER_WORDS,
    PART_NAME,
    PERIODS,
    SCALES,
    TENS,
    UNIT_TIME,
    UNIT_WORDS,
    UNITS,
)
from .tallies import derived

_PART = PART_NAME
_WHICH = {"first": 1.0, "second": 2.0, "middle": 2.0, "third": 3.0, "last": 3.0, "final": 3.0}
"""Which three months of a pregnancy: "the third trimester" is "the last three months", not "the first"."""
_THREE_MONTHS = re.compile(r"\b(first|middle|last|final)\s+(?:(?:three|3)\s+months|(?:12|13|twelve|thirteen)\s+weeks)\b",
                           re.IGNORECASE)
_TIMES_A_DAY = re.compile(r"\b(once|twice|thrice|one|two|three|four|six|[1-6])\s+(?:times?\s+)?(?:(?:a|per|each|every)\s+day|daily)\b",
                          re.IGNORECASE)
_EVERY_HOURS = re.compile(r"\bevery\s+(four|six|eight|twelve|4|6|8|12|24)\s*(?:hours?|hrs?|h)\b"
                          r"|\b(4|6|8|12|24)[-\s]?hourly\b|\bq(4|6|8|12|24)h\b"
                          r"|\b(4|6|8|12|24)[-\s]hours?\s+(?:intervals|apart)\b|\b(4|6|8|12|24)\s+hours\s+apart\b",
                          re.IGNORECASE)
_FREQUENCY = "times a day"
"""Dimensions of a dose: a source's bare number is no licence for a dose in them."""
_DAY = frozenset({"day", "days", "d"})


def _count(word: str) -> float:
    """1 for "once", 2 for "twice" or "2"; 0 if it is no count."""
    word = word.lower()
    return {"once": 1.0, "thrice": 3.0}.get(word) or NUMBER_WORDS.get(word) or (float(word) if word.isdigit() else 0.0)


_HOW_OFTEN = re.compile(r"(?:\b(?:once|twice|thrice|times|\d+|one|two|three|four|taken?|taking|given|used|applied|"
                        r"injected|inhaled|checked|measured|repeated|worn|changed|dose|give|giving|use|apply|inject|inhale)\s+"
                        r"(?:[\w-]+\s+){0,3})$", re.IGNORECASE)
"""What "daily" follows when it says how often a dose is taken ("once daily", "taken weekly", "2 puffs daily")."""
_NEGATED_PERIOD = re.compile(r"(?:\b(?:not|never)|n't)\b[^.;:!?,]{0,30}$", re.IGNORECASE)
"""Before "daily" or "every day": a rate ruled out ("not daily", "do not take it every day"), not one stated."""
_NOT_A_DOSE = re.compile(r"\s+(?:life|lives|living|activit|tasks?|routines?|chores?|basis|news|papers?|walks?|"
                         r"exercise|work|use|periods?|cycles?|pay|rate|sport)", re.IGNORECASE)
"""After "daily": what it describes is no dose ("daily life", "monthly periods", "hourly pay")."""
_DOSE_AFTER = re.compile(r"\s+(?:dose|doses|dosing|injection|injections|tablet|tablets)\b", re.IGNORECASE)
_FRACTION_WORDS = "|".join(f.replace(" ", r"[-\s]") for f in FRACTIONS)
_NUMBER = r"\d+(?:[,.·]\d+|:\d{2}(?!\d))*"
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = r"%|per\s?cent\b|percentage\b|[a-zµμ²]+(?:/[a-zµμ²\d.]*[a-zµμ²\d])*"  # "10 mg/kg." ends at "kg"
_QUANTITY = re.compile(
    rf"(?P<fraction>\b(?:{_FRACTION_WORDS})\b(?=\s+of\b|\s*[.,;:)]|\s*$))"
    rf"|(?P<article>\b(?:a|an|one|per|each|every)\s+(?=(?:minute|hour|day|week|fortnight|month|trimester|year|decade|century)s?\b))"
    rf"|(?P<a_scale>\ba\s+(?=(?:dozen|hundred|thousand|million|billion)\b))|(?P<couple>\ba\s+couple\s+of\b)"
    rf"|\b(?P<trimester>first|second|third|last|final)\s+trimester\b"
    rf"|\b(?P<period>{'|'.join(PERIODS)})\b"
    rf"|(?P<ratio>\b(?:{_NUMBER}|{_WORDS})\s+(?:in|out\s+of)\s+(?:{_NUMBER}|{_WORDS})\b)"
    rf"|(?:(?<=\bover[- ])|(?<=\bunder[- ]))(?P<ages>\d+)s\b"
    rf"|(?:(?<=\d-)|(?<![\w.·-]))(?P<digits>{_NUMBER})(?:(?P<suffix>bn|tn|m|k)(?![a-z])|st|nd|rd|th)?(?:(?![\w])|{GLUED})(?-i:(?!-[A-Z]))"
    rf"|\b(?P<compound>(?:{'|'.join(TENS)})[-\s](?:{'|'.join(UNIT_WORDS)}))\b"
    rf"|\b(?P<word>{_WORDS})(?:\b|(?=fold\b))",
    re.IGNORECASE)
_AFTER = re.compile(rf"[-\s]*(?:(?P<scale>dozen|hundred|thousand|million|billion|trillion|bn)\b\s*)?[-\s]?(?P<unit>{_UNIT})?",
                    re.IGNORECASE)
_EVERY = re.compile(r"\bevery\s*$", re.IGNORECASE)
"""Before "7 days": how often ("every 7 days"), not how long."""
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_RANGE = re.compile(r"^\s*(?:-|–|to|and)\s*$", re.IGNORECASE)
_APPROXIMATE = re.compile(r"(?:\b(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|over|more than|"
                          r"less than|fewer than|up to|at least|at most)|~)\s*$", re.IGNORECASE)


_SOME_DAY = re.compile(r"(?:^|[.!?;:,–—]\s*|\bthat\s+|\band\s+|\bbut\s+|(?-i:\b(?:January|February|March|April|May|"
                       r"June|July|August|September|October|November|December)\s+))$", re.IGNORECASE)
"""What comes before "one day" when it means some day: the start of a sentence or clause, or a month ("in
September one year")."""


def _some_day(text: str, start: int, end: int) -> bool:
    """Whether "one day" (or "one year" after a month) at text[start:end] means some day, not a length."""
    if not text[start:end].lower().startswith("one"):
        return False
    unit = re.match(r"(day|night|year)\b", text[end:end + 6], re.IGNORECASE)
    if unit and unit.group(1).lower() != "year" and not text[end + len(unit.group(1)):].lstrip(" ").startswith(","):
        return False  # "one day before is enough" is a day; "One day, people may" is some day
    # A window before it, not the whole text: a phrasing that says "one day" a thousand times stays linear.
    window = text[max(0, start - 40):start]
    before = _SOME_DAY.search(window)
    return bool(unit and before and (unit.group(1).lower() != "year" or before.group(0).strip()))


_RANGE_START = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
_RANGE_END = re.compile(r"\b(?:between|from)\s+[\d.,·]+\s*(?:[a-zµμ%]+\s*)?(?:and|to|-|–)\s*$", re.IGNORECASE)
_DURATION = re.compile(r"\b(?:for|over|within|in|after|about|around|than|last|lasted|lasts)\s*$", re.IGNORECASE)
"""Before "a month": a length of time, not the period of a rate."""
_BOUND_BEFORE = re.compile(
    r"\b(?:(?P<max>less\s+than|fewer\s+than|under|up\s+to|at\s+most|below|as\s+much\s+as|younger\s+than|"
    r"shorter\s+than|earlier\s+than|a\s+maximum\s+of|within)|more\s+than|over|above|at\s+least|upwards\s+of|exceeds?|"
    r"exceeding|older\s+than|longer\s+than|later\s+than|a\s+minimum\s+of)\s*$", re.IGNORECASE)
_NEGATED_BOUND = re.compile(r"(?:\b(?:no|not|never|nor)|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_BOUND_AFTER = re.compile(r"\s*(?:(?:a|an|per|each|every)\s+\w+\s*|(?:daily|weekly)\s*)?,?\s*(?:or|and)\s+"
                          r"(?:(?P<max>less|fewer|under|below|younger|lower|shorter|earlier)|more|over|above|"
                          r"older|greater|higher|longer|later)\b|\s*(?:\+|plus\b)", re.IGNORECASE)


def _bound(text: str, start: int, end: int) -> str | None:
    """"min" or "max" for a number said as a bound: "more than 8", "8 or more", "aged 65 and over" are
    minimums; "up to 8", "no more than 8", "don't take over 8", "within 6 weeks" are maximums."""
    before = text[max(0, start - 40):start]
    if _RANGE_START.search(before):
        return "min"  # "between 2 and 4 mg", "from 2 to 4 mg": 2 is the least
    if _RANGE_END.search(before):
        return "max"
    found = _BOUND_BEFORE.search(before)
    if found is not None:
        bound = "max" if found.group("max") else "min"
        if _NEGATED_BOUND.search(before[:found.start()]):
            bound = "min" if bound == "max" else "max"  # "no more than 8" is at most 8; "no less than 3" at least 3
        return bound
    after = _BOUND_AFTER.match(text, end)
    if after is not None:
        return "max" if after.group("max") else "min"
    return None


@dataclass(frozen=True)
class Quantity:
    """One number as a phrasing states it."""

    value: float
    unit: str | None
    """The unit's name as written (lower case), None for a bare count."""
    shown: str
    """The words as written, for messages."""
    weak: bool = False
    """Implied rather than stated ("a year", "daily"): used to match the other side, never reported."""
    approximate: bool = False
    """Said with "about", "over", "nearly": a rounded figure agrees with a close one."""
    rate: bool = False
    """A period a rate is per ("4 g a day", "twice a week"), not a length ("for a month")."""
    bound: str | None = None
    """"min" for "more than 12", "at least 3", "over 60"; "max" for "up to 95%", "no more than 6": a bound.
    The same number with the other bound does not agree ("take more than 8" for "no more than 8")."""

    @property
    def dimension(self) -> tuple[str, float] | None:
        """(dimension, factor) of the unit, when it is a known one."""
        if self.unit is None:
            return None
        unit = self.unit.lower().split("/")[0]
        return UNITS.get(unit) or (UNITS.get(unit[:-1]) if unit.endswith("s") else None)


_PER_WEIGHT = re.compile(r"\s*(?:/|per\s+|a\s+|for\s+each\s+|for\s+every\s+)(?:kg|kilogram|kilo)\b"
                         r"(?:\s+of\s+(?:body\s*)?weight)?", re.IGNORECASE)
_SEASON = re.compile(r"\b(\d{2})(\d{2})[-–]$")
_VULGAR = re.compile(r"(\d*)\s?([½¼¾])")
_HALVES = {"½": 0.5, "¼": 0.25, "¾": 0.75}


def _value(text: str) -> float | None:
    # "1,000" and "1.000" (thousands) vs "2.5" and "1·6" (decimals): a comma or a 3-digit group is thousands.
    cleaned = text.replace("·", ".").replace(":", ".")  # "10:30" is the time "10.30"
    if "," in cleaned and re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def quantities_of(text: str) -> list[Quantity]:
    """Every number a text states, in order, with its unit (ranges share the unit written after them)."""
    return list(_quantities(text))


@lru_cache(maxsize=256)
def _quantities(text: str) -> tuple[Quantity, ...]:
    plain = _VULGAR.sub(lambda m: str(int(m.group(1) or 0) + _HALVES[m.group(2)]), plain_text(text))  # "1½" is 1.5
    found: list[Quantity] = []
    consumed = 0
    for match in _QUANTITY.finditer(plain):
        start = match.start()
        weak = False
        if start < consumed:
            continue  # the scale or unit of the number before ("one [hundred] years", "two [dozen]")
        if match.group("fraction"):
            fraction = re.sub(r"[-\s]+", " ", match.group("fraction").lower())  # "two-thirds"
            found.append(Quantity(FRACTIONS[fraction] * 100, "%", match.group(0), weak=True))
            continue
        if match.group("ratio"):
            parts = re.split(r"\s+(?:in|out\s+of)\s+", match.group("ratio"), flags=re.IGNORECASE)
            top, bottom = (_value(p) if p[0].isdigit() else NUMBER_WORDS.get(p.lower()) for p in parts)
            if top is not None and bottom and top <= bottom:
                found.append(Quantity(100 * top / bottom, "%", match.group(0)))
            else:  # "£10,060 in 2012": a number and a year, not a ratio of more than a whole
                found += [Quantity(v, None, p) for v, p in zip((top, bottom), parts, strict=True) if v is not None]
            continue
        if match.group("period"):
            if (_HOW_OFTEN.search(plain[max(0, start - 48):start]) or _DOSE_AFTER.match(plain, match.end())) \
                    and not _NOT_A_DOSE.match(plain, match.end()) and not _NEGATED_PERIOD.search(plain[max(0, start - 40):start]):
                value, unit = PERIODS[match.group("period").lower()]
                found.append(Quantity(value, unit, match.group(0), weak=True, rate=True))
            continue  # "daily life", "monthly periods", "not daily": no rate of a dose
        if match.group("trimester"):
            # "The first trimester" is implied by "the first three months" (or "12 weeks") and states no number;
            # which one it is, is: "the last three months" is the third.
            found.append(Quantity(1.0, "trimester", match.group(0), weak=True, approximate=True))
            found.append(Quantity(_WHICH[match.group("trimester").lower()], _PART, match.group(0)))
            continue
        if match.group("article") and _some_day(plain, start, match.end()):
            continue  # "One day, people may ...": some day, not a day long
        if match.group("ages"):
            value, end = float(match.group("ages")), match.end()  # "the over-60s": people over 60
        elif match.group("article"):
            # "a year" is implied by "12 months" and implies nothing; "one year" is a number as written.
            value, end, weak = 1.0, match.end(), not match.group("article").lower().startswith("one")
        elif match.group("a_scale") or match.group("couple"):
            value, end = (1.0 if match.group("a_scale") else 2.0), match.end()  # "a million", "a couple of days"
        elif match.group("digits"):
            parsed = _value(match.group("digits"))
            if parsed is None:
                continue
            value, end = parsed, match.end()
            if match.group("suffix"):
                value *= {"bn": 1e9, "tn": 1e12, "m": 1e6, "k": 1e3}[match.group("suffix").lower()]
            season = _SEASON.search(plain, max(0, start - 6), start)
            if season and len(match.group("digits")) == 2:  # "2015-16" is 2015 to 2016; "1999-00" to 2000
                value += 100 * (int(season.group(1)) + (value < int(season.group(2))))
        elif match.group("compound"):
            tens, units = re.split(r"[-\s]", match.group("compound").lower())
            value, end = float(TENS[tens] + UNIT_WORDS[units]), match.end()
        else:
            word = match.group("word").lower()
            value, end = NUMBER_WORDS[word], match.end()
            unit_after = _after(plain, end).group("unit")
            if word in ("zero", "one") and not (unit_after and _unit_known(unit_after.lower())) \
                    and not _AND_A_HALF.match(plain, end):
                continue  # "pick one"; but "one and a half tablets" is a number
        half = _AND_A_HALF.match(plain, end)
        if half is not None:
            value, end = value + 0.5, half.end()  # "four and a half hours"
        after = _after(plain, end)
        scale, unit = after.group("scale"), after.group("unit")
        if scale:
            value *= SCALES[scale.lower()]
            end = after.end("scale")
        consumed = end  # a scale word is part of this number; a unit may hold another ("mL/min/1.73 m²")
        unit_name = unit.lower() if unit and _unit_known(unit.lower()) is not None else None
        if unit_name is not None:
            end = after.end("unit")  # "30 patients": a count, the noun is no unit
            per_weight = _PER_WEIGHT.match(plain, end)
            if per_weight and "/kg" not in unit_name:
                unit_name, end = unit_name + "/kg", per_weight.end()  # "10 units per kg" is "10IU/kg"
        approximate = bool(_APPROXIMATE.search(plain[max(0, start - 20):start]))
        timed = unit_name is not None and UNITS.get(unit_name.rstrip("s"), ("", 0.0))[0] == "time"
        rate = timed and ((weak and not _DURATION.search(plain[max(0, start - 12):start]))
                          or bool(_EVERY.search(plain[max(0, start - 8):start]))) \
            and not _NEGATED_PERIOD.search(plain[max(0, start - 40):start])
        found.append(Quantity(value, unit_name, plain[start:end].strip(), weak, approximate, rate, _bound(plain, start, end)))
        per_time = unit_name and next((UNIT_TIME[p.rstrip(".")] for p in unit_name.split("/")[1:] if p.rstrip(".") in UNIT_TIME), None)
        if per_time:
            found.append(Quantity(1.0, per_time, plain[start:end].strip(), weak=True, rate=True))  # "4IU/hr" is a rate
    found += [Quantity(_WHICH[m.group(1).lower()], _PART, m.group(0)) for m in _THREE_MONTHS.finditer(plain)]
    # "Twice daily" is a frequency (2 times a day) and implies "every 12 hours"; "every 12 hours", "12-hourly"
    # and "q12h" imply twice a day. A frequency agrees only with a frequency: "2 g" is no "twice".
    frequencies = [(m.group(0), _count(m.group(1))) for m in _TIMES_A_DAY.finditer(plain)]
    phrases = {said for said, times in frequencies if times}  # one pass over the numbers, however often it is said
    found = [q for q in found if not (any(q.shown in said for said in phrases)
                                      and (q.unit is None or (q.rate and q.unit in _DAY)))]
    for said, times in frequencies:
        if times:
            found.append(Quantity(times, _FREQUENCY, said))
            found.append(Quantity(24 / times, "hours", said, weak=True, rate=True))
    for m in _EVERY_HOURS.finditer(plain):
        hours = _count(next(g for g in m.groups() if g))
        if hours and 24 % hours == 0:
            found.append(Quantity(24 / hours, _FREQUENCY, m.group(0), weak=True))
            found.append(Quantity(hours, "hours", m.group(0), weak=True, rate=True))  # "6-hourly", "q6h"
    # A range ("10 to 28%", "30-45 mL") gives its unit to its first number.
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        if first.unit is None and second.unit is not None and not first.weak:
            between = plain[plain.find(first.shown) + len(first.shown):]
            gap = between[:max(0, between.find(second.shown))]
            if _RANGE.match(gap):
                found[i] = replace(first, unit=second.unit)
    return tuple(found)


def _after(text: str, at: int) -> re.Match[str]:
    """What follows a number: a scale word and a unit, both optional (so it always matches)."""
    found = _AFTER.match(text, at)
    assert found is not None  # every part of the pattern is optional
    return found


def _unit_known(unit: str) -> tuple[str, float] | None:
    base = unit.split("/")[0]
    return UNITS.get(base) or (UNITS.get(base[:-1]) if base.endswith("s") else None)


def _per_weight(unit: str | None) -> str:
    """What a dose is per: "kg" of body weight, "m2" of body surface ("5 mg/m2" is no "5 mg/kg"), or ""."""
    parts = unit.split("/")[1:] if unit is not None else []
    return "kg" if "kg" in parts else "m2" if {"m2", "m²"} & set(parts) else ""


def _same_value(a: float, b: float, approximate: bool) -> bool:
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return True
    return approximate and math.isclose(a, b, rel_tol=0.1)


def agrees(said: Quantity, source: list[Quantity]) -> bool:
    """Whether a quantity of the simpler phrasing is one its source states (the same, or equivalent)."""
    dim = said.dimension
    for known in source:
        if said.bound and known.bound and said.bound != known.bound:
            continue  # "more than 8 tablets" is no "no more than 8 tablets"
        if said.bound == "min" and known.bound is None and said.unit == known.unit and said.value > known.value:
            continue  # "more than 800 participants" is no "735 participants": a lower bound is never rounded up
        if _per_weight(said.unit) != _per_weight(known.unit):
            continue  # "10 units" is no "10 IU/kg", nor "5 mg/kg" a "5 mg/m2": a dose per weight or per surface
        known_dim = known.dimension
        if said.rate and (dim is None or known_dim is None or dim[0] != known_dim[0]):
            continue  # "daily" is no count of 1 tablet: a period agrees only with another time
        if dim is not None and known_dim is not None and dim[0] != known_dim[0]:
            continue  # "3 months" is no "3 mg"
        if known.weak and known.rate and known.unit == "hours" and not said.rate:
            continue  # "twice daily" implies every 12 hours, not "for 12 hours"
        if dim is not None and dim[0] in DOSE_DIMENSIONS and known_dim is None:
            continue  # "one or two 1 mg tablets" for "one or two 0.5 mg tablets": a dose the source never gave
        if dim is not None and known_dim is not None and dim[0] == known_dim[0]:
            # Same kind of unit: compare in the base unit ("12 months" is "a year"; "4 days" is not "4 hours").
            tolerance = 0.1 if said.approximate or (known.approximate and known.weak) else 0.02  # "first trimester"
            if math.isclose(said.value * dim[1], known.value * known_dim[1], rel_tol=tolerance):
                return True
            continue
        if known.weak and said.unit is None:
            continue  # "a year" states no count of 1
        if _same_value(said.value, known.value, said.approximate or known.approximate):
            return True
    return False



def unit_clash(said: Quantity, source: list[Quantity]) -> Quantity | None:
    """The source's quantity with the same number in another unit of the same kind ("4 hours" for "4 days")."""
    dim = said.dimension
    if dim is None:
        return None
    for known in source:
        known_dim = known.dimension
        if known_dim is not None and known_dim[0] == dim[0] and math.isclose(known.value, said.value) and known.unit != said.unit:
            return known
    return None


def new_quantities(source: str, simple: str) -> list[tuple[Quantity, Quantity | None]]:
    """Numbers the simpler phrasing states that its source does not: (said, the source's same number
    in another unit, if any)."""
    known = list(dict.fromkeys(quantities_of(source)))  # a repeated number is compared once
    exact: dict[tuple[float, str | None], list[Quantity]] = {}
    for quantity in known:
        exact.setdefault((quantity.value, quantity.unit), []).append(quantity)
    result: list[tuple[Quantity, Quantity | None]] = []
    seen: set[str] = set()
    periods = [q for q in known if q.rate]
    for said in quantities_of(simple):
        if said.shown in seen:
            continue
        if said.unit == _PART and not any(k.unit == _PART for k in known):
            continue  # "the first three months" of anything but a pregnancy the source counts in trimesters
        if said.weak:
            # "4 g a day" said as "4 g an hour": a rate's period changed, where the source states one.
            if periods and said.rate and not agrees(said, known):
                seen.add(said.shown)
                result.append((said, periods[0]))
            continue
        # The same number in the same unit is looked up, not searched for: long phrasings stay fast.
        if agrees(said, exact.get((said.value, said.unit), [])) or agrees(said, known) \
                or derived(said, simple, source, known):
            continue
        seen.add(said.shown)
        result.append((said, unit_clash(said, known)))
    return result
