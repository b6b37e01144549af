"""Blind judgements of the aligned OneStopEnglish pairs: is the simpler sentence a faithful
simplification of its source, or does it say something the source does not (and of which kind)?

`labels/onestopenglish.tsv` holds one line per aligned pair: its id (`pair_id`), `faithful`, `drift`
or `misaligned`, and for a drift the kinds (numbers, negation, certainty, direction, terms, other).
No corpus text is stored: the id is a hash of the two sentences. How the judgements were made is in
`labels/README.md`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels" / "onestopenglish.tsv"


def pair_id(source: str, simple: str) -> str:
    """The id of an aligned pair: the first 16 hex digits of the SHA-256 of its two sentences."""
    return hashlib.sha256((source + "\n" + simple).encode()).hexdigest()[:16]


def judgements(path: Path = LABELS) -> dict[str, tuple[str, frozenset[str]]]:
    """Pair id -> (judgement, kinds of drift)."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    if not path.is_file():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pid, label, kinds = [*line.split("\t"), "", ""][:3]
        found[pid] = (label, frozenset(k for k in kinds.split(",") if k))
    return found
