"""Hostile input through a full build: exact diagnostics, and nothing from input runs in the site.

Frontmatter values and headings reach the generated pages, the document headers, the navigation
and page titles, and asyncops.json. In the HTML they must arrive as text: no element, attribute,
event handler or `javascript:`/`data:` URL of the input's making. A document's own body is the
author's Markdown, rendered as MkDocs renders any page (ADR-0016), so it is left out of the scan.
"""

from __future__ import annotations

import json
import logging
import re
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import VALID, Writer, adr
from tests.helpers.site import MERMAID, build_site, mkdocs_yml
from tests.site.test_plugin import failed_build

SCRIPT = "<script>alert(1)</script>"
OPTIONS = "      sources: [adr, integrations, postmortems]\n      today: 2024-04-01\n"

HOSTILE = {
    "mkdocs.yml": mkdocs_yml(OPTIONS) + MERMAID,
    "docs/index.md": "# Home\n",
    "adr/0001-heading.md": adr(1, f"{SCRIPT} & [click](javascript:alert(1))")
    .replace(
        "deciders: [Ana, Bo]",
        "deciders: ['<img src=x onerror=alert(1)>', '[x](javascript:alert(1))']\n"
        "tags: ['<b>bold</b>', 'javascript:alert(1)']\nsuperseded_by: [2]",
    )
    .replace("status: accepted", "status: superseded"),
    "adr/0002-frontmatter.md": adr(2, "Plain").replace(
        "status: accepted",
        f'status: accepted\ntitle: "{SCRIPT} [x](data:text/html,hi)"\nsupersedes: [1]',
    ),
    "integrations/evil.md": VALID["integrations/salesforce.md"]
    .replace("owner: Chen Wu", "owner: '<svg onload=alert(3)>'")
    .replace("# Salesforce", '# Evil <iframe src="javascript:alert(4)"></iframe>'),
    "postmortems/2024-03-02-outage.md": VALID["postmortems/2024-03-02-queue-outage.md"].replace(
        "- [ ] Alert on disk at 80% (Bo Li, 2024-03-10)",
        "- [ ] <script>alert(5)</script> [fix](javascript:alert(6)) (<b onmouseover=steal>Bo</b>, 2024-03-10)\n"
        "- [ ] <img src=x onerror=alert(7)> unowned",
    ),
}


class _Unsafe(HTMLParser):
    """Markup that must never come from input: event handlers, script URLs, scripts that alert."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            url = (value or "").strip().casefold()
            if name.startswith("on") or url.startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "img") or (tag == "b" and attrs):
            self.found.append(f"<{tag}>")
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data}")


def unsafe_markup(html: str) -> list[str]:
    parser = _Unsafe()
    parser.feed(html)
    return parser.found


def outside_the_authored_body(html: str) -> str:
    """A document page without what its author wrote: its H1 and the Markdown after the header."""
    head, found, rest = html.partition('<div class="asyncops-header">')
    if not found:
        return html
    head = re.sub(r"<h1 id=[^>]*>.*?</h1>", "", head, count=1, flags=re.DOTALL)
    header, _, _ = rest.partition("</dl>\n</div>")
    return head + found + header


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The hostile handbook built once: its site folder and the warnings the build logged."""
    root = tmp_path_factory.mktemp("hostile")
    for name, text in HOSTILE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        site = build_site(root)
    finally:
        logger.removeHandler(handler)
    return site, [r.getMessage() for r in handler.records if r.levelno >= logging.WARNING]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_build_reports_exactly_the_unreadable_action_items(
    hostile: tuple[Path, list[str]],
) -> None:
    _, warnings = hostile
    assert warnings == [
        (
            "mkdocs_asyncops: postmortems/2024-03-02-outage.md:24: ASY310 action-item-unassigned: open action item "
            "'<img src=x onerror=alert(7)> unowned' names no owner and no due date; "
            "end the line with `(Owner, YYYY-MM-DD)`"
        ),
    ]


def test_no_page_carries_markup_from_input(hostile: tuple[Path, list[str]]) -> None:
    site, _ = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 9
    for html_file in pages:
        text = outside_the_authored_body(html_file.read_text(encoding="utf-8"))
        assert unsafe_markup(text) == [], html_file.relative_to(site)


def test_titles_reach_navigation_and_page_titles_as_text(hostile: tuple[Path, list[str]]) -> None:
    site, _ = hostile
    heading = page(site, "adr/0001-heading")
    assert "<title>1. alert(1) &amp; click - Test handbook</title>" in heading
    frontmatter = page(site, "adr/0002-frontmatter")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; [x](data:text/html,hi) - " in frontmatter
    nav = 'class="dropdown-item">&lt;script&gt;alert(1)&lt;/script&gt; [x](data:text/html,hi)</a>'
    assert nav in page(site, "handbook/decisions")


