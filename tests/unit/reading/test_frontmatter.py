"""Reading frontmatter: lines, errors and hostile YAML."""

from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_asyncops.reading import frontmatter as frontmatter_reader
from mkdocs_asyncops.reading.frontmatter import (
    _check_expansion,
    _compose,
    _plainly_small,
    read_frontmatter,
)
from mkdocs_asyncops.reading.source_text import decode


def test_keys_keep_their_lines_and_the_body_its_offset() -> None:
    front, error = read_frontmatter("---\ntitle: T\n\nstatus: accepted\n---\n# T\n")
    assert error is None
    assert front.data == {"title": "T", "status": "accepted"}
    assert front.key_lines == {"title": 2, "status": 4}
    assert front.body.split("\n")[1] == "# T"
    assert front.body_line == 5  # the rest of the closing `---` line, then `# T` on line 6


def test_no_frontmatter_leaves_the_text_as_body() -> None:
    front, error = read_frontmatter("# Title\n---\n")
    assert error is None and front.data == {} and front.body_line == 1 and front.start_line == 0


def test_unclosed_block_is_not_frontmatter() -> None:
    front, error = read_frontmatter("---\ntitle: x\n")
    assert error is None and front.data == {}


def test_dates_are_dates() -> None:
    front, _ = read_frontmatter("---\ndate: 2024-01-02\n---\n")
    assert front.data["date"] == datetime.date(2024, 1, 2)


def test_syntax_error_reports_its_line() -> None:
    _, error = read_frontmatter("---\ntitle: ok\nbad: [unclosed\n---\n")
    assert error is not None and error.code == "ASY010" and error.line == 4
    assert "opened on line 3" in error.message


def test_bad_indentation_reports_its_line() -> None:
    _, error = read_frontmatter("---\na: 1\n b: 2\n---\n")
    assert error is not None and (error.code, error.line) == ("ASY010", 3)


def test_list_frontmatter_is_not_a_mapping() -> None:
    _, error = read_frontmatter("---\n- a\n- b\n---\n")
    assert error is not None and (error.code, error.line) == ("ASY011", 2)


def test_python_object_tags_are_refused() -> None:
    _, error = read_frontmatter("---\nx: !!python/object/apply:os.system [echo hi]\n---\n")
    assert error is not None and error.code == "ASY010" and error.line == 2
    assert "no YAML tags" in error.message


def test_alias_bombs_are_refused_before_expansion() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefgh", "abcdefg", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    _, error = read_frontmatter("---\n" + "\n".join(levels) + "\n---\n")
    assert error is not None and error.code == "ASY012"


@pytest.mark.parametrize("depth", [65, 500, 5000])
def test_nesting_past_the_limit_is_asy012_whichever_limit_is_hit_first(depth: int) -> None:
    """libyaml refuses 1000 levels itself ("exceeded maximum nesting depth" in PyYAML 6.0.4);
    that refusal, like ours at 64, is the frontmatter being too complex, not invalid YAML."""
    _, error = read_frontmatter("---\ntitle: t\nx: " + "[" * depth + "]" * depth + "\n---\n")
    assert error is not None and (error.code, error.line) == ("ASY012", 3)
    assert "64 levels" in error.message


@pytest.mark.parametrize(
    "refusal",
    [
        RecursionError("maximum recursion depth exceeded"),
        yaml.parser.ParserError(None, None, "too deeply nested", None),
    ],
)
def test_pyyamls_own_refusal_of_deep_nesting_is_asy012_in_any_wording(monkeypatch, refusal) -> None:
    """The pure-Python loader recurses, and other versions word their limit differently."""

    def refuse(yaml_text: str):
        raise refusal

    monkeypatch.setattr(frontmatter_reader, "_compose", refuse)
    _, error = read_frontmatter("---\nx: " + "[" * 100 + "]" * 100 + "\n---\n")
    assert error is not None and error.code == "ASY012"
    _, error = read_frontmatter("---\nx: [[1]]\n---\n")
    assert error is not None and error.code == "ASY010"  # shallow: the refusal is reported as it is


def test_self_referencing_alias_is_refused() -> None:
    _, error = read_frontmatter("---\nx: &x [*x]\n---\n")
    assert error is not None and error.code == "ASY012"


def test_deep_nesting_is_refused() -> None:
    _, error = read_frontmatter("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert error is not None and error.code == "ASY012"


def test_decode_strips_bom_and_normalises_line_ends() -> None:
    assert decode(b"\xef\xbb\xbf---\r\nx: 1\r\n---\rbody").text == "---\nx: 1\n---\nbody"


def test_decode_reports_the_line_of_the_first_bad_byte() -> None:
    decoded = decode(b"ok\nok\nbad \xff here\n")
    assert decoded.bad_encoding_line == 3 and "\ufffd" in decoded.text


@given(st.text(alphabet="-:?[]{}, a*&\n", max_size=400))
def test_the_shortcut_past_the_expansion_walk_is_never_wrong(yaml_text: str) -> None:
    """Small alias-free YAML is not walked for its size and depth: it can break neither limit."""
    try:
        node = _compose(yaml_text)
    except (yaml.YAMLError, RecursionError):
        return
    if node is not None and _plainly_small(yaml_text):
        _check_expansion(node, 1)  # would raise on a breach


def test_duplicate_keys_are_reported_with_both_lines_at_any_depth() -> None:
    text = (
        "---\nstatus: proposed\nreview:\n  owner: Ana\n  owner: Bo\nitems:\n  - {a: 1, a: 2}\n"
        "shared: &s {k: 1, k: 2}\nagain: *s\n<<: {x: 1}\n<<: {y: 2}\nstatus: accepted\nstatus: rejected\n---\n# T\n"
    )
    front, error = read_frontmatter(text)
    assert error is None and front.data["status"] == "rejected"
    assert [(d.code, d.line, d.message) for d in front.duplicates] == [
        ("ASY013", 5, "'review.owner' appears on lines 4 and 5; keep one"),
        ("ASY013", 7, "'items[0].a' appears twice on line 7; keep one"),
        ("ASY013", 8, "'shared.k' appears twice on line 8; keep one"),
        ("ASY013", 12, "'status' appears on lines 2, 12 and 13; keep one"),
    ]


def test_keys_that_differ_in_type_or_only_look_alike_are_not_duplicates() -> None:
    front, error = read_frontmatter("---\n1: a\n'1': b\nStatus: x\nstatus: y\n---\n")
    assert error is None and front.duplicates == []
