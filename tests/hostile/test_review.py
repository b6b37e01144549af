"""`tailor review` never loses or misstates text: atomic, exact, in order, and covering what readers are told."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import pathlib
import re
import resource
import shutil
import signal
import stat
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from markupsafe import escape

from tailor.cli import main
from tailor.load import load_content
from tailor.web import create_app

from ..conftest import DATA, VARIANTS

METFORMIN = "metformin-type-2-diabetes"  # submitted, no quiz
SSRI = "ssri-mechanism"  # submitted, with intros, leads and a quiz for clinicians and students
BOM = b"\xef\xbb\xbf"
REVIEWERS = """\
# Who reviews: the page shows the name, credentials and role.
ada-reviewer: {name: Dr. Ada Reviewer, credentials: MD, role: Consultant psychiatrist}
bo-second: {name: Dr. Bo Second, credentials: "PharmD, BCPP"}
ann: {name: Ann}
new-name: {name: New Name}
"""


def with_reviewers(root: Path) -> Path:
    """A content tree with reviewers.yaml (the people `--by` names)."""
    (root / "reviewers.yaml").write_text(REVIEWERS, encoding="utf-8")
    return root


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the shipped content."""
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    return with_reviewers(root)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A writable copy of the minimal tree: one clean article `sample`, under review."""
    root = tmp_path / "minimal"
    shutil.copytree(DATA / "minimal", root)
    return with_reviewers(root)


def review(root: Path, slug: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["review", slug, *args, "--content", str(root)])


def article_path(root: Path, slug: str) -> Path:
    return root / "articles" / f"{slug}.yaml"


def page(root: Path, slug: str, profile: str = "clinician") -> str:
    response = create_app({"TESTING": True}, content=root).test_client().get(f"/articles/{slug}/{profile}/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def assert_refused(result: Result, path: Path, before: bytes | None, *, says: str = "") -> str:
    """Exit 2, exactly one line on stderr naming the file, nothing on stdout, no traceback, file unchanged."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f"articles/{path.name}" in lines[0] and says in lines[0], lines[0]
    assert result.stdout == "" and "Traceback" not in result.output
    if before is not None:
        assert path.read_bytes() == before
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    return lines[0]


def set_status(path: Path, status: str) -> bytes:
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("status:"))
    path.write_text(text.replace(old, f"status: {status}", 1), encoding="utf-8")
    return path.read_bytes()


def edit(path: Path, old: str | re.Pattern[str], new: str) -> None:
    """Replace the first match of `old` (text or pattern) in a file."""
    text = path.read_text(encoding="utf-8")
    pattern = old if isinstance(old, re.Pattern) else re.compile(re.escape(old))
    assert pattern.search(text), old
    path.write_text(pattern.sub(lambda _: new, text, count=1), encoding="utf-8")


# 1. Atomic, and never over somebody else's save ------------------------------------------------------------------


@pytest.mark.parametrize("action", [["--start"], ["--approve", "--by", "ada-reviewer"]], ids=["start", "approve"])
def test_a_failed_write_leaves_the_article_whole(content, action):
    path = article_path(content, METFORMIN)
    before = set_status(path, "under_review") if action[0] == "--approve" else path.read_bytes()
    # A real write failure: the file-size limit makes the write stop half-way, like a full disk.
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) // 2, hard))
    try:
        result = review(content, METFORMIN, *action)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert_refused(result, path, before, says="file.unwritable")


@pytest.mark.parametrize("action", [["--start"], ["--approve", "--by", "ada-reviewer"]], ids=["start", "approve"])
def test_an_editor_save_during_review_is_kept(content, action, monkeypatch):
    path = article_path(content, METFORMIN)
    if action[0] == "--approve":
        set_status(path, "under_review")
    saved = path.read_bytes().replace(b"Stomach upset is common at first.", b"Stomach upset is common early on.")
    assert saved != path.read_bytes()
    pending = [saved]

    def editor_saves() -> None:  # an editor saves while the command runs: after it read, before it writes
        if pending:
            path.write_bytes(pending.pop())

    real_mkstemp, real_write_text = tempfile.mkstemp, pathlib.Path.write_text
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (editor_saves(), real_mkstemp(*a, **k))[1])
    monkeypatch.setattr(pathlib.Path, "write_text", lambda self, *a, **k: (editor_saves(), real_write_text(self, *a, **k))[1])
    result = review(content, METFORMIN, *action)
    monkeypatch.undo()
    assert_refused(result, path, saved, says="changed on disk")


def _flow_yaml(data: dict) -> str:
    return yaml.safe_dump(data, default_flow_style=True, width=10**6, allow_unicode=True)