def test_generated_pages_show_every_hostile_value_escaped(hostile: tuple[Path, list[str]]) -> None:
    site, _ = hostile
    log = page(site, "handbook/decisions")
    assert '<a href="../../adr/0001-heading/">alert(1) &amp; click</a></td>' in log
    assert (
        '<td class="asyncops-col-people asyncops-find">'
        '<a href="../people/#person-img-src-x-onerror-alert-1">&lt;img src=x onerror=alert(1)&gt;</a>, '
        '<a href="../people/#person-x-javascript-alert-1">[x](javascript:alert(1))</a></td>'
    ) in log
    assert (
        '<span class="asyncops-badge asyncops-tag-b-bold-b" data-tag="b-bold-b">&lt;b&gt;bold&lt;/b&gt;</span>'
        in log
    )
    assert (
        'n1["ADR-0002: #lt;script#gt;alert(1)#lt;/script#gt; [x](data:text/html,hi) (accepted)"]'
        in log
    )  # the Mermaid label
    assert "<td>&lt;svg onload=alert(3)&gt;</td>" in page(site, "handbook/integrations")
    boards = page(site, "handbook/postmortems")
    assert "<td>&lt;script&gt;alert(5)&lt;/script&gt; [fix](javascript:alert(6))</td>" in boards
    assert "<td>&lt;b onmouseover=steal&gt;Bo&lt;/b&gt;</td>" in boards
    assert "open action item &#x27;&lt;img src=x onerror=alert(7)&gt; unowned&#x27;" in page(
        site, "handbook"
    )


def test_document_headers_show_people_tags_and_relations_escaped(
    hostile: tuple[Path, list[str]],
) -> None:
    site, _ = hostile
    header = outside_the_authored_body(page(site, "adr/0001-heading"))
    assert (
        '<dt>Deciders</dt><dd><a class="asyncops-person" href="../../handbook/people/#person-img-src-x-onerror-alert-1">'
        "&lt;img src=x onerror=alert(1)&gt;</a>, "
        '<a class="asyncops-person" href="../../handbook/people/#person-x-javascript-alert-1">'
        "[x](javascript:alert(1))</a></dd>"
    ) in header
    people = page(site, "handbook/people")
    assert (
        '<h2 id="person-img-src-x-onerror-alert-1">&lt;img src=x onerror=alert(1)&gt;</h2>'
        in people
    )
    assert '<span class="asyncops-badge asyncops-tag">&lt;b&gt;bold&lt;/b&gt;</span>' in header
    assert (
        'title="&lt;script&gt;alert(1)&lt;/script&gt; [x](data:text/html,hi) (accepted)">ADR-0002</a>'
        in header
    )
    assert (
        '<dt>Owner</dt><dd><a class="asyncops-person" href="../../handbook/people/#person-svg-onload-alert-3">'
        "&lt;svg onload=alert(3)&gt;</a></dd>"
    ) in page(site, "integrations/evil")


def test_the_export_keeps_the_values_exactly_as_written(hostile: tuple[Path, list[str]]) -> None:
    site, _ = hostile
    data = json.loads((site / "asyncops.json").read_text(encoding="utf-8"))
    records = {r["path"]: r for r in data["records"]}
    assert records["adr/0001-heading.md"]["title"] == "alert(1) & click"
    assert records["adr/0002-frontmatter.md"]["title"] == f"{SCRIPT} [x](data:text/html,hi)"
    assert records["integrations/evil.md"]["frontmatter"]["owner"] == "<svg onload=alert(3)>"
    assert [item["owner"] for item in data["boards"]["action_items"]] == [
        "<b onmouseover=steal>Bo</b>",
        None,
    ]


@pytest.mark.parametrize(
    ("target", "line"),
    [
        ("javascript:alert(1)", 5),
        ("data:text/html,<script>alert(1)</script>", 5),
        ("../../etc/passwd", 5),
    ],
)
def test_relations_aimed_anywhere_but_a_document_fail_the_build_by_name(
    write_files: Writer, caplog: pytest.LogCaptureFixture, target: str, line: int
) -> None:
    text = adr().replace("deciders: [Ana, Bo]", f"deciders: [Ana, Bo]\nrelates_to: ['{target}']")
    root = write_files(
        {"mkdocs.yml": mkdocs_yml(), "docs/index.md": "# Home\n", "adr/0001-x.md": text}
    )
    assert failed_build(root, caplog) == (
        "asyncops: 1 error in the handbook:\n"
        f"  adr/0001-x.md:{line}: ASY301 broken-reference: relates to '{target}', but no document matches it; "
        "give an id (ADR-0003), a number or a file name that exists"
    )


