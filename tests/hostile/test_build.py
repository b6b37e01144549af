"""The static build reflects the content exactly, and never writes where it should not."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tailor import files
from tailor.build import MANIFEST

from ..conftest import DATA, write
from .conftest import SAMPLE, one_line_each, run


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    second = (root / SAMPLE).read_text(encoding="utf-8").replace("Clinician question?", "Second question?")
    write(root / "articles" / "second.yaml", second)
    return root


def build(tree: Path, out: Path, *extra: str):
    return run("build", str(out), "--content", str(tree), *extra)


def listing(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_a_withdrawn_article_goes_offline_on_the_next_build(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    assert build(tree, out).exit_code == 0
    assert (out / "articles" / "second" / "patient" / "index.html").is_file()
    (tree / "articles" / "second.yaml").unlink()
    result = build(tree, out)
    assert result.exit_code == 0 and "removed" in result.output
    assert not (out / "articles" / "second").exists()
    assert "second" not in (out / "index.html").read_text()


def test_an_article_sent_back_to_draft_goes_offline(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    path = tree / "articles" / "second.yaml"
    path.write_text(path.read_text().replace("status: under_review", "status: draft"))
    build(tree, out)
    assert not any("second" in name for name in listing(out))


def test_a_rebuild_of_unchanged_content_writes_the_same_files(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    first = {name: (out / name).read_bytes() for name in listing(out)}
    build(tree, out)
    assert {name: (out / name).read_bytes() for name in listing(out)} == first


def test_static_pages_are_what_the_server_sends(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    from tailor.web import create_app

    client = create_app({"TESTING": True, "TAILOR_STATIC": True}, content=tree).test_client()
    assert (out / "articles" / "sample" / "student" / "index.html").read_bytes() == client.get("/articles/sample/student/").data


@pytest.mark.parametrize("target", ["root", "content", "inside content", "holds content", "home"])
def test_refuses_folders_it_must_never_write(tree: Path, target: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    out = {"root": Path("/"), "content": tree, "inside content": tree / "site", "holds content": tree.parent,
           "home": home}[target]
    before = sorted(p.as_posix() for p in tree.rglob("*"))
    result = build(tree, out, "--force")
    assert result.exit_code == 2 and "refusing" in result.output
    assert sorted(p.as_posix() for p in tree.rglob("*")) == before


def test_refuses_a_non_empty_folder_it_did_not_create(tree: Path, tmp_path: Path):
    out = tmp_path / "docs"
    write(out / "notes.txt", "mine\n")
    result = build(tree, out)
    assert result.exit_code == 2 and "--force" in result.output
    assert listing(out) == {"notes.txt"}
    forced = build(tree, out, "--force")
    assert forced.exit_code == 0 and "notes.txt" in listing(out) and "index.html" in listing(out)
    # Files it did not write stay, also on the next build.
    build(tree, out)
    assert (out / "notes.txt").read_text() == "mine\n"


def test_a_file_as_the_output_folder_is_refused(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    out.write_text("x")
    assert build(tree, out).exit_code == 2


def test_a_manifest_never_makes_it_delete_outside_the_folder(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"] += ["../victim.txt", str(victim), "/etc/hostname"]
    (out / MANIFEST).write_text(json.dumps(manifest))
    assert build(tree, out).exit_code == 0
    assert victim.read_text() == "keep me"


def test_a_damaged_manifest_is_refused(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    (out / MANIFEST).write_text("{not json")
    result = build(tree, out)
    assert result.exit_code == 2 and "damaged" in result.output


def test_it_never_writes_through_a_symlinked_folder(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(out / "articles")
    os.symlink(elsewhere, out / "articles")
    result = build(tree, out)
    assert result.exit_code == 2 and len(one_line_each(result.output)) == 1
    assert list(elsewhere.iterdir()) == []


def test_an_interrupted_build_leaves_nothing_the_next_one_cannot_clean(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "site"
    build(tree, out)
    (tree / "articles" / "second.yaml").unlink()
    real = files.atomic_write
    calls = {"n": 0}

    def failing(path, data, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device", str(path))
        return real(path, data, **kwargs)

    monkeypatch.setattr("tailor.build.atomic_write", failing)
    interrupted = build(tree, out)
    assert interrupted.exit_code == 2 and "No space left" in interrupted.output
    monkeypatch.setattr("tailor.build.atomic_write", real)
    assert build(tree, out).exit_code == 0
    assert not any("second" in name for name in listing(out))
    assert all(not name.endswith(".tmp") for name in listing(out))


def test_an_unwritable_output_folder_is_one_line(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refusing(path, data, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("tailor.build.atomic_write", refusing)
    result = build(tree, tmp_path / "site")
    assert result.exit_code == 2
    (line,) = one_line_each(result.output)
    assert "Permission denied" in line


def test_a_link_named_in_the_manifest_never_makes_it_delete_elsewhere(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    victim_dir = tmp_path / "victim"
    victim_dir.mkdir()
    (victim_dir / "f").write_text("keep me")
    os.symlink(victim_dir, out / "evil")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"] += ["evil/f"]
    (out / MANIFEST).write_text(json.dumps(manifest))
    build(tree, out)
    assert (victim_dir / "f").read_text() == "keep me"


def test_a_huge_manifest_is_refused_not_read(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    with open(out / MANIFEST, "wb") as sparse:
        sparse.truncate(5 * 1024**3)
    result = build(tree, out)
    assert result.exit_code == 2 and "damaged" in result.output


def test_pages_are_readable_by_the_web_server(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    old = os.umask(0o022)
    try:
        build(tree, out)
    finally:
        os.umask(old)
    for name in ("index.html", "static/tailor.css", "articles/sample/patient/index.html"):
        assert (out / name).stat().st_mode & 0o777 == 0o644, name


def test_a_killed_build_leaves_no_temporary_file_behind(tree: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(tree, out)
    # What a build killed inside atomic_write leaves: a hidden temporary file next to the page.
    for leftover in (out / ".index.html.k3j9x_2a.tmp", out / "articles" / "sample" / ".index.html.ab_cd123.tmp"):
        leftover.write_text("half a page")
    keep = out / "notes.tmp"
    keep.write_text("not ours")
    build(tree, out)
    assert not any(name.endswith("_2a.tmp") or name.endswith("d123.tmp") for name in listing(out))
    assert keep.exists()


def test_force_keeps_files_that_only_look_like_leftovers(tree: Path, tmp_path: Path):
    out = tmp_path / "out"
    write(out / "mine" / ".report.pdf.20240101.tmp", "my own file\n")
    write(out / ".notes.txt.abcdefgh.tmp", "mine too\n")
    assert build(tree, out, "--force").exit_code == 0
    assert build(tree, out).exit_code == 0
    assert (out / "mine" / ".report.pdf.20240101.tmp").exists() and (out / ".notes.txt.abcdefgh.tmp").exists()
