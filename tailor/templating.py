"""Templates from the content tree are untrusted input: sandboxed, read inside the tree, never fatal.

Datasette-style overrides (`templates/article-<slug>.html` in the content folder) come through pull
requests like the articles do. Every template renders in Jinja's immutable sandbox, so a template
cannot reach Python internals (`cycler.__init__.__globals__.os`); the content loader reads only
regular files inside the content folder, bounded in size; and a content template that fails
(syntax, sandbox violation) falls back to the built-in one, so a bad override never takes a page down.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.templating import Environment as FlaskEnvironment
from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, Template, TemplateError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .files import FileProblem, read_text

TEMPLATE_LIMIT = 256 * 1024
"""Bytes a content-tree template may have."""

log = logging.getLogger("tailor")


class SandboxedEnvironment(ImmutableSandboxedEnvironment, FlaskEnvironment):
    """Flask's template environment inside Jinja's immutable sandbox."""


class ContentTemplateLoader(BaseLoader):
    """Templates from the content tree's `templates/` folder: regular files inside it, bounded."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, or TemplateNotFound for anything that is not a file in the folder."""
        path = self.folder.joinpath(*split_template_path(template))
        if not path.is_file():
            raise TemplateNotFound(template)
        try:
            source = read_text(path, self.folder, TEMPLATE_LIMIT)
            mtime = path.stat().st_mtime_ns
        except (FileProblem, OSError) as problem:
            log.warning("content template %s not used: %s", path, problem)
            raise TemplateNotFound(template) from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate

    def list_templates(self) -> list[str]:
        """The templates the folder offers (top level only)."""
        try:
            return sorted(name for name in os.listdir(self.folder) if name.endswith(".html"))
        except OSError:
            return []


def install(app: Flask, content_root: Path) -> None:
    """Sandbox the app's templates and let the content tree's `templates/` override the built-in ones."""
    app.jinja_environment = SandboxedEnvironment
    # `config` would show every setting, paths included, to any template; nothing here needs it.
    app.jinja_env.globals.pop("config", None)
    builtin = FileSystemLoader(str(app.template_folder))
    overrides = content_root / "templates"
    if overrides.is_dir():
        app.jinja_env.loader = ChoiceLoader([ContentTemplateLoader(overrides), builtin])
    app.extensions["tailor_builtin_loader"] = builtin


def render(app: Flask, names: list[str | Template], **context: Any) -> str:
    """Render the first template found; if a content-tree template fails, the built-in one instead."""
    app.update_template_context(context)
    try:
        template: Template = app.jinja_env.get_or_select_template(names)
        return template.render(context)
    except TemplateError as error:
        fallback = app.extensions.get("tailor_builtin_templates")
        if fallback is None:
            # An overlay shares the extensions (gettext), globals and filters; only the loader differs.
            fallback = app.extensions["tailor_builtin_templates"] = app.jinja_env.overlay(
                loader=app.extensions["tailor_builtin_loader"])
        log.error("a content-tree template failed (%s: %s); serving the built-in template", type(error).__name__, error)
        return fallback.get_or_select_template(names).render(context)
