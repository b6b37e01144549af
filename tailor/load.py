"""Load a content tree: YAML files into the model, every problem collected in one pass."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import yamlsrc as y
from .article_reader import SLUG, ArticleReader, is_article_name
from .diagnostics import Diagnostic, Location, TailorError
from .files import DEFAULT_LIMIT, SITE_FILE_LIMIT, FileProblem, read_bytes
from .model import Article, Content, Glossary, Profiles, Settings, frozen_map
from .overrides import templates_digest
from .readability import source_versions
from .settings import article_folder_problems, load_glossary, load_profiles, load_settings

__all__ = ["SLUG", "Site", "article_files", "display_path", "load_article", "load_content", "load_site"]



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

    def load_article(self, path: Path, source: str | None = None) -> tuple[Article | None, list[Diagnostic]]:
        """Read one article file of this site, within its size limit."""
        return load_article(path, self.root, self.profiles, limit=self.settings.article_limit, source=source)


SITE_FILES = ("tailor.yaml", "profiles.yaml", "glossary.yaml")


def load_site(root: Path) -> Site:
    """Read tailor.yaml, profiles.yaml and glossary.yaml; raises TailorError when they are unusable."""
    if not root.is_dir():
        raise TailorError([Diagnostic(Location(str(root)), "content.missing",
                                      "content folder not found; pass --content DIR or set TAILOR_CONTENT")])
    reporters = {name: y.Reporter(display_path(root / name, root)) for name in SITE_FILES}
    settings = load_settings(root / "tailor.yaml", reporters["tailor.yaml"], root)
    profiles = load_profiles(root / "profiles.yaml", reporters["profiles.yaml"], root)
    glossary = load_glossary(root / "glossary.yaml", reporters["glossary.yaml"], root)
    found = (*(d for r in reporters.values() for d in r.diagnostics),
             *article_folder_problems(root / "articles", display_path(root / "articles", root)))
    if profiles is None or any(d.is_error for d in found):
        raise TailorError([d for d in found if d.is_error] or found)
    digest = hashlib.sha256()
    for name in reporters:
        digest.update(name.encode() + b"\0" + _site_bytes(root / name, root) + b"\0")
    templates = templates_digest(root)
    digest.update(f"{metadata.version('tailor-content')};{source_versions()};{templates}".encode())
    return Site(root, settings, profiles, glossary, found, digest.hexdigest(), templates)


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
    for path in article_files(site.root):
        article, found = site.load_article(path)
        diagnostics.extend(found)
        if article is None:
            broken[path.stem] = tuple(d for d in found if d.is_error)
        else:
            articles[article.slug] = article
        if on_article is not None:
            on_article(path)
    return Content(str(site.root), site.settings, site.profiles, site.glossary, frozen_map(articles),
                   frozen_map(broken), tuple(diagnostics), site.templates)
