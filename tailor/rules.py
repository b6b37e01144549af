"""The checks `tailor check` runs on each article, as data: a dotted code, a severity, examples."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Location, Severity
from .drift_rules import (
    apply_allowances,
    check_certainty_rule,
    check_direction_rule,
    check_negation_rule,
    check_numbers,
    check_terms_rule,
)
from .lexicon import Lexicon
from .model import Article, Glossary, PhrasingState, Profile, Profiles, Reviewer, Settings, Target
from .readability import DEFAULT_METRIC, easier_is_lower, has_word_frequencies, rare_words, word_frequency
from .review_rules import check_identified, check_review_changed, check_review_overdue
from .textprep import is_number, join_units, prepare_plain
from .view import ViewText, is_unwritten, view_text


@dataclass(frozen=True)
class Example:
    """A one-claim article (profile -> phrasing) that the rule must flag, or must let pass."""

    phrasings: Mapping[str, str | None]
    fails: bool
    fields: Mapping[str, str] = field(default_factory=dict)
    """Other top-level article fields (status, review dates)."""
    reference: Mapping[str, str] = field(default_factory=lambda: {"url": "https://example.org/source"})
    """Fields of the example's one reference besides type, title, source and year."""


@dataclass(frozen=True)
class CheckContext:
    """What a rule sees: one article, the site's profiles and glossary, and every profile's view."""

    article: Article
    profiles: Profiles
    glossary: Glossary
    settings: Settings
    views: Mapping[str, ViewText]
    lexicon: Lexicon | None = None
    today: dt.date = field(default_factory=dt.date.today)
    templates: str = ""
    """A hash of the content tree's templates (what an approval covers besides the article)."""
    reviewers: Mapping[str, Reviewer] = field(default_factory=dict)
    """Who may sign an approval (reviewers.yaml): their record is part of what an approval covers."""

    def profiles_in(self, lang: str) -> Profiles:
        """The profiles of this check, already those of the article's language."""
        return self.profiles

    def glossary_for(self, lang: str) -> Glossary:
        """The glossary of this check, already that of the article's language."""
        return self.glossary


@dataclass(frozen=True)
class Rule:
    """One check: its code, how bad a finding is, what it means, and its examples."""

    code: str
    severity: Severity
    summary: str
    check: Callable[[CheckContext], Iterator[tuple[Location, str]]]
    examples: tuple[Example, ...] = field(default=())
    allowable: bool = False
    """Whether a claim may carry a reviewed exception for it (`allow:`): rules about one phrasing."""


