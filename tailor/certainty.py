"""Certainty drift: a simpler phrasing that states as settled what its source hedges (may, suggest,
uncertain, low-certainty evidence), grades the evidence higher, or hedges what its source states."""

from __future__ import annotations

import re
from bisect import bisect_left

from .cues import (
    ASSOCIATION,
    BOOSTERS,
    HEDGE_ANTONYMS,
    HEDGES,
    MODAL_HEDGES,
    PREDICATIVE_HEDGES,
    WEAK_MODALS,
    content_after,
    content_before,
    is_negation,
)
from .health_words import NAMED, is_medical
from .lay_terms import LAY_WORDS
from .markup import plain_text
from .wording import (
    _CLAUSE_END,
    FUNCTION_WORDS,
    WINDOW,
    Drift,
    Token,
    clause_span,
    ends_clause,
    occurrences,
    quote,
    stem,
    tokens,
)

_LOW_CERTAINTY = re.compile(r"\b(?:low|very\s+low|moderate)[-\s](?:certainty|quality)\b"
                            r"|(?:\b(?:not|nor|never|cannot)|n[’']t)\s+(?:\w+\s+){0,3}?(?:sure|clear|known|certain|proven|confirm(?:ed)?|"
                            r"tested|established|studied|guaranteed|certainty|proved|confident)\b|\b(?:growing|increasing|emerging|some)\s+evidence\b"
                            r"|\bevidence\s+(?:\w+\s+)?points?\s+to\b|\b(?:not|nobody|nothing|no\s+one|never)\s+(?:\w+\s+)?(?:necessarily|always|inevitably)\b|\b(?:has|have|had)\s+the\s+potential\s+to\b|\b(?:no|without\s+a)\s+guarantee\b"
                            r"|\b(?:little|limited|insufficient|weak|scant|sparse)\s+(?:\w+\s+)?evidence\b|\bsmall\s+amount\s+of\s+evidence\b"
                            r"|\bno\s+(?:clear|good|reliable)\s+evidence\b|(?:\bnot|n[’']t)\s+(?:\w+\s+){0,2}?(?:enough|sufficient)\s+(?:\w+\s+)?(?:evidence|information|data)\b"
                            r"|\bdo(?:es)?\s+not\s+know\b|\bsome\s+(?:\w+\s+)?(?:indication|suggestion)s?\b"
                            r"|\b(?:certainty|quality)\s+of\s+(?:the\s+)?evidence\s+(?:\w+\s+){0,4}?(?:very\s+low|low|moderate)\b"
                            r"|\bevidence\s+(?:\w+\s+){0,6}?(?:is|was|are|were|remains?)\s+(?:\w+\s+)?lacking\b|\black\s+of\s+(?:\w+\s+)?evidence\b"
                            r"|\bdowngrad\w*\s+(?:\w+\s+){0,3}?(?:evidence|certainty|quality)\b|\b(?:evidence|certainty|quality)\s+(?:\w+\s+){0,3}?downgraded\b"
                            r"|\bfar\s+from\s+(?:certain|clear|sure|proven)\b|\b(?:little|small|slim)\s+(?:chance|likelihood|prospect)\b"
                            r"|\b(?:a|some|small|slight)\s+(?:risk|chance|possibility)\s+that\b"
                            r"|\bremains?\s+to\s+be\s+seen\b|\bpossible\s+that\b", re.IGNORECASE)
