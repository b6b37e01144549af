"""The CLI says one line, always: known problems exit 2 (usage) or 1 (findings), bugs exit 3."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tailor.diagnostics import ExitCode

from ..conftest import DATA, write
from .conftest import one_line_each, run


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    return root


def test_an_internal_error_is_one_line_with_its_own_exit_code(tree: Path, monkeypatch: pytest.MonkeyPatch):
    def broken(*args, **kwargs):
        raise ValueError("something Tailor did not expect")

    monkeypatch.setattr("tailor.check.run_check", broken)
    result = run("check", "--content", str(tree))
    assert result.exit_code == ExitCode.INTERNAL and result.exit_code not in (ExitCode.FINDINGS, ExitCode.USAGE)
    (line,) = one_line_each(result.output)
    assert "internal error" in line and "bug" in line and "something Tailor did not expect" in line
    saved = Path(line.split("the traceback is in ")[1].split(":")[0])
    assert "Traceback" in saved.read_text() and "ValueError" in saved.read_text()


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http"])
def test_an_impossible_port_is_a_usage_error(tree: Path, port: str):
    result = run("serve", "--content", str(tree), "--port", port)
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize("host", ["127.0.0.1", "999.1.1.1", "no-such-host.invalid"])
def test_a_port_in_use_or_a_bad_host_is_one_line_and_exit_2(tree: Path, host: str):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--content", str(tree), "--host", host, "--port", str(port))
    assert result.exit_code == 2
    line = one_line_each(result.output)[-1]
    assert f"cannot listen on {host}:{port}" in line


@pytest.mark.parametrize("profiles, code", [(b"\xff\xfeprofiles", "file.encoding"), (b"- a\n- b\n", "yaml.type"),
                                            (b"", "yaml.empty"), (b"profiles: [\n", "yaml.syntax")])
def test_new_on_broken_site_files_is_one_line_per_problem(tree: Path, profiles: bytes, code: str):
    (tree / "profiles.yaml").write_bytes(profiles)
    result = run("new", "fresh-topic", "--content", str(tree))
    assert result.exit_code == 2
    lines = one_line_each(result.output)
    assert lines and all(f" {code}: " in line for line in lines) and not (tree / "articles" / "fresh-topic.yaml").exists()


def test_new_into_an_unwritable_folder_is_one_line(tree: Path, monkeypatch: pytest.MonkeyPatch):
    def refusing(path, data, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("tailor.cli.atomic_write", refusing)
    result = run("new", "fresh-topic", "--content", str(tree))
    assert result.exit_code == 2
    (line,) = one_line_each(result.output)
    assert "Permission denied" in line and "fresh-topic.yaml" in line


def test_new_never_replaces_a_dangling_link(tree: Path, tmp_path: Path):
    (tree / "articles" / "fresh-topic.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run("new", "fresh-topic", "--content", str(tree))
    assert result.exit_code == 2 and "already exists" in result.output
    assert not (tmp_path / "nowhere.yaml").exists()


@pytest.mark.parametrize("command", [["report"], ["render", "sample"], ["build", "SITE"], ["check"], ["new", "x-y"]])
def test_a_missing_content_folder_is_one_line(tmp_path: Path, command: list[str]):
    args = [str(tmp_path / "site") if part == "SITE" else part for part in command]
    result = run(*args, "--content", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert len(one_line_each(result.output)) == 1


def test_report_escapes_control_characters_from_content(tree: Path):
    write(tree / "articles" / "evil\x1b]0;title\x07.yaml", "question: x\n")
    result = run("report", "--content", str(tree))
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_new_never_writes_through_a_linked_articles_folder(tree: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(tree / "articles")
    (tree / "articles").symlink_to(elsewhere)
    result = run("new", "fresh-topic", "--content", str(tree))
    assert result.exit_code == 2 and list(elsewhere.iterdir()) == []


def test_new_articles_get_ordinary_permissions(tree: Path):
    old = os.umask(0o022)
    try:
        assert run("new", "fresh-topic", "--content", str(tree)).exit_code == 0
    finally:
        os.umask(old)
    assert (tree / "articles" / "fresh-topic.yaml").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("args", [["render", "sample", "--locale", "\x1b]0;x\x07"], ["render", "sample", "--profile", "\x1b[2J"],
                                  ["render", "\x1b[31mnope"], ["check", "\x1b[2J.yaml"], ["build", "\x1b[2Jout"],
                                  ["\x1b[2J"], ["review", "\x1b[2J", "--submit"]])
def test_what_was_typed_is_escaped_when_it_is_repeated(tree: Path, tmp_path: Path, args: list[str], monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args, "--content", str(tree)) if args[0] != "\x1b[2J" else run(*args)
    assert "\x1b" not in result.output and "\x07" not in result.output, result.output
    assert result.exit_code in (0, 1, 2)
