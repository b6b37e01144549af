"""The domain: articles of claims, each phrased once per profile. Frozen data, no I/O."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote

from .diagnostics import Diagnostic, Location
from .frozen import FrozenDict as FrozenDict
from .frozen import frozen_map as frozen_map
from .site import (
    DEFAULT_ARTICLE_LIMIT as DEFAULT_ARTICLE_LIMIT,
)
from .site import (
    Disclaimer as Disclaimer,
)
from .site import (
    Glossary as Glossary,
)
from .site import (
    GlossaryEntry as GlossaryEntry,
)
from .site import (
    Profile as Profile,
)
from .site import (
    Profiles as Profiles,
)
from .site import (
    ProfileText as ProfileText,
)
from .site import (
    Separation as Separation,
)
from .site import (
    Settings as Settings,
)
from .site import (
    Target as Target,
)
from .site import (
    glossary_in as glossary_in,
)
from .site import (
    language_of as language_of,
)
from .site import (
    profiles_in as profiles_in,
)
from .urls import Languages

ALL_PROFILES = "*"
"""Key of a phrasing written once for every profile (a text field given as one string)."""


class Status(str, enum.Enum):
    """Where an article is in medical review; only `approved` has been checked by a person."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"


class PhrasingState(str, enum.Enum):
    """How a profile's text was found: its own, borrowed along the fallback chain, or not at all."""

    WRITTEN = "written"
    FALLBACK = "fallback"
    OMITTED = "omitted"
    MISSING = "missing"


@dataclass(frozen=True)
class Phrasing:
    """One text written for one profile; None means deliberately omitted (YAML null), "" still to write."""

    profile: str
    text: str | None
    location: Location


@dataclass(frozen=True)
class Resolved:
    """The text one profile's reader gets, and where it came from."""

    text: str | None
    state: PhrasingState
    source: Phrasing | None = None

    @property
    def shown(self) -> bool:
        """Whether the reader sees anything."""
        return self.text is not None


@dataclass(frozen=True)
class Variants:
    """A text written per profile (or once for all), resolved along a fallback chain."""

    phrasings: Mapping[str, Phrasing]
    location: Location

    def resolve(self, chain: tuple[str, ...]) -> Resolved:
        """The text for `chain[0]`, falling back along the rest of the chain.

        A null phrasing omits the text for that profile only; fallback skips other profiles'
        nulls, because an omission is a decision about one audience.
        """
        own = self.phrasings.get(chain[0]) or self.phrasings.get(ALL_PROFILES)
        if own is not None and own.text != "":
            state = PhrasingState.WRITTEN if own.text is not None else PhrasingState.OMITTED
            return Resolved(own.text, state, own)
        # An empty phrasing ("") is a slot still to write: it falls back like a missing one.
        for profile in chain[1:]:
            other = self.phrasings.get(profile)
            if other is not None and other.text:
                return Resolved(other.text, PhrasingState.FALLBACK, other)
        return Resolved(None, PhrasingState.MISSING)

    def written(self, profile: str) -> Phrasing | None:
        """The phrasing written for exactly this profile (or for all), if any."""
        return self.phrasings.get(profile) or self.phrasings.get(ALL_PROFILES)


@dataclass(frozen=True)
class Citation:
    """A claim's reference to an entry of the article's reference list."""

    ref: str
    location: Location


@dataclass(frozen=True)
class Allowance:
    """A reviewed exception: one profile's phrasing of a claim may raise one finding, for a stated reason."""

    profile: str
    code: str
    reason: str
    location: Location


@dataclass(frozen=True)
class Claim:
    """One statement with its evidence, phrased per profile. The answer's id is `answer`."""

    id: str
    cites: tuple[Citation, ...]
    text: Variants
    location: Location
    allow: tuple[Allowance, ...] = ()
    """Reviewed exceptions (`allow: {patient: {consistency.terms: reason}}`), shown in the workbench."""

    def allowance(self, profile: str, code: str) -> Allowance | None:
        """The exception that lets this profile's phrasing raise this finding, if there is one."""
        return next((a for a in self.allow if a.profile == profile and a.code == code), None)


@dataclass(frozen=True)
class Section:
    """A heading, an optional lead claim and intro line, then bulleted claims."""

    id: str
    heading: Variants
    lead: Claim | None
    intro: Variants | None
    claims: tuple[Claim, ...]
    location: Location


class ReferenceType(str, enum.Enum):
    """The kind of evidence, shown as a label in the reference list."""

    GUIDELINE = "guideline"
    RESEARCH = "research"
    REVIEW = "review"
    LABEL = "label"
    REGULATORY = "regulatory"
    OTHER = "other"


