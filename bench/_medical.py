"""Hand-written medical rewrites: clinician sentences with patient and student rewrites, faithful or with
one drift of a named kind, as the drift rules meet them in Tailor's own content.

Four sets of 240 rows (`labels/medical_rewrites_{a,b,c,d}.tsv`: label, kind, source, rewrite), each written
blind by a helper agent that never saw the rules (see `labels/README.md`). They are test fixtures, not
medical content: the drift rows are wrong on purpose. Set a was used to tune the rules; sets b and d were
measured once before they were used to tune them (the figures are in the README); set c has never been read.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels"
SETS = {"a (tuned on)": "medical_rewrites_a.tsv", "b (tuned on after one blind look)": "medical_rewrites_b.tsv",
        "c (held out)": "medical_rewrites_c.tsv", "d (tuned on after one blind look)": "medical_rewrites_d.tsv"}

Find = Callable[[str, str], Iterable[str]]
"""(source, rewrite) -> the kinds of drift found."""


@dataclass
class SetResult:
    """What the rules found on one set."""

    faithful: list[int] = field(default_factory=lambda: [0, 0])
    """[flagged, rows]"""
    alarm_kinds: Counter[str] = field(default_factory=Counter)
    caught: dict[str, list[int]] = field(default_factory=dict)
    """kind -> [found by its rule, rows]"""
    caught_any: list[int] = field(default_factory=lambda: [0, 0])


def measure(path: Path, find: Find) -> SetResult:
    """False alarms on the faithful rows and drifts found on the others."""
    result = SetResult()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            kinds = set(find(row["source"], row["rewrite"]))
            if row["label"] == "faithful":
                result.faithful[0] += bool(kinds)
                result.faithful[1] += 1
                result.alarm_kinds.update(kinds)
            else:
                hit = result.caught.setdefault(row["kind"], [0, 0])
                hit[0] += row["kind"] in kinds
                hit[1] += 1
                result.caught_any[0] += bool(kinds)
                result.caught_any[1] += 1
    return result


def table(find: Find, pct: Callable[[list[int]], str], hide_held_out: bool) -> dict[str, dict[str, object]]:
    """Print the medical-rewrite table; return it for the JSON."""
    print("\n| hand-written medical rewrites | faithful: false alarms | by kind | drifts found by their rule "
          "| by any rule |")
    print("|---|---:|---|---|---:|")
    out: dict[str, dict[str, object]] = {}
    for name, filename in SETS.items():
        path = LABELS / filename
        if not path.is_file() or (hide_held_out and "held out" in name):
            continue
        r = measure(path, find)
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(r.alarm_kinds.items())) or "none"
        caught = ", ".join(f"{k} {h}/{n}" for k, (h, n) in r.caught.items())
        total = [sum(h for h, _ in r.caught.values()), sum(n for _, n in r.caught.values())]
        print(f"| {name} | {pct(r.faithful)} | {by_kind} | {pct(total)}: {caught} | {pct(r.caught_any)} |")
        out[name] = {"faithful": r.faithful, "alarm_kinds": dict(r.alarm_kinds), "caught": r.caught,
                     "caught_any": r.caught_any}
    return out
