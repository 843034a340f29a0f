"""Code that cites a decision: backlinks with lines, and citations of retired decisions."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from mkdocs_asyncops import pipeline
from mkdocs_asyncops.boards.board import build_boards
from mkdocs_asyncops.core.settings import DEFAULT_CITATION_GLOBS, Settings
from mkdocs_asyncops.handbook.citations import _Targets
from mkdocs_asyncops.health.assess import read_history
from mkdocs_asyncops.history.model import History
from mkdocs_asyncops.history.reader import HistoryReader
from mkdocs_asyncops.pipeline import Checked, run_checks
from mkdocs_asyncops.reading.model import SourceFolder
from mkdocs_asyncops.render.export import build_export
from mkdocs_asyncops.render.header import (
    code_url,
    header_context,
    render_header,
    template_environment,
)
from tests.helpers import VALID
from tests.helpers.gitrepo import GitRepo, at

ACCEPTED = VALID["adr/0001-use-postgres.md"]


def adr(number: int, title: str, status: str, extra: str = "") -> str:
    return (
        ACCEPTED.replace("status: accepted", f"status: {status}{extra}")
        .replace("supersedes: []\n", "")
        .replace("# 1. Use PostgreSQL JSONB for workflow state", f"# {number}. {title}")
    )


SOURCE = """\
import json

# Workflow state is JSONB (ADR-1).
def load(row):
    return json.loads(row)  # the old cache, see ADR 0002
