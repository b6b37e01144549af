"""Which language and locale a request gets: the page's URL, the reader's choice (cookie), Accept-Language."""

from __future__ import annotations

from babel.core import negotiate_locale
from flask import request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from .model import Content, language_of

LANGUAGE_COOKIE = "tailor_lang"


def page_language(content: Content) -> str | None:
    """The language of the reader page requested (its URL's), or None for any other page."""
    found = content.urls.reader_page(request.path)
    return found[0] if found is not None else None


def select_locale(content: Content) -> str:
    """The request's locale: a reader page's is in its URL's language (the variant, such as en_GB,
    from Accept-Language); any other page's is the best of all configured locales."""
    return negotiate(request.headers.get("Accept-Language", ""), content, page_language(content))


_NEGOTIATED: dict[tuple[str, tuple[str, ...]], str] = {}


def negotiate(header: str, content: Content, lang: str | None = None) -> str:
    """The best configured locale for an Accept-Language header, among those of `lang` if given (the
    page cache keys on it): a `/es/` page is Spanish whatever the reader's browser asks for."""
    locales = content.settings.locales
    header = header[:200]  # a real Accept-Language is short; a long one must not cost time or memory
    if lang is not None:
        locales = tuple(locale for locale in locales if language_of(locale) == lang) or (lang,)
    found = _NEGOTIATED.get((header, locales))
    if found is None:
        preferred = [value.replace("-", "_") for value in parse_accept_header(header, LanguageAccept).values()]
        found = negotiate_locale(preferred, list(locales)) or locales[0]
        if len(_NEGOTIATED) > 4096:  # headers come from clients: remember a bounded number
            _NEGOTIATED.clear()
        _NEGOTIATED[(header, locales)] = found
    return found


def reader_language(content: Content) -> str:
    """The language this reader chose (cookie), else the best of the site's for Accept-Language, else the source."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in content.settings.languages:
        return chosen
    preferred = [value.replace("-", "_") for value in parse_accept_header(request.headers.get("Accept-Language", ""),
                                                                            LanguageAccept).values()]
    found = negotiate_locale(preferred, list(content.settings.languages)) or negotiate_locale(
        [language_of(value) for value in preferred], list(content.settings.languages))
    return found or content.urls.source
