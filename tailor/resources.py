"""Where the templates, static files and translations are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # A wheel carries the folder inside the package; a source checkout keeps it beside the package.
    installed = PACKAGE / name
    return installed if installed.is_dir() else PACKAGE.parent / name


def templates_dir() -> Path:
    """The built-in Jinja2 templates."""
    return _find("templates")


def static_dir() -> Path:
    """The built-in CSS and images."""
    return _find("static")


def translations_dir() -> Path:
    """The interface message catalogs (gettext)."""
    return PACKAGE / "translations"
