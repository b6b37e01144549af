"""Fit the Spanish tailor_grade on the fit split of CLARA-MeD; the held-out split is never read here.

For every pair of the fit split (spanish_validity.held_out is False), computes tailor_grade's parts
(readability.grade_parts, the names in spanish.GRADE_WEIGHTS) of the professional and the lay
sentence, and fits the weights under which the lay version scores easier: a pairwise logistic
regression on professional-minus-lay differences, as bench/fit_grade.py does for English. Five
folds inside the fit split say what to expect on unseen text; spanish_validity.py then reports the
shipped weights on the held-out split.

The weights only order texts; their scale is set so that grades mean school years: the grades get
the mean and spread of the school grades that Fernández-Huerta's published reading levels give the
same documents (fit split only). Prints Python for tailor/spanish.py.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/fit_grade_es.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fit_grade import logistic
from spanish_validity import REPO, clara_pairs, documents, held_out

from tailor.readability import count, grade_parts, scores_from_counts
from tailor.spanish import GRADE_WEIGHTS
from tailor.textprep import prepare_plain

NAMES = tuple(GRADE_WEIGHTS)
RIDGE = 1.0
"""Shrinkage on scaled features; the five folds inside the fit split agree with the fit at this value."""
FOLDS = 5

READING_LEVELS = ((100.0, 3.5), (95.0, 4.0), (85.0, 5.0), (75.0, 6.0), (65.0, 7.5), (55.0, 10.5), (40.0, 14.0),
                  (15.0, 17.0), (0.0, 18.0))
"""Fernández-Huerta score -> US school grade: the middle of each band of Fernández Huerta's (1959)
reading levels (90-100 4th grade, 80-90 5th, 70-80 6th, 60-70 7th-8th, 50-60 pre-university,
30-50 university, 0-30 university specialists); scores outside 0-100 are read as 0 or 100."""


def school_grade(huerta: float) -> float:
    """The school grade a Fernández-Huerta score stands for (linear between band middles)."""
    value = min(100.0, max(0.0, huerta))
    for (high, high_grade), (low, low_grade) in itertools.pairwise(READING_LEVELS):
        if low <= value <= high:
            return low_grade + (high_grade - low_grade) * (value - low) / (high - low)
    return READING_LEVELS[-1][1]


def parts(text: str) -> np.ndarray:
    """tailor_grade's parts of a Spanish text, in the order of NAMES."""
    found = grade_parts(count(prepare_plain(text), "es"))
    return np.array([found[name] for name in NAMES])


def ordered(w: np.ndarray, differences: np.ndarray) -> float:
    """Share of comparisons (professional minus lay) that the weights order right."""
    return float((differences @ w > 0).mean())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "fit_grade_es.json")
    args = parser.parse_args()
    if not (args.data / "clara-med").is_dir():
        print(f"no CLARA-MeD at {args.data}; pass --data DIR (see ../shared/data/README.md)", file=sys.stderr)
        return 2
    pairs = [p for p in clara_pairs(args.data) if not held_out(p[0])]  # the held-out split is never read
    docs = documents(pairs)
    differences = np.array([parts(pro) - parts(lay) for _, pro, lay in pairs])
    doc_differences = np.array([parts(pro) - parts(lay) for pro, lay in docs.values()])
    ids = [p[0] for p in pairs]
    doc_ids = list(docs)
    fold = {file_id: index % FOLDS for index, file_id in enumerate(sorted(set(ids)))}
    pair_fold, doc_fold = np.array([fold[i] for i in ids]), np.array([fold[i] for i in doc_ids])
    inner = []
    for k in range(FOLDS):
        w = logistic(differences[pair_fold != k], np.zeros((0, len(NAMES))), np.zeros((0, len(NAMES))), ridge=RIDGE)
        inner.append((ordered(w, differences[pair_fold == k]), ordered(w, doc_differences[doc_fold == k])))
    w = logistic(differences, np.zeros((0, len(NAMES))), np.zeros((0, len(NAMES))), ridge=RIDGE)

    # Scale: the grades spread as the school grades Fernández-Huerta gives the same documents (both
    # versions) do: the same mean and standard deviation. Least squares against a reference that
    # agrees only in part (correlation about 0.5) would shrink every grade toward the middle, so
    # that no plain text could reach a patient target.
    texts = [t for pro, lay in docs.values() for t in (pro, lay)]
    raw = np.array([parts(t) @ w for t in texts])
    grades = np.array([school_grade(scores_from_counts(count(prepare_plain(t), "es"), "es").fernandez_huerta) for t in texts])
    slope = grades.std() / raw.std()
    offset = grades.mean() - slope * raw.mean()
    weights = {name: round(float(slope * value), 4) for name, value in zip(NAMES, w, strict=True)}
    offset = round(float(offset), 3)

    cv_pairs, cv_docs = (float(np.mean([h[i] for h in inner])) for i in (0, 1))
    print(f"fit split: {len(pairs)} pairs, {len(docs)} documents")
    print(f"fitted:               pairs {100 * ordered(w, differences):.1f}%  documents {100 * ordered(w, doc_differences):.1f}%")
    print(f"{FOLDS} folds inside the fit split: pairs {100 * cv_pairs:.1f}%  documents {100 * cv_docs:.1f}%\n")
    print("GRADE_WEIGHTS: dict[str, float] = {")
    for name, value in weights.items():
        print(f'    "{name}": {value},')
    print("}")
    print(f"GRADE_OFFSET = {offset}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "fit_split": {"pairs": len(pairs), "documents": len(docs)},
        "fitted": {"pairs": round(100 * ordered(w, differences), 1), "documents": round(100 * ordered(w, doc_differences), 1)},
        "inner_folds": {"folds": FOLDS, "pairs": round(100 * cv_pairs, 1), "documents": round(100 * cv_docs, 1)},
        "weights": weights, "offset": offset}, indent=2) + "\n")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
