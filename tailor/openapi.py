"""The JSON API described as OpenAPI 3.1, as data: `GET /api/openapi.json` serves it, and the test suite
validates every API response against it (so the description cannot drift from what is sent)."""

from __future__ import annotations

from typing import Any

API_VERSION = "1.0.0"

_NULLABLE_STRING = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    """A closed object: every property required (null where absent), nothing else allowed."""
    schema: dict[str, Any] = {"type": "object", "properties": properties, "required": list(properties),
                              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def _ref(name: str, nullable: bool = False) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{name}"}
    return {"oneOf": [ref, {"type": "null"}]} if nullable else ref


SCHEMAS: dict[str, Any] = {
    "Text": _object({
        "html": {"type": "string", "description": "The text as safe HTML: only <em>, <strong> and http(s) links."},
        "text": {"type": "string", "description": "The same text without markup."},
    }, "A text of the view, in the reader's words."),
    "Claim": _object({
        "id": {"type": "string", "description": "The claim's id (`answer` for the answer)."},
        "html": {"type": "string"},
        "text": {"type": "string"},
        "citations": {"type": "array", "items": {"type": "integer", "minimum": 1},
                      "description": "Numbers in this view's reference list, by first appearance."},
        "fallback_from": {**_NULLABLE_STRING, "description": "The label of the audience whose text is shown because "
                                                              "this audience's is not written yet (as the page says it)."},
    }, "A statement with its citations."),
    "Section": _object({
        "id": {"type": "string"},
        "heading": _ref("Text", nullable=True),
        "lead": _ref("Claim", nullable=True),
        "intro": _ref("Text", nullable=True),
        "claims": {"type": "array", "items": _ref("Claim")},
    }),
    "QuizOption": _object({
        "option": _ref("Text"),
        "explanation": _ref("Claim", nullable=True),
    }, "An incorrect option and why it is wrong."),
    "Quiz": _object({
        "correct": _ref("Text"),
        "explanation": _ref("Claim", nullable=True),
        "incorrect": {"type": "array", "items": _ref("QuizOption")},
    }, "The closing self-test: the correct answer, then every other option and why it is wrong."),
    "Reference": _object({
        "number": {"type": "integer", "minimum": 1},
        "id": {"type": "string"},
        "type": {"enum": ["guideline", "research", "review", "label", "regulatory", "other"]},
        "title": {"type": "string"},
        "source": {"type": "string"},
        "year": {"type": "integer"},
        "authors": {"type": "array", "items": {"type": "string"}},
        "volume": _NULLABLE_STRING,
        "pages": _NULLABLE_STRING,
        "doi": {"type": ["string", "null"], "pattern": r"^10\.[0-9]{4,9}(\.[0-9]+)*/\S+$"},
        "pmid": {"type": ["string", "null"], "pattern": "^[1-9][0-9]*$"},
        "url": {**_NULLABLE_STRING, "format": "uri"},
        "doi_url": {**_NULLABLE_STRING, "format": "uri"},
        "pubmed_url": {**_NULLABLE_STRING, "format": "uri"},
    }, "A numbered entry of the view's reference list."),
    "Reviewer": _object({
        "id": {"type": "string"},
        "name": {"type": "string"},
        "credentials": {"type": "string"},
        "role": {"type": "string"},
    }),
    "Review": _object({
        "state": {"enum": ["approved", "changed", "pending"],
                  "description": "approved: a reviewer signed exactly what this view shows; changed: signed, but "
                                 "changed since; pending: not signed."},
        "reviewer": _ref("Reviewer", nullable=True),
        "reviewed_by": {**_NULLABLE_STRING, "description": "The reviewer as the page names them."},
        "reviewed": _NULLABLE_DATE,
        "next_review": _NULLABLE_DATE,
        "overdue": {"type": "boolean", "description": "The next review date has passed: the page says so."},
    }),
    "Profile": _object({
        "id": {"type": "string"},
        "label": {"type": "string"},
        "description": {"type": "string"},
    }, "An audience."),
    "Link": _object({
        "profile": {"type": "string"},
        "label": {"type": "string"},
        "url": {"type": "string", "description": "The HTML page (absolute when the site URL is configured)."},
        "api_url": {"type": "string", "description": "This API's JSON of that view."},
    }),
    "ArticleView": _object({
        "slug": {"type": "string"},
        "url": {"type": "string", "description": "The canonical HTML page of this view."},
        "api_url": {"type": "string"},
        "language": {"type": "string", "description": "The language asked for (`lang`)."},
        "text_language": {"type": "string", "description": "The language the text is written in."},
        "untranslated": {"type": "boolean", "description": "Not translated into `language` yet: shown in "
                                                           "`text_language`."},
        "profile": _ref("Profile"),
        "title": _ref("Text"),
        "question": _ref("Text"),
        "answer": _ref("Claim", nullable=True),
        "sections": {"type": "array", "items": _ref("Section")},
        "quiz": _ref("Quiz", nullable=True),
        "references": {"type": "array", "items": _ref("Reference")},
        "glossary": {"type": "array", "items": _object({"term": {"type": "string"}, "definition": {"type": "string"}})},
        "status": {"enum": ["draft", "submitted", "under_review", "approved"], "description": "This view's review step."},
        "review": _ref("Review"),
        "updated": _DATE,
        "disclaimer": _object({"title": {"type": "string"}, "text": {"type": "string"}}),
        "fallback_count": {"type": "integer", "minimum": 0,
                           "description": "Texts shown in another audience's words (marked by `fallback_from`)."},
        "alternates": {"type": "array", "items": _object({"hreflang": {"type": "string"}, "url": {"type": "string"}})},
        "versions": {"type": "array", "items": _ref("Link"), "description": "This article for every audience."},
    }, "What one audience's reader of one article is told."),
    "ArticleSummary": _object({
        "slug": {"type": "string"},
        "text_language": {"type": "string"},
        "untranslated": {"type": "boolean"},
        "languages": {"type": "array", "items": {"type": "string"}, "description": "Languages it is written in."},
        "status": {"enum": ["draft", "submitted", "under_review", "approved"]},
        "updated": _DATE,
        "reviewed": _NULLABLE_DATE,
        "next_review": _NULLABLE_DATE,
        "titles": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Profile -> title."},
        "questions": {"type": "object", "additionalProperties": {"type": "string"}},
        "review": {"type": "object", "additionalProperties": {"enum": ["approved", "changed", "pending"]},
                   "description": "Profile -> the review state of that view."},
        "versions": {"type": "array", "items": _ref("Link")},
    }),
    "ArticleList": _object({
        "language": {"type": "string"},
        "languages": {"type": "array", "items": {"type": "string"}, "description": "The site's languages."},
        "profiles": {"type": "array", "items": _ref("Profile")},
        "articles": {"type": "array", "items": _ref("ArticleSummary")},
    }, "The public articles, by slug."),
    "Error": _object({
        "error": _object({"status": {"type": "integer"}, "title": {"type": "string"}, "message": {"type": "string"}}),
    }),
}

_LANG = {"name": "lang", "in": "query", "required": False, "schema": {"type": "string", "pattern": "^[a-z]{2,3}$"},
         "description": "The language (default: the site's source language)."}
_ETAG = {"ETag": {"description": "A strong ETag of the body; send it as If-None-Match to get 304.",
                  "schema": {"type": "string"}}}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "headers": _ETAG,
            "content": {"application/json": {"schema": _ref(schema)}}}


