"""Medical review: a hash of the approved claims, and stamping review fields into an article file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import yaml
from yaml.nodes import MappingNode

from .model import Article, Status

REVIEW_KEYS = ("status", "reviewed_by", "reviewed", "next_review", "review_hash")


def claims_hash(article: Article) -> str:
    """A short, stable hash of every claim: ids, citations and every profile's phrasing."""
    canonical = [
        [claim.id, [c.ref for c in claim.cites], sorted((p, ph.text) for p, ph in claim.text.phrasings.items())]
        for claim in article.claims()
    ]
    digest = hashlib.sha256(json.dumps(canonical, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return "sha256:" + digest.hexdigest()[:16]


def changed_since_review(article: Article) -> bool:
    """Whether an approved article's claims differ from what was approved."""
    return article.status is Status.APPROVED and article.review_hash != claims_hash(article)


def overdue(article: Article, today: dt.date) -> bool:
    """Whether the next review date has passed."""
    return article.next_review is not None and article.next_review < today


def _quote(value: str) -> str:
    # Quoting keeps YAML from reading a reviewer called "No" or "1.10" as a bool or float.
    return json.dumps(value, ensure_ascii=False) if not re.fullmatch(r"[\w:-]+", value) or value.lower() in (
        "yes", "no", "on", "off", "true", "false", "null", "y", "n") else value


def stamp(source: str, values: dict[str, str]) -> str:
    """Set top-level keys of an article's YAML text, keeping every other line as written.

    A key already present is replaced in place; a new one goes after `updated:` (or at the end).
    """
    node = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(node, MappingNode):
        raise ValueError("the article is not a mapping")
    lines = source.splitlines(keepends=True)
    spans = {}
    for key_node, value_node in node.value:
        end = value_node.end_mark.line + (1 if value_node.end_mark.column else 0)
        spans[str(key_node.value)] = (key_node.start_mark.line, max(end, key_node.start_mark.line + 1))
    replacements = {k: f"{k}: {_quote(v)}\n" for k, v in values.items()}
    anchor = spans.get("updated", (len(lines), len(lines)))[1]
    inserted = [replacements[k] for k in REVIEW_KEYS if k in replacements and k not in spans]
    out: list[str] = []
    for index, line in enumerate(lines):
        starts = [k for k, (start, _) in spans.items() if start == index and k in replacements]
        inside = any(start < index < end for k, (start, end) in spans.items() if k in replacements)
        if index == anchor:
            out.extend(inserted)
            inserted = []
        if starts:
            out.append(replacements[starts[0]])
        elif not inside:
            out.append(line)
    if inserted:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.extend(inserted)
    return "".join(out)


def approve(source: str, article: Article, by: str, today: dt.date, months: int = 12) -> str:
    """The article text stamped as approved by a reviewer today, with its claims' hash."""
    year, month = divmod(today.month - 1 + months, 12)
    day = min(today.day, 28) if month + 1 == 2 else min(today.day, 30 if month + 1 in (4, 6, 9, 11) else 31)
    next_review = dt.date(today.year + year, month + 1, day)
    return stamp(source, {"status": Status.APPROVED.value, "reviewed_by": by, "reviewed": today.isoformat(),
                          "next_review": next_review.isoformat(), "review_hash": claims_hash(article)})
