"""The reader-facing Flask app: pages per profile, the profile picker, health."""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, jsonify, redirect, request
from flask_babel import Babel, get_locale, gettext
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter

from . import resources, templating, urls
from .address import Address, normalize_site_url
from .environment import content_dir, env_flag, env_int, env_seconds, env_site_url
from .markup import term_anchor
from .model import Article, Content, language_of
from .negotiation import LANGUAGE_COOKIE, negotiate, page_language, reader_language, select_locale
from .pages import ViewCache, etag_of
from .render import ProfileChoice, index_pages, picker, render_article, render_index
from .store import RELOAD_SETTLE, ContentStore
from .structured import page_meta

PROFILE_COOKIE = "tailor_profile"
COOKIE_MAX_AGE = 365 * 24 * 3600
HSTS = "max-age=31536000"
CANONICAL_CACHE = "public, max-age=300, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400"
PERSONAL_CACHE = "private, no-cache"
"""Pages that depend on the reader's profile cookie (index, redirects, error pages): never shared."""
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'none'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True)
class NotFoundPage:
    """Context of the error page: the picker, so a reader can still choose who they are."""

    picker: tuple[ProfileChoice, ...]
    message: str


@dataclass(frozen=True)
class Tailor:
    """What the app serves and how: its one entry in `app.extensions`."""

    store: ContentStore
    author: bool
    """Author mode: drafts shown, files reloaded, the workbench at /author/. The operator's choice only."""
    static: bool
    """Rendering for `tailor build`: no server to remember a profile, so the picker is links."""
    views: ViewCache
    """Canonical views, rendered once per content version and replayed from memory."""
    site_url: str = ""
    """The operator's site URL (`--site-url`, TAILOR_SITE_URL), in force over tailor.yaml's `site_url`."""


def create_app(test_config: Mapping[str, Any] | None = None, content: str | os.PathLike[str] | None = None) -> Flask:
    """Create the app; raises TailorError (one line each) when the content cannot be served at all."""
    app = Flask(__name__, template_folder=str(resources.templates_dir()), static_folder=str(resources.static_dir()),
                static_url_path="/static")
    app.config.from_mapping(TAILOR_CONTENT=str(content_dir(content)), TAILOR_AUTHOR=None, TAILOR_RELOAD=None,
                            TAILOR_STATIC=False, TAILOR_PROXY_HOPS=None, TAILOR_RELOAD_SETTLE=None, TAILOR_TEMPLATES=None,
                            TAILOR_SITE_URL=None)
    if test_config:
        app.config.from_mapping(test_config)
    # Author mode is the operator's choice (flag or environment), never the content's.
    author = bool(env_flag("TAILOR_AUTHOR") if app.config["TAILOR_AUTHOR"] is None else app.config["TAILOR_AUTHOR"])
    reload = author if app.config["TAILOR_RELOAD"] is None else bool(app.config["TAILOR_RELOAD"])
    hops = env_int("TAILOR_PROXY_HOPS", 0, 5) if app.config["TAILOR_PROXY_HOPS"] is None else int(app.config["TAILOR_PROXY_HOPS"])
    # Templates in the content tree are code: used only when the operator says so.
    templates = bool(env_flag("TAILOR_TEMPLATES") if app.config["TAILOR_TEMPLATES"] is None else app.config["TAILOR_TEMPLATES"])
    settle = app.config["TAILOR_RELOAD_SETTLE"]
    settle = env_seconds("TAILOR_RELOAD_SETTLE", RELOAD_SETTLE) if settle is None else float(settle)
    store = ContentStore(app.config["TAILOR_CONTENT"], reload=reload, settle=settle)
    app.config["TAILOR_AUTHOR"] = author
    views = ViewCache(app.wsgi_app, store, author, negotiate)
    app.wsgi_app = views  # type: ignore[method-assign]
    site_url = app.config["TAILOR_SITE_URL"]
    site_url = env_site_url() if site_url is None else normalize_site_url(site_url) if site_url else ""
    app.extensions["tailor"] = Tailor(store, author, bool(app.config["TAILOR_STATIC"]), views, site_url)
    if hops:
        # Only behind a proxy the operator names: otherwise anyone could claim HTTPS, an address or a
        # host. The forwarded host only serves the same-origin check of POST /profile: no URL is built
        # from it.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    templating.install(app, Path(store.content.root), overrides_on=templates)
    Babel(app, locale_selector=lambda: select_locale(content_of(app)),
          default_translation_directories=str(resources.translations_dir()))
    app.jinja_env.filters["term_anchor"] = term_anchor
    app.context_processor(lambda: page_globals(content_of(app), tailor_of(app).static, address_of(app)))
    register_routes(app)
    register_static(app)
    from . import api, publish

    api.init_app(app)
    publish.init_app(app)
    if author:
        from . import author as workbench

        app.logger.warning("AUTHOR MODE: drafts are public and files reload on every request; never use it on a "
                           "public server (content: %s)", store.root)
        workbench.init_app(app)
    return app


