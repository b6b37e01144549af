"""The text one profile's reader sees, as the checks read it: after fallback, without omissions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from . import spanish
from .lexicon import Lexicon
from .markup import plain_text
from .model import Article, Claim, Glossary, PhrasingState, Profile, Resolved, Variants
from .readability import NO_COUNTS, Counts, Scores, count, language_code, scores_from_counts, syllables, word_frequency
from .textprep import explained_words, prepare_plain


@dataclass(frozen=True)
class Unit:
    """One piece of a view: a claim's phrasing, or the question."""

    claim: Claim | None
    label: str
    """`claim <id>` or the field's name, for messages."""
    resolved: Resolved
    plain: str
    """The words the reader sees, without markup."""
    counts: Counts = NO_COUNTS
    """What the formulas are made of, for this piece alone (a view's counts are their sum)."""
    lang: str = "en"
    """The language it is scored in (tailor_grade's weights are per language)."""

    def scores(self) -> Scores:
        """This piece's own scores: hints only, formulas are unreliable on short text."""
        return scores_from_counts(self.counts, self.lang)


@dataclass(frozen=True)
class ViewText:
    """Everything a profile's reader reads in one article, and its scores."""

    profile: Profile
    units: tuple[Unit, ...]
    scores: Scores
    explained: frozenset[str]
    """Lower-case words the page explains (glossary terms, terms defined in the text)."""


def _variants(article: Article, profile_id: str) -> Iterator[tuple[str, Variants, Claim | None]]:
    yield "the question", article.question, None
    for claim in article.claims(profile_id):  # the quiz's explanations only where its audience reads them
        yield f"claim `{claim.id}`", claim.text, claim


def units(article: Article, profile: Profile) -> tuple[Unit, ...]:
    """The shown texts of the article body (question and claims) in reading order."""
    result = []
    for label, variants, claim in _variants(article, profile.id):
        resolved = variants.resolve(profile.chain)
        if resolved.text is not None:
            result.append(Unit(claim, label, resolved, plain_text(resolved.text)))
    return tuple(result)


_TERM = r"[^\W_][\w-]*"
# "X are ..." explains X only when a definition follows ("statins are medicines that ...", "SSRIs are a
# type of ..."): "people taking a statin are not at risk" says something about people, not what a statin is.
_MARKER = re.compile(r"\s*(?:\(|,\s+(?:a|an|the|which|or|also)\b|\s[–—-]\s|\s+(?:means|is\s+an?)\b"
                     r"|\s+are\s+(?:an?|the|one)\s|\s+are\s+(?:types?|kinds?|groups?|class(?:es)?|famil(?:y|ies))\s+of\b"
                     r"|\s+are\s+[^\W\d_]+s\s+(?:that|which|who|used|made|called|of|for)\b)", re.IGNORECASE)
_NAMED = re.compile(rf"\b(?:called|named|known\s+as)\s+({_TERM})|\(\s*({_TERM}(?:\s+{_TERM})?)\s*\)", re.IGNORECASE)


def explained_terms(texts: list[str]) -> set[str]:
    """Words the texts explain where they use them: `X (…)`, `X, a …`, `called X`, `(X)`.

    Up to three words before an explanation count, so "celiac disease (…)" explains both.
    """
    return explained_words(texts, _TERM, _MARKER, _NAMED)


def explained_in(lang: str, texts: list[str]) -> set[str]:
    """Words the texts explain, read with the explanation patterns of their language."""
    return spanish.explained_terms(texts) if language_code(lang) == "es" else explained_terms(texts)


def glossary_words(glossary: Glossary) -> frozenset[str]:
    """Every word of every glossary term, lower case: readers of glossary pages get them explained."""
    return frozenset(w.lower() for entry in glossary.entries for w in re.findall(r"[^\W_]+", entry.term))


def view_text(article: Article, profile: Profile, glossary: Glossary, lexicon: Lexicon | None = None) -> ViewText:
    """The view's units and scores (glossary and explained words count as familiar)."""
    shown = units(article, profile)
    explained = frozenset(explained_in(article.lang, [u.plain for u in shown])) | glossary_words(glossary)
    syllables_of = lexicon.syllables if lexicon is not None else syllables
    zipf_of = lexicon.zipf if lexicon is not None else word_frequency
    counted = tuple(replace(u, counts=count(prepare_plain(u.plain), article.lang, explained, syllables_of, zipf_of),
                            lang=article.lang) for u in shown)
    total = sum((u.counts for u in counted), NO_COUNTS)
    return ViewText(profile, counted, scores_from_counts(total, article.lang), explained)


def is_unwritten(resolved: Resolved) -> bool:
    """Whether the reader gets borrowed text or nothing because the phrasing is not written."""
    return resolved.state in (PhrasingState.FALLBACK, PhrasingState.MISSING)
