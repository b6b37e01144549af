"""YAML read as located nodes, so that every problem can name path:line:col.

PyYAML's constructors drop positions and silently keep the last of duplicate keys, so Tailor
composes the node tree with the C loader and converts it itself, field by field, collecting
every problem in a Reporter instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Location, Severity

try:  # the C loader is much faster; the pure one gives the same nodes and marks
    _Base: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.BaseLoader

_TAGS = {ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_Base):  # type: ignore[misc]
    """Composes nodes without resolving tags: every plain scalar is text.

    Tailor reads each value as its field needs (text, `true`/`false`, a number, a date) instead of
    letting YAML 1.1 guess (`no` is false, `1.10` a float); skipping the guessing, and PyYAML's
    path resolvers, which Tailor never registers, makes a large content tree load markedly faster.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


@dataclass
class Reporter:
    """Collects diagnostics for one file while it is read."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def at(self, node: Node | None) -> Location:
        """The location of a node (1-based), or the top of the file."""
        if node is None:
            return Location(self.path, 1, 1)
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def error(self, node: Node | None, code: str, message: str) -> None:
        """Record an error at a node."""
        self.diagnostics.append(Diagnostic(self.at(node), code, message))

    def warning(self, node: Node | None, code: str, message: str) -> None:
        """Record a warning at a node."""
        self.diagnostics.append(Diagnostic(self.at(node), code, message, Severity.WARNING))

    @property
    def has_errors(self) -> bool:
        """Whether any error was recorded."""
        return any(d.is_error for d in self.diagnostics)


def parse(text: str, reporter: Reporter) -> Node | None:
    """Compose a YAML document into nodes; a syntax error becomes a `yaml.syntax` diagnostic."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        # An alias needs an anchor (`&name`); without `&` anywhere there is nothing to look for.
        shared = _shared_node(node) if "&" in text else None
        if shared is not None:
            # Aliases make one node appear in many places: a copy-paste trap in content, and a
            # way to make a small file expand without bound.
            reporter.error(shared, "yaml.alias", "YAML anchors and aliases (&name, *name) are not allowed in "
                                                 "content; write the text out where it is used")
            return None
        return node  # type: ignore[no-any-return]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        reporter.diagnostics.append(
            Diagnostic(
                Location(reporter.path, line, col),
                "yaml.syntax",
                f"YAML syntax error: {problem}; fix the indentation or quoting on this line",
            )
        )
    except yaml.YAMLError as exc:
        reporter.diagnostics.append(
            Diagnostic(Location(reporter.path), "yaml.syntax", f"YAML error: {exc}; fix the file")
        )
    return None


def _shared_node(root: Node | None) -> Node | None:
    """A node reachable twice (through an alias), if any."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return None


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def is_null(node: Node | None) -> bool:
    """Whether a node is a YAML null: `null`, `~` or nothing, unquoted (or tagged `!!null`)."""
    return isinstance(node, ScalarNode) and (node.tag == NULL_TAG or (not node.style and node.value in _NULLS))


def mapping(
    node: Node | None, r: Reporter, what: str, allowed: Iterable[str] | None = None
) -> dict[str, tuple[ScalarNode, Node]] | None:
    """A mapping node as key -> (key node, value node); reports wrong type, duplicate and unknown keys."""
    if not isinstance(node, MappingNode):
        r.error(node, "yaml.type", f"{what} must be a mapping of `key: value` lines")
        return None
    result: dict[str, tuple[ScalarNode, Node]] = {}
    allowed_keys = list(allowed) if allowed is not None else None
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            r.error(key_node, "yaml.type", f"keys in {what} must be plain words")
            continue
        key = str(key_node.value)
        if _CONTROL.search(key):
            r.error(key_node, "yaml.control", f"a key in {what} contains a control character; remove it")
            continue
        if key in result:
            first = r.at(result[key][0])
            r.error(
                key_node,
                "yaml.duplicate_key",
                f"duplicate key `{key}` in {what} (first at line {first.line}); remove one of them",
            )
            continue
        if allowed_keys is not None and key not in allowed_keys:
            r.error(key_node, "yaml.unknown_key", f"unknown key `{key}` in {what}; {suggest(key, allowed_keys)}")
            continue
        result[key] = (key_node, value_node)
    return result


def suggest(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint, or the list of valid choices."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"did you mean `{close[0]}`?"
    return "expected one of: " + ", ".join(f"`{c}`" for c in choices)


def sequence(node: Node | None, r: Reporter, what: str) -> list[Node] | None:
    """A sequence node's items, or None (reported) when it is not a list."""
    if not isinstance(node, SequenceNode):
        r.error(node, "yaml.type", f"{what} must be a list (`- item` lines or `[a, b]`)")
        return None
    return list(node.value)


def text(node: Node | None, r: Reporter, what: str) -> str | None:
    """A scalar read as text, exactly as written (so `no` or `1.10` stay text), or None if reported."""
    if not isinstance(node, ScalarNode) or is_null(node):
        r.error(node, "yaml.type", f"{what} must be text")
        return None
    value = str(node.value).strip()
    if not value:
        r.error(node, "yaml.type", f"{what} must not be empty")
        return None
    control = _CONTROL.search(value)
    if control:
        # Only a YAML escape ("\e", "\x1b") can put one here; on a terminal or a page it hides or fakes text.
        r.error(node, "yaml.control", f"{what} contains the control character U+{ord(control.group()):04X}; remove it")
        return None
    return value


def boolean(node: Node | None, r: Reporter, what: str) -> bool | None:
    """A scalar read as `true` or `false` only; YAML 1.1's yes/no/on/off are refused as ambiguous."""
    if isinstance(node, ScalarNode) and not node.style and str(node.value) in ("true", "false"):
        return bool(node.value == "true")
    r.error(node, "yaml.type", f"{what} must be `true` or `false`")
    return None


def integer(node: Node | None, r: Reporter, what: str) -> int | None:
    """A scalar read as a whole number (at most 15 digits: Python refuses to convert thousands)."""
    if isinstance(node, ScalarNode) and re.fullmatch(r"-?\d{1,15}", str(node.value)):
        return int(node.value)
    r.error(node, "yaml.type", f"{what} must be a whole number")
    return None


def number(node: Node | None, r: Reporter, what: str) -> float | None:
    """A scalar read as a number."""
    if isinstance(node, ScalarNode) and not is_null(node):
        try:
            value = float(str(node.value))
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            return value
    r.error(node, "yaml.type", f"{what} must be a number")
    return None


def date(node: Node | None, r: Reporter, what: str) -> dt.date | None:
    """A scalar read as an ISO date (YYYY-MM-DD), quoted or not."""
    raw = str(node.value).strip() if isinstance(node, ScalarNode) else ""
    if _ISO_DATE.match(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    r.error(node, "yaml.date", f"{what} must be a real date written YYYY-MM-DD, got `{raw}`")
    return None


def string_list(node: Node | None, r: Reporter, what: str) -> list[tuple[str, Node]]:
    """A list of text items with their nodes; a single text is taken as a one-item list."""
    if isinstance(node, ScalarNode) and not is_null(node):
        value = text(node, r, what)
        return [(value, node)] if value else []
    items = sequence(node, r, what)
    result = []
    for item in items or []:
        value = text(item, r, f"each item of {what}")
        if value:
            result.append((value, item))
    return result
