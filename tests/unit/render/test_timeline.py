"""The decision timeline: months, entries, supersessions named on both ends, escaping."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_asyncops.render.timeline import timeline_page
from tests.helpers import Writer, adr, scan_folder

HOSTILE = '<script>alert(1)</script> & "q" ]]>'


def with_front(number: int, title: str, status: str, front: str = "") -> str:
    return adr(number, title).replace("status: accepted", f"status: {status}\n{front}".rstrip())


def decisions(write_files: Writer) -> Path:
    return write_files(
        {
            "adr/0001-use-mysql.md": with_front(
                1, "Use MySQL", "superseded", "date: 2024-01-05"
            ).replace("date: 2024-03-01\n", ""),
            "adr/0002-use-postgres.md": with_front(
                2, "Use PostgreSQL", "accepted", "supersedes: [1]"
            ).replace("date: 2024-03-01", "date: 2024-03-20"),
            "adr/0003-cache.md": with_front(3, "Cache", "proposed", f"title: '{HOSTILE}'"),
            "adr/0004-undated.md": with_front(4, "No date", "proposed").replace(
                "date: 2024-03-01\n", ""
            ),
        }
    )


def site_html(page, url_for=lambda path: f"/{path}") -> str:
    markdown, blocks = page.slotted()
    return "".join(b if isinstance(b, str) else b.html(url_for) for b in _parts(markdown, blocks))


def _parts(markdown: str, blocks: list) -> list:
    out = []
    for piece in re.split(r'<div data-asyncops-table="(\d+)"></div>', markdown):
        out.append(blocks[int(piece)] if piece.isdigit() else piece)
    return out


def test_entries_by_month_newest_first_and_undated_last(write_files: Writer) -> None:
    root = decisions(write_files)
    page = timeline_page(scan_folder(root, "adr"), "handbook/timeline.md", "handbook/decisions.md")
    markdown = page.markdown("handbook/timeline.md")
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings == ["Mar 2024", "Jan 2024", "Undated"]
    ids = re.findall(r"\[(ADR-\d+)\]", markdown)
    assert ids == ["ADR-0002", "ADR-0003", "ADR-0001", "ADR-0004"]  # the 20th before the 1st
    assert "[Every decision with all its relations: the decision log](decisions.md)" in markdown


def test_supersessions_are_named_and_linked_on_both_entries(write_files: Writer) -> None:
    root = decisions(write_files)
    html = site_html(timeline_page(scan_folder(root, "adr"), "handbook/timeline.md", "x.md"))
    old = re.search(r'<li class="[^"]*" id="timeline-adr-0001">.*?</ul></li>', html).group(0)
    assert "asyncops-timeline-superseded" in old  # the greyed dot, and the words:
    assert re.search(
        r'<span class="asyncops-timeline-words">superseded by</span> '
        r'<a href="#timeline-adr-0002">ADR-0002</a> '
        r'<span class="asyncops-timeline-other">Use PostgreSQL</span>',
        old,
    )
    new = re.search(r'id="timeline-adr-0002">.*?</ul></li>', html).group(0)
    assert (
        '<span class="asyncops-timeline-words">supersedes</span> <a href="#timeline-adr-0001">'
        in new
    )
    assert (
        '<a class="asyncops-timeline-title" href="/0002-use-postgres.md">Use PostgreSQL</a>' in new
    )
    assert 'data-status="accepted"' in new  # the status badge


def test_titles_are_escaped(write_files: Writer) -> None:
    root = decisions(write_files)
    page = timeline_page(scan_folder(root, "adr"), "handbook/timeline.md", "x.md")
    html = site_html(page)
    assert "<script>" not in html and "]]>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; ]]&gt;" in html
    assert "<script>" not in page.markdown("handbook/timeline.md")


def test_no_decisions_says_so(write_files: Writer) -> None:
    root = write_files({"docs/index.md": "# Home\n"})
    page = timeline_page(scan_folder(root, "docs"), "handbook/timeline.md", "x.md")
    assert page.markdown("handbook/timeline.md").endswith("*No decisions recorded yet.*\n")
