"""`tailor check` without the command line: load, run the rules, cache by content hash, use both cores."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, sort_key
from .files import FileProblem, read_bytes
from .lexicon import Lexicon
from .load import Site, article_files, load_site
from .readability import source_versions
from .rules import check_article

PARALLEL_FROM = 40
"""Below this many articles to check, one process is faster than starting workers."""
CACHE_FILE = "check-cache.json"


def check_file(site: Site, path: Path, lexicon: Lexicon | None = None) -> list[Diagnostic]:
    """Every finding for one article file: the loader's, then the rules'."""
    article, found = site.load_article(path)
    if article is None:
        return found
    return found + check_article(article, site.profiles, site.glossary, site.settings, lexicon)[1]


_WORKER: tuple[Site, Lexicon] | None = None


def _init_worker(root: str) -> None:
    global _WORKER  # one Site and Lexicon per worker process, instead of pickling them per task
    _WORKER = (load_site(Path(root)), Lexicon())


def _check_in_worker(path: str) -> tuple[list[dict], dict]:
    assert _WORKER is not None
    site, lexicon = _WORKER
    return [d.as_dict() for d in check_file(site, Path(path), lexicon)], lexicon.drain()


class Cache:
    """Findings per article file, keyed by a hash of its bytes and of everything else that matters;
    and the words seen so far, so that a re-run need not open the word lists."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / CACHE_FILE if folder else None
        self.entries: dict[str, list[dict]] = {}
        self.words: dict = {}
        if self.path and self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("versions") == source_versions():
                    self.entries, self.words = data["articles"], data["words"]
            except (OSError, ValueError, KeyError, AttributeError):
                pass  # a damaged cache is only a slower run
        self.used: dict[str, list[dict]] = {}

    @staticmethod
    def key(site: Site, path: Path, data: bytes) -> str:
        # The working folder is part of the key: findings carry paths as the user sees them from there.
        where = f"{os.getcwd()}\0{path}\0".encode()
        return hashlib.sha256(site.fingerprint.encode() + where + data).hexdigest()

    def get(self, key: str) -> list[Diagnostic] | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.used[key] = found
        return [Diagnostic.from_dict(d) for d in found]

    def put(self, key: str, diagnostics: Iterable[Diagnostic]) -> None:
        self.used[key] = [d.as_dict() for d in diagnostics]

    def save(self, lexicon: Lexicon) -> None:
        """Keep only this run's entries and the words it met, written atomically."""
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"versions": source_versions(), "articles": self.used, "words": lexicon.export()}, out)
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
        wanted = {p.resolve() for p in only}
        files = [f for f in files if not wanted.isdisjoint({f.resolve(), *f.resolve().parents})]
    cache = Cache(cache_dir)
    lexicon = Lexicon(cache.words)
    results: dict[Path, list[Diagnostic]] = {}
    todo: list[tuple[Path, str]] = []
    for path in files:
        try:
            key = Cache.key(site, path, read_bytes(path, root, site.settings.article_limit))
        except FileProblem:
            key = ""  # the loader reports it; nothing to cache
        cached = cache.get(key) if key else None
        if cached is None:
            todo.append((path, key))
        else:
            results[path] = cached
            if progress:
                progress(1)
    # Each worker should get a fair share of work: starting one costs about as much as a few articles.
    workers = min(jobs or os.cpu_count() or 1, max(1, len(todo) // (PARALLEL_FROM // 2)))
    if workers > 1 and len(todo) >= PARALLEL_FROM:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(root),)) as pool:
            chunk = max(1, len(todo) // (workers * 8))
            results_iter = pool.map(_check_in_worker, [str(p) for p, _ in todo], chunksize=chunk)
            for (path, key), (found, learned) in zip(todo, results_iter, strict=True):
                lexicon.update(learned)
                results[path] = [Diagnostic.from_dict(d) for d in found]
                cache.put(key, results[path])
                if progress:
                    progress(1)
    else:
        for path, key in todo:
            results[path] = check_file(site, path, lexicon)
            cache.put(key, results[path])
            if progress:
                progress(1)
    cache.save(lexicon)
    found = [*site.diagnostics, *(d for path in files for d in results[path])]
    return CheckResult(tuple(sorted(found, key=sort_key)), len(files), len(todo))