def check_coverage(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """A profile's phrasing is not written (null, an omission on purpose, is fine)."""
    for profile in ctx.profiles.items:
        for text in ctx.article.texts(profile.id):
            name, variants = text.name, text.variants
            resolved = variants.resolve(profile.chain)
            slot = variants.phrasings.get(profile.id)
            where = slot.location if slot is not None else variants.location
            if resolved.state is PhrasingState.FALLBACK:
                source = ctx.profiles.get(resolved.source.profile) if resolved.source else None
                yield where, (f"the `{profile.id}` phrasing of {name} is not written, so readers get the "
                                          f"{source.label if source else 'another'} text; write it, or set "
                                          f"`{profile.id}: null` to leave it out on purpose")
            elif resolved.state is PhrasingState.MISSING:
                yield where, (f"{name} has no text for `{profile.id}` and nothing to fall back to; write "
                                          f"the `{profile.id}` phrasing, or set `{profile.id}: null`")


def jargon(plain: str, lang: str, known: frozenset[str], below: float, lexicon: Lexicon | None = None) -> list[str]:
    """Words of a phrasing (without markup) that lay readers rarely meet and the page does not explain."""
    found: list[str] = []
    for word in prepare_plain(plain).words:
        lower = word.lower()
        if is_number(word) or lower in known or lower.rstrip("s") in known or lower in found:
            continue
        if (lexicon.zipf(lower, lang) if lexicon is not None else word_frequency(lower, lang)) < below:
            found.append(lower)
    return found


def check_jargon(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """A lay phrasing uses a rare term that is neither in the glossary nor explained on the page."""
    if not has_word_frequencies(ctx.article.lang):
        return  # glossary.unchecked says so
    for profile in ctx.profiles.items:
        if not profile.glossary or profile.id not in ctx.views:
            continue
        view = ctx.views[profile.id]
        reported: set[str] = set()  # a term is flagged where it first appears, not on every use
        for unit in view.units:
            if unit.resolved.state is not PhrasingState.WRITTEN or unit.resolved.source is None:
                continue
            words = [w for w in jargon(unit.plain, ctx.article.lang, view.explained,
                                       ctx.settings.jargon_below, ctx.lexicon) if w not in reported]
            reported.update(words)
            if words:
                listed = ", ".join(f"`{w}`" for w in words)
                yield unit.resolved.source.location, (
                    f"{listed} in the `{profile.id}` phrasing of {unit.label} may be unknown to lay readers; use an "
                    f"everyday word, explain it where it first appears (`term (meaning)`), or add it to glossary.yaml")


def check_unchecked(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """Lay phrasings cannot be checked for jargon: there is no word-frequency list for the language."""
    lay = [p.id for p in ctx.profiles.items if p.glossary]
    if lay and not has_word_frequencies(ctx.article.lang):
        yield ctx.article.location, (
            f"there is no word-frequency list for `{ctx.article.lang}`, so the {', '.join(f'`{p}`' for p in lay)} "
            f"phrasings are not checked for jargon and tailor_grade cannot count unfamiliar words; have a "
            f"native speaker read them, then disable `glossary.unchecked` in tailor.yaml")


def _bound(target: Target, value: float) -> str | None:
    if target.max is not None and value > target.max:
        return f"above the target max {target.max:g}"
    if target.min is not None and value < target.min:
        return f"below the target min {target.min:g}"
    return None


def _finished(view: ViewText) -> bool:
    # A view that still borrows text is not scored: coverage.missing already fails it, and the
    # borrowed (harder) text would only add noise to what is left to write.
    return bool(view.units) and not any(is_unwritten(u.resolved) for u in view.units)


def check_targets(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """The whole view a profile's reader gets misses that profile's readability target."""
    for profile in ctx.profiles.items:
        view = ctx.views.get(profile.id)
        if view is None or not _finished(view):
            continue
        for target in profile.targets:
            value = view.scores.get(target.metric)
            problem = _bound(target, value)
            if problem:
                sign = 1 if easier_is_lower(target.metric) else -1
                hardest = sorted(view.units, key=lambda u: -sign * u.scores().get(target.metric))[:2]
                names = " and ".join(u.label for u in hardest)
                too_hard = target.metric == DEFAULT_METRIC and target.max is not None and value > target.max
                words = _rarest(ctx, view) if too_hard else ""
                yield ctx.article.location, (f"the `{profile.id}` view scores {target.metric} {value:g}, {problem}; "
                                             f"use shorter sentences and everyday words (hardest: {names}{words})")


def _rarest(ctx: CheckContext, view: ViewText, shown: int = 5) -> str:
    """The view's rarest words, for a message: what an author can replace first."""
    zipf_of = ctx.lexicon.zipf if ctx.lexicon is not None else word_frequency
    text = prepare_plain(join_units([u.plain for u in view.units]))
    rarest = rare_words(text, ctx.article.lang, view.explained, zipf_of)[:shown]
    return f"; rarest words: {', '.join(f'`{w}`' for w in rarest)}" if rarest else ""


def check_separation(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """Each profile's view must read easier than the next harder profile's, by the configured margin."""
    sep = ctx.profiles.separation
    if sep is None:
        return
    order = [p for p in sep.order if p in ctx.views and _finished(ctx.views[p])]
    for easier, harder in itertools.pairwise(order):
        a, b = ctx.views[easier].scores.get(sep.metric), ctx.views[harder].scores.get(sep.metric)
        gap = (b - a) if easier_is_lower(sep.metric) else (a - b)
        if gap < sep.margin:
            yield ctx.article.location, (f"the `{easier}` view ({sep.metric} {a:g}) does not read easier than the "
                                         f"`{harder}` view ({b:g}) by the margin {sep.margin:g}; simplify the "
                                         f"`{easier}` phrasings")


LONG_SENTENCE = {True: 25, False: 40}
"""Words in one sentence beyond which a hint is given, for lay (glossary) profiles and others."""


def _max_target(profile: Profile, metric: str = "tailor_grade") -> float | None:
    return next((t.max for t in profile.targets if t.metric == metric and t.max is not None), None)


def check_hints(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """Per-claim hints: a very long sentence, or a claim far above its audience (not gates)."""
    for profile in ctx.profiles.items:
        view = ctx.views.get(profile.id)
        if view is None:
            continue
        limit = LONG_SENTENCE[profile.glossary]
        ceiling = _max_target(profile)
        for unit in view.units:
            if unit.resolved.state is not PhrasingState.WRITTEN or unit.resolved.source is None:
                continue
            prepared = prepare_plain(unit.plain)
            longest = max((len(s) for s in prepared.sentences), default=0)
            where = unit.resolved.source.location
            if longest > limit:
                yield where, (f"the `{profile.id}` phrasing of {unit.label} has a sentence of {longest} words; "
                              f"split it (aim for under {limit})")
            grade = unit.scores().tailor_grade
            if ceiling is not None and prepared.word_count >= 8 and grade > ceiling + 4:
                yield where, (f"the `{profile.id}` phrasing of {unit.label} scores tailor_grade {grade:g}, far above "
                              f"this audience's {ceiling:g}; simplify it")


def _ex(fails: bool, fields: Mapping[str, str] | None = None, **phrasings: str | None) -> Example:
    return Example(phrasings, fails, dict(fields or {}))


_EVERYONE = {"clinician": "x", "student": "x", "patient": "x"}


RULES: tuple[Rule, ...] = (
    Rule("coverage.missing", Severity.ERROR, "A profile's phrasing is not written yet.", check_coverage, (
        _ex(True, clinician="Metformin reduces hepatic glucose production.", student="Metformin lowers liver glucose output."),
        _ex(False, clinician="Metformin reduces hepatic glucose production.", student="Metformin lowers liver glucose output.",
            patient=None),
    )),
    Rule("consistency.numbers", Severity.ERROR, "A simpler phrasing states a number its source claim does not.",
         check_numbers, (
        _ex(True, clinician="Take it before breakfast.", student="Take it before breakfast.", patient="Take 2 tablets before breakfast."),
        _ex(True, clinician="A 4-hour gap is usual.", student="A 4-hour gap is usual.", patient="Wait 6 hours."),
        _ex(True, clinician="A 4-hour gap is usual.", student="A 4-hour gap is usual.", patient="Wait 4 days."),
        _ex(True, clinician="The trial enrolled 735 participants.", student="The trial enrolled 735 people.",
            patient="The study had 135 people in it."),
        _ex(False, clinician="Take it 60 minutes before breakfast, 3 or more hours after dinner.",
            student="Take it 60 minutes before breakfast.", patient="Wait three hours after dinner."),
        _ex(False, clinician="5-HT1A autoreceptors and vitamin B12 matter.", student="5-HT1A receptors matter.",
            patient="Vitamin B12 matters."),
        _ex(False, clinician="About 51% of the 24 patients stopped it within 3 weeks.",
            student="Fifty-one per cent of the two dozen patients stopped it within 21 days.",
            patient="About half of the two dozen patients stopped it."),
        _ex(False, clinician="Treatment lasted 12 months in 50% of the 1,500,000 patients.",
            student="Treatment lasted a year in half of the 1.5 million patients.",
            patient="Half of them took it for one year."),
    ), allowable=True),
    Rule("consistency.negation", Severity.WARNING, "A simpler phrasing drops a negation of its source, or adds one.",
         check_negation_rule, (
        _ex(True, clinician="Used alone, metformin does not cause hypoglycemia.",
            student="Used alone, metformin does not cause hypoglycemia.", patient="Used alone, metformin causes hypoglycemia."),
        _ex(True, clinician="Metformin is safe in pregnancy.", student="Metformin is safe in pregnancy.",
            patient="Metformin is not safe in pregnancy."),
        _ex(False, clinician="Used alone, metformin does not cause hypoglycemia.",
            student="On its own, metformin does not cause low blood glucose.",
            patient="On its own, metformin never makes your blood sugar go too low."),
        _ex(True, clinician="Both trials reported no difference in weight, and one trial reported no difference in "
            "blood pressure.", student="Both trials reported no difference in weight, and one trial reported no "
            "difference in blood pressure.", patient="Both trials reported a difference in weight, and one trial "
            "reported no difference in blood pressure."),
        _ex(False, clinician="Guidelines forbid metformin when eGFR is below 30.",
            student="Guidelines forbid metformin when eGFR is below 30.",
            patient="Doctors do not give metformin when eGFR is below 30."),
        _ex(False, clinician="This blockade prevents serotonin from being removed from the synapse.",
            student="So serotonin is not removed from the synapse.", patient="So serotonin is not pulled back in."),
        _ex(True, clinician="Not all of its effects are explained by its action on the liver.",
            student="Not all of its effects are explained by its action on the liver.",
            patient="The liver explains all of its effect."),
        _ex(False, clinician="Response rates are limited.", student="Response rates are limited.",
            patient="Not everyone responds."),
    ), allowable=True),
    Rule("consistency.certainty", Severity.WARNING, "A simpler phrasing states as certain what its source hedges, "
         "or hedges what it states.", check_certainty_rule, (
        _ex(True, clinician="Long-term use may be associated with vitamin B12 deficiency.",
            student="Long-term use may be associated with vitamin B12 deficiency.",
            patient="Long-term use lowers your vitamin B12."),
        _ex(True, clinician="Metformin reduces hepatic glucose production.", student="Metformin reduces liver glucose output.",
            patient="Metformin might reduce the sugar your liver makes."),
        _ex(True, clinician="Whether metformin prevents cancer is uncertain.",
            student="Whether metformin prevents cancer is uncertain.", patient="It is certain that metformin prevents cancer."),
        _ex(True, clinician="Nausea is reported more often with the higher dose.",
            student="Nausea is reported more often with the higher dose.", patient="The higher dose always makes you feel sick."),
        _ex(False, clinician="Metformin may reduce the risk of cardiovascular events.",
            student="Metformin may reduce the risk of heart and blood vessel events.",
            patient="Metformin may lower the risk of heart problems."),
        _ex(False, clinician="Whether metformin prevents cancer is uncertain.",
            student="Whether metformin prevents cancer is not known.",
            patient="Doctors are not sure yet whether metformin prevents cancer."),
        _ex(False, clinician="Smokers are less likely to respond to treatment.",
            student="Smokers are less likely to respond to treatment.", patient="Fewer smokers respond to treatment."),
    ), allowable=True),
    Rule("consistency.direction", Severity.WARNING, "A simpler phrasing says up where its source says down, or "
         "worse where it says better.", check_direction_rule, (
        _ex(True, clinician="SSRIs increase serotonin in the synapse.", student="SSRIs increase serotonin in the synapse.",
            patient="SSRIs lower serotonin in the gap between nerve cells."),
        _ex(True, clinician="Exercise improved pain scores.", student="Exercise improved pain scores.",
            patient="Exercise made pain worse."),
        _ex(False, clinician="Metformin reduces hepatic glucose production.", student="Metformin lowers liver glucose output.",
            patient="Metformin makes your liver put less sugar into your blood."),
        _ex(True, clinician="Treated patients had better visual acuity at 12 months than controls.",
            student="Treated patients had better visual acuity at 12 months than controls.",
            patient="Treated patients had slightly worse vision than controls."),
    ), allowable=True),
    Rule("consistency.terms", Severity.WARNING, "A simpler phrasing names a drug, condition, outcome or test its "
         "source does not name and the page does not explain.", check_terms_rule, (
        _ex(True, clinician="Metformin lowers blood glucose.", student="Metformin lowers blood glucose.",
            patient="Metformin lowers blood sugar, like warfarin."),
        _ex(True, clinician="Statins lower cholesterol.", student="Statins lower cholesterol.",
            patient="Statins lower cholesterol in people with psoriasis."),
        _ex(False, clinician="Metformin lowers blood glucose.", student="Metformin lowers blood glucose.",
            patient="Metformin lowers blood sugar."),
        _ex(False, clinician="Levothyroxine treats hypothyroidism.", student="Levothyroxine treats hypothyroidism.",
            patient="Levothyroxine treats an underactive thyroid (hypothyroidism), also called myxoedema "
                    "(a thyroid that makes too little hormone)."),
        _ex(False, clinician="Tamoxifen raises the risk of venous thromboembolism.",
            student="Tamoxifen raises the risk of venous thromboembolism.", patient="Tamoxifen raises the risk of blood clots."),
        _ex(True, clinician="Triptans relieve migraine attacks.", student="Triptans relieve migraine attacks.",
            patient="Triptans relieve migraine attacks and blood clots."),
        _ex(True, clinician="Aspirin lowers the risk of stroke.", student="Aspirin lowers the risk of stroke.",
            patient="Aspirin lowers the risk of stroke and heart attacks."),
        _ex(False, clinician="Aspirin lowers the risk of myocardial infarction.", student="Aspirin lowers the risk of "
            "myocardial infarction.", patient="Aspirin lowers the risk of heart attacks."),
    ), allowable=True),
    Rule("glossary.jargon", Severity.WARNING, "A lay phrasing uses a rare term it neither defines nor links.",
         check_jargon, (
        _ex(True, clinician="Presynaptic transporters are blocked.", student="Presynaptic transporters are blocked.",
            patient="The presynaptic pump is blocked."),
        _ex(False, clinician="Presynaptic transporters are blocked.", student="Presynaptic transporters are blocked.",
            patient="The pump on the sending nerve cell is blocked."),
        _ex(False, clinician="Metformin lowers glucose.", student="Metformin lowers glucose.",
            patient="Metformin (a diabetes medicine) lowers blood sugar."),
        _ex(True, clinician="People taking statins are not at higher risk.", student="People taking statins are not at higher risk.",
            patient="People taking a statin are not at higher risk."),
    ), allowable=True),
    Rule("glossary.unchecked", Severity.WARNING, "The article's language has no word list to check jargon with.",
         check_unchecked, (
        _ex(True, {"lang": "sw"}, clinician="Dawa hii hupunguza sukari.", student="Dawa hii hupunguza sukari.",
            patient="Dawa hii hupunguza sukari kwenye damu."),
        _ex(False, {"lang": "de"}, clinician="Metformin senkt den Blutzucker.", student="Metformin senkt den Blutzucker.",
            patient="Metformin senkt den Zucker im Blut."),
    )),
    Rule("readability.target", Severity.ERROR, "A profile's whole view misses its readability target.", check_targets, (
        _ex(True, clinician="x", student="x", patient="Pharmacokinetic heterogeneity necessitates individualized "
            "titration predicated upon longitudinal therapeutic drug monitoring methodologies."),
        _ex(False, clinician="x", student="x", patient="Your doctor will check your blood and change the dose if needed."),
    )),
    Rule("readability.separation", Severity.ERROR, "A simpler profile's view does not read easier than the next.",
         check_separation, (
        _ex(True, clinician="The drug lowers sugar.", student="The drug lowers sugar.",
            patient="Pharmacological glycaemic attenuation occurs via hepatic gluconeogenesis suppression."),
        _ex(False, clinician="Metformin attenuates hepatic gluconeogenesis, reducing fasting plasma glucose concentrations.",
            student="Metformin reduces glucose production by the liver.", patient="It makes your liver put less sugar in your blood."),
    )),
    Rule("review.changed", Severity.ERROR, "An approved article's shown text or cited references changed after its review.",
         check_review_changed, (
        _ex(True, {"status": "approved", "reviewed_by": "A Reviewer", "review_hash": "sha256:0000000000000000"},
            clinician="x", student="x", patient="x"),
        _ex(True, {"status": "approved"}, clinician="x", student="x", patient="x"),
        _ex(False, {"status": "under_review"}, clinician="x", student="x", patient="x"),
    )),
    Rule("review.overdue", Severity.WARNING, "The article's next review date has passed.", check_review_overdue, (
        _ex(True, {"next_review": "2001-01-01"}, clinician="x", student="x", patient="x"),
        _ex(False, {"next_review": "2999-01-01"}, clinician="x", student="x", patient="x"),
    )),
    Rule("refs.unidentified", Severity.WARNING, "A reference has no DOI, PMID or URL to look it up by.", check_identified, (
        Example(_EVERYONE, True, {}, {}),
        Example(_EVERYONE, False, {}, {"doi": "10.1089/thy.2014.0028"}),
        Example(_EVERYONE, False, {}, {"pmid": "25266247"}),
        Example(_EVERYONE, False, {}, {"url": "https://www.fda.gov/drugs"}),
        Example(_EVERYONE, False, {}, {"unidentified": "A company leaflet with no DOI, PMID or stable web address."}),
    )),
    Rule("readability.hint", Severity.NOTE, "A claim with a very long sentence, or far above its audience.", check_hints, (
        _ex(True, clinician="x", student="x", patient=" ".join(["We"] + ["really"] * 30 + ["like it."])),
        _ex(False, clinician="x", student="x", patient="We like it."),
    )),
)
"""Every check, in the order findings are reported; switch one off by prefix in tailor.yaml."""


def enabled_rules(disabled: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules not switched off by any disabled prefix (`readability` turns off all readability.*)."""
    def off(code: str) -> bool:
        return any(code == p or code.startswith(p.rstrip(".") + ".") for p in disabled)

    return tuple(rule for rule in RULES if not off(rule.code))


def run_rules(ctx: CheckContext, rules: tuple[Rule, ...]) -> list[Diagnostic]:
    """Every finding of the given rules on one article, reviewed exceptions applied (see allowances)."""
    found = [Diagnostic(location, rule.code, message, rule.severity)
             for rule in rules for location, message in rule.check(ctx)]
    return apply_allowances(ctx.article, found, {rule.code for rule in rules}, [r.code for r in RULES if r.allowable])


def check_article(article: Article, profiles: Profiles, glossary: Glossary, settings: Settings,
                  lexicon: Lexicon | None = None, today: dt.date | None = None, templates: str = "",
                  reviewers: Mapping[str, Reviewer] | None = None) -> tuple[dict[str, ViewText], list[Diagnostic]]:
    """Every profile's view of an article, and what the enabled rules find in it."""
    views = {p.id: view_text(article, p, glossary, lexicon) for p in profiles.items}
    ctx = CheckContext(article, profiles, glossary, settings, views, lexicon, today or dt.date.today(), templates,
                       reviewers or {})
    return views, run_rules(ctx, enabled_rules(settings.disabled_rules))
