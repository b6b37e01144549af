"""The `tailor` command: thin click commands over the pure core."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Callable

import click

from .diagnostics import ExitCode, TailorError, format_json, format_text
from .load import load_content

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


@main.command()
@content_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@reports_errors
def check(content_root: Path, paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check the content; exit 0 clean, 1 findings, 2 usage or configuration error."""
    content = load_content(content_root)
    diagnostics = list(content.diagnostics)
    if paths:
        wanted = {p.resolve() for p in paths}
        diagnostics = [d for d in diagnostics if Path(d.location.path).resolve() in wanted
                       or any(parent in wanted for parent in Path(d.location.path).resolve().parents)]
    click.echo(format_json(diagnostics) if fmt == "json" else format_text(diagnostics), nl=False)
    failing = [d for d in diagnostics if d.is_error or strict]
    sys.exit(ExitCode.FINDINGS if failing else ExitCode.OK)


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