def tailor_of(app: Flask) -> Tailor:
    """The app's Tailor state."""
    state: Tailor = app.extensions["tailor"]
    return state


def content_of(app: Flask) -> Content:
    """The content the app serves (reloaded first, in author mode, if files changed)."""
    return tailor_of(app).store.content


def address_of(app: Flask) -> Address:
    """Where this request's site is: links under the path it is served at (SCRIPT_NAME), absolute URLs from
    the configured site URL only (never the Host header)."""
    return Address(request.script_root, tailor_of(app).site_url or content_of(app).settings.site_url)


def page_globals(content: Content, static: bool, address: Address) -> dict[str, Any]:
    """What every template gets: the site's name, home and footer in the page's language, the interface
    language, and the path links start with."""
    lang = page_language(content) or language_of(str(get_locale() or content.urls.source))
    if lang not in content.settings.languages:
        lang = content.urls.source
    footer, footer_lang = content.settings.footer_in(lang)
    return {"site_name": content.settings.site_name_in(lang), "home_url": address.local(content.urls.index(lang)),
            "interface_lang": str(get_locale() or "en").replace("_", "-"), "static_site": static,
            "root": address.root, "footer": footer, "footer_lang": footer_lang if footer_lang != lang else ""}


def reader_profile(content: Content) -> str:
    """The profile this reader chose (cookie), else the default."""
    chosen = request.cookies.get(PROFILE_COOKIE, "")
    return chosen if content.profiles.get(chosen) else content.profiles.default


def safe_next(target: str | None) -> str:
    """A local path to go back to; anything that could leave the site becomes `/`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def in_profile(path: str, profile: str, content: Content) -> str:
    """The same page for another profile: article views switch to that profile's canonical URL."""
    found = content.urls.reader_page(urlsplit(path).path)
    if found is not None and found[1].startswith("/articles/"):
        slug = found[1].split("/")[2]
        if slug in content.articles:
            return content.urls.article(slug, profile, found[0])
    return path


