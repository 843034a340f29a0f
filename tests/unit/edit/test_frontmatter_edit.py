"""Editing frontmatter keys in place: only the keys asked for change, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_asyncops.edit.frontmatter import (
    EditRefused,
    edit_frontmatter,
    write_atomically,
    yaml_value,
)
from mkdocs_asyncops.reading.frontmatter import read_frontmatter


def test_replaces_values_keeping_comments_order_and_line_ends() -> None:
    text = (
        "---\r\nstatus: proposed   # was draft\r\nsupersedes:\r\n  - 3\r\n# keep me\r\n\r\n"
        "severity:   # 1-3\r\nother: [a, b]\r\n---\r\n# T\r\n"
    )
    edited = edit_frontmatter(
        text, {"status": "accepted", "supersedes": [3, 4], "severity": 2, "note": "a: b"}
    )
    assert edited == (
        "---\r\nstatus: accepted   # was draft\r\nsupersedes: [3, 4]\r\n# keep me\r\n\r\n"
        'severity: 2   # 1-3\r\nother: [a, b]\r\nnote: "a: b"\r\n---\r\n# T\r\n'
    )


def test_adds_missing_keys_before_the_closing_line_and_keeps_a_bom() -> None:
    assert edit_frontmatter("\ufeff---\nnumber: 1\n---\nbody", {"superseded_by": [9]}) == (
        "\ufeff---\nnumber: 1\nsuperseded_by: [9]\n---\nbody"
    )
    assert (
        edit_frontmatter("---\n---\nbody\n", {"status": "accepted"})
        == "---\nstatus: accepted\n---\nbody\n"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("status: |\n  accepted\n\ndate: 2024-01-01\n", "status: superseded\n\ndate: 2024-01-01\n"),
        (
            "status: >-\n  accepted\n  still\ndate: 2024-01-01\n",
            "status: superseded\ndate: 2024-01-01\n",
        ),
        ('status: "accepted"  # quoted\n', "status: superseded  # quoted\n"),
        ("status: &s accepted\n", "status: superseded\n"),
    ],
)
def test_values_written_in_other_yaml_styles(before: str, after: str) -> None:
    assert (
        edit_frontmatter(f"---\n{before}---\nx", {"status": "superseded"}) == f"---\n{after}---\nx"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("# No frontmatter\n", "no frontmatter block"),
        ("---\nstatus: [accepted\n---\n# T\n", "invalid YAML"),
        (
            "---\nstatus: a\nstatus: b\n---\n",
            "adr/0001-x.md:3: 'status' appears on lines 2 and 3; keep one",
        ),
        (
            "---\ndate: 1\nstatus: &s a\nwas: *s\n---\n",
            "adr/0001-x.md:3: `status` carries the anchor `&s`, which line 4 uses",
        ),
        (
            "---\nold: &s a\nstatus: *s\n---\n",
            "adr/0001-x.md:3: the value of `status` uses the YAML alias `*s`",
        ),
        (
            "---\nold: &s a\nstatus:\n  - b\n  - *s\n---\n",
            "adr/0001-x.md:5: the value of `status` uses the YAML alias `*s`",
        ),
        (
            "---\nbase: &b {status: a}\n<<: *b\n---\n",
            "adr/0001-x.md:3: `status` comes from the merge key `<<`",
        ),
        (
            "---\n? status\n: a\n---\n",
            "adr/0001-x.md:2: `status` is written as a complex key (`? status`)",
        ),
        (
            "---\n? [a, b]\n: x\n---\n",
            "adr/0001-x.md:2: the frontmatter cannot be read as plain data",
        ),
        ("---\n{status: a}\n---\n", "not written as `key: value` lines"),
        ("---\n- a\n---\n", "not a mapping"),
        ("---\nstatus: accepted\n", "no closing"),
        ("---\nx: !!python/object:os.system ls\n---\n", "plain data"),
    ],
)
def test_refuses_what_it_cannot_edit_safely(text: str, reason: str) -> None:
    with pytest.raises(EditRefused) as raised:
        edit_frontmatter(text, {"status": "accepted"}, "adr/0001-x.md")
    assert reason in str(raised.value) and str(raised.value).startswith("adr/0001-x.md")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("accepted", "accepted"),
        ("Ana Souza", "Ana Souza"),
        ("yes", '"yes"'),
        ("12", '"12"'),
        ("a: b", '"a: b"'),
        ("x #y", '"x #y"'),
        ([3, "ADR-0004"], "[3, ADR-0004]"),
        (7, "7"),
        ("", '""'),
    ],
)
def test_values_read_back_as_written(value: object, written: str) -> None:
    assert yaml_value(value) == written
    front, error = read_frontmatter(f"---\nkey: {written}\n---\n")
    assert error is None and front.data["key"] == value


line = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@given(
    before=st.lists(
        st.sampled_from(
            ["date: 2024-03-01", "tags: [a, b]", "# a comment", "", "deciders:\n  - Ana"]
        ),
        max_size=4,
        unique=True,
    ),
    body=st.lists(line, max_size=6),
    newline=st.sampled_from(["\n", "\r\n"]),
    old=st.sampled_from(
        ["proposed", "'draft'", "[x]", "", "|\n  draft", ">-\n  in\n  review", "\n  - a"]
    ),
)
def test_every_other_byte_is_kept(
    before: list[str], body: list[str], newline: str, old: str
) -> None:
    head = newline.join(
        ["---", *before, f"status: {old}".rstrip(), "owner: Bo  # lead", "---", *body]
    )
    edited = edit_frontmatter(head, {"status": "accepted"})
    assert edited.replace("status: accepted", f"status: {old}".rstrip()) == head


def test_write_atomically_keeps_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "0001-x.md"
    target.write_bytes(b"old\r\n")
    target.chmod(0o640)
    write_atomically(target, "new\r\n")
    assert target.read_bytes() == b"new\r\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["0001-x.md"]


@pytest.mark.parametrize(
    "head",
    [
        "tags: &t [a]\nother: *t\nstatus: &s proposed\n",  # an anchor elsewhere, and one nobody uses
        "base: &b {owner: Ana}\n<<: *b\nstatus: proposed\n",  # a merge that does not give the key
        "base: &b {status: draft}\n<<: *b\nstatus: proposed\n",  # the key overrides the merge
        "status: proposed\nreview: {owner: Ana, owner: Bo}\n",  # a duplicate elsewhere
    ],
)
def test_edits_next_to_anchors_merges_and_duplicates_elsewhere(head: str) -> None:
    edited = edit_frontmatter(f"---\n{head}---\n", {"status": "accepted"})
    assert edited == f"---\n{head}---\n".replace("status: &s proposed", "status: proposed").replace(
        "status: proposed", "status: accepted"
    )


PAIRS = st.sampled_from(
    [
        "status: proposed",
        "status: &s proposed",
        "status: *s",
        "other: *s",
        "was: &s x",
        "status: 'a'  # c",
        "base: &b {status: draft, owner: Ana}",
        "<<: *b",
        "<<: {status: y}",
        "? [a, b]\n: x",
        "? status\n: proposed",
        "date: 2024-01-01  # c",
        "tags:\n  - &t a\n  - *t",
        "supersedes:\n  - 1\n  - *t",
        "superseded_by: [2]",
        "superseded_by:\n  - &n 4",
        "seen: *n",
        "# comment",
        "",
        "deciders: Ana",
        "status: |\n  long\n",
        "owner: &o Bo",
    ]
)
CHANGES = st.sampled_from(
    [{"status": "superseded"}, {"superseded_by": [3]}, {"supersedes": [1, 2], "status": "x"}]
)


def _regions(yaml_text: str) -> dict[str, str]:
    """Each top-level key's text, from its start to the next key's."""
    import yaml

    node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    starts = [key.start_mark.index for key, _ in pairs] + [len(yaml_text)]
    return {
        str(key.value): yaml_text[starts[i] : starts[i + 1]] for i, (key, _) in enumerate(pairs)
    }


@given(pairs=st.lists(PAIRS, max_size=7), changes=CHANGES)
def test_a_successful_edit_reads_back_and_keeps_every_other_key_byte_for_byte(
    pairs: list[str], changes: dict
) -> None:
    yaml_text = "".join(pair + "\n" for pair in pairs)
    text = f"---\n{yaml_text}---\n# T\n"
    try:
        edited = edit_frontmatter(text, changes)
    except EditRefused:
        return
    before, _ = read_frontmatter(text)
    after, error = read_frontmatter(edited)
    assert error is None
    assert after.data == {**before.data, **changes}
    new_yaml = edited[4 : edited.index("---\n# T\n")]
    old_regions, new_regions = _regions(yaml_text), _regions(new_yaml)
    added = "".join(
        f"{name}: {yaml_value(value)}\n"
        for name, value in changes.items()
        if name not in old_regions
    )
    for name, region in old_regions.items():
        if name not in changes:
            assert new_regions[name] in (region, region + added)
    assert edited.endswith("---\n# T\n")


def test_an_edit_that_would_not_read_back_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs_asyncops.edit import frontmatter as frontmatter_edit

    monkeypatch.setattr(frontmatter_edit, "yaml_value", lambda value: "[unclosed")
    with pytest.raises(
        EditRefused, match=r"^x\.md: the edit would leave frontmatter that does not read back"
    ):
        edit_frontmatter("---\nstatus: a\n---\n", {"status": "b"}, "x.md")
    monkeypatch.setattr(frontmatter_edit, "yaml_value", lambda value: "b\nowner: Eve")
    with pytest.raises(EditRefused, match=r"^x\.md: the edit would also change owner; "):
        edit_frontmatter("---\nstatus: a\n---\n", {"status": "b"}, "x.md")


HOSTILE = [
    'say "hi"',
    "it's",
    "a: b",
    "a:b",
    "x #y",
    "#x",
    "line\nbreak",
    "line\r\nbreak\r",
    "tab\there",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick`",
    "|block",
    ">fold",
    "- item",
    "? key",
    "[a, b]",
    "{a: b}",
    "a, b",
    "~",
    "null",
    "yes",
    "0x1F",
    "0o17",
    "1_000",
    ".5",
    "1e3",
    "2024-01-01",
    "2024-13-45",
    " lead",
    "trail ",
    "back\\slash",
    "José Müller",
    "数据库",
    "emoji ✅",
    "nel\x85sep\u2028par\u2029",
    "bom\ufeffinside",
    "del\x7fc1\x9f",
    "nul\x00bell\x07esc\x1b",
    "non\uffffchar",
    "astral \U0001f600",
    "---",
    "...",
    "",
]


def _reads_back(written: str) -> tuple[object, object]:
    """The value `written` stands for, read by our reader (libyaml where built) and by PyYAML."""
    import yaml

    front, error = read_frontmatter(f"---\nkey: {written}\n---\n")
    assert error is None, error
    return front.data["key"], yaml.safe_load(f"key: {written}\n")["key"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_are_written_on_one_line_and_read_back_exactly(value: str) -> None:
    written = yaml_value(value)
    assert "\n" not in written and "\r" not in written
    assert _reads_back(written) == (value, value)
    assert _reads_back(yaml_value([value, value])) == ([value, value], [value, value])


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_string_reads_back_exactly(value: str) -> None:
    assert _reads_back(yaml_value(value)) == (value, value)
    assert _reads_back(yaml_value([value, "x"]))[0] == [value, "x"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (1e20, "1.0e+20"),
        (-2.5e-7, "-2.5e-07"),
        (0.5, "0.5"),
        (float("inf"), ".inf"),
        (False, "false"),
    ],
)
def test_numbers_read_back_as_numbers(value: object, written: str) -> None:
    assert yaml_value(value) == written
    assert _reads_back(written) == (value, value)


def test_a_value_that_cannot_be_written_is_refused_not_misspelled() -> None:
    with pytest.raises(TypeError, match="cannot write a dict"):
        yaml_value({"a": 1})
    with pytest.raises(ValueError, match="lone surrogate"):  # from undecodable bytes in argv
        yaml_value("bad \udcff byte")


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("# T\n\nbody\n", "---\nstatus: accepted\ndate: 2024-09-20\n---\n# T\n\nbody\n"),
        (
            "# T\r\nbody\r\n",
            "---\r\nstatus: accepted\r\ndate: 2024-09-20\r\n---\r\n# T\r\nbody\r\n",
        ),
        ("\ufeff# T\n", "\ufeff---\nstatus: accepted\ndate: 2024-09-20\n---\n# T\n"),
        ("", "---\nstatus: accepted\ndate: 2024-09-20\n---\n"),
        (  # an opening `---` never closed is a thematic break, not frontmatter
            "---\n# T\n",
            "---\nstatus: accepted\ndate: 2024-09-20\n---\n---\n# T\n",
        ),
    ],
)
def test_a_block_is_added_to_a_file_without_one_only_when_asked(text: str, after: str) -> None:
    from datetime import date

    changes = {"status": "accepted", "date": date(2024, 9, 20)}
    assert edit_frontmatter(text, changes, add_block=True) == after
    with pytest.raises(EditRefused):
        edit_frontmatter(text, changes)
    front, error = read_frontmatter(after.lstrip("\ufeff").replace("\r\n", "\n"))
    assert error is None and front.data == changes


def test_several_keys_are_set_at_once_in_their_order() -> None:
    text = "---\nstatus: draft  # c\n---\n# T\n"
    changes = {"tags": ["a: b", "#c"], "status": "*x", "owner": "Ana\nEve"}
    edited = edit_frontmatter(text, changes, add_block=True)
    assert edited == (
        '---\nstatus: "*x"  # c\ntags: ["a: b", "#c"]\nowner: "Ana\\nEve"\n---\n# T\n'
    )
    assert read_frontmatter(edited)[0].data == changes


def test_the_block_is_the_one_the_reader_finds() -> None:
    """Longer dash lines open and close a block for python-frontmatter, so for the editor too."""
    assert edit_frontmatter("----\nstatus: a\n-----  \n# T\n", {"status": "b"}) == (
        "----\nstatus: b\n-----  \n# T\n"
    )
