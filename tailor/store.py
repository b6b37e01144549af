"""The content a running server serves, reloaded file by file when files change on disk.

A broken edit never reaches readers: they keep the last good version of that article, while the
problems of the edit are kept for the author workbench.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from .diagnostics import Diagnostic, TailorError
from .load import article_files, load_article, load_content
from .model import Article, Content, frozen_map

SITE_FILES = ("tailor.yaml", "profiles.yaml", "glossary.yaml")


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class ContentStore:
    """Holds the loaded content; with `reload`, looks at file stamps on each access."""

    def __init__(self, root: Path | str, reload: bool = False) -> None:
        self.root = Path(root)
        self.reload = reload
        self._lock = threading.Lock()
        self._content = load_content(self.root)
        self._stamps = self._scan()
        self.site_problems: tuple[Diagnostic, ...] = ()
        """Problems of a broken edit to a site file (the previous site files stay in force)."""
        self.pending: dict[str, tuple[Diagnostic, ...]] = {}
        """Per article: findings of an edit that could not be loaded (readers get the last good one)."""
        self.reloads = 0
        """How many article files were read again since start (for tests and /healthz)."""

    def _scan(self) -> dict[Path, tuple[int, int] | None]:
        files = [self.root / name for name in SITE_FILES] + article_files(self.root)
        return {path: _stamp(path) for path in files}

    @property
    def content(self) -> Content:
        """The content to serve now, reloading what changed first when reloading is on."""
        if self.reload:
            with self._lock:
                self._refresh()
        return self._content

    def diagnostics_for(self, slug: str) -> tuple[Diagnostic, ...]:
        """Everything the loader says about one article now (its pending edit's, if broken)."""
        if slug in self.pending:
            return self.pending[slug]
        return tuple(d for d in self._content.diagnostics if Path(d.location.path).stem == slug)

    def _refresh(self) -> None:
        stamps = self._scan()
        if stamps == self._stamps:
            return
        site_changed = any(stamps.get(self.root / n) != self._stamps.get(self.root / n) for n in SITE_FILES)
        if site_changed:
            try:
                self._content = load_content(self.root)
                self.site_problems, self.pending = (), {}
            except TailorError as exc:
                self.site_problems = exc.diagnostics
            self._stamps = stamps
            return
        articles: dict[str, Article] = dict(self._content.articles)
        broken = dict(self._content.broken)
        diagnostics = list(self._content.diagnostics)
        for path in set(stamps) | set(self._stamps):
            if path.parent.name != "articles" or stamps.get(path) == self._stamps.get(path):
                continue
            slug = path.stem
            diagnostics = [d for d in diagnostics if Path(d.location.path).stem != slug]
            self.pending.pop(slug, None)
            broken.pop(slug, None)
            if stamps.get(path) is None:  # deleted
                articles.pop(slug, None)
                continue
            article, found = load_article(path, self.root, self._content.profiles)
            self.reloads += 1
            diagnostics.extend(found)
            if article is not None:
                articles[slug] = article
            else:
                errors = tuple(d for d in found if d.is_error)
                self.pending[slug] = tuple(found)
                if slug not in articles:  # never loaded well: nothing to keep serving
                    broken[slug] = errors
        self._content = replace(self._content, articles=frozen_map(articles), broken=frozen_map(broken),
                                diagnostics=tuple(diagnostics))
        self._stamps = stamps
