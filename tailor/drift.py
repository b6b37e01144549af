"""Fact drift: what a simpler phrasing says that its source phrasing does not.

Each detector compares one simpler phrasing with the source profile's phrasing of the same claim
and returns what drifted: the words of the simpler phrasing and the words of the source they
contradict. Word lists, not models: the same answer on every machine, offline, explainable in one
line. `bench/fact_drift.py` measures them on real simplifications with faults injected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .certainty import check_certainty
from .cues import is_amount, negations
from .markup import plain_text
from .negation import check_negation
from .numbers import new_quantities
from .temperatures import scale_changes
from .terms import Zipf, check_terms
from .wording import FUNCTION_WORDS, Drift, Token, clause_span, quote, tokens

# --- direction ---------------------------------------------------------------------------------

def _forms(*stems: str) -> frozenset[str]:
    out: set[str] = set()
    for s in stems:
        base = s[:-1] if s.endswith("e") else s
        out.update({s, s + "s", base + "ed", base + "ing"} | ({s + "d"} if s.endswith("e") else set()))
    return frozenset(out)


UP = _forms("increase", "raise", "rise", "boost", "enhance", "augment", "elevate", "accumulate", "grow", "gain", "exceed",
            "strengthen", "double", "triple", "heighten", "expand", "amplify", "climb", "soar", "jump") | frozenset({
    "rose", "risen", "grew", "grown", "higher", "highest", "more", "greater", "greatest", "larger", "largest",
    "bigger", "biggest", "stronger", "strongest", "up", "upward", "extra", "increment", "surge", "spike",
    "elevation", "accumulation", "growth", "excess"})
DOWN = _forms("decrease", "reduce", "lower", "fall", "drop", "decline", "diminish", "shrink", "weaken", "suppress",
              "inhibit", "deplete", "halve", "shorten", "lessen", "attenuate", "dampen", "plunge", "plummet", "slump",
              "sink") | frozenset({"sank", "sunk",
    "fell", "fallen", "dropped", "dropping", "lowest", "less", "fewer", "fewest", "smaller", "smallest",
    "weaker", "weakest", "down", "downward", "reduction", "decrement", "inhibition", "suppression", "depletion",
    "loss", "losses", "reductions", "deficiency", "deficiencies", "deficit", "deficits", "slows", "slowed", "slowing",
    "cuts", "cutting", "impair", "impairs", "impaired",
    "impairment"})
BETTER = _forms("improve", "benefit", "relieve", "heal") | frozenset({"better", "best", "improvement", "beneficial"})
WORSE = _forms("worsen", "harm", "deteriorate", "aggravate", "impair") | frozenset({"worse", "worst", "harmful",
                                                                                  "deterioration", "impairment"})
_AXES = (("up", UP, "down", DOWN), ("better", BETTER, "worse", WORSE))
_OPPOSITE_POLE = {"up": "down", "down": "up", "better": "worse", "worse": "better"}
_COMPARATIVES = frozenset({"more", "less", "fewer", "greater", "bigger", "larger", "higher", "smaller", "lower", "extra"})
_SMALLER = frozenset({"less", "fewer", "smaller", "lower"})
_BOUNDS = re.compile(r"^(?:or|and)$|^\d")


def directions(toks: list[Token]) -> list[tuple[int, str]]:
    """(position, pole) of every direction word that no negation just before it turns around; "more
    than 3", "3 or more", "at least" are bounds of a number, not directions."""
    negated = {j for i in negations(toks) for j in range(i + 1, i + 4)}
    found = []
    for i, tok in enumerate(toks):
        if i in negated:
            continue
        before = toks[i - 1].word if i else ""
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        after2 = toks[i + 2].word if i + 2 < len(toks) else ""
        if tok.word in ("more", "less", "fewer") and (_BOUNDS.match(before) or (after == "than" and is_amount(after2))):
            continue
        if tok.word == "up" and after == "to" and is_amount(after2):
            continue  # "up to 30%": a bound
        if tok.word in ("more", "less") and (_pole_of(before) or (before in ("even", "much", "far", "still") and any(
                _pole_of(toks[j].word) for j in range(max(0, i - 7), i - 1)))):
            continue  # "reduced even more": how much, the verb says which way
        if tok.word in _COMPARATIVES and _pole_of(after) is not None:
            continue  # "bigger losses", "greater reduction": the noun says which way, the comparative how much
        if i and toks[i - 1].word in _SMALLER and (i - 1) not in negated:
            pole = _pole_of(tok.word)
            if pole is not None:  # "a smaller reduction" than the source's "greater reduction": the other way
                found.append((i, _OPPOSITE_POLE[pole]))
                continue
        for pole_a, words_a, pole_b, words_b in _AXES:
            if tok.word in words_a:
                found.append((i, pole_a))
            elif tok.word in words_b:
                found.append((i, pole_b))
    return found