def _flow_json(data: dict) -> str:
    return json.dumps(data, default=str, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("dump", [_flow_yaml, _flow_json], ids=["yaml-flow", "json"])
def test_a_flow_style_article_is_refused_not_replaced(content, dump):
    path = article_path(content, METFORMIN)
    path.write_text(dump(yaml.safe_load(path.read_text(encoding="utf-8"))), encoding="utf-8")
    assert METFORMIN in load_content(content).articles  # a valid article, just written another way
    before = path.read_bytes()
    assert_refused(review(content, METFORMIN, "--start"), path, before, says="flow style")


# 2. It keeps what it does not own --------------------------------------------------------------------------------


def test_crlf_stays_crlf_on_every_line(content):
    path = article_path(content, METFORMIN)
    original = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    assert review(content, METFORMIN, "--start").exit_code == 0
    assert path.read_bytes() == original.replace(b"status: submitted", b"status: under_review")
    result = review(content, METFORMIN, "--approve", "--by", "ada-reviewer")
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == original.count(b"\r\n") + 2
    assert b"\r\napprovals:\r\n  - {by: ada-reviewer, reviewed: " in after
    assert "Reviewed by Dr. Ada Reviewer" in page(content, METFORMIN)


def test_a_byte_order_mark_stays(content):
    path = article_path(content, METFORMIN)
    original = BOM + path.read_bytes()
    path.write_bytes(original)
    assert review(content, METFORMIN, "--start").exit_code == 0
    assert path.read_bytes() == original.replace(b"status: submitted", b"status: under_review")
    assert review(content, METFORMIN, "--approve", "--by", "ann").exit_code == 0
    assert path.read_bytes().startswith(BOM) and path.read_bytes().count(BOM) == 1
    assert "Reviewed by Ann" in page(content, METFORMIN)


@pytest.mark.parametrize("written, stamped", [
    ("status: submitted   # see ticket 12", "status: under_review   # see ticket 12"),
    ("status: 'submitted'  # quoted", "status: 'under_review'  # quoted"),
    ('status: "submitted"', 'status: "under_review"'),
    ("status:    submitted#no-space-so-not-a-comment", None),
], ids=["comment", "single-quoted", "double-quoted", "hash-inside-value"])
def test_the_status_line_keeps_its_comment_and_quotes(content, written, stamped):
    path = article_path(content, METFORMIN)
    text = path.read_text(encoding="utf-8").replace("status: submitted", written, 1)
    path.write_text(text, encoding="utf-8")
    result = review(content, METFORMIN, "--start")
    if stamped is None:  # `submitted#...` is one plain value: not a status, so refused with the reason
        assert_refused(result, path, text.encode(), says="not a review status")
        return
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text.replace(written, stamped, 1)


def test_approval_inserts_only_review_lines_after_updated(content):
    path = article_path(content, METFORMIN)
    before = set_status(path, "under_review").decode()
    assert review(content, METFORMIN, "--approve", "--by", "ann").exit_code == 0
    after = path.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added[:2] == ["status: approved", "approvals:"] and len(added) == 3
    assert re.fullmatch(r"  - \{by: ann, reviewed: \d{4}-\d\d-\d\d, next_review: \d{4}-\d\d-\d\d, profiles: "
                        r"\{clinician: \"sha256:[0-9a-f]{16}\", student: \"sha256:[0-9a-f]{16}\", "
                        r"patient: \"sha256:[0-9a-f]{16}\"\}\}", added[2]), added[2]
    assert after.index("updated:") < after.index("approvals:") < after.index("references:")
    without = "\n".join(line for line in after.splitlines() if line not in added)
    assert without == "\n".join(line for line in before.splitlines() if not line.startswith("status:"))


def test_a_second_approval_is_appended_and_the_first_kept_as_the_record(content):
    path = article_path(content, METFORMIN)
    set_status(path, "under_review")
    assert review(content, METFORMIN, "--approve", "--by", "ann", "--profiles", "patient").exit_code == 0
    first = path.read_text(encoding="utf-8")
    (record,) = [line for line in first.splitlines() if line.startswith("  - {by: ann")]
    path.write_text(first.replace(record, record + "  # the patient text, by the literacy editor"), encoding="utf-8")
    result = review(content, METFORMIN, "--approve", "--by", "bo-second", "--profiles", "clinician,student")
    assert result.exit_code == 0, result.output
    assert "status approved" in result.stdout
    after = path.read_text(encoding="utf-8").splitlines()
    at = after.index(record + "  # the patient text, by the literacy editor")
    assert after[at + 1].startswith("  - {by: bo-second, reviewed: ")
    assert "Dr. Bo Second, PharmD, BCPP" in page(content, METFORMIN, "clinician")
    assert "Reviewed by Ann" in page(content, METFORMIN, "patient")


LEGACY = [
    'reviewed_by: "Old Name"  # who did it last time\nreviewed: 2025-01-01 # old\n',
    "reviewed: '2025-01-01'\nnext_review: \"2026-01-01\"  # due\n",
    "review_hash: sha256:0000000000000000 # stale\nreviewed_by: Plain Name\n",
]


@pytest.mark.parametrize("fields", LEGACY, ids=["comments", "quoted-dates", "plain-values"])
def test_review_fields_of_an_earlier_tailor_are_kept_byte_for_byte(content, fields):
    path = article_path(content, METFORMIN)
    set_status(path, "under_review")
    text = path.read_text(encoding="utf-8").replace("updated: 2026-11-26\n", "updated: 2026-11-26\n" + fields, 1)
    path.write_text(text, encoding="utf-8")
    result = review(content, METFORMIN, "--approve", "--by", "new-name")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert fields in after  # the old record stays; the new approval is what counts
    shown = page(content, METFORMIN)
    assert "Reviewed by New Name" in shown and "Changed since review" not in shown


@pytest.mark.parametrize("action, edit, says", [
    (["--start"], ("status: submitted\n", "status: submitted\n---\nextra: document\n"), "more than one YAML document"),
    (["--start"], ("status: submitted\n", "status: |\n  submitted\n"), "block scalar"),
    (["--start"], ("status: submitted\n", "status: >-\n  submitted\n"), "block scalar"),
    (["--start"], ("status: submitted\n", "status: [submitted]\n"), "list or mapping"),
    (["--start"], ("status: submitted\n", "status: submitted\nstatus: submitted\n"), "appears twice"),
    (["--start"], ("status: submitted\n", "updated: 2026-11-26\n"), "has no `status:`"),
    (["--start"], ("status: submitted\n", "status: publishd\n"), "not a review status"),
    (["--approve", "--by", "ann"], ("updated: 2026-11-26\n", "updated: 2026-11-26\napprovals:\n  - by: ann\n"
                                    "    reviewed: 2026-01-01\n    next_review: 2027-01-01\n    profiles: {patient: \"sha256:0000000000000000\"}\n"),
     "one-line entries"),
    (["--approve", "--by", "ann"], ("updated: 2026-11-26\n", "updated: 2026-11-26\napprovals: [{by: ann, reviewed: "
                                    "2026-01-01, next_review: 2027-01-01, profiles: {patient: \"sha256:0000000000000000\"}}]\n"),
     "one-line entries"),
    (["--approve", "--by", "ann"], ("updated: 2026-11-26\n", "updated: 2026-11-26\napprovals:\n  - {by: ann, reviewed: "
                                    "2026-01-01, next_review: 2027-01-01,\n     profiles: {patient: \"sha256:0000000000000000\"}}\n"),
     "one-line entries"),
], ids=["multi-document", "status-literal", "status-folded", "status-flow-list", "status-twice", "no-status",
        "unknown-status", "approval-block", "approvals-flow-list", "approval-two-lines"])
def test_what_cannot_be_rewritten_exactly_is_refused_unchanged(content, action, edit, says):
    path = article_path(content, METFORMIN)
    if action[0] == "--approve":
        set_status(path, "under_review")
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    assert_refused(review(content, METFORMIN, *action), path, path.read_bytes(), says=says)


def test_a_stamp_that_would_not_read_back_exactly_is_not_written(tree, monkeypatch):
    import dataclasses

    import tailor.approvals

    path = article_path(tree, "sample")
    before = path.read_bytes()
    real = tailor.approvals.approval_line

    def misquoted(approval):  # a writing bug: the hash written is not the hash computed
        return real(dataclasses.replace(approval, profiles={p: "sha256:" + "0" * 16 for p in approval.profiles}))

    monkeypatch.setattr(tailor.approvals, "approval_line", misquoted)
    assert_refused(review(tree, "sample", "--approve", "--by", "ann"), path, before, says="review.unsafe")


# 3. Reviewers are people in reviewers.yaml, named by id; their names show exactly --------------------------------

NAMES = ["No", "yes", "null", "~", "true", "1.10", "2024-01-01", ":", ": x", "#", "Ann # not a comment", "a: b",
         '"quoted"', "'single'", "O'Brien", "back\\slash", "\\n", "Dr. Zoë Ñúñez", "李医生", "د. مریم‌خانی",
         "- dash", "[x]", "{x}", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick`", "|", ">", "?",
         "  Padded Name  ", "Ann 🩺", "<script>alert(1)</script>"]


@pytest.mark.parametrize("name", NAMES)
def test_any_reviewer_name_shows_exactly(tree, name):
    (tree / "reviewers.yaml").write_text(yaml.safe_dump({"the-reviewer": {"name": name}}, allow_unicode=True),
                                         encoding="utf-8")
    result = review(tree, "sample", "--approve", "--by", "the-reviewer")
    assert result.exit_code == 0, result.output
    shown = page(tree, "sample")
    assert f"Reviewed by {escape(name.strip())}" in shown and "Changed since review" not in shown


@pytest.mark.parametrize("by", ["Dr. Ada Reviewer", "Ada", "ada_reviewer", "ada reviewer", "-ada", "ada-", "../ann",
                                "ann # x"])
def test_by_takes_a_reviewer_id_not_a_name(tree, by):
    path = article_path(tree, "sample")
    line = assert_refused(review(tree, "sample", "--approve", "--by", by), path, path.read_bytes(),
                          says="review.reviewer")
    assert "reviewer id" in line and line.isprintable()


def test_an_unknown_reviewer_is_refused_with_the_likely_one(tree):
    path = article_path(tree, "sample")
    line = assert_refused(review(tree, "sample", "--approve", "--by", "ada-reviwer"), path, path.read_bytes(),
                          says="review.reviewer")
    assert "ada-reviewer" in line


def test_without_reviewers_yaml_the_refusal_says_how_to_add_one(tree):
    (tree / "reviewers.yaml").unlink()
    path = article_path(tree, "sample")
    line = assert_refused(review(tree, "sample", "--approve", "--by", "ann"), path, path.read_bytes(),
                          says="reviewers.yaml")
    assert "add them" in line


@pytest.mark.parametrize("written, code", [
    ("Ada: {name: Ada}\n", "reviewers.id"),
    ("ada: {nme: Ada}\n", "reviewers"),
    ("ada: {name: Ada, email: a@example.org}\n", "unknown"),
    ("- ada\n", "yaml"),
], ids=["capital-id", "misspelt-field", "unknown-field", "a-list"])
def test_a_broken_reviewers_file_is_reported_at_its_line(tree, written, code):
    (tree / "reviewers.yaml").write_text("# people\n" + written, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--content", str(tree), "--no-cache"])
    assert result.exit_code == 2, result.output  # a site file the site cannot load, as profiles.yaml
    assert re.search(rf"reviewers\.yaml:2:\d+: error [a-z_.]*{code}", result.output), result.output


@pytest.mark.parametrize("name", ["", " ", "\t", "Ann\nBob", "Ann\rBob", "Ann\x00", "Ann\x1b[31m", "Ann\x7f",
                                  "Ann\x85Bob", "Ann\u2028Bob", "Ann\u2029", "\u202eevil", "Ann\ufeff", "x" * 201],
                         ids=["empty", "space", "tab", "newline", "cr", "nul", "escape", "del", "nel", "line-sep",
                              "para-sep", "bidi-override", "bom", "too-long"])
def test_blank_or_control_character_names_are_refused(tree, name):
    path = article_path(tree, "sample")
    line = assert_refused(review(tree, "sample", "--approve", "--by", name), path, path.read_bytes(),
                          says="review.reviewer")
    assert line.isprintable()


# 4. The steps are enforced ---------------------------------------------------------------------------------------

STEPS = {"--submit": "submitted", "--start": "under_review", "--approve": "approved"}
ALLOWED = {("draft", "--submit"), ("submitted", "--start"), ("approved", "--start"), ("under_review", "--approve")}
RIGHT_STEP = {"draft": "--submit", "submitted": "--start", "under_review": "--approve --by REVIEWER", "approved": "--start"}


@pytest.mark.parametrize("status", ["draft", "submitted", "under_review", "approved"])
@pytest.mark.parametrize("flag", list(STEPS))
def test_each_step_follows_the_one_before(tree, status, flag):
    path = article_path(tree, "sample")
    before = set_status(path, status)
    result = review(tree, "sample", flag, *(["--by", "ann"] if flag == "--approve" else []))
    if (status, flag) in ALLOWED:
        assert result.exit_code == 0, result.output
        assert load_content(tree).articles["sample"].status.value == STEPS[flag]
    else:
        assert_refused(result, path, before, says=f"`tailor review sample {RIGHT_STEP[status]}`")


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_force_approves_without_the_start_step(tree, status):
    set_status(article_path(tree, "sample"), status)
    result = review(tree, "sample", "--approve", "--by", "ann", "--force")
    assert result.exit_code == 0, result.output
    assert "Reviewed by Ann" in page(tree, "sample")


def test_force_never_approves_a_draft_that_was_never_submitted(tree):
    path = article_path(tree, "sample")
    before = set_status(path, "draft")
    result = review(tree, "sample", "--approve", "--by", "ann", "--force")
    assert_refused(result, path, before, says="`tailor review sample --submit`")


ERRORS = {
    "rule": ("Patient answer about serotonin", "Take 2 tablets; serotonin", "consistency.numbers"),
    "loader": ("  cites: [ref-a]\n  clinician: Clinician answer", "  cites: [ref-zz]\n  clinician: Clinician answer",
               "refs.unknown"),
}


@pytest.mark.parametrize("extra", [[], ["--force"]], ids=["in-order", "forced"])
@pytest.mark.parametrize("error", list(ERRORS))
def test_an_article_with_errors_is_never_approved(tree, error, extra):
    path = article_path(tree, "sample")
    old, new, code = ERRORS[error]
    edit(path, old, new)
    before = path.read_bytes()
    result = review(tree, "sample", "--approve", "--by", "ann", *extra)
    assert result.exit_code == 1 and code in result.stderr and path.read_bytes() == before


def test_help_documents_force_and_the_order():
    result = CliRunner().invoke(main, ["review", "--help"])
    assert "--force" in result.output and "--start" in result.output and "under_review" in result.output


@pytest.mark.parametrize("args, says", [
    ([], "say what to do"), (["--start", "--by", "ann"], "--approve only"), (["--submit", "--force"], "--approve only"),
    (["--approve"], "needs --by REVIEWER"),
], ids=["no-action", "by-without-approve", "force-without-approve", "approve-without-by"])
def test_usage_problems_are_one_line(tree, args, says):
    path = article_path(tree, "sample")
    assert_refused(review(tree, "sample", *args), path, path.read_bytes(), says=says)


# 5. The approval covers what the reader is told ------------------------------------------------------------------


@pytest.fixture(scope="module")
def approved_tree(tmp_path_factory) -> Path:
    """The SSRI article approved through the real steps, its first reference with a URL."""
    root = tmp_path_factory.mktemp("approved") / "content"
    shutil.copytree(VARIANTS, root, ignore=shutil.ignore_patterns(".tailor-cache"))
    with_reviewers(root)
    path = article_path(root, SSRI)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    year: 2026\n", "    year: 2026\n    url: https://example.org/guideline\n", 1))
    assert review(root, SSRI, "--start").exit_code == 0
    assert review(root, SSRI, "--approve", "--by", "ada-reviewer").exit_code == 0
    return root


@pytest.fixture
def approved(approved_tree, tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(approved_tree, root)
    return root


EVERYONE = ("clinician", "student", "patient")
# What is edited, and which audiences' readers see the edit: only their approval is void.
SHOWN_EDITS = {
    "reference-title": ("title: Pharmacologic Management of Depression", "title: Pharmacologic Management of Anxiety",
                        EVERYONE),
    "reference-url": ("url: https://example.org/guideline", "url: https://evil.example/guideline", EVERYONE),
    "reference-year": ("year: 1999", "year: 2001", EVERYONE),
    "reference-source": ('source: "European neuropsychopharmacology', 'source: "European psychopharmacology', EVERYONE),
    "reference-type": ("    type: research\n", "    type: review\n", EVERYONE),
    "heading": ("clinician: Core Mechanism", "clinician: Central Mechanism", ("clinician",)),
    "intro": ('student: "Step by step:"', 'student: "In steps:"', ("student",)),
    "lead": ("SSRIs selectively block the presynaptic", "SSRIs selectively inhibit the presynaptic", ("clinician",)),
    "claim": ("SSRIs bind to and inhibit the serotonin", "SSRIs bind to and block the serotonin", ("clinician",)),
    "citation": ("cites: [praxis-depression-2026]", "cites: [praxis-serotonin-modulators-2026]", EVERYONE),
    "question": ("  patient: How do SSRI medicines help with depression?", "  patient: Do SSRI medicines cure depression?",
                 ("patient",)),
    "title": ("  patient: How SSRI medicines work", "  patient: How SSRI pills work", ("patient",)),
    "quiz-option-text": ("- text: Stimulate GABA receptors", "- text: Block GABA receptors", ("clinician", "student")),
    "quiz-correct": ("correct: true\n    - text: Decrease the amount of serotonin found in the synapses\n      correct: false",
                     "correct: false\n    - text: Decrease the amount of serotonin found in the synapses\n      correct: true",
                     ("clinician", "student")),
    "quiz-audience": ("profiles: [clinician, student]", "profiles: [clinician]", ("student",)),
    "quiz-explanation": ("GABA receptors are not the primary target", "GABA receptors are not the main target",
                         ("clinician",)),
    "lang": ("updated: 2026-02-27\n", "updated: 2026-02-27\nlang: en-GB\n", EVERYONE),
    # The page says "Reviewed by NAME on DATE, next review due DATE": a hand edit of any is not the review that happened.
    "reviewer": ("by: ada-reviewer", "by: bo-second", EVERYONE),
    "reviewed-date": (re.compile(r"reviewed: [0-9-]+"), f"reviewed: {dt.date.today() - dt.timedelta(days=40)}", EVERYONE),
    "next-review": (re.compile(r"next_review: [0-9-]+"), "next_review: 2031-01-01", EVERYONE),
}

UNSHOWN_EDITS = {
    "updated": ("updated: 2026-02-27", "updated: 2026-03-01"),
    "comment": ("# How SSRIs work", "# Edited comment. How SSRIs work"),
    "quoting": ("clinician: Core Mechanism", 'clinician: "Core Mechanism"'),
    "unused-reference": ("references:\n", "references:\n  extra:\n    type: other\n    title: X\n    source: Y\n"
                                          "    year: 2020\n"),
}


@pytest.mark.parametrize("what", list(SHOWN_EDITS))
def test_any_change_readers_see_voids_the_approval_of_those_readers_only(approved, what):
    old, new, seen_by = SHOWN_EDITS[what]
    edit(article_path(approved, SSRI), old, new)
    check = CliRunner().invoke(main, ["check", "--content", str(approved), "--no-cache",
                                      str(article_path(approved, SSRI))])
    assert check.exit_code == 1, check.output
    voided = set(re.findall(r"approved for `(\w+)` readers", check.output))
    assert voided == set(seen_by), check.output
    assert f"`tailor review {SSRI} --start`, then `tailor review {SSRI} --approve --by REVIEWER --profiles " in check.output
    for profile in EVERYONE:
        shown = page(approved, SSRI, profile)
        if profile in seen_by:
            assert "Changed since review" in shown and "Reviewed by" not in shown, profile
        else:
            assert "Reviewed by Dr. Ada Reviewer" in shown and "Changed since review" not in shown, profile


@pytest.mark.parametrize("what", list(UNSHOWN_EDITS))
def test_bookkeeping_edits_keep_the_approval(approved, what):
    edit(article_path(approved, SSRI), *UNSHOWN_EDITS[what])
    check = CliRunner().invoke(main, ["check", "--content", str(approved), "--no-cache",
                                      str(article_path(approved, SSRI))])
    assert "review.changed" not in check.output
    shown = page(approved, SSRI)
    assert "Reviewed by Dr. Ada Reviewer" in shown and "Changed since review" not in shown


SITE_EDITS = {
    "glossary definition of a linked term": ("glossary.yaml", "A chemical messenger that carries signals",
                                             "A chemical you can stop taking that carries signals"),
    "patient disclaimer": ("profiles.yaml", "Do not start, stop or change a medicine", "Start, stop or change a medicine"),
    "patient fallback": ("profiles.yaml", "fallback: [student, clinician]", "fallback: [clinician, student]"),
    "profile label": ("profiles.yaml", "label: Patient or family member", "label: Patient"),
    "a new audience": ("profiles.yaml", "profiles:\n", "profiles:\n  caregiver:\n    label: Carer\n    description: I look after "
                       "someone\n    fallback: [patient]\n    disclaimer: {title: Note, text: Ask a nurse.}\n"),
    "a content template": ("templates/article-ssri-mechanism.html",
                           None, "{% extends 'article.html' %}{% block footer %}Double your dose.{% endblock %}"),
}
SITE_UNSHOWN = {
    "an unused glossary term": ("glossary.yaml", None, "zymogen: A protein that becomes an enzyme later.\n"),
    "a readability target": ("profiles.yaml", "tailor_grade: {max: 13}", "tailor_grade: {max: 13.5}"),
}


def site_edit(root: Path, name: str, old: str | None, new: str) -> None:
    path = root / name
    path.parent.mkdir(exist_ok=True)
    if old is None:
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + new, encoding="utf-8")
    else:
        edit(path, old, new)


@pytest.mark.parametrize("what", list(SITE_EDITS))
def test_what_the_site_adds_to_the_page_is_part_of_the_approval(approved, what):
    site_edit(approved, *SITE_EDITS[what])
    check = CliRunner().invoke(main, ["check", "--content", str(approved), "--no-cache"])
    assert "error review.changed" in check.output, check.output
    shown = page(approved, SSRI, "patient")
    assert "Changed since review" in shown and "Reviewed by" not in shown


@pytest.mark.parametrize("what", list(SITE_UNSHOWN))
def test_site_edits_no_reader_of_the_article_sees_keep_the_approval(approved, what):
    site_edit(approved, *SITE_UNSHOWN[what])
    check = CliRunner().invoke(main, ["check", "--content", str(approved), "--no-cache"])
    assert "review.changed" not in check.output
    assert "Reviewed by Dr. Ada Reviewer" in page(approved, SSRI, "patient")


def test_re_review_after_a_change_follows_the_steps(approved):
    edit(article_path(approved, SSRI), *SHOWN_EDITS["reference-title"][:2])
    assert review(approved, SSRI, "--start").exit_code == 0
    assert review(approved, SSRI, "--approve", "--by", "bo-second").exit_code == 0
    shown = page(approved, SSRI)
    assert "Reviewed by Dr. Bo Second" in shown and "Changed since review" not in shown


# 6. One line, always, for review input problems ------------------------------------------------------------------


_READ_BYTES = pathlib.Path.read_bytes


def _unreadable_patched(path: Path, monkeypatch) -> None:
    """Unreadable even for root: every way of opening this one file is refused."""
    def deny(*_args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    real_open, real_read_text, real_read_bytes = os.open, pathlib.Path.read_text, pathlib.Path.read_bytes
    monkeypatch.setattr(os, "open", lambda p, *a, **k: deny() if os.fspath(p) == str(path) else real_open(p, *a, **k))
    monkeypatch.setattr(pathlib.Path, "read_text",
                        lambda self, *a, **k: deny() if self == path else real_read_text(self, *a, **k))
    monkeypatch.setattr(pathlib.Path, "read_bytes",
                        lambda self, *a, **k: deny() if self == path else real_read_bytes(self, *a, **k))


def _replace_fails(path: Path, monkeypatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)


def _mkstemp_fails(path: Path, monkeypatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))

    monkeypatch.setattr(tempfile, "mkstemp", fail)


def _needs_permissions() -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads and writes anything; the patched cases cover this")


def _chmod_000(path: Path, monkeypatch) -> None:
    _needs_permissions()
    path.chmod(0)


def _folder_read_only(path: Path, monkeypatch) -> None:
    _needs_permissions()
    path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)


