"""Checking a pull request: its description against the team's template, its size from git.

The description is Markdown; its sections are found with the same scanner and judged with the
same checks as a document's (missing, empty, template text), under the `ASY5xx` codes. The size
is the lines added and removed between the merge base and the head, as GitHub counts them.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pygit2

from ..core.diagnostics import RULES, Diagnostic, diagnostic
from ..core.kinds import KindSpec, SectionSpec
from ..core.settings import PullRequestPolicy
from ..errors import AsyncOpsError
from ..reading.markdown import Outline, parse_outline
from ..reading.sections import check_sections

_AS_PR_RULES = {"ASY101": "ASY501", "ASY102": "ASY502", "ASY103": "ASY502"}


class GitError(AsyncOpsError):
    """The revisions to compare cannot be read from the repository."""


@dataclass(frozen=True)
class ChangeSize:
    """Lines added and removed between two revisions, and the files changed."""

    base: str
    head: str
    added: int
    removed: int
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.added + self.removed

    def to_dict(self) -> dict[str, object]:
        return {
            "base": self.base,
            "head": self.head,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "files": len(self.files),
            "ignored_files": self.ignored,
        }


def matches(path: str, globs: Iterable[str]) -> bool:
    """Whether a changed file matches one of the globs, by its path or its name."""
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(name, glob) for glob in globs)


def required_sections(
    policy: PullRequestPolicy, changed_files: Iterable[str] = ()
) -> list[SectionSpec]:
    """The template sections, plus the UI ones when the change touches UI files."""
    ui = any(matches(path, policy.ui_paths) for path in changed_files)
    return [*policy.sections, *(policy.ui_sections if ui else ())]


def check_description(
    body: str, label: str, policy: PullRequestPolicy, changed_files: Iterable[str] = ()
) -> list[Diagnostic]:
    """Missing, empty and template-only sections of a pull request description."""
    if not body.strip():
        names = ", ".join(s.name for s in required_sections(policy, changed_files))
        return [
            diagnostic(
                label,
                0,
                "ASY504",
                f"the pull request has no description; fill in the template ({names})",
            )
        ]
    spec = KindSpec(
        name="pull-request",
        label="PR description",
        plural="PR descriptions",
        sections=list(required_sections(policy, changed_files)),
    )
    outline = parse_outline(body)
    untitled = Outline(headings=[], sections=outline.sections)  # a PR body's first `#` is a section
    return [
        replace(problem, rule=RULES[_AS_PR_RULES[problem.rule.code]])
        if problem.rule.code in _AS_PR_RULES
        else problem
        for problem in check_sections(label, untitled, spec)
    ]


def measure_change(repository: Path, base: str, head: str, ignored: Iterable[str]) -> ChangeSize:
    """The size of the change from the merge base of `base` and `head` to `head`."""
    ignored = list(ignored)
    try:
        found = pygit2.discover_repository(str(repository))
        if found is None:
            raise GitError(f"{repository} is not in a git repository")
        repo = pygit2.Repository(found)
        base_commit = _commit(repo, base)
        head_commit = _commit(repo, head)
        merge_base = repo.merge_base(base_commit.id, head_commit.id) or base_commit.id
        diff = repo.diff(merge_base, head_commit)
        diff.find_similar()
    except pygit2.GitError as exc:
        raise GitError(str(exc)) from None
    added = removed = 0
    files, skipped = [], []
    for patch in diff:
        assert patch is not None  # a diff between two commits has a patch for each delta
        path = patch.delta.new_file.path
        if matches(path, ignored):
            skipped.append(path)
            continue
        files.append(path)
        _, plus, minus = patch.line_stats
        added, removed = added + plus, removed + minus
    return ChangeSize(
        base=str(base_commit.id)[:10],
        head=str(head_commit.id)[:10],
        added=added,
        removed=removed,
        files=files,
        ignored=skipped,
    )


def _commit(repo: pygit2.Repository, revision: str) -> pygit2.Commit:
    try:
        return repo.revparse_single(revision).peel(pygit2.Commit)
    except (KeyError, ValueError, pygit2.GitError):
        raise GitError(
            f"cannot find revision {revision!r}; in GitHub Actions check out the full history "
            "(actions/checkout with `fetch-depth: 0`)"
        ) from None


def check_size(size: ChangeSize, label: str, policy: PullRequestPolicy) -> list[Diagnostic]:
    """A warning when the change is larger than the team's target, with the numbers."""
    if size.changed <= policy.max_changed_lines:
        return []
    return [
        diagnostic(
            label,
            0,
            "ASY503",
            f"the change adds {size.added} and removes {size.removed} lines ({size.changed} changed in "
            f"{len(size.files)} files, {size.base}..{size.head}), above the target of "
            f"{policy.max_changed_lines}; split it into smaller pull requests that can be reviewed alone",
        )
    ]
