"""A translation against its source: the same claims, citations, references and numbers (`translation.*`).

A translation (`<slug>.<lang>.yaml`) is a whole article file in another language, checked like any
article (coverage, readability in its language, jargon against its language's glossary), and here
against its source (`<slug>.yaml`): what differs in structure or in numbers is an error, so that a
reader of either language is told the same claims on the same evidence. Only the words may differ,
and the titles of references (which may be translated).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from .diagnostics import Diagnostic, Location, Severity
from .markup import plain_text
from .model import Article, Claim, Settings, language_of


@dataclass(frozen=True)
class TranslationContext:
    """What a translation rule sees: the translation, its source (None when it does not load), the site."""

    translation: Article
    source: Article | None
    settings: Settings
    source_exists: bool = True
    """Whether `<slug>.yaml` is there at all (when it is there but broken, its own errors say why)."""


@dataclass(frozen=True)
class TranslationExample:
    """A one-claim source and translation (profile -> phrasing) that the rule must flag, or let pass."""

    source: Mapping[str, str | None] | None
    """None: there is no source article."""
    translated: Mapping[str, str | None]
    fails: bool
    source_fields: Mapping[str, str] = field(default_factory=dict)
    """Other fields of the one claim or article (`cites`, `id`, references) in the source; same in the translation unless
    overridden by `translated_fields`."""
    translated_fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TranslationRule:
    """One check of a translation against its source, with examples (like rules.Rule)."""

    code: str
    severity: Severity
    summary: str
    check: Callable[[TranslationContext], Iterator[tuple[Location, str]]]
    examples: tuple[TranslationExample, ...] = ()


def check_source(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """There is no source article, or the translation is in the source's own language."""
    t = ctx.translation
    if not ctx.source_exists:
        yield t.location, (f"this is the `{t.lang}` translation of `{t.slug}`, but there is no `{t.slug}.yaml`; write the "
                           "source article, or rename this file")
    elif ctx.source is not None and language_of(ctx.source.lang) == t.lang:
        yield t.location, (f"`{t.slug}.yaml` is itself in `{t.lang}`: a translation must be in another language; "
                           "rename this file for its language")


