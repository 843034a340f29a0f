"""Every kind of bad input gives a diagnostic with the file and line, never a traceback."""

from __future__ import annotations

import pytest

from tests.helpers import Writer, adr, codes, scan_folder


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param("---\ntitle: [unclosed\n---\n# T\n", [(3, "ASY010")], id="invalid-yaml"),
        pytest.param("---\n- a\n- b\n---\n# T\n", [(2, "ASY011")], id="list-frontmatter"),
        pytest.param("---\njust text\n---\n# T\n", [(2, "ASY011")], id="scalar-frontmatter"),
        pytest.param(
            "---\nx: !!python/object:os.system {}\n---\n", [(2, "ASY010")], id="python-tag"
        ),
        pytest.param("", [(1, "ASY004")], id="empty-file"),
        pytest.param("\n\n   \n", [(1, "ASY004")], id="blank-file"),
        pytest.param("---\nkind: decision\n---\n# T\n", [(2, "ASY020")], id="unknown-kind"),
    ],
)
def test_bad_frontmatter_and_files(
    write_files: Writer, content: str, expected: list[tuple[int, str]]
) -> None:
    result = scan_folder(write_files({"adr/0001-x.md": content}))
    found = [(line, code) for _, line, code in codes(result)]
    for item in expected:
        assert item in found


def test_unreadable_frontmatter_does_not_also_claim_missing_fields(write_files: Writer) -> None:
    result = scan_folder(
        write_files({"adr/0001-x.md": "---\nstatus: [\n---\n" + adr()[adr().index("#") :]})
    )
    assert [code for _, _, code in codes(result)] == ["ASY010"]


def test_unknown_kind_suggests_the_closest(write_files: Writer) -> None:
    result = scan_folder(write_files({"notes/x.md": "---\nkind: desgin\n---\n# T\n"}))
    assert "did you mean 'design'?" in result.diagnostics[0].message


def test_bom_and_crlf_are_read_as_plain_utf8(write_files: Writer) -> None:
    data = ("\ufeff" + adr()).replace("\n", "\r\n").encode("utf-8")
    result = scan_folder(write_files({"adr/0001-x.md": data}))
    assert codes(result) == [] and result.documents[0].meta.deciders == ["Ana", "Bo"]


def test_old_mac_line_ends(write_files: Writer) -> None:
    result = scan_folder(write_files({"adr/0001-x.md": adr().replace("\n", "\r").encode()}))
    assert codes(result) == []


def test_non_utf8_bytes_name_the_line_and_the_rest_is_still_checked(write_files: Writer) -> None:
    data = adr().replace("What we chose.", "Caf\xe9 au lait.").encode("latin-1")
    result = scan_folder(write_files({"adr/0001-x.md": data}))
    assert codes(result) == [("adr/0001-x.md", 12, "ASY002")]
    assert result.documents[0].title == "Use PostgreSQL"


def test_binary_garbage_is_a_diagnostic(write_files: Writer) -> None:
    result = scan_folder(write_files({"adr/0001-x.md": b"# Title\n" + bytes(range(256)) * 4}))
    assert codes(result) == [("adr/0001-x.md", 2, "ASY002")]
    assert "binary data" in result.diagnostics[0].message


def test_five_megabyte_file(write_files: Writer) -> None:
    filler = "A line of context that goes on for a while to make the file large.\n" * 75_000
    text = adr().replace("The forces at play.\n", filler)
    assert len(text.encode()) > 5_000_000
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    assert codes(result) == [] and result.documents[0].outline.sections[-1].heading.line == 75_013


def test_oversized_file_is_reported_not_parsed(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("mkdocs_asyncops.reading.parse.MAX_FILE_BYTES", 100)
    result = scan_folder(write_files({"adr/0001-x.md": adr()}))
    assert codes(result) == [("adr/0001-x.md", 0, "ASY003")]


def test_wrong_types_everywhere(write_files: Writer) -> None:
    text = "---\nstatus: 3\ndate: 2024-13-45\ndeciders: 12\ntags: {a: b}\ntitle: [a, b]\n---\n# T\n"
    result = scan_folder(write_files({"adr/0001-x.md": text}))
    found = {(line, code) for _, line, code in codes(result)}
    assert {(2, "ASY022"), (3, "ASY023"), (5, "ASY023"), (6, "ASY023")} <= found


def test_symlink_leaving_the_project_is_not_followed(
    write_files: Writer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.md"
    outside.write_text("---\nkind: adr\n---\n# secret\n")
    root = write_files({"adr/0001-x.md": adr()})
    (root / "adr" / "0002-link.md").symlink_to(outside)
    result = scan_folder(root)
    assert ("adr/0002-link.md", 0, "ASY005") in codes(result)
    assert all("secret" not in d.title for d in result.documents)


def test_unreadable_file(write_files: Writer) -> None:
    root = write_files({"adr/0001-x.md": adr()})
    (root / "adr" / "0002-broken.md").symlink_to(root / "adr" / "missing.md")
    assert ("adr/0002-broken.md", 0, "ASY001") in codes(scan_folder(root))


def test_symlink_loops_are_unreadable_files_naming_the_loop(write_files: Writer) -> None:
    root = write_files({"adr/0001-x.md": adr()})
    (root / "adr" / "0002-a.md").symlink_to("0003-b.md")
    (root / "adr" / "0003-b.md").symlink_to("0002-a.md")
    (root / "adr" / "again").symlink_to("..", target_is_directory=True)
    result = scan_folder(root)
    assert codes(result) == [
        ("adr/0002-a.md", 0, "ASY001"),
        ("adr/0003-b.md", 0, "ASY001"),
        ("adr/again", 0, "ASY001"),
    ]
    messages = sorted(d.message for d in result.diagnostics)
    assert "0002-a.md -> 0003-b.md -> 0002-a.md" in messages[0] and "again -> .." in messages[2]
    assert [d.path for d in result.documents] == ["adr/0001-x.md"]


def test_a_folder_symlink_leading_outside_is_reported_and_not_read(
    write_files: Writer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "0005-secret.md").write_text(adr(5, "secret"), encoding="utf-8")
    root = write_files({"adr/0001-x.md": adr()})
    (root / "adr" / "more").symlink_to(outside, target_is_directory=True)
    result = scan_folder(root)
    assert codes(result) == [("adr/more", 0, "ASY005")]
    assert [d.path for d in result.documents] == ["adr/0001-x.md"]