INPUTS = {
    "unreadable-chmod": (_chmod_000, "file.unreadable"),
    "unreadable-patched": (_unreadable_patched, "file.unreadable"),
    "not-utf8": (lambda p, m: p.write_bytes(p.read_bytes().replace(b"Metformin lowers", b"Metformin l\xf6wers", 1)),
                 "file.encoding"),
    "latin1-bom-like": (lambda p, m: p.write_bytes(b"\xff\xfe" + p.read_bytes()), "file.encoding"),
    "list": (lambda p, m: p.write_text("- question: a list\n- status: submitted\n"), "a list"),
    "scalar": (lambda p, m: p.write_text("just a sentence about metformin\n"), "a single value"),
    "number": (lambda p, m: p.write_text("42\n"), "a single value"),
    "empty": (lambda p, m: p.write_text(""), "yaml.empty"),
    "comments-only": (lambda p, m: p.write_text("# to be written\n"), "yaml.empty"),
    "syntax-error": (lambda p, m: p.write_text("question: [\nstatus: submitted\n"), "yaml.syntax"),
    "tab-indent": (lambda p, m: p.write_text("question:\n\tpatient: x\nstatus: submitted\n"), "yaml.syntax"),
    "alias": (lambda p, m: p.write_text(p.read_text().replace("status: submitted", "status: &s submitted\nx: *s")),
              "yaml.alias"),
    "folder": (lambda p, m: (p.unlink(), p.mkdir()), "folder"),
    "fifo": (lambda p, m: (p.unlink(), os.mkfifo(p)), "file.type"),
    "symlink-outside": (lambda p, m: (shutil.copy(p, p.parent.parent.parent / "outside.yaml"), p.unlink(),
                                      p.symlink_to(p.parent.parent.parent / "outside.yaml")), "file.outside"),
    "too-large": (lambda p, m: p.write_text(p.read_text() + "# " + "x" * (1 << 20) + "\n"), "file.too_large"),
    "missing": (lambda p, m: p.unlink(), "review.missing"),
    "folder-read-only": (_folder_read_only, "file.unwritable"),
    "rename-denied": (_replace_fails, "file.unwritable"),
    "temp-file-denied": (_mkstemp_fails, "file.unwritable"),
}


