"""Whatever an author types, the loader and checks answer with diagnostics, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.check import check_file
from tailor.load import load_site

from .conftest import DATA
from .test_load import BASE

LINES = BASE.splitlines()
JUNK = ["", "  ", "- x", ":", "{", "[", "]", "? ", "&a", "*a", "!!int 3", "\t", "null", "~", "'", '"', "|", ">",
        "cites: 3", "id: 5", "  patient: null", "year: 20", "status: [a]", "---", "...", "%YAML 1.1", "é", "<script>"]


@st.composite
def mutated(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent", "dedent"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, draw(st.sampled_from(JUNK)))
        elif action == "replace":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))] + draw(st.sampled_from(JUNK))
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index].lstrip()
    return "\n".join(lines) + "\n"


def test_mutated_articles_give_diagnostics_not_tracebacks(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(DATA / "minimal", root)
    site = load_site(root)
    path = root / "articles" / "fuzz.yaml"

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(mutated())
    def run(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        for diagnostic in check_file(site, path):
            line = diagnostic.format()
            assert "\n" not in line and line.startswith(f"{diagnostic.location.path}:")
            assert diagnostic.location.line >= 1 and diagnostic.location.col >= 1

    run()


def test_binary_and_non_utf8_files_are_one_diagnostic(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DATA / "minimal", root)
    path = root / "articles" / "latin1.yaml"
    path.write_bytes("question: caf\xe9\n".encode("latin-1"))
    (found,) = check_file(load_site(root), Path(path))
    assert found.code == "file.encoding"
