"""reviewers.yaml: the people who review articles, by id, with what readers are told about them.

An approval names a reviewer by id (`tailor review SLUG --approve --by ada-lovelace`); the page shows
their name and credentials from here, so a reviewer's byline is written once and spelled the same on
every article.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import schema as s
from . import yamlsrc as y
from .model import Reviewer
from .settings import SiteReader, read_yaml

REVIEWERS_FILE = "reviewers.yaml"
REVIEWERS_LIMIT = 256 * 1024
"""Bytes reviewers.yaml may have: it is read on every load, and a real board fits in a few KiB."""
REVIEWER_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""A reviewer id: lower-case words joined by hyphens (`ada-lovelace`), as typed after `--by`."""

REVIEWER = s.Schema("reviewer `{name}`", (
    s.Field("name", s.text, "The reviewer's name as readers see it (`Dr. Ada Lovelace`).", required=True),
    s.Field("credentials", s.text, "Degrees and licences after the name (`MD, FACP`)."),
    s.Field("role", s.text, "What they do (`Consultant endocrinologist`, `Health-literacy editor`)."),
), "reviewers.missing")


def load_reviewers(path: Path, r: y.Reporter, root: Path | None = None) -> dict[str, Reviewer]:
    """Read reviewers.yaml (id: name, credentials, role); a missing file means no reviewers yet."""
    if not os.path.lexists(path):
        return {}
    node = read_yaml(path, r, root=root, limit=REVIEWERS_LIMIT,
                     fix=f"keep {REVIEWERS_FILE} under {REVIEWERS_LIMIT // 1024} KiB (about a thousand reviewers)")
    if r.diagnostics and r.diagnostics[-1].code == "yaml.empty":
        r.diagnostics.pop()  # an empty file is no reviewers, like a missing one
    if node is None or y.is_null(node):
        return {}
    reader = SiteReader(r)
    found = {}
    for reviewer_id, (key_node, value_node) in (y.mapping(node, r, REVIEWERS_FILE) or {}).items():
        if not REVIEWER_ID.match(reviewer_id):
            r.error(key_node, "reviewers.id", f"reviewer id `{reviewer_id}` must be lower-case words joined by hyphens, "
                                              "like `ada-lovelace`")
            continue
        values = REVIEWER.read(reader, value_node, reviewer_id, where=key_node)
        if values is None or not values.get("name"):
            continue
        found[reviewer_id] = Reviewer(reviewer_id, values["name"].strip(), (values.get("credentials") or "").strip(),
                                      (values.get("role") or "").strip(), r.at(key_node))
    return found


def unknown_reviewer(reviewer_id: str, reviewers: dict[str, Reviewer] | None) -> str:
    """Why `--by` names no reviewer, with the likely one or how to add one."""
    if not reviewers:
        return (f"there is no reviewer `{reviewer_id}`: add them to {REVIEWERS_FILE} in the content folder "
                f"(`{reviewer_id}: {{name: ..., credentials: ..., role: ...}}`) and pass their id")
    return f"there is no reviewer `{reviewer_id}` in {REVIEWERS_FILE}; {y.suggest(reviewer_id, sorted(reviewers))}"