"""Hedges of more than one word: "low-certainty evidence", "it is not yet clear", "nor is it known"."""


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
    after = toks[i + 1].word if i + 1 < len(toks) else ""
    if word == "could" and ((i + 1 < len(toks) and is_negation(toks[i + 1].word)) or _negated_just_before(text, toks, i)):
        return False  # "could not get", "no way I could": what someone was unable to do, not a hedge
    if word in ("seem", "appear") and i and toks[i - 1].word in ("couldn't", "can't", "cannot"):
        return False  # "I couldn't seem to meet anyone": I could not
    if word in ("likely", "unlikely") and i and toks[i - 1].word in ("more", "less", "most", "least", "as", "equally"):
        return False  # "less likely to have": a comparison of how often, stated as a finding
    if word in PREDICATIVE_HEDGES and i and toks[i - 1].word == "the" and (
            ends_clause(text, toks, i) or toks[i + 1].word in FUNCTION_WORDS):
        return False  # "a taste of the unknown": a thing, not a hedge ("the likely cause" is one)
    if word == "expected" and i and toks[i - 1].word in ("than", "as"):
        return False  # "higher than expected": a comparison
    if word.startswith("appear") and (after in _PLACES | _NEXT_STATEMENT or ends_clause(text, toks, i)):
        return False  # "appeared in two hospitals", "a rash appeared and faded": it came, not how sure anyone is
    if word in ("tied", "connected") and after not in ("to", "with"):
        return False  # "tied up in clinic", "connected the drip": not a link between two findings
    if word.startswith("suggest") and any(is_negation(toks[j].word) for j in range(max(0, i - 2), i)):
        return False  # "I am not suggesting that ...": a disclaimer, not a hedge
    # "29 May", "in May": the month, written with its capital after the start of a sentence.
    return not (word == "may" and text[toks[i].start].isupper() and i and not text[:toks[i].start].rstrip().endswith((".", "!", "?")))


SEEMING = frozenset({"appear", "appears", "appeared", "seem", "seems", "seemed", "apparently", "expected"})
"""Hedges of how a thing looks ("appears to be falling", "is expected to"): of a thing that is no health claim,
a plain phrasing often leaves them out and states the same finding, so only a word that states it as settled
("shown", "proves", "will") beside it turns it into a stronger claim. Of a health claim ("appears safe in
pregnancy", "seems to reduce pain"), and for may, might, could, suggest, unclear, a link ("linked to" said as
"raises the risk") and the grades of the evidence, dropping the hedge is the drift."""
HEALTH_CLAIMS = frozenset(stem(w) for w in (
    "safe", "safer", "safety", "unsafe", "work", "works", "effective", "effectiveness", "benefit", "benefits",
    "beneficial", "help", "helps", "harm", "harms", "harmful", "reduce", "reduces", "lower", "lowers", "increase",
    "increases", "raise", "raises", "improve", "improves", "prevent", "prevents", "protect", "protects", "cure",
    "cures", "treat", "treats", "recover", "heal", "survive", "shrink", "cause", "causes", "kill", "risk", "better",
    "worse", "recommended", "healthy", "health", "disease", "drug", "dose", "treatment", "vaccine", "symptoms",
    "patients", "benign", "malignant", "normal", "abnormal", "rare", "side", "effects", "medicine", "tablet", "pill",
    "baby", "babies", "breast", "milk", "harmless", "tolerated", "toxic", "contagious", "infectious", "serious",
    "mild", "severe", "dangerous", "body", "blood", "heart", "brain", "lungs", "cells", "child", "children",
    "doctor", "hospital", "surgery", "operation", "therapy", "test", "scan", "diagnosis", "screening", "immune",
    "pregnant", "pregnancy", "allergic", "ill", "sick", "recovery", "relapse", "remission", "spread", "survival",
    "life")) | frozenset(NAMED) | frozenset(LAY_WORDS)
"""Words of a health claim (safety, an effect, a risk, a treatment, the body) and the names of conditions and
treatments: in medical text nearly every statement has one, so "appears" and "seems" are read there."""


def _health_claim(src: list[Token], i: int, statement: set[str]) -> bool:
    """Whether the statement a hedge at position i hedges is about health: a word of HEALTH_CLAIMS, or a word in its
    sentence that looks medical ("antibodies", "immunity") or starts as one of them does ("wound", "implant")."""
    return bool(statement & HEALTH_CLAIMS) or any(
        is_medical(t.word) or t.word in _HEALTH_WORDS for t in src[max(0, i - 8):i + 8])


_HEALTH_WORDS = frozenset({
    "antibody", "antibodies", "immune", "immunity", "protection", "protective", "condition", "conditions", "wound",
    "wounds", "implant", "implants", "heal", "heals", "healing", "recover", "recovery", "symptom", "symptoms", "medical",
    "medicine", "medicines", "clinic", "clinical", "nurse", "nurses", "injury", "injuries", "tissue", "organ", "organs",
    "gene", "genes", "genetic", "inherited", "virus", "viruses", "bacteria", "germs", "infection", "infections", "pain",
    "fever", "cough"})
