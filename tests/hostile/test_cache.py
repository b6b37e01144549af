"""Issue 9, item 6: the check cache can never make CI pass wrongly.

Every test drives `tailor check` through click's CliRunner on a copy of tests/data, with the user
cache (TAILOR_CACHE_DIR, XDG_CACHE_HOME, HOME) pointed into tmp_path, so the real cache is never
touched. A forged cache maps every article of the bad tree to "no findings"; the tests show it is
never believed unless it carries this machine's MAC.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tailor.cli import main
from tailor.load import article_files, load_site
from tailor.readability import source_versions

from ..conftest import DATA

BAD, MINIMAL = DATA / "bad", DATA / "minimal"
HEADER = b"tailor-check-cache 1 "
SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"


# --- helpers -------------------------------------------------------------------------------------

@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user cache: XDG_CACHE_HOME and HOME inside tmp_path, no TAILOR_CACHE_DIR."""
    monkeypatch.delenv("TAILOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "xdg" / "tailor"


def copy(tmp_path: Path, source: Path = BAD) -> Path:
    root = tmp_path / "content"
    shutil.copytree(source, root)
    return root


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--content", str(root), *args])


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What an uncached check of a copy of each tree prints, with the copy's root as @ROOT@."""
    out = {}
    for source in (BAD, MINIMAL):
        root = tmp_path_factory.mktemp("expected") / source.name
        shutil.copytree(source, root)
        out[source.name] = check(root, "--no-cache").stdout.replace(str(root), "@ROOT@")
    assert out["bad"].count(": error ") > 5 and out["minimal"] == ""
    return out


def assert_uncached_findings(result: Result, root: Path, expected: dict[str, str], tree: str = "bad") -> None:
    """The run printed the same findings as an uncached run and exited as it would, with no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    assert result.stdout.replace(str(root), "@ROOT@") == expected[tree]
    assert result.exit_code == (1 if tree == "bad" else 0)


def public_key(root: Path, path: Path) -> str:
    """An entry's key as it was computed before: from public inputs only, so anyone can compute it."""
    where = f"{os.getcwd()}\0{path}\0".encode()
    return hashlib.sha256(load_site(root).fingerprint.encode() + where + path.read_bytes()).hexdigest()


def forged_body(root: Path) -> dict[str, object]:
    """A cache body that maps every article of the tree to "no findings"."""
    return {"versions": source_versions(), "root": str(root.resolve()),
            "articles": {public_key(root, path): [] for path in article_files(root)}, "words": {}}


def cache_file(folder: Path, root: Path) -> Path:
    from tailor.cache import cache_file as named

    return named(folder, root)


def seal(body: bytes, key: bytes) -> bytes:
    return HEADER + hmac.new(key, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def forge_folder(folder: Path, root: Path) -> None:
    """A complete cache folder, forged: the old plain file, and a new one signed with its own key."""
    folder.mkdir(parents=True, exist_ok=True)
    body = json.dumps(forged_body(root)).encode()
    (folder / "check-cache.json").write_bytes(body)
    key = secrets.token_bytes(32)
    (folder / "key").write_bytes(key)
    (folder / "key").chmod(0o600)
    cache_file(folder, root).write_bytes(seal(body, key))


def listing(root: Path) -> dict[str, bytes | None]:
    """Every path below root with its bytes (None for folders)."""
    return {str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes()) for p in sorted(root.rglob("*"))}


def notes(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line]


# --- 1. the cache lives outside the content tree; one in it is never read ------------------------

def tailor_cache_dir_in_tree(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(root / ".tailor-cache"))
    return root / ".tailor-cache"


def symlink_into_tree(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "link").symlink_to(root / ".tailor-cache")
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(tmp_path / "link"))
    return root / ".tailor-cache"


def xdg_in_tree(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / ".cache"))
    return root / ".cache" / "tailor"


def home_is_the_tree(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(root))
    return root / ".cache" / "tailor"


