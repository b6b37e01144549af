"""The content a running server serves, reloaded file by file when files change on disk.

An edit reaches readers only once it is complete. Editors save in several writes, and a prefix of
an article cut at a section boundary is valid YAML that loads, so "it loads" is not enough: a
changed file must keep the same stamp (mtime, size, inode) for a settle interval measured on the
store's own clock, its bytes must be read while that stamp holds, and the article must then load
without errors. Until then readers keep the last good version; the problems of a stable but broken
edit are kept for the author workbench.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .diagnostics import Diagnostic, TailorError
from .load import Site, article_files, load_site, read_articles, site_files
from .model import Article, Content, frozen_map

RELOAD_SETTLE = 0.5
"""Seconds a changed file must keep its stamp before it is read: longer than an editor's pauses within one save."""

log = logging.getLogger("tailor")

Stamp = tuple[int, int, int]
T = TypeVar("T")


def stamp_of(path: Path) -> Stamp | None:
    """The file's (st_mtime_ns, st_size, st_ino), or None when it is missing."""
    try:
        info = path.stat()
    except OSError:
        try:
            info = path.lstat()  # a dangling or looping link is there, and broken: the loader says why
        except OSError:
            return None
    return info.st_mtime_ns, info.st_size, info.st_ino


@dataclass(frozen=True)
class Sighting:
    """A stamp seen on a changed file, and when the store first saw it (on its own clock)."""

    stamp: Stamp | None
    since: int
    """Nanoseconds on the store's clock."""


class Changed(Exception):
    """A file changed while it was read: what was read may be half a save."""


