"""Medical review: the hash of what a reader is told, the order of the review steps, and stamping the
review fields into an article file without touching anything else in it."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .markup import TermLinker, render_inline
from .model import Article, Glossary, Profiles, Status

REVIEW_KEYS = ("status", "reviewed_by", "reviewed", "next_review", "review_hash")
_NOT_SHOWN = frozenset({"slug", "path", "location", "updated", "references", "status", "next_review", "review_hash",
                        "translation"})
"""Article fields that are bookkeeping, not something a reader is told (references are added as cited)."""


class SiteTexts(Protocol):
    """What the site tells every reader of an article besides the article (a Content or a Site)."""

    @property
    def profiles(self) -> Profiles: ...

    @property
    def glossary(self) -> Glossary: ...

    @property
    def templates(self) -> str: ...

    def profiles_in(self, lang: str) -> Profiles:
        """The profiles as readers of a language get them."""

    def glossary_for(self, lang: str) -> Glossary:
        """The glossary of text in a language."""


def review_hash(article: Article, site: SiteTexts) -> str:
    """A short, stable hash of everything a reader is told: texts, quiz, language and cited references,
    and what the site adds to this article's pages (audiences, disclaimers, the glossary definitions
    its terms link to, the content tree's templates).

    The model is serialized generically, so a field it gains later (a translation, a reference
    identifier) is covered without touching this function.
    """
    shown = {f.name: _plain(getattr(article, f.name)) for f in dataclasses.fields(article) if f.name not in _NOT_SHOWN}
    cited = sorted({c.ref for claim in article.claims() for c in claim.cites})
    shown["references"] = [_plain(article.references[ref]) for ref in cited if ref in article.references]
    shown["site"] = _site_part(article, site)
    canonical = json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _site_part(article: Article, site: SiteTexts) -> dict[str, object]:
    # Readability targets are not something a reader is told; labels, disclaimers and fallbacks are,
    # in the article's language (a translation's approval covers the translated profile texts and
    # glossary its pages show; other languages' texts are not on its pages).
    profiles = [{key: value for key, value in dict(_plain(p)).items()  # type: ignore[call-overload]
                 if key not in ("targets", "translations", "lang")} for p in site.profiles_in(article.lang).items]
    linker = TermLinker(site.glossary_for(article.lang).entries)
    for text in article.texts():
        for phrasing in text.variants.phrasings.values():
            if phrasing.text:
                render_inline(phrasing.text, linker)  # linked as the page links it: markup token by markup token
    glossary = sorted((entry.term, entry.definition) for entry in linker.used)
    return {"profiles": profiles, "glossary": glossary, "templates": site.templates}


def _plain(value: object) -> object:
    """Model data as JSON values: every dataclass field except where it sits in the file."""
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "location"}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float)):
        return value
    # A silent str() could hash two different values alike; a new type must be added here on purpose.
    raise TypeError(f"the review hash cannot serialize {type(value).__name__}")


def changed_since_review(article: Article, site: SiteTexts) -> bool:
    """Whether an approved article tells readers something other than what was approved."""
    return article.status is Status.APPROVED and article.review_hash != review_hash(article, site)


def overdue(article: Article, today: dt.date) -> bool:
    """Whether the next review date has passed."""
    return article.next_review is not None and article.next_review < today


class Refusal(Exception):
    """Why the review cannot go ahead: a dotted code, a message that names the fix, and where."""

    def __init__(self, code: str, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.col = col


_FOLLOWS = {Status.SUBMITTED: (Status.DRAFT,), Status.UNDER_REVIEW: (Status.SUBMITTED, Status.APPROVED),
            Status.APPROVED: (Status.UNDER_REVIEW,)}
_NEXT = {Status.DRAFT: "--submit", Status.SUBMITTED: "--start", Status.UNDER_REVIEW: "--approve --by NAME",
         Status.APPROVED: "--start"}
_STATE = {Status.DRAFT: "a draft", Status.SUBMITTED: "submitted", Status.UNDER_REVIEW: "under review",
          Status.APPROVED: "approved"}
_GOAL = {Status.SUBMITTED: "submitted", Status.UNDER_REVIEW: "put under review", Status.APPROVED: "approved"}


def step_problem(slug: str, current: Status, wanted: Status, force: bool = False, lang: str | None = None) -> str | None:
    """Why `wanted` is not the next review step for an article (or its translation into `lang`) at
    `current`, naming the right one."""
    # --force skips the `--start` step only: a draft has never been submitted for review at all.
    if current in _FOLLOWS.get(wanted, ()) or (force and wanted is Status.APPROVED and current is not Status.DRAFT):
        return None
    step = f"`tailor review {slug}{f' --lang {lang}' if lang else ''} {_NEXT[current]}`"
    state = f"already {_STATE[current]}" if current is wanted else f"{_STATE[current]}, so it cannot be {_GOAL[wanted]}"
    advice = f"to review it again, start with {step}" if current is Status.APPROVED else f"the next step is {step}"
    forcing = " (or add --force to approve it without that step)" if wanted is Status.APPROVED and \
        current is not Status.DRAFT else ""
    return f"`{slug}{f'.{lang}' if lang else ''}` is {state}; {advice}{forcing}"


_JOINERS = frozenset("\u200c\u200d")  # zero-width (non-)joiners spell words in Persian and Indic scripts
_UNPRINTABLE = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
NAME_LIMIT = 200


def reviewer_problem(name: str) -> str | None:
    """Why a reviewer name cannot be recorded (blank, too long, control characters, line breaks), or None."""
    if not name.strip():
        return 'the reviewer name is blank; pass the full name, like --by "Dr. Ada Reviewer"'
    if len(name) > NAME_LIMIT:
        return f"the reviewer name is {len(name)} characters long; shorten it to at most {NAME_LIMIT}"
    for char in name:
        if unicodedata.category(char) in _UNPRINTABLE and char not in _JOINERS:
            return (f"the reviewer name contains U+{ord(char):04X}, a control character or line break; "
                    "type the name on one line without it")
    return None


def printable(text: str, limit: int = 60) -> str:
    """Text from a user or a file made safe to print on one terminal line (control characters escaped)."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit])
    return shown + ("..." if len(text) > limit else "")


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text` (which has no control characters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def approval_values(article: Article, site: SiteTexts, by: str, today: dt.date, months: int = 12) -> dict[str, str]:
    """The review fields of an approval by a reviewer today, due again in `months`."""
    year, month = divmod(today.month - 1 + months, 12)
    day = min(today.day, 28) if month + 1 == 2 else min(today.day, 30 if month + 1 in (4, 6, 9, 11) else 31)
    next_review = dt.date(today.year + year, month + 1, day)
    # "Reviewed by X on date" is on the page: the hash covers the reviewer and date it stamps.
    stamped = dataclasses.replace(article, reviewed_by=by, reviewed=today)
    return {"status": Status.APPROVED.value, "reviewed_by": by, "reviewed": today.isoformat(),
            "next_review": next_review.isoformat(), "review_hash": review_hash(stamped, site)}


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML 1.1 (PyYAML) counts as a line break
_HOW = "set the review fields by hand, or rewrite the file in block style (one `key: value` per line)"


@dataclass(frozen=True)
class ArticleSource:
    """An article file's text as read (without its byte-order mark) and its top-level YAML mapping."""

    text: str
    bom: bool
    root: MappingNode

    @classmethod
    def parse(cls, data: bytes) -> ArticleSource:
        """The article in a file's bytes; refuses what `stamp` could not edit exactly."""
        bom = data.startswith(codecs.BOM_UTF8)
        try:
            text = data[len(codecs.BOM_UTF8) if bom else 0:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refusal("file.encoding", f"the file is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8") from None
        return cls(text, bom, _top_level(text))

    def encode(self, text: str) -> bytes:
        """Text as the file's bytes, with the byte-order mark it had."""
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")

    def entries(self) -> dict[str, tuple[ScalarNode, Node]]:
        """The review fields present, each checked to be one value on one line that can be replaced exactly."""
        found: dict[str, tuple[ScalarNode, Node]] = {}
        for key_node, value_node in self.root.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if key not in REVIEW_KEYS:
                continue
            line = key_node.start_mark.line + 1
            if key in found:
                raise Refusal("yaml.duplicate_key", f"`{key}:` appears twice; remove one and run the command again", line)
            _check_editable(key, key_node, value_node)
            found[key] = (key_node, value_node)
        return found

    def status(self) -> tuple[Status, int, int]:
        """The article's review status and where it is written."""
        entry = self.entries().get("status")
        if entry is None:
            raise Refusal("article.missing", "the article has no `status:`; add `status: draft` under `updated:`")
        value = entry[1]
        assert isinstance(value, ScalarNode)  # _check_editable allows nothing else
        try:
            return Status(str(value.value).strip()), value.start_mark.line + 1, value.start_mark.column + 1
        except ValueError:
            raise Refusal("article.status", f"`status: {printable(str(value.value))}` is not a review status; "
                                            "set it to draft, submitted, under_review or approved",
                          value.start_mark.line + 1, value.start_mark.column + 1) from None

    def stamp(self, values: Mapping[str, str]) -> str:
        """The text with the review fields set: only their values change, and missing ones go after `updated:`.

        Refuses unless the new text reads back with every other field unchanged and the values exact.
        """
        entries = self.entries()
        edits: list[tuple[int, int, str]] = []
        for key, value in values.items():
            if key in entries:
                node = entries[key][1]
                start, end = node.start_mark.index, node.end_mark.index
                scalar = _scalar(key, value, node.style if isinstance(node, ScalarNode) else None)
                edits.append((start, end, scalar if end > start else " " + scalar))  # `key:` with no value
        missing = [key for key in REVIEW_KEYS if key in values and key not in entries]
        if missing:
            at, eol, indent = self._insertion_point(entries)
            edits.append((at, at, "".join(f"{eol}{indent}{key}: {_scalar(key, values[key], None)}" for key in missing)))
        pieces, cursor = [], 0
        for start, end, replacement in sorted(edits, key=lambda edit: edit[0]):
            pieces += [self.text[cursor:start], replacement]
            cursor = end
        text = "".join([*pieces, self.text[cursor:]])
        self._verify(text, values)
        return text

    def _insertion_point(self, entries: Mapping[str, tuple[ScalarNode, Node]]) -> tuple[int, str, str]:
        """Where new review fields go (the end of the `updated:` line, else of `status:`), the line break and indent."""
        anchor = None
        for key_node, value_node in self.root.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "updated" and _one_line(key_node, value_node):
                anchor = (key_node, value_node)
        key_node, value_node = anchor or entries["status"]
        found = _LINE_BREAK.search(self.text, max(key_node.end_mark.index, value_node.end_mark.index))
        first = _LINE_BREAK.search(self.text)
        eol = found.group() if found else first.group() if first else "\n"
        return (found.start() if found else len(self.text)), eol, " " * key_node.start_mark.column

    def _verify(self, text: str, values: Mapping[str, str]) -> None:
        """Refuses unless `text` has the same fields as before, except the stamped ones, which read back exactly."""
        try:
            after = _top_level(text)
        except Refusal as exc:
            raise _unsafe(exc.message) from None

        def kept(root: MappingNode) -> list[list[tuple[object, ...]]]:
            return [_shape(k) + _shape(v) for k, v in root.value if not (isinstance(k, ScalarNode) and k.value in values)]

        if kept(after) != kept(self.root):
            raise _unsafe("other fields would change")
        for key, value in values.items():
            stamped = [v for k, v in after.value if isinstance(k, ScalarNode) and k.value == key]
            if len(stamped) != 1 or not isinstance(stamped[0], ScalarNode) or stamped[0].value != value:
                raise _unsafe(f"`{key}` would not read back as written")


def check_read_back(before: Article | None, after: Article | None, values: Mapping[str, str], site: SiteTexts) -> None:
    """Refuses unless the stamped text loads as the same article with exactly the stamped review fields."""
    if before is None:
        return  # an article that does not load yet (a draft) is checked field by field in `stamp`
    expected = dataclasses.replace(
        before, reviewed_by=values.get("reviewed_by", before.reviewed_by),
        reviewed=dt.date.fromisoformat(values["reviewed"]) if "reviewed" in values else before.reviewed)
    if after is None or review_hash(after, site) != review_hash(expected, site):
        raise _unsafe("the article would not load as before")
    read = {"status": after.status.value, "reviewed_by": after.reviewed_by, "review_hash": after.review_hash,
            "reviewed": after.reviewed.isoformat() if after.reviewed else None,
            "next_review": after.next_review.isoformat() if after.next_review else None}
    wrong = [key for key, value in values.items() if read.get(key) != value]
    if wrong:
        raise _unsafe(f"`{wrong[0]}` would not load as written")


def _unsafe(why: str) -> Refusal:
    return Refusal("review.unsafe", f"stamping the review fields cannot be done exactly ({why}); nothing was "
                                    f"written: {_HOW}")


def _top_level(text: str) -> MappingNode:
    """The single top-level block mapping of an article's text; refuses anything else."""
    loader = yaml.SafeLoader(text)  # the pure loader: its marks index characters of `text`, which edits need
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "single document" in f"{exc.context} {exc.problem}":
            raise Refusal("yaml.documents", "the file holds more than one YAML document (`---`); keep one article "
                                            "per file", line, col) from None
        raise Refusal("yaml.syntax", f"YAML syntax error: {exc.problem or exc.context}; fix it (`tailor check` shows "
                                     "where)", line, col) from None
    except (yaml.YAMLError, RecursionError) as exc:
        problem = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc).splitlines()[0]
        raise Refusal("yaml.syntax", f"the file cannot be read as YAML ({printable(problem)}); fix it") from None
    finally:
        loader.dispose()
    if node is None or (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        raise Refusal("yaml.empty", "the file is empty (or only comments); write the article first (`tailor new`)")
    if not isinstance(node, MappingNode):
        shape = "a list" if isinstance(node, SequenceNode) else "a single value"
        raise Refusal("yaml.type", f"the file holds {shape}, not an article of `key: value` lines; fix the file")
    if node.flow_style:
        raise Refusal("review.flow_style", "the article is written in flow style (`{...}`), which cannot be "
                                           f"edited without rewriting it; {_HOW}")
    _shape(node)  # refuses aliases, which would make one edit show up in several places
    return node


def _check_editable(key: str, key_node: Node, value: Node) -> None:
    """Refuses a review field whose value is not one plain or quoted scalar on one line."""
    line = key_node.start_mark.line + 1
    if not isinstance(value, ScalarNode):
        raise Refusal("review.style", f"`{key}:` holds a list or mapping; write it as one value on one line "
                                      f"(`{key}: ...`) and run the command again", line)
    if value.style in ("|", ">"):
        raise Refusal("review.style", f"`{key}:` is a block scalar (`|` or `>`); write it on one line "
                                      f"(`{key}: ...`) and run the command again", line)
    if not _one_line(key_node, value):
        raise Refusal("review.style", f"`{key}:` spans several lines; write it on one line and run the command again",
                      line)


def _one_line(key_node: Node, value: Node) -> bool:
    return (isinstance(value, ScalarNode) and value.style not in ("|", ">")
            and value.start_mark.line == value.end_mark.line and value.start_mark.index >= key_node.end_mark.index)


_SAFE_PLAIN = re.compile(r"[a-z0-9][a-z0-9_:-]*")


def _scalar(key: str, value: str, style: str | None) -> str:
    """A review value in YAML: names always double-quoted; the others keep the quotes they had."""
    if key == "reviewed_by" or not _SAFE_PLAIN.fullmatch(value):
        return double_quoted(value)
    return f"{style}{value}{style}" if style in ("'", '"') else value


def _shape(root: Node) -> list[tuple[object, ...]]:
    """A node tree as a flat list of (kind, tag, value or size, style), so trees compare without recursion."""
    out: list[tuple[object, ...]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise Refusal("yaml.alias", "YAML anchors and aliases (&name, *name) are not allowed in content; write "
                                        "the text out where it is used", node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            out.append(("scalar", node.tag, node.value, node.style))
        elif isinstance(node, SequenceNode):
            out.append(("sequence", node.tag, len(node.value), node.flow_style))
            stack.extend(reversed(node.value))
        elif isinstance(node, MappingNode):
            out.append(("mapping", node.tag, len(node.value), node.flow_style))
            stack.extend(reversed([n for pair in node.value for n in pair]))
    return out