_LINK_KEPT = frozenset({"tend", "tends", "tended", "involved", "related", "relationship", "connection", "connections"})
_PLACES = frozenset({"in", "at", "on", "inside", "among", "across", "around", "near", "before", "from", "within"})
BELIEFS = frozenset({"believed", "believe", "believes", "thought", "think", "thinks", "predicted", "predict", "predicts",
                     "estimated", "estimate", "estimates", "reportedly", "allegedly", "supposedly", "presumed",
                     "forecast", "forecasts", "projected", "assumed", "claimed", "claims", "hopes", "hoped", "fears",
                     "feared", "accused", "accuses", "alleged", "alleges", "suspect", "suspects", "suspicion", "suspected"})
"""Words that make a statement someone's belief or forecast: a simpler phrasing may say it with "probably"."""
BELIEF_REACH = 4
"""Words after a belief that it hedges in a simpler phrasing ("hoped [the research would help]")."""
OPEN = frozenset({"if", "whether", "unless", "danger", "threat", "threatened", "threatens", "looking", "plans",
                  "planning", "planned", "intend", "intends", "maximum", "sceptical", "skeptical", "unconvinced",
                  "doubt", "doubts", "doubted", "considering", "possibility"})
"""Words that leave a statement open (a condition, a threat, a plan, a maximum, a doubt): a simpler phrasing
may say it with "might" or "not sure"."""


def _negated_just_before(text: str, toks: list[Token], i: int) -> bool:
    """"No way I could", "nobody could": a negation of who could, among the 3 words before position i, in the
    same clause ("In people without diabetes, metformin could" is still a hedge)."""
    for j in range(i - 1, max(-1, i - 6), -1):
        if toks[j].word in _NEXT_STATEMENT or _CLAUSE_END.search(text[toks[j].start + len(toks[j].word):toks[j + 1].start]):
            return False
        if toks[j].word in ("no", "nobody", "nothing", "never", "neither", "none") and (
                j >= i - 3 or (toks[j + 1].word == "way" and all(t.word not in ("to", "of") for t in toks[j + 2:i]))):
            return True  # "no way a nurse could": five words back only for "no way" ("no way to predict who could": a hedge)
    return False


def _hedge_places(text: str, toks: list[Token], words: frozenset[str] = HEDGES) -> list[int]:
    places = [i for i in range(len(toks)) if _is_hedge(text, toks, i, words)]
    starts = [t.start for t in toks]
    places += [min(bisect_left(starts, m.start()), max(0, len(toks) - 1)) for m in _LOW_CERTAINTY.finditer(text)]
    return sorted(set(places))


def _about(text: str, toks: list[Token], i: int, count: int) -> list[str]:
    """Stems of the words a hedge at position i is about: those after it, and those before it too
    for a hedge said of what precedes it ("the effects remain [uncertain]", "it is [not clear]")."""
    after = content_after(text, toks, i, count)
    predicative = toks[i].word in PREDICATIVE_HEDGES or is_negation(toks[i].word)
    return after + content_before(text, toks, i, count) if predicative or not after else after


def _hedged(text: str, toks: list[Token], places: list[int]) -> set[int]:
    """Positions a hedge (or "can", "often") reaches: its clause, near it."""
    hedged: set[int] = set()
    at = set(places)  # a set: a phrasing with thousands of hedges stays linear
    for i, tok in enumerate(toks):
        if i in at or tok.word in WEAK_MODALS:
            last = clause_span(text, toks, i)[1]
            if tok.word in ("quality", "certainty") and tok.word not in HEDGES:
                # "the quality of the evidence on sleep was low": a rating of its own statement only.
                hedged.update(range(clause_span(text, toks, i)[0], last + 1))
            elif tok.word in PREDICATIVE_HEDGES or is_negation(tok.word) or tok.word not in HEDGES | WEAK_MODALS:
                # Said of the statement before it ("a 4-hour gap is usual, though it has not been tested"),
                # or a phrase that hedges its whole sentence ("increasing evidence points to ...").
                hedged.update(range(_sentence_start(text, toks, i), last + 1))
            else:
                # Near it, up to a next statement that is stated as settled ("may improve survival [and
                # will make] no difference").
                start, end = max(_sentence_start(text, toks, i), i - 8), _sentence_end(text, toks, i, 16)
                for j in range(i + 1, end + 1):
                    if toks[j].word in _NEXT_STATEMENT and any(t.word in BOOSTERS for t in toks[j + 1:j + 4]):
                        end = j - 1
                        break
                hedged.update(range(start, end + 1))
    return hedged


