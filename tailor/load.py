"""Load a content tree: YAML files into the model, every problem collected in one pass."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import yamlsrc as y
from .article_reader import SLUG, ArticleReader, is_article_name
from .diagnostics import Diagnostic, Location, TailorError
from .files import DEFAULT_LIMIT, SITE_FILE_LIMIT, FileProblem, read_bytes
from .model import Article, Content, Glossary, Profiles, Reviewer, Settings, frozen_map, glossary_in, profiles_in
from .overrides import templates_digest
from .readability import source_versions
from .reviewers import REVIEWERS_FILE, load_reviewers
from .settings import (
    article_folder_problems,
    glossary_files,
    load_glossaries,
    load_glossary,
    load_profiles,
    load_settings,
    untranslated_profiles,
)

__all__ = ["SLUG", "Site", "article_files", "display_path", "load_article", "load_content", "load_site", "site_files"]



def article_files(root: Path) -> list[Path]:
    """The article files of a content tree, in a stable order (unreadable folders: see load_site)."""
    folder = root / "articles"
    try:
        return sorted(folder / name for name in (entry.name for entry in _scan(folder)) if is_article_name(name))
    except OSError:
        return []


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return list(entries)


def display_path(path: Path, root: Path) -> str:
    """A path as the user typed it: relative to the working folder where possible."""
    try:
        return str(path.absolute().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


log = logging.getLogger("tailor")

PARALLEL_LOAD = 200
"""From this many article files, a load reads them on every core (YAML parsing dominates start-up)."""
_READER: tuple[Path, Profiles, int] | None = None


def _init_reader(root: Path, profiles: Profiles, limit: int) -> None:
    global _READER  # one per loader process, instead of sending the profiles with every file
    _READER = (root, profiles, limit)


def _read_in_process(path: str) -> tuple[str, Article | None, list[Diagnostic]]:
    assert _READER is not None
    return (path, *_read_one(Path(path), *_READER))


def _read_one(path: Path, root: Path, profiles: Profiles, limit: int) -> tuple[Article | None, list[Diagnostic]]:
    try:
        return load_article(path, root, profiles, limit=limit)
    except Exception as error:  # a bug reading one file must not take the whole load down
        log.exception("reading %s failed: a bug in Tailor", path)
        where = Location(display_path(path, root))
        return None, [Diagnostic(where, "internal.bug", f"Tailor could not read this file ({type(error).__name__}); "
                                                        "this is a bug: report it with the log")]


def read_articles(paths: list[Path], root: Path, profiles: Profiles, limit: int) -> dict[Path, tuple[Article | None, list[Diagnostic]]]:
    """Every article file read and checked by the loader, on every core for a large tree.

    Forked loader processes share the parent's modules and need no re-import; where fork is not
    available (or for a small tree) the files are read here, one by one.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with paused_gc():
        if len(paths) < PARALLEL_LOAD or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return {path: _read_one(path, root, profiles, limit) for path in paths}
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(cores, mp_context=context, initializer=_init_reader, initargs=(root, profiles, limit)) as pool:
            chunk = max(1, len(paths) // (cores * 8))
            return {Path(path): (article, found)
                    for path, article, found in pool.map(_read_in_process, [str(p) for p in paths], chunksize=chunk)}


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a content tree is built.

    Loading allocates hundreds of thousands of long-lived objects and no cycles; each collection
    scans all of them again, which made loading a large tree several times slower than parsing it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_article(path: Path, root: Path, profiles: Profiles, *, limit: int = DEFAULT_LIMIT,
                 source: str | None = None) -> tuple[Article | None, list[Diagnostic]]:
    """Read one article file; the article is None when it has errors."""
    reader = ArticleReader(path, display_path(path, root), profiles)
    article = reader.read(source, limit, root)
    return article, reader.r.diagnostics


@dataclass(frozen=True)
class Site:
    """The site-wide files every article is checked against."""

    root: Path
    settings: Settings
    profiles: Profiles
    glossary: Glossary
    diagnostics: tuple[Diagnostic, ...]
    fingerprint: str
    """A hash of the site files, Tailor's version and the scoring sources: part of every cache key."""
    templates: str = ""
    """A hash of the content tree's own templates (part of what an approval covers)."""
    glossaries: Mapping[str, Glossary] = field(default_factory=frozen_map)
    """Language -> `glossary.<lang>.yaml` (the source language's glossary is `glossary`)."""
    reviewers: Mapping[str, Reviewer] = field(default_factory=frozen_map)
    """Reviewer id -> who they are (reviewers.yaml)."""

    def glossary_for(self, lang: str) -> Glossary:
        """The glossary of text in a language (see Content.glossary_for)."""
        return glossary_in(lang, self.settings, self.glossary, self.glossaries)

    def profiles_in(self, lang: str) -> Profiles:
        """The profiles as readers of a language get them (see Content.profiles_in)."""
        return profiles_in(lang, self.settings, self.profiles)

    def content(self, articles: Mapping[str, Article], broken: Mapping[str, tuple[Diagnostic, ...]],
                diagnostics: tuple[Diagnostic, ...]) -> Content:
        """The content readers get from these site files and the loaded articles (by file key: slug or slug.lang)."""
        sources = {key: article for key, article in articles.items() if not article.translation}
        translations: dict[str, dict[str, Article]] = {}
        for article in articles.values():
            if article.translation:
                translations.setdefault(article.slug, {})[article.lang] = article
        return Content(str(self.root), self.settings, self.profiles, self.glossary, frozen_map(sources),
                       frozen_map(broken), diagnostics, self.templates,
                       frozen_map({slug: frozen_map(found) for slug, found in sorted(translations.items())}),
                       self.glossaries, self.reviewers)

    def load_article(self, path: Path, source: str | None = None) -> tuple[Article | None, list[Diagnostic]]:
        """Read one article file of this site, within its size limit."""
        return load_article(path, self.root, self.profiles, limit=self.settings.article_limit, source=source)


SITE_FILES = ("tailor.yaml", "profiles.yaml", "glossary.yaml", REVIEWERS_FILE)


def site_files(root: Path) -> tuple[str, ...]:
    """The site files of a content tree: SITE_FILES, then each `glossary.<lang>.yaml` there."""
    return (*SITE_FILES, *(path.name for path in glossary_files(root).values()))


def load_site(root: Path) -> Site:
    """Read tailor.yaml, profiles.yaml and the glossaries; raises TailorError when they are unusable."""
    if not root.is_dir():
        raise TailorError([Diagnostic(Location(str(root)), "content.missing",
                                      "content folder not found; pass --content DIR or set TAILOR_CONTENT")])
    reporters = {name: y.Reporter(display_path(root / name, root)) for name in site_files(root)}
    settings = load_settings(root / "tailor.yaml", reporters["tailor.yaml"], root)
    profiles = load_profiles(root / "profiles.yaml", reporters["profiles.yaml"], root)
    glossary = load_glossary(root / "glossary.yaml", reporters["glossary.yaml"], root)
    glossaries = load_glossaries(root, settings, reporters)
    reviewers = load_reviewers(root / REVIEWERS_FILE, reporters[REVIEWERS_FILE], root)
    if profiles is not None:
        untranslated_profiles(settings, profiles, reporters["profiles.yaml"])
    found = (*(d for r in reporters.values() for d in r.diagnostics),
             *article_folder_problems(root / "articles", display_path(root / "articles", root)))
    if profiles is None or any(d.is_error for d in found):
        raise TailorError([d for d in found if d.is_error] or found)
    digest = hashlib.sha256()
    for name in reporters:
        digest.update(name.encode() + b"\0" + _site_bytes(root / name, root) + b"\0")
    templates = templates_digest(root)
    digest.update(f"{metadata.version('tailor-content')};{code_digest()};{source_versions()};{templates}".encode())
    return Site(root, settings, profiles, glossary, found, digest.hexdigest(), templates, frozen_map(glossaries),
                frozen_map(reviewers))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of Tailor's own code: a changed rule or word list must never reuse a finding cached before it."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _site_bytes(path: Path, root: Path) -> bytes:
    try:
        return read_bytes(path, root, SITE_FILE_LIMIT)
    except FileProblem:
        return b""  # absent: the loader has already said whether that is a problem


def load_content(root: Path | str, on_article: Callable[[Path], None] | None = None) -> Content:
    """Load a whole content tree; raises TailorError when profiles or settings are unusable.

    Broken articles do not stop the load: they are left out of `articles` and listed in `broken`.
    """
    site = load_site(Path(root))
    diagnostics = list(site.diagnostics)
    articles, broken = {}, {}
    paths = article_files(site.root)
    read = read_articles(paths, site.root, site.profiles, site.settings.article_limit)
    for path in paths:
        article, found = read[path]
        diagnostics.extend(found)
        if article is None:
            broken[path.stem] = tuple(d for d in found if d.is_error)
        else:
            articles[article.key] = article
        if on_article is not None:
            on_article(path)
    return site.content(articles, broken, tuple(diagnostics))
