"""Templates from the content tree: untrusted input, so sandboxed, bounded and checked.

Datasette-style overrides (`templates/article-<slug>.html` in the content folder) come through pull
requests like the articles do. This module is the part that needs no web framework: the loader
that reads only regular `.html` files inside the content tree's own `templates/` folder, the
sandbox that bounds what a template can compute (sizes, numbers, time), and the check that
reports a bad template as a diagnostic. `templating` plugs them into Flask.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .diagnostics import Diagnostic, Location
from .files import FileProblem, read_text

TEMPLATE_LIMIT = 256 * 1024
"""Bytes a content-tree template may have."""
MAX_TEMPLATES = 500
"""Files read from a content tree's `templates/` folder (more are ignored, and reported by check)."""
SIZE_LIMIT = 1_000_000
"""The largest string or list a template may build."""
NUMBER_LIMIT = 100_000
"""The largest number a template may pass to a filter or a call (`range`, `center`, ...)."""
RENDER_SECONDS = 2.0
"""Time a page with content-tree templates may take to render before the built-in template is used."""
OUTPUT_LIMIT = 8 * 1024 * 1024
"""Characters a rendered page may have."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


class TemplateLimit(SecurityError):
    """A template went past a size, number or time bound."""


def folder(content_root: Path) -> Path | None:
    """The content tree's own `templates/` folder, if it has one that is really inside it (not a link)."""
    candidate = content_root / "templates"
    if candidate.is_symlink() or not candidate.is_dir():
        return None
    return candidate if candidate.resolve() == content_root.resolve() / "templates" else None


class ContentTemplateLoader(BaseLoader):
    """The content tree's templates as they were when the server started: only `.html` files inside
    its own `templates/` folder, no hidden ones, bounded in size and free of control characters.

    Read once, so what readers get is what the approvals' hash saw (see `snapshot`), not an edit
    made after the start.
    """

    def __init__(self, templates: Mapping[str, str], root: Path) -> None:
        self.templates = dict(templates)
        self.root = root

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, or TemplateNotFound for anything that is not one of the snapshot's."""
        name = "/".join(split_template_path(template))
        if name not in self.templates:
            raise TemplateNotFound(template)
        return self.templates[name], str(self.root / name), lambda: True


def usable(name: str) -> bool:
    """Whether a path inside `templates/` can be a template: `.html`, and no hidden part."""
    return name.endswith(".html") and not any(part.startswith(".") for part in name.split("/"))


def snapshot(content_root: Path) -> tuple[dict[str, str], str]:
    """The usable templates of the content tree (name -> text) and a hash of every file there.

    The hash covers unusable files too (a broken template is still a change to what was approved);
    it is part of every approval's hash and of the page cache's key.
    """
    root = folder(content_root)
    if root is None:
        return {}, ""
    found: dict[str, str] = {}
    digest = hashlib.sha256()
    for path in sorted(_files(root))[:MAX_TEMPLATES]:
        name = path.relative_to(root).as_posix()
        try:
            source = read_text(path, root, TEMPLATE_LIMIT)
        except FileProblem as problem:
            digest.update(f"{name}\0{problem.code}\0".encode())
            continue
        digest.update(f"{name}\0".encode() + source.encode("utf-8") + b"\0")
        if usable(name) and not _CONTROL.search(source):
            found[name] = source
    return found, digest.hexdigest()


