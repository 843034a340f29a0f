"""Three real, public decision logs read as a careful reader of them would.

The expected facts below were written by reading the files in `../shared/corpora`, not by
running this tool on them. The tests skip when that folder is absent.
"""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

from mkdocs_asyncops.core.settings import Settings, SourceFolder
from mkdocs_asyncops.pipeline import Checked, run_checks
from tests.helpers import SHARED
from tests.helpers.site import MERMAID, build_site, mkdocs_yml

CORPORA = SHARED / "corpora"

pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not present")


def read_log(*folders: str) -> Checked:
    paths = [SourceFolder(path=CORPORA / folder) for folder in folders]
    return run_checks(Settings.build(CORPORA, paths, forced_kind="adr"))


def statuses(result: Checked) -> dict[str, tuple[str | None, str | None]]:
    return {doc.source.stem: (doc.status, doc.raw_status) for doc in result.documents}


def related(result: Checked, relation: str) -> set[tuple[str, str]]:
    handbook = result.handbook
    return {
        (doc.source.stem, other.source.stem)
        for doc in handbook.documents
        for other in handbook.related(doc, relation)
    }


def test_adr_tools_own_log() -> None:
    result = read_log("npryce__adr-tools/doc/adr")
    dates = {
        1: date(2016, 2, 12),
        2: date(2016, 2, 12),
        3: date(2016, 2, 12),
        4: date(2016, 2, 12),
        5: date(2016, 2, 13),
        6: date(2016, 2, 16),
        7: date(2016, 12, 17),
        8: date(2017, 2, 21),
        9: date(2018, 6, 26),
    }
    assert {doc.number: doc.meta.date for doc in result.documents} == dates
    assert {doc.status for doc in result.documents} == {"accepted"}
    assert related(result, "superseded_by") == set()
    assert related(result, "amended_by") == {("0005-help-comments", "0009-help-scripts")}
    assert related(result, "amends") == {("0009-help-scripts", "0005-help-comments")}
    titles = {doc.number: doc.title for doc in result.documents}
    assert titles[8] == "Use ISO 8601 Format for Dates"
    assert result.diagnostics == []


LOG4BRAINS_RECORDS = {
    "20200924-use-markdown-architectural-decision-records",
    "20200925-multi-packages-architecture-in-a-monorepo-with-yarn-and-lerna",
    "20200925-use-prettier-eslint-airbnb-for-the-code-style",
    "20200926-use-the-adr-number-as-its-unique-id",
    "20200927-avoid-default-exports",
    "20201016-use-the-adr-slug-as-its-unique-id",
    "20201026-the-core-api-is-responsible-for-enhancing-the-adr-markdown-body-with-mdx",
    "20201103-use-lunr-for-search",
    "20210113-distribute-log4brains-as-a-global-npm-package",
    # packages/core/docs/adr, the second folder of the monorepo
    "20201002-use-explicit-architecture-and-ddd-for-the-core-api",
    "20201003-markdown-parsing-is-part-of-the-domain",
    "20201027-adr-link-resolver-in-the-domain",
}


def test_log4brains_monorepo_log_in_two_folders() -> None:
    result = read_log(
        "thomvaill__log4brains/docs/adr", "thomvaill__log4brains/packages/core/docs/adr"
    )
    found = statuses(result)
    assert set(found) == LOG4BRAINS_RECORDS  # README.md, index.md and template.md are not records
    superseded = "20200926-use-the-adr-number-as-its-unique-id"
    assert {stem: status for stem, (status, _) in found.items()} == {
        stem: "superseded" if stem == superseded else "accepted" for stem in LOG4BRAINS_RECORDS
    }
    assert all(doc.number is None for doc in result.documents)  # dated names carry no number
    assert related(result, "superseded_by") == {
        (superseded, "20201016-use-the-adr-slug-as-its-unique-id")
    }
    assert related(result, "supersedes") == {
        ("20201016-use-the-adr-slug-as-its-unique-id", superseded)
    }
    core = next(doc for doc in result.documents if doc.source.stem.startswith("20201002"))
    assert core.meta.date == date(2020, 10, 2)
    # format problems in the real records are reported, not hidden: some lack a Context section
    assert any(
        d.rule.code == "ASY101" and d.path.endswith("20200927-avoid-default-exports.md")
        for d in result.diagnostics
    )


def test_madr_own_log() -> None:
    result = read_log("adr__madr/docs/decisions")
    found = statuses(result)
    assert len(found) == 19  # 0000 to 0018; index.md and adr-template.md are not records
    assert sorted(doc.number for doc in result.documents) == list(range(19))
    assert found["0003-provide-own-madr-tools"] == ("unknown", "on hold")
    assert {status for stem, status in found.items() if not stem.startswith("0003")} == {
        (None, None)
    }
    assert related(result, "superseded_by") == set()
    titles = {doc.number: doc.title for doc in result.documents}
    assert titles[1] == "Dual License the Work"
    missing_status = {
        d.path for d in result.diagnostics if d.rule.code == "ASY021" and "status" in d.message
    }
    assert len(missing_status) == 18


def test_the_adr_tools_log_builds_strict_as_a_site(tmp_path: Path) -> None:
    shutil.copytree(CORPORA / "npryce__adr-tools" / "doc" / "adr", tmp_path / "doc" / "adr")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text(
        mkdocs_yml("      sources:\n        - path: doc/adr\n          url: adr") + MERMAID
    )
    site = build_site(tmp_path, strict=True)
    assert (site / "adr" / "0009-help-scripts" / "index.html").is_file()


def test_the_log4brains_log_builds_when_lenient(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copytree(CORPORA / "thomvaill__log4brains" / "docs" / "adr", tmp_path / "decisions")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    options = "      sources:\n        - path: decisions\n          lenient: true"
    (tmp_path / "mkdocs.yml").write_text(
        mkdocs_yml(options) + "validation:\n  links:\n    not_found: info\n"
    )
    with caplog.at_level(logging.WARNING):
        build_site(tmp_path)
    assert any("ASY101" in record.getMessage() for record in caplog.records)