# docs/adr/0003-use-redis.md says why; MADR 2 is a format, ADR-99 does not exist
x = "ADR-0004"
"""


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path)
    repo.commit(
        {
            "docs/adr/0001-use-postgres.md": ACCEPTED,
            "docs/adr/0002-use-memcached.md": adr(
                2, "Use memcached", "superseded", "\nsuperseded_by: [3]"
            ),
            "docs/adr/0003-use-redis.md": adr(3, "Use Redis", "accepted", "\nsupersedes: [2]"),
            "docs/adr/0004-use-mongo.md": adr(4, "Use Mongo", "rejected"),
            "src/app.py": SOURCE,
            "src/blob.bin": "ADR-1\0binary",
            "src/vendored.py": "# ADR-1\n",
            "notes.txt": "ADR-1\n",  # not a source file by the default globs
            "src/<b>.py": "\n# ADR-1\n",
        },
        "2024-01-01 10:00",
    )
    repo.commit({".gitignore": "src/vendored.py\n"}, "2024-01-02 10:00")
    repo.write({"src/untracked.py": "# ADR-1\n"})
    return repo


def checked(root: Path, **options) -> Checked:
    settings = Settings.build(
        root, [SourceFolder(path=root / "docs")], citations=DEFAULT_CITATION_GLOBS, **options
    )
    settings.whole_handbook = True
    return run_checks(settings)


def cites(result: Checked) -> dict[str, list[tuple[str, int]]]:
    return {
        path: [(c.path, c.line) for c in found]
        for path, found in sorted(result.citations.by_document.items())
    }


def test_citations_in_tracked_source_files_with_their_lines(repo: GitRepo) -> None:
    assert cites(checked(repo.path)) == {
        "docs/adr/0001-use-postgres.md": [("src/<b>.py", 2), ("src/app.py", 3)],
        "docs/adr/0002-use-memcached.md": [("src/app.py", 5)],
        "docs/adr/0003-use-redis.md": [("src/app.py", 6)],
        "docs/adr/0004-use-mongo.md": [("src/app.py", 7)],
    }
    # binary, ignored, untracked and non-source files are not read; globs are configurable
    for globs in (("*.txt",), ("note?.*",), ("[n]otes.txt", "*.none")):
        settings = Settings.build(
            repo.path, [SourceFolder(path=repo.path / "docs")], citations=globs
        )
        settings.whole_handbook = True
        assert cites(run_checks(settings)) == {"docs/adr/0001-use-postgres.md": [("notes.txt", 1)]}


def test_a_project_in_a_subfolder_names_files_from_its_root(repo: GitRepo) -> None:
    repo.commit({"site/docs/adr/0001-x.md": ACCEPTED, "site/code/x.py": "# ADR-1\n"}, "2024-02-01")
    assert cites(checked(repo.path / "site")) == {"docs/adr/0001-x.md": [("code/x.py", 1)]}
    [citation] = checked(repo.path / "site").citations.all()
    assert citation.repo_path == "site/code/x.py"


def test_citing_a_retired_decision_is_a_warning_naming_the_successor(repo: GitRepo) -> None:
    problems = [
        (d.path, d.line, d.level.value, d.message)
        for d in checked(repo.path).diagnostics
        if d.rule.code == "ASY409"
    ]
    assert problems == [
        (
            "src/app.py",
            5,
            "warning",
            (
                "cites ADR-0002 (superseded, 'Use memcached'): it is superseded by ADR-0003; "
                "cite ADR-0003 instead"
            ),
        ),
        (
            "src/app.py",
            7,
            "warning",
            (
                "cites ADR-0004 (rejected, 'Use Mongo'): the decision was not taken; remove the "
                "citation or cite the one that was"
            ),
        ),
    ]


def test_cited_by_code_in_the_header_links_to_the_web_view_escaped(repo: GitRepo) -> None:
    result = checked(repo.path)
    doc = next(d for d in result.documents if d.number == 1)
    context = header_context(doc, result)
    env = template_environment()
    link = code_url("https://github.com/acme/app.git", "abc123")
    html = render_header(env, context, lambda uri: "#", link)
    assert "<dt>Cited by code</dt>" in html
    assert (
        '<a href="https://github.com/acme/app/blob/abc123/src/app.py#L3"><code>src/app.py:3</code></a>'
        in html
    )
    assert (
        '<a href="https://github.com/acme/app/blob/abc123/src/%3Cb%3E.py#L2"><code>src/&lt;b&gt;.py:2</code></a>'
        in html
    )
    plain = render_header(env, context, lambda uri: "#")  # no repo_url: no links
    assert "<code>src/app.py:3</code>" in plain and "blob" not in plain
    gitlab = code_url("https://gitlab.com/acme/app", None)
    assert (
        gitlab is not None
        and gitlab("a b.py", 4) == "https://gitlab.com/acme/app/-/blob/HEAD/a%20b.py#L4"
    )
    assert code_url("javascript:alert(1)", "x") is None


def test_the_export_lists_citations(repo: GitRepo) -> None:
    result = checked(repo.path)
    boards = build_boards(result.documents, at("2024-06-01 00:00"))
    rows = build_export(result, boards)["citations"]
    assert rows[0] == {
        "path": "src/<b>.py",
        "line": 2,
        "document": "docs/adr/0001-use-postgres.md",
        "text": "ADR-1",
    }
    assert [(r["path"], r["line"]) for r in rows] == [
        ("src/<b>.py", 2),
        ("src/app.py", 3),
        ("src/app.py", 5),
        ("src/app.py", 6),
        ("src/app.py", 7),
    ]


def test_only_the_whole_handbook_reads_code(repo: GitRepo) -> None:
    settings = Settings.build(
        repo.path, [SourceFolder(path=repo.path / "docs")], citations=DEFAULT_CITATION_GLOBS
    )
    assert run_checks(settings).citations.all() == []


def test_only_regular_files_up_to_one_mib_are_read(repo: GitRepo) -> None:
    """At most 1 MiB, read as much as the file holds; a FIFO in place of a tracked file (no
    writer will ever come) is skipped, not waited for."""
    limit = 1 << 20
    added = {
        "src/at_limit.py": "x" * (limit - 6) + "\nADR-1",
        "src/over_limit.py": "x" * (limit - 5) + "\nADR-1",
        "src/pipe.py": "# ADR-1\n",
    }
    repo.write(added)
    (repo.path / "src/link.py").symlink_to("app.py")  # a tracked symlink is not read either
    repo.git("add", *added, "src/link.py")
    repo.git("commit", "-q", "-m", "More code")
    (repo.path / "src/pipe.py").unlink()
    os.mkfifo(repo.path / "src/pipe.py")
    done: list[Checked] = []
    reader = threading.Thread(target=lambda: done.append(checked(repo.path)), daemon=True)
    reader.start()
    reader.join(timeout=60)
    if not done:  # release the reader before failing
        os.close(os.open(repo.path / "src/pipe.py", os.O_WRONLY | os.O_NONBLOCK))
    assert done, "the FIFO was waited for"
    assert cites(done[0])["docs/adr/0001-use-postgres.md"] == [
        ("src/<b>.py", 2),
        ("src/app.py", 3),
        ("src/at_limit.py", 2),
    ]


def test_a_file_in_a_merge_conflict_is_read_once(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "other")
    for side in ("theirs", "ours"):
        repo.write({"src/merge.py": f"# ADR-1 {side}\n"})
        repo.git("add", "src/merge.py")
        repo.git("commit", "-q", "-m", side)
        repo.git("checkout", "-q", "main")
    with pytest.raises(subprocess.CalledProcessError):
        repo.git("merge", "-q", "other")
    # each side of the conflict once, though the index holds the file three times
    found = cites(checked(repo.path))["docs/adr/0001-use-postgres.md"]
    assert [line for path, line in found if path == "src/merge.py"] == [2, 4]


@pytest.mark.parametrize(
    "text",
    [
        "ADRADR-1 xADR-2 ADR-3ADR-4 ADR-1, ADR 0003.",
        "adr/adr/0001-use-postgres.md adr/0003-use-redis/ docs/adr/0002-use-memcached.html",
        "ADR-1adr/0003-use-redis.md ADR- ADR ADR-1-2 #ADR-1 [ADR-3](adr/0003-use-redis.md)",
        "",
    ],
)
def test_citations_are_tried_at_their_keys_only_with_the_same_matches(
    repo: GitRepo, text: str
) -> None:
    """Searching from each key's place finds exactly what one scan of every byte finds."""
    targets = _Targets(checked(repo.path).documents)
    assert targets.pattern is not None
    data = text.encode()
    expected = [(m.span(), m.groups()) for m in targets.pattern.finditer(data)]
    assert [(m.span(), m.groups()) for m in targets.matches(data)] == expected
    assert expected or not text


def test_code_is_searched_while_the_history_is_still_read(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run_checks` finds the citations before it waits for the history (a `git log` running
    beside it), so that the wait is put to use."""
    settings = Settings.build(
        repo.path, [SourceFolder(path=repo.path / "docs")], citations=DEFAULT_CITATION_GLOBS
    )
    settings.whole_handbook = True
    searched: list[int] = []
    find = pipeline.find_citations
    monkeypatch.setattr(pipeline, "find_citations", lambda *a: searched.append(1) or find(*a))

    def history() -> History:
        assert searched, "the history was waited for before the code was searched"
        return read_history(settings, HistoryReader(), at("2024-02-01 10:00"))

    result = run_checks(settings, history=history)
    assert result.health is not None and result.health.history.available
    assert searched == [1]
    assert cites(result)["docs/adr/0003-use-redis.md"] == [("src/app.py", 6)]