_ERROR = {"description": "No such article, audience or language (or not public); every error under /api/ (405 for a "
                        "method other than GET, HEAD or OPTIONS too) is this JSON.",
          "content": {"application/json": {"schema": _ref("Error")}}}
_NOT_MODIFIED = {"description": "Not modified (If-None-Match matched the ETag)."}
_SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
_PROFILE = {"name": "profile", "in": "path", "required": True, "schema": {"type": "string"}}
_PREFIX = {"name": "lang", "in": "path", "required": True, "schema": {"type": "string", "pattern": "^[a-z]{2,3}$"},
           "description": "One of the site's other languages (the source language's files have no prefix)."}


def _get(summary: str, operation: str, parameters: list[dict[str, Any]], schema: str, description: str) -> dict[str, Any]:
    return {"get": {"summary": summary, "operationId": operation, "parameters": parameters,
                    "responses": {"200": _json(schema, description), "304": _NOT_MODIFIED, "404": _ERROR,
                                  "405": _ERROR}}}


_LIST = "The public articles: titles per audience, status, dates, languages."
_VIEW = "The view one audience's reader gets of one article."
_FILES = " The same JSON as a file path, which a static build (`tailor build`) writes too."


def document(server: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the API, served from `server` (the site URL, or the path it is at)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Tailor articles", "version": API_VERSION,
                 "description": "Public, read-only: the articles readers may see, each in each audience's words, with "
                                "the same visibility, citations and review state as the pages."},
        "servers": [{"url": server}],
        "paths": {
            "/api/v1/articles": _get(_LIST, "listArticles", [_LANG], "ArticleList", "The articles."),
            "/api/v1/articles.json": _get(_LIST + _FILES, "listArticlesFile", [], "ArticleList", "The articles."),
            "/api/v1/{lang}/articles.json": _get(_LIST + _FILES, "listArticlesInLanguageFile", [_PREFIX], "ArticleList",
                                                 "The articles."),
            "/api/v1/articles/{slug}/{profile}": _get(_VIEW, "getArticleView", [_SLUG, _PROFILE, _LANG], "ArticleView",
                                                      "The view."),
            "/api/v1/articles/{slug}/{profile}.json": _get(_VIEW + _FILES, "getArticleViewFile", [_SLUG, _PROFILE],
                                                           "ArticleView", "The view."),
            "/api/v1/{lang}/articles/{slug}/{profile}.json": _get(
                _VIEW + _FILES, "getArticleViewInLanguageFile", [_PREFIX, _SLUG, _PROFILE], "ArticleView", "The view."),
        },
        "components": {"schemas": SCHEMAS},
    }
