"""Fact drift: what a simpler phrasing says that its source phrasing does not.

Each detector compares one simpler phrasing with the source profile's phrasing of the same claim
and returns what drifted: the words of the simpler phrasing and the words of the source they
contradict. Word lists, not models: the same answer on every machine, offline, explainable in one
line. `bench/fact_drift.py` measures them on real simplifications with faults injected.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from .markup import plain_text
from .numbers import new_quantities
from .readability import word_frequency
from .terms import Zipf, check_terms
from .wording import (
    _CLAUSE_END,
    FUNCTION_WORDS,
    WINDOW,
    Drift,
    Token,
    clause_span,
    occurrences,
    quote,
    tokens,
)


def content_after(text: str, toks: list[Token], i: int, count: int) -> list[str]:
    """Stems of the next `count` content words after position i, within its clause: what a negation
    or hedge is about ("not [cause hypoglycemia]", "may [reduce] the risk")."""
    found: list[str] = []
    for j in range(i + 1, min(len(toks), i + 1 + WINDOW)):
        between = text[toks[j - 1].start + len(toks[j - 1].word):toks[j].start]
        if _CLAUSE_END.search(between):
            break
        word = toks[j].word
        if word in FUNCTION_WORDS or word in PARTIAL or is_negation(word) or word in HEDGES or len(word) < 3:
            continue
        if text[toks[j].start].isupper():
            continue  # a name is not what a statement says about it
        found.append(toks[j].root)
        if len(found) == count:
            break
    return found



# --- negation ----------------------------------------------------------------------------------

NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without",
                       "cannot", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont",
                       "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt"})
"""Words that negate what follows them (and every "n't"; "dont" as people type it without the apostrophe)."""
VERBAL_NEGATORS = frozenset({
    "prevent", "prevents", "prevented", "preventing", "stop", "stops", "stopped", "stopping", "block", "blocks",
    "blocked", "blocking", "avoid", "avoids", "avoided", "lack", "lacks", "lacked", "lacking", "fail", "fails",
    "failed", "absence", "instead", "rather", "lose", "loses", "lost", "refuse", "refused", "refuses", "deny",
    "denied", "denies", "reject", "rejected", "rejects", "oppose", "opposed", "opposes", "withdraw", "withdrew",
    "withdrawal", "delay", "delayed", "beyond", "against", "except", "exclude", "excluded", "hardly", "rarely",
    "seldom", "barely", "scarcely", "little", "free", "away", "disagree", "disagreed", "dislike", "declined",
    "far", "refrain", "refrained", "neglect", "neglected", "ignore", "ignored", "contraindicated", "contraindication",
    "contraindications", "discontinue", "discontinued", "withhold", "withheld", "cease", "ceased", "omit", "omitted",
})
"""Words that say "not" of what follows them: a simpler phrasing may use them for its source's negation."""
NEGATORS = VERBAL_NEGATORS | frozenset({
    "absent", "similar", "similarly", "same", "alike", "comparable", "equal", "equally", "equivalent", "unchanged",
    "minimal", "neutral", "inconclusive", "nil", "zero", "less", "fewer", "lower", "null", "void",
})
"""Words that say "not" without the word (of themselves, or of what follows)."""
PARTIAL = frozenset({"all", "every", "fully", "entirely", "completely", "always", "necessarily", "much", "many"})
"""After "not": a partial negation ("not all", "not fully"), which "some", "part" or "only" can say."""
PARTITIVES = frozenset({"some", "part", "partly", "partially", "only", "sometimes", "may", "might", "few", "yet",
                        "every", "detail", "all"})
_NOT_NEGATING = {("not", "only"), ("whether", "not"), ("or", "not"), ("no", "doubt"), ("nothing", "but"),
                 ("if", "not")}
_NEGATIVE_SUFFIXES = ("able", "ible", "ent", "ant", "ive", "al", "ate", "ete", "ure", "ar", "ous")


def is_negation(word: str) -> bool:
    """Whether a word negates (not, no, never, without, cannot, and every n't)."""
    return word in NEGATIONS or word.endswith("n't")


def negations(toks: list[Token]) -> list[int]:
    """Positions of the words that negate, skipping "not only", "whether or not"."""
    found = []
    for i, tok in enumerate(toks):
        if not is_negation(tok.word):
            continue
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        before = toks[i - 1].word if i else ""
        if (tok.word, after) in _NOT_NEGATING or (before, tok.word) in _NOT_NEGATING:
            continue
        found.append(i)
    return found