@pytest.mark.parametrize("case", list(INPUTS))
def test_review_input_problems_are_one_line(content, case, monkeypatch):
    path = article_path(content, METFORMIN)
    original, outside = path.read_bytes(), content.parent / "outside.yaml"
    breaks, says = INPUTS[case]
    with monkeypatch.context() as patched:
        breaks(path, patched)
        regular = path.is_file() and not path.is_symlink()
        try:
            before = _READ_BYTES(path) if regular else None  # the unpatched read
        except PermissionError:
            before = original  # chmod 000: the bytes are the original ones
        result = review(content, METFORMIN, "--start")
    path.parent.chmod(0o755)
    if regular:
        path.chmod(0o644)
    assert_refused(result, path, before, says=says)
    if path.is_dir():
        assert not any(path.iterdir())
    if case == "symlink-outside":
        assert outside.read_bytes() == article_path(VARIANTS, METFORMIN).read_bytes()


@pytest.mark.parametrize("slug", ["../profiles", "Metformin", "a/b", "x\x1b[2J"], ids=["traversal", "capitals", "slash",
                                                                                         "escape"])
def test_a_slug_that_is_not_one_is_one_line(content, slug):
    result = review(content, slug, "--start")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "review.slug" in result.stderr
    assert result.stderr.rstrip("\n").isprintable()
    assert (content / "profiles.yaml").read_bytes() == (VARIANTS / "profiles.yaml").read_bytes()


