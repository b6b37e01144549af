"""Review signed per audience: each approval records the profiles whose views it covers, with a hash of
each view as approved, so every view knows whether what its reader is told is what a reviewer signed.

A clinician may approve the clinician and student views and a health-literacy editor the patient
view; an edit that only the patient reader sees leaves the clinician's signature valid. Approvals are
appended to the article file, one line each, oldest first: the last one naming a profile is the one
that counts for it (the earlier lines stay as the record of past reviews).

An article approved by an earlier Tailor carries one whole-article `review_hash` instead; it still
covers every view while the article is `approved` and its hash matches (review.review_hash).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .markup import TermLinker, render_inline
from .model import Approval, Article, PhrasingState, Reviewer, Status, frozen_map
from .review import _LINE_BREAK, ArticleSource, Refusal, SiteTexts, _plain, _unsafe

_WALKED = frozenset({"question", "title", "answer", "sections", "quiz"})
"""Article fields the view hash reads through the view (only what this profile's reader gets)."""
_NOT_SHOWN = frozenset({"slug", "path", "location", "updated", "references", "status", "next_review", "review_hash",
                        "translation", "reviewed_by", "reviewed", "approvals"})
"""Bookkeeping, the review fields themselves, and what is added as the view cites it."""


class ReviewState(str, enum.Enum):
    """What a view's reader is told about its review."""

    APPROVED = "approved"
    """A reviewer signed exactly what this view shows."""
    CHANGED = "changed"
    """A reviewer signed this view, but what it shows changed since."""
    PENDING = "pending"
    """No reviewer has signed this view."""


@dataclass(frozen=True)
class ViewReview:
    """The review of one view: its state and the approval it rests on."""

    state: ReviewState
    reviewer: Reviewer | None = None
    reviewer_name: str | None = None
    """Who signed, as the page names them (the reviewer's name and credentials, or an earlier free-text name)."""
    reviewed: dt.date | None = None
    next_review: dt.date | None = None

    @property
    def covered(self) -> bool:
        """Whether a reviewer signed exactly what this view shows."""
        return self.state is ReviewState.APPROVED

    def overdue(self, today: dt.date) -> bool:
        """Whether this view's next review date has passed."""
        return self.covered and self.next_review is not None and self.next_review < today


def view_hash(article: Article, profile_id: str, site: SiteTexts, by: str, reviewed: dt.date,
              next_review: dt.date | None) -> str:
    """A short, stable hash of everything one profile's reader of the article is told, and of the
    approval shown on the page (who, with what credentials, when, next review due).

    Texts are hashed as the reader gets them (after fallback, with the fallback marks), with their
    citations and every field of each cited reference, and what the site adds to the page: every
    audience's label and description (the picker), this audience's disclaimer and fallback, the
    glossary definitions linked, the templates and the footer. Article fields are serialized
    generically, so a field the model gains later is covered without touching this function.
    """
    profiles = site.profiles_in(article.lang)
    profile = profiles[profile_id]
    linker = TermLinker(site.glossary_for(article.lang).entries) if profile.glossary else None
    texts: list[object] = []
    cited: list[str] = []
    for text in article.texts(profile_id):
        resolved = text.variants.resolve(profile.chain)
        shown: dict[str, object] = {"name": text.name, "kind": text.kind, "text": resolved.text,
                                    "state": resolved.state.value}
        if resolved.state is PhrasingState.FALLBACK and resolved.source is not None:
            shown["from"] = resolved.source.profile  # the page says whose text it shows
        if resolved.text is not None:
            render_inline(resolved.text, linker)  # linked as the page links it, in reading order
            if text.claim is not None:
                shown["claim"] = {f.name: _plain(getattr(text.claim, f.name)) for f in dataclasses.fields(text.claim)
                                  if f.name not in ("text", "location")}
                cited += [citation.ref for citation in text.claim.cites]
        texts.append(shown)
    quiz = article.quiz_for(profile_id)
    reviewer = site.reviewers.get(by)
    footer = site.settings.footer_in(article.lang)
    shown_view = {
        "article": {f.name: _plain(getattr(article, f.name)) for f in dataclasses.fields(article)
                    if f.name not in _NOT_SHOWN | _WALKED},
        "texts": texts,
        "quiz": [option.correct for option in quiz.options] if quiz is not None else None,
        "references": [_plain(article.references[ref]) for ref in dict.fromkeys(cited) if ref in article.references],
        "site": {
            "picker": [{"id": p.id, "label": p.label, "description": p.description} for p in profiles.items],
            "profile": {key: value for key, value in dict(_plain(profile)).items()  # type: ignore[call-overload]
                        if key not in ("targets", "translations", "lang", "audience")},
            "glossary": sorted((entry.term, entry.definition) for entry in linker.used) if linker else [],
            "templates": site.templates,
            "footer": list(footer) if footer[0] else None,
        },
        "approval": {"by": by, "reviewer": _plain(reviewer) if reviewer else None, "reviewed": reviewed.isoformat(),
                     "next_review": next_review.isoformat() if next_review else None},
    }
    canonical = json.dumps(shown_view, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def latest(article: Article, profile_id: str) -> Approval | None:
    """The approval that counts for a profile: the last one naming it."""
    return next((a for a in reversed(article.approvals) if profile_id in a.profiles), None)


REVIEWED_STATUSES = frozenset({Status.UNDER_REVIEW, Status.APPROVED})
"""Statuses in which approvals count: a draft or a submitted article has not been through review, whatever its
file says (an approval only `tailor review` should write can also be typed by hand)."""


def view_review(article: Article, profile_id: str, site: SiteTexts) -> ViewReview:
    """Whether one profile's view of the article is covered by a valid approval, and by whom.

    A signature counts only from a reviewer in reviewers.yaml and while the article is under review or
    approved; otherwise the view is pending (never "changed", which would tell readers of an edit). An earlier
    Tailor's whole-article stamp (`reviewed_by`, `review_hash`) does not count: it covers neither the
    reviewer's record nor the dates, so it is approved again with `tailor review --approve`."""
    if article.status not in REVIEWED_STATUSES:
        return ViewReview(ReviewState.PENDING)
    approval = latest(article, profile_id)
    if approval is not None:
        reviewer = site.reviewers.get(approval.by)
        if reviewer is None:
            return ViewReview(ReviewState.PENDING)
        valid = approval.profiles[profile_id] == view_hash(
            article, profile_id, site, approval.by, approval.reviewed, approval.next_review)
        return ViewReview(ReviewState.APPROVED if valid else ReviewState.CHANGED, reviewer, reviewer.display,
                          approval.reviewed, approval.next_review)
    return ViewReview(ReviewState.PENDING)


def coverage(article: Article, site: SiteTexts) -> dict[str, ViewReview]:
    """The review of every profile's view of the article (in the article's language)."""
    return {profile.id: view_review(article, profile.id, site) for profile in site.profiles_in(article.lang).items}


def changed_since_review(article: Article, site: SiteTexts) -> bool:
    """Whether any reader of the article is told something other than what a reviewer signed (or, for an
    approved article, what no reviewer signed)."""
    reviews = coverage(article, site).values()
    if article.status is Status.APPROVED:
        return not all(review.covered for review in reviews)
    return any(review.state is ReviewState.CHANGED for review in reviews)


def review_due(article: Article, site: SiteTexts) -> dt.date | None:
    """The earliest next-review date of the approvals that cover the article's views."""
    dates = [review.next_review for review in coverage(article, site).values() if review.covered and review.next_review]
    return min(dates) if dates else None


def last_reviewed(reviews: Iterable[ViewReview]) -> dt.date | None:
    """The day of the latest review that covers a view as it is now (an approval that does not count has no day)."""
    dates = [review.reviewed for review in reviews if review.covered and review.reviewed is not None]
    return max(dates) if dates else None


def new_approval(article: Article, site: SiteTexts, by: str, profiles: tuple[str, ...], today: dt.date,
                 months: int = 12) -> Approval:
    """The approval of some profiles' views by a reviewer today, due again in `months`."""
    year, month = divmod(today.month - 1 + months, 12)
    day = min(today.day, 28) if month + 1 == 2 else min(today.day, 30 if month + 1 in (4, 6, 9, 11) else 31)
    due = dt.date(today.year + year, month + 1, day)
    hashes = {p: view_hash(article, p, site, by, today, due) for p in profiles}
    return Approval(by, today, due, frozen_map(hashes), article.location)


def status_after(article: Article, site: SiteTexts, approval: Approval) -> Status:
    """The article's status once an approval is added: approved when every view is then covered."""
    after = dataclasses.replace(article, approvals=(*article.approvals, approval), status=Status.UNDER_REVIEW)
    return Status.APPROVED if all(r.covered for r in coverage(after, site).values()) else Status.UNDER_REVIEW


def approval_line(approval: Approval) -> str:
    """An approval as one YAML flow mapping (`{by: ..., reviewed: ..., profiles: {...}}`)."""
    hashes = ", ".join(f'{profile}: "{value}"' for profile, value in approval.profiles.items())
    due = f", next_review: {approval.next_review.isoformat()}" if approval.next_review else ""
    return f"{{by: {approval.by}, reviewed: {approval.reviewed.isoformat()}{due}, profiles: {{{hashes}}}}}"


def stamp_approval(source: ArticleSource, status: Status, approval: Approval) -> str:
    """The article's text with its status set and the approval appended to `approvals:` (added after
    `updated:` when there is none). Nothing else changes; refuses what it cannot edit exactly."""
    text = source.stamp({"status": status.value})
    stamped = ArticleSource.of_text(text, source.bom)
    line = approval_line(approval)
    first = _LINE_BREAK.search(text)
    eol = first.group() if first else "\n"
    found = [(k, v) for k, v in stamped.root.value if isinstance(k, ScalarNode) and k.value == "approvals"]
    if not found:
        at, eol, indent = stamped.insertion_point()
        text = f"{text[:at]}{eol}{indent}approvals:{eol}{indent}  - {line}{text[at:]}"
    else:
        key, value = found[0]
        if isinstance(value, ScalarNode) and value.tag.endswith(":null") and not value.value:
            end, indent = key.end_mark.index, " " * (key.start_mark.column + 2)
            at = end + 1 if text[end:end + 1] == ":" else end
        elif isinstance(value, SequenceNode) and not value.flow_style and all(
                isinstance(item, MappingNode) and item.flow_style and item.start_mark.line == item.end_mark.line
                for item in value.value):
            indent = " " * value.start_mark.column
            after = _LINE_BREAK.search(text, value.value[-1].end_mark.index)
            at = after.start() if after else len(text)
        else:
            raise Refusal("review.style", "`approvals:` is not a list of one-line entries as `tailor review` writes them "
                                          "(`- {by: ..., reviewed: ..., profiles: {...}}`); restore that form and run "
                                          "the command again", key.start_mark.line + 1)
        text = f"{text[:at]}{eol}{indent}- {line}{text[at:]}"
    _check_only_review_changed(source, text)
    return text


def _check_only_review_changed(source: ArticleSource, text: str) -> None:
    """Refuses unless every field but `status` and `approvals` reads back unchanged."""
    after = ArticleSource.of_text(text, source.bom)
    if after.kept(("status", "approvals")) != source.kept(("status", "approvals")):
        raise _unsafe("other fields would change")


def check_approval_read_back(before: Article, after: Article | None, status: Status, approval: Approval,
                             site: SiteTexts) -> None:
    """Refuses unless the stamped text loads as the same article with exactly this approval added."""
    expected = (*before.approvals, approval)
    if after is None or after.status is not status or _approvals(after.approvals) != _approvals(expected):
        raise _unsafe("the approval would not load as written")
    for profile in approval.profiles:
        if view_review(after, profile, site).state is not ReviewState.APPROVED:
            raise _unsafe(f"the `{profile}` view would not read back as approved")


def _approvals(approvals: tuple[Approval, ...]) -> list[tuple[object, ...]]:
    return [(a.by, a.reviewed, a.next_review, dict(a.profiles)) for a in approvals]
