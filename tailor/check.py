"""`tailor check` without the command line: load, run the rules, cache by content hash, use both cores."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .diagnostics import Diagnostic, sort_key
from .load import Site, article_files, load_article, load_site
from .rules import CheckContext, enabled_rules, run_rules
from .view import view_text

PARALLEL_FROM = 40
"""Below this many articles to check, one process is faster than starting workers."""
CACHE_FILE = "check-cache.json"


def check_file(site: Site, path: Path) -> list[Diagnostic]:
    """Every finding for one article file: the loader's, then the rules'."""
    article, found = load_article(path, site.root, site.profiles)
    if article is None:
        return found
    views = {p.id: view_text(article, p, site.glossary) for p in site.profiles.items}
    ctx = CheckContext(article, site.profiles, site.glossary, site.settings, views)
    return found + run_rules(ctx, enabled_rules(site.settings.disabled_rules))


_WORKER_SITE: Site | None = None


def _init_worker(root: str) -> None:
    global _WORKER_SITE  # one Site per worker process, read once instead of pickled per task
    _WORKER_SITE = load_site(Path(root))


def _check_in_worker(path: str) -> list[dict]:
    assert _WORKER_SITE is not None
    return [d.as_dict() for d in check_file(_WORKER_SITE, Path(path))]


class Cache:
    """Findings per article file, keyed by a hash of its bytes and of everything else that matters."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / CACHE_FILE if folder else None
        self.entries: dict[str, list[dict]] = {}
        if self.path and self.path.exists():
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a slower run
        self.used: dict[str, list[dict]] = {}

    @staticmethod
    def key(site: Site, path: Path, data: bytes) -> str:
        return hashlib.sha256(site.fingerprint.encode() + str(path).encode() + b"\0" + data).hexdigest()

    def get(self, key: str) -> list[Diagnostic] | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.used[key] = found
        return [Diagnostic.from_dict(d) for d in found]

    def put(self, key: str, diagnostics: Iterable[Diagnostic]) -> None:
        self.used[key] = [d.as_dict() for d in diagnostics]

    def save(self) -> None:
        """Keep only this run's entries, written atomically."""
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.used, out)
        os.replace(temp, self.path)


@dataclass(frozen=True)
class CheckResult:
    """What a check found, and how much work it did."""

    diagnostics: tuple[Diagnostic, ...]
    articles: int
    checked: int
    """Articles actually checked this run (the rest came from the cache)."""


def run_check(root: Path, only: Iterable[Path] | None = None, cache_dir: Path | None = None, jobs: int | None = None,
              progress: Callable[[int], None] | None = None) -> CheckResult:
    """Check a content tree (or only some of its articles); findings sorted by place."""
    site = load_site(root)
    files = article_files(root)
    if only is not None:
        wanted = [p.resolve() for p in only]
        files = [f for f in files if any(f.resolve() == w or w in f.resolve().parents for w in wanted)]
    cache = Cache(cache_dir)
    results: dict[Path, list[Diagnostic]] = {}
    todo: list[tuple[Path, str]] = []
    for path in files:
        key = Cache.key(site, path, path.read_bytes())
        cached = cache.get(key)
        if cached is None:
            todo.append((path, key))
        else:
            results[path] = cached
            if progress:
                progress(1)
    workers = min(jobs or os.cpu_count() or 1, len(todo) // max(1, PARALLEL_FROM // 2) or 1)
    if workers > 1 and len(todo) >= PARALLEL_FROM:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(root),)) as pool:
            chunk = max(1, len(todo) // (workers * 8))
            for (path, key), found in zip(todo, pool.map(_check_in_worker, [str(p) for p, _ in todo], chunksize=chunk)):
                results[path] = [Diagnostic.from_dict(d) for d in found]
                cache.put(key, results[path])
                if progress:
                    progress(1)
    else:
        for path, key in todo:
            results[path] = check_file(site, path)
            cache.put(key, results[path])
            if progress:
                progress(1)
    cache.save()
    found = [*site.diagnostics, *(d for path in files for d in results[path])]
    return CheckResult(tuple(sorted(found, key=sort_key)), len(files), len(todo))
