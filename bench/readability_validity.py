"""Does a readability measure order real audience versions correctly?

Reads ../shared/data (or --data DIR): OneStopEnglish (each text at elementary, intermediate and
advanced level) and Cochrane (technical abstract vs plain-language summary of the same review).
For every textstat metric, every Tailor metric and Tailor's default gate, prints how often the
easier version scores easier, and writes the table as JSON.

    .venv/bin/python bench/readability_validity.py [--data ../shared/data] [--out bench/results/readability_validity.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _textstat_offline import TEXTSTAT_METRICS

from tailor.readability import DEFAULT_METRIC, METRICS, count, easier_is_lower, score, tailor_grade
from tailor.textprep import prepare_plain


def grade_from_frequencies(text: str) -> float:
    """tailor_grade as a language without a familiar-word list gets it: familiarity from wordfreq."""
    return tailor_grade(count(prepare_plain(text), "en", easy=frozenset()))

REPO = Path(__file__).resolve().parent.parent
LEVELS = ("Ele", "Int", "Adv")
_LABEL = re.compile(r"\A\s*(?:Elementary|Intermediate|Advanced)[ \t]*\n")
"""Every intermediate file opens with the line "Intermediate": a corpus label, not text a reader reads."""


def cochrane_pairs(data: Path) -> list[tuple[str, str]]:
    """(plain summary, abstract) pairs: the first is written for lay readers."""
    folder = data / "cochrane-simplification"
    pairs = []
    for split in ("val", "test"):
        sources = (folder / f"{split}.source").read_text(encoding="utf-8").splitlines()
        targets = (folder / f"{split}.target").read_text(encoding="utf-8").splitlines()
        pairs += list(zip(targets, sources, strict=True))
    return pairs


def ose_stems(data: Path) -> list[str]:
    """The OneStopEnglish article names, in the order of ose_triples."""
    return [ele.name[: -len("-ele.txt")] for ele in sorted((data / "onestopenglish" / "Ele").glob("*-ele.txt"))]


def ose_triples(data: Path) -> list[tuple[str, str, str]]:
    """(elementary, intermediate, advanced) versions of the same article."""
    folder = data / "onestopenglish"
    triples = []
    for stem in ose_stems(data):
        texts = tuple(_LABEL.sub("", (folder / level / f"{stem}-{level.lower()}.txt").read_text(encoding="utf-8-sig"))
                      for level in LEVELS)
        triples.append(texts)
    return triples


def _vocabulary(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)}


def matched(triple: tuple[str, str, str]) -> bool:
    """Whether the three levels are versions of one article: a few OneStopEnglish triples pair
    different articles (e.g. "WNL The millenials": the elementary file is about e-cigarettes)."""
    a, b, c = map(_vocabulary, triple)
    return min(len(a & b) / max(1, len(a | b)), len(b & c) / max(1, len(b | c))) >= 0.15


def harder(higher_is_harder: bool):
    return (lambda a, b: a < b) if higher_is_harder else (lambda a, b: a > b)


def evaluate(fn, higher_is_harder: bool, pairs, triples, stems=None) -> dict:
    """Share of Cochrane pairs and OneStopEnglish triples whose easier version scores easier."""
    easier = harder(higher_is_harder)
    cochrane = sum(easier(fn(plain), fn(abstract)) for plain, abstract in pairs) / len(pairs)
    scored = [tuple(fn(t) for t in triple) for triple in triples]
    ose_order = sum(easier(a, b) and easier(b, c) for a, b, c in scored) / len(scored)
    ose_pairs = sum(easier(a, b) + easier(b, c) + easier(a, c) for a, b, c in scored) / (3 * len(scored))
    kept = [s for s, triple in zip(scored, triples, strict=True) if matched(triple)]
    ose_matched = sum(easier(a, b) and easier(b, c) for a, b, c in kept) / len(kept)
    # Which texts a measure gets wrong, so a reader can see whether they are corpus defects.
    missed = [(stem, matched(triple)) for stem, triple, (a, b, c) in zip(stems or [""] * len(triples), triples, scored, strict=True)
              if not (easier(a, b) and easier(b, c))]
    return {"cochrane": round(100 * cochrane, 1), "ose_order": round(100 * ose_order, 1),
            "ose_order_matched": round(100 * ose_matched, 1), "ose_pairs": round(100 * ose_pairs, 1),
            "ose_misordered": [f"{stem}{'' if same else ' (levels are different articles)'}" for stem, same in missed]}


SPANISH_FORMULAS = ("fernandez_huerta", "szigriszt_pazos")


def run_spanish(data: Path) -> dict | None:
    """The Spanish table (spanish_validity.py) after the English one, when CLARA-MeD is there."""
    if not (data / "clara-med").is_dir():
        return None
    from spanish_validity import spanish_table

    print()
    return spanish_table(data)


def default_targets(data: Path, pairs: list[tuple[str, str]], triples: list[tuple[str, str, str]]) -> list[dict]:
    """Each shipped readability target (variants/profiles.yaml) and the share of each corpus's texts it passes.

    A gate that fails good text teaches people to switch it off: the clinician maximum must pass real
    professional abstracts, and the table shows how far real lay texts are from the patient maximum.
    """
    from tailor.load import load_site

    corpora = {
        "Cochrane abstracts (professional)": [abstract for _, abstract in pairs],
        "Cochrane plain-language summaries (lay)": [plain for plain, _ in pairs],
        "OneStopEnglish advanced": [t[2] for t in triples],
        "OneStopEnglish intermediate": [t[1] for t in triples],
        "OneStopEnglish elementary": [t[0] for t in triples],
    }
    scores = {name: [score(text, "en") for text in texts] for name, texts in corpora.items()}
    rows = []
    for profile in load_site(REPO / "variants").profiles.items:
        for target in profile.targets:
            row: dict = {"profile": profile.id, "metric": target.metric, "min": target.min, "max": target.max}
            for name, scored in scores.items():
                values = sorted(s.get(target.metric) for s in scored)
                passed = sum((target.max is None or v <= target.max) and (target.min is None or v >= target.min)
                             for v in values)
                row[name] = {"pass": round(100 * passed / len(values), 1), "median": round(values[len(values) // 2], 1)}
            rows.append(row)
    return rows


def print_default_targets(rows: list[dict]) -> None:
    """The defaults table: pass rate (and median score) of each shipped target on each corpus."""
    corpora = [key for key in rows[0] if key not in ("profile", "metric", "min", "max")]
    print("\nShipped targets (variants/profiles.yaml): share of each corpus's texts that pass (median score)\n")
    print("| target | " + " | ".join(corpora) + " |")
    print("|---|" + "---:|" * len(corpora))
    for row in rows:
        bound = " and ".join(part for part in (f"min {row['min']:g}" if row["min"] is not None else "",
                                               f"max {row['max']:g}" if row["max"] is not None else "") if part)
        cells = " | ".join(f"{row[c]['pass']:.1f}% ({row[c]['median']:.1f})" for c in corpora)
        print(f"| {row['profile']} {row['metric']} {bound} | {cells} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "readability_validity.json")
    args = parser.parse_args()
    if not (args.data / "onestopenglish").is_dir():
        print(f"no corpora at {args.data}; pass --data DIR (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    pairs, triples, stems = cochrane_pairs(args.data), ose_triples(args.data), ose_stems(args.data)
    rows = []
    for name, (fn, higher) in TEXTSTAT_METRICS.items():
        started = time.perf_counter()
        rows.append({"measure": f"textstat {name}", **evaluate(fn, higher, pairs, triples, stems),
                     "seconds": round(time.perf_counter() - started, 1)})
    for metric in METRICS:
        if metric in SPANISH_FORMULAS:
            continue  # Spanish formulas: see the Spanish table
        started = time.perf_counter()
        label = f"tailor {metric}" + (" (default gate)" if metric == DEFAULT_METRIC else "")
        measure = evaluate(lambda t, m=metric: score(t, "en").get(m), easier_is_lower(metric), pairs, triples, stems)
        rows.append({"measure": label, **measure,
                     "seconds": round(time.perf_counter() - started, 1)})
    started = time.perf_counter()
    rows.append({"measure": "tailor tailor_grade, wordfreq familiarity", **evaluate(
        grade_from_frequencies, True, pairs, triples, stems), "seconds": round(time.perf_counter() - started, 1)})
    targets = default_targets(args.data, pairs, triples)
    kept = sum(map(matched, triples))
    print(f"Cochrane: {len(pairs)} pairs (plain summary < abstract); OneStopEnglish: {len(triples)} texts "
          f"(ele < int < adv), {kept} whose three levels are one article\n")
    print(f"| {'measure':44} | Cochrane | OSE order | OSE order, matched | OSE pairs |")
    print(f"|{'-' * 46}|---------:|----------:|-------------------:|----------:|")
    for row in rows:
        print(f"| {row['measure']:44} | {row['cochrane']:7.1f}% | {row['ose_order']:8.1f}% | "
              f"{row['ose_order_matched']:17.1f}% | {row['ose_pairs']:8.1f}% |")
    print_default_targets(targets)
    spanish = run_spanish(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"cochrane_pairs": len(pairs), "ose_texts": len(triples), "ose_matched": kept,
                                    "rows": rows, "default_targets": targets, "spanish": spanish},
                                   indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
