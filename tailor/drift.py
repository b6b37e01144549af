"""Fact drift: what a simpler phrasing says that its source phrasing does not.

Each detector compares one simpler phrasing with the source profile's phrasing of the same claim
and returns what drifted: the words of the simpler phrasing and the words of the source they
contradict. Word lists, not models: the same answer on every machine, offline, explainable in one
line. `bench/fact_drift.py` measures them on real simplifications with faults injected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .certainty import check_certainty
from .cues import NEGATORS, PARTIAL, PARTITIVES, VERBAL_NEGATORS, content_after, is_negation, is_negator, negations
from .markup import plain_text
from .numbers import new_quantities
from .terms import Zipf, check_terms
from .wording import _CLAUSE_END, FUNCTION_WORDS, WINDOW, Drift, Token, clause_span, occurrences, quote, tokens

# --- negation ----------------------------------------------------------------------------------

def _negated(text: str, toks: list[Token], zipf: Zipf | None = None) -> set[int]:
    """Positions a negation reaches: its clause ("starting metformin is not recommended": the statement
    is negated, its subject too), the 5 words after a verb that negates ("prevents serotonin from being
    removed"), and a word that negates itself ("unclear", "harmless")."""
    reach: set[int] = set()
    for i in negations(toks):
        first, last = clause_span(text, toks, i)
        if last == i and i + 1 < len(toks):
            last = clause_span(text, toks, i + 1)[1]  # "you cannot, as a girl in Iceland, be called Harriet"
        # "not a cure but a treatment": what follows "but" is stated, not negated.
        last = next((j - 1 for j in range(i + 2, last + 1) if toks[j].word == "but"), last)
        # "young people who wouldn't have stayed": a negation in a relative clause is about that clause.
        first = next((j for j in range(i - 1, max(first, i - 8) - 1, -1) if toks[j].word in _RELATIVE), first)
        reach.update(range(max(first, i - 8), min(last, i + 8) + 1))
    for i, tok in enumerate(toks):
        if tok.word in _ABSENT:
            # "food waste is virtually non-existent": what is absent is said before it.
            reach.update(range(clause_span(text, toks, i)[0], i + 1))
        elif tok.word in VERBAL_NEGATORS or (tok.word not in NEGATORS and is_negator(tok.word, zipf)):
            # "prevents [serotonin from being removed]", "unable [to give]": within its clause.
            reach.update(range(i, min(clause_span(text, toks, i)[1], i + 5) + 1))
        elif tok.word in NEGATORS:
            reach.add(i)
    return reach


def clause_of(text: str, toks: list[Token], i: int) -> list[str]:
    """Stems of the content words of the clause around position i."""
    first, last = clause_span(text, toks, i)
    return [t.root for t in toks[first:last + 1]
            if t.word not in FUNCTION_WORDS and t.word not in PARTIAL and not is_negation(t.word) and len(t.word) > 2]


def _negated_counts(toks: list[Token], reach: set[int]) -> Counter[str]:
    """How many times each stem occurs where a negation reaches it."""
    return Counter(toks[i].root for i in reach if i < len(toks))


_LIGHT = frozenset({"get", "gets", "got", "have", "has", "had", "make", "take", "give", "want", "keep", "put", "come",
                    "go", "ges", "went"})
"""Stems of verbs that say little of their own ("tends not to get any attention"): what a negation is about
is the words after them."""
_RELATIVE = frozenset({"who", "which", "whose", "whom"})
_PARTIAL_AFTER = PARTIAL | frozenset({"everyone", "everybody", "everything", "as", "so", "just", "quite"})
"""After "not": a partial or comparative negation ("not everyone", "not as good as"), which a source may
state without a negation ("numbers are limited", "go some way to eclipse")."""
_SETTLED = frozenset({"certain", "sure", "clear", "known", "proven"})
"""After "not": how sure anyone is ("it is not certain that"), which the certainty rule reads."""
_ABSENT = frozenset({"absent", "nonexistent", "non-existent", "missing"})
"""Words that say their subject is not there."""

WHOLE = frozenset({"all", "every", "detail", "yet"})
"""Partitive only with a negation ("not every detail"): without one they state the whole."""

LEXICAL = VERBAL_NEGATORS - frozenset({
    "few", "little", "far", "away", "free", "delay", "delayed", "against", "beyond", "except", "instead", "rather",
    "lose", "loses", "lost", "stop", "stops", "stopped", "stopping", "block", "blocks", "blocked", "blocking",
    "prevent", "prevents", "prevented", "preventing"}) | frozenset({
    "puzzled", "doubtful", "overlook", "overlooks", "overlooked", "eliminate", "eliminates", "eliminated", "off",
    "unaware", "devoid", "abandon", "abandoned", "abandons", "quit", "quits", "halt", "halted", "halts", "scrapped",
    "abolish", "abolished", "veto", "vetoed", "dispute", "disputed", "disputes", "remove", "removed", "removes",
    "cancel", "cancelled", "cancels", "refusal"})
"""Words that say "not" of a word next to them whichever side it is on ("forbid the export", "names unable
to take"); the amounts (few, little) and the blocking verbs are read by the rule as they are."""
LEXICAL_REACH = 3


def _says_not(toks: list[Token], at: int) -> bool:
    """Whether a word that says "not" stands within LEXICAL_REACH words of position `at`."""
    return any(toks[j].word in LEXICAL for j in range(max(0, at - LEXICAL_REACH), min(len(toks), at + LEXICAL_REACH + 1)))


NEAR_MIN = 4
"""Words a negated statement must share with a source that negates nothing, when its clause alone does not."""
FALLBACK_MIN = 2
"""Words a negated clause must share with the simpler phrasing to be matched by its clause alone."""


_THAN = frozenset({"more", "less", "fewer", "longer", "shorter", "later", "earlier"})


def _bounds(toks: list[Token], i: int) -> bool:
    """Whether the negation at position i makes a bound of a number: "do not take more than 8", "no later
    than 2 hours", "should not exceed 4 g"."""
    for j in range(i + 1, min(len(toks), i + 4)):
        word = toks[j].word
        if word in ("exceed", "exceeding") or (word in _THAN and j + 2 < len(toks) and toks[j + 1].word == "than"):
            return True
        if word in ("over", "above") and j + 1 < len(toks) and _is_amount(toks[j + 1].word):
            return True
    return False


def _elliptical(text: str, toks: list[Token], negated: list[int]) -> list[int]:
    """Negations whose verb is left out: followed by the end of a clause ("but BBM doesn't;", "(which is not)")."""
    return [i for i in negated if i + 1 == len(toks) or _CLAUSE_END.search(text[toks[i].start + len(toks[i].word):toks[i + 1].start])]


def _same_sentence(text: str, toks: list[Token], a: int, b: int) -> bool:
    """Whether positions a and b are in one sentence (no full stop, question or exclamation mark between)."""
    first, last = sorted((a, b))
    return not re.search(r"[.!?]", text[toks[first].start:toks[last].start])


def check_negation(source: str, simple: str, zipf: Zipf | None = None) -> list[Drift]:
    """A negated statement the simpler phrasing makes without its negation, or one it negates that its
    source states: the words the negation is about are how the two statements are matched, and they
    are counted ("no difference in A, no difference in B" said as "no difference in A, a difference
    in B" drops one)."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src, said = tokens(plain_src), tokens(plain_said)
    src_reach, said_reach = _negated(plain_src, src, zipf), _negated(plain_said, said, zipf)
    src_at, said_at = occurrences(src, src_reach), occurrences(said, said_reach)
    src_neg, said_neg = _negated_counts(src, src_reach), _negated_counts(said, said_reach)
    any_negation = bool(said_reach)
    # "Not all of its effects" said as "part of its effect", or as "not every detail"; "all" alone drops it.
    partitive = any(t.word in PARTITIVES and (any_negation or t.word not in WHOLE) for t in said)
    found: list[Drift] = []
    said_negations, src_negations = negations(said), negations(src)
    # "Skype has video calls, but BBM doesn't": a negation whose verb is left out keeps the source's negation
    # of the words before it, in its own sentence ("Metformin causes it. Insulin does not." keeps nothing).
    said_elliptical = _elliptical(plain_said, said, said_negations) if len(said_negations) >= len(src_negations) else []
    for i in src_negations:
        if _bounds(src, i):
            continue  # "do not take more than 8" said as "take up to 8": the numbers rule reads the bound
        if i + 1 < len(src) and src[i + 1].word in PARTIAL and partitive:
            continue  # "not all of its effects" said as "part of its effect"
        # What the negation is about; words the source also states without a negation do not count.
        about = [w for w in content_after(plain_src, src, i, 3) if w not in _LIGHT][:2]
        about = [w for w in about if w not in src_at.free]
        places = [said_at.first[w] for w in about if w in said_at.free]
        if not places and not any_negation:
            places = [said_at.first[w] for w in clause_of(plain_src, src, i)
                      if w not in src_at.free and w in said_at.first and w not in _LIGHT]
            places = places if len(places) >= FALLBACK_MIN else []
        if places and any(_same_sentence(plain_said, said, min(places), e) and e > min(places) for e in said_elliptical):
            continue
        if places and not any(said_neg[w] >= src_neg[w] for w in about if w in said_at.reached):
            at = min(places)
            found.append(Drift("negation", quote(plain_said, said, at - 2, at + 1),
                               quote(plain_src, src, i - 1, i + 3), "drops a negation of {source}"))
    source_negates = bool(src_reach)
    # "intolerance (which is not)": a source negation that leaves its words out keeps those the simpler one
    # spells out, in the sentence where the source says them.
    src_elliptical = _elliptical(plain_src, src, src_negations) if len(said_negations) <= len(src_negations) else []
    for i in said_negations:
        if i + 1 < len(said) and said[i + 1].word in _PARTIAL_AFTER | _SETTLED:
            continue
        if _bounds(said, i):
            continue  # "do not take more than 4 g": a bound, which the numbers rule reads
        head = [w for w in content_after(plain_said, said, i, 1) if w in src_at.free and said_neg[w] > src_neg[w]]
        if head and any(_says_not(src, src_at.first[w]) for w in [head[0], *content_after(plain_said, said, i, 3)]
                        if w in src_at.first):
            continue  # "eliminate contact" said as "not have any contact", "forbid the export" as "not allow the export"
        if not head and not source_negates and not any(t.word in LEXICAL for t in src):
            # A source with no negation at all: the negated clause is matched by what else it says, or
            # failing that by what the words around it say ("6 trials, 202 participants, were not analysed").
            shared = [w for w in clause_of(plain_said, said, i) if w in src_at.first]
            near = dict.fromkeys(t.root for t in said[max(0, i - WINDOW):i + WINDOW] if t.root in src_at.first
                                 and t.word not in FUNCTION_WORDS and len(t.word) > 2 and not is_negation(t.word))
            head = shared if len(shared) >= FALLBACK_MIN else list(near) if len(near) >= NEAR_MIN else []
        if head and any(_same_sentence(plain_src, src, src_at.first[head[0]], e) for e in src_elliptical):
            continue
        if head:
            at = src_at.first[head[0]]
            found.append(Drift("negation", quote(plain_said, said, i - 1, i + 3),
                               quote(plain_src, src, at - 2, at + 1), "adds a negation to {source}"))
    unique: dict[str, Drift] = {}
    for d in found:
        unique.setdefault(d.said, d)
    return list(unique.values())


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
_AMOUNTS = frozenset({"a", "an", "half", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                      "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "third", "quarter"})


def _is_amount(word: str) -> bool:
    """Whether a word starts an amount ("than 3", "than a third", "to 30%"): what a bound is on."""
    return word[:1].isdigit() or word in _AMOUNTS
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
        if tok.word in ("more", "less", "fewer") and (_BOUNDS.match(before) or (after == "than" and _is_amount(after2))):
            continue
        if tok.word == "up" and after == "to" and _is_amount(after2):
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
        for word, distance in _context_by_distance(src, j):
            poles = near.setdefault(word, {})
            if pole not in poles or distance < poles[pole][0]:
                poles[pole] = (distance, j)
    for i, pole in directions(said):
        # What this direction word is about: its nearest neighbour the source moves one way only; reversed
        # if that is the other way ("declining animals, rising humans" keeps both).
        # A word the source moves both ways says nothing: the next one decides ("raises the risk of stroke").
        about = next((near[word] for word, _ in _context_by_distance(said, i) if word in near and len(near[word]) == 1), None)
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
        for word, _ in _context_by_distance(src, j, FAR):
            far.setdefault((word, other), j)
    for i, pole in said_directions:
        if pole in src_poles or _OPPOSITE_POLE[pole] not in src_poles or _OPPOSITE_POLE[pole] in said_poles:
            continue  # a reversal says the other way instead: one that also keeps the source's way adds a statement
        opposite_at = next((far[(word, _OPPOSITE_POLE[pole])] for word, _ in _context_by_distance(said, i, FAR)
                            if (word, _OPPOSITE_POLE[pole]) in far), None)
        if opposite_at is not None:
            return [Drift("direction", quote(plain_said, said, i, i + 2), quote(plain_src, src, opposite_at, opposite_at + 2),
                          "reverses the direction of {source}")]
    return []


FAR = 8
"""Words either side of a direction word that say what it moves, when the source never goes its way."""


def _context_by_distance(toks: list[Token], i: int, width: int = 4) -> list[tuple[str, int]]:
    """Stems of the content words around position i, nearest first (after before, at equal distance)."""
    found = []
    for distance in range(1, width + 1):
        for j in (i + distance, i - distance):
            if 0 <= j < len(toks) and toks[j].word not in FUNCTION_WORDS and len(toks[j].word) > 2 \
                    and _pole_of(toks[j].word) is None:
                found.append((toks[j].root, distance))
    return found


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
    found = []
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