def test_a_glossary_term_split_by_markup_is_covered_as_the_page_links_it(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(VARIANTS, root)
    with_reviewers(root)
    edit(article_path(root, SSRI), "in the small gaps between nerve cells in the brain.",
         "in the small gaps between nerve cells in the brain, not your **blood** pressure.")
    glossary = root / "glossary.yaml"
    glossary.write_text(glossary.read_text() + "blood pressure: The force of blood on the walls of your arteries.\n"
                                               "pressure: A pushing force.\n")
    assert review(root, SSRI, "--start").exit_code == 0
    assert review(root, SSRI, "--approve", "--by", "ada-reviewer").exit_code == 0
    assert "A pushing force." in page(root, SSRI, "patient")  # the page links "pressure" on its own
    edit(glossary, "pressure: A pushing force.", "pressure: Stop taking all of your medicines now.")
    check = CliRunner().invoke(main, ["check", "--content", str(root), "--no-cache"])
    assert "error review.changed" in check.output
    assert "Changed since review" in page(root, SSRI, "patient")


HAND_WRITTEN = {
    "reviewer-not-in-reviewers-yaml": ('{by: zed, reviewed: 2026-01-01, next_review: 2027-01-01, profiles: {patient: "sha256:0000000000000000"}}',
                                       "review.changed", "not in reviewers.yaml"),
    "reviewed-in-the-future": ('{by: ann, reviewed: 2999-01-01, profiles: {patient: "sha256:0000000000000000"}}',
                               "review.approval", "a day still to come"),
    "due-before-reviewed": ('{by: ann, reviewed: 2026-01-01, next_review: 2025-01-01, profiles: {patient: "sha256:0000000000000000"}}',
                            "review.approval", "must come after"),
    "unknown-profile": ('{by: ann, reviewed: 2026-01-01, next_review: 2027-01-01, profiles: {nurse: "sha256:0000000000000000"}}',
                        "profiles.unknown", "`nurse`"),
}


@pytest.mark.parametrize("case", list(HAND_WRITTEN))
def test_a_hand_written_approval_is_reported_at_its_line_and_never_shown_as_a_review(tree, case):
    entry, code, says = HAND_WRITTEN[case]
    path = article_path(tree, "sample")
    text = path.read_text(encoding="utf-8")
    updated = next(line for line in text.splitlines() if line.startswith("updated:"))
    path.write_text(text.replace(updated, f"{updated}\napprovals:\n  - {entry}", 1), encoding="utf-8")
    line = text.splitlines().index(updated) + 3
    result = CliRunner().invoke(main, ["check", "--content", str(tree), "--no-cache"])
    assert result.exit_code == 1, result.output
    assert re.search(rf"sample\.yaml:{line}:\d+: error {re.escape(code)}: .*{re.escape(says)}", result.output), result.output
    if code != "review.approval" and code != "profiles.unknown":
        assert "Reviewed by" not in page(tree, "sample", "patient")
