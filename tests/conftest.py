"""Shared fixtures: small handbooks written into temporary folders (helpers live in helpers/)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import settings

from tests.helpers import Writer

settings.register_profile("default", max_examples=150, deadline=None)
# A fuzz campaign by hand: `HYPOTHESIS_PROFILE=fuzz`, with `FUZZ_EXAMPLES` examples per property.
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25000")), deadline=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def write_files(tmp_path: Path) -> Writer:
    """Write `{relative path: text or bytes}` under a fresh project folder and return it."""

    def write(files: Mapping[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(
                    textwrap.dedent(content) if content.startswith("\n") else content,
                    encoding="utf-8",
                )
        return tmp_path

    return write


@pytest.fixture(autouse=True)
def _no_kept_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run the command line in-process and patch what no real run can (the clock, a
    crash), so no run keeps its answer for the next (`cli/answers.py`): a kept answer is for
    runs of the same files, and the tests of kept answers set this back."""
    from mkdocs_asyncops.cli import answers

    monkeypatch.setattr(answers, "_SETTLED_NS", 10**30)
