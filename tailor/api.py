"""The JSON API: the same views as the pages, for apps (`/api/v1/articles`, `/api/v1/articles/<slug>/<profile>`).

Every view is the page context a reader gets (render.render_article), so the API shows exactly what
the page shows: the same visibility (Content.readable/listed), texts after fallback, citation numbers,
review state and disclaimer. Responses are public read-only data: any site may read them (CORS `*`),
each carries a strong ETag of its bytes (If-None-Match gets 304), and each is made once per content
version and then served from memory. Errors are JSON too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, request
from werkzeug.exceptions import HTTPException

from .address import Address
from .approvals import ViewReview, coverage
from .memo import ByteBoundedCache
from .model import Article, Content, Profile, language_of
from .openapi import document
from .pages import article_token, etag_of, same, site_token
from .render import ArticlePage, ClaimView, QuizView, ReferenceView, SectionView, render_article, view_status

bp = Blueprint("api", __name__, url_prefix="/api")
API_CACHE = "public, max-age=300, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag"}
API_BUDGET = 16 * 1024 * 1024
"""Bytes of JSON responses kept per process."""


def is_api(path: str) -> bool:
    """Whether a path is the JSON API's (errors there are JSON, and any site may read them)."""
    return path == "/api" or path.startswith("/api/")


def list_path(lang: str, source: str) -> str:
    """The site path of the article list's JSON file in a language (`/api/v1/es/articles.json`)."""
    return f"/api/v1/{'' if lang == source else lang + '/'}articles.json"


def view_path(slug: str, profile: str, lang: str, source: str) -> str:
    """The site path of one view's JSON file (`/api/v1/es/articles/<slug>/<profile>.json`)."""
    return f"/api/v1/{'' if lang == source else lang + '/'}articles/{slug}/{profile}.json"


@dataclass(frozen=True)
class Links:
    """How the API names its own URLs: the `.json` file paths, which the server answers too, so the JSON
    a static build writes is byte for byte the JSON the server sends (and its links work on a static host)."""

    address: Address
    source: str
    """The site's source language (no language in its URLs)."""

    def view(self, slug: str, profile: str, lang: str) -> str:
        """The JSON of one view."""
        return self.address.absolute(view_path(slug, profile, lang, self.source))


def _text(html: Any) -> dict[str, str]:
    return {"html": str(html), "text": html.striptags()}


