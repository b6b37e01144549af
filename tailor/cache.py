"""The check cache: an article's findings reused while nothing that matters changed, kept out of the content's reach.

Content arrives through pull requests, so nothing a pull request can carry may decide what `tailor
check` reports. The cache lives in the user's cache folder, never in the content tree (a folder
there is ignored, with a note); each file is authenticated with HMAC-SHA256 under a random key that
never leaves this machine, so a file that travelled is a miss; anything malformed is a miss; a folder
that cannot be used means a run without the cache. At worst the cache makes a run slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import math
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Location, Severity
from .files import FileProblem, atomic_write, inside, read_bytes
from .readability import source_versions

LEGACY_FOLDER = ".tailor-cache"
"""Where Tailor kept the cache before: inside the content tree, where a commit could forge it."""
KEY_FILE = "key"
KEY_BYTES = 32
FILE_LIMIT = 64 * 1024 * 1024
"""Bytes a cache file may have; the bench's 1,000 articles need about 1 MB."""
WORDS_KEPT = 100_000
"""Words remembered per table; the newest are kept, so a tree's vocabulary fits and the file stays bounded."""
WORD_KEY_LIMIT = 80
FILES_KEPT = 16
"""Content trees remembered in one cache folder; the least recently checked are removed."""
HEADER = b"tailor-check-cache 1 "
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by Tailor (`tailor check`).\n"
                "# For information about cache directory tags, see https://bford.info/cachedir/\n")
_FINDING_KEYS = frozenset({"path", "line", "col", "code", "message", "severity"})
_SEVERITIES = frozenset(s.value for s in Severity)
_OUR_FILE = re.compile(r"check-[0-9a-f]{16}\.cache")
_OURS = re.compile(r"key|CACHEDIR\.TAG|\.gitignore|check-cache\.json|check-[0-9a-f]{16}\.cache|\..*\.tmp")


class Unusable(Exception):
    """Why the cache folder cannot be used, and the fix; the run goes on without it."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(reason)
        self.reason, self.fix = reason, fix


def default_folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where the check cache lives: $TAILOR_CACHE_DIR, else $XDG_CACHE_HOME/tailor, else ~/.cache/tailor."""
    env = os.environ if environ is None else environ
    if env.get("TAILOR_CACHE_DIR"):
        return Path(env["TAILOR_CACHE_DIR"])
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative path is invalid and ignored
        return Path(xdg) / "tailor"
    home = env.get("HOME") or os.path.expanduser("~")
    return Path(home) / ".cache" / "tailor" if os.path.isabs(home) else None  # no home at all: no cache


def cache_file(folder: Path, root: Path) -> Path:
    """The file that holds one content tree's cache (one folder serves every tree on the machine)."""
    return folder / f"check-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]}.cache"


def entry_key(fingerprint: str, path: Path, data: bytes) -> str:
    """An article file's key: its bytes, its path, the working folder and the site's fingerprint."""
    # The working folder is part of the key: findings carry paths as the user sees them from there.
    where = f"{os.getcwd()}\0{path}\0".encode()
    return hashlib.sha256(fingerprint.encode() + where + data).hexdigest()


class CheckCache:
    """One content tree's findings per article file and the words met; a miss whenever in doubt."""

    def __init__(self, folder: Path | None, root: Path) -> None:
        self.notes: list[Diagnostic] = []
        """What the user should know about the cache (never about the content): shown on stderr."""
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self.words: dict[str, dict[str, float]] = {}
        self.used: dict[str, list[dict[str, Any]]] = {}
        self._root = str(root.resolve())
        self._path: Path | None = None
        self._secret = b""
        if folder is None:
            return
        if inside(folder, root):
            self._note(folder, "cache.in_content", "the check cache folder is inside the content folder, where a "
                                                   "commit could forge it; checked without it: set TAILOR_CACHE_DIR "
                                                   "to a folder outside the content")
            return
        if os.path.lexists(root / LEGACY_FOLDER):
            self._note(root / LEGACY_FOLDER, "cache.in_content", f"ignored: a cache inside the content folder is "
                                                                 f"never trusted (it now lives in `{folder}`); "
                                                                 "delete this folder")
        try:
            self._secret = _prepare(folder)
        except (OSError, FileProblem, Unusable) as exc:
            self._unusable(folder, exc)
            return
        self._path = cache_file(folder, root)
        self.entries, self.words = self._read(self._path)

    def get(self, key: str) -> list[Diagnostic] | None:
        """The findings cached for a key, or None."""
        found = self.entries.get(key)
        if found is None:
            return None
        self.used[key] = found
        return [Diagnostic.from_dict(d) for d in found]

    def put(self, key: str, diagnostics: Iterable[Diagnostic]) -> None:
        """Remember this run's findings for a key."""
        self.used[key] = [d.as_dict() for d in diagnostics]

    def save(self, words: Mapping[str, Mapping[str, float]]) -> None:
        """Keep only this run's entries and a bounded set of words, signed and written atomically."""
        if self._path is None:
            return
        body = json.dumps({"versions": source_versions(), "root": self._root, "articles": self.used,
                           "words": _words(words, WORDS_KEPT)}, separators=(",", ":")).encode()
        if len(body) + 128 > FILE_LIMIT:
            return  # a tree this large is checked without a cache rather than with an unbounded one
        try:
            atomic_write(self._path, _seal(self._secret, body))
            _prune(self._path)
        except (OSError, FileProblem) as exc:
            self._unusable(self._path.parent, exc)

    def _read(self, path: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, float]]]:
        try:
            data = read_bytes(path, None, FILE_LIMIT)
        except FileProblem:
            return {}, {}
        head, _, body = data.partition(b"\n")
        if not hmac.compare_digest(head, _seal(self._secret, body).partition(b"\n")[0]):
            return {}, {}  # written elsewhere, or damaged: either way not ours
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            return {}, {}
        if not isinstance(parsed, dict) or parsed.get("versions") != source_versions() or \
                parsed.get("root") != self._root:
            return {}, {}
        articles = parsed.get("articles")
        entries = {k: v for k, v in articles.items() if _is_entry(v)} if isinstance(articles, dict) else {}
        return entries, _words(parsed.get("words"), None)

    def _note(self, where: Path, code: str, message: str) -> None:
        if all(n.code != code for n in self.notes):
            self.notes.append(Diagnostic(Location(str(where)), code, message, Severity.NOTE))

    def _unusable(self, folder: Path, exc: Exception) -> None:
        if isinstance(exc, Unusable):
            reason, fix = exc.reason, exc.fix
        else:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            fix = "make the folder writable, or set TAILOR_CACHE_DIR to one that is"
        self._note(folder, "cache.unusable", f"cannot use the check cache ({reason}); checked without it: {fix}")
        self._path = None


def _seal(secret: bytes, body: bytes) -> bytes:
    return HEADER + hmac.new(secret, body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def _prepare(folder: Path) -> bytes:
    """Create and mark the folder if needed; the machine's secret key, created on first use."""
    try:
        folder.mkdir(parents=True, mode=0o700)
        created = True
    except FileExistsError:
        created = False
    if not folder.is_dir():
        raise Unusable("not a folder", "set TAILOR_CACHE_DIR to a folder")
    if created or (not (folder / "CACHEDIR.TAG").exists() and _only_ours(folder)):
        # Backup tools skip a tagged folder: only ever tag one that holds nothing but the cache.
        (folder / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="utf-8")
        (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    key = folder / KEY_FILE
    if not os.path.lexists(key):
        _create_key(key)
    info = os.lstat(key)
    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or info.st_uid != _uid(info.st_uid):
        raise Unusable(f"`{KEY_FILE}` is not a file only you can read", f"delete `{key}` and run again")
    try:
        secret = read_bytes(key, None, KEY_BYTES)
    except FileProblem:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise Unusable(f"`{KEY_FILE}` is damaged", f"delete `{key}` and run again")
    return secret


def _create_key(key: Path) -> None:
    handle, temp = tempfile.mkstemp(dir=key.parent, prefix=".key.", suffix=".tmp")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(secrets.token_bytes(KEY_BYTES))
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, key)  # appears whole, and never replaces a key another run made first
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            os.replace(temp, key)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _uid(default: int) -> int:
    return os.geteuid() if hasattr(os, "geteuid") else default


def _only_ours(folder: Path) -> bool:
    with os.scandir(folder) as found:
        return all(_OURS.fullmatch(entry.name) for entry in found)


def _prune(kept: Path) -> None:
    """Remove the cache files of the trees checked least recently, beyond FILES_KEPT."""
    files = [p for p in kept.parent.iterdir() if _OUR_FILE.fullmatch(p.name) and p != kept]
    if len(files) < FILES_KEPT:
        return

    def checked_at(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(files, key=checked_at)[: len(files) - FILES_KEPT + 1]:
        with contextlib.suppress(OSError):
            old.unlink()


def _is_entry(found: object) -> bool:
    return isinstance(found, list) and all(_is_finding(d) for d in found)


def _is_finding(d: object) -> bool:
    return (isinstance(d, dict) and d.keys() == _FINDING_KEYS
            and all(isinstance(d[k], str) for k in ("path", "code", "message"))
            and all(type(d[k]) is int and d[k] >= 1 for k in ("line", "col"))
            and d["severity"] in _SEVERITIES)


def _words(words: object, kept: int | None) -> dict[str, dict[str, float]]:
    """The well-formed words of each table, the newest `kept` of them."""
    if not isinstance(words, Mapping):
        return {}
    tables: dict[str, dict[str, float]] = {}
    for name, whole in (("syllables", True), ("zipf", False)):
        table = words.get(name)
        if not isinstance(table, Mapping):
            continue
        good = [(k, v) for k, v in table.items() if isinstance(k, str) and len(k) <= WORD_KEY_LIMIT
                and (_is_count(v) if whole else _is_zipf(v))]
        tables[name] = dict(good if kept is None else good[max(0, len(good) - kept):])
    return tables


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_zipf(value: object) -> bool:
    # NaN is a real answer (a language without word lists); infinity never is.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isinf(value)