def cross_site() -> bool:
    """Whether this request was sent by another site's page (a forged form post)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False  # not from a browser that could be tricked into it
    return origin == "null" or urlsplit(origin).netloc != request.host


@dataclass(frozen=True)
class StaticFile:
    """One built-in static file, read once: its bytes, type and content hash."""

    data: bytes
    mimetype: str
    version: str


def register_static(app: Flask) -> None:
    """Serve the built-in CSS and icons with ETags from their bytes and versioned, immutable URLs.

    Flask's own static route tags files by modification time and path, which differ between two
    installs of the same release; a hash of the bytes is the same everywhere, so servers behind one
    load balancer agree, and `?v=<hash>` in every link lets browsers and CDNs keep a file for a year.
    """
    folder = resources.static_dir()
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            files[path.relative_to(folder).as_posix()] = StaticFile(data, mimetype, hashlib.sha256(data).hexdigest()[:16])

    def static(filename: str) -> Response:
        """Send one built-in static file."""
        found = files.get(filename)
        if found is None:
            abort(404)
        response = Response(found.data, mimetype=found.mimetype)
        response.set_etag(found.version)
        versioned = request.args.get("v") == found.version
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if versioned else "public, max-age=300"
        response.make_conditional(request)
        return response

    app.view_functions["static"] = static

    @app.url_defaults
    def version_static(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and values.get("filename") in files:
            values.setdefault("v", files[values["filename"]].version)


class LanguageConverter(BaseConverter):
    """A language prefix in a URL: two or three lower-case letters (`/es/`), so that `/profile` or
    `/author/` are never read as one."""

    regex = urls.LANGUAGE


def register_routes(app: Flask) -> None:
    """Attach the reader routes, error pages and security headers."""
    app.url_map.converters["language"] = LanguageConverter

    def readable(slug: str) -> Article | None:
        return content_of(app).readable(slug, drafts=tailor_of(app).author)

    def language(lang: str | None) -> str:
        """The page's language: the source's without a prefix; a prefix must be another site language."""
        content = content_of(app)
        if lang is None:
            return content.urls.source
        if lang == content.urls.source or lang not in content.settings.languages:
            abort(404)  # the source language has no prefix: one URL per page
        return lang

    # Decorators apply from the bottom: the prefixed rules are added first, so that
    # `url_for("article", ..., lang="es")` builds the prefixed URL and `url_for("article", ...)` the other.
    @app.get("/")
    @app.get("/page/<int:number>/")
    @app.get("/<language:lang>/", endpoint="index")
    @app.get("/<language:lang>/page/<int:number>/", endpoint="index")
    def index(number: int = 1, lang: str | None = None) -> Response:
        """Show one page of the article index in the reader's profile and the URL's language."""
        content = content_of(app)
        code = language(lang)
        drafts = tailor_of(app).author
        if not 1 <= number <= index_pages(content, drafts) or request.path != content.urls.index(code, number):
            abort(404)  # one URL per page: page 1 is the language's root, and `/page/02/` is not `/page/2/`
        page = render_index(content, reader_profile(content), str(get_locale()), drafts=drafts, number=number, lang=code,
                            address=address_of(app))
        chosen = content.profiles.get(request.cookies.get(PROFILE_COOKIE, "")) is not None
        response = app.make_response(templating.render(app, ["index.html"], page=page, chosen=chosen))
        response.vary.update(("Cookie", "Accept-Language"))
        response.headers["Cache-Control"] = PERSONAL_CACHE
        return response

    @app.get("/articles/<slug>/")
    @app.get("/<language:lang>/articles/<slug>/", endpoint="article_redirect")
    def article_redirect(slug: str, lang: str | None = None) -> Response:
        """Send the reader to their profile's view of an article, in their language (cookie, else
        Accept-Language, else the source's) unless the URL names one."""
        content = content_of(app)
        code = language(lang) if lang is not None else reader_language(content)
        if readable(slug) is None:
            abort(404)
        target = address_of(app).local(content.urls.article(slug, reader_profile(content), code))
        response = app.make_response(redirect(target, code=303))
        response.vary.update(("Cookie", "Accept-Language") if lang is None else ("Cookie",))
        response.headers["Cache-Control"] = PERSONAL_CACHE
        return response

    @app.get("/articles/<slug>/<profile>/")
    @app.get("/<language:lang>/articles/<slug>/<profile>/", endpoint="article")
    def article(slug: str, profile: str, lang: str | None = None) -> Response:
        """Show one article in one profile and language: the canonical, cacheable view."""
        content = content_of(app)
        code = language(lang)
        found = readable(slug)
        if found is None or content.profiles.get(profile) is None:
            abort(404)
        shown = content.in_language(slug, code, drafts=tailor_of(app).author) or found
        page = render_article(content, shown, profile, str(get_locale()), code, address_of(app))
        meta = page_meta(page, shown, content)
        response = app.make_response(templating.render(app, [f"article-{slug}.html", "article.html"], page=page, meta=meta))
        response.vary.add("Accept-Language")
        # The same bytes for every reader of a locale: browsers keep them 5 minutes, shared caches (a
        # CDN) 10 (a minute more while one revalidates), and a CDN may keep the last copy for a day if the origin is down.
        response.headers["Cache-Control"] = CANONICAL_CACHE
        response.set_etag(etag_of(response.get_data()).strip('"'))
        response.make_conditional(request)
        return response

    def remember(cookie: str, value: str, target: str) -> Response:
        """Go to a local page (a path of this site, under the path it is served at), remembering a reader's
        choice in a cookie only this site's pages send."""
        response = app.make_response(redirect(request.script_root + target, code=303))
        response.set_cookie(cookie, value, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True, secure=request.is_secure)
        return response

    @app.post("/profile")
    def choose_profile() -> Response:
        """Remember the reader's profile and return them to where they were, in that profile."""
        if cross_site():
            abort(403, description=gettext("This form only works from this site's own pages."))
        content = content_of(app)
        profile = request.form.get("profile", "")
        target = safe_next(request.form.get("next"))
        if content.profiles.get(profile) is None:
            abort(400, description=gettext("Choose one of the listed options."))
        return remember(PROFILE_COOKIE, profile, in_profile(target, profile, content))

    @app.post("/language")
    def choose_language() -> Response:
        """Remember the reader's language and return them to where they were, in that language."""
        if cross_site():
            abort(403, description=gettext("This form only works from this site's own pages."))
        content = content_of(app)
        lang = request.form.get("lang", "")
        target = safe_next(request.form.get("next"))
        if lang not in content.settings.languages:
            abort(400, description=gettext("Choose one of the listed languages."))
        return remember(LANGUAGE_COOKIE, lang, content.urls.in_language(urlsplit(target).path, lang))

    @app.get("/healthz")
    def healthz() -> Response:
        """Report whether the content loaded: counts for everyone, details only in author mode."""
        state = tailor_of(app)
        content = state.store.content
        store = state.store
        ok = not (content.broken or store.pending or store.site_problems)
        if not state.author:
            # Public: nothing about the server's files or the content's problems beyond counts.
            return jsonify(status="ok" if ok else "degraded", articles=len(content.listed()),
                           broken=len(content.broken), pending=len(store.pending))
        errors = [d.as_dict() for diagnostics in content.broken.values() for d in diagnostics]
        errors += [d.as_dict() for slug in sorted(store.pending) for d in store.pending[slug] if d.is_error]
        return jsonify(status="ok" if ok else "degraded", articles=len(content.articles), broken=sorted(content.broken),
                       pending=sorted(store.pending), settling=list(store.settling), errors=errors)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        """Show an error page that keeps the profile picker (and the headers the error carries); the JSON API
        answers in JSON."""
        from .api import is_api, json_error

        if is_api(request.path):
            return json_error(error)
        content = content_of(app)
        page = NotFoundPage(picker(content, reader_profile(content), page_language(content)), error.description or "")
        response = app.make_response((templating.render(app, ["error.html"], page=page, error=error), error.code or 500))
        response.vary.add("Cookie")  # the picker shows the reader's profile
        response.headers["Cache-Control"] = PERSONAL_CACHE
        for name, value in error.get_headers(request.environ):
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.after_request
    def security_headers(response: Response) -> Response:
        """Add the CSP and the usual hardening headers to every response."""
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        location = urlsplit(response.headers.get("Location", ""))
        if location.netloc:
            # Werkzeug builds some redirects (a missing trailing slash) from the Host header; every
            # redirect here is local, so a relative one cannot be pointed at another site.
            response.headers["Location"] = location.path + (f"?{location.query}" if location.query else "")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if tailor_of(app).author:
            # Author mode shows drafts and unreviewed edits: nothing of it may sit in a shared cache.
            response.headers["Cache-Control"] = "no-store"
        return response
