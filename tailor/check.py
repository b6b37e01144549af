"""`tailor check` without the command line: load, run the rules, cache by content hash, use both cores."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .article_reader import split_name
from .cache import CheckCache, entry_key
from .diagnostics import Diagnostic, sort_key
from .files import FileProblem, read_bytes
from .lexicon import Lexicon
from .load import Site, article_files, display_path, load_site
from .model import Article
from .overrides import check_templates
from .rules import check_article
from .translation import TranslationContext, check_translation

PARALLEL_FROM = 40
"""Below this many articles to check, one process is faster than starting workers."""


def check_file(site: Site, path: Path, lexicon: Lexicon | None = None) -> list[Diagnostic]:
    """Every finding for one article file: the loader's, then the rules' (in the article's language),
    then, for a translation, how it differs from its source."""
    article, found = site.load_article(path)
    if article is None:
        return found
    return found + article_findings(site, article, path, lexicon)


def article_findings(site: Site, article: Article, path: Path, lexicon: Lexicon | None = None) -> list[Diagnostic]:
    """What the rules find in a loaded article, in its language; for a translation, also against its source."""
    found = check_article(article, site.profiles_in(article.lang), site.glossary_for(article.lang), site.settings,
                          lexicon, templates=site.templates, reviewers=site.reviewers)[1]
    if article.translation:
        found += check_translation(translation_context(site, article, path), site.settings.disabled_rules)
    return found


def source_path(path: Path) -> Path | None:
    """The source article file of a translation file (`x.es.yaml` -> `x.yaml`); None for a source article."""
    slug, lang = split_name(path.stem)
    return path.with_name(f"{slug}.yaml") if lang is not None else None


def translation_context(site: Site, translation: Article, path: Path) -> TranslationContext:
    """A translation with its source article, loaded from `<slug>.yaml` next to it."""
    source = source_path(path)
    exists = source is not None and os.path.lexists(source)
    loaded = site.load_article(source)[0] if source is not None and exists else None
    return TranslationContext(translation, loaded, site.settings, exists)


_WORKER: tuple[Site, Lexicon] | None = None


def _init_worker(root: str) -> None:
    global _WORKER  # one Site and Lexicon per worker process, instead of pickling them per task
    _WORKER = (load_site(Path(root)), Lexicon())


def _check_in_worker(path: str) -> tuple[list[dict[str, object]], dict[str, dict[str, float]]]:
    assert _WORKER is not None
    site, lexicon = _WORKER
    return [d.as_dict() for d in check_file(site, Path(path), lexicon)], lexicon.drain()


@dataclass(frozen=True)
class CheckResult:
    """What a check found, and how much work it did."""

    diagnostics: tuple[Diagnostic, ...]
    articles: int
    checked: int
    """Articles actually checked this run (the rest came from the cache)."""
    notes: tuple[Diagnostic, ...] = ()
    """About the cache, not the content (so findings are the same with or without it): for stderr."""


def _key(site: Site, path: Path) -> str | None:
    """An article file's cache key, or None when it cannot be read (it is then checked, never cached)."""
    # No root: the loader decides whether a file may be read; the key only has to hash what it will read.
    try:
        # Today's date is part of the key: `review.overdue` turns on when a date passes, not when a file changes.
        fingerprint = f"{site.fingerprint};{dt.date.today().isoformat()}"
        data = read_bytes(path, limit=site.settings.article_limit)
        source = source_path(path)
        if source is not None:  # a translation is checked against its source: both decide its findings
            data += b"\0source\0" + (read_bytes(source, limit=site.settings.article_limit) if os.path.lexists(source) else b"")
        return entry_key(fingerprint, path, data)
    except FileProblem:
        return None


def run_check(root: Path, only: Iterable[Path] | None = None, cache_dir: Path | None = None, jobs: int | None = None,
              progress: Callable[[int], None] | None = None) -> CheckResult:
    """Check a content tree (or only some of its articles); findings sorted by place."""
    site = load_site(root)
    files = article_files(root)
    if only is not None:
        wanted = {p.resolve() for p in only}
        files = [f for f in files if not wanted.isdisjoint({f.resolve(), *f.resolve().parents})]
    cache = CheckCache(cache_dir, root)
    lexicon = Lexicon(cache.words)
    results: dict[Path, list[Diagnostic]] = {}
    todo: list[tuple[Path, str | None]] = []
    for path in files:
        key = _key(site, path)
        cached = cache.get(key) if key else None
        if cached is None:
            todo.append((path, key))
        else:
            results[path] = cached
            if progress:
                progress(1)

    def done(path: Path, key: str | None, found: list[Diagnostic]) -> None:
        results[path] = found
        # Saved while it was checked? Then the findings belong to other bytes: never cache them under these.
        if key and _key(site, path) == key:
            cache.put(key, found)
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
                done(path, key, [Diagnostic.from_dict(d) for d in found])
    else:
        for path, key in todo:
            done(path, key, check_file(site, path, lexicon))
    cache.save(lexicon.export())
    templates = check_templates(root, lambda path: display_path(path, root))
    findings = [*site.diagnostics, *templates, *(d for path in files for d in results[path])]
    return CheckResult(tuple(sorted(findings, key=sort_key)), len(files), len(todo), tuple(cache.notes))