def is_negator(word: str, zipf: Zipf | None = None) -> bool:
    """Whether a word says "not" by itself: prevent, lack, unclear, insufficient, harmless."""
    if word in NEGATORS:
        return True
    if word.endswith("less") and len(word) > 6 and word not in ("unless", "nevertheless", "regardless"):
        return True
    zipf_of = zipf or word_frequency
    if word.startswith("un") and len(word) > 5 and zipf_of(word[2:], "en") >= 3.5:
        return True
    return (word[:2] in ("in", "im", "ir", "il") and word.endswith(_NEGATIVE_SUFFIXES) and len(word) > 6
            and zipf_of(word[2:], "en") >= 3.0)


def _negated(text: str, toks: list[Token], zipf: Zipf | None = None) -> set[int]:
    """Positions a negation reaches: its clause ("starting metformin is not recommended": the statement
    is negated, its subject too), the 5 words after a verb that negates ("prevents serotonin from being
    removed"), and a word that negates itself ("unclear", "harmless")."""
    reach: set[int] = set()
    for i in negations(toks):
        first, last = clause_span(text, toks, i)
        reach.update(range(max(first, i - 8), min(last, i + 8) + 1))
    for i, tok in enumerate(toks):
        if tok.word in VERBAL_NEGATORS or (tok.word not in NEGATORS and is_negator(tok.word, zipf)):
            reach.update(range(i, i + 6))  # "prevents [serotonin from being removed]", "unable [to give]"
        elif tok.word in NEGATORS:
            reach.add(i)
    return reach


def clause_of(text: str, toks: list[Token], i: int) -> list[str]:
    """Stems of the content words of the clause around position i."""
    first, last = clause_span(text, toks, i)
    return [t.root for t in toks[first:last + 1]
            if t.word not in FUNCTION_WORDS and t.word not in PARTIAL and not is_negation(t.word) and len(t.word) > 2]


def check_negation(source: str, simple: str, zipf: Zipf | None = None) -> list[Drift]:
    """A negated statement the simpler phrasing makes without its negation, or one it negates that its
    source states: the words the negation is about are how the two statements are matched."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src, said = tokens(plain_src), tokens(plain_said)
    src_reach, said_reach = _negated(plain_src, src, zipf), _negated(plain_said, said, zipf)
    src_at, said_at = occurrences(src, src_reach), occurrences(said, said_reach)
    partitive = any(t.word in PARTITIVES for t in said)
    any_negation = bool(said_reach)
    for i in negations(src):
        if i + 1 < len(src) and src[i + 1].word in PARTIAL and partitive:
            continue  # "not all of its effects" said as "part of its effect"
        # What the negation is about; words the source also states without a negation do not count.
        about = [w for w in content_after(plain_src, src, i, 2) if w not in src_at.free]
        places = [said_at.first[w] for w in about if w in said_at.free]
        if not places and not any_negation:
            places = [said_at.first[w] for w in clause_of(plain_src, src, i) if w not in src_at.free and w in said_at.first]
        if places and not any(w in said_at.reached for w in about):
            at = min(places)
            return [Drift("negation", quote(plain_said, said, at - 2, at + 1),
                          quote(plain_src, src, i - 1, i + 3), "drops a negation of {source}")]
    source_negates = bool(src_reach)
    for i in negations(said):
        head = [w for w in content_after(plain_said, said, i, 1) if w in src_at.first and w not in src_at.reached]
        if not head and not source_negates:
            # A source with no negation at all: the negated clause is matched by what else it says.
            shared = [w for w in clause_of(plain_said, said, i) if w in src_at.first]
            head = shared if len(shared) >= 2 else []
        if head:
            at = src_at.first[head[0]]
            return [Drift("negation", quote(plain_said, said, i - 1, i + 3),
                          quote(plain_src, src, at - 2, at + 1), "adds a negation to {source}")]
    return []


# --- certainty ---------------------------------------------------------------------------------

MODAL_HEDGES = frozenset({
    "may", "might", "could", "possibly", "perhaps", "probably", "probable", "likely", "unlikely", "appear", "appears",
    "appeared", "seem", "seems", "seemed", "uncertain", "unclear", "potentially", "maybe", "presumably", "apparently",
    "expected", "unsure",
})
"""Hedges that only ever hedge: a simpler phrasing that adds one makes its source's statement less certain."""
ASSOCIATION = frozenset({"associated", "association", "associations", "linked", "link", "links", "connected",
                         "correlated", "correlation", "tied"})
"""Words that say two things go together, not that one causes the other."""
HEDGES = MODAL_HEDGES | ASSOCIATION | frozenset({
    "suggest", "suggests", "suggested", "suggesting", "suggestive", "uncertainty", "unknown", "tentative",
    "tentatively", "insufficient", "inconclusive", "untested", "unproven", "plausible", "hypothesis", "hypothesized",
    "speculative", "questionable", "doubtful",
})
"""Words that say a finding is less than certain (or only a link, not a cause)."""
WEAK_MODALS = frozenset({"can", "sometimes", "often", "usually", "generally", "typically"})
"""Not hedges of their own ("can" is also ability), but a simpler phrasing may keep its source's "may" with them."""
BOOSTERS = frozenset({"always", "definitely", "certainly", "clearly", "proven", "proves", "proved", "confirms",
                      "confirmed", "guaranteed", "undoubtedly", "certain", "causes", "caused"})
