"""Every reader URL, built and read in one place.

The source language (the first of `locales`) keeps the URLs it always had: `/`, `/page/<n>/`,
`/articles/<slug>/` and `/articles/<slug>/<profile>/`. Every other language has the same URLs under
its code: `/es/`, `/es/page/<n>/`, `/es/articles/<slug>/<profile>/`. Pages, redirects, the view
cache (pages.py), the static build and the language switch all build and read URLs here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGE = r"[a-z]{2,3}"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PROFILE = r"[a-z][a-z0-9_-]*"
VIEW = re.compile(rf"^(?:/(?P<lang>{LANGUAGE}))?/articles/(?P<slug>{SLUG})/(?P<profile>{PROFILE})/\Z")
"""A canonical view: the same bytes for every reader of its language (and interface locale)."""
_READER_PAGE = re.compile(rf"^(?:/(?P<lang>{LANGUAGE}))?/(?P<rest>(?:page/\d+/|articles/{SLUG}/(?:{PROFILE}/)?)?)\Z")


@dataclass(frozen=True)
class Languages:
    """The site's languages: the source language at the root, every other one under its code."""

    codes: tuple[str, ...]

    @property
    def source(self) -> str:
        """The language whose URLs have no prefix."""
        return self.codes[0]

    def prefix(self, lang: str) -> str:
        """`` for the source language, `/es` for Spanish."""
        return "" if lang == self.source else f"/{lang}"

    def article(self, slug: str, profile: str, lang: str) -> str:
        """The canonical URL of one article in one profile and language."""
        return f"{self.prefix(lang)}/articles/{slug}/{profile}/"

    def choose(self, slug: str, lang: str) -> str:
        """The URL that sends a reader to their profile's view of an article in a language."""
        return f"{self.prefix(lang)}/articles/{slug}/"

    def index(self, lang: str, number: int = 1) -> str:
        """One page of the index in a language (page 1 is the language's root)."""
        return f"{self.prefix(lang)}/" + (f"page/{number}/" if number > 1 else "")

    def reader_page(self, path: str) -> tuple[str, str] | None:
        """(language, the path without its language prefix) of a reader page; None for any other path
        (the workbench, static files, health) or a prefix that is not one of the site's other languages."""
        match = _READER_PAGE.match(path)
        lang = self._language(match)
        return (lang, "/" + match["rest"]) if match is not None and lang is not None else None

    def in_language(self, path: str, lang: str) -> str:
        """The same reader page in another language; the language's index for any other path."""
        found = self.reader_page(path)
        rest = found[1] if found is not None else "/"
        return self.prefix(lang) + rest

    def view(self, path: str) -> tuple[str, str, str] | None:
        """(language, slug, profile) of a canonical view's path, or None."""
        match = VIEW.match(path)
        lang = self._language(match)
        return (lang, match["slug"], match["profile"]) if match is not None and lang is not None else None

    def _language(self, match: re.Match[str] | None) -> str | None:
        """The language of a matched path: its prefix, which must be another site language, else the source."""
        if match is None:
            return None
        if match["lang"] is None:
            return self.source
        return match["lang"] if match["lang"] != self.source and match["lang"] in self.codes else None
