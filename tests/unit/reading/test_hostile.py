"""Hostile input: nothing is executed, nothing outside the project is read, time stays bounded."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from tests.helpers import Writer, adr, codes, scan_folder


def test_object_construction_tags_are_never_executed(write_files: Writer, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"---\nstatus: !!python/object/apply:os.system ['touch {marker}']\n---\n# T\n"
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    assert not marker.exists()
    assert codes(result)[0] == ("adr/0001-x.md", 2, "ASY010")


def test_billion_laughs_is_refused_in_bounded_memory(write_files: Writer) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    root = write_files(
        {"adr/0001-x.md": "---\n" + "\n".join(lines) + "\n---\n" + adr()[adr().index("#") :]}
    )
    tracemalloc.start()
    result = scan_folder(root)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [code for _, _, code in codes(result)] == ["ASY012"]
    assert peak < 50_000_000


def test_hundred_thousand_line_file(write_files: Writer) -> None:
    text = adr().replace("The forces at play.\n", "- a point\n" * 100_000)
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    assert codes(result) == []
    assert result.documents[0].outline.sections[1].content_lines[-1][0] == 100_008


def test_many_headings_stay_linear(write_files: Writer) -> None:
    text = adr() + "".join(f"## Section {i}\ntext\n" for i in range(20_000))
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    assert codes(result) == [] and len(result.documents[0].outline.headings) == 20_004


def test_deeply_nested_markdown_lists_and_quotes(write_files: Writer) -> None:
    nested = "".join("  " * depth + "- item\n" for depth in range(2000)) + ">" * 5000 + " quote\n"
    result = scan_folder(write_files({"adr/0001-x.md": adr().replace("What follows.\n", nested)}))
    assert codes(result) == []


@pytest.mark.parametrize(
    "target",
    ["../../etc/passwd", "/etc/passwd", "../../../../../../etc/hosts.md", "file:///etc/passwd"],
)
def test_relations_pointing_outside_the_docs_resolve_to_nothing(
    write_files: Writer, target: str
) -> None:
    text = adr().replace("status: accepted", f"status: accepted\nrelates_to: ['{target}']")
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    assert codes(result) == [("adr/0001-x.md", 3, "ASY301")]
    assert result.handbook.related(result.documents[0], "relates_to") == []


def test_symlinked_folder_leaving_the_project_is_not_walked(
    write_files: Writer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "0002-secret.md").write_text(adr(2, "Secret"))
    root = write_files({"adr/0001-x.md": adr()})
    os.symlink(outside, root / "adr" / "linked", target_is_directory=True)
    assert [d.title for d in scan_folder(root).documents] == ["Use PostgreSQL"]


def test_html_in_frontmatter_and_headings_is_kept_as_text_for_escaping_later(
    write_files: Writer,
) -> None:
    text = adr(1, "<script>alert(1)</script>").replace(
        "deciders: [Ana, Bo]", "deciders: ['<img src=x onerror=alert(1)>']"
    )
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    doc = result.documents[0]
    assert doc.title == "alert(1)"  # markup is not part of a heading's text
    assert doc.meta.deciders == ["<img src=x onerror=alert(1)>"]
