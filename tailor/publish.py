"""What a site tells search engines about itself: `sitemap.xml` (every public view, every language it is
written in, with its hreflang alternates) and `robots.txt` (pointing to the sitemap).

Both need the site's public address (absolute URLs are the sitemap protocol's rule), so the server
serves them only when a site URL is configured, and `tailor build` writes them only then. A sitemap
holds at most SITEMAP_LIMIT URLs; a larger site gets `sitemap-1.xml`, `sitemap-2.xml`, ... and
`sitemap.xml` becomes their index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from flask import Flask, Response, abort, request

from .address import Address, root_of
from .api import written_in
from .model import Content
from .pages import etag_of
from .render import index_pages

SITEMAP_LIMIT = 10_000
"""URLs per sitemap file (the protocol allows 50,000 and 50 MB; alternates make each entry long)."""
_URLSET = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">')
PUBLIC_CACHE = "public, max-age=300"


@dataclass(frozen=True)
class SitemapEntry:
    """One page in the sitemap: its URL, last change and its versions in other languages."""

    loc: str
    lastmod: str | None = None
    alternates: tuple[tuple[str, str], ...] = ()
    """(hreflang, URL), this page's own language included, as its `<link rel="alternate">` list them."""


def sitemap_entries(content: Content, site_url: str) -> Iterator[SitemapEntry]:
    """Every public page: each language's index pages, and each article view in each language it is written in."""
    address = Address(root_of(site_url), site_url)
    urls = content.urls
    for lang in content.settings.languages:
        for number in range(1, index_pages(content) + 1):
            yield SitemapEntry(address.absolute(urls.index(lang, number)))
    for article in content.listed():
        # An article not translated yet is shown on the other languages' URLs in its own language, as a
        # courtesy to their readers: not a page of that language to search engines (its hreflang agrees).
        languages = written_in(content, article)
        for profile in content.profiles.ids:
            alternates = tuple((code, address.absolute(urls.article(article.slug, profile, code))) for code in languages)
            if len(alternates) > 1:
                alternates += (("x-default", address.absolute(urls.article(article.slug, profile, urls.source))),)
            else:
                alternates = ()
            for lang in languages:
                shown = content.in_language(article.slug, lang) or article
                yield SitemapEntry(address.absolute(urls.article(article.slug, profile, lang)), shown.updated.isoformat(),
                                   alternates)


def _urlset(entries: list[SitemapEntry]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', _URLSET]
    for entry in entries:
        parts = [f"<url><loc>{escape(entry.loc)}</loc>"]
        if entry.lastmod:
            parts.append(f"<lastmod>{entry.lastmod}</lastmod>")
        parts += [f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(url)}/>'
                  for code, url in entry.alternates]
        lines.append("".join(parts) + "</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_files(content: Content, site_url: str, limit: int = SITEMAP_LIMIT) -> dict[str, bytes]:
    """File name -> bytes: `sitemap.xml`, and for a large site the numbered sitemaps it indexes."""
    entries = list(sitemap_entries(content, site_url))
    if len(entries) <= limit:
        return {"sitemap.xml": _urlset(entries)}
    files = {f"sitemap-{n}.xml": _urlset(entries[start:start + limit])
             for n, start in enumerate(range(0, len(entries), limit), 1)}
    base = site_url.rstrip("/")
    index = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
             *(f"<sitemap><loc>{escape(f'{base}/{name}')}</loc></sitemap>" for name in files), "</sitemapindex>"]
    return {"sitemap.xml": ("\n".join(index) + "\n").encode("utf-8"), **files}


def robots_txt(site_url: str, author: bool = False) -> bytes:
    """robots.txt: crawl everything and find the sitemap here (author mode: crawl nothing)."""
    if author:
        return b"# Author mode: drafts and unreviewed edits are shown here; nothing may be indexed.\nUser-agent: *\nDisallow: /\n"
    return (f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n").encode()


def init_app(app: Flask) -> None:
    """Serve sitemap.xml and robots.txt when the site's public address is configured (404 otherwise)."""
    from .web import content_of, tailor_of

    def site_url() -> str:
        url = tailor_of(app).site_url or content_of(app).settings.site_url
        if not url:
            abort(404)  # without the site's address there are no absolute URLs to list
        return url

    def send(data: bytes, mimetype: str) -> Response:
        response = Response(data, mimetype=mimetype)
        response.set_etag(etag_of(data).strip('"'))
        response.headers["Cache-Control"] = PUBLIC_CACHE
        response.make_conditional(request)
        return response

    @app.get("/sitemap.xml", endpoint="sitemap")
    @app.get("/sitemap-<int:number>.xml", endpoint="sitemap")
    def sitemap(number: int | None = None) -> Response:
        """List every public page for search engines."""
        files = sitemap_files(content_of(app), site_url())
        name = "sitemap.xml" if number is None else f"sitemap-{number}.xml"
        if name not in files:
            abort(404)
        return send(files[name], "application/xml")

    @app.get("/robots.txt")
    def robots() -> Response:
        """Tell crawlers where the sitemap is."""
        return send(robots_txt(site_url(), tailor_of(app).author), "text/plain")
