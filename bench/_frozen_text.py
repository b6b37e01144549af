"""The words of a text as the bench reads them (tokens and crude stems), frozen as `tailor.wording` had
them at commit 297b1e2.

The bench aligns sentence pairs, injects faults and decides which faults are real drifts with these:
if it used `tailor.wording`, a change to a rule's stemming would change which pairs are aligned and
which faults are kept, and so move its own yardstick (and the ids of the judged pairs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    """A word, lower case, with where it starts and its stem."""

    word: str
    start: int
    root: str = ""


_TOKEN = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w))*|\d+(?:[.,·]\d+)*", re.UNICODE)
_SPELLING = (("aemia", "emia"), ("oea", "ea"), ("aeth", "eth"), ("oes", "es"), ("isation", "ization"), ("ise", "ize"),
             ("our", "or"), ("tre", "ter"), ("ph", "f"))
_SUFFIXES = ("ically", "ations", "ation", "ities", "ity", "ness", "ments", "ment", "ingly", "ing", "ally", "ies", "ied",
             "ic", "ical", "ial", "al", "ed", "es", "s", "e", "y")


def tokens(text: str) -> list[Token]:
    """The words of a plain text, lower case (apostrophes straightened)."""
    found = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        found.append(Token(word, m.start(), stem(word)))
    return found


def stem(word: str) -> str:
    """A crude stem (anaemia, anemic; statin, statins)."""
    w = word.lower().replace("’", "'").split("'")[0]
    for british, american in _SPELLING:
        w = w.replace(british, american)
    for _ in range(2):  # "effectiveness" -> "effective" -> "effectiv", as "effective" -> "effectiv"
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
    return w
