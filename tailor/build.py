"""`tailor build`: the reader site as static files that reflect the content exactly.

Every page and every JSON view of the API is fetched from the real app (so a static file is byte for
byte what the server sends for the same URL) and written atomically. With a site URL (`--site-url`,
TAILOR_SITE_URL or tailor.yaml's `site_url`) the pages are rendered as served under its path, so every
link, asset and canonical URL points inside it, and `sitemap.xml` and `robots.txt` are written too.
A manifest in the output folder lists what the last build wrote, so a
rebuild removes pages that are no longer published (a withdrawn article must not stay online),
and the build refuses folders it did not create, the content folder and `/`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from importlib import metadata
from pathlib import Path

from .address import root_of
from .api import list_path, view_path
from .diagnostics import Diagnostic
from .files import FileProblem, atomic_write, inside, read_text
from .model import Content
from .publish import robots_txt, sitemap_files
from .render import index_pages
from .resources import static_dir
from .web import content_of, create_app, tailor_of

MANIFEST = ".tailor-build.json"
"""Written last by every build: the files it wrote, so the next build knows what it may remove."""
MANIFEST_LIMIT = 64 * 1024 * 1024


class BuildRefused(Exception):
    """The output folder is not one a build may write into; the message says why and what to do."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote and removed, and the articles it could not build."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    broken: tuple[Diagnostic, ...]
    """The first error of each article that could not be built."""


def check_outdir(outdir: Path, content_root: Path, force: bool) -> list[str]:
    """The files the previous build wrote there; raises BuildRefused for a folder a build must not touch."""
    target, content = outdir.resolve(), content_root.resolve()
    if target == Path(target.anchor) or target == Path.home().resolve():
        raise BuildRefused(f"refusing to build into {outdir}: choose a folder of its own, such as `site/`")
    if target == content or content in target.parents or target in content.parents:
        raise BuildRefused(f"refusing to build into {outdir}: it holds or is inside the content folder {content_root}; "
                           "choose a folder outside it, such as `site/`")
    if target.exists() and not target.is_dir():
        raise BuildRefused(f"{outdir} is a file; choose a folder")
    manifest = target / MANIFEST
    if manifest.is_file():
        return _previous(manifest)
    if target.is_dir() and any(target.iterdir()) and not force:
        raise BuildRefused(f"{outdir} is not empty and was not written by `tailor build`; choose an empty folder, or "
                           "pass --force to write into it (files Tailor did not write are kept)")
    return []


def _previous(manifest: Path) -> list[str]:
    try:
        data = json.loads(read_text(manifest, manifest.parent, MANIFEST_LIMIT))
        files = data["files"] if isinstance(data, dict) else None
    except (FileProblem, ValueError, KeyError, RecursionError):
        files = None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise BuildRefused(f"{manifest} is damaged; delete the output folder and build again")
    # Only plain relative paths inside the folder: a manifest must never make a build delete elsewhere.
    return [f for f in files if f and not os.path.isabs(f) and ".." not in Path(f).parts]


def pages(content: Content) -> dict[str, str]:
    """Output file -> URL of every page readers may see: 404, and in every language the index and every
    public article in every profile."""
    found = {"404.html": "/404/"}
    urls = content.urls
    for lang in content.settings.languages:
        for number in range(1, index_pages(content) + 1):
            found[_file(urls.index(lang, number))] = urls.index(lang, number)
        for article in content.listed():
            for profile in content.profiles.ids:
                url = urls.article(article.slug, profile, lang)
                found[_file(url)] = url
    return found


def api_files(content: Content) -> dict[str, str]:
    """Output file -> URL of the API's JSON: the description, and in every language the list and every public view."""
    source = content.urls.source
    found = {"api/openapi.json": "/api/openapi.json"}
    for lang in content.settings.languages:
        found[list_path(lang, source).lstrip("/")] = list_path(lang, source)
        for article in content.listed():
            for profile in content.profiles.ids:
                path = view_path(article.slug, profile, lang, source)
                found[path.lstrip("/")] = path
    return found


def redirects(content: Content) -> dict[str, tuple[str, str]]:
    """Output file -> (language, URL it sends to) of `/articles/<slug>/` in every language: the default profile."""
    urls = content.urls
    return {_file(urls.choose(article.slug, lang)): (lang, urls.article(article.slug, content.profiles.default, lang))
            for lang in content.settings.languages for article in content.listed()}


def _file(url: str) -> str:
    """The file a URL is served from: `/es/articles/x/patient/` -> `es/articles/x/patient/index.html`."""
    return f"{url.strip('/')}/index.html".lstrip("/")


