"""Pull-request review time, from a file the forge's CLI exported (never fetched):

    gh pr list --state all --limit 500 --json number,title,author,createdAt,reviews > prs.json

A pull request's review time is from its `createdAt` to the first review submitted by someone
other than its author; the target is under 8 hours. Pull requests nobody reviewed are counted
apart, not as fast ones.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import Settings
from ..dates import moment
from .team import percentile

TARGET_HOURS = 8.0


@dataclass(frozen=True)
class PullRequestReview:
    number: int
    title: str
    author: str
    hours: float | None
    """None when nobody but its author has reviewed it."""


@dataclass(frozen=True)
class PullRequests:
    source: str | None
    """The file read, relative to the project (None: no file configured)."""
    reviews: tuple[PullRequestReview, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def read_pull_requests(settings: Settings) -> PullRequests:
    """The configured export, or what is wrong with it (ASY410)."""
    name = settings.health.pull_request_file
    if not name:
        return PullRequests(None)
    try:
        data = json.loads((settings.root / name).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return PullRequests(name, (), (_problem(name, f"cannot be read ({why})"),))
    if not isinstance(data, list):
        return PullRequests(name, (), (_problem(name, "is not a JSON list of pull requests"),))
    found, skipped = [], 0
    for entry in data:
        review = _review(entry)
        if review is None:
            skipped += 1
        else:
            found.append(review)
    problems: tuple[Diagnostic, ...] = ()
    if skipped:
        problems = (
            _problem(
                name,
                f"has {skipped} entr{'y' if skipped == 1 else 'ies'} without a number and a "
                "createdAt; export with `--json number,title,author,createdAt,reviews`",
            ),
        )
    return PullRequests(name, tuple(found), problems)


def _problem(name: str, what: str) -> Diagnostic:
    return diagnostic(name, 0, "ASY410", f"the pull request file {what}")


def _login(value: Any) -> str:
    return str(value.get("login") or value.get("name") or "") if isinstance(value, dict) else ""


def _review(entry: Any) -> PullRequestReview | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("number"), int):
        return None
    created = (
        moment(entry.get("createdAt"), text=True)
        if isinstance(entry.get("createdAt"), str)
        else None
    )
    if created is None:
        return None
    author = _login(entry.get("author"))
    firsts: list[datetime] = []
    for review in entry.get("reviews") or []:
        if not isinstance(review, dict) or review.get("state") == "PENDING":
            continue
        if author and _login(review.get("author")) == author:
            continue
        when = review.get("submittedAt")
        stamp = moment(when.replace("Z", "+00:00"), text=True) if isinstance(when, str) else None
        if stamp is not None:
            firsts.append(stamp)
    hours = (min(firsts) - created).total_seconds() / 3600 if firsts else None
    return PullRequestReview(entry["number"], str(entry.get("title") or ""), author, hours)


def pr_review_summary(prs: PullRequests) -> dict[str, Any]:
    hours = [r.hours for r in prs.reviews if r.hours is not None]
    return {
        "source": prs.source,
        "count": len(hours),
        "unreviewed": sum(r.hours is None for r in prs.reviews),
        "target_hours": TARGET_HOURS,
        "median_hours": round(statistics.median(hours), 1) if hours else None,
        "p90_hours": round(percentile(hours, 0.9), 1) if hours else None,
        "over_target": sum(h >= TARGET_HOURS for h in hours),
    }
