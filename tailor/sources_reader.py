"""An article's references (with their identifiers) and its approvals, read and checked in form."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from yaml.nodes import Node

from . import schema as s
from . import yamlsrc as y
from .model import Approval, Reference, ReferenceType, frozen_map

if TYPE_CHECKING:
    from .article_reader import ArticleReader

_URL = re.compile(r"^https?://[^\s/]+\S*$")
DOI = re.compile(r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/(?!\.\.?(?:/|\Z))(?:(?!/\.\.?(?:/|\Z))\S)+\Z")
"""A DOI as the DOI Handbook spells it: `10.`, the registrant code, `/`, then a suffix without spaces (and
without `.` or `..` segments, which a browser would resolve in the doi.org link)."""
PMID = re.compile(r"^[1-9][0-9]{0,8}\Z")
"""A PubMed id: digits only."""

REFERENCE = s.Schema("reference `{name}`", (
    s.Field("type", s.choice(ReferenceType, "refs.type"), "guideline | research | review | label | regulatory | other",
            required=True),
    s.Field("title", s.text, "The title exactly as published.", required=True),
    s.Field("source", s.text, "Journal, publisher or agency.", required=True),
    s.Field("year", s.whole_number(1800, lambda: dt.date.today().year + 1, "refs.year",
                                   "year {value} is not a publication year; check the source"),
            "Year of publication.", required=True),
    s.Field("url", s.matching(_URL, "refs.url", "a reference `url` must start with https:// or http://"),
            "Where readers can check the source (http or https only)."),
    s.Field("authors", s.texts, "The authors as published (`[Rena G, Hardie DG]`)."),
    s.Field("doi", s.matching(DOI, "refs.doi", "`{value}` is not a DOI; write it as `10.<registrant>/<suffix>` (like "
                                                 "`10.1089/thy.2014.0028`), without https://doi.org/"),
            "The DOI, `10.<registrant>/<suffix>`: linked at https://doi.org/."),
    s.Field("pmid", s.matching(PMID, "refs.pmid", "`{value}` is not a PubMed id; write only its digits, without leading "
                                                   "zeros (like `25266247`)"),
            "The PubMed id (digits): linked at https://pubmed.ncbi.nlm.nih.gov/."),
    s.Field("volume", s.text, "The journal volume (and issue or supplement), as published."),
    s.Field("pages", s.text, "The pages, as published (`1577-1585`)."),
    s.Field("unidentified", s.text, "Why this source has no DOI, PMID or URL you could verify (a reviewer reads the "
                                    "reason; `tailor check` then stops warning)."),
), "refs.incomplete")

APPROVAL = s.Schema("approval {name}", (
    s.Field("by", s.text, "The reviewer's id in reviewers.yaml.", required=True),
    s.Field("reviewed", s.date, "The day of the review.", required=True),
    s.Field("next_review", s.date, "When these views are due for review again.", required=True),
    s.Field("profiles", lambda reader, node, what: node, "Profile id -> the hash of that view as approved.", required=True),
), "review.approval")


def read_references(reader: ArticleReader, node: Node) -> dict[str, Reference]:
    """The reference list: id -> typed, verifiable source."""
    result = {}
    for ref_id, (key_node, value_node) in (y.mapping(node, reader.r, "`references`") or {}).items():
        reader.declared.add(ref_id)
        values = REFERENCE.read(reader, value_node, ref_id, where=key_node)
        if values is None or any(values.get(f.key) is None for f in REFERENCE.fields if f.required):
            continue
        result[ref_id] = Reference(ref_id, values["type"], values["title"], values["source"], values["year"],
                                   values.get("url"), reader.r.at(key_node),
                                   tuple(name for name, _ in values.get("authors") or ()), values.get("doi"),
                                   values.get("pmid"), values.get("volume"), values.get("pages"),
                                   values.get("unidentified"))
    return result


def read_approvals(reader: ArticleReader, node: Node) -> tuple[Approval, ...]:
    """The signatures per audience, oldest first, each naming the profiles it covers with their hashes."""
    found = []
    for number, item in enumerate(y.sequence(node, reader.r, "`approvals`") or [], 1):
        values = APPROVAL.read(reader, item, str(number))
        if values is None:
            continue
        hashes = {}
        for profile_id, (key_node, value_node) in (y.mapping(values.get("profiles"), reader.r, "`profiles`") or {}).items():
            if reader.profiles.get(profile_id) is None:
                reader.r.error(key_node, "profiles.unknown",
                             f"`{profile_id}` in approval {number} is not a profile; {y.suggest(profile_id, reader.profiles.ids)}")
                continue
            value = y.text(value_node, reader.r, f"the `{profile_id}` hash")
            if value is not None:
                hashes[profile_id] = value
        reviewed, due = values.get("reviewed"), values.get("next_review")
        if reviewed is not None and reviewed > dt.date.today():
            # A review that has not happened yet cannot vouch for what readers are told today.
            reader.r.error(item, "review.approval", f"approval {number} says it was reviewed on {reviewed.isoformat()}, "
                                                  "a day still to come; only `tailor review --approve` writes approvals")
            continue
        if reviewed is not None and due is not None and due <= reviewed:
            reader.r.error(item, "review.approval", f"approval {number}: the next review ({due.isoformat()}) must come "
                                                  f"after the review itself ({reviewed.isoformat()})")
            continue
        if reviewed is not None and due is not None and due > five_years_after(reviewed):
            # `--next-review` allows 60 months; a hand-typed 2199 would tell readers the page needs no review for ever.
            reader.r.error(item, "review.approval", f"approval {number}: the next review ({due.isoformat()}) is more than "
                                                  "60 months after the review; approve again with `--next-review` (1 to 60)")
            continue
        if values.get("by") and values.get("reviewed") and hashes:
            found.append(Approval(values["by"], values["reviewed"], values.get("next_review"), frozen_map(hashes),
                                  reader.r.at(item)))
    return tuple(found)


def five_years_after(day: dt.date) -> dt.date:
    """The same day five years on (28 February for a 29 February): the latest next review an approval may set."""
    return day.replace(year=day.year + 5, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year + 5)