def _redirect_page(lang: str, slug: str, url: str, canonical: str) -> str:
    # No server to send the reader to their version: this page links to the default one.
    url, canonical = escape(url), escape(canonical)
    return (f'<!doctype html><html lang="{escape(lang)}"><meta charset="utf-8"><title>{escape(slug)}</title>'
            f'<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{canonical}">'
            f'<a href="{url}">{url}</a></html>\n')


def _static_files() -> Iterator[tuple[str, Path]]:
    root = static_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield f"static/{path.relative_to(root).as_posix()}", path


def build_site(content_root: Path, outdir: Path, force: bool = False, site_url: str = "") -> BuildResult:
    """Write the site (under `site_url`, a valid one, if given); raises BuildRefused before writing anything
    when the folder is not ours to write."""
    previous = check_outdir(outdir, content_root, force)
    app = create_app({"TAILOR_STATIC": True, "TAILOR_AUTHOR": False, "TAILOR_SITE_URL": site_url}, content=content_root)
    content = content_of(app)
    site_url = tailor_of(app).site_url or content.settings.site_url
    root = root_of(site_url)
    # Rendered as served under the site's path: SCRIPT_NAME is what puts `/health` before every link and asset.
    base_url = f"http://localhost{root}/"
    urls = {**pages(content), **api_files(content)}
    moves = redirects(content)
    # Without the site's public address there are no absolute URLs, which a sitemap must have.
    published = {**sitemap_files(content, site_url), "robots.txt": robots_txt(site_url)} if site_url else {}
    planned = [*urls, *moves, *published, *(name for name, _ in _static_files())]
    outdir.mkdir(parents=True, exist_ok=True)
    # Record every file this build may write before writing any: an interrupted build leaves nothing
    # that the next build does not know it may remove.
    _write_manifest(outdir, sorted({*previous, *planned}))
    client = app.test_client()
    written = []
    for name, url in urls.items():
        response = client.get(url, base_url=base_url)
        expected = 404 if name == "404.html" else 200
        if response.status_code != expected:
            raise RuntimeError(f"{url} answered HTTP {response.status_code} while building")
        _write(outdir, name, response.data)
        written.append(name)
    for name, (lang, target) in moves.items():
        _write(outdir, name, _redirect_page(lang, name.split("/")[-2], root + target,
                                                    site_url.rstrip("/") + target if site_url else root + target).encode("utf-8"))
        written.append(name)
    for name, data in published.items():
        _write(outdir, name, data)
        written.append(name)
    for name, source in _static_files():
        _write(outdir, name, source.read_bytes())
        written.append(name)
    removed = _remove_stale(outdir, set(previous) - set(written)) + _remove_leftovers(outdir, {*previous, *written})
    _write_manifest(outdir, sorted(written))
    broken = tuple(content.broken[slug][0] for slug in sorted(content.broken) if content.broken[slug])
    return BuildResult(tuple(written), tuple(removed), broken)


def _write(outdir: Path, name: str, data: bytes) -> None:
    path = outdir / name
    if not inside(path.parent, outdir) or path.is_symlink() or (path.exists() and not path.is_file()):
        raise FileProblem("build.blocked", f"{path} is in the way (a folder or a link); remove it and build again")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def _write_manifest(outdir: Path, files: list[str]) -> None:
    version = metadata.version("tailor-content")
    atomic_write(outdir / MANIFEST, json.dumps({"tailor": version, "files": files}, indent=1) + "\n")


def _remove_leftovers(outdir: Path, ours: set[str]) -> list[str]:
    """Temporary files of an earlier build killed while writing one of our files (never anything else)."""
    removed = []
    for name in sorted(ours | {MANIFEST}):
        path = outdir / name
        if not inside(path.parent, outdir) or not path.parent.is_dir():
            continue
        pattern = re.compile(rf"^\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp$")  # what atomic_write names them
        for leftover in path.parent.iterdir():
            if pattern.match(leftover.name) and leftover.is_file() and not leftover.is_symlink():
                leftover.unlink()
                removed.append(leftover.relative_to(outdir).as_posix())
    return removed


def _remove_stale(outdir: Path, stale: set[str]) -> list[str]:
    removed = []
    for name in sorted(stale):
        path = outdir / name
        # Only a file whose folder really is inside the output folder: a link planted on the way
        # (`evil -> /elsewhere`) must never make a build delete elsewhere.
        if inside(path.parent, outdir) and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(name)
        parent = path.parent
        while parent != outdir and inside(parent, outdir) and not parent.is_symlink() and parent.is_dir() \
                and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed
