"""Reading and writing the files of a content tree safely: bounded, inside the tree, never half-written.

Content arrives through pull requests, so a file may be a FIFO, a symlink to `/dev/zero` or to a
file outside the tree, huge, or not text. Every such case is a `FileProblem` (a dotted code and a
message that names the fix), never a hang, a traceback or an unbounded read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .model import DEFAULT_ARTICLE_LIMIT

DEFAULT_LIMIT = DEFAULT_ARTICLE_LIMIT
SITE_FILE_LIMIT = 4 * 1024 * 1024
"""Bytes a site file (tailor.yaml, profiles.yaml, glossary.yaml) may have."""


class FileProblem(Exception):
    """Why a content file cannot be read or written: a dotted code and a message that names the fix."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def inside(path: Path, root: Path) -> bool:
    """Whether a path, with every symlink followed, is inside the root (also resolved)."""
    try:
        path.resolve().relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop on older Pythons
        return False
    return True


ARTICLE_FIX = "split the article, or raise `limits.article_kib` in tailor.yaml"


def read_bytes(path: Path, root: Path | None = None, limit: int = DEFAULT_LIMIT, fix: str = ARTICLE_FIX) -> bytes:
    """The bytes of a regular file inside `root`, at most `limit` of them; raises FileProblem."""
    try:
        os.stat(path)  # follows links: a loop or a dangling link is told apart from a link out of the tree
    except FileNotFoundError:
        raise FileProblem("file.unreadable", f"`{path.name}` does not exist (a broken symlink?); "
                                             "restore the file or remove the link") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if root is not None and not inside(path, root):
        raise FileProblem("file.outside", f"`{path.name}` points outside the content folder; "
                                          "replace the symlink with the file itself")
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise FileProblem("file.type", f"`{path.name}` is a folder, not a file; rename or remove it") from None
    except FileNotFoundError:
        raise FileProblem("file.unreadable", f"`{path.name}` does not exist (a broken symlink?); "
                                             "restore the file or remove the link") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("file.type", f"`{path.name}` is a folder, not a file; rename or remove it")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("file.type", f"`{path.name}` is not a regular file (a device, FIFO or socket); "
                                           "replace it with a text file")
        if info.st_size > limit:
            raise FileProblem("file.too_large", _too_large(path, info.st_size, limit, fix))
        chunks, size = [], 0
        while size <= limit:  # the size can grow while we read: never read more than the limit
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileProblem("file.too_large", _too_large(path, size, limit, fix))
        return b"".join(chunks)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)


def read_text(path: Path, root: Path | None = None, limit: int = DEFAULT_LIMIT, fix: str = ARTICLE_FIX) -> str:
    """A content file as UTF-8 text (a leading BOM is dropped); raises FileProblem."""
    data = read_bytes(path, root, limit, fix)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem("file.encoding", f"`{path.name}` is not UTF-8 text (byte {exc.start + 1}); "
                                           "save it as UTF-8") from None


def _too_large(path: Path, size: int, limit: int, fix: str) -> str:
    return f"`{path.name}` is {size:,} bytes, over the limit of {limit:,}; {fix}"


def _unreadable(path: Path, exc: OSError) -> FileProblem:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileProblem("file.unreadable", f"cannot read `{path.name}` ({reason}); make it readable")
    if exc.errno == errno.ELOOP:
        return FileProblem("file.unreadable", f"`{path.name}` is a symlink loop; replace it with the file itself")
    return FileProblem("file.unreadable", f"cannot read `{path.name}` ({reason}); check the file")


def _umask() -> int:
    # Reading it without changing it (os.umask sets it, which would race with other threads).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def atomic_write(path: Path, data: bytes | str, *, expect: bytes | None = None) -> None:
    """Replace a file's contents all at once: a temporary file in the same folder, then a rename.

    Readers (an editor, the server's reload) see the old file or the new one, never a mix. With
    `expect`, refuses (FileProblem `file.changed`, nothing written) when the file on disk no longer
    holds those bytes: somebody saved it since it was read. The file's permission bits are kept.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # what open() would give a new file, not mkstemp's 0600
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if expect is not None:
            try:
                now = path.read_bytes()
            except OSError:
                now = None
            if now != expect:
                raise FileProblem("file.changed", f"`{path.name}` changed on disk since it was read; nothing was "
                                                  "written: run the command again")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
