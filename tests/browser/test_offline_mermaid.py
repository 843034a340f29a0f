"""With `mermaid_js`, the decision graph draws in a browser that cannot reach any CDN (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import Writer, adr
from tests.helpers.browser import served
from tests.helpers.site import MERMAID, build_site, mkdocs_yml


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_the_graph_draws_offline_from_the_local_copy(
    write_files: Writer, browser: object, mermaid_js: Path | None, theme: str
) -> None:
    if mermaid_js is None:
        pytest.skip("no local copy of Mermaid to publish")
    options = "      sources: [adr]\n      mermaid_js: vendor/mermaid.min.js"
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(options) + MERMAID + f"theme: {{name: {theme}}}\n",
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace(
                "status: accepted", "status: superseded\nsuperseded_by: [2]"
            ),
            "adr/0002-b.md": adr(2, "B").replace(
                "status: accepted", "status: accepted\nsupersedes: [1]"
            ),
        }
    )
    (root / "vendor").mkdir()
    shutil.copyfile(mermaid_js, root / "vendor" / "mermaid.min.js")
    site = build_site(root, strict=True)
    outside: list[str] = []
    with served(site) as url:
        page = browser.new_page()
        try:
            page.add_init_script(  # Material draws into a closed shadow root; open it
                "const attach = Element.prototype.attachShadow;"
                "Element.prototype.attachShadow = function (init) {"
                " return attach.call(this, {...init, mode: 'open'}); };"
            )
            page.route(
                lambda where: not where.startswith(url),
                lambda route: (outside.append(route.request.url), route.abort()),
            )
            page.goto(url + "handbook/decisions/", wait_until="networkidle")
            page.wait_for_selector(".mermaid svg", timeout=10_000)
            labels = page.eval_on_selector_all(
                ".mermaid svg .nodeLabel", "nodes => nodes.map(n => n.textContent)"
            )
        finally:
            page.close()
    assert len(labels) == 2 and any("ADR-0002" in label for label in labels)
    assert not [where for where in outside if "mermaid" in where]