def test_a_huge_deeply_nested_document_builds_in_bounded_memory(write_files: Writer) -> None:
    # The 100k-line version runs as benchmarks/huge_build.py; here 6k lines keep the suite quick.
    body = "ADR-2 says so; see [the other](0002-y.md) and `code`.\n\n" * 3_000
    sections = "".join(f"## Section {i}\ntext\n" for i in range(1_000))
    nested = "".join("  " * depth + "- item\n" for depth in range(300)) + ">" * 1_000 + " quote\n"
    root = write_files(
        {
            # In this process, so that tracemalloc sees every stage.
            "mkdocs.yml": mkdocs_yml("      sources: [adr]\n      parallel: false"),
            "docs/index.md": "# Home\n",
            "adr/0001-x.md": adr().replace("The forces at play.\n", body) + sections,
            "adr/0002-y.md": adr(2, "Nested").replace("What follows.\n", nested),
        }
    )
    tracemalloc.start()
    try:
        site = build_site(root, strict=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    built = page(site, "adr/0001-x")
    assert built.count('<a href="../0002-y/">the other</a>') == 3_000
    assert built.count('<a href="../0002-y/" title="Nested (accepted)">ADR-2</a>') == 3_000
    assert '<h2 id="section-999">Section 999' in built
    assert peak < 100_000_000  # about 22 MB measured; a blow-up in any stage exceeds it


class _Mentions(HTMLParser):
    """Every element of a page, and the title and text of each link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[tuple[str | None, str]] = []
        self._title: str | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self._title, self._text = dict(attrs).get("title"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._text is not None:
            self.links.append((self._title, "".join(self._text)))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


@pytest.mark.parametrize(
    "title",
    [
        "Use f('x') <img src=x onerror=alert(1)>",
        'Say "hi" \\ then \\" and `code` &amp; *not* [em](x) \\*',
        'Close ") <b onmouseover=alert(2)>x</b> (',
    ],
)
def test_a_mention_of_an_adr_with_a_hostile_title_shows_the_title_exactly(
    write_files: Writer, title: str
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      sources: [adr]\n      today: 2024-04-01\n"),
            "docs/index.md": "# Home\n\nWe follow ADR-0001 here, and ADR 1 again.\n",
            "adr/0001-hostile.md": adr(1, "Plain").replace(
                "status: accepted", f"status: accepted\ntitle: {json.dumps(title)}"
            ),
        }
    )
    parsed = _Mentions()
    parsed.feed((build_site(root) / "index.html").read_text(encoding="utf-8"))
    mentions = [link for link in parsed.links if link[1] in ("ADR-0001", "ADR 1")]
    assert mentions == [(f"{title} (accepted)", "ADR-0001"), (f"{title} (accepted)", "ADR 1")]
    assert "img" not in parsed.tags and "b" not in parsed.tags


class _StatusMarks(HTMLParser):
    """The class and title of each of mkdocs-material's status marks in the navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "span" and "md-status" in (found.get("class") or ""):
            self.marks.append((found.get("class") or "", found.get("title")))


def test_hostile_statuses_reach_materials_navigation_marks_as_text(write_files: Writer) -> None:
    mark = "<img src=x onerror=alert(1)>"
    quoted = '"x" onload=alert(2) title="'
    options = (
        "      sources: [adr]\n      today: 2024-04-01\n      rules: {unknown-status: warning}\n"
        f"      kinds: {{adr: {{statuses: [accepted, {json.dumps(quoted)}]}}}}\n"
    )
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(options) + "theme: material\n",
            "docs/index.md": f"---\nstatus: {json.dumps(mark)}\n---\n# Home\n",
            "adr/0001-a.md": adr(1, "A").replace("status: accepted", f"status: {json.dumps(mark)}"),
            "adr/0002-b.md": adr(2, "B").replace(
                "status: accepted", f"status: {json.dumps(quoted)}"
            ),
        }
    )
    site = build_site(root)
    for generated in site.rglob("*.html"):  # headers, decision log (tables, Mermaid), boards
        assert (
            unsafe_markup(outside_the_authored_body(generated.read_text(encoding="utf-8"))) == []
        ), generated
    for path in ("index.html", "adr/0001-a/index.html", "adr/0002-b/index.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert unsafe_markup(outside_the_authored_body(html)) == [], path
        marks = _StatusMarks()
        marks.feed(html)
        assert set(marks.marks) == {  # a document's status folded, as its kind's statuses are
            ('md-status md-status--"x"-onload=alert(2)-title="', quoted),
            ("md-status md-status--<img src=x onerror=alert(1)>", None),
            ("md-status md-status--<img-src=x-onerror=alert(1)>", None),
        }, path