def _small(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > NUMBER_LIMIT:
        raise TemplateLimit(f"a template used the number {value}; the limit is {NUMBER_LIMIT}")


def _within(size: int) -> None:
    if size > SIZE_LIMIT:
        raise TemplateLimit(f"a template would build a value of {size} characters; the limit is {SIZE_LIMIT}")


_WIDTH = re.compile(r"%[-+ #0]*(\d*)(?:\.(\d*))?|\{[^{}]*?(\d+)[^{}]*\}")


def _widths(template: Any) -> None:
    """Refuse printf- and format-style widths past the limit (`"%999999999d"`)."""
    if isinstance(template, str):
        for match in _WIDTH.finditer(template):
            for number in match.groups():
                if number and int(number[:7]) > NUMBER_LIMIT:
                    raise TemplateLimit(f"a template asked for a field width of {number}")


def _format_size(template: Any) -> int:
    _widths(template)
    return len(str(template))


def _lines(value: Any) -> int:
    return str(value).count("\n") + 1


# How big an amplifying filter's result would be, estimated before it runs.
_ESTIMATES: dict[str, Callable[..., int]] = {
    "indent": lambda s, width=4, *a, **k: len(str(s)) + _lines(s) * (width if isinstance(width, int) else len(str(width))),
    "replace": lambda s, old, new, count=None, **k: len(str(s)) + (str(s).count(str(old)) if count is None else count)
    * max(0, len(str(new)) - len(str(old))) if str(old) else len(str(s)) * (len(str(new)) + 1),
    "join": lambda items, d="", attribute=None: sum(len(str(x)) for x in items) + len(items) * len(str(d)),
    "center": lambda s, width=80: max(len(str(s)), width if isinstance(width, int) else 0),
    "format": lambda s, *args, **kwargs: _format_size(s) + sum(_text_size(v) for v in (*args, *kwargs.values())),
}


def _bounded_list(items: Any) -> list[Any]:
    found, size = [], 0
    for item in items if isinstance(items, Iterable) else ():
        size += _text_size(item)
        _within(size)
        found.append(item)
    return found


def _guarded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses huge numbers, widths and results before it runs, and huge results after."""
    estimate = _ESTIMATES.get(name)

    @functools.wraps(function)  # keeps Jinja's pass_context marks
    def guarded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            _small(value)
        if estimate is not None:
            skip = 1 if getattr(function, "jinja_pass_arg", None) else 0  # the context or environment
            if name == "join" and len(args) > skip:
                # A generator (`map(...)`) is read here, item by item, within the size bound.
                args = (*args[:skip], _bounded_list(args[skip]), *args[skip + 1:])
            _within(estimate(*args[skip:], **kwargs))
        result = function(*args, **kwargs)
        if isinstance(result, (str, list, tuple)):
            _within(len(result))
        return result

    return guarded


class GuardedFilters(dict[str, Any]):
    """The environment's filters, each looked up with its guard on (also when Jinja folds constants)."""

    def __getitem__(self, name: str) -> Any:
        return _guarded(name, super().__getitem__(name))

    def get(self, name: str, default: Any = None) -> Any:
        """The guarded filter, or the default."""
        if name not in self:
            return default
        return self[name]


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, bytearray, list, tuple)) else 0


def _text_size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, bytearray)) else len(str(value)) if isinstance(value, (int, float)) else \
        _sized(value) * 8 if isinstance(value, (list, tuple)) else 64


_AMPLIFYING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "join",
                                 "replace", "__mul__", "__rmul__", "__mod__"})
"""String methods that can build a huge string from a small call: a page has no need of them."""


_UNBOUNDED_FILTERS = ("urlize", "wordwrap", "pprint")


def _bounded_join(join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
    """`a ~ b ~ c`, refused before it is built when the result would be huge."""
    _within(sum(_text_size(part) for part in parts))
    return join(parts)


class GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `~` (concatenation) sized before it runs."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.globals['bounded_join']({func_name}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with bounds on what a template can compute.

    The sandbox already stops templates reaching Python internals; these bounds stop them exhausting
    memory (`"x" * 10**9`, `10 ** 10**8`) or time (`range` within `range`), so a hostile override
    costs at most RENDER_SECONDS before the built-in template is used instead.
    """

    # Intercepting these also stops Jinja from folding `"x" * 10**9` while it compiles the template.
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    code_generator_class = GuardedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No template needs these, and each can take long in one Python call the time bound cannot
        # interrupt (`lipsum(3000, ...)`, `urlize` is quadratic) or hides a large result (`wordwrap`).
        for name in _UNBOUNDED_FILTERS:
            self.filters.pop(name, None)
        self.globals.pop("lipsum", None)
        self.filters = GuardedFilters(self.filters)
        self.globals["bounded_join"] = _bounded_join

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        """Arithmetic and repetition, refused when the result would be huge."""
        if operator_ == "**":
            _small(right)
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right * abs(left).bit_length() > 4096:
                raise TemplateLimit("a template raised a number to a huge power")
        elif operator_ == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(b, int) and _sized(a) * b > SIZE_LIMIT:
                    raise TemplateLimit(f"a template repeated a value {b} times; the limit is {SIZE_LIMIT} items")
        elif operator_ == "+" and _sized(left) + _sized(right) > SIZE_LIMIT:
            raise TemplateLimit(f"a template built a value of more than {SIZE_LIMIT} items")
        elif operator_ == "%" and isinstance(left, (str, bytes)):
            # `"%*d" % (10**9, 1)` and `"%999999999d" % 1`: formatting widths are numbers too; and the
            # values themselves are copied into the result.
            _widths(left)
            values = right if isinstance(right, tuple) else (right,)
            for value in values:
                _small(value)
            _within(len(left) + sum(_text_size(value) for value in values))
        return super().call_binop(context, operator_, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from a template, refused with huge numbers (`range(10**9)`) or amplifying methods."""
        for value in (*args, *kwargs.values()):
            _small(value)
        if isinstance(getattr(__obj, "__self__", None), str) and getattr(__obj, "__name__", "") in _AMPLIFYING_METHODS:
            raise TemplateLimit(f"templates may not call str.{__obj.__name__}; use the page's data as it is")
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple)):
            _within(len(result))
        return result


