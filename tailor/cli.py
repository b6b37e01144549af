"""The `tailor` command: thin click commands over the pure core."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .diagnostics import ExitCode, TailorError, format_github, format_json, format_junit, format_text, printable
from .files import FileProblem, atomic_write, inside

content_option = click.option(
    "--content", "content_root", type=click.Path(file_okay=False, path_type=Path), envvar="TAILOR_CONTENT",
    default="variants", show_default=True, help="The content folder (profiles.yaml, glossary.yaml, articles/).",
)


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Kept for the commands' shape: every command's errors are handled by `TailorGroup.invoke`."""
    return command


BUG_REPORT = "https://github.com/OWNER/tailor/issues"


class TailorGroup(click.Group):
    """Every problem a user can cause is one line and a documented exit code; anything else is a bug."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; turn known problems into one line each, and bugs into exit code 3."""
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            # Click repeats what was typed (`--locale`, a path): escape it before it reaches a terminal.
            vars(exc)["message"] = printable(exc.message)  # `message` is Final in the stubs only
            raise
        except (click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except TailorError as exc:
            for diagnostic in exc.diagnostics:
                click.echo(diagnostic.format(), err=True)
            sys.exit(ExitCode.USAGE)
        except FileProblem as problem:
            click.echo(f"tailor: {printable(problem.message)} ({problem.code})", err=True)
            sys.exit(ExitCode.USAGE)
        except OSError as exc:
            where = f" {printable(str(exc.filename))}" if exc.filename else ""
            click.echo(f"tailor: cannot use{where}: {printable(exc.strerror or str(exc))}", err=True)
            sys.exit(ExitCode.USAGE)
        except KeyboardInterrupt:
            click.echo("tailor: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            saved = _save_traceback()
            click.echo(f"tailor: internal error, a bug in Tailor ({type(exc).__name__}: {printable(str(exc))[:200]}); "
                       f"the traceback is in {saved}: please report it at {BUG_REPORT}", err=True)
            sys.exit(ExitCode.INTERNAL)


def _save_traceback() -> str:
    handle, path = tempfile.mkstemp(prefix="tailor-traceback-", suffix=".txt")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(traceback.format_exc())
    return path


@click.group(cls=TailorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tailor-content")
def main() -> None:
    """Tailor: evidence-cited articles, rendered in each reader's own words."""


def within(path: Path, root: Path) -> bool:
    """Whether a path as given (not following links) is the root or inside it."""
    target, base = os.path.normpath(path.absolute()), os.path.normpath(root.absolute())
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


FORMATS = ("text", "json", "github", "junit")


@main.command()
@content_option
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text (path:line:col), json, github (workflow annotations) or junit (XML).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check everything again, reading and writing no cache (it lives in "
              "$TAILOR_CACHE_DIR, else $XDG_CACHE_HOME/tailor or ~/.cache/tailor).")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Worker processes (default: one per core).")
@click.pass_context
@reports_errors
def check(ctx: click.Context, content_root: Path, paths: tuple[Path, ...], fmt: str, strict: bool, no_cache: bool,
          jobs: int | None) -> None:
    """Check the content; exit 0 clean, 1 findings, 2 usage or configuration error."""
    from .cache import default_folder
    from .check import run_check
    from .load import article_files, display_path

    # `tailor check variants/` names the content folder itself.
    if len(paths) == 1 and (paths[0] / "profiles.yaml").is_file() and \
            ctx.get_parameter_source("content_root") is click.core.ParameterSource.DEFAULT:
        content_root, paths = paths[0], ()
    for path in paths:
        if not within(path, content_root):
            raise click.BadParameter(f"{path} is outside the content folder {content_root}; name files under it, "
                                     "or pass --content DIR", param_hint="PATHS")
        if not _selects_something(path, content_root):
            raise click.BadParameter(f"{path} is not an article, a folder of articles or a site file; name one of "
                                     "those", param_hint="PATHS")
    cache_dir = None if no_cache else default_folder()  # the user's cache, never the content tree
    total = len(article_files(content_root)) if content_root.is_dir() else 0
    show_bar = sys.stderr.isatty() and not os.environ.get("CI") and total > 20
    with click.progressbar(length=total, label="Checking", file=sys.stderr) if show_bar else _no_bar() as bar:
        result = run_check(content_root, paths or None, cache_dir, jobs, bar.update)
    for note in result.notes:  # about this machine's cache, not the content: stdout stays the findings alone
        click.echo(note.format(), err=True)
    diagnostics = result.diagnostics
    if fmt == "json":
        out = format_json(diagnostics)
    elif fmt == "github":
        out = format_github(diagnostics)
    elif fmt == "junit":
        out = format_junit(diagnostics, [display_path(p, content_root) for p in article_files(content_root)], strict)
    else:
        out = format_text(diagnostics)
    click.echo(out, nl=False)
    sys.exit(ExitCode.FINDINGS if any(d.fails(strict) for d in diagnostics) else ExitCode.OK)


def _selects_something(path: Path, content_root: Path) -> bool:
    """Whether `tailor check PATH` would check anything for this path (not a silent pass)."""
    from .load import SITE_FILES, article_files

    target = os.path.normpath(path.absolute())
    if target == os.path.normpath(content_root.absolute()):
        return True
    site = {os.path.normpath((content_root / name).absolute()) for name in SITE_FILES}
    if target in site or within(path, content_root / "templates"):
        return True
    return any(within(article, path) for article in article_files(content_root))


class _no_bar:
    """Stands in for a progress bar where none is shown (CI, pipes)."""

    def __enter__(self) -> _no_bar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


@main.command()
@content_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--author", is_flag=True, default=None,
              help="Add the author workbench at /author/ and reload edited files (never on a public server; "
                   "also TAILOR_AUTHOR=1).")
@reports_errors
def serve(content_root: Path, host: str, port: int, author: bool | None) -> None:
    """Run the reader server (for production, use gunicorn: see the README)."""
    from .web import content_of, create_app, tailor_of

    app = create_app({"TAILOR_AUTHOR": True} if author else None, content=content_root)
    _check_listen(host, port)
    if tailor_of(app).author:
        click.echo(printable(f"author workbench: http://{host}:{port}/author/"), err=True)
    for slug, diagnostics in sorted(content_of(app).broken.items()):
        click.echo(f"not serving `{slug}`: {diagnostics[0].format()}", err=True)
    app.run(host=host, port=port, debug=False, load_dotenv=False)


def _check_listen(host: str, port: int) -> None:
    """Refuse, in one line, a host or port the server could not listen on (Werkzeug would exit 1)."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
            probe.bind((host, port))
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


@main.command()
@content_option
@click.argument("slug")
@click.option("--profile", "profile_id", help="The profile to render (default: the configured default).")
@click.option("--locale", default=None, help="The reader's locale, as Accept-Language would send it (e.g. en_GB).")
@reports_errors
def render(content_root: Path, slug: str, profile_id: str | None, locale: str | None) -> None:
    """Print one article page, exactly as the server sends it."""
    from .web import content_of, create_app

    app = create_app(content=content_root)
    content = content_of(app)
    profile_id = profile_id or content.profiles.default
    if content.profiles.get(profile_id) is None:
        raise click.BadParameter(f"unknown profile `{profile_id}`; choose one of {', '.join(content.profiles.ids)}",
                                 param_hint="--profile")
    if content.readable(slug) is None:
        problem = content.broken.get(slug)
        reason = (f"it has errors, first {problem[0].format()}" if problem else
                  "it is a draft, and drafts are not served to readers" if slug in content.articles else "no such article")
        raise click.BadParameter(f"cannot render `{slug}`: {reason}", param_hint="SLUG")
    if locale and locale.replace("-", "_") not in content.settings.locales:
        raise click.BadParameter(f"locale `{locale}` is not offered; add it to `locales` in tailor.yaml "
                                 f"(now: {', '.join(content.settings.locales)})", param_hint="--locale")
    from .model import language_of

    headers = {"Accept-Language": locale.replace("_", "-")} if locale else {}
    # The page of the locale's language: its URL decides the language (`/es/...`), the header its variant.
    url = content.urls.article(slug, profile_id, language_of(locale) if locale else content.urls.source)
    response = app.test_client().get(url, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered HTTP {response.status_code}")
    # Exactly the page, except that a control character (which no content or template may hold, but
    # a template expression could build) is shown escaped rather than sent to the terminal.
    click.echo(printable(response.get_data(as_text=True)), nl=False)


@main.command("new")
@content_option
@click.argument("slug")
@reports_errors
def new(content_root: Path, slug: str) -> None:
    """Write articles/SLUG.yaml: a draft with a slot for every profile."""
    import datetime as dt

    from .load import SLUG, load_site
    from .scaffold import new_article

    if not SLUG.match(slug):
        raise click.BadParameter("use lower-case words joined by hyphens, like `statins-muscle-pain`", param_hint="SLUG")
    site = load_site(content_root)
    path = content_root / "articles" / f"{slug}.yaml"
    if os.path.lexists(path):
        raise click.BadParameter(f"{path} already exists; choose another slug or edit that file", param_hint="SLUG")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not inside(path.parent, content_root):
        raise click.UsageError(f"{path.parent} leads outside the content folder (a symlink?); make `articles/` a "
                               "folder inside it")
    atomic_write(path, new_article(site.profiles, dt.date.today()))
    click.echo(printable(f"wrote {path}; `tailor check` lists the phrasings still to write"))


@main.command()
@content_option
@click.argument("slug")
@click.option("--submit", "action", flag_value="submitted", help="Submit a draft for review.")
@click.option("--start", "action", flag_value="under_review",
              help="Start the review of a submitted article (or of an approved one, to review it again).")
@click.option("--approve", "action", flag_value="approved",
              help="Approve an article under review: records the reviewer, the date and, per profile, the hash of what "
                   "its readers are told. It becomes `approved` once every profile's view is approved.")
@click.option("--by", "reviewer", metavar="REVIEWER", help="The reviewer's id in reviewers.yaml (required with --approve).")
@click.option("--profiles", "profiles", metavar="P1,P2",
              help="With --approve: the profiles whose views the reviewer approves (default: every profile).")
@click.option("--next-review", "months", type=click.IntRange(1, 60), default=12, show_default=True,
              help="Months until the next review (with --approve).")
@click.option("--force", is_flag=True, help="With --approve: approve even if the review was not started (--start).")
@click.option("--lang", "lang", metavar="LANG", help="Review the translation into this language (articles/SLUG.LANG.yaml): "
              "a translation is reviewed on its own.")
@reports_errors
def review(content_root: Path, slug: str, action: str | None, reviewer: str | None, profiles: str | None, months: int,
           force: bool, lang: str | None) -> None:
    """Move an article (or, with --lang, its translation) through review: draft -> submitted -> under_review -> approved.

    Each step follows the one before it. Only the review fields change, all at once, and nothing is
    written if the file was saved by someone else meanwhile.
    """
    from .diagnostics import Diagnostic, Location
    from .files import FileProblem
    from .load import SLUG, display_path
    from .review import Refusal, printable
    from .review_file import ArticleHasErrors, review_file
    from .reviewers import REVIEWER_ID

    valid_lang = lang is None or re.fullmatch(r"[a-z]{2,3}", lang) is not None
    path = content_root / "articles" / (f"{slug}.{lang}.yaml" if lang and valid_lang else f"{slug}.yaml")
    where = display_path(path, content_root) if SLUG.match(slug) and valid_lang else str(content_root / "articles")
    try:
        if not SLUG.match(slug):
            raise Refusal("review.slug", f"`{printable(slug)}` is not an article slug (lower-case words joined by "
                                         "hyphens, the file name without `.yaml`); check the name")
        if not valid_lang:
            raise Refusal("review.usage", f"`{printable(lang or '')}` is not a language code; pass one such as `--lang es`")
        if action is None:
            raise Refusal("review.usage", "say what to do: --submit, --start or --approve --by REVIEWER")
        if action != "approved" and (reviewer is not None or force or profiles is not None):
            raise Refusal("review.usage", "--by, --profiles and --force go with --approve only; drop them")
        if action == "approved":
            if reviewer is None:
                raise Refusal("review.reviewer", "--approve needs --by REVIEWER: the id of the reviewer in reviewers.yaml")
            if not REVIEWER_ID.match(reviewer):
                raise Refusal("review.reviewer", f"`{printable(reviewer)}` is not a reviewer id (lower-case words joined by "
                                                 "hyphens, as written in reviewers.yaml, like `ada-lovelace`)")
        chosen = tuple(dict.fromkeys(p.strip() for p in profiles.split(",") if p.strip())) if profiles is not None else None
        if chosen == ():
            raise Refusal("review.usage", "--profiles names no profile; list them like `--profiles clinician,student`")
        said = review_file(content_root, path, slug, action, reviewer or "", months, force, lang, chosen)
    except ArticleHasErrors as exc:
        for d in exc.diagnostics[:10]:
            click.echo(d.format(), err=True)
        raise click.ClickException(str(exc)) from None
    except Refusal as exc:
        raise TailorError([Diagnostic(Location(where, exc.line, exc.col), exc.code, exc.message)]) from None
    except FileProblem as exc:
        raise TailorError([Diagnostic(Location(where), exc.code, exc.message)]) from None
    click.echo(printable(f"{where}: {said}", limit=400))


@main.command()
@content_option
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table", show_default=True)
@reports_errors
def report(content_root: Path, fmt: str) -> None:
    """Status, coverage and readability per article and profile, and per translation (missing ones too)."""
    from .load import load_content
    from .report import as_json, as_table, content_reports

    content = load_content(content_root)
    reports = content_reports(content)
    out = as_json(reports) if fmt == "json" else as_table(reports, markdown=fmt == "md")
    click.echo(printable(out), nl=False)
    for _, problems in sorted(content.broken.items()):
        click.echo(f"not loaded: {problems[0].format()}", err=True)


@main.command()
@content_option
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Write into a non-empty folder that an earlier build did not create.")
@click.option("--site-url", "site_url", envvar="TAILOR_SITE_URL", default="", metavar="URL",
              help="The site's public address (https://example.org/health/): links, assets and canonical URLs go under "
                   "it, and sitemap.xml and robots.txt are written (default: tailor.yaml's site_url).")
@reports_errors
def build(content_root: Path, outdir: Path, force: bool, site_url: str) -> None:
    """Write the reader site and its JSON API as static files (serve OUTDIR at the site URL's path)."""
    from .address import site_url_problem
    from .build import BuildRefused, build_site
    from .diagnostics import Diagnostic, Location

    problem = site_url_problem(site_url) if site_url else None
    if problem:
        # Checked before anything is written: a wrong address would put every link of the site elsewhere.
        source = click.get_current_context().get_parameter_source("site_url")
        where = "TAILOR_SITE_URL" if source is click.core.ParameterSource.ENVIRONMENT else "--site-url"
        raise TailorError([Diagnostic(Location(where), "usage.site_url", f"{site_url[:80]!r} cannot be used: {problem}")])
    try:
        result = build_site(content_root, outdir, force, site_url)
    except BuildRefused as refused:
        raise click.UsageError(str(refused)) from None
    removed = f", removed {len(result.removed)} no longer published" if result.removed else ""
    click.echo(printable(f"wrote {len(result.written)} files to {outdir}{removed}"))
    for diagnostic in result.broken:
        click.echo(f"not built: {diagnostic.format()}", err=True)
    sys.exit(ExitCode.FINDINGS if result.broken else ExitCode.OK)
