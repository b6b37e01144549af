"""Diagnostics: every problem a user can cause, with a place, a dotted code and a fix."""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any


class Severity(str, enum.Enum):
    """How bad a finding is: errors fail `tailor check`, warnings only with --strict, notes never."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class ExitCode(enum.IntEnum):
    """Exit codes of every tailor command, as CI systems read them."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3
    """A bug in Tailor (never 1, which CI reads as findings in the content)."""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text safe to print on a terminal or in CI logs: control characters (escape sequences, bidi
    overrides that reorder what is shown) become visible `\\x1b`-style escapes; tab and newline stay."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where, how bad, which rule, and what to do about it."""

    location: Location
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """Whether this finding fails a check without --strict."""
        return self.severity is Severity.ERROR

    def fails(self, strict: bool) -> bool:
        """Whether this finding fails `tailor check` (warnings too with --strict; notes never)."""
        return self.is_error or (strict and self.severity is Severity.WARNING)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """The inverse of as_dict (for caches)."""
        return cls(Location(data["path"], data["line"], data["col"]), data["code"], data["message"],
                   Severity(data["severity"]))

    def format(self) -> str:
        """Render as `path:line:col: severity code: message`, the form editors and CI parse."""
        return printable(f"{self.location}: {self.severity.value} {self.code}: {self.message}".replace("\n", " "))

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output and /healthz."""
        data = asdict(self)
        data.pop("location")
        return {
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            **data,
            "severity": self.severity.value,
        }


def sort_key(diagnostic: Diagnostic) -> tuple[Location, str]:
    """Order findings as a reader scans a file: by place, then by code."""
    return (diagnostic.location, diagnostic.code)


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One line per finding, sorted by place."""
    return "".join(d.format() + "\n" for d in sorted(diagnostics, key=sort_key))


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON array of findings, sorted by place."""
    return json.dumps([d.as_dict() for d in sorted(diagnostics, key=sort_key)], indent=2) + "\n"


class TailorError(Exception):
    """A problem the user can fix (bad configuration, missing folder); printed as one line."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=sort_key))
        super().__init__(format_text(self.diagnostics).rstrip("\n"))


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
    lines = []
    for d in sorted(diagnostics, key=sort_key):
        loc = d.location
        props = f"file={_github_escape(loc.path, prop=True)},line={loc.line},col={loc.col},title={_github_escape(d.code, prop=True)}"
        lines.append(f"::{kinds[d.severity]} {props}::{_github_escape(d.message)}\n")
    return "".join(lines)


def format_junit(diagnostics: Iterable[Diagnostic], files: Iterable[str], strict: bool = False) -> str:
    """JUnit XML: one test case per checked file, failing with its findings."""
    from xml.etree import ElementTree as ET

    by_file: dict[str, list[Diagnostic]] = {printable(path): [] for path in files}
    for d in sorted(diagnostics, key=sort_key):
        by_file.setdefault(printable(d.location.path), []).append(d)
    suite = ET.Element("testsuite", name="tailor check", tests=str(len(by_file)))
    failures = 0
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="tailor.check", name=path)
        failing = [d for d in found if d.fails(strict)]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{len(failing)} finding(s)", type=failing[0].code)
            failure.text = "".join(d.format() + "\n" for d in failing)  # format() escapes what XML 1.0 cannot hold
        others = [d for d in found if not d.fails(strict)]
        if others:
            ET.SubElement(case, "system-out").text = "".join(d.format() + "\n" for d in others)
    suite.set("failures", str(failures))
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
