"""Every file is checked, or refused loudly: hostile and half-written content gives one line each.

Each case is content that once passed silently, crashed a command, hung it, or read outside the
content tree. `tailor check` must answer with a located, dotted diagnostic; `serve`, `report` and
`build` must keep serving the rest.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tailor.web import create_app

from ..conftest import DATA, write
from .conftest import SAMPLE, one_line_each, run, within_seconds

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note) (?P<code>[a-z_.]+): \S")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    return root


def sample(tree: Path) -> str:
    return (tree / SAMPLE).read_text(encoding="utf-8")


def article(name: str, text: str) -> Callable[[Path], None]:
    return lambda tree: write(tree / "articles" / name, text)


def edit(old: str, new: str) -> Callable[[Path], None]:
    def apply(tree: Path) -> None:
        text = sample(tree)
        assert old in text, old
        write(tree / "articles" / "edited.yaml", text.replace(old, new, 1))
    return apply


def fifo(tree: Path) -> None:
    os.mkfifo(tree / "articles" / "pipe.yaml")


def link(target: str | Callable[[Path], Path], name: str = "linked.yaml") -> Callable[[Path], None]:
    def apply(tree: Path) -> None:
        where = target(tree) if callable(target) else Path(target)
        os.symlink(where, tree / "articles" / name)
    return apply


def outside_file(tree: Path) -> Path:
    secret = tree.parent / "secret.yaml"
    secret.write_text((tree / SAMPLE).read_text(encoding="utf-8").replace("Clinician question?", "SECRET"))
    return secret


def loop(tree: Path) -> None:
    os.symlink(tree / "articles" / "b.yaml", tree / "articles" / "a.yaml")
    os.symlink(tree / "articles" / "a.yaml", tree / "articles" / "b.yaml")


def big(tree: Path) -> None:
    write(tree / "articles" / "huge.yaml", sample(tree) + "# padding\n" * 120_000)


def limited(tree: Path) -> None:
    write(tree / "tailor.yaml", (tree / "tailor.yaml").read_text() + "limits:\n  article_kib: 1\n")


# (id, how the content is broken, the code `tailor check` must report, the file it names)
ARTICLE_CASES: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("empty file", article("empty.yaml", ""), "yaml.empty", "empty.yaml"),
    ("comments only", article("notes.yaml", "# TODO: write this article\n# later\n"), "yaml.empty", "notes.yaml"),
    ("bare document marker", article("marker.yaml", "---\n...\n"), "yaml.empty", "marker.yaml"),
    ("explicit null document", article("nothing.yaml", "null\n"), "yaml.empty", "nothing.yaml"),
    ("whitespace only", article("blank.yaml", "   \n\n  \n"), "yaml.empty", "blank.yaml"),
    ("top-level list", article("listed.yaml", "- question: x\n- title: y\n"), "yaml.type", "listed.yaml"),
    ("top-level text", article("scalar.yaml", "just some words\n"), "yaml.type", "scalar.yaml"),
    ("two documents", article("two.yaml", "question: a\n---\nquestion: b\n"), "yaml.syntax", "two.yaml"),
    ("cites is an empty list", edit("cites: [ref-b]", "cites: []"), "refs.uncited", "edited.yaml"),
    ("cites is null", edit("cites: [ref-b]", "cites:"), "refs.uncited", "edited.yaml"),
    ("answer cites nothing", edit("  cites: [ref-a]\n  clinician: Clinician answer", "  cites: []\n  clinician: Clinician answer"),
     "refs.uncited", "edited.yaml"),
    (".yml extension", article("typo.yml", "question: x\n"), "file.extension", "typo.yml"),
    (".YAML extension", article("SHOUT.YAML", "question: x\n"), "file.extension", "SHOUT.YAML"),
    (".Yaml extension", article("mixed.Yaml", "question: x\n"), "file.extension", "mixed.Yaml"),
    ("upper-case slug", article("Upper-Case.yaml", "question: x\n"), "article.slug", "Upper-Case.yaml"),
    ("slug with a space", article("two words.yaml", "question: x\n"), "article.slug", "two words.yaml"),
    ("folder named like an article", lambda tree: (tree / "articles" / "folder.yaml").mkdir(), "file.type", "folder.yaml"),
    ("FIFO", fifo, "file.type", "pipe.yaml"),
    ("symlink to /dev/zero", link("/dev/zero", "zero.yaml"), "file.outside", "zero.yaml"),
    ("symlink to /dev/urandom", link("/dev/urandom", "random.yaml"), "file.outside", "random.yaml"),
    ("symlink to a file outside the tree", link(outside_file), "file.outside", "linked.yaml"),
    ("symlink to /etc/hostname", link("/etc/hostname", "host.yaml"), "file.outside", "host.yaml"),
    ("symlink to a folder outside the tree", link("/etc", "etc.yaml"), "file.outside", "etc.yaml"),
    ("dangling symlink", link("/nonexistent/gone.yaml", "gone.yaml"), "file.unreadable", "gone.yaml"),
    ("symlink loop", loop, "file.unreadable", "a.yaml"),
    ("over the default size limit", big, "file.too_large", "huge.yaml"),
    ("over a configured size limit", limited, "file.too_large", "sample.yaml"),
    ("Latin-1 bytes", lambda tree: (tree / "articles" / "latin.yaml").write_bytes("question: caf\xe9\n".encode("latin-1")),
     "file.encoding", "latin.yaml"),
    ("UTF-16 with BOM", lambda tree: (tree / "articles" / "wide.yaml").write_bytes(sample(tree).encode("utf-16")),
     "file.encoding", "wide.yaml"),
    ("NUL byte", lambda tree: (tree / "articles" / "nul.yaml").write_bytes(b"question: a\x00b\n"), "yaml.syntax", "nul.yaml"),
    ("terminal escape in a phrasing", edit("patient: Patient answer about serotonin in the synapse.",
                                                      'patient: "\\e[31mPatient answer\\e[0m"'), "yaml.control", "edited.yaml"),
    ("bidi override in a title", edit("patient: Patient title", 'patient: "Patient \\u202etitle"'), "yaml.control", "edited.yaml"),
    ("carriage return inside a claim", edit("student: Student wording", 'student: "Student\\rwording"'), "yaml.control", "edited.yaml"),
    ("deep flow nesting", article("deep.yaml", "question: " + "[" * 5000 + "]" * 5000 + "\n"), "yaml.syntax", "deep.yaml"),
    ("alias bomb", article("bomb.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nquestion: *c\n"), "yaml.alias", "bomb.yaml"),
    ("status yes", edit("status: under_review", "status: yes"), "article.status", "edited.yaml"),
    ("quoted true for correct", edit("sections:", 'quiz:\n  options:\n    - {text: A, correct: "true"}\nsections:'),
     "yaml.type", "edited.yaml"),
    ("unknown top-level key", edit("status: under_review", "status: under_review\nreviewer: Somebody"), "yaml.unknown_key", "edited.yaml"),
    ("duplicate top-level key", edit("status: under_review", "status: under_review\nstatus: approved"), "yaml.duplicate_key",
     "edited.yaml"),
    ("reference with a javascript url", edit("year: 2020}", "year: 2020, url: 'javascript:alert(1)'}"), "refs.url", "edited.yaml"),
]


def codes(output: str) -> list[tuple[str, str]]:
    """(code, file name) of every finding, after checking each is one well-formed line."""
    found = []
    for line in one_line_each(output):
        match = LINE.match(line)
        assert match, f"not a path:line:col diagnostic: {line!r}"
        found.append((match.group("code"), Path(match.group("path")).name))
    return found


@pytest.mark.parametrize("case, breaks, code, name", ARTICLE_CASES, ids=[c[0] for c in ARTICLE_CASES])
def test_hostile_article_is_one_located_error(tree: Path, case: str, breaks: Callable[[Path], None], code: str, name: str):
    breaks(tree)
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 1, result.output
    assert (code, name) in codes(result.output), result.output
    assert "SECRET" not in result.output


@pytest.mark.parametrize("case, breaks, code, name", ARTICLE_CASES[:8] + ARTICLE_CASES[16:26],
                         ids=[c[0] for c in ARTICLE_CASES[:8] + ARTICLE_CASES[16:26]])
def test_serve_report_and_build_keep_going_past_a_hostile_article(tree: Path, tmp_path: Path, case: str,
                                                                  breaks: Callable[[Path], None], code: str, name: str):
    breaks(tree)
    with within_seconds(60):
        client = create_app({"TESTING": True}, content=tree).test_client()
        assert client.get("/articles/sample/patient/").status_code == 200
        assert client.get("/").status_code == 200
        assert client.get("/healthz").get_json()["status"] == "degraded"
    report = run("report", "--content", str(tree))
    assert report.exit_code == 0 and "sample" in report.stdout
    assert any(code in line for line in one_line_each(report.stderr)), report.stderr
    built = run("build", str(tmp_path / "site"), "--content", str(tree))
    assert built.exit_code == 1 and (tmp_path / "site" / "articles" / "sample" / "patient" / "index.html").is_file()
    assert any(line.startswith("not built: ") and code in line for line in one_line_each(built.stderr)), built.stderr


def test_hidden_and_backup_files_are_not_articles(tree: Path):
    for name in (".sample.yaml.swp", ".#sample.yaml", "sample.yaml~", "README.md", ".sample.yaml.1234.tmp"):
        write(tree / "articles" / name, "question: [broken\n")
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 0, result.output


def test_a_check_of_an_unreadable_file_names_it(tree: Path, monkeypatch: pytest.MonkeyPatch):
    # Tests run as root in CI, where chmod 000 does not stop reads: refuse the read the way the OS would.
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if str(path).endswith("sample.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 1
    assert ("file.unreadable", "sample.yaml") in codes(result.output)


def test_an_unreadable_articles_folder_is_a_configuration_error(tree: Path, monkeypatch: pytest.MonkeyPatch):
    real_scandir = os.scandir

    def refusing(path="."):
        if str(path).endswith("articles"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 2
    (line,) = one_line_each(result.output)
    assert "file.unreadable" in line and "articles" in line


SITE_CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("empty profiles.yaml", lambda tree: write(tree / "profiles.yaml", ""), "yaml.empty"),
    ("comment-only profiles.yaml", lambda tree: write(tree / "profiles.yaml", "# nothing yet\n"), "yaml.empty"),
    ("profiles.yaml is a list", lambda tree: write(tree / "profiles.yaml", "- clinician\n- patient\n"), "yaml.type"),
    ("profiles.yaml is a FIFO", lambda tree: ((tree / "profiles.yaml").unlink(), os.mkfifo(tree / "profiles.yaml")), "file.type"),
    ("profiles.yaml links outside", lambda tree: (shutil.move(tree / "profiles.yaml", tree.parent / "p.yaml"),
                                                 os.symlink(tree.parent / "p.yaml", tree / "profiles.yaml")), "file.outside"),
    ("profiles.yaml not UTF-8", lambda tree: (tree / "profiles.yaml").write_bytes(b"\xff\xfe\x00x"), "file.encoding"),
    ("glossary with an empty term", lambda tree: write(tree / "glossary.yaml", '"": nothing at all\n'), "glossary.empty"),
    ("glossary term of spaces", lambda tree: write(tree / "glossary.yaml", '"   ": nothing at all\n'), "glossary.empty"),
    ("glossary.yaml links to /dev/zero", lambda tree: ((tree / "glossary.yaml").unlink(), os.symlink("/dev/zero", tree / "glossary.yaml")),
     "file.outside"),
    ("tailor.yaml limit of zero", lambda tree: write(tree / "tailor.yaml", "limits:\n  article_kib: 0\n"), "config.limit"),
    ("tailor.yaml unknown limit", lambda tree: write(tree / "tailor.yaml", "limits:\n  article_mb: 1\n"), "yaml.unknown_key"),
    ("articles is a file", lambda tree: (shutil.rmtree(tree / "articles"), write(tree / "articles", "x\n")), "file.type"),
]


@pytest.mark.parametrize("case, breaks, code", SITE_CASES, ids=[c[0] for c in SITE_CASES])
def test_hostile_site_file_stops_with_one_line_and_exit_2(tree: Path, case: str, breaks: Callable[[Path], None], code: str):
    breaks(tree)
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 2, result.output
    lines = one_line_each(result.output)
    assert lines and all(LINE.match(line) for line in lines), lines
    assert any(f" {code}: " in line for line in lines), lines


def test_author_in_tailor_yaml_is_a_warning_not_a_switch(tree: Path):
    write(tree / "tailor.yaml", (tree / "tailor.yaml").read_text() + "author: true\n")
    result = run("check", "--content", str(tree), "--no-cache", "--strict")
    assert result.exit_code == 1 and ("config.author", "tailor.yaml") in codes(result.output)
    assert create_app({"TESTING": True}, content=tree).test_client().get("/author/").status_code == 404


@pytest.mark.parametrize("where", ["outside", "parent", "absolute-elsewhere"])
def test_check_of_a_path_outside_the_content_is_a_usage_error(tree: Path, tmp_path: Path, where: str):
    other = tmp_path / "elsewhere.yaml"
    write(other, "question: [broken\n")
    path = {"outside": str(other), "parent": str(tree / "articles" / ".." / ".." / "elsewhere.yaml"),
            "absolute-elsewhere": "/etc/hostname"}[where]
    result = run("check", "--content", str(tree), path)
    assert result.exit_code == 2
    assert "outside the content folder" in result.output and "Traceback" not in result.output


def test_control_characters_in_names_and_keys_are_escaped_in_every_format(tree: Path):
    write(tree / "articles" / "evil\x1b[2J.yaml", "question: x\n")
    write(tree / "articles" / "keys.yaml", sample(tree).replace("status: under_review", 'status: under_review\n"\\e]0;pwned\\a": 1'))
    for fmt in ("text", "github", "junit", "json"):
        result = run("check", "--content", str(tree), "--no-cache", "--format", fmt)
        assert result.exit_code == 1
        assert "\x1b" not in result.output and "\x07" not in result.output, fmt
    junit = run("check", "--content", str(tree), "--no-cache", "--format", "junit").output
    from xml.etree import ElementTree

    ElementTree.fromstring(junit.split("?>", 1)[1])  # valid XML: no raw control characters


@pytest.mark.parametrize("name", ["notes.md", "link/x.yaml", "articles/missing-dir"])
def test_check_of_a_path_that_selects_no_article_is_a_usage_error(tree: Path, tmp_path: Path, name: str):
    write(tree / "notes.md", "# notes\n")
    (tmp_path / "outside").mkdir()
    write(tmp_path / "outside" / "x.yaml", "question: [broken\n")
    os.symlink(tmp_path / "outside", tree / "link")
    (tree / "articles" / "missing-dir").mkdir()
    result = run("check", "--content", str(tree), str(tree / name))
    assert result.exit_code == 2 and "is not an article" in result.output


@pytest.mark.parametrize("name", ["articles", "articles/sample.yaml", "profiles.yaml", "."])
def test_check_of_an_article_folder_or_site_file_runs(tree: Path, name: str):
    result = run("check", "--content", str(tree), "--no-cache", str(tree / name))
    assert result.exit_code == 0, result.output


def test_a_huge_number_is_one_error_not_a_crash(tree: Path):
    write(tree / "articles" / "big.yaml", sample(tree).replace("year: 2020", "year: " + "9" * 5000))
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 1 and ("yaml.type", "big.yaml") in codes(result.output)
    client = create_app({"TESTING": True}, content=tree).test_client()
    assert client.get("/articles/sample/patient/").status_code == 200


@pytest.mark.parametrize("key", ['"ser\\e[2Jx"', '"\\u202eevil"', '"x\\uffffy"'])
def test_control_characters_in_keys_are_refused(tree: Path, key: str):
    write(tree / "glossary.yaml", f"{key}: a definition\n")
    result = run("check", "--content", str(tree), "--no-cache")
    assert result.exit_code == 2 and "yaml.control" in result.output and "\x1b" not in result.output
