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


@dataclass
class TermLinker:
    """Links the first use of each glossary term on one page, and remembers which were used."""

    entries: Sequence[GlossaryEntry]
    used: list[GlossaryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        # An empty (or blank) term would match between any two characters: it can never be linked.
        self._terms = sorted((e for e in self.entries if e.term.strip()), key=lambda e: len(e.term), reverse=True)
        # One group per term, longest first, so the group that matched names the entry.
        alternatives = "|".join(f"({re.escape(e.term)})" for e in self._terms)
        # Plural forms count as the term: "SSRIs" is explained by the entry for "SSRI".
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE) if self._terms else None

    def link(self, text: str) -> str:
        """Escape text (not markup) to HTML, wrapping the first use of each unexplained term in a link."""
        if self._pattern is None:
            return escapeHtml(text)
        out: list[str] = []
        done = 0
        for match in self._pattern.finditer(text):
            entry = self._terms[(match.lastindex or 1) - 1]
            if entry in self.used:
                continue
            self.used.append(entry)
            anchor = escapeHtml(term_anchor(entry.term))
            out += [escapeHtml(text[done:match.start()]),
                    f'<a class="term" href="#{anchor}" aria-describedby="{anchor}">{escapeHtml(match.group(0))}</a>']
            done = match.end()
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
