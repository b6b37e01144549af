"""Does a measure tell Spanish lay medical text from professional text? CLARA-MeD, fitted and held out.

CLARA-MeD (../shared/data/clara-med/aligned-dev.tsv) pairs a professional Spanish sentence with its
lay version (FILE_ID, SOURCE, TARGET). Two figures per measure:

- pairs: how often the lay sentence scores easier than its professional one;
- documents: the pairs grouped by FILE_ID into documents, read as written (every professional
  sentence) and swapped (every sentence replaced by its lay version): how often the swapped
  document scores easier. This is the figure that matters for Tailor, whose gate scores whole views.

A tie counts as wrong. Documents are split by FILE_ID into a fit split and a held-out split (a hash
of the id, so the split is the same everywhere): bench/fit_grade_es.py fits the Spanish tailor_grade
on the fit split only, and the held-out figures come from documents it never saw.

Run on its own, or from readability_validity.py (which prints the English table first):

    .venv/bin/python bench/spanish_validity.py   # writes bench/results/spanish_validity.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tailor.readability import _hyphenator, count, language_code, score, syllables, tailor_grade  # noqa: E402
from tailor.textprep import prepare_plain  # noqa: E402

Pair = tuple[str, str, str]
"""(FILE_ID, professional sentence, lay sentence)."""
HELD_OUT_SHARE = 3
"""Tenths of the FILE_IDs held out from fitting."""


def clara_pairs(data: Path) -> list[Pair]:
    """The usable pairs: three fields, both sides written, and the two sides different."""
    pairs = []
    with open(data / "clara-med" / "aligned-dev.tsv", encoding="utf-8") as lines:
        next(lines)  # the header: FILE_ID SOURCE TARGET
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3:
                continue  # a malformed row (notes pasted after the pair)
            file_id, professional, lay = fields
            if professional.strip() and lay.strip() and professional.strip() != lay.strip():
                pairs.append((file_id, professional, lay))
    return pairs


def held_out(file_id: str) -> bool:
    """Whether a FILE_ID is in the held-out split (about 30% of them), never fitted on."""
    return int(hashlib.sha256(file_id.encode("utf-8")).hexdigest(), 16) % 10 < HELD_OUT_SHARE


def documents(pairs: list[Pair]) -> dict[str, tuple[str, str]]:
    """FILE_ID -> (the document as written, the document with every sentence swapped for its lay version)."""
    grouped: dict[str, list[Pair]] = {}
    for pair in pairs:
        grouped.setdefault(pair[0], []).append(pair)
    # One sentence a line: each ends its own sentence, as the claims of a view do.
    return {file_id: ("\n".join(p[1] for p in group), "\n".join(p[2] for p in group)) for file_id, group in grouped.items()}


def english_weights_grade(text: str) -> float:
    """tailor_grade with the English weights on Spanish counts: the gate Spanish had before its own fit."""
    return tailor_grade(count(prepare_plain(text), "es"), "en")


def syllables_per_word(syllables_of: Callable[[str, str], int]) -> Callable[[str], float]:
    """Syllables per content word (tailor_grade's `syllables` part) counted by a syllable source."""
    def measure(text: str) -> float:
        counts = count(prepare_plain(text), "es", syllables_of=syllables_of)
        return counts.content_syllables / counts.content if counts.content else 0.0

    return measure


def pyphen_syllables(word: str, lang: str) -> int:
    """Syllables as pyphen's Spanish hyphenation dictionary splits a word (what Tailor used before)."""
    return 1 if any(ch.isdigit() for ch in word) else len(_hyphenator("es").positions(word.lower())) + 1


def textstat_measures() -> dict[str, tuple[Callable[[str], float], bool]]:
    """textstat's Spanish formulas, with the language passed explicitly: name -> (function, higher is harder)."""
    from textstat.backend import metrics

    return {
        "textstat fernandez_huerta": (lambda t: metrics.fernandez_huerta(t, "es"), False),
        "textstat szigriszt_pazos (INFLESZ)": (lambda t: metrics.szigriszt_pazos(t, "es"), False),
        "textstat gutierrez_polini": (lambda t: metrics.gutierrez_polini(t), False),
        "textstat crawford": (lambda t: metrics.crawford(t, "es"), True),
    }


def tailor_measures() -> dict[str, tuple[Callable[[str], float], bool]]:
    """Tailor's measures of Spanish text: name -> (function, higher is harder)."""
    return {
        "tailor tailor_grade (default gate)": (lambda t: score(t, "es").tailor_grade, True),
        "tailor fernandez_huerta": (lambda t: score(t, "es").fernandez_huerta, False),
        "tailor szigriszt_pazos": (lambda t: score(t, "es").szigriszt_pazos, False),
        "tailor tailor_grade, English weights": (english_weights_grade, True),
        "syllables per word, Spanish rule": (syllables_per_word(syllables), True),
        "syllables per word, pyphen es": (syllables_per_word(pyphen_syllables), True),
    }


def _share(hits: list[bool]) -> float:
    return round(100 * sum(hits) / len(hits), 1) if hits else 0.0


def evaluate(fn: Callable[[str], float], higher_is_harder: bool, pairs: list[Pair],
             docs: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Share of pairs and of documents whose lay version scores strictly easier, per split."""
    def easier(lay: str, professional: str) -> bool:
        a, b = fn(lay), fn(professional)
        return a < b if higher_is_harder else a > b

    pair_hits = [(held_out(f), easier(lay, pro)) for f, pro, lay in pairs]
    doc_hits = [(held_out(f), easier(lay, pro)) for f, (pro, lay) in docs.items()]
    longer = [hit for (f, (pro, _)), (_, hit) in zip(docs.items(), doc_hits, strict=True) if "\n" in pro]
    return {
        "pairs_fit": _share([hit for out, hit in pair_hits if not out]),
        "pairs_held_out": _share([hit for out, hit in pair_hits if out]),
        "documents_fit": _share([hit for out, hit in doc_hits if not out]),
        "documents_held_out": _share([hit for out, hit in doc_hits if out]),
        "documents_all": _share([hit for _, hit in doc_hits]),
        "documents_of_2_or_more_sentences": _share(longer),
    }


def spanish_table(data: Path) -> dict[str, object]:
    """Every measure on CLARA-MeD; printed as a table, returned as JSON data."""
    pairs = clara_pairs(data)
    docs = documents(pairs)
    rows = []
    for name, (fn, higher) in {**textstat_measures(), **tailor_measures()}.items():
        started = time.perf_counter()
        rows.append({"measure": name, **evaluate(fn, higher, pairs, docs), "seconds": round(time.perf_counter() - started, 1)})
    out_docs = sum(held_out(f) for f in docs)
    longer = sum("\n" in pro for pro, _ in docs.values())
    out_pairs = sum(held_out(p[0]) for p in pairs)
    print(f"CLARA-MeD: {len(pairs)} pairs that differ, in {len(docs)} documents (FILE_IDs); held out: {out_docs} "
          f"documents, {out_pairs} pairs; {longer} documents have 2 or more sentences (lay < professional; a tie is "
          "wrong)\n")
    print(f"| {'measure':38} | pairs, fit | pairs, held out | documents, fit | documents, held out | documents, all "
          "| documents of 2+ sentences |")
    print(f"|{'-' * 40}|-----------:|----------------:|---------------:|--------------------:|---------------:"
          "|--------------------------:|")
    for row in rows:
        print(f"| {row['measure']:38} | {row['pairs_fit']:9.1f}% | {row['pairs_held_out']:14.1f}% | "
              f"{row['documents_fit']:13.1f}% | {row['documents_held_out']:18.1f}% | {row['documents_all']:13.1f}% "
              f"| {row['documents_of_2_or_more_sentences']:24.1f}% |")
    return {"pairs": len(pairs), "documents": len(docs), "held_out_documents": out_docs, "held_out_pairs": out_pairs,
            "lang": language_code("es"), "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "spanish_validity.json")
    args = parser.parse_args()
    if not (args.data / "clara-med").is_dir():
        print(f"no CLARA-MeD at {args.data}; pass --data DIR (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    table = spanish_table(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
