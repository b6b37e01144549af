"""Shared fixtures: the Flask tutorial's app/client/runner, plus content trees to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tailor.web import create_app

REPO = Path(__file__).resolve().parent.parent
VARIANTS = REPO / "variants"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tailor check` in tests never reads or writes the user's real cache folder."""
    monkeypatch.delenv("TAILOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A writable copy of the minimal content tree (profiles, glossary, one article)."""
    target = tmp_path / "content"
    shutil.copytree(DATA / "minimal", target)
    return target


@pytest.fixture
def app():
    """The app on the shipped sample content."""
    return create_app({"TESTING": True}, content=VARIANTS)


@pytest.fixture
def client(app):
    """A test client for the shipped sample content."""
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    """A click runner for the `tailor` command."""
    return CliRunner()


def write(path: Path, text: str) -> Path:
    """Write a file (dedented by the caller) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


REVIEWERS = """\
ada-reviewer: {name: Dr. Ada Reviewer, credentials: MD, role: Consultant psychiatrist}
ana-revisora: {name: Dra. Ana Revisora, credentials: MD}
someone: {name: Someone}
"""


def add_reviewers(root: Path) -> Path:
    """Give a content tree the reviewers `tailor review --approve --by ID` names."""
    (root / "reviewers.yaml").write_text(REVIEWERS, encoding="utf-8")
    return root
