"""How fast is `tailor check` on a large tree, against a naive textstat loop?

Generates a corpus (default 1,000 articles x 20 claims x 3 profiles) from the shipped articles'
real phrasings, then times in one run: a naive loop calling textstat's Flesch-Kincaid and
Dale-Chall on every phrasing; `tailor check` cold (empty cache); `tailor check` again after
editing one article. The cache goes to a temporary TAILOR_CACHE_DIR (never the user's, never the
content tree: the bench fails if anything appears there). Prints a table and writes JSON.

    .venv/bin/python bench/check_bench.py [--articles 1000] [--claims 20] [--out bench/results/check_bench.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _textstat_offline import TEXTSTAT_METRICS

REPO = Path(__file__).resolve().parent.parent
PROFILES = ("clinician", "student", "patient")
PLACES = ["clinic", "ward", "pharmacy", "practice", "hospital", "surgery", "centre", "service"]


def real_claims() -> list[dict[str, str]]:
    """Every claim of the shipped articles that is written for all three profiles."""
    claims = []
    for path in sorted((REPO / "variants" / "articles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = [data["answer"]] + [c for s in data["sections"] for c in ([s["lead"]] if "lead" in s else []) + s.get("claims", [])]
        claims += [{p: c[p] for p in PROFILES} for c in items if all(c.get(p) for p in PROFILES)]
    return claims


def generate(root: Path, articles: int, claims_per_article: int, seed: int = 7) -> int:
    """Write the corpus; returns the number of phrasings."""
    rng = random.Random(seed)
    pool = real_claims()
    shutil.copy(REPO / "variants" / "profiles.yaml", root / "profiles.yaml")
    shutil.copy(REPO / "variants" / "glossary.yaml", root / "glossary.yaml")
    (root / "articles").mkdir()
    for n in range(articles):
        place = rng.choice(PLACES)
        claims = []
        for i in range(claims_per_article):
            base = rng.choice(pool)
            # A varied opening keeps every text distinct (no cache can help either side).
            claims.append({"id": f"claim-{i}", "cites": ["ref"],
                           **{p: f"At the {place} {rng.choice(PLACES)}, {base[p][0].lower()}{base[p][1:]}" for p in PROFILES}})
        article = {
            "question": {p: f"Generated question {n} for {p} readers?" for p in PROFILES},
            "title": f"Generated article {n}",
            "status": "submitted",
            "updated": "2026-11-26",
            "references": {"ref": {"type": "guideline", "title": "Generated reference", "source": "Bench", "year": 2026}},
            "answer": {"cites": ["ref"], **claims[0]},
            "sections": [{"id": "body", "heading": "Body", "claims": claims[1:]}],
        }
        for key in ("id",):
            article["answer"].pop(key)
        (root / "articles" / f"article-{n:04d}.yaml").write_text(yaml.safe_dump(article, sort_keys=False), encoding="utf-8")
    return articles * claims_per_article * len(PROFILES)


def naive_loop(root: Path) -> tuple[float, int]:
    """textstat's FK and Dale-Chall on every phrasing, one call each."""
    fk, _ = TEXTSTAT_METRICS["flesch_kincaid_grade"]
    dc, _ = TEXTSTAT_METRICS["dale_chall_readability_score"]
    started = time.perf_counter()
    count = 0
    for path in sorted((root / "articles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in [data["answer"], *data["sections"][0]["claims"]]:
            for profile in PROFILES:
                fk(claim[profile])
                dc(claim[profile])
                count += 1
    return time.perf_counter() - started, count


def tailor_check(root: Path, cache: Path) -> tuple[float, str]:
    env = {**os.environ, "TAILOR_CACHE_DIR": str(cache)}
    env.pop("CI", None)
    started = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).parent / "tailor"), "check", "--content", str(root)],
                            env=env, capture_output=True, text=True, timeout=3600)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"tailor check failed: {result.stderr}")
    return elapsed, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=20)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "check_bench.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = Path(tmp) / "content", Path(tmp) / "cache"
        root.mkdir()
        phrasings = generate(root, args.articles, args.claims)
        content_before = sorted(root.rglob("*"))
        naive, scored = naive_loop(root)
        cold, output = tailor_check(root, cache)
        findings = len(output.splitlines())
        edited = root / "articles" / "article-0000.yaml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("Generated article 0", "Generated article zero"), encoding="utf-8")
        warm, _ = tailor_check(root, cache)
        if sorted(root.rglob("*")) != content_before:
            raise SystemExit("tailor check wrote into the content tree")
        cache_bytes = sum(p.stat().st_size for p in cache.glob("check-*"))
    rows = [
        {"run": "naive loop: textstat FK + Dale-Chall per phrasing", "seconds": round(naive, 2), "vs_naive": 1.0},
        {"run": "tailor check, cold (all rules, empty cache)", "seconds": round(cold, 2), "vs_naive": round(cold / naive, 2)},
        {"run": "tailor check, warm (one article edited)", "seconds": round(warm, 2), "vs_naive": round(warm / naive, 2),
         "vs_cold": round(warm / cold, 3)},
    ]
    print(f"corpus: {args.articles} articles x {args.claims} claims x {len(PROFILES)} profiles = {phrasings} phrasings "
          f"({scored} scored by the naive loop); {os.cpu_count()} cores; tailor check reported {findings} findings; "
          f"cache file {cache_bytes:,} bytes (outside the content tree)\n")
    print(f"| {'run':52} | seconds | vs naive | vs cold |")
    print(f"|{'-' * 54}|--------:|---------:|--------:|")
    for row in rows:
        vs_cold = f"{row['vs_cold']:.3f}" if "vs_cold" in row else ""
        print(f"| {row['run']:52} | {row['seconds']:7.2f} | {row['vs_naive']:7.2f}x | {vs_cold:>7} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"articles": args.articles, "claims": args.claims, "phrasings": phrasings,
                                    "cores": os.cpu_count(), "findings": findings, "cache_bytes": cache_bytes,
                                    "rows": rows}, indent=2) + "\n")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
