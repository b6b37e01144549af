"""Flask's templates in the guarded sandbox, with the content tree's overrides first (when the
operator allows them) and never fatal.

The pure part (loader, bounds, check) is in `overrides`. Templates get no request, session,
config or flashed messages: a template has no need of them, and the request's environment holds
the client's socket. Content-tree templates are code, so they are used only when the operator
says so (`TAILOR_TEMPLATES=1`); even then a page whose override fails in any way (syntax,
sandbox, a bound, recursion) is rendered by the built-in templates.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, request, url_for
from flask.templating import Environment as FlaskEnvironment
from jinja2 import ChoiceLoader, FileSystemLoader, Template

from .diagnostics import printable
from .overrides import ContentTemplateLoader, GuardedSandbox, TemplateLimit, folder, render_bounded, snapshot
from .pages import FALLBACK_KEY

log = logging.getLogger("tailor")
_HIDDEN_GLOBALS = ("config", "request", "session", "g", "get_flashed_messages")


class SandboxedEnvironment(GuardedSandbox, FlaskEnvironment):
    """Flask's template environment inside the guarded, immutable sandbox."""


def local_url_for(endpoint: str, **values: Any) -> str:
    """`url_for` for templates: local URLs only (an absolute one would name the request's Host)."""
    if any(key.startswith("_") and key != "_anchor" for key in values):
        raise TemplateLimit("templates build local URLs only")
    return url_for(endpoint, **values)


def install(app: Flask, content_root: Path, overrides_on: bool) -> None:
    """Sandbox the app's templates; with `overrides_on`, the content tree's `templates/` come first."""
    app.jinja_environment = SandboxedEnvironment
    for name in _HIDDEN_GLOBALS:
        app.jinja_env.globals.pop(name, None)
    app.jinja_env.globals["url_for"] = local_url_for
    # Flask's default context processor adds request, session and g to every template.
    app.template_context_processors[None] = [
        processor for processor in app.template_context_processors[None]
        if processor.__name__ != "_default_template_ctx_processor"]
    app.context_processor(lambda: {"current_path": request.path})
    builtin = FileSystemLoader(str(app.template_folder))
    templates, _ = snapshot(content_root) if overrides_on else ({}, "")
    root = folder(content_root)
    if root is not None and not overrides_on:
        log.info("the content folder's templates/ is not used: set TAILOR_TEMPLATES=1 to use it")
    if templates and root is not None:
        app.jinja_env.loader = ChoiceLoader([ContentTemplateLoader(templates, root), builtin])
    app.extensions["tailor_builtin_loader"] = builtin
    app.extensions["tailor_overrides"] = bool(templates)


def render(app: Flask, names: list[str | Template], **context: Any) -> str:
    """Render the first template found; if a content-tree template fails, the built-in one instead."""
    app.update_template_context(context)
    if not app.extensions["tailor_overrides"]:
        return app.jinja_env.get_or_select_template(names).render(context)
    try:
        return render_bounded(app.jinja_env.get_or_select_template(names), context)
    except Exception as error:  # any failure of content: a syntax error, a bound, endless recursion
        log.error("a content-tree template failed (%s: %s); serving the built-in template",
                  type(error).__name__, printable(str(error))[:300])
        request.environ[FALLBACK_KEY] = True
    fallback = app.extensions.get("tailor_builtin_templates")
    if fallback is None:
        # An overlay shares the extensions (gettext), globals and filters; only the loader differs.
        fallback = app.extensions["tailor_builtin_templates"] = app.jinja_env.overlay(
            loader=app.extensions["tailor_builtin_loader"])
    return fallback.get_or_select_template(names).render(context)
