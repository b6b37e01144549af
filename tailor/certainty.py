"""Certainty drift: a simpler phrasing that states as settled what its source hedges (may, suggest,
uncertain, low-certainty evidence), grades the evidence higher, or hedges what its source states."""

from __future__ import annotations

import re
from bisect import bisect_left

from .cues import ASSOCIATION, BOOSTERS, HEDGES, MODAL_HEDGES, WEAK_MODALS, content_after
from .markup import plain_text
from .wording import Drift, Token, clause_span, occurrences, quote, tokens

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
