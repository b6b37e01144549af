"""The words of a phrasing as the drift checks read them: tokens with stems, where they occur, clauses.

Pure string work, linear in the text's length: each text is read once into tokens and a table of where
each stem occurs, and every window a check looks through is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Drift:
    """One thing a simpler phrasing says that its source does not."""

    kind: str
    """negation | certainty | direction | terms"""
    said: str
    """The words of the simpler phrasing (empty when it lacks something its source says)."""
    source: str
    """The words of the source phrasing it contradicts (empty when the source lacks what is said)."""
    what: str
    """What drifted, for the message ("drops the negation", "reverses the direction of {source}")."""


@dataclass(frozen=True)
class Token:
    """A word of a phrasing, lower case, with where it starts."""

    word: str
    start: int
    root: str = ""
    """Its stem (see `stem`): how two phrasings' words are matched."""


_TOKEN = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*|\d+(?:[.,·]\d+)*", re.UNICODE)


def tokens(text: str) -> list[Token]:
    """The words of a plain text, lower case (apostrophes straightened)."""
    return list(_tokens(text))


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    # Every rule reads the same two phrasings: they are split into words once.
    return tuple(Token(m.group(0).lower().replace("’", "'"), m.start(), stem(m.group(0).lower().replace("’", "'")))
                 for m in _TOKEN.finditer(text))


@dataclass(frozen=True)
class Occurrences:
    """Where each stem of a text occurs, looked up once per text (so every check stays linear)."""

    first: dict[str, int]
    """Stem -> its first position."""
    reached: frozenset[str]
    """Stems with an occurrence a negation reaches."""
    free: frozenset[str]
    """Stems with an occurrence no negation reaches."""


def occurrences(toks: list[Token], reach: set[int] | frozenset[int] = frozenset()) -> Occurrences:
    """The stems of a text, where they first occur, and whether a negation reaches them."""
    first: dict[str, int] = {}
    reached: set[str] = set()
    free: set[str] = set()
    for i, tok in enumerate(toks):
        first.setdefault(tok.root, i)
        (reached if i in reach else free).add(tok.root)
    return Occurrences(first, frozenset(reached), frozenset(free))


def quote(text: str, toks: list[Token], first: int, last: int) -> str:
    """The words toks[first..last] as written."""
    first, last = max(0, first), min(len(toks) - 1, last)
    end = toks[last].start + len(toks[last].word)
    return " ".join(text[toks[first].start:end].split())


FUNCTION_WORDS = frozenset([
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is",
    "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there", "their",
    "they", "them", "he", "she", "his", "her", "we", "our", "you", "your", "i", "than", "then", "so", "such",
    "which", "who", "whom", "what", "when", "where", "how", "all", "any", "each", "other", "into", "over",
    "under", "about", "after", "before", "between", "during", "also", "can", "could", "may", "might", "will",
    "would", "should", "do", "does", "did", "has", "have", "had", "very", "only", "same", "both", "own", "just",
    "if", "whether", "here", "there", "now", "still", "even", "already", "usually", "any", "many", "much", "well",
    "yet", "ever", "really", "actually", "too", "more", "most", "less", "some", "one", "ones"
])
_CLAUSE_END = re.compile(r"[;:.!?,–—()]|\s-\s")


def ends_clause(text: str, toks: list[Token], i: int) -> bool:
    """Whether the word at position i is the last of its clause (or of the text)."""
    return i + 1 == len(toks) or bool(_CLAUSE_END.search(text[toks[i].start + len(toks[i].word):toks[i + 1].start]))


WINDOW = 12
"""Words a negation, hedge or clause is followed for: enough for a clause, and a bound on the work."""



def clause_span(text: str, toks: list[Token], i: int, width: int = WINDOW,
                ends: re.Pattern[str] = _CLAUSE_END) -> tuple[int, int]:
    """First and last positions of the clause around position i (of what `ends` bounds, within `width`)."""
    def gap(j: int) -> str:  # the text between word j and word j + 1
        return text[toks[j].start + len(toks[j].word):toks[j + 1].start]

    first = i
    while first > max(0, i - width) and not ends.search(gap(first - 1)):
        first -= 1
    last = i
    while last + 1 < min(len(toks), i + width) and not ends.search(gap(last)):
        last += 1
    return first, last



_SPELLING = (("aemia", "emia"), ("oea", "ea"), ("aeth", "eth"), ("oes", "es"), ("isation", "ization"), ("ise", "ize"),
             ("our", "or"), ("tre", "ter"), ("ph", "f"))


