"""`tailor review` on one file: the step, the approval, and a write that loses nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from . import yamlsrc as y
from .approvals import check_approval_read_back, coverage, latest, new_approval, stamp_approval, status_after
from .check import article_findings
from .diagnostics import Diagnostic
from .files import FileProblem, atomic_write, read_bytes
from .load import load_site
from .model import Status
from .review import ArticleSource, Refusal, printable, review_hash, step_problem
from .reviewers import unknown_reviewer


class ArticleHasErrors(Exception):
    """Approval refused: the article has errors (the first ones travel with it)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


def review_file(content_root: Path, path: Path, slug: str, action: str, reviewer: str, months: int,
                 force: bool, lang: str | None = None, profiles: tuple[str, ...] | None = None) -> str:
    """Move one article file a review step on: read its bytes once, check and stamp those bytes, and write them
    back only if the file is unchanged; returns what was done, in words."""
    site = load_site(content_root)
    if lang is not None and lang == site.settings.source_language:
        raise Refusal("review.usage", f"`{lang}` is the source language: review `{slug}.yaml` itself, without --lang")
    if not path.exists() and not path.is_symlink():
        if lang:
            raise Refusal("review.missing", f"there is no `{lang}` translation of `{slug}`; write `{path.name}` next to "
                                            f"`{slug}.yaml` (the same claims, citations and references)")
        raise Refusal("review.missing", f"there is no article `{slug}`; check the slug (`tailor report` lists them) "
                                        f"or start one with `tailor new {slug}`")
    data = read_bytes(path, content_root, site.settings.article_limit)
    source = ArticleSource.parse(data)
    current, line, col = source.status()
    wanted = Status(action)
    article, found = site.load_article(path, source=source.text)
    if wanted is Status.APPROVED:
        blocking = [d for d in found if d.is_error]
        if article is not None and not blocking:
            blocking = [d for d in article_findings(site, article, path) if d.is_error and d.code != "review.changed"]
        if article is None or blocking:
            raise ArticleHasErrors(f"`{path.stem}` has errors; fix them (`tailor check`) before approving it", blocking)
    problem = step_problem(slug, current, wanted, force, lang)
    if problem:
        raise Refusal("review.step", problem, line, col)
    said = f"status {action}"
    if wanted is Status.APPROVED:
        assert article is not None  # approval refused above otherwise
        if reviewer not in site.reviewers:
            raise Refusal("review.reviewer", unknown_reviewer(reviewer, dict(site.reviewers)))
        ids = site.profiles_in(article.lang).ids
        for profile in profiles or ():
            if profile not in ids:
                raise Refusal("review.usage", f"`{printable(profile)}` in --profiles is not a profile; {y.suggest(profile, ids)}")
        approval = new_approval(article, site, reviewer, profiles or ids, dt.date.today(), months)
        if all((last := latest(article, p)) is not None and (last.by, last.reviewed, last.next_review, last.profiles[p])
               == (approval.by, approval.reviewed, approval.next_review, approval.profiles[p]) for p in approval.profiles):
            raise Refusal("review.step", f"{', '.join(approval.profiles)} already approved by {reviewer} today, as they "
                                         "are now; nothing to do")
        status = status_after(article, site, approval)
        text = stamp_approval(source, status, approval)
        check_approval_read_back(article, site.load_article(path, source=text)[0], status, approval, site)
        after = dataclasses.replace(article, approvals=(*article.approvals, approval), status=status)
        waiting = [p for p, r in coverage(after, site).items() if not r.covered]
        said = (f"{', '.join(approval.profiles)} approved by {reviewer}; status {status.value}"
                + (f" (still to approve: {', '.join(waiting)})" if waiting else ""))
    else:
        text = source.stamp({"status": action})
        loaded = site.load_article(path, source=text)[0]
        if article is not None and (loaded is None or loaded.status is not wanted
                                    or review_hash(loaded, site) != review_hash(article, site)):
            raise Refusal("review.unsafe", "stamping the status cannot be done exactly (the article would not load as "
                                           "before); nothing was written")
    try:
        # Write where a symlink inside the tree points, so that the link stays a link.
        atomic_write(path.resolve(), source.encode(text), expect=data)
    except OSError as exc:
        raise FileProblem("file.unwritable", f"cannot write `{path.name}` ({exc.strerror or exc}); nothing was "
                                             f"changed: make `{path.parent.name}/` writable and run the command "
                                             "again") from None
    return said
