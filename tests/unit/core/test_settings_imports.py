"""The core's settings are plain data: importing them loads no git and no later stage."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_settings_loads_no_git_and_no_later_stage() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, mkdocs_asyncops.core.settings; print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "mkdocs_asyncops.core.settings" in loaded
    later = ("history", "health", "boards", "render", "edit", "mkdocs", "cli", "pipeline")
    assert [
        name
        for name in loaded
        if name.split(".")[0] in {"pygit2", "mkdocs"}
        or name.split(".")[:2] in (["mkdocs_asyncops", stage] for stage in later)
    ] == []
