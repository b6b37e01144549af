"""Helpers for the hostile suite: every case is content or a request that once broke a promise."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.cli import main

SAMPLE = "articles/sample.yaml"


@contextlib.contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a FIFO or a /dev/zero link must never block a command."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str, env: dict[str, str] | None = None):
    """Run `tailor ARGS` the way a user does, bounded in time; stdout and stderr kept apart."""
    with within_seconds(60):
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def one_line_each(output: str) -> list[str]:
    """The output's lines, after asserting nothing in it is a traceback."""
    assert "Traceback" not in output, output
    return output.splitlines()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks in this suite never read or write the user's cache."""
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TAILOR_AUTHOR", raising=False)
    monkeypatch.delenv("TAILOR_PROXY_HOPS", raising=False)
    monkeypatch.delenv("TAILOR_TEMPLATES", raising=False)
