"""The `tailor` command: thin click commands over the pure core."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from .diagnostics import ExitCode, TailorError, format_github, format_json, format_junit, format_text

content_option = click.option(
    "--content", "content_root", type=click.Path(file_okay=False, path_type=Path), envvar="TAILOR_CONTENT",
    default="variants", show_default=True, help="The content folder (profiles.yaml, glossary.yaml, articles/).",
)


def reports_errors(command: Callable) -> Callable:
    """Print TailorError as its one-line diagnostics and exit 2; anything else is a bug."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TailorError as exc:
            click.echo(str(exc), err=True)
            sys.exit(ExitCode.USAGE)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tailor-content")
def main() -> None:
    """Tailor: evidence-cited articles, rendered in each reader's own words."""


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


class _no_bar:
    """Stands in for a progress bar where none is shown (CI, pipes)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


@main.command()
@content_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--author", is_flag=True, default=None,
              help="Add the author workbench at /author/ and reload edited files (never in production).")
@reports_errors
def serve(content_root: Path, host: str, port: int, author: bool | None) -> None:
    """Run the reader server (for production, use `gunicorn server:app`)."""
    from .web import create_app

    app = create_app({"TAILOR_AUTHOR": author} if author else None, content=content_root)
    content = app.extensions["tailor_store"].content
    if app.config["TAILOR_AUTHOR"]:
        click.echo(f"author workbench: http://{host}:{port}/author/", err=True)
    for slug, diagnostics in content.broken.items():
        click.echo(f"not serving `{slug}`: {diagnostics[0].format()}", err=True)
    app.run(host=host, port=port, debug=False, load_dotenv=False)


@main.command()
@content_option
@click.argument("slug")
@click.option("--profile", "profile_id", help="The profile to render (default: the configured default).")
@click.option("--locale", default=None, help="The reader's locale, as Accept-Language would send it (e.g. en_GB).")
@reports_errors
def render(content_root: Path, slug: str, profile_id: str | None, locale: str | None) -> None:
    """Print one article page, exactly as the server sends it."""
    from .web import create_app

    app = create_app(content=content_root)
    content = app.extensions["tailor_store"].content
    profile_id = profile_id or content.profiles.default
    if content.profiles.get(profile_id) is None:
        raise click.BadParameter(f"unknown profile `{profile_id}`; choose one of {', '.join(content.profiles.ids)}",
                                 param_hint="--profile")
    if slug not in content.articles:
        problem = content.broken.get(slug)
        reason = f"it has errors, first {problem[0].format()}" if problem else "no such article"
        raise click.BadParameter(f"cannot render `{slug}`: {reason}", param_hint="SLUG")
    if locale and locale.replace("-", "_") not in content.settings.locales:
        raise click.BadParameter(f"locale `{locale}` is not offered; add it to `locales` in tailor.yaml "
                                 f"(now: {', '.join(content.settings.locales)})", param_hint="--locale")
    headers = {"Accept-Language": locale.replace("_", "-")} if locale else {}
    response = app.test_client().get(f"/articles/{slug}/{profile_id}/", headers=headers)
    if response.status_code != 200:
        raise click.ClickException(f"`{slug}` is not served to readers (HTTP {response.status_code}; drafts are not)")
    click.echo(response.get_data(as_text=True), nl=False)


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
    if path.exists():
        raise click.BadParameter(f"{path} already exists; choose another slug or edit that file", param_hint="SLUG")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_article(site.profiles, dt.date.today()), encoding="utf-8")
    click.echo(f"wrote {path}; `tailor check` lists the phrasings still to write")


@main.command()
@content_option
@click.argument("slug")
@click.option("--submit", "action", flag_value="submitted", help="Mark the draft as submitted for review.")
@click.option("--start", "action", flag_value="under_review", help="Mark the article as under review.")
@click.option("--approve", "action", flag_value="approved", help="Approve it: stamps reviewer, date and claims hash.")
@click.option("--by", "reviewer", help="Who approved it (required with --approve).")
@click.option("--next-review", "months", type=click.IntRange(1, 60), default=12, show_default=True,
              help="Months until the next review (with --approve).")
@reports_errors
def review(content_root: Path, slug: str, action: str | None, reviewer: str | None, months: int) -> None:
    """Move an article through review: draft -> submitted -> under_review -> approved."""
    import datetime as dt

    from .check import check_file
    from .load import load_article, load_site
    from .review import approve, stamp

    if action is None:
        raise click.UsageError("say what to do: --submit, --start or --approve --by NAME")
    site = load_site(content_root)
    path = content_root / "articles" / f"{slug}.yaml"
    if not path.is_file():
        raise click.BadParameter(f"no article {path}", param_hint="SLUG")
    article, _ = load_article(path, content_root, site.profiles)
    source = path.read_text(encoding="utf-8")
    if action == "approved":
        if not reviewer:
            raise click.UsageError("--approve needs --by NAME: the reviewer is recorded in the file")
        blocking = [d for d in check_file(site, path) if d.is_error and d.code != "review.changed"]
        if article is None or blocking:
            for d in blocking[:10]:
                click.echo(d.format(), err=True)
            raise click.ClickException(f"`{slug}` has errors; fix them (`tailor check`) before approving it")
        updated = approve(source, article, reviewer, dt.date.today(), months)
    else:
        updated = stamp(source, {"status": action})
    path.write_text(updated, encoding="utf-8")
    click.echo(f"{path}: status {action}" + (f", approved by {reviewer}" if action == "approved" else ""))


@main.command()
@content_option
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table", show_default=True)
@reports_errors
def report(content_root: Path, fmt: str) -> None:
    """Status, coverage and readability per article and profile."""
    from pathlib import Path as P

    from .load import load_content
    from .report import article_report, as_json, as_table

    content = load_content(content_root)
    reports = [article_report(content, content.articles[slug],
                              [d for d in content.diagnostics if P(d.location.path).stem == slug])
               for slug in sorted(content.articles)]
    out = as_json(reports) if fmt == "json" else as_table(reports, markdown=fmt == "md")
    click.echo(out, nl=False)
    for _, problems in sorted(content.broken.items()):
        click.echo(f"not loaded: {problems[0].format()}", err=True)


@main.command()
@content_option
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def build(content_root: Path, outdir: Path) -> None:
    """Write the reader site as static files (serve OUTDIR at the root of a web server)."""
    import shutil

    from .resources import static_dir
    from .web import create_app

    app = create_app({"TAILOR_STATIC": True}, content=content_root)
    content = app.extensions["tailor_store"].content
    client = app.test_client()
    pages = {"index.html": "/", "404.html": "/404/"}
    for slug, article in sorted(content.articles.items()):
        if article.status.value == "draft":
            continue
        for profile in content.profiles.ids:
            pages[f"articles/{slug}/{profile}/index.html"] = f"/articles/{slug}/{profile}/"
    for target, url in pages.items():
        response = client.get(url)
        if response.status_code not in (200, 404) or (response.status_code == 404 and target != "404.html"):
            raise click.ClickException(f"{url} answered HTTP {response.status_code}")
        path = outdir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(response.data)
    for slug in {p.split("/")[1] for p in pages if p.startswith("articles/")}:
        # No server to send the reader to their version: this page links to the default one.
        default = f"/articles/{slug}/{content.profiles.default}/"
        (outdir / "articles" / slug / "index.html").write_text(
            f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{slug}</title>'
            f'<meta http-equiv="refresh" content="0; url={default}"><link rel="canonical" href="{default}">'
            f'<a href="{default}">{default}</a></html>\n', encoding="utf-8")
    shutil.copytree(static_dir(), outdir / "static", dirs_exist_ok=True)
    click.echo(f"wrote {len(pages)} pages to {outdir}")
    for problems in content.broken.values():
        click.echo(f"not built: {problems[0].format()}", err=True)
    sys.exit(ExitCode.FINDINGS if content.broken else ExitCode.OK)
