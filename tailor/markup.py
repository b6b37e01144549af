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

from .model import GlossaryEntry


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False}).enable(["emphasis", "link", "escape", "entity"])
    md.validateLink = lambda url: url.lower().startswith(("https://", "http://"))  # type: ignore[method-assign]
    return md


_MD = _parser()


def term_anchor(term: str) -> str:
    """The id of a glossary definition on the page."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-")


@dataclass
class TermLinker:
    """Links the first use of each glossary term on one page, and remembers which were used."""

    entries: Sequence[GlossaryEntry]
    used: list[GlossaryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        terms = sorted(self.entries, key=lambda e: len(e.term), reverse=True)
        self._by_term = {e.term.casefold(): e for e in terms}
        alternatives = "|".join(re.escape(escapeHtml(e.term)) for e in terms)
        # Plural forms count as the term: "SSRIs" is explained by the entry for "SSRI".
        self._pattern = re.compile(rf"(?<![\w-])({alternatives})(?:s|es)?(?![\w-])", re.IGNORECASE) if terms else None

    def link(self, escaped: str) -> str:
        """Wrap unexplained terms in already-escaped text."""
        if self._pattern is None:
            return escaped

        def replace(match: re.Match[str]) -> str:
            entry = self._by_term[match.group(1).casefold()]
            if entry in self.used:
                return match.group(0)
            self.used.append(entry)
            anchor = term_anchor(entry.term)
            return f'<a class="term" href="#{anchor}" aria-describedby="{anchor}">{match.group(0)}</a>'

        return self._pattern.sub(replace, escaped)


def render_inline(source: str, linker: TermLinker | None = None) -> Markup:
    """Phrasing markup to safe HTML; anything that is not the subset shows as text."""
    tokens = _MD.parseInline(source)
    out: list[str] = []
    in_link = False
    for token in tokens[0].children or [] if tokens else []:
        if token.type == "text":
            escaped = escapeHtml(token.content)
            out.append(linker.link(escaped) if linker is not None and not in_link else escaped)
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
    tokens = _MD.parseInline(source)
    words = [t.content for t in (tokens[0].children or [] if tokens else []) if t.type == "text"]
    return re.sub(r"\s+", " ", "".join(words)).strip()
