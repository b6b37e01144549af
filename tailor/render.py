"""Resolve an article for one profile and locale into the typed context its page template gets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from .address import Address
from .approvals import ReviewState, ViewReview, view_review
from .markup import TermLinker, render_inline
from .model import (
    Article,
    Claim,
    Content,
    PhrasingState,
    Profile,
    Reference,
    Status,
    Variants,
    language_of,
)
from .page_context import (
    Alternate,
    ArticlePage,
    ClaimView,
    IndexEntry,
    IndexPage,
    LanguageChoice,
    ProfileChoice,
    QuizOptionView,
    QuizView,
    ReferenceView,
    SectionView,
    StatusStep,
)

STATUS_STEPS = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED)
AT_ROOT = Address()
"""A site at the root of its domain, its public address not configured."""

__all__ = [
    "Alternate",
    "ArticlePage",
    "ClaimView",
    "IndexEntry",
    "IndexPage",
    "LanguageChoice",
    "ProfileChoice",
    "QuizOptionView",
    "QuizView",
    "ReferenceView",
    "SectionView",
    "StatusStep",
    "index_pages",
    "picker",
    "render_article",
    "render_index",
    "status_steps",
    "summary",
    "view_status",
]


INDEX_PAGE_SIZE = 50
"""Articles per index page: a long site stays quick to load and to scan, without JavaScript."""


def picker(content: Content, selected: str, lang: str | None = None, slug: str | None = None,
           address: Address = AT_ROOT) -> tuple[ProfileChoice, ...]:
    """The profile picker's options in a language (default: the source), with the current profile selected;
    on an article page each option links to that profile's view."""
    lang = lang or content.settings.source_language
    urls = content.urls
    return tuple(ProfileChoice(p.id, p.label, p.description, p.id == selected,
                               address.local(urls.article(slug, p.id, lang)) if slug else "", _other(p.lang or urls.source, lang))
                 for p in content.profiles_in(lang).items)


def _other(text_lang: str, page_lang: str) -> str:
    """A text's language when it differs from the page's (to mark it with `lang`), else ""."""
    return text_lang if language_of(text_lang) != page_lang else ""


def language_name(code: str, locale: str) -> str:
    """A language's name in a locale ("es" in "de": "Spanisch")."""
    try:
        name = Locale.parse(locale).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return name or code


def language_choices(content: Content, lang: str, url_in: Callable[[str], str]) -> tuple[LanguageChoice, ...]:
    """The language switch: every site language, named in itself, linking to `url_in(code)`."""
    if len(content.settings.languages) < 2:
        return ()
    # Named in itself and capitalized, as a list of choices shows it ("Español", "Deutsch").
    return tuple(LanguageChoice(code, language_name(code, code)[:1].upper() + language_name(code, code)[1:],
                                url_in(code), code == lang) for code in content.settings.languages)


def long_date(article: Article, locale: str) -> str:
    """The article's last-updated date the way the reader's locale writes it."""
    return format_date(article.updated, format="long", locale=locale)


class _ViewBuilder:
    """Walks an article in reading order, numbering citations and linking glossary terms."""

    def __init__(self, content: Content, article: Article, profile: Profile, links: bool = True) -> None:
        self.content = content
        self.article = article
        self.profile = profile
        self.numbers: dict[str, int] = {}
        self.fallbacks = 0
        self.linker = TermLinker(content.glossary_for(article.lang).entries, links=links) if profile.glossary else None

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
            text = self.text(option.text)
            why = self.claim(option.explanation)
            if text is not None:  # an option left out for this audience is left out with its explanation
                incorrect.append(QuizOptionView(text, why))
        return QuizView(correct_text, explanation, tuple(incorrect))

    def references(self) -> tuple[ReferenceView, ...]:
        refs: dict[str, Reference] = dict(self.article.references)
        # A translation that keeps a reference's title as published cites it in its source's language.
        source = self.content.articles.get(self.article.slug) if self.article.translation else None
        original = dict(source.references) if source is not None else {}

        def lang(ref: Reference) -> str:
            kept = ref.id in original and original[ref.id].title == ref.title
            return language_of(source.lang) if source is not None and kept else ""

        return tuple(
            ReferenceView(number, ref_id, refs[ref_id].type.value, refs[ref_id].title, refs[ref_id].source,
                          refs[ref_id].year, refs[ref_id].url, lang(refs[ref_id]), refs[ref_id].authors,
                          refs[ref_id].volume, refs[ref_id].pages, refs[ref_id].doi, refs[ref_id].pmid)
            for ref_id, number in sorted(self.numbers.items(), key=lambda item: item[1])
            if ref_id in refs
        )


def view_status(article: Article, review: ViewReview) -> Status:
    """The review step a view shows: approved when a reviewer signed exactly this view, else the article's."""
    if review.covered:
        return Status.APPROVED
    # An approved article whose view nobody signed as it is now must not say "Approved" to its reader.
    return Status.UNDER_REVIEW if article.status is Status.APPROVED else article.status


def status_steps(status: Status) -> tuple[StatusStep, ...]:
    """The three-step review indicator; a draft has no step done yet."""
    reached = STATUS_STEPS.index(status) if status in STATUS_STEPS else -1
    return tuple(
        StatusStep(step.value, "done" if i < reached else "current" if i == reached else "todo")
        for i, step in enumerate(STATUS_STEPS)
    )


