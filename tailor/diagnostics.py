"""Diagnostics: every problem a user can cause, with a place, a dotted code and a fix."""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass
from typing import Iterable


class Severity(str, enum.Enum):
    """How bad a finding is; errors fail `tailor check`, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


class ExitCode(enum.IntEnum):
    """Exit codes of every tailor command, as CI systems read them."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


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

    def format(self) -> str:
        """Render as `path:line:col: severity code: message`, the form editors and CI parse."""
        return f"{self.location}: {self.severity.value} {self.code}: {self.message}"

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
