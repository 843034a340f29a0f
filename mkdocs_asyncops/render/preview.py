"""What only `mkdocs serve` shows: a page's problems at its top, the handbook's count on the
dashboard. Published builds never carry either (ADR-0018)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..core.diagnostics import Diagnostic, count


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def page_problems(problems: Sequence[Diagnostic]) -> str:
    """An admonition listing each problem of one page as `line: rule: message`, escaped."""
    items = "".join(
        f"<li><code>{problem.line or '-'}</code>: {html.escape(problem.rule.code)} "
        f"{html.escape(problem.rule.name)} ({problem.level.value}): {html.escape(problem.message)}</li>"
        for problem in problems
    )
    title = (
        f"asyncops: {_plural(len(problems), 'problem')} in this page (shown only in the preview)"
    )
    return (
        f'<div class="admonition warning asyncops-problems"><p class="admonition-title">{html.escape(title)}</p>'
        f"<ul>{items}</ul></div>"
    )


def handbook_problems(problems: Sequence[Diagnostic]) -> str:
    """An admonition with the number of problems (errors and warnings) in the handbook, by
    severity; empty when there are none."""
    if not problems:
        return ""
    totals = count(problems)
    parts = ", ".join(
        _plural(totals[level], level) for level in ("error", "warning") if totals[level]
    )
    return (
        '<div class="admonition warning asyncops-problems"><p class="admonition-title">'
        f"asyncops: {_plural(len(problems), 'problem')} in the handbook</p>"
        f"<p>{html.escape(parts)}; each page shows its own at its top, and the terminal lists them all.</p></div>"
    )
