"""Inline markup of phrasings: a small safe subset (emphasis, strong, http(s) links), never raw HTML.

Glossary terms are linked to their definitions on the way, in text only (never inside a link),
once per page, so that a lay reader gets each term explained where it first appears.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from .memo import ByteBoundedCache, text_bytes
from .model import GlossaryEntry


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "escape", "entity"])
    md.validateLink = lambda url: url.lower().startswith(("https://", "http://"))  # type: ignore[method-assign]
    return md


_MD = _parser()


def term_anchor(term: str) -> str:
    """The id of a glossary definition on the page: readable, and distinct for distinct terms.

    Letters and digits of any script stay as they are, a space becomes `-` and a hyphen `_`; any
    other character is written as its code point between dots (`.2b.` for `+`). No two casefolded
    terms share an id, and the id is the same on every machine.
    """
    return "term-" + "".join(_ANCHOR_CHARS.get(ch) or (ch if ch.isalnum() else f".{ord(ch):x}.") for ch in term.casefold())


_ANCHOR_CHARS = {" ": "-", "-": "_"}


_WORD_START = re.compile(r"(?<![\w-])[^\W_]+")
_FIRST_WORD = re.compile(r"[^\W_]+")
_PLURALS = ("es", "s")  # "SSRIs" is explained by the entry for "SSRI"


class TermIndex:
    """Glossary terms by their first word, longest first: linking costs a lookup per word of text,
    however large the glossary (a regex of ten thousand alternatives costs seconds per page)."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.by_first: dict[str, list[GlossaryEntry]] = {}
        # An empty (or blank) term would match between any two characters: it can never be linked.
        for entry in sorted((e for e in entries if e.term.strip()), key=lambda e: len(e.term), reverse=True):
            first = _FIRST_WORD.match(entry.term.lower())
            if first is not None and first.start() == 0:
                self.by_first.setdefault(first.group(), []).append(entry)

    def candidates(self, word: str) -> list[GlossaryEntry]:
        """Terms that may start with this word of text (itself, or without a plural ending), longest first."""
        found = list(self.by_first.get(word, ()))
        for ending in _PLURALS:
            if word.endswith(ending):
                found += self.by_first.get(word[: -len(ending)], ())
        return sorted(found, key=lambda e: len(e.term), reverse=True) if len(found) > 1 else found


_INDEXES: dict[int, tuple[Sequence[GlossaryEntry], TermIndex]] = {}


def term_index(entries: Sequence[GlossaryEntry]) -> TermIndex:
    """The index of a glossary's terms, built once per glossary (pages share it)."""
    cached = _INDEXES.get(id(entries))
    if cached is None or cached[0] is not entries:
        if len(_INDEXES) >= 8:  # a few glossaries at most: the current one and those being reloaded
            _INDEXES.clear()
        cached = _INDEXES[id(entries)] = (entries, TermIndex(entries))
    return cached[1]


def _boundary(text: str, at: int) -> bool:
    return at >= len(text) or not (text[at].isalnum() or text[at] in "_-")


@dataclass
class TermLinker:
    """Links the first use of each glossary term on one page, and remembers which were used."""

    entries: Sequence[GlossaryEntry]
    used: list[GlossaryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index = term_index(self.entries)

    def _match(self, text: str, start: int, word: str) -> tuple[GlossaryEntry, int] | None:
        for entry in self._index.candidates(word):
            end = start + len(entry.term)
            if text[start:end].lower() != entry.term.lower():
                continue
            for ending in ("", *_PLURALS):
                if text[end:end + len(ending)].lower() == ending and _boundary(text, end + len(ending)):
                    return entry, end + len(ending)
        return None

    def link(self, text: str) -> str:
        """Escape text (not markup) to HTML, wrapping the first use of each unexplained term in a link."""
        if not self._index.by_first:
            return escapeHtml(text)
        out: list[str] = []
        done = scanned = 0  # text up to `done` is written out; matching resumes at `scanned`
        for word in _WORD_START.finditer(text):
            if word.start() < scanned:
                continue
            found = self._match(text, word.start(), word.group().lower())
            if found is None:
                continue
            entry, scanned = found
            if entry in self.used:
                continue  # explained where it first appeared; nothing inside it is linked either
            self.used.append(entry)
            anchor = escapeHtml(term_anchor(entry.term))
            out += [escapeHtml(text[done:word.start()]),
                    f'<a class="term" href="#{anchor}" aria-describedby="{anchor}">{escapeHtml(text[word.start():scanned])}</a>']
            done = scanned
        out.append(escapeHtml(text[done:]))
        return "".join(out)


def render_inline(source: str, linker: TermLinker | None = None) -> Markup:
    """Phrasing markup to safe HTML; anything that is not the subset shows as text."""
    tokens = _MD.parseInline(source)
    out: list[str] = []
    in_link = False
    for token in tokens[0].children or [] if tokens else []:
        if token.type == "text":
            out.append(linker.link(token.content) if linker is not None and not in_link else escapeHtml(token.content))
        elif token.type == "link_open":
            in_link = True
            out.append(f'<a href="{escapeHtml(str(token.attrGet("href")))}" rel="noopener noreferrer">')
        elif token.type == "link_close":
            in_link = False
            out.append("</a>")
        elif token.type in ("em_open", "em_close", "strong_open", "strong_close"):
            out.append(f"<{'/' if token.nesting < 0 else ''}{token.tag}>")
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        else:  # pragma: no cover - the enabled rules make no other tokens
            out.append(escapeHtml(token.content))
    return Markup("".join(out))


def plain_text(source: str) -> str:
    """The words a reader sees, without markup: what readability and fact rules read."""
    found = _PLAIN.get(source)
    if found is None:
        tokens = _MD.parseInline(source)
        words = [t.content for t in (tokens[0].children or [] if tokens else []) if t.type == "text"]
        found = re.sub(r"\s+", " ", "".join(words)).strip()
        _PLAIN.put(source, found, text_bytes(source, found))
    return found


PLAIN_CACHE_BYTES = 8 * 1024 * 1024
"""A check reads each phrasing's words several times (views, number rules, the workbench)."""

_PLAIN: ByteBoundedCache[str, str] = ByteBoundedCache(PLAIN_CACHE_BYTES)