def old_default_place(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return root / ".tailor-cache"


@pytest.mark.parametrize("place", [old_default_place, tailor_cache_dir_in_tree, symlink_into_tree, xdg_in_tree,
                                   home_is_the_tree])
def test_a_forged_cache_committed_in_the_content_tree_is_never_read(place: Callable, home, tmp_path, monkeypatch,
                                                                    expected):
    root = copy(tmp_path)
    forge_folder(place(root, tmp_path, monkeypatch), root)
    before = listing(root)
    result = check(root)
    assert_uncached_findings(result, root, expected)
    [line] = notes(result)  # said once, as one line
    assert ": note cache.in_content: " in line
    assert listing(root) == before  # not written to either


def test_the_default_cache_is_the_user_cache_not_the_content_tree(home, tmp_path, expected):
    root = copy(tmp_path)
    before = listing(root)
    assert_uncached_findings(check(root), root, expected)
    assert listing(root) == before
    assert cache_file(home, root).is_file()


def test_home_cache_when_xdg_is_unset_or_relative(home, tmp_path, monkeypatch, expected):
    root = copy(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG spec: relative paths are ignored
    assert_uncached_findings(check(root), root, expected)
    assert cache_file(tmp_path / "home" / ".cache" / "tailor", root).is_file()
    assert not (tmp_path / "relative").exists()


def test_tailor_cache_dir_overrides_the_user_cache(home, tmp_path, monkeypatch, expected):
    root = copy(tmp_path)
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert_uncached_findings(check(root), root, expected)
    assert cache_file(tmp_path / "elsewhere", root).is_file() and not home.exists()


def test_an_article_saved_during_the_check_is_not_cached_under_its_old_bytes(home, tmp_path, monkeypatch, expected):
    root = copy(tmp_path)
    broken = root / "articles" / "broken.yaml"
    original, fixed = broken.read_bytes(), (MINIMAL / "articles" / "sample.yaml").read_bytes()
    from tailor import check as check_module

    real = check_module.check_file

    def saved_meanwhile(site, path, lexicon=None):  # an editor saves a fixed version mid-check
        if path.name == "broken.yaml":
            path.write_bytes(fixed)
        return real(site, path, lexicon)

    monkeypatch.setattr(check_module, "check_file", saved_meanwhile)
    check(root)
    monkeypatch.setattr(check_module, "check_file", real)
    broken.write_bytes(original)  # undo: the old bytes must get their own findings again
    assert_uncached_findings(check(root), root, expected)


# --- 2. never trust a cache that travelled --------------------------------------------------------

@pytest.fixture
def warm(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The bad tree, checked once with TAILOR_CACHE_DIR: (content root, cache folder)."""
    root, folder = copy(tmp_path), tmp_path / "cache"
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(folder))
    check(root)
    return root, folder


def body_of(folder: Path, root: Path) -> dict:
    return json.loads(cache_file(folder, root).read_bytes().partition(b"\n")[2])


def emptied(folder: Path, root: Path) -> bytes:
    """The real cache body with every article's findings replaced by none: keys all correct."""
    body = body_of(folder, root)
    assert body["articles"], "the first run cached nothing"
    body["articles"] = {key: [] for key in body["articles"]}
    return json.dumps(body).encode()


TRAVELLED: dict[str, Callable[[bytes, bytes, bytes], bytes]] = {
    "no MAC (a plain JSON file)": lambda body, key, old: body,
    "MAC from another machine's key": lambda body, key, old: seal(body, secrets.token_bytes(32)),
    "the old file's MAC on an edited body": lambda body, key, old: old.partition(b"\n")[0] + b"\n" + body,
    "empty MAC": lambda body, key, old: HEADER + b"\n" + body,
    "MAC cut short": lambda body, key, old: seal(body, key).partition(b"\n")[0][:-8] + b"\n" + body,
    "MAC over the body without its last byte": lambda body, key, old: (
        HEADER + hmac.new(key, body[:-1], hashlib.sha256).hexdigest().encode() + b"\n" + body),
}


@pytest.mark.parametrize("forge", TRAVELLED.values(), ids=TRAVELLED.keys())
def test_a_cache_without_this_machines_mac_is_ignored(forge, warm, expected):
    root, folder = warm
    old = cache_file(folder, root).read_bytes()
    cache_file(folder, root).write_bytes(forge(emptied(folder, root), (folder / "key").read_bytes(), old))
    assert_uncached_findings(check(root), root, expected)


def test_only_this_machines_key_makes_a_cache_trusted(warm):
    # The control for the test above: the forgery is real, so the MAC is what refuses it.
    root, folder = warm
    cache_file(folder, root).write_bytes(seal(emptied(folder, root), (folder / "key").read_bytes()))
    assert check(root).exit_code == 0


def test_a_whole_cache_folder_copied_from_another_machine_is_ignored(home, tmp_path, monkeypatch, expected):
    root = copy(tmp_path)
    forge_folder(tmp_path / "theirs", root)
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(tmp_path / "ours"))
    check(root)  # our key exists now; their signed file is copied over ours
    shutil.copy(cache_file(tmp_path / "theirs", root), cache_file(tmp_path / "ours", root))
    assert_uncached_findings(check(root), root, expected)


def test_the_machine_key_is_private_and_random(warm, tmp_path, monkeypatch):
    root, folder = warm
    key = folder / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(tmp_path / "other"))
    check(root)
    assert (tmp_path / "other" / "key").read_bytes() != key.read_bytes()


# --- 3. every cache folder Tailor creates is marked -----------------------------------------------

def by_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return tmp_path / "xdg" / "tailor"


def by_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("XDG_CACHE_HOME")
    return tmp_path / "home" / ".cache" / "tailor"


def by_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(tmp_path / "a" / "b" / "cache"))
    return tmp_path / "a" / "b" / "cache"


