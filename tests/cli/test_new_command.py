"""`asyncops new`: documents started from templates, in the right place, never over a file."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mkdocs_asyncops import dates
from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.kinds import BUILTIN_KINDS
from mkdocs_asyncops.edit.scaffold import slugify
from mkdocs_asyncops.reading.sections import is_placeholder
from tests.helpers import Writer, adr, codes, scan_folder
from tests.helpers.site import mkdocs_yml


@pytest.fixture
def today(monkeypatch) -> str:
    """The day a new document is given, held for the test: one run across midnight would give
    the day after the one it expects."""
    day = date.today()
    monkeypatch.setattr(dates, "local_today", lambda: day)
    return day.isoformat()


def run(root: Path, argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def filled(text: str) -> str:
    """The document as an author leaves it: template lines replaced, the severity chosen."""
    lines = [
        "Written by the author." if line != "---" and is_placeholder(line) else line
        for line in text.split("\n")
    ]
    return "\n".join(lines).replace("severity:  #", "severity: 2  #")


@pytest.mark.parametrize("kind", sorted(BUILTIN_KINDS))
def test_templates_are_rejected_as_they_are_and_accepted_filled_in(
    kind: str, tmp_path: Path, capsys, monkeypatch
) -> None:
    code, out, _ = run(
        tmp_path,
        ["new", kind, "Queue outage on the broker", "--author", "Ana Souza"],
        capsys,
        monkeypatch,
    )
    assert code == 0
    path = tmp_path / out.strip()
    spec = BUILTIN_KINDS[kind]
    assert path.parent.name == spec.folders[0]
    problems = codes(scan_folder(tmp_path))
    placeholders = [c for c in problems if c[2] == "ASY103"]
    assert len(placeholders) == len(spec.sections)
    assert {c[2] for c in problems} <= {"ASY103", "ASY021"}
    path.write_text(filled(path.read_text()))
    assert codes(scan_folder(tmp_path)) == []


def test_adr_gets_the_next_number_slug_date_and_git_author(
    write_files: Writer, capsys, monkeypatch, today: str
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(1),
            "adr/0007-b.md": adr(7),
            "adr/0009-draft.txt": "not markdown",
        }
    )
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "config", "user.name", "Chen Wu"], cwd=root, check=True)
    code, out, _ = run(root, ["new", "ADR", "Use PostgreSQL JSONB!"], capsys, monkeypatch)
    assert (code, out) == (0, "adr/0008-use-postgresql-jsonb.md\n")
    text = (root / "adr/0008-use-postgresql-jsonb.md").read_text()
    assert text.startswith(
        f"---\nstatus: proposed\ndate: {today}\ndeciders: [Chen Wu]\n---\n# 8. Use PostgreSQL JSONB!\n"
    )


def test_a_repository_template_overrides_the_built_in_one(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "adr/0001-a.md": adr(1),
            ".asyncops/templates/adr.md": "---\nstatus: proposed\ndate: {{ date }}\ndeciders: [{{author}}]\n---\n"
            "# {{number}}. {{title}}\n\n## Context\nTBD\n\n## Decision\nTBD\n\n## Consequences\nTBD\n\n## Links\n{{ id }}\n",
        }
    )
    code, out, _ = run(root, ["new", "adr", "Cache", "--author", "Bo: Li"], capsys, monkeypatch)
    assert (code, out) == (0, "adr/0002-cache.md\n")
    assert (
        (root / "adr/0002-cache.md")
        .read_text()
        .endswith(
            'deciders: ["Bo: Li"]\n---\n# 2. Cache\n\n'
            "## Context\nTBD\n\n## Decision\nTBD\n\n## Consequences\nTBD\n\n## Links\nADR-0002\n"
        )
    )


def test_a_team_kind_gets_a_template_from_its_definition(
    write_files: Writer, capsys, monkeypatch, today: str
) -> None:
    options = (
        "      kinds:\n        rfc:\n          sections: [Summary, Motivation]\n"
        "          statuses: [draft, accepted]\n          required_fields: [status, owner, due_date]"
    )
    root = write_files({"mkdocs.yml": mkdocs_yml(options), "docs/index.md": "# Home\n"})
    code, out, _ = run(root, ["new", "rfc", "Typed events", "--author", "Ana"], capsys, monkeypatch)
    assert (code, out) == (0, "docs/rfc/typed-events.md\n")
    path = root / "docs/rfc/typed-events.md"
    assert path.read_text() == (
        f"---\nkind: rfc\nstatus: draft\nowner: Ana\ndue_date: {today}\n---\n# Typed events\n\n"
        "## Summary\n\n[Write the summary here.]\n\n## Motivation\n\n[Write the motivation here.]\n"
    )
    assert run(root, ["check"], capsys, monkeypatch)[1].count("ASY103") == 2
    path.write_text(filled(path.read_text()))
    assert run(root, ["check"], capsys, monkeypatch)[0] == 0


def test_refuses_to_overwrite(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files({"design/search-v2.md": "mine\n"})
    code, out, err = run(root, ["new", "design", "Search v2"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert (
        err
        == "asyncops new: design/search-v2.md already exists; choose another title or edit that file\n"
    )
    assert (root / "design/search-v2.md").read_text() == "mine\n"


def test_refuses_a_second_adr_with_the_same_title(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files({"adr/0004-use-postgresql.md": adr(4)})
    code, out, err = run(root, ["new", "adr", "Use PostgreSQL"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        "asyncops new: adr/0004-use-postgresql.md already has this title; "
        "edit it, or choose another title\n"
    )
    assert [p.name for p in (root / "adr").iterdir()] == ["0004-use-postgresql.md"]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["new", "memo", "X"], 2, "unknown kind 'memo'"),
        (["new", "adr", "  "], 2, "the title is empty"),
        (["new", "adr", "X", "--template", "nope.md"], 1, "nope.md: no such template"),
        (["new", "adr", "X", "--template", "bad.md"], 1, "bad.md: unknown field {{titel}}"),
    ],
)
def test_refusals(
    write_files: Writer, capsys, monkeypatch, argv: list[str], code: int, message: str
) -> None:
    root = write_files({"bad.md": "# {{titel}}\n"})
    result, out, err = run(root, argv, capsys, monkeypatch)
    assert (result, out) == (code, "") and message in err
    assert not (root / "adr").exists()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use PostgreSQL JSONB", "use-postgresql-jsonb"),
        ("Café / Naïve  — ünïcode", "cafe-naive-unicode"),
        ("!!!", "untitled"),
        ("x" * 80, "x" * 60),
    ],
)
def test_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_subprocess_creates_and_then_refuses(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("asyncops")
    first = subprocess.run(
        [str(script), "new", "runbook", "Workflow engine", "--author", "Bo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert (first.returncode, first.stdout) == (0, "runbooks/workflow-engine.md\n")
    assert "systems: [workflow-engine]" in (tmp_path / "runbooks/workflow-engine.md").read_text()
    again = subprocess.run(
        [str(script), "new", "runbook", "Workflow engine"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.parametrize(
    "title",
    ['*Star: "quoted" #1', "&anchor !tag", "nel\x85line\u2028sep", "Crème brûlée ✅", "2024-13-45"],
)
def test_template_fields_in_the_frontmatter_read_back_as_the_values(title: str) -> None:
    from mkdocs_asyncops.edit.scaffold import render
    from mkdocs_asyncops.reading.frontmatter import read_frontmatter

    template = "----\ntitle: {{title}}\nteam: [{{author}}, x]\n----\n# {{title}}\n"
    text = render(template, {"title": title, "author": title})
    front, error = read_frontmatter(text)
    assert error is None and front.data == {"title": title, "team": [title, "x"]}
    assert front.body == f"\n# {title}\n"  # the body gets the words as they are