def _grades_a_link(said: list[Token], at: int) -> bool:
    """"The links are strong", "closely linked": how strong a link is said to be, not that it is a cause."""
    return said[at].word in ("strong", "strongly", "close", "closely") and any(
        t.word in ASSOCIATION for t in said[max(0, at - 8):at + 3])  # "the links between A, B and C are strong"


_NEXT_STATEMENT = frozenset({"and", "but", "while", "whereas", "although", "though", "however", "yet", "or"})
"""Words that start another statement: a hedge before them does not reach a "will" after them."""


def _sentence_start(text: str, toks: list[Token], i: int) -> int:
    """Position of the first word of the sentence around position i (at most 2 clauses' worth back)."""
    for j in range(i, max(0, i - 2 * WINDOW), -1):
        if re.search(r"[.!?;]", text[toks[j - 1].start + len(toks[j - 1].word):toks[j].start]):
            return j
    return max(0, i - 2 * WINDOW)


def _sentence_end(text: str, toks: list[Token], i: int, most: int) -> int:
    """Position of the last word of the sentence around position i, at most `most` words on: a hedge
    reaches on through commas ("may, in people with diabetes, lower ...") but not into the next sentence."""
    for j in range(i, min(len(toks) - 1, i + most)):
        if re.search(r"[.!?;]", text[toks[j].start + len(toks[j].word):toks[j + 1].start]):
            return j
    return min(len(toks) - 1, i + most)


def _sentences(text: str, toks: list[Token]) -> list[int]:
    """Which sentence of the text each word is in (0 for the first), found in one pass."""
    stops = [m.start() for m in _STOP.finditer(text)]
    return [bisect_left(stops, t.start) for t in toks]


def _boosters(text: str, toks: list[Token], source_words: set[str]) -> list[int]:
    """Positions of words that state a finding as settled and that the source does not use ("clear",
    "shown", "will"), unless a negation just before turns them round ("not clear")."""
    return [i for i, t in enumerate(toks) if t.word in BOOSTERS and t.word not in source_words
            and not any(is_negation(toks[j].word) for j in range(max(0, i - 2), i))]


_GRADE = re.compile(r"\b(very\s+low|low|moderate|high)[-\s](?:certainty|quality)\b"
                    r"|\b(?:certainty|quality)\s+of\s+(?:the\s+)?evidence\s+(?:\w+\s+){0,3}?(?:as\s+)?(very\s+low|low|moderate|high)\b"
                    r"|\bevidence\s+(?:of|with)\s+(very\s+low|low|moderate|high)\b", re.IGNORECASE)
_LEVELS = {"very low": 0, "low": 1, "moderate": 2, "high": 3}
"""GRADE levels of the certainty of evidence, lowest first."""


def _graded(text: str, toks: list[Token], bracketed: bool = False) -> set[int]:
    """Positions in a sentence that rates its evidence low or moderate ("... (moderate-quality evidence)."):
    the whole sentence is hedged, as Cochrane's plain summaries say it with "probably" or "may". With
    `bracketed`, only a rating in brackets counts: "X relieves coughs, but the evidence on sleep was low"
    rates another statement."""
    starts = [t.start for t in toks]
    found: set[int] = set()
    for m in _GRADE.finditer(text):
        if _LEVELS[" ".join(next(g for g in m.groups() if g).lower().split())] > _LEVELS["moderate"]:
            continue
        if bracketed and text.rfind("(", 0, m.start()) <= text.rfind(")", 0, m.start()):
            continue
        begin = max((e.end() for e in _STOP.finditer(text, 0, m.start())), default=0)
        stop = next((e.start() for e in _STOP.finditer(text, m.end())), len(text))
        found.update(range(bisect_left(starts, begin), bisect_left(starts, stop)))
    return found