def doi_link(doi: str) -> str:
    """The doi.org link of a DOI, its suffix percent-encoded as the DOI Handbook asks for URLs (`#`, `?`, `%`)."""
    return "https://doi.org/" + quote(doi, safe="/()._-:;[]")


def pubmed_link(pmid: str) -> str:
    """The PubMed record's link of a PMID."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


@dataclass(frozen=True)
class Reference:
    """A real, verifiable source."""

    id: str
    type: ReferenceType
    title: str
    source: str
    year: int
    url: str | None
    location: Location
    authors: tuple[str, ...] = ()
    """As published ("Rena G", "Hardie DG"); the page shows the first three and "et al."."""
    doi: str | None = None
    """`10.<registrant>/<suffix>`, linked at https://doi.org/."""
    pmid: str | None = None
    """PubMed's id (digits), linked at https://pubmed.ncbi.nlm.nih.gov/."""
    volume: str | None = None
    pages: str | None = None
    unidentified: str | None = None
    """Why no identifier is given (a source with none that could be verified): a reviewer's reason, not shown."""

    @property
    def identified(self) -> bool:
        """Whether a reader can find the source: a DOI, a PMID or a URL."""
        return bool(self.doi or self.pmid or self.url)

    @property
    def doi_url(self) -> str | None:
        """The DOI's resolver link."""
        return doi_link(self.doi) if self.doi else None

    @property
    def pubmed_url(self) -> str | None:
        """The PubMed record's link."""
        return pubmed_link(self.pmid) if self.pmid else None


@dataclass(frozen=True)
class Approval:
    """One reviewer's signature on some profiles' views: each profile's view hash as it was approved."""

    by: str
    """A reviewer id of reviewers.yaml."""
    reviewed: dt.date
    next_review: dt.date | None
    profiles: Mapping[str, str]
    """Profile id -> the hash of that view when approved (see approvals.view_hash)."""
    location: Location


@dataclass(frozen=True)
class Reviewer:
    """A person who reviews articles (reviewers.yaml): what readers are told about them."""

    id: str
    name: str
    credentials: str
    """Degrees and licences as they are written after the name ("MD, FACP")."""
    role: str
    location: Location

    @property
    def display(self) -> str:
        """The name with credentials, as a byline shows it ("Ada Lovelace, MD")."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@dataclass(frozen=True)
class QuizOption:
    """One answer option; incorrect ones explain why, with citations."""

    text: Variants
    correct: bool
    explanation: Claim | None
    location: Location


@dataclass(frozen=True)
class Quiz:
    """The closing self-test, shown only to the listed profiles."""

    profiles: tuple[str, ...]
    options: tuple[QuizOption, ...]
    location: Location


@dataclass(frozen=True)
class Article:
    """A question answered by claims, written once and phrased per profile."""

    slug: str
    path: str
    lang: str
    question: Variants
    title: Variants
    status: Status
    updated: dt.date
    """Last edit."""
    reviewed_by: str | None
    references: Mapping[str, Reference]
    answer: Claim
    sections: tuple[Section, ...]
    quiz: Quiz | None
    location: Location
    reviewed: dt.date | None = None
    """Last full medical review (separate from the last edit)."""
    next_review: dt.date | None = None
    review_hash: str | None = None
    """Hash of the claims as they were approved (`tailor review --approve` stamps it)."""
    translation: bool = False
    """Read from `<slug>.<lang>.yaml`: a translation of the article `<slug>.yaml`, with its own review."""
    about: tuple[str, ...] = ()
    """What the article is about, for search engines (`[Metformin, Type 2 diabetes]`)."""
    approvals: tuple[Approval, ...] = ()
    """Signatures per audience (`tailor review --approve --profiles`), oldest first: the last naming a profile counts."""

    @property
    def key(self) -> str:
        """The file's name without `.yaml`: the slug, or `slug.lang` for a translation."""
        return f"{self.slug}.{self.lang}" if self.translation else self.slug

    @property
    def is_public(self) -> bool:
        """Whether readers may see it: every status but draft (a draft is its authors' alone)."""
        return self.status is not Status.DRAFT

    def quiz_for(self, profile_id: str) -> Quiz | None:
        """The quiz, when this profile's readers are shown it."""
        return self.quiz if self.quiz is not None and profile_id in self.quiz.profiles else None

    def claims(self, profile_id: str | None = None) -> Iterator[Claim]:
        """Every claim in reading order: answer, each section's lead and bullets, quiz explanations.

        With a profile, only the claims that profile's reader can be shown (the quiz has an audience).
        """
        yield from (text.claim for text in self.texts(profile_id) if text.claim is not None)

    def texts(self, profile_id: str | None = None) -> Iterator[Text]:
        """Every text of the article in reading order, each with a name for messages.

        With a profile, only the texts that profile's reader can be shown: the one place that decides
        what a view is made of (pages, checks, review hash, reports).
        """
        yield Text("the question", "question", self.question)
        yield Text("the title", "title", self.title)
        yield Text("the answer", "claim", self.answer.text, self.answer)
        for section in self.sections:
            yield Text(f"the heading of section `{section.id}`", "heading", section.heading)
            if section.lead is not None:
                yield Text(f"claim `{section.lead.id}`", "claim", section.lead.text, section.lead)
            if section.intro is not None:
                yield Text(f"the intro of section `{section.id}`", "intro", section.intro)
            for claim in section.claims:
                yield Text(f"claim `{claim.id}`", "claim", claim.text, claim)
        quiz = self.quiz if profile_id is None else self.quiz_for(profile_id)
        for number, option in enumerate(quiz.options if quiz is not None else (), 1):
            yield Text(f"quiz option {number}", "option", option.text)
            if option.explanation is not None:
                yield Text(f"the explanation of quiz option {number}", "claim", option.explanation.text, option.explanation)