@contextmanager
def deadline(environment: Any, seconds: float | None = None) -> Iterator[None]:
    """Stop a render of this environment's templates that runs past `seconds` (TemplateLimit).

    Only frames of compiled templates are traced, so Python code they call runs at full speed; the
    loops that can run long are the templates' own (filters and calls are bounded by size).
    """
    seconds = RENDER_SECONDS if seconds is None else seconds
    limit = time.monotonic() + seconds

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        if time.monotonic() > limit:
            raise TemplateLimit(f"a template took longer than {seconds:g} s to render")
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_globals.get("environment") is environment else None

    previous = sys.gettrace()
    sys.settrace(call)
    try:
        yield
    finally:
        sys.settrace(previous)


def render_bounded(template: Any, context: dict[str, Any]) -> str:
    """Render within OUTPUT_LIMIT characters and the environment's time bound."""
    parts: list[str] = []
    size = 0
    with deadline(template.environment):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > OUTPUT_LIMIT:
                raise TemplateLimit(f"a template produced more than {OUTPUT_LIMIT} characters")
            parts.append(chunk)
    return "".join(parts)


def check_templates(content_root: Path, display: Callable[[Path], str]) -> list[Diagnostic]:
    """Every problem with the content tree's templates, one diagnostic each (`tailor check`)."""
    candidate = content_root / "templates"
    if not os.path.lexists(candidate):
        return []
    root = folder(content_root)
    if root is None:
        return [Diagnostic(Location(display(candidate)), "file.outside",
                           "`templates` must be a folder inside the content folder, not a link; replace it with the folder")]
    found = []
    syntax = GuardedSandbox(extensions=["jinja2.ext.i18n"])
    files = sorted(_files(root))
    if len(files) > MAX_TEMPLATES:
        found.append(Diagnostic(Location(display(candidate)), "template.count",
                                f"`templates/` has {len(files)} files; only the first {MAX_TEMPLATES} are read: remove the rest"))
    for path in files[:MAX_TEMPLATES]:
        where = display(path)
        if not usable(path.relative_to(root).as_posix()):
            found.append(Diagnostic(Location(where), "template.name", f"`{path.name}` is not used: templates are `.html` "
                                    "files with no hidden (`.`) part in their path; rename it or remove it"))
            continue
        try:
            source = read_text(path, root, TEMPLATE_LIMIT, fix=f"keep templates under {TEMPLATE_LIMIT // 1024} KiB")
        except FileProblem as problem:
            found.append(Diagnostic(Location(where), problem.code, problem.message))
            continue
        control = _CONTROL.search(source)
        if control:
            line = source.count("\n", 0, control.start()) + 1
            found.append(Diagnostic(Location(where, line), "template.control",
                                    f"the template contains the control character U+{ord(control.group()):04X}; remove it"))
            continue
        try:
            syntax.compile(source, path.name, str(path))  # compiled, not only parsed: Python has limits too
        except TemplateSyntaxError as error:
            found.append(Diagnostic(Location(where, error.lineno or 1), "template.syntax",
                                    f"{error.message}; fix the template (the built-in one is used meanwhile)"))
        except Exception as error:  # too deeply nested, too many blocks: a template Python cannot compile
            found.append(Diagnostic(Location(where), "template.syntax",
                                    f"the template cannot be compiled ({type(error).__name__}); simplify it"))
    return found


def templates_digest(content_root: Path) -> str:
    """A hash of every file in the content tree's `templates/` folder (see `snapshot`)."""
    return snapshot(content_root)[1]


def _files(root: Path) -> Iterator[Path]:
    for base, dirs, names in os.walk(root):  # not following links into other folders
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(base, d))]
        for name in names:
            yield Path(base) / name