_NOT_SIGNIFICANT = re.compile(r"\b(?:no|not|nor)\s+(?:\w+\s+){0,2}?significant(?:ly)?\b", re.IGNORECASE)


def _not_significant(text: str, toks: list[Token]) -> set[int]:
    """Positions in the clause of "no significant difference", "not statistically significant": a result that
    leaves it open, which a simpler phrasing may say with "may" ("there may be no difference")."""
    starts = [t.start for t in toks]
    found: set[int] = set()
    for m in _NOT_SIGNIFICANT.finditer(text):
        i = min(bisect_left(starts, m.start()), len(toks) - 1)
        first, last = clause_span(text, toks, i)
        found.update(range(first, last + 1))
    return found


_STOP = re.compile(r"[.!?](?=\s|$)")


def grades(text: str) -> list[tuple[int, str]]:
    """(level, words) of every certainty-of-evidence grade a text states ("low-certainty evidence")."""
    found = []
    for m in _GRADE.finditer(text):
        level = " ".join(next(g for g in m.groups() if g).lower().split())
        found.append((_LEVELS[level], m.group(0)))
    return found


ADDED_SCOPE = 2
"""Content words after a hedge the simpler phrasing adds that are matched with its source's words."""
ADDED_HEDGES = MODAL_HEDGES - {"could"}
"""Hedges that, added, lower a statement's certainty ("could" is as often what someone was able to do)."""


_UNLIKELY = re.compile(r"\bunlikely\b|\b(?:not|n't|never)\s+(?:very\s+)?likely\b"
                       r"|\b(?:little|small|slim|low)\s+(?:chance|likelihood|prospect)\b", re.IGNORECASE)
_LIKELY = re.compile(r"(?<!not )(?<!n't )(?<!never )(?<!less )(?<!very )\blikely\b"
                     r"|\b(?:good|high|strong)\s+(?:chance|likelihood|prospect)\b", re.IGNORECASE)


def _antonyms(plain_src: str, src: list[Token], plain_said: str, said: list[Token]) -> list[Drift]:
    """The source's hedge said as its settled counterpart: "uncertain" as "certain", "often" as "always"; and
    a likelihood turned round ("infection is likely" said as "there is little chance of infection")."""
    src_roots, said_roots = {t.root for t in src}, {t.root for t in said}
    found = []
    for before, after in ((_LIKELY, _UNLIKELY), (_UNLIKELY, _LIKELY)):
        was, now = before.search(plain_src), after.search(plain_said)
        if was and now and not after.search(plain_src) and not before.search(plain_said):
            found.append(Drift("certainty", now.group(0), was.group(0), "turns round the likelihood of {source}"))
    for i, tok in enumerate(src):
        settled = HEDGE_ANTONYMS.get(tok.word)
        if settled is None or stem(settled) in src_roots or tok.root in said_roots:
            continue
        for j, other in enumerate(said):  # by stem: "suggested" said as "showed", "suggest" as "shows"
            if other.root == stem(settled) and not any(is_negation(said[k].word) for k in range(max(0, j - 2), j)):
                found.append(Drift("certainty", quote(plain_said, said, j - 2, j + 1), quote(plain_src, src, i - 1, i + 1),
                                   "states as certain what {source} hedges"))
                break
    return found


