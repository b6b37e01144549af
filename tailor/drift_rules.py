"""The fact-drift rules of `tailor check` (numbers, negation, certainty, direction, terms) and the
reviewed exceptions (`allow:`) that let one phrasing keep a finding, with its reason shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .certainty import check_certainty
from .diagnostics import Diagnostic, Location, Severity
from .drift import check_direction
from .drift import check_numbers as check_numbers_drift
from .markup import plain_text
from .model import ALL_PROFILES, Article, Claim, Phrasing
from .negation import check_negation
from .numbers import quantities_of
from .readability import has_word_frequencies
from .terms import check_terms
from .wording import Drift, tokens
from .yamlsrc import suggest

if TYPE_CHECKING:
    from .rules import CheckContext


def quantities(text: str) -> dict[str, str]:
    """Numbers a phrasing states (value -> as written), ignoring codes such as 5-HT1A or B12."""
    return {format(q.value, "g"): q.shown for q in quantities_of(text) if not q.weak}


def simpler_phrasings(ctx: CheckContext) -> Iterator[tuple[Claim, Phrasing, Phrasing]]:
    """(claim, its source phrasing, a simpler phrasing) for every written phrasing of every claim."""
    source_id = ctx.profiles.source
    for claim in ctx.article.claims():
        source = claim.text.written(source_id)
        if source is None or not source.text:
            continue
        for profile_id, phrasing in claim.text.phrasings.items():
            if profile_id not in (source_id, ALL_PROFILES) and phrasing.text:
                yield claim, source, phrasing


def _drift_message(ctx: CheckContext, claim: Claim, phrasing: Phrasing, drift: Drift, fix: str) -> str:
    what = drift.what.format(source=f"its `{ctx.profiles.source}` phrasing")
    said = f"`{drift.said}`" if drift.said else "nothing like it"
    where = f"where the source says `{drift.source}`" if drift.source else "which the source does not say"
    return f"the `{phrasing.profile}` phrasing of claim `{claim.id}` {what}: it says {said} {where}; {fix}"


def _drift_rule(detect: Callable[[CheckContext, str, str, Phrasing], list[Drift]], fix: str
                ) -> Callable[[CheckContext], Iterator[tuple[Location, str]]]:
    def check(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
        for claim, source, phrasing in simpler_phrasings(ctx):
            for found in detect(ctx, source.text or "", phrasing.text or "", phrasing):
                yield phrasing.location, _drift_message(ctx, claim, phrasing, found, fix)

    check.__doc__ = f"A simpler phrasing drifts from its source: {fix}."
    return check


def _terms(ctx: CheckContext, source: str, simple: str, phrasing: Phrasing) -> list[Drift]:
    if not has_word_frequencies(ctx.article.lang):
        return []  # no way to tell a term from a word: glossary.unchecked says so
    view = ctx.views.get(phrasing.profile)
    known = (view.explained if view is not None else frozenset()) | source_names(ctx.article, ctx.profiles.source)
    zipf = ctx.lexicon.zipf if ctx.lexicon is not None else None
    return check_terms(source, simple, known, ctx.article.lang, zipf)


def _english(detect: Callable[[str, str], list[Drift]]) -> Callable[[CheckContext, str, str, Phrasing], list[Drift]]:
    # The word lists are English; another language's phrasings are not read by them (a reviewer reads them).
    return lambda ctx, source, simple, phrasing: detect(source, simple) if ctx.article.lang.split("-")[0] == "en" else []


def check_numbers(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """A simpler phrasing states a number (dose, duration, percentage, count) its source does not, or another unit."""
    source_id = ctx.profiles.source
    for claim, source, phrasing in simpler_phrasings(ctx):
        found = check_numbers_drift(source.text or "", phrasing.text or "")
        extra = [d.said for d in found if not d.source]
        whose = f"the `{phrasing.profile}` phrasing of claim `{claim.id}`"
        if extra:
            listed = ", ".join(f"`{e}`" for e in extra)
            yield phrasing.location, (f"{whose} states {listed}, which its `{source_id}` phrasing does not; state only "
                                      f"the source claim's numbers")
        for d in found:
            if d.source:
                yield phrasing.location, (f"{whose} states `{d.said}` where its `{source_id}` phrasing says "
                                          f"`{d.source}`; keep the source's unit")
check_negation_rule = _drift_rule(_english(check_negation), "keep the negation (or say it another way: "
                                  "`does not` -> `never`, `prevents`), or allow it with a reason")
check_certainty_rule = _drift_rule(_english(check_certainty), "keep the source's certainty (may, might, "
                                   "probably, low-certainty evidence), or allow it with a reason")
check_direction_rule = _drift_rule(_english(check_direction), "say it the way the source does (up is up, "
                                   "lower is lower), or allow it with a reason")
def check_terms_rule(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """A simpler phrasing names a drug, condition or test its source does not, and the page does not explain it."""
    for claim, source, phrasing in simpler_phrasings(ctx):
        found = _terms(ctx, source.text or "", phrasing.text or "", phrasing)
        if found:
            listed = ", ".join(f"`{d.said}`" for d in found)
            yield phrasing.location, (
                f"the `{phrasing.profile}` phrasing of claim `{claim.id}` names {listed}, which its `{ctx.profiles.source}` "
                f"phrasing does not name; name only what the source names, explain the term where it first appears "
                f"(`term (meaning)`, glossary.yaml), or allow it with a reason")


def apply_allowances(article: Article, found: list[Diagnostic], enabled: set[str], allowable: list[str]) -> list[Diagnostic]:
    """Findings a claim's `allow:` accepts become notes that say why; an exception for an unknown rule is
    an error, and one that no longer matches a finding is a warning (so it cannot hide a later drift)."""
    owner: dict[tuple[str, int, int], tuple[Claim, str]] = {}
    for claim in article.claims():
        for profile_id, phrasing in claim.text.phrasings.items():
            owner[(phrasing.location.path, phrasing.location.line, phrasing.location.col)] = (claim, profile_id)
    used: set[int] = set()
    result = []
    for d in found:
        hit = owner.get((d.location.path, d.location.line, d.location.col))
        allowance = hit[0].allowance(hit[1], d.code) if hit is not None else None
        if allowance is None:
            result.append(d)
            continue
        used.add(id(allowance))
        result.append(Diagnostic(d.location, d.code, f"{d.message} (allowed: {allowance.reason})", Severity.NOTE))
    for claim in article.claims():
        for allowance in claim.allow:
            if allowance.code not in allowable:
                result.append(Diagnostic(allowance.location, "claims.allow", f"`{allowance.code}` cannot be allowed: "
                                         f"{suggest(allowance.code, allowable)}"))
            elif allowance.code in enabled and id(allowance) not in used:
                result.append(Diagnostic(allowance.location, "claims.allow", (
                    f"the `{allowance.profile}` phrasing of claim `{claim.id}` no longer raises `{allowance.code}`; "
                    f"remove this exception"), Severity.WARNING))
    return result



def source_names(article: Article, source_id: str) -> frozenset[str]:
    """Every word the article's source profile reads (question, title, headings, claims): a simpler
    phrasing may name what the article names elsewhere ("metformin" where its source claim says "it")."""
    words: set[str] = set()
    for text in article.texts(source_id):
        resolved = text.variants.resolve((source_id,)).text
        if resolved:
            words.update(t.word for t in tokens(plain_text(resolved)))
    return frozenset(words)
