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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .markup import TermLinker, render_inline
from .model import Article, Glossary, Profiles, Reference, Reviewer, Settings, Status

_NEWER = frozenset({"about"})
"""Fields added after approvals of this kind were made: hashed only when set, so those approvals stay valid."""
REVIEW_KEYS = ("status", "reviewed_by", "reviewed", "next_review", "review_hash")
_NOT_SHOWN = frozenset({"slug", "path", "location", "updated", "references", "status", "next_review", "review_hash",
                        "translation", "approvals"})
"""Article fields that are bookkeeping, not something a reader is told (references are added as cited)."""


class SiteTexts(Protocol):
    """What the site tells every reader of an article besides the article (a Content or a Site)."""

    @property
    def profiles(self) -> Profiles: ...

    @property
    def glossary(self) -> Glossary: ...

    @property
    def templates(self) -> str: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def reviewers(self) -> Mapping[str, Reviewer]: ...

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
    shown = {f.name: _plain(getattr(article, f.name)) for f in dataclasses.fields(article) if f.name not in _NOT_SHOWN
             and (f.name not in _NEWER or getattr(article, f.name))}
    cited = sorted({c.ref for claim in article.claims() for c in claim.cites})
    shown["references"] = [_reference(article.references[ref]) for ref in cited if ref in article.references]
    shown["site"] = _site_part(article, site)
    canonical = json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _site_part(article: Article, site: SiteTexts) -> dict[str, object]:
    # Readability targets are not something a reader is told; labels, disclaimers and fallbacks are,
    # in the article's language (a translation's approval covers the translated profile texts and
    # glossary its pages show; other languages' texts are not on its pages).
    profiles = [{key: value for key, value in dict(_plain(p)).items()  # type: ignore[call-overload]
                 if key not in ("targets", "translations", "lang", "audience")} for p in site.profiles_in(article.lang).items]
    linker = TermLinker(site.glossary_for(article.lang).entries)
    for text in article.texts():
        for phrasing in text.variants.phrasings.values():
            if phrasing.text:
                render_inline(phrasing.text, linker)  # linked as the page links it: markup token by markup token
    glossary = sorted((entry.term, entry.definition) for entry in linker.used)
    part: dict[str, object] = {"profiles": profiles, "glossary": glossary, "templates": site.templates}
    footer = site.settings.footer_in(article.lang)
    if footer[0]:
        part["footer"] = list(footer)  # only when set: an approval made before footers existed stays valid
    return part


_IDENTIFIERS = ("authors", "doi", "pmid", "volume", "pages")


def _reference(reference: Reference) -> object:
    """A cited reference as the whole-article hash has always read it, with identifiers where it has them."""
    plain: dict[str, object] = _plain(reference)  # type: ignore[assignment]
    return {key: value for key, value in plain.items() if key not in _IDENTIFIERS or value}


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
_NEXT = {Status.DRAFT: "--submit", Status.SUBMITTED: "--start", Status.UNDER_REVIEW: "--approve --by REVIEWER",
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


def printable(text: str, limit: int = 60) -> str:
    """Text from a user or a file made safe to print on one terminal line (control characters escaped)."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text[:limit])
    return shown + ("..." if len(text) > limit else "")


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text` (which has no control characters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML 1.1 (PyYAML) counts as a line break
_HOW = "set the review fields by hand, or rewrite the file in block style (one `key: value` per line)"


@dataclass(frozen=True)
class ArticleSource:
    """An article file's text as read (without its byte-order mark) and its top-level YAML mapping."""

    text: str
    bom: bool
    root: MappingNode

    @classmethod
    def of_text(cls, text: str, bom: bool = False) -> ArticleSource:
        """The article in text already decoded; refuses what `stamp` could not edit exactly."""
        return cls(text, bom, _top_level(text))

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

    def insertion_point(self) -> tuple[int, str, str]:
        """Where new review fields go (the end of the `updated:` line, else of `status:`), the line break and indent."""
        return self._insertion_point(self.entries())

    def kept(self, stamped: tuple[str, ...]) -> list[list[tuple[object, ...]]]:
        """The shape of every top-level field except the stamped ones (to compare a text before and after)."""
        return [_shape(k) + _shape(v) for k, v in self.root.value if not (isinstance(k, ScalarNode) and k.value in stamped)]

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