"""Words that state a finding as settled: where the source hedges, they raise its certainty."""
_LOW_CERTAINTY = re.compile(r"\b(?:low|very\s+low|moderate)[-\s](?:certainty|quality)\b|\bnot\s+(?:sure|clear|known|"
                            r"certain|proven|confirm(?:ed)?)\b|\blittle\s+evidence\b|\bno\s+(?:clear|good|reliable)\s+"
                            r"evidence\b|\bdo(?:es)?\s+not\s+know\b|\bremains?\s+to\s+be\s+seen\b|\bpossible\s+that\b|\blimited\s+evidence\b",
                            re.IGNORECASE)


def hedges(text: str) -> list[str]:
    """The hedges of a plain text, in order ("may", "low-certainty evidence", "not known")."""
    found = [m.group(0) for m in _LOW_CERTAINTY.finditer(text)]
    toks = tokens(text)
    found += [t.word for i, t in enumerate(toks) if _is_hedge(text, toks, i, HEDGES)]
    return found


def _is_hedge(text: str, toks: list[Token], i: int, words: frozenset[str]) -> bool:
    word = toks[i].word
    if word not in words:
        return False
    # "29 May", "in May": the month, written with its capital after the start of a sentence.
    return not (word == "may" and text[toks[i].start].isupper() and i and not text[:toks[i].start].rstrip().endswith((".", "!", "?")))


def _hedge_places(text: str, toks: list[Token], words: frozenset[str] = HEDGES) -> list[int]:
    places = [i for i in range(len(toks)) if _is_hedge(text, toks, i, words)]
    starts = [t.start for t in toks]
    places += [min(bisect_left(starts, m.start()), max(0, len(toks) - 1)) for m in _LOW_CERTAINTY.finditer(text)]
    return sorted(set(places))


_GRADE = re.compile(r"\b(very\s+low|low|moderate|high)[-\s](?:certainty|quality)\b"
                    r"|\b(?:certainty|quality)\s+of\s+(?:the\s+)?evidence\s+(?:\w+\s+){0,3}?(?:as\s+)?(very\s+low|low|moderate|high)\b"
                    r"|\bevidence\s+(?:of|with)\s+(very\s+low|low|moderate|high)\b", re.IGNORECASE)
_LEVELS = {"very low": 0, "low": 1, "moderate": 2, "high": 3}
"""GRADE levels of the certainty of evidence, lowest first."""


def grades(text: str) -> list[tuple[int, str]]:
    """(level, words) of every certainty-of-evidence grade a text states ("low-certainty evidence")."""
    found = []
    for m in _GRADE.finditer(text):
        level = " ".join(next(g for g in m.groups() if g).lower().split())
        found.append((_LEVELS[level], m.group(0)))
    return found