@dataclass(frozen=True)
class Text:
    """One text of an article as a reader meets it: the question, a heading, a claim, a quiz option."""

    name: str
    """How messages name it ("claim `x`", "the heading of section `y`")."""
    kind: str
    """question, title, heading, intro, claim or option."""
    variants: Variants
    claim: Claim | None = None


@dataclass(frozen=True)
class Content:
    """A loaded content tree: what readers can be served, and everything wrong with it."""

    root: str
    settings: Settings
    profiles: Profiles
    glossary: Glossary
    articles: Mapping[str, Article]
    broken: Mapping[str, tuple[Diagnostic, ...]] = field(default_factory=frozen_map)
    diagnostics: tuple[Diagnostic, ...] = ()
    templates: str = ""
    """A hash of the content tree's own templates (part of what an approval covers)."""
    translations: Mapping[str, Mapping[str, Article]] = field(default_factory=frozen_map)
    """Slug -> language -> the loaded translation (`<slug>.<lang>.yaml`)."""
    glossaries: Mapping[str, Glossary] = field(default_factory=frozen_map)
    """Language -> its glossary (`glossary.<lang>.yaml`); `glossary` is the source language's."""
    reviewers: Mapping[str, Reviewer] = field(default_factory=frozen_map)
    """Reviewer id -> who they are (reviewers.yaml)."""

    def readable(self, slug: str, *, drafts: bool = False) -> Article | None:
        """The article a reader may see at this slug: loaded and public (drafts only in author mode)."""
        article = self.articles.get(slug)
        return article if article is not None and (drafts or article.is_public) else None

    def translation(self, slug: str, lang: str, *, drafts: bool = False) -> Article | None:
        """The translation readers of a language get: loaded, public, and of a readable article.

        A draft translation is never shown (readers get the source article and are told), and the
        source's approval does not carry over: a translation has its own status and review.
        """
        if self.readable(slug, drafts=drafts) is None:
            return None
        found = self.translations.get(slug, {}).get(language_of(lang))
        return found if found is not None and (drafts or found.is_public) else None

    def in_language(self, slug: str, lang: str, *, drafts: bool = False) -> Article | None:
        """The text readers of a language get for an article: its translation, else the article itself."""
        return self.translation(slug, lang, drafts=drafts) or self.readable(slug, drafts=drafts)

    @cached_property
    def urls(self) -> Languages:
        """The site's languages, and every reader URL in each of them (once per content: every request asks)."""
        return Languages(self.settings.languages)

    def glossary_for(self, lang: str) -> Glossary:
        """The glossary of text in a language: glossary.yaml for the source language, else `glossary.<lang>.yaml`."""
        return glossary_in(lang, self.settings, self.glossary, self.glossaries)

    def profiles_in(self, lang: str) -> Profiles:
        """The profiles as readers of a language get them: texts and readability targets in that language."""
        return profiles_in(lang, self.settings, self.profiles)

    def listed(self, *, drafts: bool = False) -> tuple[Article, ...]:
        """The articles readers may see, by slug: what the index, the build, the sitemap and the API list."""
        return tuple(self.articles[slug] for slug in sorted(self.articles) if drafts or self.articles[slug].is_public)