def check_certainty(source: str, simple: str) -> list[Drift]:
    """The simpler phrasing states as certain what its source hedges, grades the evidence higher, or
    hedges what its source states; the words a hedge is about are how the two statements are matched,
    and each statement is compared on its own (a hedge kept in one clause does not cover another)."""
    plain_src, plain_said = plain_text(source), plain_text(simple)
    src_grades, said_grades = grades(plain_src), grades(plain_said)
    found: list[Drift] = []
    if src_grades and said_grades:
        # Grade by grade, highest first: "high for one outcome, low for another" said as "high and high".
        ranked_src = sorted(src_grades, reverse=True)
        for said_grade, src_grade in zip(sorted(said_grades, reverse=True), ranked_src, strict=False):
            if said_grade[0] > src_grade[0]:
                return [Drift("certainty", said_grade[1], src_grade[1], "grades the evidence higher than {source}")]
    src, said = tokens(plain_src), tokens(plain_said)
    src_places, said_places = _hedge_places(plain_src, src), _hedge_places(plain_said, said)
    boosters = _boosters(plain_said, said, {t.word for t in src})
    said_at, src_at = occurrences(said), occurrences(src)
    said_sentence = _sentences(plain_said, said)
    said_places_of: dict[str, list[int]] = {}
    for j, t in enumerate(said):
        said_places_of.setdefault(t.root, []).append(j)
    src_places_of: dict[str, list[int]] = {}
    for j, t in enumerate(src):
        src_places_of.setdefault(t.root, []).append(j)
    # "Smokers tend to", "may be involved in", "related to": a link kept in other words.
    linked = any(t.word in ASSOCIATION or t.word in _LINK_KEPT for t in said)
    # A belief or forecast keeps the statement it governs hedged ("he hoped the research would help"), not one
    # about something else ("people who believed it was dangerous now know it reduces ...").
    hedged = _hedged(plain_said, said, said_places) | {
        j for i, t in enumerate(said) if t.word in BELIEFS and not (i and said[i - 1].word in ("who", "which", "that"))
        for j in range(i + 1, min(len(said), i + 1 + BELIEF_REACH))} | _graded(plain_said, said, bracketed=True)
    said_content = len({t.root for t in said if t.word not in FUNCTION_WORDS and len(t.word) > 2})
    for i in src_places:
        places = [said_at.first[w] for w in _about(plain_src, src, i, 3) if w in said_at.first]
        # The statement around the hedge, its subject too: one word in common, and the simpler phrasing
        # may not make this statement at all.
        # A word that states it as settled ("will", "shown") next to it is evidence enough.
        first = clause_span(plain_src, src, i)[0]
        statement = set(_about(plain_src, src, i, 3)) | set(content_before(plain_src, src, i, 3)) | {
            t.root for t in src[max(first, i - 4):i] if plain_src[t.start].isupper() and t.word not in FUNCTION_WORDS}
        near = [b for b in boosters if b not in hedged and any(abs(b - p) <= 6 for p in places)
                and not (src[i].word in ASSOCIATION and _grades_a_link(said, b))]
        # A short phrasing shares fewer words ("It helps." for "... suggests it may help").
        if not places or (not near and len(statement & said_at.first.keys()) < min(2, len(statement), said_content)):
            continue
        # "may be associated with" is kept by "may" and by "linked to"; "can lower" drops the link.
        association = src[i].word in ASSOCIATION or any(t.word in ASSOCIATION for t in src[i + 1:i + 4])
        # Any place the simpler phrasing says the words may keep the hedge ("mention loneliness ... problems
        # often linked to loneliness").
        sentence = said_sentence[min(places)]
        kept = any(p in hedged and said_sentence[p] == sentence
                   for w in _about(plain_src, src, i, 3) for p in said_places_of.get(w, ()))
        if near or ((not kept or (association and not linked)) and not (
                src[i].word in SEEMING and not _health_claim(src, i, statement))):
            at = near[0] if near else min(places)
            found.append(Drift("certainty", quote(plain_said, said, at - 2, at + 1), quote(plain_src, src, i, i + 3),
                               "states as certain what {source} hedges"))
    found += _antonyms(plain_src, src, plain_said, said)
    src_hedged = _hedged(plain_src, src, sorted(set(src_places) | {i for i, t in enumerate(src) if t.word in BELIEFS | OPEN}))
    src_hedged |= _graded(plain_src, src) | _not_significant(plain_src, src)
    for i in _hedge_places(plain_said, said, ADDED_HEDGES):
        about = [w for w in _about(plain_said, said, i, ADDED_SCOPE) if w in src_at.first]
        places = [src_at.first[w] for w in about]
        if places and not any(p in src_hedged for w in about for p in src_places_of[w]):
            found.append(Drift("certainty", quote(plain_said, said, i, i + 3),
                               quote(plain_src, src, places[0] - 1, places[0] + 1), "hedges what {source} states"))
    unique: dict[str, Drift] = {}
    for d in found:
        unique.setdefault(d.said, d)
    return list(unique.values())
