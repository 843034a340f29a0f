"""`asyncops migrate`: body metadata into frontmatter, nothing else touched, bad files refused."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.edit.migrate import apply, plan
from mkdocs_asyncops.pipeline import Checked
from tests.helpers import SHARED, Writer, scan_folder
from tests.helpers.cli import run
from tests.unit.imports.test_formats import LOG4BRAINS, MADR_2, adr_tools

OLD = adr_tools(
    1, "Use make", "Superceded by [2. Use just](0002-use-just-renamed.md)", when="12/02/2016"
)
NEW = MADR_2.format(status="✅ Accepted", when="September 20, 2024").replace(
    "# Use Kafka", "# 2. Use just"
)


def facts(result: Checked) -> dict[str, tuple]:
    """What a reader of the log needs: per record its status, date, title and relations."""
    handbook = result.handbook
    return {
        doc.id: (
            doc.status,
            getattr(doc.meta, "date", None),
            doc.title,
            sorted(
                (rel, other.id)
                for rel in ("supersedes", "superseded_by", "amends", "amended_by")
                for other in handbook.related(doc, rel)
            ),
        )
        for doc in result.documents
    }


def test_dry_run_shows_a_diff_and_changes_nothing(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files({"adr/0001-use-make.md": OLD, "adr/0002-use-just.md": NEW})
    code, out, err = run(["migrate", "adr"], root, capsys, monkeypatch)
    assert code == 0
    assert (root / "adr/0001-use-make.md").read_text() == OLD
    assert out.startswith("--- a/adr/0001-use-make.md\n+++ b/adr/0001-use-make.md\n")
    assert "+status: superseded\n+date: 2016-02-12\n+superseded_by: [ADR-0002]\n" in out
    assert "-## Status\n" in out and "-Date: 12/02/2016\n" in out
    assert "+status: accepted\n+date: 2024-09-20\n+deciders: [Ana Souza, Bo Li]\n" in out
    assert err.strip() == "2 files to migrate, 0 files refused; run with --write to apply"


def test_write_moves_metadata_to_frontmatter_and_keeps_the_rest(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"adr/0001-use-make.md": OLD, "adr/0002-use-just.md": NEW})
    before = facts(scan_folder(root))
    assert run(["migrate", "--write", "adr"], root, capsys, monkeypatch)[0] == 0
    assert (root / "adr/0001-use-make.md").read_text() == (
        "---\nstatus: superseded\ndate: 2016-02-12\nsuperseded_by: [ADR-0002]\n---\n# 1. Use make\n\n"
        + OLD[OLD.index("## Context") :]
    )
    after = scan_folder(root)
    assert facts(after) == before and after.diagnostics == []
    assert all(doc.source_format is None for doc in after.documents)
    code, out, err = run(["migrate", "adr"], root, capsys, monkeypatch)  # nothing left to do
    assert (code, out) == (0, "") and err.startswith("0 files to migrate")


def test_existing_frontmatter_is_edited_in_place(write_files: Writer, capsys, monkeypatch) -> None:
    text = (
        "---\n# kept comment\nparent: Decisions\nstatus: { accepted }\ndeciders:\n  - Ana\ndate: 20/09/2024\n---\n"
        "# Use a queue\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n"
    )
    root = write_files({"adr/0003-queue.md": text})
    assert run(["migrate", "--write", "adr"], root, capsys, monkeypatch)[0] == 0
    assert (root / "adr/0003-queue.md").read_text() == text.replace(
        "{ accepted }", "accepted"
    ).replace("20/09/2024", "2024-09-20")


def test_line_ends_and_files_without_changes_are_kept(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"adr/0001-use-make.md": OLD.replace("\n", "\r\n").encode()})
    run(["migrate", "--write", "adr"], root, capsys, monkeypatch)
    migrated = (root / "adr/0001-use-make.md").read_bytes()
    assert migrated.startswith(b"---\r\nstatus: superseded\r\n") and b"\n" not in migrated.replace(
        b"\r\n", b""
    )


def test_files_that_cannot_be_read_are_refused_and_left_alone(
    write_files: Writer, capsys, monkeypatch
) -> None:
    broken = "---\nstatus: [\n---\n" + OLD
    root = write_files(
        {
            "adr/0001-use-make.md": broken,
            "adr/0004-latin1.md": OLD.replace("make", "mäke").encode("latin-1"),
        }
    )
    code, out, err = run(["migrate", "--write", "adr"], root, capsys, monkeypatch)
    assert code == 1 and out == ""
    assert "adr/0001-use-make.md: refused, the file cannot be read (line 3: invalid YAML" in err
    assert (
        "adr/0004-latin1.md: refused, the file cannot be read (line 1: the file is not valid UTF-8"
        in err
    )
    assert (root / "adr/0001-use-make.md").read_text() == broken


def test_a_file_that_cannot_be_written_is_named_and_the_exit_code_says_so(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"adr/0001-use-make.md": OLD})

    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("mkdocs_asyncops.edit.file_writes.os.replace", refuse)
    code, _, err = run(["migrate", "--write", "adr"], root, capsys, monkeypatch)
    assert (
        code == 1
        and "adr/0001-use-make.md: not written (Permission denied); the file is unchanged" in err
    )
    assert (root / "adr/0001-use-make.md").read_text() == OLD


def test_migrate_needs_a_path(capsys) -> None:
    assert main(["migrate"]) == 2
    assert main(["migrate", "--write", "--dry-run", "x"]) == 2


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="../shared/corpora is not present")
@pytest.mark.parametrize(
    "folders",
    [
        ("npryce__adr-tools/doc/adr",),
        ("thomvaill__log4brains/docs/adr", "thomvaill__log4brains/packages/core/docs/adr"),
        ("adr__madr/docs/decisions",),
    ],
)
def test_the_real_logs_migrate_without_losing_a_fact(
    tmp_path: Path, folders: tuple[str, ...]
) -> None:
    for folder in folders:  # a scratch copy: the corpora are never written to
        shutil.copytree(SHARED / "corpora" / folder, tmp_path / folder)
    before = scan_folder(tmp_path, *folders, forced_kind="adr")
    for migration in plan(before):
        assert not migration.refused
        migration.abs_path.write_text(migration.after, encoding="utf-8")
    after = scan_folder(tmp_path, *folders, forced_kind="adr")
    assert facts(after) == facts(before)
    assert {d.rule.code for d in after.diagnostics} <= {d.rule.code for d in before.diagnostics}
    assert plan(after) and not any(m.changed for m in plan(after))


def test_log4brains_links_stay_in_the_body(write_files: Writer) -> None:
    text = LOG4BRAINS.format(
        title="Use slugs",
        status="accepted",
        when="2020-10-16",
        links="\n## Links\n\n- Supersedes [20200926-use-numbers](20200926-use-numbers.md)\n",
    )
    old = LOG4BRAINS.format(title="Use numbers", status="superseded", when="2020-09-26", links="")
    root = write_files({"adr/20201016-use-slugs.md": text, "adr/20200926-use-numbers.md": old})
    (migration,) = [m for m in plan(scan_folder(root)) if m.path.endswith("use-slugs.md")]
    assert migration.after.startswith(
        "---\nstatus: accepted\ndate: 2020-10-16\nsupersedes: [20200926-use-numbers]\n---\n"
    )
    assert "- Supersedes [20200926-use-numbers](20200926-use-numbers.md)" in migration.after


def test_new_keys_go_at_the_end_of_existing_frontmatter_and_unknown_statuses_keep_their_words(
    write_files: Writer,
) -> None:
    text = (
        "---\nparent: Decisions # Jekyll\nnav_order: 3\n---\n# 3. Hold\n\nDate: 2018-06-14\n\n## Status\n\nOn hold\n\n"
        "We revisit this after 2.0.\n\n## Context\n\nWhy.\n"
    )
    root = write_files({"adr/0003-hold.md": text})
    (migration,) = plan(scan_folder(root))
    assert migration.after == (
        "---\nparent: Decisions # Jekyll\nnav_order: 3\nstatus: On hold\ndate: 2018-06-14\n---\n# 3. Hold\n\n## Status\n\nOn hold\n\n"
        "We revisit this after 2.0.\n\n## Context\n\nWhy.\n"
    )


IMPORTED_PIECES = st.sampled_from(
    [
        "# 4. Title\n",
        "## Status\n",
        "Accepted\n",
        "Superseded by [2. B](0002-b.md)\n",
        "Amends 2\n",
        "* Status: pending\n",
        "- Date: 20/09/2024\n",
        "Date: September 20, 2024\n",
        "* Deciders: Ana, Bo\n",
        "## Links\n",
        "- Supersedes 0002-b.md\n",
        "## Context\n",
        "text\n",
        "\n",
        "---\n",
        "status: {x}\n",
        "```\n",
        "<!--\n",
        "-->\n",
        "# [template]\n",
        "\r\n",
        "\ufeff",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(IMPORTED_PIECES, max_size=30).map("".join))
@example(
    "## Status\n```\n```\n# 4. Title\n"
)  # found by a fuzz campaign: a fence was read as the status
def test_migrating_any_record_keeps_what_it_states(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "adr").mkdir()
        (root / "adr" / "0004-a.md").write_text(text, encoding="utf-8", newline="")
        (root / "adr" / "0002-b.md").write_text(adr_tools(2, "B", "Accepted"), encoding="utf-8")
        before = scan_folder(root)
        for migration in plan(before):
            if migration.changed:
                migration.abs_path.write_text(migration.after, encoding="utf-8", newline="")
        after = scan_folder(root)
        assert facts(after) == facts(before)
        assert not any(m.changed for m in plan(after))


def test_writes_are_atomic_and_keep_the_file_mode(write_files: Writer, monkeypatch) -> None:
    root = write_files({"adr/0001-use-make.md": OLD, "adr/0002-use-just.md": NEW})
    path = root / "adr/0001-use-make.md"
    path.chmod(0o640)
    migrations = plan(scan_folder(root))

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("mkdocs_asyncops.edit.file_writes.os.replace", fail)
    written, failed = apply(migrations)
    assert written == [] and [(m.path, str(exc)) for m, exc in failed] == [
        ("adr/0001-use-make.md", "disk full"),
        ("adr/0002-use-just.md", "disk full"),
    ]
    assert path.read_text() == OLD and sorted(p.name for p in (root / "adr").iterdir()) == [
        "0001-use-make.md",
        "0002-use-just.md",
    ]
    monkeypatch.undo()
    assert [m.path for m in apply(migrations)[0]] == [
        "adr/0001-use-make.md",
        "adr/0002-use-just.md",
    ]
    assert (
        path.read_text().startswith("---\nstatus: superseded\n")
        and path.stat().st_mode & 0o777 == 0o640
    )


def test_frontmatter_the_editor_cannot_change_safely_is_refused_and_named(
    write_files: Writer, capsys, monkeypatch
) -> None:
    text = "---\ndate: 20/09/2024\ndate: 21/09/2024\n---\n" + OLD[OLD.index("# 1.") :]
    root = write_files({"adr/0001-use-make.md": text})
    (migration,) = plan(scan_folder(root))
    assert migration.refused and not migration.changed
    code, out, err = run(["migrate", "--write", "adr"], root, capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert (
        "adr/0001-use-make.md: refused, its frontmatter cannot be edited safely "
        "(adr/0001-use-make.md:3: 'date' appears on lines 2 and 3; keep one" in err
    )
    assert (root / "adr/0001-use-make.md").read_text() == text


def test_hostile_words_moved_into_frontmatter_read_back_exactly(write_files: Writer) -> None:
    status = 'On hold: "see #12" *really*'
    root = write_files(
        {"adr/0001-use-make.md": adr_tools(1, "Use make", status, when="12/02/2016")}
    )
    (migration,) = plan(scan_folder(root))
    assert migration.after.startswith('---\nstatus: "On hold: \\"see #12\\" *really*"\n')
    migration.abs_path.write_text(migration.after, encoding="utf-8")
    (doc,) = scan_folder(root).documents
    assert doc.frontmatter["status"] == status
