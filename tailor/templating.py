"""Flask's templates in Jinja's sandbox, with the content tree's overrides first and never fatal.

The pure part (loader, bounds, check) is in `overrides`. Here every template renders in the
guarded sandbox, `config` is not offered to templates, and a page whose content-tree template
fails in any way (syntax, sandbox, a bound, recursion) is rendered by the built-in templates.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask
from flask.templating import Environment as FlaskEnvironment
from jinja2 import ChoiceLoader, FileSystemLoader, Template

from .diagnostics import printable
from .overrides import ContentTemplateLoader, GuardedSandbox, folder, render_bounded

log = logging.getLogger("tailor")


class SandboxedEnvironment(GuardedSandbox, FlaskEnvironment):
    """Flask's template environment inside the guarded, immutable sandbox."""


def install(app: Flask, content_root: Path) -> None:
    """Sandbox the app's templates and let the content tree's `templates/` override the built-in ones."""
    app.jinja_environment = SandboxedEnvironment
    # `config` would show every setting, paths included, to any template; nothing here needs it.
    app.jinja_env.globals.pop("config", None)
    builtin = FileSystemLoader(str(app.template_folder))
    overrides = folder(content_root)
    if overrides is not None:
        app.jinja_env.loader = ChoiceLoader([ContentTemplateLoader(overrides), builtin])
    app.extensions["tailor_builtin_loader"] = builtin
    app.extensions["tailor_overrides"] = overrides is not None


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
    fallback = app.extensions.get("tailor_builtin_templates")
    if fallback is None:
        # An overlay shares the extensions (gettext), globals and filters; only the loader differs.
        fallback = app.extensions["tailor_builtin_templates"] = app.jinja_env.overlay(
            loader=app.extensions["tailor_builtin_loader"])
    return fallback.get_or_select_template(names).render(context)
