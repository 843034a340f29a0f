"""The coverage matrix is a compact grid: one short mark per cell, titles out of sight (issue 15)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.helpers import VALID, Writer
from tests.helpers.site import build_site, mkdocs_yml

RUNBOOK = VALID["runbooks/workflow-engine.md"]
HOSTILE = "<img src=x onerror=alert(1)> \"quoted\" & 'single'"


def catalog(write_files: Writer, systems: int = 50) -> Path:
    entries = "".join(
        f"        - {{name: sys-{n:02d}, type: service, requires: [runbook]}}\n"
        for n in range(systems)
    )
    files = {
        "mkdocs.yml": mkdocs_yml("      coverage_minimum: 0\n      systems:\n" + entries)
        + "theme: material\n",
        "docs/index.md": "# Home\n",
    }
    for n in range(0, systems, 2):  # every other system has two runbooks, one hostile title
        for copy in ("a", "b"):
            title = f"{HOSTILE} {n} {copy}" if copy == "a" else f"Runbook {n} {copy}"
            files[f"docs/runbooks/sys-{n:02d}-{copy}.md"] = RUNBOOK.replace(
                "systems: [workflow-engine]", f"systems: [sys-{n:02d}]\ntitle: {json.dumps(title)}"
            )
    return write_files(files)


def visible(cell: str) -> str:
    """The text a reader sees in a cell with its details closed."""
    closed = re.sub(r"(<summary[^>]*>.*?</summary>).*?</details>", r"\1", cell, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", closed))


def test_fifty_systems_are_fifty_one_line_rows_with_titles_in_tooltips(
    write_files: Writer,
) -> None:
    site = build_site(catalog(write_files))
    page = (site / "health" / "coverage" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r"<tr>\s*<td[^>]*>(?:<strong>)?(sys-\d\d)(?:</strong>)?</td>(.*?)</tr>", page, re.S
    )
    assert [name for name, _ in rows] == [f"sys-{n:02d}" for n in range(50)]
    for name, rest in rows:
        cell = re.findall(r"<td>(.*?)</td>", rest, re.S)[-1]
        shown = " ".join(visible(cell).split())
        if int(name[4:]) % 2:
            assert shown == "missing" and "asyncops-icon" in cell
            continue
        assert shown == "present 2 documents"  # " documents" is for screen readers only
        (tooltip,) = re.findall(r'<summary title="([^"]*)">', cell)
        assert html.unescape(tooltip) == f"{HOSTILE} {int(name[4:])} a; Runbook {int(name[4:])} b"
        assert "<img" not in cell and 'href="../../runbooks/' in cell  # titles stay links, inside


def test_no_generated_page_uses_an_emoji_and_every_icon_has_its_word(write_files: Writer) -> None:
    site = build_site(catalog(write_files, systems=4))
    for page in ("coverage", "metrics", "stale"):
        text = (site / "health" / page / "index.html").read_text(encoding="utf-8")
        assert not re.search("[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]", text), page
        for icon in re.findall(r"<svg class=\"asyncops-icon\"[^>]*>", text):
            assert 'aria-hidden="true"' in icon
    coverage = (site / "health" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert '<span class="asyncops-mark-word">missing</span>' in coverage
    assert '<span class="asyncops-mark-word">present</span>' in coverage


def test_the_markdown_report_says_the_marks_in_words(
    write_files: Writer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(
        ["report", "--format", "markdown"], catalog(write_files, 4), capsys, monkeypatch
    )
    assert code == 0 and "| **sys-01** | – | service | missing |" in out and "present: [" in out
    assert not re.search("[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f<]", out)
