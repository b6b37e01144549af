"""The domain: articles of claims, each phrased once per profile. Frozen data, no I/O."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

from .diagnostics import Diagnostic, Location
from .urls import Languages

DEFAULT_ARTICLE_LIMIT = 1024 * 1024
"""Bytes an article file may have unless tailor.yaml says otherwise (the samples are about 15 KB)."""

ALL_PROFILES = "*"
"""Key of a phrasing written once for every profile (a text field given as one string)."""


K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that refuses changes: read at C speed, and picklable (a loader process can send it)."""

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("this mapping is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        # Built from a plain dict, not item by item (which __setitem__ refuses).
        return (FrozenDict, (dict(self),))


def frozen_map(items: Mapping[K, V] | None = None) -> Mapping[K, V]:
    """A read-only mapping, so frozen dataclasses stay frozen all the way down."""
    return FrozenDict(items or {})


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
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def pubmed_url(self) -> str | None:
        """The PubMed record's link."""
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else None


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
class Disclaimer:
    """The notice a profile's reader gets at the foot of every article."""

    title: str
    text: str


@dataclass(frozen=True)
class Target:
    """A readability bound for one metric: min and/or max."""

    metric: str
    min: float | None
    max: float | None
    location: Location


@dataclass(frozen=True)
class ProfileText:
    """A profile's texts in another language (`translations: {es: ...}` in profiles.yaml); None where not given."""

    label: str | None = None
    description: str | None = None
    disclaimer: Disclaimer | None = None
    targets: tuple[Target, ...] | None = None
    """Readability targets for views in this language (default: the profile's own)."""

    @property
    def complete(self) -> bool:
        """Whether every text a reader sees is translated (label, description and disclaimer)."""
        return self.label is not None and self.description is not None and self.disclaimer is not None


@dataclass(frozen=True)
class Profile:
    """An audience: who they are, what they read, and where their text falls back to."""

    id: str
    label: str
    description: str
    fallback: tuple[str, ...]
    disclaimer: Disclaimer
    targets: tuple[Target, ...]
    glossary: bool
    location: Location
    translations: Mapping[str, ProfileText] = field(default_factory=frozen_map)
    """Language code -> this profile's texts (and targets) in that language."""
    lang: str = ""
    """The language of label, description and disclaimer when localized; "" for the site's first language."""
    audience: str = ""
    """schema.org `audienceType` for search engines (`Clinician`, `Patient`); default the label."""

    @property
    def chain(self) -> tuple[str, ...]:
        """This profile, then its fallbacks, in the order text is looked for."""
        return (self.id, *self.fallback)

    def localized(self, lang: str) -> Profile:
        """This profile for readers of a language: its texts in that language when all of them are
        translated (a page never mixes two languages in one audience's texts), and that language's targets."""
        text = self.translations.get(language_of(lang))
        if text is None:
            return self
        targets = self.targets if text.targets is None else text.targets
        if not text.complete:
            return replace(self, targets=targets)
        assert text.label is not None and text.description is not None and text.disclaimer is not None
        return replace(self, label=text.label, description=text.description, disclaimer=text.disclaimer,
                       targets=targets, lang=language_of(lang))


@dataclass(frozen=True)
class Separation:
    """How much easier each profile's view must read than the next: `order` is easiest first."""

    metric: str
    margin: float
    order: tuple[str, ...]


@dataclass(frozen=True)
class Profiles:
    """The configured audiences, in picker order, the default one and the source of facts."""

    items: tuple[Profile, ...]
    default: str
    source: str = ""
    """The profile whose phrasing states the facts; simpler phrasings may not add to it."""
    separation: Separation | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        """Profile ids in picker order."""
        return tuple(p.id for p in self.items)

    def get(self, profile_id: str) -> Profile | None:
        """The profile with this id, or None."""
        return next((p for p in self.items if p.id == profile_id), None)

    def __getitem__(self, profile_id: str) -> Profile:
        found = self.get(profile_id)
        if found is None:
            raise KeyError(profile_id)
        return found

    def localized(self, lang: str) -> Profiles:
        """Every profile as readers of a language get it (see Profile.localized)."""
        return replace(self, items=tuple(p.localized(lang) for p in self.items))


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and the plain-language definition a lay reader gets."""

    term: str
    definition: str
    location: Location


@dataclass(frozen=True)
class Glossary:
    """Terms explained to profiles that ask for it."""

    entries: tuple[GlossaryEntry, ...] = ()

    def lookup(self, term: str) -> GlossaryEntry | None:
        """The entry for a term, ignoring case."""
        folded = term.casefold()
        return next((e for e in self.entries if e.term.casefold() == folded), None)


def language_of(locale: str) -> str:
    """The bare language of a locale ("de_DE", "pt-BR" -> "de", "pt"): what URLs and translations name."""
    return re.split(r"[-_]", locale)[0].lower()


@dataclass(frozen=True)
class Settings:
    """Site settings from `tailor.yaml` (all optional)."""

    site_name: str = "Tailor"
    locales: tuple[str, ...] = ("en",)
    disabled_rules: tuple[str, ...] = ()
    jargon_below: float = 3.0
    """Zipf word frequency under which a word in a lay phrasing counts as jargon."""
    article_limit: int = DEFAULT_ARTICLE_LIMIT
    """Bytes an article file may have (`limits.article_kib`)."""
    site_names: Mapping[str, str] = field(default_factory=frozen_map)
    """Language code -> the site's name in that language (`translations:` in tailor.yaml)."""
    site_url: str = ""
    """The public address of the site (`https://example.org/health/`): absolute links, sitemap; "" if unknown."""
    footer: str = ""
    """The site's own words at the foot of every page (in the source language); "" for the built-in text."""
    footers: Mapping[str, str] = field(default_factory=frozen_map)
    """Language code -> the footer in that language."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages readers may choose, in the order of `locales`; the first is the source language."""
        return tuple(dict.fromkeys(language_of(locale) for locale in self.locales))

    @property
    def source_language(self) -> str:
        """The language of profiles.yaml, glossary.yaml and the URLs without a language prefix."""
        return self.languages[0]

    def site_name_in(self, lang: str) -> str:
        """The site's name for readers of a language."""
        return self.site_names.get(language_of(lang), self.site_name)

    def footer_in(self, lang: str) -> tuple[str, str]:
        """The footer for readers of a language and the language it is written in: its translation, else the
        source language's ("" when the site has none: the built-in text is used)."""
        code = language_of(lang)
        if code in self.footers:
            return self.footers[code], code
        return self.footer, self.source_language


def glossary_in(lang: str, settings: Settings, source: Glossary, others: Mapping[str, Glossary]) -> Glossary:
    """The glossary of text in a language (empty for a language that has none: never another language's terms)."""
    code = language_of(lang)
    return source if code == settings.source_language else others.get(code, Glossary())


def profiles_in(lang: str, settings: Settings, profiles: Profiles) -> Profiles:
    """The profiles for readers of a language (unchanged for the source language)."""
    return profiles if language_of(lang) == settings.source_language else profiles.localized(lang)


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
