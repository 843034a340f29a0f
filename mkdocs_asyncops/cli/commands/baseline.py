"""`asyncops baseline`: record today's findings so that only new ones fail."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from . import EXIT_OK, add_config_option, project_history, with_progress

if TYPE_CHECKING:
    from ..project import ProjectConfig


HELP = "record today's findings so that only new ones fail"
"""The command's line in `asyncops --help`."""


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "baseline",
        help=HELP,
        description="Write the findings of `asyncops check` to .asyncops-baseline.json at the "
        "project root. Commit it: its findings are then shown as baselined and do not fail, "
        "while new ones do. With --update, only drop the findings that were fixed.",
    )
    add_config_option(parser)
    parser.add_argument(
        "--update",
        action="store_true",
        help="drop the baselined findings that were fixed; add no new ones",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, project: ProjectConfig) -> int:
    from dataclasses import replace

    from ...core import baseline
    from ...edit.file_writes import write_all
    from ...pipeline import run_checks

    settings = project.settings
    path = settings.baseline or settings.root / baseline.BASELINE_NAME
    try:
        known = baseline.load(path)
    except baseline.BaselineError:
        if args.update:  # nothing to update from: say why
            raise
        known = Counter()  # written anew
    history = project_history(settings, project)
    unmarked = replace(settings, baseline=None)
    result = with_progress(lambda s, progress: run_checks(s, progress, history), unmarked)
    found = baseline.findings(result.diagnostics, settings.root)
    if args.update:
        left = Counter(known)
        kept = []
        for finding in found:
            if left[finding.fingerprint] > 0:
                left[finding.fingerprint] -= 1
                kept.append(finding)
        fixed = sum(known.values()) - len(kept)
        write_all({path: baseline.baseline_text(kept)})
        print(
            f"{path.name}: {_count(len(kept), 'finding')} kept, {fixed} fixed and dropped "
            f"({len(found) - len(kept)} new not added: fix them)"
        )
        return EXIT_OK
    write_all({path: baseline.baseline_text(found)})
    files = len({f.path for f in found})
    print(
        f"{path.name}: {_count(len(found), 'finding')} in {_count(files, 'file')} recorded; "
        "commit it, and only new findings fail from now on"
    )
    return EXIT_OK


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