def _claim(view: ClaimView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    return {"id": view.id, **_text(view.html), "citations": list(view.citations), "fallback_from": view.fallback_from}


def _section(section: SectionView) -> dict[str, Any]:
    return {"id": section.id, "heading": _text(section.heading) if section.heading is not None else None,
            "lead": _claim(section.lead), "intro": _text(section.intro) if section.intro is not None else None,
            "claims": [_claim(claim) for claim in section.claims]}


def _quiz(quiz: QuizView | None) -> dict[str, Any] | None:
    if quiz is None:
        return None
    return {"correct": _text(quiz.correct), "explanation": _claim(quiz.explanation),
            "incorrect": [{"option": _text(option.text), "explanation": _claim(option.explanation)}
                          for option in quiz.incorrect]}


def _reference(ref: ReferenceView) -> dict[str, Any]:
    return {"number": ref.number, "id": ref.id, "type": ref.type, "title": ref.title, "source": ref.source,
            "year": ref.year, "authors": list(ref.authors), "volume": ref.volume, "pages": ref.pages, "doi": ref.doi,
            "pmid": ref.pmid, "url": ref.url, "doi_url": ref.doi_url, "pubmed_url": ref.pubmed_url}


def _review(review: ViewReview, overdue: bool) -> dict[str, Any]:
    reviewer = review.reviewer
    return {"state": review.state.value,
            "reviewer": {"id": reviewer.id, "name": reviewer.name, "credentials": reviewer.credentials,
                         "role": reviewer.role} if reviewer is not None else None,
            "reviewed_by": review.reviewer_name,
            "reviewed": review.reviewed.isoformat() if review.reviewed else None,
            "next_review": review.next_review.isoformat() if review.next_review else None,
            "overdue": overdue}


def _profile(profile: Profile) -> dict[str, str]:
    return {"id": profile.id, "label": profile.label, "description": profile.description}


def _versions(content: Content, slug: str, lang: str, links: Links) -> list[dict[str, str]]:
    urls = content.urls
    return [{"profile": p.id, "label": p.label, "url": links.address.absolute(urls.article(slug, p.id, lang)),
             "api_url": links.view(slug, p.id, lang)} for p in content.profiles_in(lang).items]


def view_json(content: Content, page: ArticlePage, links: Links) -> dict[str, Any]:
    """One view as the API sends it: everything its page tells the reader."""
    return {
        "slug": page.slug, "url": page.canonical, "api_url": links.view(page.slug, page.profile.id, page.page_lang),
        "language": page.page_lang, "text_language": page.lang, "untranslated": page.untranslated,
        "profile": _profile(page.profile), "title": _text(page.title), "question": _text(page.question),
        "answer": _claim(page.answer), "sections": [_section(section) for section in page.sections],
        "quiz": _quiz(page.quiz), "references": [_reference(ref) for ref in page.references],
        "glossary": [{"term": entry.term, "definition": entry.definition} for entry in page.glossary],
        "status": page.status, "review": _review(page.review, page.overdue), "updated": page.updated_iso,
        "disclaimer": {"title": page.disclaimer.title, "text": page.disclaimer.text},
        "fallback_count": page.fallback_count,
        "alternates": [{"hreflang": a.hreflang, "url": a.url} for a in page.alternates],
        "versions": _versions(content, page.slug, page.page_lang, links),
    }


def written_in(content: Content, article: Article, drafts: bool = False) -> list[str]:
    """The site languages an article is written in (its own, and those it is translated into)."""
    return [code for code in content.settings.languages
            if language_of((content.in_language(article.slug, code, drafts=drafts) or article).lang) == code]


def list_json(content: Content, lang: str, links: Links, drafts: bool = False) -> dict[str, Any]:
    """The articles readers may see in a language: titles and questions per profile, status, dates, languages."""
    profiles = content.profiles_in(lang)
    articles = []
    for source in content.listed(drafts=drafts):
        article = content.in_language(source.slug, lang, drafts=drafts) or source
        reviews = coverage(article, content)
        shown = [review.reviewed for review in reviews.values() if review.covered and review.reviewed]
        due = [review.next_review for review in reviews.values() if review.covered and review.next_review]
        statuses = {view_status(article, review) for review in reviews.values()}
        articles.append({
            "slug": article.slug, "text_language": language_of(article.lang),
            "untranslated": language_of(article.lang) != lang, "languages": written_in(content, source, drafts),
            "status": min(statuses, key=["draft", "submitted", "under_review", "approved"].index).value,
            "updated": article.updated.isoformat(),
            "reviewed": max(shown).isoformat() if shown else None, "next_review": min(due).isoformat() if due else None,
            "titles": {p.id: article.title.resolve(p.chain).text or article.slug for p in profiles.items},
            "questions": {p.id: article.question.resolve(p.chain).text or "" for p in profiles.items},
            "review": {profile: review.state.value for profile, review in reviews.items()},
            "versions": _versions(content, article.slug, lang, links),
        })
    return {"language": lang, "languages": list(content.settings.languages),
            "profiles": [_profile(p) for p in profiles.items], "articles": articles}


def _state() -> tuple[Content, bool, Links]:
    from .web import address_of, tailor_of

    state = tailor_of(current_app)
    content = state.store.content
    return content, state.author, Links(address_of(current_app), content.urls.source)


def _language(content: Content, prefix: str | None) -> str:
    if prefix is not None:
        # A path's language is another site language: the source's files have no prefix (one URL each).
        if prefix == content.urls.source or prefix not in content.settings.languages:
            abort(404, description=f"there is no language `{prefix}` under /api/v1/; use one of: "
                                   + ", ".join(content.settings.languages[1:]))
        return prefix
    lang = request.args.get("lang", content.urls.source)
    if lang not in content.settings.languages:
        abort(404, description=f"there is no language `{lang[:20]}` on this site; use one of: "
                               + ", ".join(content.settings.languages))
    return lang


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _respond(body: bytes) -> Response:
    response = Response(body, mimetype="application/json")
    response.set_etag(etag_of(body).strip('"'))
    response.headers["Cache-Control"] = API_CACHE
    response.make_conditional(request)
    return response


def _memo() -> ByteBoundedCache[tuple[object, ...], tuple[tuple[object, ...], bytes]]:
    memo: ByteBoundedCache[tuple[object, ...], tuple[tuple[object, ...], bytes]] | None = current_app.extensions.get(
        "tailor_api")
    if memo is None:
        memo = current_app.extensions["tailor_api"] = ByteBoundedCache(API_BUDGET)
    return memo


def _remembered(key: tuple[object, ...], token: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
    """The JSON for a key, made once while the objects it was made from (`token`) are the ones served."""
    memo = _memo()
    found = memo.get(key)
    if found is not None and same(found[0], token):
        return found[1]
    body = make()
    memo.put(key, (token, body), len(body) + 256)
    return body


@bp.get("/v1/articles")
@bp.get("/v1/articles.json")
@bp.get("/v1/<language:prefix>/articles.json")
def articles(prefix: str | None = None) -> Response:
    """List the public articles in a language (`?lang=`): titles per audience, status, dates, languages."""
    content, author, links = _state()
    lang = _language(content, prefix)
    key = ("list", lang, links, author, dt.date.today().isoformat())
    return _respond(_remembered(key, (content,), lambda: _json(list_json(content, lang, links, author))))


@bp.get("/v1/articles/<slug>/<profile>")
@bp.get("/v1/articles/<slug>/<profile>.json")
@bp.get("/v1/<language:prefix>/articles/<slug>/<profile>.json")
def article(slug: str, profile: str, prefix: str | None = None) -> Response:
    """Send one audience's view of one article in a language (`?lang=`), as its page shows it."""
    content, author, links = _state()
    lang = _language(content, prefix)
    found = content.readable(slug, drafts=author)
    if found is None or content.profiles.get(profile) is None:
        abort(404, description="there is no such article or audience (or it is not public)")
    shown = content.in_language(slug, lang, drafts=author) or found

    def make() -> bytes:
        page = render_article(content, shown, profile, lang, lang, links.address, links=False)
        return _json(view_json(content, page, links))

    # Made again only when the article, its translations or the site files are reloaded (author mode).
    token = (*article_token(content, found), *site_token(content))
    today = dt.date.today().isoformat()  # a view says when its review is overdue
    return _respond(_remembered(("view", slug, profile, lang, links, author, today), token, make))


@bp.get("/openapi.json")
def openapi() -> Response:
    """Describe this API (OpenAPI 3.1)."""
    _, _, links = _state()
    server = links.address.site_url.rstrip("/") or links.address.root or "/"
    return _respond(_json(document(server)))


def json_error(error: HTTPException) -> Response:
    """An HTTP error as the API's JSON (with the headers the error carries, such as Allow)."""
    code = error.code or 500
    body = {"error": {"status": code, "title": error.name, "message": error.description or ""}}
    response = Response(_json(body), status=code, mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    for name, value in error.get_headers(request.environ):
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    """Register the API, and let any site read it (public, read-only data)."""
    app.register_blueprint(bp)

    @app.after_request
    def cross_origin(response: Response) -> Response:
        if is_api(request.path):
            response.headers.update(CORS)
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
                response.headers["Access-Control-Max-Age"] = "86400"
        return response
