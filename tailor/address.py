"""Where the site is: the path its links start with, and the public URL absolute links are made from.

Links on a page are local paths under the site's root path ("" at the domain root, "/health" for a
site at https://example.org/health/), so they work wherever the site is served from. Absolute URLs
(canonical, alternates, sitemap, Open Graph, JSON-LD) come only from the configured `site_url`, never
from a request's Host header, which a client chooses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")
_PATH = re.compile(r"^(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*$")


def site_url_problem(value: str) -> str | None:
    """Why a site URL cannot be used (not absolute http(s), a query, a fragment, odd characters), or None."""
    if any(ord(ch) <= 32 or ord(ch) == 127 for ch in value):
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "it is not a URL"
    if parts.scheme not in ("http", "https"):
        return "it must start with https:// or http://"
    if not parts.netloc or "@" in parts.netloc or not _HOST.match(parts.netloc):
        return "it needs a host name (and no user name or password), like https://example.org/"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return "it may not have a query (?...) or fragment (#...)"
    try:
        parts.port  # noqa: B018  (raises on a port out of range)
    except ValueError:
        return "its port is not a number from 0 to 65535"
    # A browser decodes %2e as a dot: `/%2e%2e/` is `/../`.
    path = re.sub(r"%2e", ".", parts.path, flags=re.IGNORECASE)
    if "%" in path and not re.fullmatch(r"(?:[^%]|%[0-9A-Fa-f]{2})*", path):
        return "its path has a % that does not start an escape like %20"
    if not _PATH.match(parts.path) or "/../" in f"{path}/" or "/./" in f"{path}/":
        return "its path has characters or steps (. or ..) a site address cannot have"
    return None


def normalize_site_url(value: str) -> str:
    """A valid site URL with exactly one slash at the end (`https://example.org/health/`)."""
    parts = urlsplit(value)
    path = parts.path.rstrip("/")
    return f"{parts.scheme}://{parts.netloc.lower()}{path}/"


def root_of(site_url: str) -> str:
    """The path links start with for a site URL ("" at the domain root, "/health" under a path)."""
    return urlsplit(site_url).path.rstrip("/") if site_url else ""


@dataclass(frozen=True)
class Address:
    """The site's root path (links) and public URL (absolute links) for one page."""

    root: str = ""
    """"" at the domain root, "/health" when served under a path (SCRIPT_NAME, or the site URL's path)."""
    site_url: str = ""
    """`https://example.org/health/`, or "" when the site's public address is not configured."""

    def local(self, path: str) -> str:
        """A site path (`/articles/x/patient/`) as a link on this site's pages."""
        return self.root + path

    def absolute(self, path: str) -> str:
        """A site path as an absolute URL when the site URL is known, else as a local link."""
        return self.site_url.rstrip("/") + path if self.site_url else self.local(path)

    @property
    def known(self) -> bool:
        """Whether absolute URLs can be made (a site URL is configured)."""
        return bool(self.site_url)
