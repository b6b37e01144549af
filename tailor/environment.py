"""The operator's settings from the environment: each read strictly, a bad value one line naming the variable."""

from __future__ import annotations

import os
from pathlib import Path

from .address import normalize_site_url, site_url_problem
from .diagnostics import Diagnostic, Location, TailorError

_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def content_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the content is: the argument, else TAILOR_CONTENT, else ./variants."""
    return Path(explicit or os.environ.get("TAILOR_CONTENT") or "variants")


def env_flag(name: str) -> bool:
    """A yes/no environment variable; anything else is a configuration error (one line)."""
    raw = os.environ.get(name, "").strip().lower()
    if raw in _TRUE or raw in _FALSE:
        return raw in _TRUE
    raise TailorError([Diagnostic(Location(name), "config.env", f"{name}={raw!r} is not a yes/no value; use 1 or 0")])


def env_int(name: str, low: int, high: int) -> int:
    """A whole-number environment variable in [low, high]; anything else is a configuration error."""
    raw = os.environ.get(name, "").strip() or str(low)
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise TailorError([Diagnostic(Location(name), "config.env", f"{name}={raw!r} must be a whole number from {low} to {high}")])
    return int(raw)


def env_seconds(name: str, default: float) -> float:
    """A duration in seconds from the environment (0 to 60); anything else is a configuration error."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not 0 <= value <= 60:
        raise TailorError([Diagnostic(Location(name), "config.env", f"{name}={raw!r} must be a number of seconds from 0 to 60")])
    return value


def env_site_url(name: str = "TAILOR_SITE_URL") -> str:
    """The site URL from the environment ("" if unset); anything unusable is a configuration error."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    problem = site_url_problem(raw)
    if problem:
        raise TailorError([Diagnostic(Location(name), "config.env", f"{name}={raw[:80]!r} cannot be used: {problem}")])
    return normalize_site_url(raw)
