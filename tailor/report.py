"""Status, coverage and readability per article and profile: for `tailor report` and the workbench."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .approvals import ViewReview, changed_since_review, coverage, last_reviewed, review_due
from .diagnostics import Diagnostic, Severity
from .lexicon import Lexicon
from .model import Article, Content, PhrasingState, Profile, language_of
from .readability import DEFAULT_METRIC
from .rules import check_article
from .translation import TranslationContext, check_translation
from .view import ViewText


@dataclass(frozen=True)
class ProfileReport:
    """One profile's view of one article: how much is written, and how hard it reads."""

    profile: Profile
    written: int
    missing: int
    """Claims whose phrasing is not written yet (the reader gets a fallback or nothing)."""
    omitted: int
    score: float | None
    """The view's tailor_grade (None when the profile sees no claim)."""
    target_min: float | None
    target_max: float | None
    review: ViewReview | None = None
    """Whether a reviewer signed this view (approved, changed since, or pending), by whom and when."""

    @property
    def on_target(self) -> bool:
        """Whether the score is inside the profile's tailor_grade band."""
        if self.score is None:
            return True
        return (self.target_min is None or self.score >= self.target_min) and (
            self.target_max is None or self.score <= self.target_max)


@dataclass(frozen=True)
class ArticleReport:
    """Everything an editor wants to know about one article at a glance."""

    article: Article
    title: str
    profiles: tuple[ProfileReport, ...]
    views: dict[str, ViewText]
    diagnostics: tuple[Diagnostic, ...]
    changed_since_review: bool
    overdue: bool
    next_review: dt.date | None = None
    """The earliest next-review date of the approvals covering its views."""

    @property
    def reviewed(self) -> dt.date | None:
        """The day of the latest review that still counts (any audience)."""
        return last_reviewed(p.review for p in self.profiles if p.review is not None)

    def count(self, severity: Severity) -> int:
        """How many findings of one severity."""
        return sum(d.severity is severity for d in self.diagnostics)

    @property
    def errors(self) -> int:
        """How many errors."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return self.count(Severity.WARNING)


def _band(profile: Profile) -> tuple[float | None, float | None]:
    target = next((t for t in profile.targets if t.metric == DEFAULT_METRIC), None)
    return (target.min, target.max) if target else (None, None)


def article_report(content: Content, article: Article, loader: Iterable[Diagnostic] = (),
                   today: dt.date | None = None, lexicon: Lexicon | None = None) -> ArticleReport:
    """Coverage, scores and every finding (the loader's plus the rules') for one article."""
    today = today or dt.date.today()
    localized = content.profiles_in(article.lang)
    views, findings = check_article(article, localized, content.glossary_for(article.lang), content.settings, lexicon,
                                    today, content.templates, content.reviewers)
    reviews = coverage(article, content)
    if article.translation:
        original = content.articles.get(article.slug)
        findings += check_translation(TranslationContext(article, original, content.settings,
                                                         original is not None or article.slug in content.broken),
                                      content.settings.disabled_rules)
    found = (*loader, *findings)
    profiles = []
    for profile in localized.items:
        states = [c.text.resolve(profile.chain).state for c in article.claims(profile.id)]
        view = views[profile.id]
        low, high = _band(profile)
        profiles.append(ProfileReport(
            profile,
            written=states.count(PhrasingState.WRITTEN),
            missing=states.count(PhrasingState.FALLBACK) + states.count(PhrasingState.MISSING),
            omitted=states.count(PhrasingState.OMITTED),
            score=view.scores.tailor_grade if view.units else None,
            target_min=low, target_max=high, review=reviews[profile.id]))
    source = content.profiles.get(content.profiles.source) or content.profiles.items[0]
    title = article.title.resolve(source.chain).text or article.slug
    due = review_due(article, content) if article.approvals else article.next_review
    return ArticleReport(article, title, tuple(profiles), views, tuple(found),
                         changed_since_review(article, content), due is not None and due < today, due)


@dataclass(frozen=True)
class MissingTranslation:
    """A site language an article has no translation into: its readers get the source text."""

    slug: str
    lang: str

    @property
    def key(self) -> str:
        """The file the translation would be (without `.yaml`)."""
        return f"{self.slug}.{self.lang}"


def missing_translations(content: Content) -> list[MissingTranslation]:
    """Every (article, site language) without a translation file that loads, in slug order."""
    return [MissingTranslation(slug, lang) for slug in sorted(content.articles) for lang in content.settings.languages
            if lang != language_of(content.articles[slug].lang) and lang not in content.translations.get(slug, {})]


def content_reports(content: Content, lexicon: Lexicon | None = None) -> list[ArticleReport | MissingTranslation]:
    """A report per article and per translation (each after its source), and each missing translation."""
    found: list[ArticleReport | MissingTranslation] = []
    missing = missing_translations(content)
    for slug in sorted(content.articles):
        for article in (content.articles[slug], *(content.translations.get(slug, {})[lang]
                                                  for lang in sorted(content.translations.get(slug, {})))):
            loader = [d for d in content.diagnostics if Path(d.location.path).stem == article.key]
            found.append(article_report(content, article, loader, lexicon=lexicon))
        found += [gap for gap in missing if gap.slug == slug]
    return found


def _status(report: ArticleReport) -> str:
    status = report.article.status.value
    if report.changed_since_review:
        status += " (changed since review)"
    if report.overdue:
        status += " (review overdue)"
    return status


def _cell(p: ProfileReport) -> str:
    score = "-" if p.score is None else f"{p.score:.1f}" + ("" if p.on_target else "!")
    return f"{p.written}/{p.written + p.missing} {score}"


def as_table(reports: Sequence[ArticleReport | MissingTranslation], markdown: bool = False) -> str:
    """A table: per article (and translation, `slug.lang`), status, then per profile `written/claims grade`
    (! = off target, scored in the article's language), findings; a missing translation is a row of `-`."""
    written = [r for r in reports if isinstance(r, ArticleReport)]
    if not written:
        return "no articles\n"
    profiles = [p.profile.id for p in written[0].profiles]
    header = ["article", "status", *profiles, "errors", "warnings"]
    rows = [[r.article.key, _status(r), *(_cell(p) for p in r.profiles), str(r.count(Severity.ERROR)),
             str(r.count(Severity.WARNING))] if isinstance(r, ArticleReport) else
            [r.key, "missing translation", *("-" for _ in profiles), "-", "-"] for r in reports]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        note = ("\n_Cells: claims written / claims, then tailor_grade (in the article's language); `!` marks a score "
                "off its target; `slug.lang` is a translation._\n")
        return "\n".join(lines) + "\n" + note
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*line).rstrip() for line in [header, *rows]) + "\n"


def as_json(reports: Sequence[ArticleReport | MissingTranslation]) -> str:
    """The same report as JSON (a missing translation: slug, lang and `"status": "missing"`)."""
    return json.dumps([{"slug": r.slug, "lang": r.lang, "translation": True, "status": "missing"}
                       if isinstance(r, MissingTranslation) else {
        "slug": r.article.slug, "lang": r.article.lang, "translation": r.article.translation,
        "path": r.article.path, "status": r.article.status.value, "public": r.article.is_public,
        "updated": r.article.updated.isoformat(),
        "reviewed": r.reviewed.isoformat() if r.reviewed else None,
        "next_review": r.next_review.isoformat() if r.next_review else None,
        "changed_since_review": r.changed_since_review, "overdue": r.overdue,
        "profiles": {p.profile.id: {"written": p.written, "missing": p.missing, "omitted": p.omitted,
                                    "tailor_grade": p.score, "target_min": p.target_min, "target_max": p.target_max,
                                    "on_target": p.on_target,
                                    "review": p.review.state.value if p.review else None} for p in r.profiles},
        "errors": r.count(Severity.ERROR), "warnings": r.count(Severity.WARNING),
    } for r in reports], indent=2) + "\n"