def render_article(content: Content, article: Article, profile_id: str, locale: str, lang: str | None = None,
                   address: Address = AT_ROOT, today: dt.date | None = None, links: bool = True) -> ArticlePage:
    """The page context of one article text for one profile, locale and page language.

    `article` is what the reader of `lang` gets (Content.in_language): its translation, or the
    source article when there is none yet, which the page then says. `address` places links under
    the site's root and makes absolute URLs from its site URL; `links=False` leaves glossary terms
    unlinked (they are still listed), for the JSON API.
    """
    lang = lang or content.settings.source_language
    urls = content.urls
    profile = content.profiles_in(lang)[profile_id]
    build = _ViewBuilder(content, article, profile, links)
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
    # hreflang names pages written in a language: a language without a translation gets the source text.
    written = [code for code in content.settings.languages
               if language_of((content.in_language(article.slug, code) or article).lang) == code]
    alternates = tuple(Alternate(code, address.absolute(urls.article(article.slug, profile.id, code))) for code in written)
    if len(alternates) > 1:
        alternates += (Alternate("x-default", address.absolute(urls.article(article.slug, profile.id, urls.source))),)
    untranslated = language_of(article.lang) != lang
    # The approval covers the article with its own language's audience texts and footer; shown on another
    # language's URL it comes with that language's disclaimer and footer, which nobody approved with it.
    review = ViewReview(ReviewState.PENDING) if untranslated else view_review(article, profile.id, content)
    shown_status = view_status(article, review)
    return ArticlePage(
        slug=article.slug,
        lang=article.lang,
        locale=locale,
        profile=profile,
        picker=picker(content, profile.id, lang, article.slug, address),
        question=question,
        title=title,
        answer=answer,
        sections=tuple(sections),
        quiz=quiz,
        references=build.references(),
        status=shown_status.value,
        status_steps=status_steps(shown_status),
        reviewed_by=review.reviewer_name,
        updated_iso=article.updated.isoformat(),
        updated_display=long_date(article, locale),
        disclaimer=profile.disclaimer,
        glossary=tuple(build.linker.used) if build.linker else (),
        fallback_count=build.fallbacks,
        changed_since_review=review.state is ReviewState.CHANGED,
        reviewed_display=format_date(review.reviewed, format="long", locale=locale) if review.reviewed else None,
        page_lang=lang,
        untranslated=untranslated,
        page_language_name=language_name(lang, locale),
        text_language_name=language_name(language_of(article.lang), locale),
        # A page shown in another language's URL as a courtesy names the page in its own language as canonical.
        canonical=address.absolute(urls.article(article.slug, profile.id, language_of(article.lang) if untranslated
                                                else lang)),
        alternates=alternates if len(alternates) > 1 else (),
        languages=language_choices(content, lang, lambda code: address.local(urls.article(article.slug, profile.id, code))),
        profile_lang=_other(profile.lang or urls.source, lang),
        review=review,
        next_review_display=format_date(review.next_review, format="long", locale=locale)
        if review.covered and review.next_review else None,
        overdue=review.overdue(today or dt.date.today()),
        description=summary(answer.html.striptags() if answer else question.striptags()),
        site_url=address.site_url,
    )


DESCRIPTION_LENGTH = 160
"""Characters of a meta description: about what search results and link previews show."""


def summary(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def index_pages(content: Content, drafts: bool = False) -> int:
    """How many index pages the articles readers may see fill (at least one, even when empty)."""
    return max(1, -(-len(content.listed(drafts=drafts)) // INDEX_PAGE_SIZE))


def render_index(content: Content, profile_id: str, locale: str, drafts: bool = False, number: int = 1,
                 lang: str | None = None, address: Address = AT_ROOT) -> IndexPage:
    """One page of the index in a language: the articles readers may see, titled for the reader's
    profile, each in the page's language where it is translated."""
    lang = lang or content.settings.source_language
    urls = content.urls
    profile = content.profiles_in(lang)[profile_id]
    listed = content.listed(drafts=drafts)
    pages = max(1, -(-len(listed) // INDEX_PAGE_SIZE))
    entries = []
    for source in listed[(number - 1) * INDEX_PAGE_SIZE:number * INDEX_PAGE_SIZE]:
        article = content.translation(source.slug, lang, drafts=drafts) or source
        slug = article.slug
        title = article.title.resolve(profile.chain).text or slug
        question = article.question.resolve(profile.chain).text or ""
        versions = picker(content, profile.id, lang, slug, address)
        entries.append(IndexEntry(slug, render_inline(title), render_inline(question), article.status.value,
                                  long_date(article, locale), address.local(urls.article(slug, profile.id, lang)),
                                  _other(article.lang, lang), versions))
    return IndexPage(profile, picker(content, profile.id, lang, address=address), tuple(entries), len(content.broken),
                     number, pages, len(listed), lang,
                     language_choices(content, lang, lambda code: address.local(urls.index(code, number))),
                     tuple(address.local(urls.index(lang, n)) for n in range(1, pages + 1)),
                     format_decimal(len(listed), locale=locale))
