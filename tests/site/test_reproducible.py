"""Reproducible output: the same sources build to byte-identical pages and export.

Each build runs in its own interpreter with a different `PYTHONHASHSEED`, so an order that
depends on set or dict iteration of strings would show as a difference. MkDocs writes its build
date into the sitemap (and the mkdocs theme into every page's footer comment); like any
reproducible build, the test fixes it with `SOURCE_DATE_EPOCH`. Every file of the site is compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO_ROOT, VALID, Writer, adr
from tests.helpers.site import mkdocs_yml


def build_in_subprocess(config: Path, site: Path, seed: str) -> None:
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1795996800",
    }
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "-f",
        str(config),
        "-d",
        str(site),
    ]
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr


def contents(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def assert_same_builds(config: Path, tmp_path: Path) -> dict[str, bytes]:
    first, second = tmp_path / "site-a", tmp_path / "site-b"
    build_in_subprocess(config, first, seed="1")
    build_in_subprocess(config, second, seed="2")
    one, two = contents(first), contents(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    return one


def test_the_projects_handbook_builds_byte_identical_twice(tmp_path: Path) -> None:
    built = assert_same_builds(REPO_ROOT / "mkdocs.yml", tmp_path)
    assert {"asyncops.json", "handbook/index.html", "handbook/decisions/index.html"} <= set(built)


def handbook(options: str) -> dict[str, str]:
    return {
        "mkdocs.yml": mkdocs_yml("      sources: [adr]\n" + options),
        "docs/index.md": "# Home\n\nSee ADR-1, ADR-2 and ADR-3.\n",
        **{f"docs/{path}": text for path, text in VALID.items() if not path.startswith("adr/")},
        **{
            f"adr/000{n}-d{n}.md": adr(n, f"Decision {n}").replace(
                "deciders: [Ana, Bo]",
                f"deciders: [Zoe, Ana, Bo]\ntags: [z, a, m{n}]\nrelates_to: [{(n % 3) + 1}]",
            )
            for n in (1, 2, 3)
        },
    }


@pytest.mark.parametrize("today", ["      today: 2024-03-08\n", ""])
def test_every_kind_with_relations_builds_byte_identical_twice(
    write_files: Writer, tmp_path: Path, today: str
) -> None:
    # Without `today` the boards are judged by the clock, but nothing of the clock is written.
    root = write_files(handbook(today))
    built = assert_same_builds(root / "mkdocs.yml", tmp_path / "out")
    assert (
        b'"as_of"' in built["asyncops.json"] if today else b'"as_of"' not in built["asyncops.json"]
    )


def test_checking_in_a_second_process_changes_nothing_in_the_site(
    write_files: Writer, tmp_path: Path
) -> None:
    root = write_files(handbook("      today: 2024-03-08\n"))
    (root / "in-place.yml").write_text(
        mkdocs_yml("      sources: [adr]\n      today: 2024-03-08\n      parallel: false\n")
    )
    build_in_subprocess(root / "mkdocs.yml", tmp_path / "beside", seed="1")
    build_in_subprocess(root / "in-place.yml", tmp_path / "in-place", seed="1")
    beside, in_place = contents(tmp_path / "beside"), contents(tmp_path / "in-place")
    assert sorted(beside) == sorted(in_place) and "handbook/decisions/index.html" in beside
    assert [name for name in beside if beside[name] != in_place[name]] == []
