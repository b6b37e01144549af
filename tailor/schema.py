"""Content fields declared once: key, how its value is read, whether it is required, what it means.

MkDocs-style: the loader walks a `Schema` instead of repeating "if key in fields" for every field,
so unknown keys, duplicate keys and missing required keys are reported the same way everywhere,
and adding a field (a reference's DOI, a translation's language) is one line. The declarations
also document the format (`describe`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from yaml.nodes import Node

from . import yamlsrc as y

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


class HasReporter(Protocol):
    """Whatever reads a file: it has the file's reporter."""

    @property
    def r(self) -> y.Reporter: ...


Read = Callable[[Any, Node, str], Any]
"""How one field's value is read: (reader, value node, field name for messages) -> value or None."""


@dataclass(frozen=True)
class Field:
    """One key of a mapping in a content file."""

    key: str
    read: Read
    doc: str
    required: bool = False
    hint: str = ""
    """Said after "needs `key:`" when it is missing (for example "(kebab-case)")."""


@dataclass(frozen=True)
class Schema:
    """The closed set of keys a mapping may have; unknown keys are errors."""

    what: str
    """How messages name the mapping ("an article"); `{name}` is filled in by `read`."""
    fields: tuple[Field, ...]
    missing_code: str

    @property
    def keys(self) -> tuple[str, ...]:
        """Every declared key, in the documented order."""
        return tuple(f.key for f in self.fields)

    def read(self, reader: HasReporter, node: Node | None, name: str = "", *,
             extra: Iterable[str] = (), where: Node | None = None) -> dict[str, Any] | None:
        """Read a mapping: each declared field present is converted (None when it is reported).

        `extra` keys are allowed and left to the caller (a claim's profile phrasings); `where` is the
        node missing keys are reported at (default: the mapping itself).
        """
        what = self.what.format(name=name)
        r = reader.r
        fields = y.mapping(node, r, what, (*self.keys, *extra))
        if fields is None:
            return None
        values: dict[str, Any] = {}
        for field in self.fields:
            if field.key not in fields:
                if field.required:
                    hint = f" {field.hint}" if field.hint else ""
                    r.error(where or node, self.missing_code, f"{what} needs `{field.key}:`{hint}")
                continue
            values[field.key] = field.read(reader, fields[field.key][1], f"`{field.key}`")
        values.update({key: fields[key][1] for key in extra if key in fields})
        return values

    def nodes(self, reader: HasReporter, node: Node | None) -> Mapping[str, tuple[Node, Node]]:
        """The raw key and value nodes (no conversion, no reports): for checks across fields."""
        return y.mapping(node, y.Reporter(reader.r.path), self.what) or {}


def describe(schema: Schema) -> list[tuple[str, bool, str]]:
    """(key, required, doc) per field: the format's documentation, from the declarations."""
    return [(f.key, f.required, f.doc) for f in schema.fields]


# Converters shared by every schema: (reader, node, what) -> value or None (reported).

def text(reader: HasReporter, node: Node, what: str) -> str | None:
    """Text exactly as written (`no` and `1.10` stay text)."""
    return y.text(node, reader.r, what)


def date(reader: HasReporter, node: Node, what: str) -> dt.date | None:
    """An ISO date, YYYY-MM-DD."""
    return y.date(node, reader.r, what)


def boolean(reader: HasReporter, node: Node, what: str) -> bool | None:
    """`true` or `false` only."""
    return y.boolean(node, reader.r, what)


def number(reader: HasReporter, node: Node, what: str) -> float | None:
    """A finite number."""
    return y.number(node, reader.r, what)


def texts(reader: HasReporter, node: Node, what: str) -> list[tuple[str, Node]]:
    """A list of texts (or one text), each with its node."""
    return y.string_list(node, reader.r, what)


def choice(kind: type[E], code: str) -> Callable[[HasReporter, Node, str], E | None]:
    """A value of an enumeration, with a 'did you mean' for typos."""

    def read(reader: HasReporter, node: Node, what: str) -> E | None:
        raw = y.text(node, reader.r, what)
        if raw is None:
            return None
        try:
            return kind(raw)
        except ValueError:
            reader.r.error(node, code, f"unknown {what.strip('`')} `{raw}`; {y.suggest(raw, [str(m.value) for m in kind])}")
            return None

    return read


def choice_of(values: tuple[str, ...], code: str) -> Callable[[HasReporter, Node, str], str | None]:
    """One of a fixed list of names, with a 'did you mean' for typos."""

    def read(reader: HasReporter, node: Node, what: str) -> str | None:
        raw = y.text(node, reader.r, what)
        if raw is not None and raw not in values:
            reader.r.error(node, code, f"unknown {what.strip('`')} `{raw}`; {y.suggest(raw, values)}")
            return None
        return raw

    return read


def whole_number(low: int, high: Callable[[], int], code: str, problem: str) -> Callable[[HasReporter, Node, str], int | None]:
    """A whole number in [low, high()]; outside it is `code` with `problem` ({value} filled in)."""

    def read(reader: HasReporter, node: Node, what: str) -> int | None:
        value = y.integer(node, reader.r, what)
        if value is not None and not low <= value <= high():
            reader.r.error(node, code, problem.format(value=value))
            return None
        return value

    return read


def matching(pattern: re.Pattern[str], code: str, problem: str) -> Callable[[HasReporter, Node, str], str | None]:
    """Text that must match a pattern; otherwise `code` with `problem` ({value} filled in)."""

    def read(reader: HasReporter, node: Node, what: str) -> str | None:
        value = y.text(node, reader.r, what)
        if value is not None and not pattern.match(value):
            reader.r.error(node, code, problem.format(value=value))
            return None
        return value

    return read


def optional(values: dict[str, Any], key: str, default: T) -> T:
    """A read value, or the default when the key is absent or its value was reported."""
    value = values.get(key)
    return default if value is None else value

