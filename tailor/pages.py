"""Canonical views at the speed of stored bytes: each rendered once per content version, then replayed.

A canonical view (`/articles/<slug>/<profile>/`, `/es/articles/<slug>/<profile>/`) is the same bytes
for every reader of its language and interface locale, so the first request renders it through
Flask and keeps the whole response (status, headers, body); later requests for the same view,
language, locale and scheme get those bytes without entering Flask, and a matching `If-None-Match`
gets 304. An entry is valid while the article and its translations it rendered from are the ones
the store serves and the site files are the same objects: a reload (author mode) replaces exactly
the changed file, so exactly the views of its article render again (every language of it: each
lists the others). Memory is bounded by bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import urls
from .memo import ByteBoundedCache

if TYPE_CHECKING:
    from .model import Article, Content
    from .store import ContentStore

VIEW = urls.VIEW
PAGE_BUDGET = 64 * 1024 * 1024
"""Bytes of rendered views kept per process (about 2,000 views of the sample size)."""
FALLBACK_KEY = "tailor.template_fallback"
"""Set in the WSGI environment when a content template failed and the built-in one rendered the page."""
_NOT_MODIFIED_HEADERS = frozenset({"etag", "cache-control", "vary", "content-location", "expires"})
"""What a 304 repeats of the 200 it stands for (RFC 9110, 15.4.5)."""

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def etag_of(body: bytes) -> str:
    """A strong ETag from the bytes alone: the same on every worker and machine for the same page."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (or `*`)."""
    if not header:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


@dataclass(frozen=True)
class StoredView:
    """One rendered view, as Flask sent it, and the content it was rendered from."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    articles: tuple[Article, ...]
    """The source article and each of its translations, when rendered (compared by identity)."""
    site: tuple[object, ...]


def site_token(content: Content) -> tuple[object, ...]:
    """What every view depends on besides its article; compared by identity, so a reload shows."""
    return (content.settings, content.profiles, content.glossary, content.glossaries, content.templates, content.reviewers)


def article_token(content: Content, article: Article) -> tuple[Article, ...]:
    """The files a view of an article depends on: the article and its translations (each lists the others)."""
    return (article, *content.translations.get(article.slug, {}).values())


def same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Whether two tuples hold the very same objects (a reload makes new ones)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


class ViewCache:
    """WSGI middleware: canonical views replayed from memory; everything else goes to the app."""

    def __init__(self, app: WSGIApp, store: ContentStore, author: bool, negotiate: Callable[[str, Content, str], str],
                 budget: int = PAGE_BUDGET) -> None:
        self.app = app
        self.store = store
        self.author = author
        self.negotiate = negotiate
        self.views: ByteBoundedCache[tuple[str, ...], StoredView] = ByteBoundedCache(budget)
        self.renders = 0
        """How many views were rendered (for tests and benchmarks: a replayed view is not counted)."""

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD") or VIEW.match(path) is None:
            return self.app(environ, start_response)
        content = self.store.content  # in author mode this adopts settled edits first
        found = content.urls.view(path)
        article = content.readable(found[1], drafts=self.author) if found is not None else None
        if found is None or article is None or content.profiles.get(found[2]) is None:
            return self.app(environ, start_response)  # the app's 404 page
        lang, slug, profile = found
        locale = self.negotiate(environ.get("HTTP_ACCEPT_LANGUAGE", ""), content, lang)
        # Everything the page's bytes depend on: a query string changes nothing (the view ignores it:
        # links with `?utm_source=` get the stored bytes too); SCRIPT_NAME does (it prefixes every
        # URL on the page), and a client can send it, so it must never share a key with the real one.
        # Today's date too: a view tells its reader when its review is overdue, which a date passing changes.
        key = (lang, slug, profile, locale, environ.get("wsgi.url_scheme", "http"), environ.get("SCRIPT_NAME", ""),
               dt.date.today().isoformat())
        view = self.views.get(key)
        articles = article_token(content, article)
        if view is None or not same(view.articles, articles) or view.site != site_token(content):
            status, headers, body, fallback = self._render(environ)
            if not status.startswith("200") or fallback:
                # An error, or the built-in template standing in for a content template that failed
                # this time (perhaps only because the machine was busy): not worth keeping.
                start_response(status, headers)
                return [] if method == "HEAD" else [body]
            etag = next((value for name, value in headers if name.lower() == "etag"), etag_of(body))
            view = StoredView(status, tuple(headers), body, etag, articles, site_token(content))
            self.views.put(key, view, len(body) + 1024)
        if matches(environ.get("HTTP_IF_NONE_MATCH"), view.etag):
            start_response("304 Not Modified", [h for h in view.headers if h[0].lower() in _NOT_MODIFIED_HEADERS])
            return []
        start_response(view.status, list(view.headers))
        return [] if method == "HEAD" else [view.body]

    def _render(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes, bool]:
        """The app's whole response to this view as a plain GET (no conditional headers)."""
        plain = dict(environ, REQUEST_METHOD="GET")
        plain.pop("HTTP_IF_NONE_MATCH", None)
        plain.pop("HTTP_IF_MODIFIED_SINCE", None)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], object]:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        chunks = self.app(plain, capture)
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        self.renders += 1
        return str(captured["status"]), list(captured["headers"]), body, bool(plain.get(FALLBACK_KEY))
