"""`asyncops adr supersede` and `asyncops adr status`: only the keys involved change."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.main import main
from tests.helpers import Writer, adr
from tests.helpers.site import mkdocs_yml

OLD = (
    "---\r\nstatus: accepted   # agreed at the March sync\r\ndate: 2024-03-01\r\n"
    "superseded-by: []\r\n---\r\n# 1. Use MySQL\r\n\r\n## Context\r\nx\r\n\r\n## Decision\r\ny\r\n"
    "\r\n## Consequences\r\nz\r\n"
)
NYGARD = "# 5. Use Redis\n\n## Status\nAccepted\n\n## Context\nx\n\n## Decision\ny\n\n## Consequences\nz\n"


@pytest.fixture
def project(write_files: Writer) -> Path:
    return write_files(
        {
            "adr/0001-use-mysql.md": OLD.encode(),
            "adr/0002-use-postgresql.md": adr(2, "Use PostgreSQL").replace("accepted", "proposed"),
            "adr/0003-broken.md": adr(3).replace("date: 2024-03-01", "date: [2024"),
            "adr/0005-use-redis.md": NYGARD,
        }
    )


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "adr").iterdir())}


def run(root: Path, argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_supersede_edits_only_the_keys_involved(project: Path, capsys, monkeypatch) -> None:
    before = files(project)
    code, out, err = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "adr/0001-use-mysql.md: status: superseded, superseded-by: [2]",
        "adr/0002-use-postgresql.md: supersedes: [1]",
    ]
    after = files(project)
    assert after["0001-use-mysql.md"] == before["0001-use-mysql.md"].replace(
        b"status: accepted   #", b"status: superseded   #"
    ).replace(b"superseded-by: []", b"superseded-by: [2]")
    assert after["0002-use-postgresql.md"] == before["0002-use-postgresql.md"].replace(
        b"deciders: [Ana, Bo]\n", b"deciders: [Ana, Bo]\nsupersedes: [1]\n"
    )
    assert {k: v for k, v in after.items() if not k.startswith(("0001", "0002"))} == {
        k: v for k, v in before.items() if not k.startswith(("0001", "0002"))
    }


def test_supersede_twice_changes_nothing(project: Path, capsys, monkeypatch) -> None:
    run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    before = files(project)
    code, out, _ = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    assert code == 0 and out.count("unchanged") == 2 and files(project) == before


def test_status_changes_one_line(project: Path, capsys, monkeypatch) -> None:
    before = files(project)
    code, out, _ = run(project, ["adr", "status", "2", "Accepted"], capsys, monkeypatch)
    assert (code, out) == (0, "adr/0002-use-postgresql.md: status: accepted\n")
    after = files(project)
    assert after.pop("0002-use-postgresql.md") == before.pop("0002-use-postgresql.md").replace(
        b"status: proposed", b"status: accepted"
    )
    assert after == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["adr", "status", "9", "accepted"],
            "there is no adr number 9 (the last numbers are: 1, 2, 3, 5)",
        ),
        (["adr", "supersede", "1", "9"], "there is no adr number 9"),
        (
            ["adr", "status", "2", "acepted"],
            "'acepted' is not an ADR status; use one of: proposed, accepted",
        ),
        (["adr", "supersede", "3", "2"], "adr/0003-broken.md:4: invalid YAML in the frontmatter"),
        (["adr", "supersede", "2", "3"], "adr/0003-broken.md:4: invalid YAML"),
        (
            ["adr", "status", "5", "deprecated"],
            (
                "adr/0005-use-redis.md: the file has no frontmatter block; "
                "move its metadata into one with `asyncops migrate --write`"
            ),
        ),
        (["adr", "supersede", "2", "2"], "ADR-0002 cannot supersede itself"),
    ],
)
def test_refusals_change_no_file(
    project: Path, capsys, monkeypatch, argv: list[str], message: str
) -> None:
    before = files(project)
    code, out, err = run(project, argv, capsys, monkeypatch)
    assert code == 1 and out == "" and message in err
    assert files(project) == before


def test_a_status_read_from_the_body_is_not_rewritten(project: Path, capsys, monkeypatch) -> None:
    before = files(project)
    code, out, _ = run(project, ["adr", "status", "5", "accepted"], capsys, monkeypatch)
    assert (code, out) == (0, "adr/0005-use-redis.md: unchanged\n") and files(project) == before


def test_usage_errors_exit_two(project: Path, capsys, monkeypatch) -> None:
    assert run(project, ["adr", "status", "two", "accepted"], capsys, monkeypatch)[0] == 2
    assert run(project, ["adr"], capsys, monkeypatch)[0] == 2


def test_subprocess_in_a_git_repository_leaves_a_two_line_diff(project: Path) -> None:
    git = [
        "git",
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "-c",
        "core.autocrlf=false",
    ]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "ADRs"], cwd=project, check=True)
    script = Path(sys.executable).with_name("asyncops")
    proc = subprocess.run(
        [str(script), "adr", "supersede", "1", "2"], cwd=project, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    numstat = subprocess.run(
        [*git, "diff", "--numstat"], cwd=project, capture_output=True, text=True, check=True
    )
    assert sorted(numstat.stdout.splitlines()) == [
        "1\t0\tadr/0002-use-postgresql.md",
        "2\t2\tadr/0001-use-mysql.md",
    ]


def test_config_file_option_after_the_action(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {
            "site/mkdocs.yml": mkdocs_yml(),
            "site/docs/index.md": "# Home\n",
            "site/adr/0001-x.md": adr(),
        }
    )
    code, out, _ = run(
        root, ["adr", "status", "1", "deprecated", "-f", "site/mkdocs.yml"], capsys, monkeypatch
    )
    assert (code, out) == (0, "adr/0001-x.md: status: deprecated\n")
    assert "status: deprecated\n" in (root / "site/adr/0001-x.md").read_text()


def test_supersede_refuses_to_close_a_circle(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {
            "adr/0001-a.md": adr(1, "A").replace(
                "status: accepted", "status: superseded\nsuperseded_by: [2]"
            ),
            "adr/0002-b.md": adr(2, "B").replace(
                "status: accepted", "status: superseded\nsuperseded_by: [3]"
            ),
            "adr/0003-c.md": adr(3, "C"),
        }
    )
    before = files(root)
    code, out, err = run(root, ["adr", "supersede", "3", "1"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        "asyncops adr: ADR-0001 superseding ADR-0003 would make supersession go round in a circle "
        "(ADR-0003 -> ADR-0001 -> ADR-0002 -> ADR-0003); no file was changed\n"
    )
    assert files(root) == before


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (
            "status: &s proposed\ndate: 2024-03-01\nreviewed: *s\n",
            "adr/0001-a.md:2: `status` carries the anchor `&s`, which line 4 uses",
        ),
        (
            "status: proposed\ndate: 2024-03-01\nstatus: accepted\n",
            "adr/0001-a.md:4: 'status' appears on lines 2 and 4; keep one",
        ),
    ],
)
def test_status_refuses_yaml_it_cannot_edit_safely(
    write_files: Writer, capsys, monkeypatch, head: str, message: str
) -> None:
    root = write_files(
        {
            "adr/0001-a.md": f"---\n{head}---\n# 1. A\n\n## Context\nx\n\n## Decision\ny\n\n## Consequences\nz\n"
        }
    )
    before = files(root)
    code, out, err = run(root, ["adr", "status", "1", "deprecated"], capsys, monkeypatch)
    assert (
        (code, out) == (1, "")
        and err.startswith(f"asyncops adr: {message}")
        and err.count("\n") == 1
    )
    assert files(root) == before


def _fail_on_call(monkeypatch, name: str, call: int, code: int) -> None:
    """Make `os.<name>` in the file writer fail with `code` on its `call`-th use."""
    from mkdocs_asyncops.edit import file_writes

    real = getattr(os, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == call:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(file_writes.os, name, failing)


@pytest.mark.parametrize(
    ("name", "code", "reason"),
    [
        ("write", errno.ENOSPC, "No space left on device"),
        ("replace", errno.EACCES, "Permission denied"),
    ],
)
def test_supersede_changes_both_files_or_neither(
    project: Path, capsys, monkeypatch, name: str, code: int, reason: str
) -> None:
    """The disk fills up while the second file is written, or the second replacement is refused
    after the first file was replaced: both files stay as they were, and no temporary file is left."""
    before = files(project)
    _fail_on_call(monkeypatch, name, 2, code)
    code_, out, err = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    assert (code_, out) == (1, "")
    assert (
        err
        == f"asyncops adr: cannot write adr/0002-use-postgresql.md ({reason}); no file was changed\n"
    )
    assert files(project) == before


def test_a_read_only_file_is_refused_before_anything_changes(
    project: Path, capsys, monkeypatch
) -> None:
    (project / "adr/0002-use-postgresql.md").chmod(0o444)
    before = files(project)
    code, out, err = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        "asyncops adr: cannot write adr/0002-use-postgresql.md (the file is read-only; make it writable first); "
        "no file was changed\n"
    )
    assert (
        files(project) == before
        and (project / "adr/0002-use-postgresql.md").stat().st_mode & 0o777 == 0o444
    )


def test_a_folder_refusing_the_second_temporary_file_changes_nothing(
    project: Path, capsys, monkeypatch
) -> None:
    """What a read-only folder does to a user who is not root (the tests may run as root)."""
    from mkdocs_asyncops.edit import file_writes

    real, calls = file_writes.tempfile.mkstemp, []

    def refusing(*args, **kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), kwargs["dir"])
        return real(*args, **kwargs)

    monkeypatch.setattr(file_writes.tempfile, "mkstemp", refusing)
    before = files(project)
    code, out, err = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert (
        err
        == "asyncops adr: cannot write adr/0002-use-postgresql.md (Permission denied); no file was changed\n"
    )
    assert files(project) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused_before_anything_changes(
    project: Path, capsys, monkeypatch
) -> None:
    before = files(project)
    (project / "adr").chmod(0o555)
    try:
        code, out, err = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    finally:
        (project / "adr").chmod(0o755)
    assert (code, out) == (1, "") and "(Permission denied); no file was changed" in err
    assert files(project) == before


def test_status_through_a_symlink_edits_the_file_it_points_at(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"records/0001-a.md": adr(1, "A")})
    (root / "records/0001-a.md").chmod(0o640)
    (root / "adr").mkdir()
    (root / "adr/0001-a.md").symlink_to("../records/0001-a.md")
    code, out, err = run(root, ["adr", "status", "1", "deprecated"], capsys, monkeypatch)
    assert (code, out, err) == (0, "adr/0001-a.md: status: deprecated\n", "")
    link = root / "adr/0001-a.md"
    assert link.is_symlink() and os.readlink(link) == "../records/0001-a.md"
    assert (root / "records/0001-a.md").read_text() == adr(1, "A").replace(
        "status: accepted", "status: deprecated"
    )
    assert (root / "records/0001-a.md").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in (root / "records").iterdir()) == ["0001-a.md"]


def test_status_on_a_hard_linked_file_changes_it_under_every_name(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files({"adr/0001-a.md": adr(1, "A")})
    (root / "adr/0001-a.md").chmod(0o600)
    os.link(root / "adr/0001-a.md", root / "kept-copy.txt")
    code, out, _ = run(root, ["adr", "status", "1", "deprecated"], capsys, monkeypatch)
    assert (code, out) == (0, "adr/0001-a.md: status: deprecated\n")
    expected = adr(1, "A").replace("status: accepted", "status: deprecated")
    assert (root / "adr/0001-a.md").read_text() == expected == (root / "kept-copy.txt").read_text()
    status = (root / "adr/0001-a.md").stat()
    assert status.st_ino == (root / "kept-copy.txt").stat().st_ino and status.st_nlink == 2
    assert status.st_mode & 0o777 == 0o600 and sorted(p.name for p in (root / "adr").iterdir()) == [
        "0001-a.md"
    ]


def test_a_file_that_cannot_be_put_back_is_not_called_unchanged(
    project: Path, capsys, monkeypatch
) -> None:
    from mkdocs_asyncops.edit import file_writes

    real, calls = os.replace, []

    def failing(*args):
        calls.append(args)
        if len(calls) > 1:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(*args)

    monkeypatch.setattr(file_writes.os, "replace", failing)
    code, out, err = run(project, ["adr", "supersede", "1", "2"], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        "asyncops adr: cannot write adr/0002-use-postgresql.md (Input/output error); "
        "adr/0001-use-mysql.md could not be put back; restore it from version control\n"
    )