class ContentStore:
    """Holds the loaded content; with `reload`, adopts settled edits on each access."""

    def __init__(self, root: Path | str, reload: bool = False, *, settle: float = RELOAD_SETTLE,
                 clock: Callable[[], int] = time.monotonic_ns, limit: int | None = None) -> None:
        if not settle >= 0:  # also refuses NaN
            raise ValueError(f"the reload settle interval must be 0 seconds or more, not {settle!r}")
        self.root = Path(root)
        self.reload = reload
        self.settle = settle
        """Seconds a changed file must keep its stamp before it is read."""
        self.clock = clock
        """Monotonic nanoseconds (integers: a test's fake clock compares exactly)."""
        self.limit = limit
        self._lock = threading.Lock()
        self.site_problems: tuple[Diagnostic, ...] = ()
        """Problems of a broken edit to a site file (the previous site files stay in force)."""
        self.pending: dict[str, tuple[Diagnostic, ...]] = {}
        """Per article: findings of a stable edit that does not load (readers get the last good version)."""
        self._site_paths = tuple(self.root / name for name in site_files(self.root))
        self._acted: dict[Path, Stamp] = {}  # the stamp each file's current state was read from
        self._sightings: dict[Path, Sighting] = {}  # changed files whose edit has not been adopted yet
        self._served: dict[str, Article] = {}  # the last good version of each article
        self._found: dict[str, tuple[Diagnostic, ...]] = {}  # findings of the served (or never good) version
        self._broken: dict[str, tuple[Diagnostic, ...]] = {}  # errors of articles that never loaded well
        self.reloads = 0
        """How many times article files were read again since start (for tests and /healthz)."""
        stamps = self._scan()  # before reading: a file that changes during the load is read again
        self._site: Site = self._read_site()
        self._mark({path: stamps[path] for path in self._site_paths})
        articles = {path: stamps[path] for path in self._article_paths(stamps)}
        # The first load reads every file at once, on every core; each is then adopted as a reload is.
        self._preloaded = read_articles([path for path, stamp in articles.items() if stamp is not None], self.root,
                                        self._site.profiles, self._limit())
        self._load_articles(articles)
        self._preloaded = {}
        self._content = self._publish()
        self.reloads = 0  # the first load is not a reload

    @property
    def content(self) -> Content:
        """The content to serve now, adopting settled edits first when reloading is on."""
        if self.reload:
            with self._lock:
                self._refresh()
        return self._content

    @property
    def settling(self) -> tuple[str, ...]:
        """Files (relative to the root) with an edit not adopted yet: readers keep the previous version."""
        with self._lock:
            return tuple(sorted(path.relative_to(self.root).as_posix() for path in self._sightings))

    def diagnostics_for(self, slug: str) -> tuple[Diagnostic, ...]:
        """Everything the loader says about one article now (its pending edit's, if broken)."""
        if slug in self.pending:
            return self.pending[slug]
        return tuple(d for d in self._content.diagnostics if Path(d.location.path).stem == slug)

    def _scan(self) -> dict[Path, Stamp | None]:
        # A glossary file added for a language is a site file from now on (a removed one stays one
        # until its removal is adopted). Files read before are scanned too, so that a deletion is
        # seen (and settles) like any edit.
        self._site_paths = tuple(dict.fromkeys([*self._site_paths, *(self.root / name for name in site_files(self.root))]))
        paths = dict.fromkeys([*self._site_paths, *article_files(self.root), *self._acted])
        return {path: stamp_of(path) for path in paths}

    def _article_paths(self, paths: Iterable[Path]) -> list[Path]:
        return sorted(path for path in paths if path not in self._site_paths)

    def _refresh(self) -> None:
        stamps = self._scan()
        # A file seen changing stays sighted until it is read again, even if its stamp comes back to
        # the one read last: with coarse timestamps, an in-place save of the same size can end there.
        seen = self._sightings
        changed = {path: stamp for path, stamp in stamps.items() if stamp != self._acted.get(path) or path in seen}
        if not changed:
            return
        now = self.clock()
        self._sightings = {path: seen[path] if path in seen and seen[path].stamp == stamp else Sighting(stamp, now)
                           for path, stamp in changed.items()}
        settle = round(self.settle * 1e9)
        ready = {path: s.stamp for path, s in self._sightings.items() if now - s.since >= settle}
        if not ready:
            return
        site = [path for path in self._site_paths if path in self._sightings]
        # The site files are read together, so they wait until every one of them has settled.
        site_settled = bool(site) and all(path in ready for path in site)
        if site_settled and self._reload_site(stamps, site):
            # New profiles: every article is read again, except those still settling.
            ready = {path: stamps[path] for path in self._article_paths(stamps)
                     if path in ready or path not in self._sightings}
        articles = {path: stamp for path, stamp in ready.items() if path not in self._site_paths}
        if site_settled or articles:
            self._load_articles(articles)
            self._content = self._publish()

    def _reload_site(self, stamps: Mapping[Path, Stamp | None], edited: list[Path]) -> bool:
        """Adopt the settled site files; False when they do not load (or changed while read)."""
        expected = {path: stamps[path] for path in self._site_paths}
        for path in edited:
            self._sightings.pop(path, None)
        try:
            site = self._stable(expected, self._read_site)
        except Changed:
            self._resight([path for path in self._site_paths if path in edited or stamp_of(path) != expected[path]])
            return False
        except TailorError as exc:
            self.site_problems = exc.diagnostics
            self._mark(expected)  # tried once: not read again until the next edit
            return False
        self._site, self.site_problems = site, ()
        self._mark(expected)
        return True

    def _load_articles(self, stamps: Mapping[Path, Stamp | None]) -> None:
        for path, stamp in stamps.items():
            self._sightings.pop(path, None)
            try:
                self._adopt(path, stamp)
            except Changed:
                self._resight([path])

    def _adopt(self, path: Path, stamp: Stamp | None) -> None:
        """Make one settled article file what readers get, if it loads; keep the last good version if not."""
        slug = path.stem
        if stamp is None:  # deleted, and still deleted after the settle interval: nothing may stay behind
            for table in (self._served, self._found, self._broken):
                table.pop(slug, None)
            self.pending = {key: value for key, value in self.pending.items() if key != slug}
            self._acted.pop(path, None)
            return
        article, found = self._stable({path: stamp}, lambda: self._read_article(path))
        self._acted[path] = stamp
        pending = {key: value for key, value in self.pending.items() if key != slug}
        if article is not None:
            self._served[slug], self._found[slug] = article, tuple(found)
            self._broken.pop(slug, None)
        elif slug in self._served:
            pending[slug] = tuple(found)
        else:
            self._found[slug] = tuple(found)
            self._broken[slug] = tuple(d for d in found if d.is_error)
        self.pending = pending  # replaced, not mutated: request threads may be iterating the old one

    def _limit(self) -> int:
        return self._site.settings.article_limit if self.limit is None else self.limit

    def _read_article(self, path: Path) -> tuple[Article | None, list[Diagnostic]]:
        self.reloads += 1
        if path in self._preloaded:
            return self._preloaded.pop(path)
        # A bug in reading one article must not take the others (or the server) down: it is logged
        # with its traceback, and the article is not served.
        return read_articles([path], self.root, self._site.profiles, self._limit())[path]

    def _read_site(self) -> Site:
        return load_site(self.root)  # bounded, in-tree reads; problems raise TailorError

    def _stable(self, expected: Mapping[Path, Stamp | None], read: Callable[[], T]) -> T:
        """What `read` returns, provided every file kept its expected stamp from before to after reading."""
        if any(stamp_of(path) != stamp for path, stamp in expected.items()):
            raise Changed
        result = read()
        if any(stamp_of(path) != stamp for path, stamp in expected.items()):
            raise Changed
        return result

    def _resight(self, paths: Iterable[Path]) -> None:
        """Start the settle interval again for files that changed while they were read."""
        now = self.clock()
        for path in paths:
            self._sightings[path] = Sighting(stamp_of(path), now)

    def _mark(self, stamps: Mapping[Path, Stamp | None]) -> None:
        for path, stamp in stamps.items():
            if stamp is None:
                self._acted.pop(path, None)
            else:
                self._acted[path] = stamp

    def _publish(self) -> Content:
        """The content readers get: the site in force and the last good version of each article."""
        slugs = sorted(self._found, key=lambda slug: f"{slug}.yaml")  # the loader's order: by file name
        site = self._site
        return site.content({slug: self._served[slug] for slug in slugs if slug in self._served},
                            frozen_map({slug: self._broken[slug] for slug in slugs if slug in self._broken}),
                            (*site.diagnostics, *(d for slug in slugs for d in self._found[slug])))