@pytest.mark.parametrize("chosen", [by_xdg, by_home, by_env])
def test_a_cache_folder_tailor_creates_is_tagged_and_ignored_by_git(chosen, home, tmp_path, monkeypatch):
    folder = chosen(tmp_path, monkeypatch)
    check(copy(tmp_path))
    assert (folder / "CACHEDIR.TAG").read_text().splitlines()[0] == SIGNATURE
    assert (folder / ".gitignore").read_text() == "*\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_cache_folder_inside_a_repository_shows_no_untracked_files(home, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    root = repo / "content"
    shutil.copytree(BAD, root)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True, timeout=60)
    subprocess.run([*git, "add", "-A"], check=True, timeout=60)
    subprocess.run([*git, "commit", "-q", "-m", "content"], check=True, timeout=60)
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(repo / ".check-cache"))
    check(root)
    assert (repo / ".check-cache" / "key").is_file()
    status = subprocess.run([*git, "status", "--porcelain", "--untracked-files=all"], capture_output=True,
                            text=True, check=True, timeout=60)
    assert status.stdout == ""


def test_a_folder_tailor_did_not_create_is_not_tagged(home, tmp_path, monkeypatch, expected):
    # CACHEDIR.TAG makes backup tools skip a folder: never put one in a folder of the user's own files.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(mine))
    root = copy(tmp_path)
    check(root)
    assert not (mine / "CACHEDIR.TAG").exists() and not (mine / ".gitignore").exists()
    assert cache_file(mine, root).is_file()


# --- 4. any malformed entry is a miss, never a traceback ------------------------------------------

def with_(**changes: object) -> Callable[[dict], object]:
    return lambda body: {**body, **changes}


def first_entry(change: Callable[[list], object]) -> Callable[[dict], object]:
    def edit(body: dict) -> dict:
        articles = dict(body["articles"])
        key = next(k for k, v in articles.items() if v)
        articles[key] = change(articles[key])
        return {**body, "articles": articles}
    return edit


def first_finding(**changes: object) -> Callable[[dict], object]:
    def edit(found: list) -> list:
        first = {k: v for k, v in found[0].items() if k not in changes or changes[k] is not DROP}
        first.update({k: v for k, v in changes.items() if v is not DROP})
        return [first, *found[1:]]
    return first_entry(edit)


DROP = object()

