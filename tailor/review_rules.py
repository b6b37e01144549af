"""Rules about review and evidence: approvals that no longer hold, reviews overdue, sources readers cannot look up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .approvals import REVIEWED_STATUSES, ReviewState, coverage, latest, review_due
from .diagnostics import Location
from .model import Status

if TYPE_CHECKING:
    from .rules import CheckContext


def check_review_changed(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """A view whose reader is told something other than what its reviewer signed; in an approved article, also a
    view no reviewer signed."""
    article = ctx.article
    again = (f"review it again: `tailor review {article.slug} --start`, then "
             f"`tailor review {article.slug} --approve --by REVIEWER")
    if article.approvals and article.status not in REVIEWED_STATUSES:
        yield article.approvals[0].location, (
            f"`{article.slug}` has approvals but its status is `{article.status.value}`, so readers are told it is not "
            f"reviewed; approvals count only once a review is started: `tailor review {article.slug} --start`, then "
            f"`--approve --by REVIEWER` (or remove the approvals)")
        return
    if article.status is Status.APPROVED and not article.approvals and article.review_hash is not None:
        yield article.location, (f"`{article.slug}` was approved by an earlier Tailor (`reviewed_by`, `review_hash`), "
                                 f"whose stamp covers neither the reviewer's record nor the dates, so readers are told "
                                 f"it is not reviewed; {again}` and remove the old fields")
        return
    for profile, review in coverage(article, ctx).items():
        approval = latest(article, profile)
        if approval is not None and approval.by not in ctx.reviewers:
            yield approval.location, (f"`{article.slug}` was approved for `{profile}` readers by `{approval.by}`, who is "
                                      f"not in reviewers.yaml, so readers cannot be told who reviewed it; add them "
                                      f"there, or {again} --profiles {profile}`")
        elif review.state is ReviewState.CHANGED:
            when = f"the review on {review.reviewed.isoformat()}" if review.reviewed else "approval"
            where = approval.location if approval else article.location
            yield where, (f"`{article.slug}` was approved for `{profile}` readers, but what they are told (text, quiz, cited "
                          f"references, the reviewer, or the site's audiences, glossary, footer or templates) changed "
                          f"since {when}; {again} --profiles {profile}`")
        elif review.state is ReviewState.PENDING and article.status is Status.APPROVED:
            yield article.location, (f"`{article.slug}` is approved but no reviewer approved what `{profile}` readers are "
                                     f"told; {again} --profiles {profile}`")


def check_identified(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """A reference readers cannot look up: no DOI, no PMID and no URL (and no reason given why)."""
    for ref in ctx.article.references.values():
        if ref.identified and ref.unidentified:
            yield ref.location, (f"reference `{ref.id}` says why it has no identifier (`unidentified:`) but has a `doi`, "
                                 "`pmid` or `url`; remove whichever is wrong")
        if not ref.identified and not (ref.unidentified or "").strip():
            yield ref.location, (f"reference `{ref.id}` has no `doi`, `pmid` or `url`, so readers cannot check it; add "
                                 "the one you have verified against the source (a wrong identifier is worse than none), or say why there "
                                 "is none in `unidentified:`")


def check_review_overdue(ctx: CheckContext) -> Iterator[tuple[Location, str]]:
    """The article's next review date has passed (the earliest of its views')."""
    due = review_due(ctx.article, ctx) if ctx.article.approvals else ctx.article.next_review
    if due is not None and due < ctx.today:
        yield ctx.article.location, (f"`{ctx.article.slug}` was due for review on {due.isoformat()}; readers are told "
                                     f"so; review it again: `tailor review {ctx.article.slug} --start`, then "
                                     f"`--approve --by REVIEWER`")
