"""Temperatures and their scale: "25 °F" said for the source's "25 °C" keeps the number and changes the fact.
`numbers` reads quantities; a temperature's scale is read here, in any language."""

from __future__ import annotations

import re

_TEMPERATURE = re.compile(r"(?<![\w.,])(-?\d+(?:[.,]\d+)?)\s*(?:[°º]\s*|degrees?\s+)(C|F|[Cc]elsius|[Ff]ahrenheit|[Cc]entigrade)\b"
                          r"|(?<![\w.,])(-?\d+(?:[.,]\d+)?)(C|F)\b")


def _temperatures(text: str) -> dict[tuple[str, str], str]:
    """(number, scale C or F) -> as written, of the temperatures a text states ("25 °C", "38C", "77 degrees F")."""
    found: dict[tuple[str, str], str] = {}
    for m in _TEMPERATURE.finditer(text):
        number, scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        found.setdefault((number, "F" if scale[0] in "Ff" else "C"), m.group(0))
    return found


def scale_changes(source: str, simple: str) -> list[tuple[str, str]]:
    """Temperatures the simpler phrasing states in the other scale with the same number ("25 °F" for "25 °C"):
    (as said, as the source writes it)."""
    said, known = _temperatures(simple), _temperatures(source)
    return [(shown, known[(number, "C" if scale == "F" else "F")]) for (number, scale), shown in said.items()
            if (number, scale) not in known and (number, "C" if scale == "F" else "F") in known]