SIGNED_SHAPES: dict[str, Callable[[dict], object]] = {
    "a list at top level": lambda body: [body],
    "null": lambda body: None,
    "a number": lambda body: 42,
    "wrong versions": with_(versions="tailor-metrics=0"),
    "versions missing": lambda body: {k: v for k, v in body.items() if k != "versions"},
    "another tree's root": with_(root="/somewhere/else"),
    "articles as a list": lambda body: {**body, "articles": list(body["articles"].values())},
    "articles null": with_(articles=None),
    "an entry that is a dict": first_entry(lambda found: found[0]),
    "an entry that is a string": first_entry(lambda found: "none"),
    "an entry of numbers": first_entry(lambda found: [1, 2, 3]),
    "a diagnostic missing line": first_finding(line=DROP),
    "line as a string": first_finding(line="3"),
    "line as true": first_finding(line=True),
    "line 0": first_finding(line=0),
    "col as a float": first_finding(col=1.5),
    "an unknown severity": first_finding(severity="fatal"),
    "severity null": first_finding(severity=None),
    "code as a number": first_finding(code=7),
    "message as a list": first_finding(message=["x"]),
    "an unknown key in a diagnostic": first_finding(hint="none"),
    "words as a list": with_(words=[]),
    "words with non-numeric values": with_(words={"syllables": {"en:the": "one"}, "zipf": {"en:the": "high"}}),
    "words with null tables": with_(words={"syllables": None, "zipf": None}),
    "syllables as floats": with_(words={"syllables": {"en:the": 1.5}, "zipf": {}}),
    "zipf as booleans": with_(words={"syllables": {}, "zipf": {"en:the": True}}),
}

SIGNED_BYTES: dict[str, bytes] = {
    "invalid JSON": b"{not json",
    "non-UTF-8 bytes": b'{"versions": "\xff\xfe"}',
    "NaN and infinity": b'{"words": {"zipf": {"en:the": NaN, "en:a": Infinity}}}',
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "an empty body": b"",
}


@pytest.mark.parametrize("shape", SIGNED_SHAPES.values(), ids=SIGNED_SHAPES.keys())
def test_a_malformed_entry_signed_with_this_machines_key_is_a_miss(shape, warm, expected):
    # Signed, so it reaches the validation: a cache from a buggy or older Tailor, or a damaged disk.
    root, folder = warm
    body = json.dumps(shape(body_of(folder, root)), allow_nan=True).encode()
    cache_file(folder, root).write_bytes(seal(body, (folder / "key").read_bytes()))
    assert_uncached_findings(check(root), root, expected)
    assert_uncached_findings(check(root), root, expected)  # and the damaged file was replaced


@pytest.mark.parametrize("body", SIGNED_BYTES.values(), ids=SIGNED_BYTES.keys())
def test_a_malformed_body_signed_with_this_machines_key_is_a_miss(body, warm, expected):
    root, folder = warm
    cache_file(folder, root).write_bytes(seal(body, (folder / "key").read_bytes()))
    assert_uncached_findings(check(root), root, expected)


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def non_utf8(path: Path) -> None:
    path.write_bytes(b"\xff\xfe\x00garbage\x80\x81")


def header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes().partition(b"\n")[0])


def huge(path: Path) -> None:
    from tailor.cache import FILE_LIMIT

    with path.open("r+b") as out:  # sparse: costs no disk, and must never be read
        out.truncate(FILE_LIMIT + 1)


def a_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")


def a_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def link_to_dev_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def dangling_link(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent / "gone")


@pytest.mark.parametrize("damage", [truncated, zero_bytes, non_utf8, header_only, huge, a_directory, a_fifo,
                                    link_to_dev_zero, dangling_link])
def test_a_damaged_cache_file_is_a_miss(damage, warm, expected):
    root, folder = warm
    damage(cache_file(folder, root))
    assert_uncached_findings(check(root), root, expected)


# --- 5. a read-only tree checks fine; an unusable cache folder is an uncached run -----------------

def make_read_only(root: Path) -> None:
    for path in [*root.rglob("*"), root]:
        path.chmod(0o555 if path.is_dir() else 0o444)


