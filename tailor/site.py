"""The site's side of the domain: audiences (profiles), their glossary and tailor.yaml's settings. Frozen data, no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .diagnostics import Location
from .frozen import frozen_map

DEFAULT_ARTICLE_LIMIT = 1024 * 1024
"""Bytes an article file may have unless tailor.yaml says otherwise (the samples are about 15 KB)."""


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
