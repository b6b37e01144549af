"""The typed context each reader page's template gets: one frozen dataclass per page (article, index)
and one per part of it (a claim, a section, a reference, the quiz, the picker), each field documented.

render.py fills them; templates, the JSON API and structured data read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .approvals import ReviewState, ViewReview
from .model import Disclaimer, GlossaryEntry, Profile, doi_link, pubmed_link

NOT_REVIEWED = ViewReview(ReviewState.PENDING)
"""The review of a view no reviewer has signed."""


@dataclass(frozen=True)
class ProfileChoice:
    """One option of the "Which best describes you?" picker."""

    id: str
    label: str
    description: str
    selected: bool
    url: str = ""
    """This page for that profile (article pages; the static build's picker is these links)."""
    lang: str = ""
    """The language of label and description when it is not the page's (a profile not translated yet)."""


@dataclass(frozen=True)
class LanguageChoice:
    """One language of the language switch: this page in that language."""

    code: str
    name: str
    """The language's name in that language ("español"), as readers look for it."""
    url: str
    current: bool


@dataclass(frozen=True)
class Alternate:
    """A `<link rel="alternate" hreflang>`: this view in a language it is written in."""

    hreflang: str
    url: str


@dataclass(frozen=True)
class ClaimView:
    """A claim as this reader sees it."""

    id: str
    html: Markup
    """The phrasing, rendered from the safe markup subset."""
    citations: tuple[int, ...]
    """Reference numbers, by first appearance in this view."""
    fallback_from: str | None
    """Label of the profile whose phrasing is shown because this one's is not written yet."""


@dataclass(frozen=True)
class SectionView:
    """A section with only what this profile's reader gets."""

    id: str
    heading: Markup | None
    lead: ClaimView | None
    intro: Markup | None
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True)
class ReferenceView:
    """A numbered entry of the reference list."""

    number: int
    id: str
    type: str
    """The reference type key (guideline, research, ...); the template shows its label."""
    title: str
    source: str
    year: int
    url: str | None
    lang: str = ""
    """The language of title and source when it is not the page's (a translation cites them as published)."""
    authors: tuple[str, ...] = ()
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None

    @property
    def byline(self) -> str:
        """The authors as a reference list shows them: up to three, then "et al."."""
        shown = ", ".join(self.authors[:3])
        return shown + (", et al." if len(self.authors) > 3 else "")

    @property
    def doi_url(self) -> str | None:
        """The DOI's resolver link."""
        return doi_link(self.doi) if self.doi else None

    @property
    def pubmed_url(self) -> str | None:
        """The PubMed record's link."""
        return pubmed_link(self.pmid) if self.pmid else None


@dataclass(frozen=True)
class StatusStep:
    """One step of the review indicator: done, current or still to come."""

    key: str
    state: str


@dataclass(frozen=True)
class QuizOptionView:
    """An option the reader did not pick as correct: its text, and why it is wrong (with citations)."""

    text: Markup
    explanation: ClaimView | None


@dataclass(frozen=True)
class QuizView:
    """The closing self-test: the correct answer, then every other option and why it is wrong."""

    correct: Markup
    explanation: ClaimView | None
    incorrect: tuple[QuizOptionView, ...]


@dataclass(frozen=True)
class ArticlePage:
    """Everything article.html shows; the same for every reader of this profile and locale."""

    slug: str
    lang: str
    locale: str
    profile: Profile
    picker: tuple[ProfileChoice, ...]
    question: Markup
    title: Markup
    answer: ClaimView | None
    sections: tuple[SectionView, ...]
    quiz: QuizView | None
    references: tuple[ReferenceView, ...]
    status: str
    status_steps: tuple[StatusStep, ...]
    reviewed_by: str | None
    updated_iso: str
    updated_display: str
    """"Last updated" date, formatted by Babel for the locale."""
    disclaimer: Disclaimer
    glossary: tuple[GlossaryEntry, ...]
    """Definitions of the glossary terms linked on this page, in order of first use."""
    fallback_count: int
    """How many texts on the page borrow another profile's phrasing."""
    changed_since_review: bool = False
    """Approved, but the claims were edited after the review: readers are told."""
    reviewed_display: str | None = None
    page_lang: str = "en"
    """The language this page is for (its URL's): the interface, profile texts and dates are in it."""
    untranslated: bool = False
    """The article is not written in the page's language yet: the page says so and shows it in `lang`."""
    page_language_name: str = ""
    """The page's language, named in the interface language (for the untranslated notice)."""
    text_language_name: str = ""
    """The article text's language, named in the interface language."""
    canonical: str = ""
    alternates: tuple[Alternate, ...] = ()
    """The view in every language it is written in (and x-default, the source's), for `hreflang`."""
    languages: tuple[LanguageChoice, ...] = ()
    """The language switch: this view in each of the site's languages."""
    profile_lang: str = ""
    """The language of the profile's label and disclaimer when it is not the page's."""
    review: ViewReview = NOT_REVIEWED
    """Whether a reviewer signed exactly what this view shows, who, when, and when it is due again."""
    next_review_display: str | None = None
    overdue: bool = False
    """The review this view rests on is past its next review date: readers are told."""
    description: str = ""
    """The answer in plain words, shortened for a meta description and link previews."""
    site_url: str = ""
    """The site's public address, when configured (absolute links)."""

    @property
    def approved(self) -> bool:
        """Whether a person has reviewed and approved exactly what this view shows."""
        return self.review.covered


@dataclass(frozen=True)
class IndexEntry:
    """One article in the index, in the reader's profile."""

    slug: str
    title: Markup
    question: Markup
    status: str
    updated_display: str
    url: str = ""
    lang: str = ""
    """The language of title and question when it is not the page's (no translation yet)."""
    versions: tuple[ProfileChoice, ...] = ()
    """The article in every profile (links, for the static build)."""


@dataclass(frozen=True)
class IndexPage:
    """One page of the article index (INDEX_PAGE_SIZE articles, in slug order)."""

    profile: Profile
    picker: tuple[ProfileChoice, ...]
    articles: tuple[IndexEntry, ...]
    broken_count: int
    number: int = 1
    """This page's number, from 1."""
    pages: int = 1
    """How many index pages there are."""
    total: int = 0
    """How many articles readers may see in all."""
    page_lang: str = "en"
    languages: tuple[LanguageChoice, ...] = ()
    page_urls: tuple[str, ...] = ()
    """The URL of each index page, page 1 first."""
    total_display: str = ""
    """`total` written the way the interface locale writes numbers."""

    def page_url(self, number: int) -> str:
        """The URL of one index page."""
        return self.page_urls[number - 1] if 1 <= number <= len(self.page_urls) else ""

    @property
    def nearby(self) -> tuple[int, ...]:
        """Page numbers to link: the first, the last, and those next to this one."""
        return tuple(sorted({1, self.pages, *range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1)}))
