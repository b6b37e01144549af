"""The word lists the fault injectors of `fact_drift.py` read, frozen as they were when the bench was
first run (commit 475f17d).

The injectors must not read the detectors' own lists: a hedge or negation added to `tailor.drift`
would change which faults are injected (and which phrasings are skipped as "not a fair test"), so a
change to a rule would move its own yardstick.
"""

from __future__ import annotations

import re

from _frozen_text import Token, tokens

NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "nowhere", "neither", "nor", "without",
                       "cannot", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont",
                       "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt"})
_NOT_NEGATING = {("not", "only"), ("whether", "not"), ("or", "not"), ("no", "doubt"), ("nothing", "but"),
                 ("if", "not")}


def _is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def negations(toks: list[Token]) -> list[int]:
    """Positions of the words that negate, skipping "not only", "whether or not"."""
    found = []
    for i, tok in enumerate(toks):
        if not _is_negation(tok.word):
            continue
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        before = toks[i - 1].word if i else ""
        if (tok.word, after) in _NOT_NEGATING or (before, tok.word) in _NOT_NEGATING:
            continue
        found.append(i)
    return found


HEDGES = frozenset({
    "may", "might", "could", "possibly", "perhaps", "probably", "probable", "likely", "unlikely", "appear", "appears",
    "appeared", "seem", "seems", "seemed", "uncertain", "unclear", "potentially", "maybe", "presumably", "apparently",
    "expected", "unsure", "associated", "association", "associations", "linked", "link", "links", "connected",
    "correlated", "correlation", "tied", "suggest", "suggests", "suggested", "suggesting", "suggestive", "uncertainty",
    "unknown", "tentative", "tentatively", "insufficient", "inconclusive", "untested", "unproven", "plausible",
    "hypothesis", "hypothesized", "speculative", "questionable", "doubtful",
})
_LOW_CERTAINTY = re.compile(r"\b(?:low|very\s+low|moderate)[-\s](?:certainty|quality)\b|\bnot\s+(?:sure|clear|known|"
                            r"certain|proven|confirm(?:ed)?)\b|\blittle\s+evidence\b|\bno\s+(?:clear|good|reliable)\s+"
                            r"evidence\b|\bdo(?:es)?\s+not\s+know\b|\bremains?\s+to\s+be\s+seen\b|\bpossible\s+that\b|"
                            r"\blimited\s+evidence\b", re.IGNORECASE)


def hedges(text: str) -> list[str]:
    """The hedges of a plain text, in order ("may", "low-certainty evidence", "not known")."""
    found = [m.group(0) for m in _LOW_CERTAINTY.finditer(text)]
    toks = tokens(text)
    for i, t in enumerate(toks):
        if t.word not in HEDGES:
            continue
        month = (t.word == "may" and text[t.start].isupper() and i
                 and not text[:t.start].rstrip().endswith((".", "!", "?")))
        if not month:
            found.append(t.word)
    return found


def _forms(*stems: str) -> frozenset[str]:
    out: set[str] = set()
    for s in stems:
        base = s[:-1] if s.endswith("e") else s
        out.update({s, s + "s", base + "ed", base + "ing"} | ({s + "d"} if s.endswith("e") else set()))
    return frozenset(out)


_UP = _forms("increase", "raise", "rise", "boost", "enhance", "augment", "elevate", "accumulate", "grow", "gain",
             "exceed", "strengthen", "double", "triple", "heighten", "expand", "amplify") | frozenset({
    "rose", "risen", "grew", "grown", "higher", "highest", "more", "greater", "greatest", "larger", "largest",
    "bigger", "biggest", "stronger", "strongest", "up", "upward", "extra", "increment", "surge", "spike",
    "elevation", "accumulation", "growth", "excess"})
_DOWN = _forms("decrease", "reduce", "lower", "fall", "drop", "decline", "diminish", "shrink", "weaken", "suppress",
               "inhibit", "deplete", "halve", "shorten", "lessen", "attenuate", "dampen") | frozenset({
    "fell", "fallen", "dropped", "dropping", "lowest", "less", "fewer", "fewest", "smaller", "smallest",
    "weaker", "weakest", "down", "downward", "reduction", "decrement", "inhibition", "suppression", "depletion",
    "loss", "deficiency", "deficit", "slows", "slowed", "slowing", "cuts", "cutting", "impair", "impairs", "impaired",
    "impairment"})
_BETTER = _forms("improve", "benefit", "relieve", "heal") | frozenset({"better", "best", "improvement", "beneficial"})
_WORSE = _forms("worsen", "harm", "deteriorate", "aggravate", "impair") | frozenset({
    "worse", "worst", "harmful", "deterioration", "impairment"})
_DIRECTED = _UP | _DOWN | _BETTER | _WORSE
_BOUNDS = re.compile(r"^(?:or|and)$|^\d")


def directions(toks: list[Token]) -> list[int]:
    """Positions of the direction words no negation just before turns around (not "more than 3")."""
    negated = {j for i in negations(toks) for j in range(i + 1, i + 4)}
    found = []
    for i, tok in enumerate(toks):
        if i in negated or tok.word not in _DIRECTED:
            continue
        before = toks[i - 1].word if i else ""
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        after2 = toks[i + 2].word if i + 2 < len(toks) else ""
        if tok.word in ("more", "less", "fewer") and (_BOUNDS.match(before) or (after == "than" and after2[:1].isdigit())):
            continue
        found.append(i)
    return found