@pytest.mark.parametrize("tree", ["bad", "minimal"])
@pytest.mark.parametrize("option", [(), ("--no-cache",), ("--strict",)], ids=["cached", "no-cache", "strict"])
def test_a_read_only_content_tree_checks_fine(tree, option, home, tmp_path, expected):
    root = copy(tmp_path, DATA / tree)
    make_read_only(root)
    before = listing(root)
    try:
        for _ in range(2):  # cold, then warm
            result = check(root, *option)
            assert "Traceback" not in result.stderr and notes(result) == []
            assert result.exit_code == (1 if tree == "bad" else 0)
            if option != ("--strict",):
                assert_uncached_findings(result, root, expected, tree)
        assert listing(root) == before
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def folder_is_a_file(tmp_path: Path) -> Path:
    (tmp_path / "cache").write_text("not a folder")
    return tmp_path / "cache"


def folder_below_a_file(tmp_path: Path) -> Path:
    (tmp_path / "file").write_text("not a folder")
    return tmp_path / "file" / "cache"


def folder_cannot_be_created(tmp_path: Path) -> Path:
    return Path("/proc/tailor-cache-cannot-live-here")


def key_is_a_folder(tmp_path: Path) -> Path:
    (tmp_path / "cache" / "key").mkdir(parents=True)
    return tmp_path / "cache"


def key_is_empty(tmp_path: Path) -> Path:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "key").write_bytes(b"")
    (tmp_path / "cache" / "key").chmod(0o600)
    return tmp_path / "cache"


def key_readable_by_others(tmp_path: Path) -> Path:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "key").write_bytes(secrets.token_bytes(32))
    (tmp_path / "cache" / "key").chmod(0o644)
    return tmp_path / "cache"


def key_is_a_symlink(tmp_path: Path) -> Path:
    (tmp_path / "cache").mkdir()
    (tmp_path / "secret").write_bytes(secrets.token_bytes(32))
    (tmp_path / "secret").chmod(0o600)
    (tmp_path / "cache" / "key").symlink_to(tmp_path / "secret")
    return tmp_path / "cache"


def key_is_a_fifo(tmp_path: Path) -> Path:
    (tmp_path / "cache").mkdir()
    os.mkfifo(tmp_path / "cache" / "key", 0o600)
    return tmp_path / "cache"


def folder_is_dev_null(tmp_path: Path) -> Path:
    return Path("/dev/null")


@pytest.mark.parametrize("unusable", [folder_is_a_file, folder_below_a_file, folder_cannot_be_created,
                                      key_is_a_folder, key_is_empty, key_readable_by_others, key_is_a_symlink,
                                      key_is_a_fifo, folder_is_dev_null])
def test_an_unusable_cache_folder_means_an_uncached_run(unusable, home, tmp_path, monkeypatch, expected):
    monkeypatch.setenv("TAILOR_CACHE_DIR", str(unusable(tmp_path)))
    root = copy(tmp_path)
    for _ in range(2):
        result = check(root)
        assert_uncached_findings(result, root, expected)
        [line] = notes(result)
        assert ": note cache.unusable: " in line and "; checked without it: " in line


def test_a_read_only_cache_folder_means_an_uncached_run(warm, expected):
    root, folder = warm
    cache_file(folder, root).unlink()
    folder.chmod(0o500)
    try:
        for _ in range(2):
            result = check(root)
            assert_uncached_findings(result, root, expected)
            assert all(": note cache.unusable: " in line for line in notes(result))
    finally:
        folder.chmod(0o700)


# --- 6. the cache cannot grow without bound -------------------------------------------------------

def test_entries_are_only_this_runs(warm, expected):
    root, folder = warm
    assert len(body_of(folder, root)["articles"]) == 4
    for name in ("drift.yaml", "stale.yaml"):
        (root / "articles" / name).unlink()
    check(root)
    assert len(body_of(folder, root)["articles"]) == 2
    broken = root / "articles" / "broken.yaml"
    broken.write_text(broken.read_text() + "# edited\n")
    check(root)
    assert len(body_of(folder, root)["articles"]) == 2  # the old bytes' entry is gone


