"""`asyncops check-pr`: a pull request's description against the template, and its size."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import FORMATS, add_config_option, exit_code, print_report, project_history

if TYPE_CHECKING:
    from ...boards.pull_requests import ChangeSize
    from ...core.diagnostics import Diagnostic
    from ..project import ProjectConfig


HELP = "check a pull request's description and size"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check-pr",
        help=HELP,
        description="Check a pull request description against the team's template sections, "
        "and the size of the change between two revisions. In GitHub Actions the description "
        "and revisions come from the event payload (GITHUB_EVENT_PATH).",
    )
    parser.add_argument(
        "--body", metavar="FILE", help="the description, from a file, or - for stdin"
    )
    parser.add_argument(
        "--base", metavar="REV", help="the revision the change is measured from (e.g. origin/main)"
    )
    parser.add_argument(
        "--head", metavar="REV", help="the revision with the change (default: HEAD)"
    )
    add_config_option(parser)
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.set_defaults(run=run, judges=True)


class PullRequest:
    """What is known of the pull request: its description, and which revisions it compares.
    (A plain class: a dataclass would cost `asyncops --help` the import of `dataclasses`.)"""

    def __init__(self, label: str, body: str, base: str | None, head: str | None) -> None:
        self.label, self.body, self.base, self.head = label, body, base, head


def read_pull_request(args: argparse.Namespace) -> PullRequest:
    """From `--body`, else from the GitHub Actions event payload; `--base`/`--head` win."""
    from ...core.settings import SettingsError
    from ...reading.source_text import decode

    event = _event()
    if args.body == "-":
        request = PullRequest("<stdin>", decode(sys.stdin.buffer.read()).text, None, None)
    elif args.body:
        try:
            request = PullRequest(args.body, decode(Path(args.body).read_bytes()).text, None, None)
        except OSError as exc:
            raise SettingsError(
                f"{args.body}: cannot read the description ({exc.strerror or exc})"
            ) from None
    elif event is not None:
        pr = event.get("pull_request") or {}
        request = PullRequest(
            f"pull request #{pr.get('number', '?')}",
            pr.get("body") or "",
            (pr.get("base") or {}).get("sha"),
            (pr.get("head") or {}).get("sha"),
        )
    else:
        raise SettingsError(
            "no description to check; give --body FILE, --body - for stdin, "
            "or run it in a GitHub Actions pull_request workflow"
        )
    request.base = args.base or request.base
    request.head = args.head or request.head or ("HEAD" if request.base else None)
    return request


def _event() -> dict[str, Any] | None:
    from ...core.settings import SettingsError

    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SettingsError(f"GITHUB_EVENT_PATH: cannot read the event payload ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("pull_request"), dict):
        return None
    return data


def code_notes(label: str, changed: list[str], project: ProjectConfig) -> list[Diagnostic]:
    """Notes on the handbook the change leaves behind (`pr_notes.py`), from the whole
    handbook's checks at the working tree (the pull request's head in CI)."""
    from ...boards.pr_notes import unaccepted_citations, undocumented_changes
    from ...pipeline import run_checks

    settings = project.settings
    checked = run_checks(settings, history=project_history(settings, project))
    health = checked.health
    if health is None:
        return []
    root_rel = health.history.relative(settings.root) if health.history.available else None
    if root_rel is None:  # no history: paths are taken as relative to the project root
        root_rel = "."
    prefix = "" if root_rel == "." else f"{root_rel}/"
    ours = [path[len(prefix) :] for path in changed if path.startswith(prefix)]
    return [
        *undocumented_changes(
            label, ours, health.catalog.systems.values(), checked.documents, health.drift
        ),
        *unaccepted_citations(label, ours, checked.citations),
    ]


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from ...boards.pull_requests import check_description, check_size, measure_change
    from ...core.diagnostics import count

    request = read_pull_request(args)
    policy, rules = project.pull_requests, project.settings.rules
    size: ChangeSize | None = None
    if request.base and request.head:
        size = measure_change(Path.cwd(), request.base, request.head, policy.ignored_paths)
    problems = check_description(request.body, request.label, policy, size.files if size else ())
    if size is not None:
        problems += check_size(size, request.label, policy)
        problems += code_notes(request.label, [*size.files, *size.ignored], project)
    problems = rules.apply(problems)
    data = {
        "pull_request": {"source": request.label, "size": size.to_dict() if size else None},
        "diagnostics": [d.to_dict() for d in problems],
        "summary": count(problems),
    }
    if size is not None and args.format == "text":
        print(
            f"{request.label}: {size.added} added, {size.removed} removed in {len(size.files)} files "
            f"({size.base}..{size.head}; the target is at most {policy.max_changed_lines})"
        )
    # The description is no file of the repository: its annotations name none (never `<stdin>`).
    print_report(args.format, problems, request.label, data, files=False)
    return exit_code(problems, args.strict)
