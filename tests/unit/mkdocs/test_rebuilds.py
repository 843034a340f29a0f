"""`mkdocs serve` rebuilds: the history kept while HEAD stays, and inputs compared."""

from __future__ import annotations

from pathlib import Path

from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.history.kept import KeptHistory
from mkdocs_asyncops.mkdocs.rebuilds import alike
from tests.helpers.gitrepo import GitRepo


def test_the_history_is_kept_while_head_stays_and_edits_count_as_uncommitted(
    tmp_path: Path,
) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"docs/a.md": "# A\n", "docs/b.md": "# B\n"}, "2024-03-01 10:00")
    reader = KeptHistory()
    first = reader.read(tmp_path)
    assert reader.walked == 1 and first.changed == frozenset()
    (tmp_path / "docs/a.md").write_text("# A, edited\n", encoding="utf-8")
    reader.changed_files = [str(tmp_path / "docs/a.md")]
    reader.walked = -1
    edited = reader.read(tmp_path)
    assert reader.walked == -1  # not read again: HEAD is where it was
    assert edited.changed == {"docs/a.md"}
    assert edited.of(tmp_path / "docs/a.md").uncommitted
    assert not edited.of(tmp_path / "docs/b.md").uncommitted
    (tmp_path / "docs/a.md").write_text("# A\n", encoding="utf-8")  # edited back
    assert reader.read(tmp_path).changed == frozenset()
    repo.commit({"docs/b.md": "# B, changed\n"}, "2024-03-02 10:00")
    reader.changed_files = [str(tmp_path / "docs/b.md")]
    moved = reader.read(tmp_path)
    assert reader.walked == 1  # HEAD moved: the new commit is walked
    assert moved.head != first.head


def test_an_unknown_change_reads_the_history_again(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    repo.commit({"docs/a.md": "# A\n"}, "2024-03-01 10:00")
    reader = KeptHistory()
    reader.read(tmp_path)
    (tmp_path / "docs/new.md").write_text("# New\n", encoding="utf-8")
    reader.changed_files = None
    assert reader.read(tmp_path).changed == {"docs/new.md"}


def test_readings_of_the_same_configuration_are_alike(tmp_path: Path) -> None:
    def settings(rules: dict[str, object]) -> Settings:
        return Settings.build(tmp_path, [SourceFolder(path=tmp_path)], rules=rules)

    assert alike(settings({"ASY102": "warning"}), settings({"ASY102": "warning"}))
    assert not alike(settings({"ASY102": "warning"}), settings({"ASY102": "error"}))
