"""The document header and the escaping of generated Markdown, without MkDocs."""

from __future__ import annotations

from mkdocs_asyncops.core.escape import md_text, mermaid_label
from mkdocs_asyncops.render.header import (
    header_context,
    render_header,
    template_environment,
    with_header,
)
from tests.helpers import Writer, adr, scan_folder


def test_header_shows_people_dates_relations_and_a_successor_notice(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": adr(1, "Old <b>way</b>").replace(
                "status: accepted", "status: superseded"
            ),
            "adr/0002-b.md": adr(2, "New way").replace(
                "status: accepted", "status: accepted\nsupersedes: [1]"
            ),
        }
    )
    checked = scan_folder(root)
    old, new = sorted(checked.documents, key=lambda d: d.path)
    urls = {doc.source.src_uri: f"/{doc.id}/" for doc in checked.documents}
    html = render_header(template_environment(), header_context(old, checked), urls.__getitem__)
    assert "\n\n" not in html
    assert '<p class="admonition-title">This ADR is superseded</p>' in html
    assert '<a href="/ADR-0002/" title="New way">ADR-0002: New way</a>' in html
    assert (
        "<dt>Deciders</dt><dd>Ana, Bo</dd>" in html and "<dt>Date</dt><dd>2024-03-01</dd>" in html
    )
    assert (
        '<dt>Superseded by</dt><dd><a href="/ADR-0002/" title="New way (accepted)">ADR-0002</a></dd>'
        in html
    )
    assert "Old way" not in html  # its own title is the page's heading, not repeated
    current = render_header(template_environment(), header_context(new, checked), lambda uri: "x/")
    assert "admonition" not in current and 'title="Old way (superseded)">ADR-0001</a>' in current


def test_a_custom_dir_template_overrides_the_packaged_header(write_files: Writer) -> None:
    root = write_files(
        {"adr/0001-a.md": adr(1), "theme/asyncops/header.html": "<p>{{ kind }}: {{ status }}</p>\n"}
    )
    checked = scan_folder(root, "adr")
    env = template_environment([root / "theme"])
    assert (
        render_header(env, header_context(checked.documents[0], checked), lambda uri: "")
        == "<p>ADR: accepted</p>"
    )


def test_header_goes_under_the_title_never_into_code() -> None:
    assert (
        with_header('<h1 id="t">Title</h1>\n<p>Text</p>', "<div>H</div>")
        == '<h1 id="t">Title</h1>\n<div>H</div>\n\n<p>Text</p>'
    )
    code_first = "<pre><code># a comment\n&lt;h1&gt;no&lt;/h1&gt;</code></pre>\n<h1>Title</h1>"
    assert with_header(code_first, "<div>H</div>") == code_first + "\n<div>H</div>\n"
    assert with_header("<p>Text only</p>", "<div>H</div>") == "<div>H</div>\n<p>Text only</p>"
    assert with_header("<h2>Not a title</h2><h1\nclass='x'>T</h1 >", "H").endswith("</h1 >\nH\n")


def test_text_from_frontmatter_cannot_become_markup_or_links() -> None:
    assert md_text("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert md_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert md_text("a | b *c* `d`") == "a \\| b \\*c\\* \\`d\\`"
    assert mermaid_label('Use "A" <b> & #1') == "Use #quot;A#quot; #lt;b#gt; #amp; #35;1"