def check_certainty(source: str, simple: str) -> list[Drift]:
    """The simpler phrasing states as certain what its source hedges, grades the evidence higher, or
    hedges what its source states; the words after the hedge are how the two statements are matched."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src_grades, said_grades = grades(plain_src), grades(plain_said)
    if src_grades and said_grades:
        top = max(src_grades)
        higher = [g for g in said_grades if g[0] > top[0]]
        if higher:
            return [Drift("certainty", higher[0][1], top[1], "grades the evidence higher than {source}")]
    src, said = tokens(plain_src), tokens(plain_said)
    src_places, said_places = _hedge_places(plain_src, src), _hedge_places(plain_said, said)
    src_words = {t.word for t in src}
    boosted = [i for i, t in enumerate(said) if t.word in BOOSTERS and t.word not in src_words]
    said_at = occurrences(said)
    src_at = occurrences(src)
    linked = any(t.word in ASSOCIATION for t in said)
    # Where the simpler phrasing keeps a hedge: around each hedge (or "can", "often"), the clause it hedges.
    hedged: set[int] = set()
    for i, tok in enumerate(said):
        if i in said_places or tok.word in WEAK_MODALS:
            first, last = clause_span(plain_said, said, i)
            hedged.update(range(max(first, i - 3), min(last, i + 8) + 1))
    for i in src_places:
        places = [said_at.first[w] for w in content_after(plain_src, src, i, 3) if w in said_at.first]
        # "may be associated with" is kept by "may" and by "linked to"; "can lower" drops the link.
        association = src[i].word in ASSOCIATION or any(t.word in ASSOCIATION for t in src[i + 1:i + 4])
        unhedged = places and not any(p in hedged for p in places)
        if places and (unhedged or boosted or (association and not linked)):
            at = boosted[0] if boosted else min(places)
            return [Drift("certainty", quote(plain_said, said, at - 2, at + 1), quote(plain_src, src, i, i + 3),
                          "states as certain what {source} hedges")]
    if src_places:
        return []
    for i in _hedge_places(plain_said, said, MODAL_HEDGES):
        places = [src_at.first[w] for w in content_after(plain_said, said, i, 1) if w in src_at.first]
        if places:
            return [Drift("certainty", quote(plain_said, said, i, i + 3), quote(plain_src, src, places[0] - 1, places[0] + 1),
                          "hedges what {source} states")]
    return []


# --- direction ---------------------------------------------------------------------------------

def _forms(*stems: str) -> frozenset[str]:
    out: set[str] = set()
    for s in stems:
        base = s[:-1] if s.endswith("e") else s
        out.update({s, s + "s", base + "ed", base + "ing"} | ({s + "d"} if s.endswith("e") else set()))
    return frozenset(out)


UP = _forms("increase", "raise", "rise", "boost", "enhance", "augment", "elevate", "accumulate", "grow", "gain", "exceed",
            "strengthen", "double", "triple", "heighten", "expand", "amplify") | frozenset({
    "rose", "risen", "grew", "grown", "higher", "highest", "more", "greater", "greatest", "larger", "largest",
    "bigger", "biggest", "stronger", "strongest", "up", "upward", "extra", "increment", "surge", "spike",
    "elevation", "accumulation", "growth", "excess"})
DOWN = _forms("decrease", "reduce", "lower", "fall", "drop", "decline", "diminish", "shrink", "weaken", "suppress",
              "inhibit", "deplete", "halve", "shorten", "lessen", "attenuate", "dampen") | frozenset({
    "fell", "fallen", "dropped", "dropping", "lowest", "less", "fewer", "fewest", "smaller", "smallest",
    "weaker", "weakest", "down", "downward", "reduction", "decrement", "inhibition", "suppression", "depletion",
    "loss", "deficiency", "deficit", "slows", "slowed", "slowing", "cuts", "cutting", "impair", "impairs", "impaired",
    "impairment"})
BETTER = _forms("improve", "benefit", "relieve", "heal") | frozenset({"better", "best", "improvement", "beneficial"})
WORSE = _forms("worsen", "harm", "deteriorate", "aggravate", "impair") | frozenset({"worse", "worst", "harmful",
                                                                                  "deterioration", "impairment"})
_AXES = (("up", UP, "down", DOWN), ("better", BETTER, "worse", WORSE))
_OPPOSITE_POLE = {"up": "down", "down": "up", "better": "worse", "worse": "better"}
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
        if tok.word in ("more", "less", "fewer") and (_BOUNDS.match(before) or (after == "than" and after2[:1].isdigit())):
            continue
        for pole_a, words_a, pole_b, words_b in _AXES:
            if tok.word in words_a:
                found.append((i, pole_a))
            elif tok.word in words_b:
                found.append((i, pole_b))
    return found


def _context(toks: list[Token], i: int, width: int = 4) -> set[str]:
    """Stems of the content words around position i: what a direction word is about."""
    return {t.root for t in toks[max(0, i - width):i + width + 1]
            if t.word not in FUNCTION_WORDS and len(t.word) > 2 and t is not toks[i]}


def check_direction(source: str, simple: str) -> list[Drift]:
    """The simpler phrasing moves something the opposite way from its source (up for down, worse for
    better): a direction word whose neighbours match those of an opposite one in the source, and of
    no source word going the same way."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src, said = tokens(plain_src), tokens(plain_said)
    # Context stem -> the nearest source direction word to it: (distance, position, pole).
    near: dict[str, tuple[int, int, str]] = {}
    for j, pole in directions(src):
        for word, distance in _context_by_distance(src, j):
            if word not in near or distance < near[word][0]:
                near[word] = (distance, j, pole)
    for i, pole in directions(said):
        # What this direction word is about: its nearest neighbour the source also moves.
        about = next(((word, near[word]) for word, _ in _context_by_distance(said, i) if word in near), None)
        if about is not None and about[1][2] == _OPPOSITE_POLE[pole]:
            opposite = about[1][1]
            return [Drift("direction", quote(plain_said, said, i, i + 2), quote(plain_src, src, opposite, opposite + 2),
                          "reverses the direction of {source}")]
    return []


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
    """Everything a simpler phrasing says that its source does not, every kind."""
    return [*check_numbers(source, simple), *check_negation(source, simple, zipf), *check_certainty(source, simple),
            *check_direction(source, simple), *check_terms(source, simple, known, lang, zipf)]