def test_remembered_words_are_bounded_by_count_and_length(warm, monkeypatch):
    import tailor.cache

    root, folder = warm
    met = body_of(folder, root)["words"]
    assert met["syllables"] and met["zipf"]
    body = body_of(folder, root)
    junk = {f"en:junk{n}": 2 for n in range(5000)} | {"en:" + "x" * 500: 1}
    body["words"] = {"syllables": junk, "zipf": {k: 1.0 for k in junk}}
    body["articles"] = {}  # every article is checked again, so every word is met again
    cache_file(folder, root).write_bytes(seal(json.dumps(body).encode(), (folder / "key").read_bytes()))
    monkeypatch.setattr(tailor.cache, "WORDS_KEPT", 1000)
    check(root)
    words = body_of(folder, root)["words"]
    assert 0 < len(words["syllables"]) <= 1000 and 0 < len(words["zipf"]) <= 1000
    assert all(len(key) <= 80 for table in words.values() for key in table)
    assert set(met["zipf"]) <= set(words["zipf"])  # the words this run looked up are the newest: they are kept


def test_repeated_runs_keep_the_cache_the_same_size(warm):
    root, folder = warm
    sizes = set()
    for _ in range(4):
        check(root)
        sizes.add(cache_file(folder, root).stat().st_size)
    assert len(sizes) == 1


def test_one_cache_folder_keeps_files_for_a_bounded_number_of_trees(home, tmp_path, monkeypatch):
    import tailor.cache

    monkeypatch.setattr(tailor.cache, "FILES_KEPT", 2)
    roots = []
    for n in range(4):
        root = tmp_path / f"tree-{n}"
        shutil.copytree(MINIMAL, root)
        roots.append(root)
        assert check(root).exit_code == 0
    kept = sorted(p.name for p in home.iterdir() if p.name.startswith("check-"))
    assert kept == sorted(cache_file(home, r).name for r in roots[-2:])


def test_two_trees_share_the_user_cache_without_evicting_each_other(home, tmp_path):
    from tailor.cache import default_folder
    from tailor.check import run_check

    first, second = copy(tmp_path), tmp_path / "second"
    shutil.copytree(MINIMAL, second)
    for root in (first, second):
        run_check(root, cache_dir=default_folder())
    assert run_check(first, cache_dir=default_folder()).checked == 0
    assert run_check(second, cache_dir=default_folder()).checked == 0


# --- 7. --no-cache skips it entirely --------------------------------------------------------------

def test_no_cache_reads_and_writes_no_cache_at_all(home, tmp_path, monkeypatch, expected):
    root = copy(tmp_path)
    forge_folder(root / ".tailor-cache", root)
    before = listing(root)
    for _ in range(2):
        result = check(root, "--no-cache")
        assert_uncached_findings(result, root, expected)
        assert notes(result) == []
    assert listing(root) == before and not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_no_cache_ignores_even_a_cache_signed_with_this_machines_key(warm, expected):
    root, folder = warm
    cache_file(folder, root).write_bytes(seal(emptied(folder, root), (folder / "key").read_bytes()))
    before = listing(folder)
    assert_uncached_findings(check(root, "--no-cache"), root, expected)
    assert listing(folder) == before


def test_a_warm_cache_still_sees_a_review_fall_due(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import datetime as real

    root = copy(tmp_path, DATA / "minimal")
    sample = root / "articles" / "sample.yaml"
    due = real.date.today() + real.timedelta(days=3)
    sample.write_text(sample.read_text().replace("updated: 2026-02-27", f"updated: 2026-02-27\nnext_review: {due}"))
    assert check(root, "--strict").exit_code == 0  # warms the cache: not due yet

    class Later(real.date):
        @classmethod
        def today(cls) -> real.date:
            return due + real.timedelta(days=1)

    later = type("dt", (), {"date": Later, "timedelta": real.timedelta})
    for module in ("tailor.check", "tailor.rules", "tailor.report"):
        monkeypatch.setattr(f"{module}.dt", later)
    result = check(root, "--strict")
    assert result.exit_code == 1 and "review.overdue" in result.output