_IRREGULAR = {
    "understood": "understand", "took": "take", "taken": "take", "made": "make", "gave": "give", "given": "give",
    "shown": "show", "found": "find", "knew": "know", "known": "know", "saw": "see", "seen": "see", "kept": "keep",
    "held": "hold", "brought": "bring", "thought": "think", "told": "tell", "felt": "feel", "left": "leave",
    "lost": "lose", "paid": "pay", "sent": "send", "spent": "spend", "written": "write", "wrote": "write",
    "grew": "grow", "grown": "grow", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall",
    "ate": "eat", "eaten": "eat", "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose",
    "broke": "break", "broken": "break", "spoke": "speak", "spoken": "speak", "became": "become", "came": "come",
    "led": "lead", "fed": "feed", "bought": "buy", "caught": "catch", "taught": "teach", "sought": "seek",
    "drove": "drive", "driven": "drive", "won": "win", "ran": "run", "met": "meet", "built": "build",
    "sank": "sink", "sunk": "sink", "spoilt": "spoil", "burnt": "burn", "learnt": "learn", "spelt": "spell",
    "dreamt": "dream", "swam": "swim", "swum": "swim", "drank": "drink", "drunk": "drink", "sang": "sing",
    "sung": "sing", "rang": "ring", "rung": "ring", "bitten": "bite", "hid": "hide", "hidden": "hide",
    "froze": "freeze", "frozen": "freeze", "stole": "steal", "stolen": "steal", "wore": "wear", "worn": "wear",
    "tore": "tear", "torn": "tear", "shook": "shake", "shaken": "shake", "forgot": "forget", "forgotten": "forget",
    "forgave": "forgive", "forgiven": "forgive", "woke": "wake", "woken": "wake", "slept": "sleep", "swept": "sweep",
    "wept": "weep", "crept": "creep", "dealt": "deal", "meant": "mean", "bent": "bend", "lent": "lend",
    "struck": "strike", "stuck": "stick", "stung": "sting", "swung": "swing", "spun": "spin", "dug": "dig",
    "fought": "fight", "bled": "bleed", "bred": "breed", "fled": "flee", "slid": "slide",
    "flew": "fly", "flown": "fly", "threw": "throw", "thrown": "throw", "blew": "blow", "blown": "blow",
    "drew": "draw", "drawn": "draw", "withdrew": "withdraw", "withdrawn": "withdraw", "rode": "ride",
    "ridden": "ride", "sold": "sell", "heard": "hear", "stood": "stand", "sat": "sit",
    "daily": "day", "nightly": "night", "weekly": "week", "monthly": "month", "yearly": "year", "hourly": "hour",
}
"""Irregular verb forms and their bases ("not fully understood" and "do not understand" are one statement), and
how often as the time it counts ("not daily" and "not every day")."""


def base_form(word: str) -> str:
    """The base of an irregular verb form ("sank" -> "sink"), or the word."""
    return _IRREGULAR.get(word, word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem for matching a term across its forms and spellings (anaemia, anemic; statin, statins)."""
    w = word.lower().replace("’", "'").split("'")[0]
    w = _IRREGULAR.get(w, w)
    for british, american in _SPELLING:
        w = w.replace(british, american)
    for _ in range(2):  # "effectiveness" -> "effective" -> "effectiv", as "effective" -> "effectiv"
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                if suffix in ("ed", "ing") and w[-1] == w[-2] and w[-1] not in "lsz":
                    w = w[:-1]  # "stopped", "stopping" -> "stop", as "stop"
                break
    return w


_SUFFIXES = ("ically", "ations", "ation", "ities", "ity", "ness", "ments", "ment", "ingly", "ing", "ally", "ies", "ied",
             "ic", "ical", "ial", "al", "ed", "es", "s", "e", "y")


def shares_root(a: str, b: str) -> bool:
    """Two stems of one word: a common start of at least 5 letters and 3/4 of the shorter one, or the
    shorter one whole (anem-ic, anemia)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a == b or (n >= 5 and n >= 0.75 * min(len(a), len(b))) or (n >= 4 and n == min(len(a), len(b)))


class Roots:
    """Stems of a text, found again in a simpler one through `_shares_root`, bucketed by their first
    four letters so a lookup never reads the whole text."""

    def __init__(self, stems: Iterable[str]) -> None:
        self.exact = set(stems)
        self.buckets: dict[str, set[str]] = {}
        for s in self.exact:
            self.buckets.setdefault(s[:4], set()).add(s)

    def __contains__(self, root: object) -> bool:
        if not isinstance(root, str):
            return False
        return root in self.exact or any(shares_root(root, other) for other in self.buckets.get(root[:4], ()))
