"""The reader-facing Flask app: pages per profile, the profile picker, health."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.core import negotiate_locale
from flask import Flask, Response, abort, jsonify, redirect, render_template, request
from flask_babel import Babel, get_locale
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.exceptions import HTTPException

from . import resources
from .markup import term_anchor
from .model import Content, Status
from .render import picker, render_article, render_index
from .store import RELOAD_SETTLE, ContentStore

PROFILE_COOKIE = "tailor_profile"
COOKIE_MAX_AGE = 365 * 24 * 3600
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
_ARTICLE_PATH = re.compile(r"^/articles/(?P<slug>[a-z0-9-]+)/(?:(?P<profile>[a-z0-9_-]+)/)?$")


@dataclass(frozen=True)
class NotFoundPage:
    """Context of the 404 page: the picker, so a reader can still choose who they are."""

    picker: tuple
    message: str


def content_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Where the content is: the argument, else TAILOR_CONTENT, else ./variants."""
    return Path(explicit or os.environ.get("TAILOR_CONTENT") or "variants")


def create_app(test_config: Mapping[str, Any] | None = None, content: str | os.PathLike | None = None) -> Flask:
    """Create the app; raises TailorError (one line each) when the content cannot be served at all."""
    app = Flask(
        __name__,
        template_folder=str(resources.templates_dir()),
        static_folder=str(resources.static_dir()),
        static_url_path="/static",
    )
    app.config.from_mapping(TAILOR_CONTENT=str(content_dir(content)), TAILOR_AUTHOR=None, TAILOR_RELOAD=None,
                            TAILOR_RELOAD_SETTLE=RELOAD_SETTLE, TAILOR_STATIC=False)
    if test_config:
        app.config.from_mapping(test_config)
    store = ContentStore(app.config["TAILOR_CONTENT"], settle=float(app.config["TAILOR_RELOAD_SETTLE"]))
    loaded = store.content
    # Author mode comes from the app config (`tailor serve --author`) or tailor.yaml; off by default.
    author = app.config["TAILOR_AUTHOR"] if app.config["TAILOR_AUTHOR"] is not None else loaded.settings.author
    app.config["TAILOR_AUTHOR"] = bool(author)
    store.reload = bool(app.config["TAILOR_RELOAD"] if app.config["TAILOR_RELOAD"] is not None else author)
    app.extensions["tailor_store"] = store
    overrides = Path(loaded.root) / "templates"
    if overrides.is_dir():  # Datasette-style: the content tree's templates win over the built-in ones
        app.jinja_loader = ChoiceLoader([FileSystemLoader(str(overrides)), FileSystemLoader(app.template_folder)])
    Babel(app, locale_selector=lambda: select_locale(content_of(app)), default_translation_directories=str(resources.translations_dir()))
    app.jinja_env.filters["term_anchor"] = term_anchor
    app.context_processor(lambda: {"site_name": content_of(app).settings.site_name,
                                   "interface_lang": str(get_locale() or "en").replace("_", "-"),
                                   "static_site": app.config["TAILOR_STATIC"]})
    register_routes(app)
    if app.config["TAILOR_AUTHOR"]:
        from . import author

        author.init_app(app)
    return app


def content_of(app: Flask) -> Content:
    """The content the app serves (reloaded first, in author mode, if files changed)."""
    return app.extensions["tailor_store"].content


def select_locale(content: Content) -> str:
    """The request's locale: the best of the configured locales for Accept-Language."""
    preferred = [value.replace("-", "_") for value in request.accept_languages.values()]
    return negotiate_locale(preferred, list(content.settings.locales)) or content.settings.locales[0]


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
    match = _ARTICLE_PATH.match(urlsplit(path).path)
    if match and match.group("slug") in content.articles:
        return f"/articles/{match.group('slug')}/{profile}/"
    return path


def servable(content: Content, slug: str, author: bool = False):
    """The article readers may see, or None: unknown and broken ones, and drafts outside author mode."""
    article = content.articles.get(slug)
    if article is None or (article.status is Status.DRAFT and not author):
        return None
    return article


def register_routes(app: Flask) -> None:
    """Attach the reader routes, error pages and security headers."""

    @app.get("/")
    def index() -> Response:
        """Show the article index in the reader's profile."""
        content = content_of(app)
        page = render_index(content, reader_profile(content), str(get_locale()))
        response = app.make_response(render_template("index.html", page=page))
        response.vary.update(("Cookie", "Accept-Language"))
        return response

    @app.get("/articles/<slug>/")
    def article_redirect(slug: str) -> Response:
        """Send the reader to their profile's view of an article."""
        content = content_of(app)
        if servable(content, slug, app.config["TAILOR_AUTHOR"]) is None:
            abort(404)
        response = redirect(f"/articles/{slug}/{reader_profile(content)}/", code=303)
        response.vary.add("Cookie")
        return response

    @app.get("/articles/<slug>/<profile>/")
    def article(slug: str, profile: str) -> Response:
        """Show one article in one profile: the canonical, cacheable view."""
        content = content_of(app)
        found = servable(content, slug, app.config["TAILOR_AUTHOR"])
        if found is None or content.profiles.get(profile) is None:
            abort(404)
        page = render_article(content, found, profile, str(get_locale()))
        response = app.make_response(render_template([f"article-{slug}.html", "article.html"], page=page))
        response.vary.add("Accept-Language")
        response.cache_control.public = True
        response.cache_control.max_age = 300
        return response

    @app.post("/profile")
    def choose_profile() -> Response:
        """Remember the reader's profile and return them to where they were, in that profile."""
        content = content_of(app)
        profile = request.form.get("profile", "")
        target = safe_next(request.form.get("next"))
        if content.profiles.get(profile) is None:
            abort(400, description="Choose one of the listed options.")
        response = redirect(in_profile(target, profile, content), code=303)
        response.set_cookie(PROFILE_COOKIE, profile, max_age=COOKIE_MAX_AGE, samesite="Lax",
                            httponly=True, secure=request.is_secure)
        return response

    @app.get("/healthz")
    def healthz() -> Response:
        """Report whether the content loaded: article count and content errors."""
        content = content_of(app)
        store = app.extensions["tailor_store"]
        errors = [d.as_dict() for diagnostics in content.broken.values() for d in diagnostics]
        errors += [d.as_dict() for slug in sorted(store.pending) for d in store.pending[slug] if d.is_error]
        return jsonify(
            status="ok" if not (content.broken or store.pending or store.site_problems) else "degraded",
            articles=len(content.articles),
            broken=sorted(content.broken),
            pending=sorted(store.pending),
            errors=errors,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        """Show an error page that keeps the profile picker."""
        content = content_of(app)
        page = NotFoundPage(picker(content, reader_profile(content)), error.description or "")
        return render_template("error.html", page=page, error=error), error.code or 500

    @app.after_request
    def security_headers(response: Response) -> Response:
        """Add the CSP and the usual hardening headers to every response."""
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config["TAILOR_AUTHOR"]:
            # Author mode shows drafts and unreviewed edits: nothing of it may sit in a shared cache.
            response.headers["Cache-Control"] = "no-store"
        return response
