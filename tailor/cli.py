"""The `tailor` command: thin click commands over the pure core."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Callable

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
@click.option("--no-cache", is_flag=True, help="Check everything again instead of reusing unchanged results.")
@click.option("--jobs", type=click.IntRange(1), default=None, help="Worker processes (default: one per core).")
@click.pass_context
@reports_errors
def check(ctx: click.Context, content_root: Path, paths: tuple[Path, ...], fmt: str, strict: bool, no_cache: bool,
          jobs: int | None) -> None:
    """Check the content; exit 0 clean, 1 findings, 2 usage or configuration error."""
    from .check import run_check
    from .load import article_files, display_path

    # `tailor check variants/` names the content folder itself.
    if len(paths) == 1 and (paths[0] / "profiles.yaml").is_file() and \
            ctx.get_parameter_source("content_root") is click.core.ParameterSource.DEFAULT:
        content_root, paths = paths[0], ()
    cache_dir = None if no_cache else Path(os.environ.get("TAILOR_CACHE_DIR") or content_root / ".tailor-cache")
    total = len(article_files(content_root)) if content_root.is_dir() else 0
    show_bar = sys.stderr.isatty() and not os.environ.get("CI") and total > 20
    with click.progressbar(length=total, label="Checking", file=sys.stderr) if show_bar else _no_bar() as bar:
        result = run_check(content_root, paths or None, cache_dir, jobs, bar.update)
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
@reports_errors
def serve(content_root: Path, host: str, port: int) -> None:
    """Run the reader server (for production, use `gunicorn server:app`)."""
    from .web import create_app

    app = create_app(content=content_root)
    content = app.extensions["tailor"]
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
    content = app.extensions["tailor"]
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
