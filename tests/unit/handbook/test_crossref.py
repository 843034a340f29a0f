"""Backlinks, mentions and repository links, found and rewritten without MkDocs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_asyncops.handbook.crossref import mention_links, repository_links
from mkdocs_asyncops.handbook.inline import rewrite
from tests.helpers import Writer, adr, scan_folder


def test_backlinks_count_repository_and_site_style_links_once(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": adr(1, "First"),
            "adr/0002-b.md": adr(2, "Second").replace(
                "What we chose.",
                "Builds on [one](0001-a.md) and [again][a].\n\n[a]: ./0001-a.md#context",
            ),
            "design/x.md": "---\nkind: design\nstatus: draft\nowner: a\n---\n# X\n\nSee [ADR 1](../adr/0001-a.md).\n\n```\n[not a link](../adr/0002-b.md)\n```\n",
        }
    )
    result = scan_folder(root)
    docs = {d.id: d for d in result.documents}
    assert [d.id for d in result.refs.referenced_by(docs["ADR-0001"])] == ["ADR-0002", "x"]
    assert result.refs.referenced_by(docs["ADR-0002"]) == []


def test_mentions_become_links_with_tooltips_outside_code_and_links(write_files: Writer) -> None:
    root = write_files(
        {"adr/0012-a.md": adr(12, 'Use "Redis" & co'), "adr/0003-b.md": adr(3, "Other")}
    )
    result = scan_folder(root)
    text = mention_links(result.refs.mention_index(), "guide/page.md")
    page = (
        'See ADR-0012, ADR 12 and ADR-3; not ADR-0099, `ADR-12`, [ADR-12](x.md), <a title="ADR-12">, '
        "https://x.test/ADR-12 or XADR-12.\n```\nADR-12\n```\n"
    )
    out = rewrite(page, text=text)
    tooltip = '"Use &quot;Redis&quot; &amp; co (accepted)"'
    assert out.splitlines()[0] == (
        f"See [ADR-0012](<../adr/0012-a.md> {tooltip}), [ADR 12](<../adr/0012-a.md> {tooltip}) and "
        '[ADR-3](<../adr/0003-b.md> "Other (accepted)"); not ADR-0099, `ADR-12`, [ADR-12](x.md), '
        '<a title="ADR-12">, https://x.test/ADR-12 or XADR-12.'
    )
    assert out.splitlines()[2] == "ADR-12"
    itself = mention_links(result.refs.mention_index(), "adr/0012-a.md")
    assert (
        rewrite("ADR-12 and ADR-3", text=itself)
        == 'ADR-12 and [ADR-3](<0003-b.md> "Other (accepted)")'
    )


def test_links_written_for_the_repository_point_at_the_mounted_page() -> None:
    site = {"/p/adr/0001-x.md": "adr/0001-x.md", "/p/docs/guide/setup.md": "guide/setup.md"}
    from_docs = repository_links("/p/docs/guide/intro.md", "guide/intro.md", site)
    out = rewrite(
        "[a](../../adr/0001-x.md#decision) [b](setup.md) [c](https://x.test/a.md) [d](missing.md)",
        link=from_docs,
    )
    assert (
        out
        == "[a](../adr/0001-x.md#decision) [b](setup.md) [c](https://x.test/a.md) [d](missing.md)"
    )
    definitions = '[x]: ../../adr/0001-x.md#context "ADR-1"\n[y]: <setup.md>\n'
    assert (
        rewrite(definitions, link=from_docs, text=str.upper)
        == '[x]: ../adr/0001-x.md#context "ADR-1"\n[y]: <setup.md>\n'
    )
    from_adr = repository_links("/p/adr/0001-x.md", "adr/0001-x.md", site)
    assert rewrite("[setup](../docs/guide/setup.md)", link=from_adr) == "[setup](../guide/setup.md)"


MARKDOWN_BITS = st.sampled_from(
    [
        "ADR-1",
        "ADR 12",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "<b>",
        "http://x.test/",
        "\n",
        "```\n",
        "    ",
        "- ",
        " ",
        "a",
        "!",
        "#",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_BITS, max_size=40).map("".join))
def test_rewriting_with_no_changes_gives_back_the_same_markdown(text: str) -> None:
    assert rewrite(text, link=lambda target: None, text=lambda plain: plain) == text
