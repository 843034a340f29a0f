"""The two writers of generated tables: Markdown for reports, HTML for the site."""

from __future__ import annotations

from urllib.parse import quote

import markdown
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_asyncops.handbook.crossref import relative_url
from mkdocs_asyncops.render.tables import (
    GeneratedPage,
    Link,
    Markup,
    Strong,
    fill_slots,
    joined,
    table,
    table_html,
)

PAGE = "handbook/index.md"
TEXT = st.text(alphabet="ab <>&\"'|*_[]()#+!{}`\\~-:é", min_size=1, max_size=20).filter(
    lambda t: t.strip() and " ".join(t.split()) == t
)
PARTS = st.one_of(
    TEXT,
    st.builds(Link, TEXT, st.sampled_from(["adr/0001-a.md", "runbooks/b c.md", "handbook/x.md"])),
    st.builds(Strong, TEXT),
)
CELLS = st.one_of(PARTS, st.lists(PARTS, min_size=1, max_size=3).map(tuple))


def site_url(target: str) -> str:
    """As MkDocs gives URLs: quoted."""
    return quote(relative_url(target, PAGE), safe="/#.-_~")


@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=4))
def test_html_of_a_table_is_what_python_markdown_makes_of_its_markdown(
    rows: list[list[object]],
) -> None:
    built = table(["Name", "What | why", "*When*"], rows)
    page = GeneratedPage().add(built)
    converted = markdown.markdown(page.markdown(PAGE), extensions=["tables"])
    assert converted == table_html(built, site_url)


def test_site_pages_get_slots_filled_after_markdown() -> None:
    rows = [
        [
            Link("ADR-0001", "adr/0001-a.md"),
            "<b>not bold</b>",
            joined(["a", Markup("<em>b</em>", "b")], "; "),
        ]
    ]
    page = GeneratedPage().add(
        "# Log\n",
        table(["ADR", "Title", "More"], rows),
        "## Empty\n",
        table(["A"], [], "None yet."),
    )
    text, tables = page.slotted()
    assert text == '# Log\n\n<div data-asyncops-table="0"></div>\n\n## Empty\n\n*None yet.*\n'
    html, lost = fill_slots(markdown.markdown(text), tables, lambda target: f"/site/{target}")
    assert lost == 0 and "data-asyncops-table" not in html
    assert (
        '<td><a href="/site/adr/0001-a.md">ADR-0001</a></td>\n<td>&lt;b&gt;not bold&lt;/b&gt;</td>'
        in html
    )
    assert "<td>a; <em>b</em></td>" in html and "<p><em>None yet.</em></p>" in html
    assert fill_slots("<h1>Log</h1>", tables, str) == ("<h1>Log</h1>", 1)  # its slot was removed


def test_markdown_reports_carry_no_html_that_markdown_would_read_again() -> None:
    """HTML in Markdown is parsed for Markdown again: a name in a badge could become a link."""
    hostile = "x [click](javascript:alert(1))\n# Injected"
    page = GeneratedPage().add(
        table(["System", "State"], [[Strong(hostile), Markup(f"<span>{hostile}</span>", hostile)]])
    )
    converted = markdown.markdown(page.markdown("health/coverage.md"), extensions=["tables"])
    assert "<a " not in converted and "<h1>" not in converted and "<span>" not in converted
    assert "<strong>x [click](javascript:alert(1)) # Injected</strong>" in converted
