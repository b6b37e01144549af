"""The words of numbers and units: number words, scales, fractions, units with their dimension, and the
words of how often ("daily"). Vocabulary only; `numbers` reads a phrasing with it."""

from __future__ import annotations

# "one" and "zero" are left out as counts: "pick one", "no one" are far more common than the number.
# They still count before a unit ("one year") and after "in" ("one in four").
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, float] = {**{w: float(i) for i, w in enumerate(SMALL)}, **{w: float(v) for w, v in TENS.items()},
                                  "dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "twice": 2.0, "thrice": 3.0}
SCALES = {"dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
GLUED = r"(?=(?:km|cm|mm|kg|mg|ml|ft|g|h|hrs?|mins?|wks?|yrs?|mcg|µg|μg|iu|mph|kph|lbs?|oz|c|f)\b|[a-z]{4,}\b)"
"""Units written on the number ("30km", "400mcg", "2hrs", "10IU", "38C"), or a word whose space was lost
("3,000different"): the number still ends there. Not "s", "d" or "m": "1990s", "3D" and "5m" say other things;
not "am", "pm" or "p", which the number rule cannot compare ("8am" said as "8 at night")."""
UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                "ninth": 9}  # "twenty-first" is 21, as "21st" is
FRACTIONS = {"half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25, "one quarter": 0.25,
             "two thirds": 2 / 3, "three quarters": 0.75}
"""Fractions a share may be said as ("two-thirds of patients": 67%). Not "a fifth" or "a tenth": as often
"a fifth dose" or "a tenth of a tablet", which a share of people elsewhere in the phrasing would match."""

PART_NAME = "trimester of pregnancy"
UNITS: dict[str, tuple[str, float]] = {}
"""Unit word (lower case, singular) -> (dimension, factor to the dimension's base unit)."""
for _names, _dim, _factor in (
    (("second", "sec", "s"), "time", 1 / 86400), (("minute", "min"), "time", 1 / 1440),
    (("hour", "hr", "h"), "time", 1 / 24), (("day", "d"), "time", 1.0), (("week", "wk"), "time", 7.0), (("fortnight",), "time", 14.0),
    (("month", "mo"), "time", 30.4375), (("trimester",), "time", 91.3125), (("year", "yr", "y"), "time", 365.25),
    (("decade",), "time", 3652.5), ((PART_NAME,), PART_NAME, 1.0), (("times a day",), "frequency", 1.0),
    (("µg", "μg", "mcg", "microgram"), "mass", 1e-3), (("mg", "milligram"), "mass", 1.0), (("g", "gram", "gramme"), "mass", 1e3),
    (("kg", "kilogram", "kilo"), "mass", 1e6),
    (("ml", "millilitre", "milliliter"), "volume", 1.0), (("l", "litre", "liter"), "volume", 1e3),
    (("%", "percent", "per cent", "percentage"), "share", 0.01),
    (("mmol",), "mmol", 1.0), (("iu", "unit"), "units", 1.0), (("century", "centurie"), "time", 36525.0),
    (("mm", "millimetre", "millimeter"), "length", 1e-3), (("cm", "centimetre", "centimeter"), "length", 1e-2),
    (("metre", "meter"), "length", 1.0), (("km", "kilometre", "kilometer"), "length", 1e3),
    (("ft", "foot", "feet"), "length", 0.3048), (("mile",), "length", 1609.344),
):
    for _name in _names:
        UNITS[_name] = (_dim, _factor)

PERIODS = {"daily": (1.0, "day"), "nightly": (1.0, "day"), "weekly": (1.0, "week"), "fortnightly": (2.0, "week"),
            "monthly": (1.0, "month"), "yearly": (1.0, "year"), "annually": (1.0, "year"), "hourly": (1.0, "hour")}
"""How often, said in one word: "once weekly" is once a week (and "daily" said for it is another rate)."""
CURRENCIES = frozenset({"pence", "penny", "pennies", "cent", "cents", "pound", "pounds", "dollar", "dollars", "euro",
                        "euros", "rupee", "rupees", "yen", "yuan"})
PERIOD_WORDS = frozenset(PERIODS) | CURRENCIES | frozenset(
    w for u in UNITS if len(u) > 3 and u.isalpha() for w in (u, u + "s"))
"""Words of how often and of how much ("daily", "micrograms", "pence"): read by the numbers rule, never a term."""
UNIT_TIME = {"h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "min": "minute", "d": "day", "day": "day",
             "24h": "day", "wk": "week", "week": "week"}
"""Time denominators of a unit ("mg/day", "IU/hr"): a rate, as "a day" or "an hour" says it."""
DOSE_DIMENSIONS = frozenset({"mass", "volume", "units", "mmol"})
"""Dimensions of a dose: never rounded, never bounded more loosely, never taken from a bare count."""
