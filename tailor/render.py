"""Resolve an article for one profile and locale into the typed context its page template gets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel.dates import format_date
from markupsafe import Markup

from .markup import TermLinker, render_inline
from .model import (
    Article,
    Claim,
    Content,
    Disclaimer,
    GlossaryEntry,
    PhrasingState,
    Profile,
    Reference,
    Status,
    Variants,
)
from .review import changed_since_review

STATUS_STEPS = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED)


@dataclass(frozen=True)
class ProfileChoice:
    """One option of the "Which best describes you?" picker."""

    id: str
    label: str
    description: str
    selected: bool


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


@dataclass(frozen=True)
class StatusStep:
    """One step of the review indicator: done, current or still to come."""

    key: str
    state: str


@dataclass(frozen=True)
class QuizView:
    """The closing self-test: the correct answer, then why the others are wrong."""

    correct: Markup
    explanation: ClaimView | None
    incorrect: tuple[ClaimView, ...]


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

    @property
    def approved(self) -> bool:
        """Whether a person has reviewed and approved the claims exactly as shown."""
        return self.status == Status.APPROVED.value and not self.changed_since_review


@dataclass(frozen=True)
class IndexEntry:
    """One article in the index, in the reader's profile."""

    slug: str
    title: Markup
    question: Markup
    status: str
    updated_display: str


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

    @property
    def nearby(self) -> tuple[int, ...]:
        """Page numbers to link: the first, the last, and those next to this one."""
        return tuple(sorted({1, self.pages, *range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1)}))


INDEX_PAGE_SIZE = 50
"""Articles per index page: a long site stays quick to load and to scan, without JavaScript."""


def picker(content: Content, selected: str) -> tuple[ProfileChoice, ...]:
    """The profile picker's options, with the current profile selected."""
    return tuple(ProfileChoice(p.id, p.label, p.description, p.id == selected) for p in content.profiles.items)


def long_date(article: Article, locale: str) -> str:
    """The article's last-updated date the way the reader's locale writes it."""
    return format_date(article.updated, format="long", locale=locale)


class _ViewBuilder:
    """Walks an article in reading order, numbering citations and linking glossary terms."""

    def __init__(self, content: Content, article: Article, profile: Profile) -> None:
        self.content = content
        self.article = article
        self.profile = profile
        self.numbers: dict[str, int] = {}
        self.fallbacks = 0
        self.linker = TermLinker(content.glossary.entries) if profile.glossary else None

    def text(self, variants: Variants | None) -> Markup | None:
        if variants is None:
            return None
        resolved = variants.resolve(self.profile.chain)
        if resolved.state is PhrasingState.FALLBACK:
            self.fallbacks += 1
        return render_inline(resolved.text, self.linker) if resolved.text is not None else None

    def claim(self, claim: Claim | None) -> ClaimView | None:
        if claim is None:
            return None
        resolved = claim.text.resolve(self.profile.chain)
        if resolved.text is None:
            return None
        fallback_from = None
        if resolved.state is PhrasingState.FALLBACK and resolved.source is not None:
            self.fallbacks += 1
            source = self.content.profiles.get(resolved.source.profile)
            fallback_from = source.label if source else resolved.source.profile
        html = render_inline(resolved.text, self.linker)
        numbers = tuple(self.numbers.setdefault(c.ref, len(self.numbers) + 1) for c in claim.cites)
        return ClaimView(claim.id, html, numbers, fallback_from)

    def claims(self, claims: Iterable[Claim]) -> tuple[ClaimView, ...]:
        return tuple(view for view in map(self.claim, claims) if view is not None)

    def quiz(self) -> QuizView | None:
        quiz = self.article.quiz_for(self.profile.id)
        if quiz is None:
            return None
        correct = next((o for o in quiz.options if o.correct), None)
        if correct is None:
            return None
        correct_text = self.text(correct.text)
        if correct_text is None:
            return None
        explanation = self.claim(correct.explanation)
        incorrect = []
        for option in quiz.options:
            if option.correct:
                continue
            view = self.claim(option.explanation)
            if view is None:
                text = self.text(option.text)
                view = ClaimView("", text, (), None) if text is not None else None
            if view is not None:
                incorrect.append(view)
        return QuizView(correct_text, explanation, tuple(incorrect))

    def references(self) -> tuple[ReferenceView, ...]:
        refs: dict[str, Reference] = dict(self.article.references)
        return tuple(
            ReferenceView(number, ref_id, refs[ref_id].type.value, refs[ref_id].title, refs[ref_id].source,
                          refs[ref_id].year, refs[ref_id].url)
            for ref_id, number in sorted(self.numbers.items(), key=lambda item: item[1])
            if ref_id in refs
        )


def status_steps(status: Status) -> tuple[StatusStep, ...]:
    """The three-step review indicator; a draft has no step done yet."""
    reached = STATUS_STEPS.index(status) if status in STATUS_STEPS else -1
    return tuple(
        StatusStep(step.value, "done" if i < reached else "current" if i == reached else "todo")
        for i, step in enumerate(STATUS_STEPS)
    )


def render_article(content: Content, article: Article, profile_id: str, locale: str) -> ArticlePage:
    """The page context of one article for one profile and locale."""
    profile = content.profiles[profile_id]
    build = _ViewBuilder(content, article, profile)
    question = build.text(article.question) or Markup("")
    title = build.text(article.title) or Markup("")
    answer = build.claim(article.answer)
    sections = []
    for section in article.sections:
        heading = build.text(section.heading)
        lead = build.claim(section.lead)
        intro = build.text(section.intro)
        claims = build.claims(section.claims)
        if lead is not None or claims:
            sections.append(SectionView(section.id, heading, lead, intro if claims else None, claims))
    quiz = build.quiz()
    return ArticlePage(
        slug=article.slug,
        lang=article.lang,
        locale=locale,
        profile=profile,
        picker=picker(content, profile.id),
        question=question,
        title=title,
        answer=answer,
        sections=tuple(sections),
        quiz=quiz,
        references=build.references(),
        status=article.status.value,
        status_steps=status_steps(article.status),
        reviewed_by=article.reviewed_by,
        updated_iso=article.updated.isoformat(),
        updated_display=long_date(article, locale),
        disclaimer=profile.disclaimer,
        glossary=tuple(build.linker.used) if build.linker else (),
        fallback_count=build.fallbacks,
        changed_since_review=changed_since_review(article, content),
        reviewed_display=format_date(article.reviewed, format="long", locale=locale) if article.reviewed else None,
    )


def index_pages(content: Content, drafts: bool = False) -> int:
    """How many index pages the articles readers may see fill (at least one, even when empty)."""
    return max(1, -(-len(content.listed(drafts=drafts)) // INDEX_PAGE_SIZE))


def render_index(content: Content, profile_id: str, locale: str, drafts: bool = False, number: int = 1) -> IndexPage:
    """One page of the index: the articles readers may see, titled for the reader's profile."""
    profile = content.profiles[profile_id]
    listed = content.listed(drafts=drafts)
    pages = max(1, -(-len(listed) // INDEX_PAGE_SIZE))
    entries = []
    for article in listed[(number - 1) * INDEX_PAGE_SIZE:number * INDEX_PAGE_SIZE]:
        slug = article.slug
        title = article.title.resolve(profile.chain).text or slug
        question = article.question.resolve(profile.chain).text or ""
        entries.append(IndexEntry(slug, render_inline(title), render_inline(question),
                                  article.status.value, long_date(article, locale)))
    return IndexPage(profile, picker(content, profile.id), tuple(entries), len(content.broken), number, pages, len(listed))
