"""The decision graph draws without a CDN: `mermaid_js` publishes a local Mermaid (issue 15)."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from tests.helpers import Writer, adr
from tests.helpers.site import MERMAID, build_site, mkdocs_yml

LOCAL = "window.mermaid = {initialize() {}, run() {}};\n"


def superseding() -> dict[str, str]:
    return {
        "docs/index.md": "# Home\n",
        "adr/0001-a.md": adr().replace(
            "status: accepted", "status: superseded\nsuperseded_by: [2]"
        ),
        "adr/0002-b.md": adr(2, "B").replace(
            "status: accepted", "status: accepted\nsupersedes: [1]"
        ),
    }


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_a_local_mermaid_is_published_and_loaded_instead_of_the_cdn(
    write_files: Writer, theme: str
) -> None:
    options = "      sources: [adr]\n      mermaid_js: vendor/mermaid.min.js"
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(options) + MERMAID + f"theme: {{name: {theme}}}\n",
            "vendor/mermaid.min.js": LOCAL,
            **superseding(),
        }
    )
    site = build_site(root, strict=True)
    published = site / "assets" / "asyncops" / "mermaid.min.js"
    assert published.read_text(encoding="utf-8") == LOCAL
    log = (site / "handbook" / "decisions" / "index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid">' in log
    assert 'src="../../assets/asyncops/mermaid.min.js"' in log and "unpkg" not in log


def test_a_mermaid_url_is_loaded_as_given(write_files: Writer) -> None:
    url = "https://intranet.example/js/mermaid.min.js"
    options = f"      sources: [adr]\n      mermaid_js: {url}"
    root = write_files(
        {"mkdocs.yml": mkdocs_yml(options) + MERMAID + "theme: material\n", **superseding()}
    )
    site = build_site(root, strict=True)
    log = (site / "handbook" / "decisions" / "index.html").read_text(encoding="utf-8")
    assert f'src="{url}"' in log and not (site / "assets" / "asyncops" / "mermaid.min.js").exists()


def test_a_missing_mermaid_file_is_a_configuration_error_naming_the_option(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    options = "      sources: [adr]\n      mermaid_js: vendor/missing.js"
    root = write_files({"mkdocs.yml": mkdocs_yml(options) + MERMAID, **superseding()})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="BuildError"):
        build_site(root)
    (message,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("asyncops:")]
    assert message == "asyncops: mermaid_js: no file at 'vendor/missing.js'"
