"""Inline markup of phrasings: a small safe subset (emphasis, strong, http(s) links), never raw HTML.

Glossary terms are linked to their definitions on the way, in text only (never inside a link),
once per page, so that a lay reader gets each term explained where it first appears.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

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


_TOKEN = re.compile(r"[^\W_]+|\s+|.", re.DOTALL)
_PLURALS = ("es", "s")  # "SSRIs" is explained by the entry for "SSRI"
_END = ""  # the key under which a trie node holds the term that ends there


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    key: str
    """Lower case for words, " " for any run of spaces, the character itself otherwise."""
    word: bool


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        word = piece[0].isalnum()
        found.append(_Token(match.start(), match.end(), piece.lower() if word else " " if piece.isspace() else piece, word))
    return found


def _acronym(term: str) -> bool:
    # "US", "HA", "SSRI": matched with their capitals, so "uses" and "has" are not taken for them.
    letters = [ch for ch in term if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class TermIndex:
    """Glossary terms in a trie of their words: linking costs a few lookups per word of text, however
    large the glossary and however many terms share a first word."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        self.root: dict[str, Any] = {}
        # An empty (or blank) term would match between any two characters: it can never be linked.
        for entry in entries:
            keys = [token.key for token in _tokens(entry.term.strip())]
            if not keys or not any(token.word for token in _tokens(entry.term)) or not keys[0][0].isalnum():
                continue
            node = self.root
            for key in keys:
                node = node.setdefault(key, {})
            node.setdefault(_END, entry)

    def __bool__(self) -> bool:
        return bool(self.root)

    def match(self, text: str, tokens: list[_Token], first: int) -> tuple[GlossaryEntry, int] | None:
        """The longest term starting at token `first` (plurals count), and where it ends in the text."""
        best: tuple[GlossaryEntry, int] | None = None
        node = self.root
        for token in tokens[first:]:
            if token.word:
                for ending in _PLURALS:  # the term's last word with a plural ending
                    stem = node.get(token.key[: -len(ending)]) if token.key.endswith(ending) else None
                    if stem is not None and _END in stem and self._fits(text, tokens[first].start, token.end, stem[_END], ending):
                        best = (stem[_END], token.end)
            node = node.get(token.key)  # type: ignore[assignment]
            if node is None:
                break
            if _END in node and self._fits(text, tokens[first].start, token.end, node[_END], ""):
                best = (node[_END], token.end)
        return best

    @staticmethod
    def _fits(text: str, start: int, end: int, entry: GlossaryEntry, ending: str) -> bool:
        if not _boundary(text, end):
            return False
        if _acronym(entry.term):
            written = " ".join(text[start:end - len(ending)].split())
            return written == " ".join(entry.term.split())
        return True


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
    links: bool = True
    """False: only note which terms the text uses (the JSON API lists them; its HTML has no page to link to)."""

    def __post_init__(self) -> None:
        self._index = term_index(self.entries)

    def link(self, text: str) -> str:
        """Escape text (not markup) to HTML, wrapping the first use of each unexplained term in a link."""
        if not self._index:
            return escapeHtml(text)
        tokens = _tokens(text)
        out: list[str] = []
        done = scanned = 0  # text up to `done` is written out; matching resumes at `scanned`
        for index, token in enumerate(tokens):
            # A term starts a word: not inside one, nor after a hyphen ("non-SSRI").
            if token.start < scanned or not token.word or (token.start and (text[token.start - 1].isalnum()
                                                                             or text[token.start - 1] in "_-")):
                continue
            found = self._index.match(text, tokens, index)
            if found is None:
                continue
            entry, scanned = found
            if entry in self.used:
                continue  # explained where it first appeared; nothing inside it is linked either
            self.used.append(entry)
            if not self.links:
                continue
            anchor = escapeHtml(term_anchor(entry.term))
            out += [escapeHtml(text[done:token.start]),
                    f'<a class="term" href="#{anchor}" aria-describedby="{anchor}">{escapeHtml(text[token.start:scanned])}</a>']
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
