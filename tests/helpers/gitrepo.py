"""Real git repositories for tests, built with the git command line and fixed dates."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path


def at(text: str) -> datetime:
    """`2024-03-01 10:00` (UTC, or with its own offset) as an aware date-time."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class GitRepo:
    """A repository in `path` whose commits carry the dates and authors the test gives."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(
        self,
        *args: str,
        when: str = "2024-01-01 00:00",
        author: str = "Ana Souza <ana@example.com>",
    ) -> str:
        name, email = author.rstrip(">").split(" <")
        stamp = at(when).isoformat()
        env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
        }
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=env, check=True, capture_output=True, text=True
        )
        return done.stdout

    def write(self, files: Mapping[str, str | None]) -> None:
        """Write files (None deletes one) without committing."""
        for name, text in files.items():
            path = self.path / name
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def commit(
        self,
        files: Mapping[str, str | None],
        when: str,
        author: str = "Ana Souza <ana@example.com>",
        message: str = "Change",
    ) -> str:
        """Write `files`, stage everything and commit; return the commit id."""
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when, author=author)
        return self.git("rev-parse", "HEAD").strip()