def check_direction(source: str, simple: str) -> list[Drift]:
    """The simpler phrasing moves something the opposite way from its source (up for down, worse for
    better): a direction word whose neighbours match those of an opposite one in the source, and of
    no source word going the same way."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src, said = tokens(plain_src), tokens(plain_said)
    # Context stem -> pole -> the nearest source direction word of that pole to it: (distance, position).
    near: dict[str, dict[str, tuple[int, int]]] = {}
    for j, pole in directions(src):
        for word, distance in _context_by_distance(plain_src, src, j):
            poles = near.setdefault(word, {})
            if pole not in poles or distance < poles[pole][0]:
                poles[pole] = (distance, j)
    # "Staten Island had the lowest": a source direction word whose words are left out; a simpler phrasing
    # that spells them out ("the lowest diversity") says what the source says.
    elliptical = {(src[j].word, _before(plain_src, src, j)) for j, _ in directions(src) if _SUPERLATIVE.match(src[j].word)
                  and (j + 1 == len(src) or re.search(r"[.;:!?]", plain_src[src[j].start + len(src[j].word):src[j + 1].start]))}

    def spelled_out(i: int) -> bool:
        """Whether the source says this direction word of the same subject with its words left out."""
        return any(word == said[i].word and _before(plain_said, said, i) <= subject for word, subject in elliptical)

    for i, pole in directions(said):
        if spelled_out(i):
            continue
        # What this direction word is about: its nearest neighbour the source moves one way only; reversed
        # if that is the other way ("declining animals, rising humans" keeps both).
        # A word the source moves both ways says nothing: the next one decides ("raises the risk of stroke").
        about = next((near[word] for word, _ in _context_by_distance(plain_said, said, i) if word in near and len(near[word]) == 1), None)
        if about is not None and _OPPOSITE_POLE[pole] in about:
            opposite = about[_OPPOSITE_POLE[pole]][1]
            return [Drift("direction", quote(plain_said, said, i, i + 2), quote(plain_src, src, opposite, opposite + 2),
                          "reverses the direction of {source}")]
    # A way the source never goes (and the simpler phrasing goes only that way), said of words the source
    # moves the other way further off ("better visual acuity at 12 months" said as "worse vision").
    src_directions, said_directions = directions(src), directions(said)
    src_poles, said_poles = {pole for _, pole in src_directions}, {pole for _, pole in said_directions}
    far: dict[tuple[str, str], int] = {}  # (context stem, pole) -> a source direction word of that pole near it
    for j, other in src_directions:
        for word, _ in _context_by_distance(plain_src, src, j, FAR):
            far.setdefault((word, other), j)
    for i, pole in said_directions:
        if spelled_out(i):
            continue
        if pole in src_poles or _OPPOSITE_POLE[pole] not in src_poles or _OPPOSITE_POLE[pole] in said_poles:
            continue  # a reversal says the other way instead: one that also keeps the source's way adds a statement
        opposite_at = next((far[(word, _OPPOSITE_POLE[pole])] for word, _ in _context_by_distance(plain_said, said, i, FAR)
                            if (word, _OPPOSITE_POLE[pole]) in far), None)
        if opposite_at is not None:
            return [Drift("direction", quote(plain_said, said, i, i + 2), quote(plain_src, src, opposite_at, opposite_at + 2),
                          "reverses the direction of {source}")]
    return []


_SUPERLATIVE = re.compile(r"^(?:\w+est|most|least|best|worst)$")


def _before(text: str, toks: list[Token], i: int) -> frozenset[str]:
    """The words before position i in its statement, function words left out (not a name's letter, "ward A"):
    who or what it is said of ("In men, the risk" is no "In women, the risk")."""
    first = next((j for j in range(i, 0, -1) if re.search(r"[.;:!?]", text[toks[j - 1].start + len(toks[j - 1].word):toks[j].start])), 0)
    return frozenset(t.word for k, t in enumerate(toks[first:i], first)
                     if t.word not in FUNCTION_WORDS or (k > first and text[t.start].isupper()))


FAR = 8
"""Words either side of a direction word that say what it moves, when the source never goes its way."""


def _context_by_distance(text: str, toks: list[Token], i: int, width: int = 4) -> list[tuple[str, int]]:
    """Stems of the content words around position i, nearest first (after before, at equal distance), within
    its statement: not across a dash, colon, semicolon or full stop ("but rich countries" after "Afghanistan the
    worst" and a dash is another statement)."""
    first, last = clause_span(text, toks, i, width + 1, _STATEMENT_END)
    # "proton pump inhibitors (drugs that reduce stomach acid)": a bracket opened before it, within its context,
    # is its own statement (looked for within the context only, so a thousand brackets stay linear).
    lo, hi = toks[first].start, toks[last].start
    opened, closed = text.rfind("(", lo, toks[i].start), text.rfind(")", lo, toks[i].start)
    if opened > closed:
        end = text.find(")", toks[i].start, hi)
        first = next(j for j in range(i, first - 1, -1) if j == first or toks[j - 1].start < opened)
        last = next((j - 1 for j in range(i + 1, last + 1) if end != -1 and toks[j].start > end), last)
    found = []
    for distance in range(1, width + 1):
        for j in (i + distance, i - distance):
            if first <= j <= last and toks[j].word not in FUNCTION_WORDS and len(toks[j].word) > 2 \
                    and _pole_of(toks[j].word) is None:
                found.append((toks[j].root, distance))
    return found


_STATEMENT_END = re.compile(r"[;:.!?–—]|\s-\s")


def _pole_of(word: str) -> str | None:
    for pole_a, words_a, pole_b, words_b in _AXES:
        if word in words_a:
            return pole_a
        if word in words_b:
            return pole_b
    return None


# --- numbers -----------------------------------------------------------------------------------

def check_numbers(source: str, simple: str) -> list[Drift]:
    """Numbers the simpler phrasing states that its source does not (equivalent ones agree)."""
    found = [Drift("numbers", said, known, "changes the unit of {source}") for said, known in scale_changes(source, simple)]
    for said, clash in new_quantities(source, simple):
        if clash is not None:
            found.append(Drift("numbers", said.shown, clash.shown, "changes the unit of {source}"))
        else:
            found.append(Drift("numbers", said.shown, "", "states a number {source} does not"))
    return found


KINDS = ("numbers", "negation", "certainty", "direction", "terms")


def drift(source: str, simple: str, known: Iterable[str] = (), lang: str = "en", zipf: Zipf | None = None) -> list[Drift]:
    """Everything a simpler phrasing says that its source does not, every kind; the negation, certainty
    and direction word lists are English, so in another language only numbers and terms are read (as
    `tailor check` does)."""
    english = lang.split("-")[0].lower() == "en"
    return [*check_numbers(source, simple), *(check_negation(source, simple, zipf) if english else ()),
            *(check_certainty(source, simple) if english else ()), *(check_direction(source, simple) if english else ()),
            *check_terms(source, simple, known, lang, zipf)]
