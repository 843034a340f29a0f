"""The heading and section scanner."""

from __future__ import annotations

import pytest

from mkdocs_asyncops.core.headings import plain_heading_text, section_key
from mkdocs_asyncops.reading.markdown import parse_outline


def headings(text: str, first_line: int = 1) -> list[tuple[int, str, int]]:
    return [(h.level, h.key, h.line) for h in parse_outline(text, first_line).headings]


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Context", "context"),
        ("1. Context", "context"),
        ("2) Decision", "decision"),
        ("3.1 Root Cause", "root cause"),
        ("IV. Consequences", "consequences"),
        ("*Context*", "context"),
        ("**Decision** _Outcome_", "decision outcome"),
        ("[Consequences](consequences.md)", "consequences"),
        ("`Context`", "context"),
        ("CONTEXT:", "context"),
        ("Alternatives considered?", "alternatives considered"),
        ("Root-cause", "root cause"),
        ("Context 🚀", "context"),
        ("<span>Context</span>", "context"),
    ],
)
def test_section_key_folds_markup_numbering_case_and_punctuation(written: str, key: str) -> None:
    assert section_key(written) == key


def test_plain_heading_text_keeps_words() -> None:
    assert (
        plain_heading_text("Use **[PostgreSQL](https://postgresql.org)** `JSONB`")
        == "Use PostgreSQL JSONB"
    )
    assert plain_heading_text("Run [it](javascript:alert(1)) (twice)") == "Run it (twice)"


def test_atx_headings_with_levels_lines_and_trailing_hashes() -> None:
    text = "# Title\n\n## Context ##\ntext\n###   Deep   ###\n#not a heading\n    # indented code\n"
    assert headings(text) == [(1, "title", 1), (2, "context", 3), (3, "deep", 5)]


def test_line_numbers_are_offset_by_the_frontmatter() -> None:
    assert headings("# Title\n## Context\n", first_line=6) == [(1, "title", 6), (2, "context", 7)]


def test_setext_headings_take_the_line_of_their_text() -> None:
    text = "Title\n=====\n\nContext\n-------\ntext\n\n---\n"
    assert headings(text) == [(1, "title", 1), (2, "context", 4)]


def test_thematic_break_after_blank_line_is_not_a_heading() -> None:
    assert headings("text\n\n---\n\n- item\n---\n") == []


def test_headings_in_fenced_code_do_not_count() -> None:
    text = "## Real\n```markdown\n## Fake\n```\n~~~~\n## Fake too\n```\n## still fake\n~~~~\n## Real two\n"
    assert [key for _, key, _ in headings(text)] == ["real", "real two"]


def test_unclosed_fence_runs_to_the_end() -> None:
    assert headings("## Real\n```\n## Fake\n") == [(2, "real", 1)]


def test_headings_in_html_comments_do_not_count() -> None:
    text = "<!-- ## Hidden -->\n## Shown\n<!--\n## Hidden too\n-->\n## Also shown <!-- note -->\n"
    assert [key for _, key, _ in headings(text)] == ["shown", "also shown"]


def test_section_content_excludes_blanks_comments_and_subheadings() -> None:
    text = "## Decision\n\n<!-- write it here -->\n### Option A\nWe pick A.\n## Consequences\n\n"
    decision, option, consequences = parse_outline(text).sections
    assert decision.content_lines == [(5, "We pick A.")]
    assert option.content_lines == [(5, "We pick A.")]
    assert consequences.content_lines == []


def test_code_in_a_section_is_content() -> None:
    section = parse_outline("## Decision\n```\nrun()\n```\n").sections[0]
    assert [line for _, line in section.content_lines] == ["```", "run()", "```"]


def test_title_heading_is_the_first_level_one() -> None:
    outline = parse_outline("## Intro\n# Real title\n# Another\n")
    assert outline.title_heading is not None and outline.title_heading.text == "Real title"
