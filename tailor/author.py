"""The author workbench (`tailor serve --author`): every article's coverage and scores, every claim
side by side in every profile, and every finding where it applies. Off unless asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app
from markupsafe import Markup

from . import templating
from .article_reader import split_name
from .diagnostics import Diagnostic, sort_key
from .markup import render_inline
from .model import Allowance, Article, Content, PhrasingState
from .report import ArticleReport, ProfileReport, article_report
from .store import ContentStore

CHART_WIDTH = 320
CHART_MAX_GRADE = 20.0

bp = Blueprint("author", __name__, url_prefix="/author")


@dataclass(frozen=True)
class ChartBar:
    """One profile's bar in the readability chart: its score against its target band (pixels)."""

    label: str
    score: float | None
    y: int
    score_width: int
    band_x: int
    band_width: int
    on_target: bool


@dataclass(frozen=True)
class OverviewRow:
    """One article in the overview."""

    report: ArticleReport
    chart: tuple[ChartBar, ...]
    chart_height: int
    pending: tuple[Diagnostic, ...]
    """Findings of an edit that readers do not get yet (it does not load)."""


@dataclass(frozen=True)
class AuthorOverview:
    """Context of author/index.html."""

    rows: tuple[OverviewRow, ...]
    broken: dict[str, tuple[Diagnostic, ...]]
    """Articles that have never loaded: nothing of them is served."""
    site_problems: tuple[Diagnostic, ...]
    settling: tuple[str, ...] = ()
    """Files with an edit still being saved: readers keep the previous version until it settles."""


@dataclass(frozen=True)
class Cell:
    """One claim in one profile."""

    state: str
    html: Markup | None
    source_label: str | None
    """For a fallback: whose phrasing the reader gets."""
    score: float | None
    diagnostics: tuple[Diagnostic, ...]
    allowed: tuple[Allowance, ...] = ()
    """Reviewed exceptions of this phrasing (`allow:`): which finding, and the reason a reviewer accepted."""


@dataclass(frozen=True)
class GridRow:
    """One claim across every profile."""

    claim_id: str
    location: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class AuthorArticle:
    """Context of author/article.html."""

    report: ArticleReport
    profiles: tuple[ProfileReport, ...]
    rows: tuple[GridRow, ...]
    article_diagnostics: tuple[Diagnostic, ...]
    """Findings not tied to one phrasing (whole-view readability, review, references)."""
    pending: tuple[Diagnostic, ...]


def _scale(value: float) -> int:
    return round(max(0.0, min(value, CHART_MAX_GRADE)) / CHART_MAX_GRADE * CHART_WIDTH)


def chart(report: ArticleReport) -> tuple[tuple[ChartBar, ...], int]:
    """Bars for the readability chart, 22 px apart."""
    bars = []
    for i, p in enumerate(report.profiles):
        low = _scale(p.target_min or 0.0)
        high = _scale(p.target_max if p.target_max is not None else CHART_MAX_GRADE)
        bars.append(ChartBar(p.profile.id, p.score, 4 + 22 * i, _scale(p.score or 0.0), low, max(2, high - low),
                             p.on_target))
    return tuple(bars), 8 + 22 * len(bars)


def _store() -> ContentStore:
    from .web import tailor_of

    return tailor_of(current_app).store


def _report(article: Article) -> ArticleReport:
    """A report per article, recomputed only when the store loaded a new version of it."""
    memo: dict[str, tuple[Article, ArticleReport]] = current_app.extensions.setdefault("tailor_author_reports", {})
    cached = memo.get(article.key)
    if cached is not None and cached[0] is article:
        return cached[1]
    store = _store()
    loader = tuple(d for d in store.content.diagnostics if Path(d.location.path).stem == article.key)
    report = article_report(store.content, article, loader)
    memo[article.key] = (article, report)
    return report


def _articles(content: Content) -> list[Article]:
    """Every loaded article, each followed by its translations (`slug.lang`), by file name."""
    return [a for slug in sorted(content.articles)
            for a in (content.articles[slug], *(content.translations.get(slug, {})[lang]
                                                for lang in sorted(content.translations.get(slug, {}))))]


@bp.get("/")
def overview() -> str:
    """Show every article's status, coverage per profile, readability chart and finding counts."""
    store = _store()
    content = store.content
    rows = []
    for found in _articles(content):
        report = _report(found)
        bars, height = chart(report)
        rows.append(OverviewRow(report, bars, height, store.pending.get(found.key, ())))
    page = AuthorOverview(tuple(rows), dict(content.broken), store.site_problems, store.settling)
    return templating.render(current_app, ["author/index.html"], page=page)


@bp.get("/articles/<slug>/")
def article(slug: str) -> str:
    """Show every claim as a row and every profile as a column, with scores and findings inline."""
    store = _store()
    base, lang = split_name(slug)  # `slug.lang`: a translation, scored in its language
    found = store.content.articles.get(slug) if lang is None else store.content.translations.get(base, {}).get(lang)
    if found is None:
        abort(404)
    report = _report(found)
    profiles = store.content.profiles_in(found.lang)
    by_place: dict[tuple[str, int], list[Diagnostic]] = {}
    for d in report.diagnostics:
        by_place.setdefault((d.location.path, d.location.line), []).append(d)
    placed: set[int] = set()
    # Each profile's units by claim, looked up once: searching them per cell was quadratic in claims.
    scored = {(profile_id, id(u.claim)): u for profile_id, view in report.views.items() for u in view.units}
    html: dict[str, Markup] = {}  # a fallback shows its source's text again: parse each text once
    rows = []
    for claim in found.claims():
        cells = []
        for profile in profiles.items:
            resolved = claim.text.resolve(profile.chain)
            own = claim.text.written(profile.id)
            here = tuple(by_place.get((own.location.path, own.location.line), ())) if own else ()
            placed.update(id(d) for d in here)
            unit = scored.get((profile.id, id(claim)))
            source = profiles.get(resolved.source.profile) if resolved.source else None
            if resolved.text and resolved.text not in html:
                html[resolved.text] = render_inline(resolved.text)
            cells.append(Cell(
                resolved.state.value,
                html[resolved.text] if resolved.text else None,
                source.label if resolved.state is PhrasingState.FALLBACK and source else None,
                unit.scores().tailor_grade if unit is not None else None,
                here,
                tuple(a for a in claim.allow if a.profile == profile.id),
            ))
        rows.append(GridRow(claim.id, f"{claim.location.path}:{claim.location.line}", tuple(cells)))
    rest = tuple(sorted((d for d in report.diagnostics if id(d) not in placed), key=sort_key))
    page = AuthorArticle(report, report.profiles, tuple(rows), rest, store.pending.get(slug, ()))
    return templating.render(current_app, ["author/article.html"], page=page)


def init_app(app: Flask) -> None:
    """Register the workbench on an app (only in author mode)."""
    app.register_blueprint(bp)