def check_language(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """The translation's language is not one the site offers, so no reader can get it."""
    t = ctx.translation
    if t.lang not in ctx.settings.languages:
        yield t.location, (f"`{t.lang}` is not among the site's languages ({', '.join(ctx.settings.languages)}), so no "
                           f"reader gets this translation; add a `{t.lang}` locale to `locales` in tailor.yaml")


def _claims(article: Article) -> dict[str, Claim]:
    return {claim.id: claim for claim in article.claims()}


def check_claims(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """Claims or sections that the source has and the translation lacks, or the other way round, or
    a claim one of them leaves out (`null`) for a profile and the other shows."""
    t, source = ctx.translation, ctx.source
    if source is None:
        return
    ours, theirs = _claims(t), _claims(source)
    missing = [claim_id for claim_id in theirs if claim_id not in ours]
    if missing:
        yield t.location, (f"claims {_listed(missing)} of `{source.slug}.yaml` are not in this translation; translate "
                           "them (same `id`, same `cites`)")
    for claim_id, claim in ours.items():
        if claim_id not in theirs:
            yield claim.location, (f"claim `{claim_id}` is not in `{source.slug}.yaml`: a translation says what its source "
                                   "says and nothing more; remove it, or add it to the source first")
            continue
        for profile_id, phrasing in claim.text.phrasings.items():
            other = theirs[claim_id].text.phrasings.get(profile_id)
            if other is None:
                continue
            if (phrasing.text is None) != (other.text is None):
                shown, hidden = ("the source", "this translation") if phrasing.text is None else ("this translation", "the source")
                yield phrasing.location, (f"the `{profile_id}` phrasing of claim `{claim_id}` is shown in {shown} but left "
                                          f"out (`null`) in {hidden}; readers of both languages get the same claims")
    sections = [s.id for s in t.sections]
    expected = [s.id for s in source.sections]
    if sections != expected:
        yield t.location, (f"the sections are {_listed(sections)}, the source's {_listed(expected)}; keep the source's "
                           "sections in its order")


def check_cites(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """A claim cites other references (or in another order) than the same claim of the source."""
    if ctx.source is None:
        return
    theirs = _claims(ctx.source)
    for claim_id, claim in _claims(ctx.translation).items():
        other = theirs.get(claim_id)
        if other is None:
            continue
        ours_refs, their_refs = [c.ref for c in claim.cites], [c.ref for c in other.cites]
        if ours_refs != their_refs:
            yield claim.location, (f"claim `{claim_id}` cites {_listed(ours_refs)}, the source's {_listed(their_refs)}; "
                                   "cite exactly what the source cites, in its order")


def check_references(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """References other than the source's, or one whose type, source, year, link or identifiers differ (titles may be
    translated)."""
    t, source = ctx.translation, ctx.source
    if source is None:
        return
    missing = [ref for ref in source.references if ref not in t.references]
    if missing:
        yield t.location, f"references {_listed(missing)} of the source are missing here; copy them from `{source.slug}.yaml`"
    for ref_id, ref in t.references.items():
        other = source.references.get(ref_id)
        if other is None:
            yield ref.location, f"reference `{ref_id}` is not in `{source.slug}.yaml`; a translation cites only the source's references"
            continue
        changed = [name for name in ("type", "source", "year", "url", "authors", "doi", "pmid", "volume", "pages")
                   if getattr(ref, name) != getattr(other, name)]
        if changed:
            yield ref.location, (f"reference `{ref_id}` differs from the source in {_listed(changed)}; only its title may "
                                 "be translated")


def check_quiz(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """The quiz is shown to other profiles, has other options, or another correct one, than the source's."""
    t, source = ctx.translation, ctx.source
    if source is None:
        return
    ours, theirs = t.quiz, source.quiz
    if (ours is None) != (theirs is None):
        yield t.location, ("the source has a quiz and this translation has none" if ours is None else
                           "this translation has a quiz and the source has none") + "; keep the source's"
        return
    if ours is None or theirs is None:
        return
    if ours.profiles != theirs.profiles or [o.correct for o in ours.options] != [o.correct for o in theirs.options]:
        yield ours.location, ("the quiz differs from the source's in who sees it, its options or which is correct; keep "
                              "the source's, in its order")


_NUMBER_WORDS = {
    # "one" is left out in every language: "un", "una", "ein" are articles far more often than counts.
    "en": ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    "es": ("dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"),
    "de": ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"),
}
_DIGITS = re.compile(r"(?<![\w.,-])(\d+(?:[.,]\d+)*)(?![\w])(?!-[A-Z])")


@lru_cache(maxsize=32)
def _symbols(lang: str) -> tuple[str, str]:
    try:
        locale = Locale.parse(lang)
        return get_decimal_symbol(locale), get_group_symbol(locale)
    except (ValueError, LookupError):
        return ".", ","


def numbers(text: str, lang: str) -> dict[float, str]:
    """The numbers a phrasing states (value -> as written), read with the language's decimal sign
    (2,5 in Spanish and German is 2.5), and counts written as words (two to twelve)."""
    found: dict[float, str] = {}
    plain = plain_text(text)
    decimal, group = _symbols(language_of(lang))
    for match in _DIGITS.finditer(plain):
        written = match.group(1)
        normal = written.replace(group, "").replace(decimal, ".") if group in (".", ",") else written.replace(decimal, ".")
        try:
            found.setdefault(float(normal), written)
        except ValueError:
            continue  # several decimal signs: not a number
    words = _NUMBER_WORDS.get(language_of(lang), ())
    if words:
        for match in re.finditer(r"\b(" + "|".join(words) + r")\b", plain, re.IGNORECASE):
            found.setdefault(float(words.index(match.group(1).lower()) + 2), match.group(1))
    return found


def check_numbers(ctx: TranslationContext) -> Iterator[tuple[Location, str]]:
    """A phrasing states other numbers than the same profile's phrasing of the same text in the source."""
    t, source = ctx.translation, ctx.source
    if source is None:
        return
    theirs = {text.name: text.variants for text in source.texts()}
    for text in t.texts():
        other = theirs.get(text.name)
        if other is None:
            continue
        for profile_id, phrasing in text.variants.phrasings.items():
            original = other.phrasings.get(profile_id)
            if phrasing.text is None or original is None or original.text is None:
                continue
            ours, expected = numbers(phrasing.text, t.lang), numbers(original.text, source.lang)
            added = [shown for value, shown in ours.items() if value not in expected]
            dropped = [shown for value, shown in expected.items() if value not in ours]
            if added or dropped:
                said = f"states {_listed(added)}, which the source does not" if added else ""
                lost = f"leaves out {_listed(dropped)}, which the source states" if dropped else ""
                yield phrasing.location, (f"the `{profile_id}` phrasing of {text.name} {said}{' and ' if said and lost else ''}"
                                          f"{lost}; state the source's numbers (decimals with `{_symbols(t.lang)[0]}`)")


def _listed(items: list[str]) -> str:
    return ", ".join(f"`{item}`" for item in items) or "nothing"


def _ex(source: Mapping[str, str | None] | None, translated: Mapping[str, str | None], fails: bool,
        source_fields: Mapping[str, str] | None = None, translated_fields: Mapping[str, str] | None = None) -> TranslationExample:
    return TranslationExample(source, translated, fails, dict(source_fields or {}), dict(translated_fields or {}))


_EN = {"clinician": "Take 2.5 mg every 12 hours.", "student": "Take 2.5 mg every 12 hours.", "patient": "Take two tablets."}
_ES = {"clinician": "Tome 2,5 mg cada 12 horas.", "student": "Tome 2,5 mg cada 12 horas.", "patient": "Tome dos comprimidos."}

TRANSLATION_RULES: tuple[TranslationRule, ...] = (
    TranslationRule("translation.source", Severity.ERROR, "A translation without a source article, or in its language.",
                    check_source, (_ex(None, _ES, True), _ex(_EN, _ES, False))),
    TranslationRule("translation.language", Severity.WARNING, "A translation in a language the site does not offer.",
                    check_language, (_ex(_EN, _ES, True, translated_fields={"lang": "pt"}), _ex(_EN, _ES, False))),
    TranslationRule("translation.claims", Severity.ERROR, "Claims or sections differ from the source's, or one is left "
                    "out for a profile in one language only.", check_claims, (
        _ex(_EN, _ES, True, translated_fields={"id": "other-claim"}),
        _ex(_EN, {**_ES, "patient": None}, True),
        _ex(_EN, _ES, False))),
    TranslationRule("translation.cites", Severity.ERROR, "A claim cites other references than in the source.", check_cites, (
        _ex(_EN, _ES, True, {"cites": "[ref-a, ref-b]"}, {"cites": "[ref-b, ref-a]"}),
        _ex(_EN, _ES, False, {"cites": "[ref-a, ref-b]"}))),
    TranslationRule("translation.references", Severity.ERROR, "References other than the source's, or changed beyond the title.",
                    check_references, (
        _ex(_EN, _ES, True, {"year": "2020"}, {"year": "2021"}),
        _ex(_EN, _ES, False, {"title": "Dosing of levothyroxine"}, {"title": "Dosificación de levotiroxina"}))),
    TranslationRule("translation.quiz", Severity.ERROR, "The quiz differs from the source's in audience or options.",
                    check_quiz, (_ex(_EN, _ES, True, {"quiz": "with"}, {"quiz": "without"}), _ex(_EN, _ES, False, {"quiz": "with"}))),
    TranslationRule("translation.numbers", Severity.ERROR, "A phrasing states other numbers than the source's.", check_numbers, (
        _ex(_EN, {**_ES, "clinician": "Tome 25 mg cada 12 horas."}, True),
        _ex(_EN, {**_ES, "patient": "Tome tres comprimidos."}, True),
        _ex(_EN, _ES, False))),
)
"""Every check of a translation against its source; switched off by prefix like any rule (`translation`)."""


def check_translation(ctx: TranslationContext, disabled: tuple[str, ...] = ()) -> list[Diagnostic]:
    """Every finding of the enabled translation rules."""
    def off(code: str) -> bool:
        return any(code == p or code.startswith(p.rstrip(".") + ".") for p in disabled)

    return [Diagnostic(location, rule.code, message, rule.severity)
            for rule in TRANSLATION_RULES if not off(rule.code) for location, message in rule.check(ctx)]
